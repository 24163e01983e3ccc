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


def test_policy_lets_three_tries_through_then_doubles_the_wait_up_to_its_cap():
    policy = auth.Policy(free=3, base_seconds=2, max_seconds=300)
    assert [policy.delay(n) for n in range(8)] == [0, 0, 0, 2, 4, 8, 16, 32]
    assert policy.delay(100) == 300


def test_brake_counts_per_address_and_per_name_case_blind():
    assert auth.brake_keys(" Admin ", "10.0.0.7") == {"alamat:10.0.0.7": auth.PER_ADDRESS, "nama:admin": auth.PER_NAME}
    # AppTest and scripts have no client address: they share one counter rather than none.
    assert "alamat:tidak-diketahui" in auth.brake_keys("admin", None)


@pytest.mark.parametrize(("ip", "headers", "expected"), [
    ("10.0.0.7", {}, "10.0.0.7"),
    ("10.0.0.7", {"X-Forwarded-For": "1.2.3.4"}, "10.0.0.7"),  # not via a local proxy: the header is the client's
    ("127.0.0.1", {"X-Forwarded-For": "6.6.6.6, 203.0.113.9"}, "203.0.113.9"),  # the proxy's own entry is last
    ("127.0.0.1", {}, "127.0.0.1"),
    (None, None, None),
])
def test_client_address_trusts_forwarded_for_only_from_a_local_proxy(ip, headers, expected):
    assert auth.client_address(ip, headers) == expected


@pytest.fixture()
def brake_store(tmp_path):
    from koperasi_data.store import Store

    return Store(f"sqlite:///{tmp_path / 'rem.sqlite'}")


@pytest.fixture()
def bcrypt_calls(monkeypatch) -> list[bytes]:
    """Every password bcrypt checks, in order (the brake must act before this)."""
    calls = []
    original = auth.bcrypt.checkpw

    def counted(password, hashed):
        calls.append(password)
        return original(password, hashed)

    auth._dummy_hash()  # made before counting starts
    monkeypatch.setattr(auth.bcrypt, "checkpw", counted)
    return calls


def test_twelve_parallel_guesses_reach_bcrypt_at_most_as_often_as_the_brake_allows(tmp_path, brake_store,
                                                                                   bcrypt_calls):
    import threading

    from koperasi_data.store import Store

    users = {"admin": auth.hash_password("kata-sandi-benar", rounds=ROUNDS)}
    barrier = threading.Barrier(12)
    outcomes = []

    def guess(number: int) -> None:
        # Each guesser its own connection pool, as separate server processes would have.
        own = Store(brake_store.url)
        barrier.wait()
        outcomes.append(auth.attempt_login(own, users, "admin", f"tebakan-{number:04d}", "203.0.113.9"))
        own.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == 12 and not any(o.ok for o in outcomes)
    assert len(bcrypt_calls) == auth.PER_ADDRESS.free
    assert sum(o.wait > 0 for o in outcomes) == 12 - auth.PER_ADDRESS.free


def test_a_strangers_failures_do_not_lock_the_admin_out_of_their_own_address(brake_store, bcrypt_calls):
    users = {"admin": auth.hash_password("kata-sandi-benar", rounds=ROUNDS)}
    for number in range(10):
        auth.attempt_login(brake_store, users, "admin", f"tebakan-{number}", "198.51.100.66", now=1000 + number)
    assert auth.attempt_login(brake_store, users, "admin", "lagi", "198.51.100.66", now=1010).wait > 0
    assert auth.attempt_login(brake_store, users, "admin", "kata-sandi-benar", "10.0.0.7", now=1010).ok


def test_a_right_password_clears_the_count_for_the_next_time(brake_store, bcrypt_calls):
    users = {"admin": auth.hash_password("kata-sandi-benar", rounds=ROUNDS)}
    for number in range(2):
        assert not auth.attempt_login(brake_store, users, "admin", "salah", "10.0.0.7", now=number).ok
    assert auth.attempt_login(brake_store, users, "admin", "kata-sandi-benar", "10.0.0.7", now=2).ok
    for number in range(3):
        assert auth.attempt_login(brake_store, users, "admin", "salah", "10.0.0.7", now=3 + number).wait == 0


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


def test_a_free_try_is_not_refused_because_another_was_recorded_while_it_waited(brake_store):
    # A try reads the clock, waits for the store's lock, and meanwhile another try is recorded "later" than
    # its clock: under the free count no delay applies, so the order of the two clocks must not matter.
    delays = {"alamat:203.0.113.9": auth.PER_ADDRESS.delay}
    assert brake_store.login_wait(delays, now=1_000.0) == 0
    assert brake_store.login_wait(delays, now=999.0) == 0
    assert brake_store.login_wait(delays, now=998.0) == 0
    # The fourth is braked: the free tries are used up, counted from the latest.
    assert brake_store.login_wait(delays, now=1_000.5) == pytest.approx(1.5)
