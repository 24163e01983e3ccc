"""Admin accounts: bcrypt hashes kept in Streamlit's secrets file, and a brake on password guessing.

The secrets file holds only hashes, never passwords, in one table::

    [kelola_data.pengguna]
    admin = "$2b$12$..."

``python -m koperasi_data add-user NAME`` writes it; Streamlit reads it as ``st.secrets``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import bcrypt
import tomlkit

SECTION = "kelola_data"
USERS = "pengguna"
DEFAULT_SECRETS = Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml"
MIN_PASSWORD_LENGTH = 10
# bcrypt reads at most 72 bytes; longer passwords would be silently truncated.
MAX_PASSWORD_BYTES = 72


def password_problem(password: str) -> str | None:
    """Why a new password is not acceptable, in Indonesian, or None when it is."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter."
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        return f"Kata sandi maksimal {MAX_PASSWORD_BYTES} bita."
    return None


def hash_password(password: str, rounds: int = 12) -> str:
    """The bcrypt hash of a password, as text."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def users_from_secrets(secrets: Mapping) -> dict[str, str]:
    """User name -> bcrypt hash, from the ``[kelola_data.pengguna]`` table of the secrets."""
    section = secrets.get(SECTION, {}) or {}
    return {str(name): str(value) for name, value in dict(section.get(USERS, {}) or {}).items()}


def verify(users: Mapping[str, str], name: str, password: str) -> bool:
    """Whether the password matches the user's stored hash; unknown users cost the same time."""
    stored = users.get(name)
    # Compare against a throwaway hash for unknown names so timing does not reveal who exists.
    candidate = stored.encode("ascii") if stored else _dummy_hash()
    try:
        matches = bcrypt.checkpw(password.encode("utf-8")[:MAX_PASSWORD_BYTES], candidate)
    except ValueError:  # a malformed hash in the secrets file
        return False
    return matches and stored is not None


@functools.cache
def _dummy_hash() -> bytes:
    return bcrypt.hashpw(b"tidak-ada-pengguna", bcrypt.gensalt(12))


def add_user(path: Path, name: str, password: str, rounds: int = 12) -> None:
    """Create or replace one user's hash in the secrets file, keeping everything else in it."""
    if not name or not name.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise ValueError("Nama pengguna hanya boleh huruf, angka, titik, garis bawah atau tanda hubung.")
    problem = password_problem(password)
    if problem:
        raise ValueError(problem)
    document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    if SECTION not in document:
        document[SECTION] = tomlkit.table(is_super_table=True)
    section = document[SECTION]
    if USERS not in section:
        users = tomlkit.table()
        users.comment("nama = hash bcrypt; buat dengan: python -m koperasi_data add-user NAMA")
        section[USERS] = users
    section[USERS][name] = hash_password(password, rounds)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomlkit.dumps(document), encoding="utf-8")
    path.chmod(0o600)


@dataclass(frozen=True)
class Policy:
    """After ``free`` failures, each try must wait twice as long as the one before, up to ``max_seconds``."""

    free: int = 3
    base_seconds: float = 2.0
    max_seconds: float = 300.0

    def delay(self, failures: int) -> float:
        """Seconds to wait after the last of ``failures`` wrong passwords."""
        if failures < self.free:
            return 0.0
        return min(self.base_seconds * 2 ** min(failures - self.free, 30), self.max_seconds)


# Per client address: one guesser is slowed whatever names they try.
PER_ADDRESS = Policy(free=3, base_seconds=2.0, max_seconds=300.0)
# Per name, over all addresses: slows guessing spread over many addresses, but only after many
# failures and never for long, so a stranger cannot lock the admin out (their own address is braked first).
PER_NAME = Policy(free=20, base_seconds=2.0, max_seconds=60.0)
UNKNOWN_ADDRESS = "tidak-diketahui"


def brake_keys(name: str, address: str | None) -> dict[str, Policy]:
    """The brake counters a password try counts against, with their policies."""
    return {f"alamat:{address or UNKNOWN_ADDRESS}": PER_ADDRESS, f"nama:{name.strip().casefold()}": PER_NAME}


def client_address(ip_address: str | None, headers: Mapping[str, str] | None) -> str | None:
    """The client's address: the connection's, or, when that is a reverse proxy on this machine, the
    last address the proxy appended to X-Forwarded-For (earlier entries are whatever the client sent)."""
    if ip_address in (None, "127.0.0.1", "::1") and headers:
        forwarded = headers.get("X-Forwarded-For") or headers.get("x-forwarded-for")
        if forwarded:
            return forwarded.split(",")[-1].strip() or ip_address
    return ip_address


@dataclass(frozen=True)
class Attempt:
    """The outcome of one password try: signed in, or refused (``wait`` > 0: refused unchecked, try later)."""

    ok: bool
    wait: float = 0.0


def attempt_login(store, users: Mapping[str, str], name: str, password: str, address: str | None,
                  now: float | None = None) -> Attempt:
    """Check a password under the brake kept in the store (``store.Store``), shared by every process.

    The try is counted before bcrypt runs, in the same transaction as the check, so parallel
    guesses cannot all get through; a right password clears the counters it was counted under.
    """
    keys = brake_keys(name, address)
    wait = store.login_wait({key: policy.delay for key, policy in keys.items()}, now=now)
    if wait > 0:
        return Attempt(False, wait)
    if verify(users, name, password):
        store.login_succeeded(list(keys))
        return Attempt(True)
    return Attempt(False)
