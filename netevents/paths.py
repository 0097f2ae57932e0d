"""Where the packaged templates and static files are, in a wheel and in a source checkout."""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"


def _template_dir() -> Path:
    """Return the templates folder: inside the package when installed, at the repo top in a checkout."""
    packaged = PACKAGE_DIR / "templates"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / "templates"


TEMPLATE_DIR = _template_dir()
