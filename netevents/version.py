"""netevents' release and the version of the hook API plugins are written against."""

__version__ = "0.1.0"
# 1.1: page-slot hooks take `owner` (as data and notification hooks do); `account` still works, deprecated.
# 1.2: restore_backup_data may take `ids`, the mapping from the backup's ids to the restored records' ids.
HOOK_API_VERSION = "1.2"
