"""Apply, generate and check the two aerich histories (`migrations/postgres`, `migrations/sqlite`).

Generation and the staleness check run offline: they compare the models with the state recorded
in the newest migration file of each history, so no database is needed to write or check them.

Each call runs aerich in a Tortoise context of its own, but the model classes are process-wide:
after a call on one engine they build SQL for that engine until Tortoise is initialised again.
So initialise the app's ORM after migrating (as `switchboard serve` does), and run the checks that
touch both engines (`stale_histories`, `makemigrations`) in a process of their own (the CLI).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import structlog
from aerich import Command
from tortoise.context import TortoiseContext

from settings import tortoise_config

log = structlog.get_logger(__name__)
HISTORIES = Path(__file__).resolve().parent
APP = "models"
# Any URL of the right dialect serves for offline generation: nothing connects to it.
DIALECT_URLS = {
    "postgres": "postgres://postgres@127.0.0.1:5432/postgres",
    "sqlite": "sqlite://:memory:",
}


def engine_of(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgres"


def history_dir(engine: str, root: Path = HISTORIES) -> Path:
    return root / engine


async def upgrade(database_url: str) -> list[str]:
    """Bring the database to the newest migration; a fresh database gets every migration."""
    _ensure_sqlite_dir(database_url)
    command = Command(
        tortoise_config(database_url), app=APP, location=str(history_dir(engine_of(database_url)))
    )
    # A context of its own: aerich's global state must not leak into the caller's ORM.
    async with TortoiseContext():
        await command.init()
        if not await _initialised(command):
            await command.init_db(safe=True)
            return ["(all)"]
        return await command.upgrade(run_in_transaction=True)


async def _initialised(command: Command) -> bool:
    try:
        return bool(await command.get_applied_migrations(APP))
    except Exception:  # noqa: BLE001 - the aerich table does not exist yet
        return False


async def make(engine: str, name: str, root: Path = HISTORIES) -> str | None:
    """Write the next migration of one history; returns its file name, None when current."""
    location = history_dir(engine, root)
    command = Command(tortoise_config(DIALECT_URLS[engine]), app=APP, location=str(location))
    async with TortoiseContext():
        if not any((location / APP).glob("*.py")):
            await command.init_migrations(safe=True)
            return "(initial)"
        await command.init(offline=True)
        _forget_previous_diff()
        with _column_comments_ignored() if engine == "sqlite" else nullcontext():
            return await command.migrate(name, no_input=True, offline=True) or None


@contextmanager
def _column_comments_ignored() -> Iterator[None]:
    """SQLite keeps no column comments, where Tortoise lists an enum's members on PostgreSQL, so
    a changed comment (a new enum member) has nothing to migrate there; aerich refuses it instead
    ("Alter column comment is unsupported in SQLite"). Within this block it is skipped."""
    from aerich.ddl.sqlite import SqliteDDL
    from aerich.migrate import Migrate

    set_comment, add_operator = SqliteDDL.set_comment, Migrate.__dict__["_add_operator"]

    def no_comment(self: SqliteDDL, model: Any, field_describe: dict[str, Any]) -> str:
        return ""

    def add_unless_empty(cls: type[Migrate], operator: str, *args: Any, **kwargs: Any) -> None:
        if operator:
            add_operator.__func__(cls, operator, *args, **kwargs)

    SqliteDDL.set_comment = no_comment  # type: ignore[method-assign]
    Migrate._add_operator = classmethod(add_unless_empty)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        SqliteDDL.set_comment = set_comment  # type: ignore[method-assign]
        Migrate._add_operator = add_operator  # type: ignore[method-assign]


def _forget_previous_diff() -> None:
    """aerich collects a diff's SQL in class attributes and never empties them: without this,
    the second history generated in a process also gets the first one's (other dialect's) SQL."""
    from aerich.migrate import Migrate

    for name in (
        "upgrade_operators",
        "downgrade_operators",
        "_upgrade_fk_m2m_index_operators",
        "_downgrade_fk_m2m_index_operators",
        "_upgrade_m2m",
        "_downgrade_m2m",
    ):
        setattr(Migrate, name, [])
    Migrate._rename_fields = {}
    Migrate._rename_models = {}


async def stale_histories() -> list[str]:
    """The engines whose history lacks a migration for the current models."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for engine in DIALECT_URLS:
            shutil.copytree(history_dir(engine), Path(tmp) / engine)
            if await make(engine, "check", root=Path(tmp)):
                stale.append(engine)
    return stale


def _ensure_sqlite_dir(database_url: str) -> None:
    if database_url.startswith("sqlite://") and ":memory:" not in database_url:
        directory = Path(database_url.removeprefix("sqlite://")).parent
        if not directory.exists():
            # Said out loud: a typo in the path would otherwise go unnoticed behind an empty database.
            log.info("database.directory_created", path=str(directory.resolve()))
            directory.mkdir(parents=True, exist_ok=True)
