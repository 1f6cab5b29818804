"""The schema: the domains' queries and mutations (gql/resolvers/<domain>.py) merged, with the
limits that protect the server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from graphql.execution.middleware import MiddlewareManager
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry import relay
from strawberry.extensions import AddValidationRules, ParserCache, SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, ExecutionResult

from gql.compiled.extension import CompiledReads
from gql.errors import IdsCap, code_errors, log_errors
from gql.limits import RequestLimits, hides_suggestions
from gql.portal_guard import PortalGuard
from gql.portal_guard import applies as portal_guard_applies
from gql.resolvers.api_keys import ApiKeyMutations, ApiKeyQueries
from gql.resolvers.audit import AuditQueries
from gql.resolvers.auth import AuthMutations, AuthQueries
from gql.resolvers.broadcasts import BroadcastMutations, BroadcastQueries
from gql.resolvers.cdrs import CdrMutations
from gql.resolvers.clis import CliMutations
from gql.resolvers.contacts import ContactMutations, ContactQueries
from gql.resolvers.customers import CustomerMutations, CustomerQueries
from gql.resolvers.exports import ExportMutations
from gql.resolvers.invoices import InvoiceMutations, InvoiceQueries
from gql.resolvers.messaging import MessagingMutations, MessagingQueries
from gql.resolvers.numbers import NumberMutations
from gql.resolvers.payments import PaymentMutations, PaymentQueries
from gql.resolvers.reference import ReferenceQueries
from gql.resolvers.resellers import ResellerMutations, ResellerQueries
from gql.resolvers.roles import RoleMutations, RoleQueries
from gql.resolvers.scheduled_changes import ScheduledChangeMutations, ScheduledChangeQueries
from gql.resolvers.summaries import SummaryQueries
from gql.resolvers.switch import SwitchQueries
from gql.resolvers.users import UserMutations, UserQueries
from gql.scalars import SCALAR_MAP
from services import runtime
from settings import Environment, Settings


@strawberry.type(description="Reads.")
class Query(
    CustomerQueries,
    ContactQueries,
    MessagingQueries,
    BroadcastQueries,
    ApiKeyQueries,
    AuditQueries,
    AuthQueries,
    ReferenceQueries,
    RoleQueries,
    ResellerQueries,
    UserQueries,
    SwitchQueries,
    SummaryQueries,
    InvoiceQueries,
    PaymentQueries,
    ScheduledChangeQueries,
):
    node: relay.Node | None = relay.node(description="Any object by its global id.")
    nodes: list[relay.Node | None] = relay.node(
        description="Objects by their global ids (at most 100).", extensions=[IdsCap()]
    )


@strawberry.type(description="Writes. Each returns a payload whose `errors` say why it was refused.")
class Mutation(
    AuthMutations,
    CustomerMutations,
    ContactMutations,
    MessagingMutations,
    BroadcastMutations,
    ApiKeyMutations,
    NumberMutations,
    CliMutations,
    RoleMutations,
    ResellerMutations,
    UserMutations,
    CdrMutations,
    InvoiceMutations,
    PaymentMutations,
    ScheduledChangeMutations,
    ExportMutations,
):
    """Every domain's mutations (gql/resolvers/<domain>.py), merged."""


def _settings() -> Settings:
    """The settings the request limits are read from, per request: the schema is built once
    per process, while each app (`create_app(settings)`) installs its own runtime."""
    return runtime.current().settings


def _introspection_rules() -> SchemaExtension:
    # The rule is a fixed class, so the validation cache's key stays the same across requests.
    enabled = _settings().introspection_enabled
    return AddValidationRules([] if enabled else [NoSchemaIntrospectionCustomRule])


class TokenLimit(SchemaExtension):
    """The parser's token limit for this request: smaller for anonymous callers, who can only
    log in, refresh a token and read the schema, so unauthenticated work stays small."""

    def on_operation(self) -> Iterator[None]:
        settings = _settings()
        anonymous = self.execution_context.context.actor is None
        limit = settings.max_anonymous_tokens if anonymous else settings.max_tokens
        self.execution_context.parse_options["max_tokens"] = limit
        yield


class SwitchboardSchema(strawberry.Schema):
    def _get_custom_context_kwargs(
        self, operation_extensions: dict[str, Any] | None = None, *, sync: bool = False
    ) -> dict[str, Any]:
        # graphql-core's execute() takes hide_suggestions (variable and argument coercion); this is
        # strawberry's one hook into its keyword arguments.
        kwargs = super()._get_custom_context_kwargs(operation_extensions, sync=sync)
        return {**kwargs, "hide_suggestions": hides_suggestions(_settings())}

    def _get_middleware_manager(self, extensions: list[SchemaExtension]) -> MiddlewareManager:
        # strawberry wraps every field of every request in each extension that implements
        # `resolve`; the portal guard is needed only on portal principals' requests.
        kept = [e for e in extensions if not isinstance(e, PortalGuard) or portal_guard_applies(e)]
        return super()._get_middleware_manager(kept)

    async def execute(
        self, query: str | None, variable_values: dict[str, Any] | None = None, *args: Any, **kwargs: Any
    ) -> ExecutionResult:
        """Every top-level error leaves with a code of gql/error_codes.py, unexpected ones masked:
        coded here, the last step of every request (a parse error, raised in the parser cache,
        skips the extensions' own end-of-operation hooks)."""
        result = await super().execute(query, variable_values, *args, **kwargs)
        if result.errors:
            production = _settings().environment is Environment.PRODUCTION
            result.errors = code_errors(result.errors, self._schema, variable_values, production)
        return result

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # strawberry's own logging writes each error's message and traceback, input included.
        log_errors(errors)


def build_schema() -> strawberry.Schema:
    """The schema; build it once per process (relay's node fields bind to one schema)."""
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: TokenLimit(),
        _introspection_rules,
        # Depth, aliases, cost and repeated fields, then graphql-core's rules (cached).
        lambda: RequestLimits(_settings()),
        # Parsing the same query text again is a large share of a small request's work.
        lambda: ParserCache(maxsize=256),
        # Field-level refusals for portal principals; a middleware only for their requests.
        lambda: PortalGuard(),
        # Last: after the limits and validation above, documents it covers skip per-field execution.
        lambda: CompiledReads(),
    ]
    return SwitchboardSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(relay_max_results=100, scalar_map=SCALAR_MAP),
    )


schema = build_schema()
