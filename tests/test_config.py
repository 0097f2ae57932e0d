"""Configuration order: defaults, instance file, NETEVENTS_* environment, overrides."""
from flask import Flask

from netevents import config


def load(tmp_path, environ=None, overrides=None, instance=None):
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    if instance is not None:
        (data_dir / "netevents.toml").write_text(instance)
    app = Flask("t")
    environ = {"NETEVENTS_DATA_DIR": str(data_dir), **(environ or {})}
    config.load(app, overrides=overrides, environ=environ)
    return app.config


def test_defaults_put_sqlite_and_secret_in_the_data_dir(tmp_path):
    settings = load(tmp_path)
    assert settings["DATABASE_URL"] == f"sqlite:///{tmp_path / 'data' / 'netevents.db'}"
    secret = (tmp_path / "data" / "secret_key").read_text()
    assert settings["SECRET_KEY"] == secret and len(secret) > 40
    assert load(tmp_path)["SECRET_KEY"] == secret, "the generated key is kept across restarts"
    assert oct((tmp_path / "data" / "secret_key").stat().st_mode)[-3:] == "600"


def test_instance_file_then_env_then_overrides(tmp_path):
    instance = 'page_size = 20\nlogin_rate_limit = "5 per minute"\nsafe_mode = true\n'
    settings = load(tmp_path, instance=instance, environ={"NETEVENTS_PAGE_SIZE": "30"},
                    overrides={"SAFE_MODE": False})
    assert settings["LOGIN_RATE_LIMIT"] == "5 per minute"
    assert settings["PAGE_SIZE"] == 30
    assert settings["SAFE_MODE"] is False


def test_database_url_and_secret_from_environment(tmp_path):
    settings = load(tmp_path, environ={"NETEVENTS_DATABASE_URL": "postgresql+psycopg://u@h/db",
                                       "NETEVENTS_SECRET_KEY": "12345"})
    assert settings["DATABASE_URL"] == "postgresql+psycopg://u@h/db"
    assert settings["SECRET_KEY"] == "12345", "secrets stay text even when they look like numbers"
    assert not (tmp_path / "data" / "secret_key").exists()


def test_env_booleans(tmp_path):
    assert load(tmp_path, environ={"NETEVENTS_SAFE_MODE": "1"})["SAFE_MODE"]
    assert load(tmp_path, environ={"NETEVENTS_SAFE_MODE": "off"})["SAFE_MODE"] is False


def test_default_data_dir_is_the_platform_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert config.default_data_dir() == tmp_path / "xdg" / "netevents"
