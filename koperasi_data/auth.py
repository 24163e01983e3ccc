"""Admin accounts: bcrypt hashes kept in Streamlit's secrets file, and a brake on password guessing.

The secrets file holds only hashes, never passwords, in one table::

    [kelola_data.pengguna]
    admin = "$2b$12$..."

``python -m koperasi_data add-user NAME`` writes it; Streamlit reads it as ``st.secrets``.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
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


@dataclass
class Throttle:
    """Slows down repeated wrong passwords: after ``free`` failures, each try must wait twice as long.

    Kept per user name for the whole server process (a new browser tab does not reset it).
    """

    free: int = 3
    base_seconds: float = 2.0
    max_seconds: float = 300.0
    _failures: dict[str, tuple[int, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_seconds(self, name: str, now: float | None = None) -> float:
        """Seconds this user must still wait before the next try (0 when free to try)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            count, last = self._failures.get(name.lower(), (0, 0.0))
        if count < self.free:
            return 0.0
        delay = min(self.base_seconds * 2 ** (count - self.free), self.max_seconds)
        return max(0.0, last + delay - now)

    def record_failure(self, name: str, now: float | None = None) -> None:
        """Count one wrong password for this user name."""
        now = time.monotonic() if now is None else now
        with self._lock:
            count, _ = self._failures.get(name.lower(), (0, 0.0))
            self._failures[name.lower()] = (count + 1, now)

    def record_success(self, name: str) -> None:
        """A right password clears the user's count."""
        with self._lock:
            self._failures.pop(name.lower(), None)
