"""Admin accounts: hashes only, users kept in the secrets file, wrong passwords slowed down."""

from __future__ import annotations

import tomllib

import pytest

from koperasi_data import auth, cli

ROUNDS = 4  # the cheapest bcrypt cost keeps the tests fast; the app uses 12


def test_add_user_stores_a_bcrypt_hash_that_verifies_and_never_the_password(tmp_path):
    path = tmp_path / "secrets.toml"
    auth.add_user(path, "admin", "kata-sandi-rahasia", rounds=ROUNDS)
    text = path.read_text()
    assert "kata-sandi-rahasia" not in text
    users = auth.users_from_secrets(tomllib.loads(text))
    assert users["admin"].startswith("$2b$04$")
    assert auth.verify(users, "admin", "kata-sandi-rahasia")
    assert not auth.verify(users, "admin", "kata-sandi-salah!")
    assert not auth.verify(users, "tamu", "kata-sandi-rahasia")


def test_add_user_keeps_other_secrets_and_other_users(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text('# komentar\n[database]\nurl = "postgresql://x"\n')
    auth.add_user(path, "admin", "kata-sandi-satu", rounds=ROUNDS)
    auth.add_user(path, "staf", "kata-sandi-dua!", rounds=ROUNDS)
    auth.add_user(path, "admin", "kata-sandi-tiga", rounds=ROUNDS)
    parsed = tomllib.loads(path.read_text())
    users = auth.users_from_secrets(parsed)
    assert parsed["database"]["url"] == "postgresql://x" and "# komentar" in path.read_text()
    assert sorted(users) == ["admin", "staf"]
    assert auth.verify(users, "admin", "kata-sandi-tiga")
    assert not auth.verify(users, "admin", "kata-sandi-satu")
    assert path.stat().st_mode & 0o077 == 0  # readable by the owner only


@pytest.mark.parametrize(
    ("name", "password", "reason"),
    [
        ("admin", "pendek", "minimal 10"),
        ("admin", "x" * 73, "maksimal 72"),
        ("ad min", "kata-sandi-rahasia", "Nama pengguna"),
        ("", "kata-sandi-rahasia", "Nama pengguna"),
    ],
)
def test_add_user_refuses_bad_names_and_passwords_and_writes_nothing(tmp_path, name, password, reason):
    path = tmp_path / "secrets.toml"
    with pytest.raises(ValueError, match=reason):
        auth.add_user(path, name, password, rounds=ROUNDS)
    assert not path.exists()


def test_verify_rejects_a_malformed_hash_instead_of_raising():
    assert not auth.verify({"admin": "bukan-hash"}, "admin", "apa saja")


def test_throttle_lets_three_tries_through_then_doubles_the_wait():
    throttle = auth.Throttle(free=3, base_seconds=2, max_seconds=300)
    for second in range(3):
        assert throttle.wait_seconds("admin", now=second) == 0
        throttle.record_failure("admin", now=second)
    assert throttle.wait_seconds("admin", now=2) == 2
    assert throttle.wait_seconds("Admin", now=4) == 0  # names are not case-sensitive
    throttle.record_failure("admin", now=4)
    assert throttle.wait_seconds("admin", now=4) == 4
    assert throttle.wait_seconds("staf", now=4) == 0  # other users are not held up


def test_throttle_caps_the_wait_and_forgets_after_a_success():
    throttle = auth.Throttle(free=3, base_seconds=2, max_seconds=300)
    for _ in range(20):
        throttle.record_failure("admin", now=0)
    assert throttle.wait_seconds("admin", now=0) == 300
    throttle.record_success("admin")
    assert throttle.wait_seconds("admin", now=0) == 0


def test_cli_add_user_reads_the_password_from_stdin(tmp_path, monkeypatch, capsys):
    path = tmp_path / "secrets.toml"
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("kata-sandi-rahasia\n"))
    assert cli.main(["add-user", "admin", "--secrets", str(path), "--password-stdin"]) == 0
    assert auth.verify(auth.users_from_secrets(tomllib.loads(path.read_text())), "admin", "kata-sandi-rahasia")
    assert "admin" in capsys.readouterr().out


def test_cli_add_user_with_a_short_password_exits_1_and_writes_nothing(tmp_path, monkeypatch, capsys):
    path = tmp_path / "secrets.toml"
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("pendek\n"))
    assert cli.main(["add-user", "admin", "--secrets", str(path), "--password-stdin"]) == 1
    assert not path.exists()
    assert "minimal 10" in capsys.readouterr().err
