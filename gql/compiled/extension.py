"""Where the compiled path hooks in: at execution, after parsing, validation and the request
limits (gql/limits.py) ran as for any request, for query operations only.

Outside production a response says which executor served it (header `X-Switchboard-Executor:
compiled|general`), and a request may ask for the general path (`X-Switchboard-Executor:
general`): the differential test and the benchmark run both executors on one server.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from graphql import ExecutionResult, OperationDefinitionNode, OperationType
from strawberry.extensions import SchemaExtension

from gql.compiled.run import Converter, Plans, serve
from gql.context import Context
from gql.limits import hides_suggestions
from services import runtime
from settings import Environment

HEADER = "x-switchboard-executor"
PLANS = Plans()


class CompiledReads(SchemaExtension):
    """Sets the operation's result from the compiled path when its plan covers the document
    (strawberry then skips graphql-core's execution)."""

    served = "general"

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        context: Context = self.execution_context.context
        if _development() and context.response_headers is not None:
            context.response_headers[HEADER] = self.served

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context: Context = execution.context
        settings = runtime.current().settings
        asked_general = _development() and context.request.headers.get(HEADER) == "general"
        document = execution.graphql_document
        if settings.compiled_reads and not asked_general and document is not None and execution.query:
            data = await _compiled(execution, context, hides_suggestions(settings))
            if data is not None:
                execution.result = ExecutionResult(data=data, errors=None)
                self.served = "compiled"
        yield


def _development() -> bool:
    return runtime.current().settings.environment is not Environment.PRODUCTION


async def _compiled(execution: Any, context: Context, hide_suggestions: bool) -> dict[str, Any] | None:
    schema = execution.schema
    graphql_schema = schema._schema
    document = execution.graphql_document
    plan = PLANS.get(graphql_schema, execution.query, document, execution.operation_name)
    if plan is None:
        return None
    operation = _operation(document.definitions, execution.operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return None
    converter = Converter(schema.schema_converter.scalar_registry, schema.config)
    return await serve(
        plan, graphql_schema, operation, execution.variables, context, converter, hide_suggestions
    )


def _operation(definitions: Any, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name is not None and o.name.value == name), None)
