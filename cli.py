"""`switchboard serve | worker | scheduler | migrate | demo | export-schema | makemigrations | import-cdrs`."""

from __future__ import annotations

import argparse
import asyncio
import errno
import socket
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import SettingsError

from settings import Environment, Settings, get_settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="switchboard", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="migrate, then serve /graphql and /health")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--demo", action="store_true", help="load the demo account and print its login")
    commands.add_parser("worker", help="run the actors from Redis (needs SWITCHBOARD_REDIS_URL)")
    commands.add_parser("scheduler", help="claim and dispatch the periodic jobs (needs Redis)")
    commands.add_parser("migrate", help="bring the database to the newest migration")
    commands.add_parser("demo", help="load the demo account and print its login")
    export = commands.add_parser("export-schema", help="write the GraphQL schema (SDL)")
    export.add_argument("--output", default="schema.graphql")
    make = commands.add_parser("makemigrations", help="write the next migration of both histories")
    make.add_argument("--name", default="update")
    make.add_argument("--check", action="store_true", help="fail if a history lacks a migration")
    cdrs = commands.add_parser("import-cdrs", help="load a CDR file (.csv, .ndjson, .jsonl; .gz too)")
    cdrs.add_argument("file", type=Path)
    cdrs.add_argument("--account", type=int, required=True, help="the account (carrier) id")
    args = parser.parse_args(argv)
    try:
        settings = get_settings()
    except ValidationError as exc:
        sys.exit(f"switchboard: invalid configuration: {_problems(exc)}")
    except SettingsError as exc:  # a list or dict variable that is not JSON
        sys.exit(f"switchboard: invalid configuration: {exc} ({exc.__cause__})")
    configure_logging(settings)
    handler: Callable[[], int] = {
        "serve": lambda: _serve(settings, args.host, args.port, args.demo),
        "worker": lambda: _worker(settings),
        "scheduler": lambda: _scheduler(settings),
        "migrate": lambda: _migrate(settings),
        "demo": lambda: _demo(settings),
        "export-schema": lambda: _export_schema(Path(args.output)),
        "makemigrations": lambda: _makemigrations(args.name, args.check),
        "import-cdrs": lambda: _import_cdrs(settings, args.file, args.account),
    }[args.command]
    return handler()


def _problems(exc: ValidationError) -> str:
    """Pydantic's report as one line, naming the environment variables."""
    problems = []
    for error in exc.errors():
        name = "SWITCHBOARD_" + "_".join(str(part) for part in error["loc"]).upper()
        problems.append(f"{name}: {error['msg'].removeprefix('Value error, ')}")
    return "; ".join(problems)


def configure_logging(settings: Settings) -> None:
    """Structured logs: JSON lines in production, readable key=value lines in development."""
    import logging

    import structlog

    from services.logsafe import SafeFormatter, structlog_exc_info

    production = settings.environment is Environment.PRODUCTION
    renderer = (
        structlog.processors.JSONRenderer() if production else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog_exc_info,  # type and frames, never the exception's text
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
    )
    handler = logging.StreamHandler()
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def _needs_redis(settings: Settings, command: str) -> None:
    if not settings.redis_url:
        sys.exit(
            f"switchboard {command} needs SWITCHBOARD_REDIS_URL; without it, "
            "`switchboard serve` runs the actors and the scheduler in-process."
        )


def _worker(settings: Settings) -> int:
    from workers.broker import run_worker

    _needs_redis(settings, "worker")
    return run_worker(settings)


def _scheduler(settings: Settings) -> int:
    from workers.runtime import scheduler_main

    _needs_redis(settings, "scheduler")
    return asyncio.run(scheduler_main(settings))


def _migrate(settings: Settings) -> int:
    from migrations.runner import upgrade

    with _database_reachable(settings):
        applied = asyncio.run(upgrade(settings.database_url))
    print(f"Migrations applied: {', '.join(applied) if applied else 'none (up to date)'}")
    return 0


def _demo(settings: Settings) -> int:
    from tortoise import Tortoise

    from services.demo import load_demo

    secret_key = _signing_key(settings)

    async def run() -> None:
        await Tortoise.init(config=settings.tortoise_config())
        try:
            login = await load_demo(secret_key)
        finally:
            await Tortoise.close_connections()
        print(f"Login: {login.email} / {login.password}")
        print(f"Partner login: {login.partner_email} / {login.partner_password}")

    with _database_reachable(settings):
        asyncio.run(run())
    return 0


