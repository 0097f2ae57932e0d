"""netevents' release and the version of the hook API plugins are written against."""

__version__ = "0.1.0"
# 1.1: page-slot hooks take `owner` (as data and notification hooks do); `account` still works, deprecated.
HOOK_API_VERSION = "1.1"
