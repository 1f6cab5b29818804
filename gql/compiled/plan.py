"""Plans: a query document's selection, read once against the schema, as what to read and how
to write each response key.

A plan is built per (document, operation name) and cached. Each root field is either fully
covered (every field below it is one this module knows how to write exactly as graphql-core
would) or the whole request goes to the general executor: `Uncovered` is raised while planning,
never while serving. What is covered:

- plain fields of the strawberry types (data attributes without a resolver, arguments or field
  extensions), written with the schema's own scalar and enum serializers, lists included;
- `id` of Node types (the global id), `__typename`;
- connections (`edges { cursor node }`, `pageInfo`, `totalCount`);
- the relations the services read with a page (`RELATIONS`), and the nested connections
  (`NESTED`), through the same service reads as the resolvers;
- aliases, named and inline fragments (on the type or an interface it implements), variables
  (coerced by graphql-core, converted by strawberry, as the general path does).

Directives, other resolver fields and any field with arguments not listed here are not covered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)
from strawberry.types.field import StrawberryField

DEFINITION = "strawberry-definition"


class Uncovered(Exception):
    """The document asks for something the compiled path does not write: the general path serves it."""


# Resolver fields written from what the page read with its rows: (type, field) -> kind.
RELATIONS: dict[tuple[str, str], str] = {
    ("Customer", "tags"): "tags",
    ("Customer", "reseller"): "reseller",
    ("Customer", "accountManager"): "account_manager",
}
# Nested connections read for a whole page in one statement: (type, field) -> kind.
NESTED: dict[tuple[str, str], str] = {("Customer", "contacts"): "contacts"}
# Root fields served compiled: field name -> kind.
ROOTS: dict[str, str] = {"customers": "customers", "contacts": "contacts"}
CONNECTION_FIELDS = frozenset({"edges", "pageInfo", "totalCount", "__typename"})


@dataclass
class Leaf:
    """A plain attribute written with the schema's serializer (`list_depth` lists around it)."""

    attribute: str
    serialize: Callable[[Any], Any]
    nullable: bool
    list_depth: int
    item_nullable: bool
    item_plan: ObjectPlan | None = None  # a list (or object) of plain objects, e.g. DialWindow


@dataclass
class Entry:
    """One response key of an object: how its value is written."""

    key: str
    kind: str  # "typename" | "id" | "leaf" | "relation" | "nested"
    type_name: str = ""
    field_name: str = ""
    leaf: Leaf | None = None
    relation: str = ""
    target: ObjectPlan | None = None  # the object plan of a relation
    connection: ConnectionPlan | None = None  # a nested connection
    nodes: tuple[FieldNode, ...] = ()  # for its arguments, read per request
    definition: GraphQLField | None = None


@dataclass
class ObjectPlan:
    type_name: str
    entries: list[Entry]

    def field_names(self) -> frozenset[str]:
        return frozenset(e.field_name for e in self.entries)


@dataclass
class ConnectionPlan:
    """A connection: its keys in selection order; `node` is the plan of its nodes."""

    type_name: str
    keys: list[tuple[str, str]]  # (response key, field name)
    edge_keys: list[tuple[str, str]] = field(default_factory=list)  # under every `edges` key
    page_info: dict[str, ObjectPlan] = field(default_factory=dict)  # by response key
    node: ObjectPlan | None = None
    wants_total: bool = False
    edge_type: str = ""


@dataclass
class RootPlan:
    key: str
    kind: str
    nodes: tuple[FieldNode, ...]
    definition: GraphQLField
    connection: ConnectionPlan


@dataclass
class Plan:
    roots: list[RootPlan]
    # every (type, field) a response may show, for the portal's field-level check
    shown: frozenset[tuple[str, str]]
    # per root, its row plan (gql/compiled/fast.py) when it is served from plain rows
    row_plans: list[Any] = field(default_factory=list)


