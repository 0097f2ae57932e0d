"""Plugins own their tables: their own Alembic history and version table, upgraded with the core."""
import textwrap

import pytest
from sqlalchemy import inspect

from netevents import create_app
from netevents.console import main
from netevents.db import database, session_scope
from netevents.models import PluginState

PLUGIN = '''
from pathlib import Path

from sqlalchemy.orm import Mapped, mapped_column

from netevents import hookimpl
from netevents.db import Base


class {model}(Base):
    __tablename__ = "{name}_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]


@hookimpl
def migration_directory():
    return Path(__file__).parent / "{name}_migrations"
'''

REVISION = '''
import sqlalchemy as sa
from alembic import op

revision = "{name}0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    {body}


def downgrade():
    op.drop_table("{name}_item")
'''
CREATE = 'op.create_table("{name}_item", sa.Column("id", sa.Integer, primary_key=True), ' \
         'sa.Column("text", sa.String, nullable=False))'


@pytest.fixture(scope="module")
def plugins_dir(tmp_path_factory):
    """Three file plugins: one that migrates, one whose migration fails, one with no revisions yet."""
    folder = tmp_path_factory.mktemp("migrating-plugins")
    for name, model, body in [("migrator", "MigratorItem", CREATE),
                              ("breaker", "BreakerItem", "raise RuntimeError('bad revision')"),
                              ("autogen", "AutogenItem", None)]:
        (folder / f"{name}.py").write_text(PLUGIN.format(name=name, model=model))
        (folder / f"{name}_migrations").mkdir()
        if body:
            revision = REVISION.format(name=name, body=body.format(name=name))
            (folder / f"{name}_migrations" / f"{name}0001.py").write_text(textwrap.dedent(revision))
    return folder


@pytest.fixture
def make_app(tmp_path):
    def factory(**config):
        return create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "x",
                           "DATABASE_URL": f"sqlite:///{tmp_path / 'migrations.db'}", **config})

    return factory


def tables(app):
    return set(inspect(database(app).engine).get_table_names())


def test_enabling_a_plugin_creates_its_tables_in_its_own_history(make_app, plugins_dir):
    app = make_app(PLUGINS_DIR=str(plugins_dir))
    runner = app.test_cli_runner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    assert "plugin_state" in tables(app) and "migrator_item" not in tables(app)  # disabled by default
    result = runner.invoke(main, ["plugins", "enable", "migrator"])
    assert result.exit_code == 0, result.output
    assert {"migrator_item", "alembic_version_plugin_migrator"} <= tables(app)
    assert "alembic_version_plugin_breaker" not in tables(app)


def test_upgrade_reports_a_broken_plugin_and_upgrades_the_rest(make_app, plugins_dir):
    make_app().test_cli_runner().invoke(main, ["db", "upgrade"])
    setup = make_app()
    with session_scope(setup) as session:
        session.add_all([PluginState(name="migrator", enabled=True), PluginState(name="breaker", enabled=True)])
    app = make_app(PLUGINS_DIR=str(plugins_dir))
    result = app.test_cli_runner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 1
    assert "Plugin breaker could not upgrade its tables: RuntimeError: bad revision" in result.output
    assert "migrator_item" in tables(app) and "breaker_item" not in tables(app)
    assert app.extensions["netevents.plugins"].records["breaker"].failures[-1]["hook"] == "migration_directory"


def test_an_uninstalled_plugin_never_blocks_the_upgrade(make_app, plugins_dir):
    app = make_app(PLUGINS_DIR=str(plugins_dir))
    runner = app.test_cli_runner()
    runner.invoke(main, ["db", "upgrade"])
    runner.invoke(main, ["plugins", "enable", "migrator"])
    without = make_app()  # the plugin's files are gone; its table and version table stay
    result = without.test_cli_runner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0 and "Database is up to date" in result.output
    assert "migrator_item" in tables(without)


def test_authors_autogenerate_a_revision_of_their_plugin(make_app, plugins_dir, monkeypatch):
    app = make_app(PLUGINS_DIR=str(plugins_dir))
    app.extensions["netevents.plugins"].activate("autogen")
    result = app.test_cli_runner().invoke(main, ["plugins", "revision", "autogen", "-m", "first tables"])
    assert result.exit_code == 0, result.output
    written = list((plugins_dir / "autogen_migrations").glob("*first_tables.py"))
    assert len(written) == 1
    source = written[0].read_text()
    assert "op.create_table('autogen_item'" in source and "migrator_item" not in source
    assert "create_table('account'" not in source


def test_revision_refuses_to_write_into_an_installed_package(make_app, plugins_dir, monkeypatch):
    from netevents.plugins import cli as plugin_cli

    app = make_app(PLUGINS_DIR=str(plugins_dir))
    app.extensions["netevents.plugins"].activate("autogen")
    monkeypatch.setattr(plugin_cli, "installed_package_folder", lambda directory: True)
    before = set((plugins_dir / "autogen_migrations").glob("*.py"))
    result = app.test_cli_runner().invoke(main, ["plugins", "revision", "autogen", "-m", "first tables"])
    assert result.exit_code == 1
    assert "is inside an installed package" in result.output and "netevents install --editable" in result.output
    assert set((plugins_dir / "autogen_migrations").glob("*.py")) == before


def test_site_packages_is_an_installed_package_folder(tmp_path):
    import sysconfig
    from pathlib import Path

    from netevents.plugins.cli import installed_package_folder

    assert installed_package_folder(Path(sysconfig.get_paths()["purelib"]) / "netevents_x" / "migrations")
    assert not installed_package_folder(tmp_path / "src" / "netevents_x" / "migrations")
