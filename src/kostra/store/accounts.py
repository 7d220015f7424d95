"""Accounts: users and their scopes, API tokens, login sessions, and throttling of login guesses.

Passwords are hashed with argon2 (argon2-cffi's defaults, RFC 9106's second recommendation).
Tokens and session ids are random (256 bits) and only their SHA-256 is stored: a stolen copy of
the database gives no way in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kostra.errors import KostraError, Reason
from kostra.intake.access import Principal, Role, check_scope
from kostra.store.models import ApiToken, LoginAttempt, LoginSession, User, UserScope

TOKEN_PREFIX = "kostra_"
MIN_PASSWORD_LENGTH = 10


class AccountError(KostraError, ValueError):
    """An account cannot be made or changed as asked (said in Norwegian)."""

    reason = Reason.UNPROCESSABLE


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2 hash of `password`."""
    return _hasher().hash(password)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# A hash to verify against when the user does not exist, so that a wrong user name takes as long
# as a wrong password and the response time does not tell which user names exist.
@cache
def _decoy_hash() -> str:
    return _hasher().hash(secrets.token_hex(16))


def normalise_username(username: str) -> str:
    """User names compare without case and surrounding spaces."""
    return username.strip().casefold()


def check_password(password: str) -> None:
    """AccountError unless `password` is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"passordet må ha minst {MIN_PASSWORD_LENGTH} tegn")


def add_user(
    session: Session,
    *,
    username: str,
    name: str,
    role: Role,
    scopes: list[str],
    at: datetime,
    email: str | None = None,
    password: str | None = None,
) -> User:
    """A new account. Reporters need one scope, vendors at least one, staff none."""
    username = normalise_username(username)
    if not username or len(username) > 120 or any(ch.isspace() for ch in username):
        raise AccountError("brukernavnet må være 1–120 tegn uten mellomrom")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError(f"brukernavnet «{username}» finnes allerede")
    checked = sorted({check_scope(scope) for scope in scopes})
    if role is Role.REPORTER and len(checked) != 1:
        raise AccountError("en rapportør hører til nøyaktig én kommune, bydel eller Oslo")
    if role is Role.VENDOR and not checked:
        raise AccountError("en fagsystemkonto må høre til minst én kommune")
    if role.is_staff and checked:
        raise AccountError("SSB-brukere ser alle enheter og har ingen kommune")
    if role is Role.VENDOR and password is not None:
        raise AccountError("en fagsystemkonto logger inn med API-nøkkel, ikke passord")
    if role is not Role.VENDOR and password is None:
        raise AccountError("en person må ha et passord")
    if password is not None:
        check_password(password)
    user = User(
        username=username,
        name=name.strip() or username,
        email=(email or "").strip() or None,
        role=role.value,
        password_hash=hash_password(password) if password is not None else None,
        created_at=at,
    )
    session.add(user)
    session.flush()
    session.add_all(UserScope(user_id=user.id, scope=scope) for scope in checked)
    return user


def scopes_of(session: Session, user_id: int) -> frozenset[str]:
    """The scopes of an account."""
    rows = session.scalars(select(UserScope.scope).where(UserScope.user_id == user_id))
    return frozenset(rows)


def principal(session: Session, user: User) -> Principal:
    """The principal of an account."""
    return Principal(
        user.id, user.username, user.name, Role(user.role), scopes_of(session, user.id)
    )


def find_user(session: Session, username: str) -> User | None:
    """The account named `username`, if any."""
    return session.scalar(select(User).where(User.username == normalise_username(username)))


def users(session: Session) -> list[tuple[User, frozenset[str]]]:
    """Every account with its scopes, by user name."""
    accounts = session.scalars(select(User).order_by(User.username)).all()
    scopes: dict[int, set[str]] = {}
    for user_id, scope in session.execute(select(UserScope.user_id, UserScope.scope)):
        scopes.setdefault(user_id, set()).add(scope)
    return [(user, frozenset(scopes.get(user.id, ()))) for user in accounts]


def users_for_scope(session: Session, scopes: set[str]) -> list[User]:
    """Active accounts bound to any of `scopes` (the addresses of a unit's reporters)."""
    query = (
        select(User)
        .join(UserScope, UserScope.user_id == User.id)
        .where(UserScope.scope.in_(scopes), User.disabled_at.is_(None))
        .order_by(User.username)
        .distinct()
    )
    return list(session.scalars(query))


def disable_user(session: Session, username: str, at: datetime) -> User:
    """Disable an account: its sessions end and its tokens stop working."""
    user = find_user(session, username)
    if user is None:
        raise AccountError(f"finner ingen bruker «{normalise_username(username)}»")
    if user.disabled_at is None:
        user.disabled_at = at
    session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    for token in session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)):
        token.revoked_at = token.revoked_at or at
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active account whose password this is, or None (same time either way)."""
    user = find_user(session, username)
    stored = user.password_hash if user is not None else None
    try:
        _hasher().verify(stored or _decoy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or stored is None or user.disabled_at is not None:
        return None
    if _hasher().check_needs_rehash(stored):
        user.password_hash = hash_password(password)
    return user


def set_password(session: Session, user: User, password: str) -> None:
    """A new password for a person's account."""
    if user.role == Role.VENDOR.value:
        raise AccountError("en fagsystemkonto logger inn med API-nøkkel, ikke passord")
    check_password(password)
    user.password_hash = hash_password(password)


