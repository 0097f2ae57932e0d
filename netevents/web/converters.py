"""URL converters: ids in URLs stay within what the database's integer columns hold."""
from werkzeug.routing import IntegerConverter

from netevents.services.ownership import MAX_ID


class BoundedIntConverter(IntegerConverter):
    """``<int:...>`` that answers 404 for ids larger than a 32-bit column can store, instead of a driver error."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_converters(app) -> None:
    """Replace the default int converter before any route is registered."""
    app.url_map.converters["int"] = BoundedIntConverter
