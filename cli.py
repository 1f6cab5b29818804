"""`switchboard serve | worker | scheduler | migrate | demo | export-schema | makemigrations`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

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
    args = parser.parse_args(argv)
    settings = get_settings()
    configure_logging(settings)
    handler: Callable[[], int] = {
        "serve": lambda: _serve(settings, args.host, args.port, args.demo),
        "worker": lambda: _worker(settings),
        "scheduler": lambda: _scheduler(settings),
        "migrate": lambda: _migrate(settings),
        "demo": lambda: _demo(settings),
        "export-schema": lambda: _export_schema(Path(args.output)),
        "makemigrations": lambda: _makemigrations(args.name, args.check),
    }[args.command]
    return handler()


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

    applied = asyncio.run(upgrade(settings.database_url))
    print(f"Migrations applied: {', '.join(applied) if applied else 'none (up to date)'}")
    return 0


def _demo(settings: Settings) -> int:
    from tortoise import Tortoise

    from services.demo import load_demo

    async def run() -> None:
        await Tortoise.init(config=settings.tortoise_config())
        try:
            login = await load_demo()
        finally:
            await Tortoise.close_connections()
        print(f"Login: {login.email} / {login.password}")
        print(f"Partner login: {login.partner_email} / {login.partner_password}")

    asyncio.run(run())
    return 0


def _serve(settings: Settings, host: str, port: int, demo: bool) -> int:
    import uvicorn

    from app import create_app

    _migrate(settings)
    if demo:
        _demo(settings)
    print(f"GraphiQL: http://{host}:{port}/graphql", flush=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
    return 0


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
