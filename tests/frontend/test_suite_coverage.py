"""The front-end suite exercises every query and mutation of schema.graphql: each root field is
selected by a document in operations/, and each of those documents is used by a spec. A new
operation fails here until the suite covers it (pending/README.md says how for the planned ones)."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import FieldNode, OperationDefinitionNode, build_schema, parse

SUITE = Path(__file__).resolve().parent
SCHEMA = SUITE.parents[1] / "schema.graphql"


def documents_in(path: Path) -> list[OperationDefinitionNode]:
    return [d for d in parse(path.read_text()).definitions if isinstance(d, OperationDefinitionNode)]


def documents(folder: Path) -> list[OperationDefinitionNode]:
    return [operation for path in sorted(folder.glob("*.graphql")) for operation in documents_in(path)]


def sources(*folders: Path) -> str:
    return "\n".join(path.read_text() for folder in folders for path in sorted(folder.glob("*.ts")))


def root_fields(operations: list[OperationDefinitionNode]) -> set[str]:
    """What the operations select at the root, as "Query.customers", "Mutation.login"."""
    return {
        f"{operation.operation.value.capitalize()}.{selection.name.value}"
        for operation in operations
        for selection in operation.selection_set.selections
        if isinstance(selection, FieldNode)
    }


def test_every_query_and_mutation_is_selected_by_a_document() -> None:
    schema = build_schema(SCHEMA.read_text())
    wanted = {
        f"{root.name}.{field}"
        for root in (schema.query_type, schema.mutation_type)
        if root is not None
        for field, definition in root.fields.items()
        if definition.deprecation_reason is None  # another name of a field that is covered
    }
    selected = root_fields(documents(SUITE / "operations"))
    pending = root_fields(documents(SUITE / "pending" / "operations"))

    missing = sorted(wanted - selected)
    movable = [field for field in missing if field in pending]
    assert missing == [], (
        f"The front-end suite does not exercise {missing}.\n"
        f"Ready in tests/frontend/pending/ (move them in, see its README.md): {movable}\n"
        "Otherwise add a document under tests/frontend/operations/ and a spec under tests/frontend/specs/."
    )


def test_every_document_is_used_by_a_spec() -> None:
    code = sources(SUITE / "specs", SUITE / "src")
    names = [operation.name.value for operation in documents(SUITE / "operations") if operation.name]

    unused = [name for name in names if not re.search(rf"\b{name}Document\b", code)]

    assert unused == []


def test_pending_files_hold_one_operation_each_used_by_their_spec() -> None:
    """pending/operations/X.graphql and pending/specs/X.test.ts move in together."""
    for path in sorted((SUITE / "pending" / "operations").glob("*.graphql")):
        [operation] = documents_in(path)
        spec = SUITE / "pending" / "specs" / f"{path.stem}.test.ts"
        assert operation.name is not None
        assert re.search(rf"\b{operation.name.value}Document\b", spec.read_text()), spec
