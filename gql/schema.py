"""The schema: every query and mutation, with the limits that protect the server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry import relay
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from gql.errors import IdsCap, Payload, Refusals, log_errors, masking
from gql.limits import RequestLimits, hides_suggestions
from gql.resolvers import api_keys as api_key_resolvers
from gql.resolvers import audit as audit_resolvers
from gql.resolvers import auth as auth_resolvers
from gql.resolvers import customers as customer_resolvers
from gql.resolvers import messaging as messaging_resolvers
from gql.resolvers import numbers as number_resolvers
from gql.resolvers.auth import LogoutPayload, TokenPayload
from gql.scalars import SCALAR_MAP
from gql.types.accounts import Viewer
from gql.types.api_keys import ApiKey, ApiKeyCreatePayload, ApiKeyRevokePayload
from gql.types.audit import AuditEntry
from gql.types.common import Connection
from gql.types.customer_inputs import (
    CustomerBulkPayload,
    CustomerCreatePayload,
    CustomerDeletePayload,
    CustomerUpdatePayload,
)
from gql.types.customers import Customer
from gql.types.messaging import AccountSettings, AccountSettingsUpdatePayload, Message, MessageTestPayload
from gql.types.numbers import (
    NumberBlockAssignPayload,
    NumberBlockReleasePayload,
    SipUserDeletePayload,
    SipUserPayload,
)
from settings import Settings, get_settings


@strawberry.type(description="Reads.")
class Query:
    node: relay.Node | None = relay.node(description="Any object by its global id.")
    nodes: list[relay.Node | None] = relay.node(
        description="Objects by their global ids (at most 100).", extensions=[IdsCap()]
    )
    viewer: Viewer | None = strawberry.field(
        resolver=auth_resolvers.viewer, description="The principal, or null."
    )
    customers: Connection[Customer] = strawberry.field(
        resolver=customer_resolvers.customers,
        extensions=[Refusals()],
        description="Customers, filtered, searched and sorted. Needs customers:read.",
    )
    customer: Customer | None = strawberry.field(
        resolver=customer_resolvers.customer,
        extensions=[Refusals()],
        description="One customer, or null. Needs customers:read.",
    )
    account_settings: AccountSettings = strawberry.field(
        resolver=messaging_resolvers.account_settings_query,
        extensions=[Refusals()],
        description="The account's settings (secrets read as null). Needs settings:read.",
    )
    messages: Connection[Message] = strawberry.field(
        resolver=messaging_resolvers.messages,
        extensions=[Refusals()],
        description="The outbox, newest first. Needs messaging:send.",
    )
    message: Message | None = strawberry.field(
        resolver=messaging_resolvers.message,
        extensions=[Refusals()],
        description="One message, or null. Needs messaging:send.",
    )
    api_keys: list[ApiKey] = strawberry.field(
        resolver=api_key_resolvers.api_keys_query,
        extensions=[Refusals()],
        description="The account's API keys, newest first (secrets never). Needs settings:read.",
    )
    audit_log: Connection[AuditEntry] = strawberry.field(
        resolver=audit_resolvers.audit_log,
        extensions=[Refusals()],
        description="The account's audit trail, newest first. Needs audit:read.",
    )


@strawberry.type(description="Writes. Each returns a payload whose `errors` say why it was refused.")
class Mutation:
    login: TokenPayload = strawberry.mutation(
        resolver=auth_resolvers.login,
        extensions=[Payload(authenticated=False)],
        description="Log in with e-mail and password.",
    )
    token_refresh: TokenPayload = strawberry.mutation(
        resolver=auth_resolvers.token_refresh,
        extensions=[Payload(authenticated=False)],
        description="Exchange a refresh token for new tokens (the old one is spent).",
    )
    logout: LogoutPayload = strawberry.mutation(
        resolver=auth_resolvers.logout, extensions=[Payload()], description="End the current session."
    )
    customer_create: CustomerCreatePayload = strawberry.mutation(
        resolver=customer_resolvers.customer_create,
        extensions=[Payload()],
        description="Create a customer. Needs customers:write.",
    )
    customer_update: CustomerUpdatePayload = strawberry.mutation(
        resolver=customer_resolvers.customer_update,
        extensions=[Payload()],
        description="Change a customer's fields. Needs customers:write.",
    )
    customer_delete: CustomerDeletePayload = strawberry.mutation(
        resolver=customer_resolvers.customer_delete,
        extensions=[Payload()],
        description="Soft-delete a customer. Needs customers:write.",
    )
    customer_bulk_update: CustomerBulkPayload = strawberry.mutation(
        resolver=customer_resolvers.customer_bulk_update,
        extensions=[Payload()],
        description="Edit many customers at once. Needs customers:write.",
    )
    account_settings_update: AccountSettingsUpdatePayload = strawberry.mutation(
        resolver=messaging_resolvers.account_settings_update,
        extensions=[Payload()],
        description="Change the account's settings (audited, secrets redacted). Needs settings:write.",
    )
    message_test: MessageTestPayload = strawberry.mutation(
        resolver=messaging_resolvers.message_test,
        extensions=[Payload()],
        description="Queue a test e-mail or SMS to check the settings. Needs messaging:send.",
    )
    api_key_create: ApiKeyCreatePayload = strawberry.mutation(
        resolver=api_key_resolvers.api_key_create,
        extensions=[Payload()],
        description="Create an API key; its secret is shown once. Needs settings:write.",
    )
    api_key_revoke: ApiKeyRevokePayload = strawberry.mutation(
        resolver=api_key_resolvers.api_key_revoke,
        extensions=[Payload()],
        description="Revoke an API key at once. Needs settings:write.",
    )
    number_block_assign: NumberBlockAssignPayload = strawberry.mutation(
        resolver=number_resolvers.number_block_assign,
        extensions=[Payload()],
        description="Give a customer the next free internal number block. Needs customers:write.",
    )
    number_block_release: NumberBlockReleasePayload = strawberry.mutation(
        resolver=number_resolvers.number_block_release,
        extensions=[Payload()],
        description="Release a block no SIP user uses; it becomes free again. Needs customers:write.",
    )
    sip_user_create: SipUserPayload = strawberry.mutation(
        resolver=number_resolvers.sip_user_create,
        extensions=[Payload()],
        description="Create a SIP user of a customer. Needs customers:write.",
    )
    sip_user_update: SipUserPayload = strawberry.mutation(
        resolver=number_resolvers.sip_user_update,
        extensions=[Payload()],
        description="Change a SIP user. Needs customers:write.",
    )
    sip_user_delete: SipUserDeletePayload = strawberry.mutation(
        resolver=number_resolvers.sip_user_delete,
        extensions=[Payload()],
        description="Delete a SIP user. Needs customers:write.",
    )
    customer_bulk_create: CustomerBulkPayload = strawberry.mutation(
        resolver=customer_resolvers.customer_bulk_create,
        extensions=[Payload()],
        description="Upload many new customers at once. Needs customers:write.",
    )
    customer_bulk_delete: CustomerBulkPayload = strawberry.mutation(
        resolver=customer_resolvers.customer_bulk_delete,
        extensions=[Payload()],
        description="Soft-delete many customers. Needs customers:write.",
    )


class Limits:
    """The settings the request limits are read from, per request: the schema is built once
    per process, while each app (`create_app(settings)`) brings its own settings."""

    settings: Settings = get_settings()


def use_settings(settings: Settings) -> None:
    Limits.settings = settings


def _introspection_rules() -> SchemaExtension:
    # The rule is a fixed class, so the validation cache's key stays the same across requests.
    enabled = Limits.settings.introspection_enabled
    return AddValidationRules([] if enabled else [NoSchemaIntrospectionCustomRule])


class SwitchboardSchema(strawberry.Schema):
    def _get_custom_context_kwargs(
        self, operation_extensions: dict[str, Any] | None = None, *, sync: bool = False
    ) -> dict[str, Any]:
        # graphql-core's execute() takes hide_suggestions (variable and argument coercion); this is
        # strawberry's one hook into its keyword arguments.
        kwargs = super()._get_custom_context_kwargs(operation_extensions, sync=sync)
        return {**kwargs, "hide_suggestions": hides_suggestions(Limits.settings)}

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # strawberry's own logging writes each error's message and traceback, input included.
        log_errors(errors)


def build_schema() -> strawberry.Schema:
    """The schema; build it once per process (relay's node fields bind to one schema)."""
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=Limits.settings.max_tokens),
        _introspection_rules,
        # Depth, aliases, cost and repeated fields, then graphql-core's rules (cached).
        lambda: RequestLimits(Limits.settings),
        lambda: MaskErrors(should_mask_error=masking(Limits.settings)),
        # Parsing the same query text again is a large share of a small request's work.
        lambda: ParserCache(maxsize=256),
    ]
    return SwitchboardSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(relay_max_results=100, scalar_map=SCALAR_MAP),
    )


schema = build_schema()