def build_plan(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> Plan:
    """The plan of the operation (raises Uncovered for anything not covered)."""
    operation = _operation(document, operation_name)
    if operation.operation is not OperationType.QUERY or operation.directives:
        raise Uncovered("not a plain query")
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    builder = _Builder(schema, fragments)
    query_type = schema.query_type
    assert query_type is not None
    roots = []
    for key, nodes in builder.collect(query_type, [operation.selection_set]).items():
        name = nodes[0].name.value
        if name not in ROOTS:
            raise Uncovered(f"root field {name}")
        definition = query_type.fields[name]
        builder.shown.add(("Query", name))
        connection = builder.connection(_named(definition.type), nodes)
        roots.append(RootPlan(key, ROOTS[name], tuple(nodes), definition, connection))
    return Plan(roots, frozenset(builder.shown))


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        if len(operations) != 1:
            raise Uncovered("operation")
        return operations[0]
    for operation in operations:
        if operation.name is not None and operation.name.value == name:
            return operation
    raise Uncovered("operation")


def _named(type_: GraphQLOutputType) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


class _Builder:
    def __init__(self, schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        self.schema = schema
        self.fragments = fragments
        self.shown: set[tuple[str, str]] = set()

    def collect(
        self, parent: GraphQLObjectType, selection_sets: list[SelectionSetNode]
    ) -> dict[str, list[FieldNode]]:
        """The fields of these selection sets by response key, in the order graphql-core
        writes them (first appearance), fragments that apply to `parent` looked into."""
        grouped: dict[str, list[FieldNode]] = {}
        for selection_set in selection_sets:
            self._collect(parent, selection_set, grouped, set())
        return grouped

    def _collect(
        self,
        parent: GraphQLObjectType,
        selection_set: SelectionSetNode,
        grouped: dict[str, list[FieldNode]],
        visited: set[str],
    ) -> None:
        for selection in selection_set.selections:
            if selection.directives:
                raise Uncovered("directive")
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                grouped.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                if self._applies(
                    parent, selection.type_condition.name.value if selection.type_condition else None
                ):
                    self._collect(parent, selection.selection_set, grouped, visited)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in visited:
                    continue
                visited.add(name)
                fragment = self.fragments.get(name)
                if fragment is None or fragment.directives or fragment.variable_definitions:
                    raise Uncovered("fragment")
                if self._applies(parent, fragment.type_condition.name.value):
                    self._collect(parent, fragment.selection_set, grouped, visited)

    def _applies(self, parent: GraphQLObjectType, condition: str | None) -> bool:
        if condition is None or condition == parent.name:
            return True
        conditional = self.schema.get_type(condition)
        if conditional is None:
            raise Uncovered("unknown type")
        return any(interface.name == condition for interface in parent.interfaces)

    def _subsets(self, nodes: list[FieldNode] | tuple[FieldNode, ...]) -> list[SelectionSetNode]:
        return [node.selection_set for node in nodes if node.selection_set is not None]

    def connection(self, type_: Any, nodes: list[FieldNode] | tuple[FieldNode, ...]) -> ConnectionPlan:
        if not isinstance(type_, GraphQLObjectType) or not type_.name.endswith("Connection"):
            raise Uncovered("not a connection")
        plan = ConnectionPlan(type_.name, [])
        edge_type = _named(type_.fields["edges"].type)
        edge_groups: list[list[FieldNode]] = []
        for key, group in self.collect(type_, self._subsets(nodes)).items():
            name = group[0].name.value
            if name not in CONNECTION_FIELDS:
                raise Uncovered(f"{type_.name}.{name}")
            self.shown.add((type_.name, name))
            plan.keys.append((key, name))
            if name == "totalCount":
                plan.wants_total = True
            elif name == "pageInfo":
                page_info = _named(type_.fields["pageInfo"].type)
                plan.page_info[key] = self.object(page_info, group)
            elif name == "edges":
                edge_groups.append(group)
        if len(edge_groups) > 1:
            raise Uncovered("several edges keys")
        if edge_groups:
            node_nodes: list[FieldNode] = []
            for key, sub in self.collect(edge_type, self._subsets(edge_groups[0])).items():
                name = sub[0].name.value
                if name not in ("cursor", "node", "__typename"):
                    raise Uncovered(f"{edge_type.name}.{name}")
                self.shown.add((edge_type.name, name))
                plan.edge_keys.append((key, name))
                if name == "node":
                    if node_nodes:
                        raise Uncovered("several node keys")
                    node_nodes = sub
            if node_nodes:
                plan.node = self.object(_named(edge_type.fields["node"].type), node_nodes)
        plan.edge_type = edge_type.name
        return plan

    def object(self, type_: Any, nodes: list[FieldNode] | tuple[FieldNode, ...]) -> ObjectPlan:
        if not isinstance(type_, GraphQLObjectType):
            raise Uncovered("abstract type")
        entries = []
        for key, group in self.collect(type_, self._subsets(nodes)).items():
            entries.append(self.entry(type_, key, group))
        return ObjectPlan(type_.name, entries)

    def entry(self, parent: GraphQLObjectType, key: str, group: list[FieldNode]) -> Entry:
        name = group[0].name.value
        if name == "__typename":
            return Entry(key, "typename", parent.name, name)
        if name.startswith("__"):
            raise Uncovered(name)
        definition = parent.fields[name]
        self.shown.add((parent.name, name))
        strawberry_field = definition.extensions.get(DEFINITION)
        if not isinstance(strawberry_field, StrawberryField):
            raise Uncovered(f"{parent.name}.{name}")
        if name == "id" and any(i.name == "Node" for i in parent.interfaces):
            return Entry(key, "id", parent.name, name)
        relation = RELATIONS.get((parent.name, name))
        if relation is not None:
            target = _named(definition.type)
            plan = self.object(target, group) if isinstance(target, GraphQLObjectType) else None
            return Entry(key, "relation", parent.name, name, relation=relation, target=plan)
        nested = NESTED.get((parent.name, name))
        if nested is not None:
            connection = self.connection(_named(definition.type), group)
            return Entry(
                key,
                "nested",
                parent.name,
                name,
                relation=nested,
                connection=connection,
                nodes=tuple(group),
                definition=definition,
            )
        if (
            strawberry_field.base_resolver is not None
            or strawberry_field.extensions
            or definition.args
            or any(node.arguments for node in group)
        ):
            raise Uncovered(f"{parent.name}.{name}")
        return Entry(key, "leaf", parent.name, name, leaf=self.leaf(definition, strawberry_field, group))

    def leaf(
        self, definition: GraphQLField, strawberry_field: StrawberryField, group: list[FieldNode]
    ) -> Leaf:
        type_: Any = definition.type
        nullable = not isinstance(type_, GraphQLNonNull)
        type_ = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        depth = 0
        item_nullable = nullable
        while isinstance(type_, GraphQLList):
            depth += 1
            type_ = type_.of_type
            item_nullable = not isinstance(type_, GraphQLNonNull)
            type_ = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        if depth > 1:
            raise Uncovered("nested lists")
        attribute = strawberry_field.python_name
        if isinstance(type_, GraphQLScalarType | GraphQLEnumType):
            return Leaf(attribute, type_.serialize, nullable, depth, item_nullable)
        if isinstance(type_, GraphQLObjectType):
            return Leaf(attribute, _identity, nullable, depth, item_nullable, self.object(type_, group))
        raise Uncovered("abstract type")


def _identity(value: Any) -> Any:
    return value