# -- API tokens -----------------------------------------------------------------------------


def issue_token(session: Session, user: User, label: str, at: datetime) -> str:
    """A new API token for `user`; the token itself is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(
        ApiToken(user_id=user.id, token_hash=_sha256(token), label=label or "API", created_at=at)
    )
    return token


def find_token(session: Session, token: str) -> tuple[ApiToken, User] | None:
    """A valid, unrevoked token and its active account."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    found = session.execute(
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == _sha256(token))
    ).first()
    if found is None:
        return None
    row, user = found
    if row.revoked_at is not None or user.disabled_at is not None:
        return None
    return row, user


def token_is_stale(row: ApiToken, at: datetime) -> bool:
    """Whether the token's last use should be recorded anew (at most once a minute: a busy
    vendor system must not write to the database on every request)."""
    return row.last_used_at is None or at - row.last_used_at > timedelta(minutes=1)


def touch_token(session: Session, token_id: int, at: datetime) -> None:
    """Record that a token was used."""
    row = session.get(ApiToken, token_id)
    if row is not None:
        row.last_used_at = at


def revoke_tokens(session: Session, user: User, at: datetime) -> int:
    """Revoke every token of `user`; how many were revoked."""
    revoked = 0
    for token in session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)):
        if token.revoked_at is None:
            token.revoked_at, revoked = at, revoked + 1
    return revoked


# -- login sessions -------------------------------------------------------------------------


@dataclass(frozen=True)
class NewSession:
    """A login just made: the cookie value (secret) and its CSRF token."""

    cookie: str
    csrf_token: str


def start_session(session: Session, user: User, at: datetime, lifetime: timedelta) -> NewSession:
    """Log `user` in: a new session with its own CSRF token."""
    cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(
        LoginSession(
            id=_sha256(cookie),
            user_id=user.id,
            csrf_token=csrf,
            created_at=at,
            last_seen_at=at,
            expires_at=at + lifetime,
        )
    )
    return NewSession(cookie, csrf)


def find_session(session: Session, cookie: str, at: datetime) -> tuple[LoginSession, User] | None:
    """The live session of a cookie and its active user."""
    if not cookie or len(cookie) > 100:
        return None
    row = session.get(LoginSession, _sha256(cookie))
    if row is None or row.expires_at <= at:
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled_at is not None:
        return None
    return row, user


def session_is_stale(row: LoginSession, at: datetime) -> bool:
    """Whether a session in use should be extended (at most once a minute, to spare the
    database)."""
    return at - row.last_seen_at > timedelta(minutes=1)


def touch_session(session: Session, session_id: str, at: datetime, lifetime: timedelta) -> None:
    """Extend a session that is in use."""
    row = session.get(LoginSession, session_id)
    if row is not None:
        row.last_seen_at = at
        row.expires_at = at + lifetime


def end_session(session: Session, cookie: str) -> None:
    """Log out: the session is deleted."""
    session.execute(delete(LoginSession).where(LoginSession.id == _sha256(cookie)))


# -- throttling -----------------------------------------------------------------------------


def record_attempt(
    session: Session, username: str, address: str, at: datetime, succeeded: bool
) -> None:
    """Note a login attempt."""
    session.add(
        LoginAttempt(
            username=normalise_username(username)[:120],
            address=address[:64],
            at=at,
            succeeded=succeeded,
        )
    )


def throttled(
    session: Session, username: str, address: str, at: datetime, limit: int, window: timedelta
) -> bool:
    """Whether too many logins failed lately for this user name (`limit`) or from this client
    address (ten times `limit`, so one office's shared address is not locked out by one user)."""
    since = at - window
    failed = select(func.count()).where(LoginAttempt.succeeded.is_(False), LoginAttempt.at > since)
    by_name = session.scalar(failed.where(LoginAttempt.username == normalise_username(username)))
    by_address = session.scalar(failed.where(LoginAttempt.address == address))
    return (by_name or 0) >= limit or (by_address or 0) >= 10 * limit


def forget_old_attempts(session: Session, before: datetime) -> None:
    """Drop attempts that no longer count."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < before))
