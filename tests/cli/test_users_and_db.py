"""CLI: users create and db upgrade."""
from sqlalchemy import inspect

from netevents.models import Account


def test_users_create_reads_password_from_stdin(runner, session):
    result = runner.invoke(args=["users", "create", "--email", "Grace@Example.com", "--admin"],
                           input="a long enough password\n")
    assert result.exit_code == 0, result.output
    assert "Created admin account grace@example.com" in result.output
    account = session.query(Account).filter_by(email="grace@example.com").one()
    assert account.is_admin


def test_users_create_reports_bad_input(runner, account):
    result = runner.invoke(args=["users", "create", "--email", "x@example.com"], input="short\n")
    assert result.exit_code != 0 and "at least 10 characters" in result.output
    result = runner.invoke(args=["users", "create", "--email", account.email], input="long enough pass\n")
    assert result.exit_code != 0 and "already exists" in result.output


def test_db_upgrade_creates_a_fresh_database(tmp_path):
    from click.testing import CliRunner

    from netevents.console import main

    env = {"NETEVENTS_DATA_DIR": str(tmp_path), "NETEVENTS_DATABASE_URL": ""}
    result = CliRunner().invoke(main, ["db", "upgrade"], env=env)
    assert result.exit_code == 0, result.output
    from netevents.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'netevents.db'}")
    assert {"account", "person", "alembic_version"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_users_set_password_reads_stdin_and_applies_the_policy(runner, session, account):
    from netevents.services.accounts import authenticate

    result = runner.invoke(args=["users", "set-password", "--email", account.email],
                           input="violet lantern orchard ninety\n")
    assert result.exit_code == 0, result.output
    assert "Password set for" in result.output
    session.expire_all()
    assert authenticate(session, account.email, "violet lantern orchard ninety") is not None
    weak = runner.invoke(args=["users", "set-password", "--email", account.email], input="1234567890\n")
    assert weak.exit_code != 0 and "too easy to guess" in weak.output
    unknown = runner.invoke(args=["users", "set-password", "--email", "nobody@example.com"],
                            input="violet lantern orchard ninety\n")
    assert unknown.exit_code != 0 and "No account for nobody@example.com" in unknown.output


def test_serve_freezes_what_start_up_made_before_serving(runner, monkeypatch):
    import gc

    import waitress

    from netevents import cli

    frozen = []
    monkeypatch.setattr(cli, "upgrade_in_child", lambda app: [])
    monkeypatch.setattr(waitress, "serve", lambda app, **options: frozen.append(gc.get_freeze_count()))
    try:
        result = runner.invoke(args=["serve", "--port", "5999"])
    finally:
        gc.unfreeze()
    assert result.exit_code == 0, result.output
    assert frozen and frozen[0] > 0, "the long-lived objects are out of the collector's reach while serving"