def _import_cdrs(settings: Settings, path: Path, account_id: int) -> int:
    """Load a CDR file through the feed's service, with a progress bar over the file's bytes;
    prints the answer the feed would give (rejected rows with their line and reason)."""
    import orjson
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn, TransferSpeedColumn
    from tortoise import Tortoise

    from services.cdrs.ingest import import_file

    if not path.is_file():
        sys.exit(f"switchboard: no such file: {path}")

    size = path.stat().st_size

    async def run() -> dict[str, object]:
        await Tortoise.init(config=settings.tortoise_config())
        columns = (BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn())
        try:
            with Progress(*columns, transient=True) as bar:
                task = bar.add_task("CDRs", total=size)
                result = await import_file(account_id, path, lambda n: bar.advance(task, n))
        finally:
            await Tortoise.close_connections()
        return result.as_json()

    with _database_reachable(settings):
        answer = asyncio.run(run())
    print(orjson.dumps(answer).decode())
    return 0


def _signing_key(settings: Settings) -> str:
    """The key tokens are signed with; a short key file stops here, not at the first login."""
    try:
        return settings.signing_key()
    except ValueError as exc:
        sys.exit(f"switchboard: invalid configuration: {exc}")


@contextmanager
def _database_reachable(settings: Settings) -> Iterator[None]:
    """Exit with one line, not a traceback, when the database cannot be reached at all."""
    import asyncpg
    from tortoise.exceptions import DBConnectionError

    try:
        yield
    except (OSError, DBConnectionError, asyncpg.InvalidAuthorizationSpecificationError) as exc:
        where = settings.database_url.split("@")[-1]  # never the password
        sys.exit(f"switchboard: cannot reach the database {where}: {type(exc).__name__}: {exc}")


def _serve(settings: Settings, host: str, port: int, demo: bool) -> int:
    # The address first: a second `serve` on a busy port stops before it migrates or touches
    # the demo account, so the instance already running keeps its printed login (and before
    # the app's imports, so it says so at once).
    listener = _listen(host, port)
    import uvicorn

    from app import create_app

    _signing_key(settings)
    _migrate(settings)
    if demo:
        _demo(settings)
    if settings.graphiql_enabled:  # production serves no GraphiQL, so names none
        print(f"GraphiQL: http://{host}:{port}/graphql", flush=True)
    # uvicorn would take X-Forwarded-For from any peer in FORWARDED_ALLOW_IPS (127.0.0.1 by
    # default); the client address is decided in one place, gql.context.client_ip, from
    # SWITCHBOARD_TRUSTED_PROXIES.
    # log_config=None: uvicorn logs through the handler configure_logging installed, which shows an
    # exception's type and frames but never its text ("Exception in ASGI application" included).
    config = uvicorn.Config(
        create_app(settings), host=host, port=port, log_level="info", proxy_headers=False, log_config=None
    )
    server = uvicorn.Server(config)
    server.run(sockets=[listener])
    return 0 if server.started else 3  # uvicorn's own status for a failed start-up


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on the address, or exit with one line: taken before anything else
    happens, so the address is ours (connections wait in the backlog while we migrate)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn: restarts reuse TIME_WAIT
    try:
        listener.bind((host, port))
        listener.listen(2048)
    except OSError as exc:
        listener.close()
        if exc.errno == errno.EADDRINUSE:
            sys.exit(
                f"switchboard: {host}:{port} is already in use (another `switchboard serve`?); "
                "stop it or pick another --port. Nothing was started or changed."
            )
        sys.exit(f"switchboard: cannot listen on {host}:{port}: {exc.strerror or exc}")
    return listener


def _export_schema(output: Path) -> int:
    from strawberry.printer import print_schema

    from gql.schema import schema

    output.write_text(print_schema(schema) + "\n")
    print(f"Schema written to {output}")
    return 0


def _makemigrations(name: str, check: bool) -> int:
    from migrations.runner import make, stale_histories

    if check:
        stale = asyncio.run(stale_histories())
        if stale:
            print(f"Migrations missing for: {', '.join(stale)}. Run `switchboard makemigrations`.")
            return 1
        print("Both migration histories are current.")
        return 0
    for engine in ("postgres", "sqlite"):
        print(f"{engine}: {asyncio.run(make(engine, name)) or 'no changes'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
