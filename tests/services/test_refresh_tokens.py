"""Refresh from several tabs: a spent refresh token presented again within the grace window gets
the same pair as its first use, also when the refreshes race; past the window it revokes the
session and says so (SESSION_REVOKED). Through the real service, on the test engine."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr

from models import AuthSession, RefreshToken
from services import auth
from services.actor import RequestOrigin
from services.auth import Tokens, sha256
from services.errors import ErrorCode, ServiceError
from settings import Settings
from tests.factories import PASSWORD, make_account, make_user

ORIGIN = RequestOrigin(ip="192.0.2.20", user_agent="tab")
TABS = 5


async def _login(settings: Settings) -> Tokens:
    await make_user(await make_account(), email="ann@example.com")
    return await auth.login(settings, "ann@example.com", PASSWORD, ORIGIN)


async def _spent_seconds_ago(refresh_token: str, seconds: float) -> None:
    used_at = datetime.now(UTC) - timedelta(seconds=seconds)
    assert await RefreshToken.filter(token_hash=sha256(refresh_token)).update(used_at=used_at) == 1


async def _refused_code(settings: Settings, refresh_token: str) -> ErrorCode:
    with pytest.raises(ServiceError) as refused:
        await auth.refresh_tokens(settings, refresh_token)
    return refused.value.errors[0].code


async def _session_of(settings: Settings, access_token: str) -> object:
    actor = await auth.authenticate(settings, access_token, ORIGIN)
    assert actor is not None
    return actor.session_id


async def _open_sessions() -> int:
    return await AuthSession.filter(revoked_at__isnull=True).count()


async def test_simultaneous_refreshes_with_one_token_all_get_the_same_pair(settings: Settings) -> None:
    # given
    first = await _login(settings)

    # when: every tab refreshes with the same token at once
    answers = await asyncio.gather(*(auth.refresh_tokens(settings, first.refresh_token) for _ in range(TABS)))

    # then: one successor, handed to every tab, and the session lives on
    assert len(set(answers)) == 1
    pair = answers[0]
    assert pair.refresh_token != first.refresh_token
    assert await RefreshToken.all().count() == 2
    assert await _open_sessions() == 1
    following = await auth.refresh_tokens(settings, pair.refresh_token)
    assert following.refresh_token not in (first.refresh_token, pair.refresh_token)


async def test_a_spent_token_presented_again_gets_the_first_answer_again(settings: Settings) -> None:
    # given
    first = await _login(settings)
    pair = await auth.refresh_tokens(settings, first.refresh_token)

    # when
    again = await auth.refresh_tokens(settings, first.refresh_token)

    # then: the very same tokens (the access token is signed with the first answer's claims)
    assert again == pair
    assert await RefreshToken.all().count() == 2
    assert await _open_sessions() == 1


async def test_a_spent_token_just_inside_the_window_is_still_answered(settings: Settings) -> None:
    # given: the first use moved back to just inside the window
    first = await _login(settings)
    pair = await auth.refresh_tokens(settings, first.refresh_token)
    await _spent_seconds_ago(first.refresh_token, settings.refresh_grace_seconds - 2)

    # when
    again = await auth.refresh_tokens(settings, first.refresh_token)

    # then: the same refresh token; the access token is of the same session (signed as of the
    # moved first use, so not byte for byte the first one)
    assert again.refresh_token == pair.refresh_token
    assert await _session_of(settings, again.access_token) == await _session_of(settings, pair.access_token)
    assert await _open_sessions() == 1


async def test_a_tab_late_by_one_rotation_follows_the_chain(settings: Settings) -> None:
    # given: one tab refreshed twice while another still holds the first token
    first = await _login(settings)
    second = await auth.refresh_tokens(settings, first.refresh_token)
    third = await auth.refresh_tokens(settings, second.refresh_token)

    # when: the late tab refreshes with the first token, then with what it got
    late = await auth.refresh_tokens(settings, first.refresh_token)
    later = await auth.refresh_tokens(settings, late.refresh_token)

    # then it lands on the same tokens as the busy tab, in the same session
    assert (late, later) == (second, third)
    assert await _open_sessions() == 1


async def test_past_the_window_a_spent_token_revokes_the_session_and_says_so(settings: Settings) -> None:
    # given
    first = await _login(settings)
    pair = await auth.refresh_tokens(settings, first.refresh_token)
    await _spent_seconds_ago(first.refresh_token, settings.refresh_grace_seconds + 1)

    # when
    code = await _refused_code(settings, first.refresh_token)

    # then
    assert code is ErrorCode.SESSION_REVOKED
    assert await _open_sessions() == 0
    assert await _refused_code(settings, pair.refresh_token) is ErrorCode.SESSION_REVOKED
    with pytest.raises(ServiceError) as refused:
        await auth.authenticate(settings, pair.access_token, ORIGIN)
    assert refused.value.errors[0].code is ErrorCode.SESSION_REVOKED


async def test_the_window_is_a_setting(settings: Settings) -> None:
    # given: a token spent 30 s ago (past the default 20 s)
    first = await _login(settings)
    pair = await auth.refresh_tokens(settings, first.refresh_token)
    await _spent_seconds_ago(first.refresh_token, 30)
    assert settings.refresh_grace_seconds == 20

    # when the window is one minute
    longer = settings.model_copy(update={"refresh_grace_seconds": 60.0})

    # then it is answered
    assert (await auth.refresh_tokens(longer, first.refresh_token)).refresh_token == pair.refresh_token
    assert await _open_sessions() == 1


async def test_nothing_but_hashes_of_refresh_tokens_is_stored(settings: Settings) -> None:
    # given
    first = await _login(settings)
    pair = await auth.refresh_tokens(settings, first.refresh_token)

    # then: the rows hold the hashes, and no column holds a token in clear
    rows = await RefreshToken.all().order_by("id").values()
    assert [row["token_hash"] for row in rows] == [sha256(first.refresh_token), sha256(pair.refresh_token)]
    stored = " ".join(str(value) for row in rows for value in row.values())
    assert first.refresh_token not in stored
    assert pair.refresh_token not in stored


async def test_another_secret_key_derives_no_successor_so_a_replay_is_refused(settings: Settings) -> None:
    """Within the window, the answer is the successor the first use stored; a key rotated in
    between derives another one, which is treated as a replay rather than a new token."""
    # given
    first = await _login(settings)
    await auth.refresh_tokens(settings, first.refresh_token)
    rotated = settings.model_copy(
        update={"secret_key": SecretStr("another-key-of-sufficient-length-0123456789")}
    )

    # when
    code = await _refused_code(rotated, first.refresh_token)

    # then
    assert code is ErrorCode.SESSION_REVOKED
    assert await RefreshToken.all().count() == 2
    assert await _open_sessions() == 0
