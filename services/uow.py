"""The unit of work: one transaction per command, with its audit entries and after-commit jobs."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import OperationalError
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from models import Account, AuditEntry
from models.enums import ActorKind, AuditAction, HttpVerb
from services import jobs
from services.actor import Actor
from services.auditing import Diff
from services.errors import ErrorCode, ServiceError
from services.sqlite_client import is_busy

M = TypeVar("M", bound=Model)
BUSY_MESSAGE = "The database is busy with other changes; nothing was changed. Try again."

VERB_OF_ACTION = {
    AuditAction.CREATE: HttpVerb.POST,
    AuditAction.UPDATE: HttpVerb.PUT,
    AuditAction.DELETE: HttpVerb.DELETE,
    AuditAction.LOGIN: HttpVerb.POST,
    AuditAction.LOGOUT: HttpVerb.POST,
    AuditAction.IMPERSONATE: HttpVerb.POST,
    AuditAction.SEND: HttpVerb.POST,
    AuditAction.GENERATE: HttpVerb.POST,
    AuditAction.SCHEDULE: HttpVerb.POST,
    AuditAction.APPLY: HttpVerb.PUT,
    AuditAction.CANCEL: HttpVerb.PUT,
    AuditAction.EXPORT: HttpVerb.GET,
}


@dataclass
class UnitOfWork:
    actor: Actor
    conn: BaseDBAsyncClient
    reason: str | None
    # When the transaction opened, before any row was locked: for expiry times and the like, never
    # to order changes (a transaction that opened first may get the lock last).
    now: datetime
    _audit: list[AuditEntry] = field(default_factory=list)
    _jobs: list[jobs.Job] = field(default_factory=list)

    def locked(self, queryset: QuerySet[M]) -> QuerySet[M]:
        """The queryset on this transaction, its rows locked until commit (PostgreSQL)."""
        return queryset.using_db(self.conn).select_for_update()

    def stamp(self) -> datetime:
        """The time of a change made now, after its rows were locked: the changes of one record
        are stamped in the order they commit, since each waited for the previous one's lock."""
        return datetime.now(UTC)

    def audit(
        self,
        action: AuditAction,
        table: str,
        record_id: int | str,
        message: str,
        *,
        customer_id: int | None = None,
        diff: Diff | None = None,
        at: datetime | None = None,
    ) -> None:
        """Record one audited change, stamped `at` (default: now, after the change and its locks).

        Entries are inserted just before commit, in the same transaction: after every lock the
        command took, so their ids follow the commit order of each record's changes."""
        actor = self.actor
        self._audit.append(
            AuditEntry(
                account_id=actor.account_id,
                at=at if at is not None else self.stamp(),
                actor_kind=actor.kind,
                actor_user_id=actor.user_id,
                actor_contact_id=actor.contact_id,
                actor_api_key_id=actor.api_key_id,
                on_behalf_of_user_id=actor.on_behalf_of_user_id,
                actor_label=_label(actor)[:200],  # "API key <name>" can outgrow the column
                ip=actor.origin.ip,
                user_agent=(actor.origin.user_agent or "")[:500] or None,
                action=action,
                http_verb=VERB_OF_ACTION[action],
                table_name=table,
                record_id=str(record_id),
                customer_id=customer_id,
                message=message[:500],
                reason=self.reason,
                diff=diff or {},
            )
        )

    @property
    def entries(self) -> list[AuditEntry]:
        """The audit entries recorded so far (not yet written)."""
        return self._audit

    def after_commit(self, job: jobs.Job) -> None:
        """Queue a job (ids only) to be sent once the transaction has committed."""
        self._jobs.append(job)

    async def _flush_audit(self) -> None:
        if self._audit:
            await AuditEntry.bulk_create(self._audit, using_db=self.conn)


def _label(actor: Actor) -> str:
    if actor.kind is ActorKind.CONTACT:
        return "Portal"
    return actor.label


class Rehearsed(Exception):
    """Ends a rehearsed command's transaction: everything it wrote rolls back."""


class CommitGuard(Protocol):
    """Runs inside a command's transaction just before it commits, with its audit entries
    (a scheduled change being applied marks itself APPLIED there); raising rolls it back."""

    async def before_commit(self, uow: UnitOfWork) -> None: ...


_REHEARSE = "rehearse"
# What the next unit of work opened in this context does at its end, beside committing:
# roll back (a rehearsal), or let a guard act first. Taken by that unit of work only.
_AT_COMMIT: ContextVar[str | CommitGuard | None] = ContextVar("switchboard_at_commit", default=None)


async def rehearse(command: Awaitable[Any]) -> None:
    """Run a command up to its commit, then roll it back: every check it makes (locks, reads,
    validation, uniqueness) runs as for real and nothing is written, audited or sent. Raises
    what the command raises (its ServiceError refusals)."""
    token = _AT_COMMIT.set(_REHEARSE)
    try:
        await command
    except Rehearsed:
        return
    finally:
        _AT_COMMIT.reset(token)
    raise RuntimeError("the rehearsed command opened no unit of work")


async def guarded(command: Awaitable[Any], guard: CommitGuard) -> Any:
    """Run a command whose unit of work calls `guard` just before committing."""
    token = _AT_COMMIT.set(guard)
    try:
        return await command
    finally:
        _AT_COMMIT.reset(token)


@asynccontextmanager
async def unit_of_work(
    actor: Actor, reason: str | None = None, *, is_change: bool = True
) -> AsyncIterator[UnitOfWork]:
    """Open the command's one transaction.

    A change (`is_change`) is refused with REASON_REQUIRED, before anything is read, when the
    account demands a reason and none is given. Audit entries are written inside the
    transaction; jobs are dispatched only after it commits and dropped if it rolls back.
    A database too busy to take the change (SQLite's write lock held by another process for
    longer than the busy timeout) is refused with BUSY: nothing was written, the client may retry."""
    reason = (reason or "").strip() or None
    at_commit = _AT_COMMIT.get() if is_change else None
    if at_commit is not None:
        _AT_COMMIT.set(None)  # this unit of work's alone, not any other it may open
    if is_change and reason is None and actor.kind is not ActorKind.SYSTEM:
        await _check_reason_not_required(actor.account_id)
    try:
        async with in_transaction() as conn:
            uow = UnitOfWork(actor=actor, conn=conn, reason=reason, now=datetime.now(UTC))
            yield uow
            if at_commit == _REHEARSE:
                raise Rehearsed()
            if at_commit is not None and not isinstance(at_commit, str):
                await at_commit.before_commit(uow)
            await uow._flush_audit()
    except OperationalError as exc:
        if not is_busy(exc):
            raise
        raise ServiceError.single(ErrorCode.BUSY, BUSY_MESSAGE) from exc
    jobs.dispatch(uow._jobs)


async def _check_reason_not_required(account_id: int) -> None:
    required = await Account.filter(id=account_id).values_list("require_audit_reason", flat=True)
    if required and required[0]:
        raise ServiceError.single(
            ErrorCode.REASON_REQUIRED, "This account requires a reason for every change.", "reason"
        )
