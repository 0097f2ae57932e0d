"""Package layout: the core lives in netevents/, templates in templates/, first-party plugins in plugins/.

setup.py only maps those top-level folders into the installed package tree; metadata is in pyproject.toml.
"""
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
# Example community plugins under plugins/ carry their own pyproject and are installed separately.
COMMUNITY = [d.name for d in (HERE / "plugins").iterdir() if (d / "pyproject.toml").exists()]
FIRST_PARTY = [p for p in find_packages("plugins") if p.split(".")[0] not in COMMUNITY]

setup(
    packages=[*find_packages(include=["netevents", "netevents.*"]), "netevents.templates",
              "netevents_plugins", *[f"netevents_plugins.{p}" for p in FIRST_PARTY]],
    package_dir={"netevents.templates": "templates", "netevents_plugins": "plugins"},
    package_data={"netevents": ["static/**/*", "data/*", "migrations/*.ini", "migrations/*.mako"],
                  "netevents.templates": ["**/*"], "netevents_plugins": ["**/templates/**/*", "**/static/**/*"]},
    exclude_package_data={"netevents_plugins": [f"{name}/**/*" for name in COMMUNITY]},
)
