"""Plugins' records in a full backup (backup_data) and their restore (restore_backup_data)."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from netevents.errors import Invalid, PluginFailed
from netevents.models import Account
from netevents.plugins.dispatch import call_impl, hooks, implementations, record_failure, strict_calls

BACKUP_FORMAT = 1
# the kinds of core records whose old-to-new ids restore_backup_data receives
RESTORED_KINDS = ("person", "organization", "event", "group", "role", "interaction", "encounter", "followup", "favor")


def collect_backup(session: Session, *, owner: Account) -> dict[str, Any]:
    """Gather every enabled plugin's data for ``owner``; a plugin that fails stops the backup (never partial)."""
    sections = {}
    for impl in implementations(hooks(session).backup_data):
        data = _strict_call(session, impl, "backup_data", session=session, owner=owner)
        if data is None:
            continue
        try:
            json.dumps(data)
        except (TypeError, ValueError) as exc:
            record_failure(session, impl.plugin_name, "backup_data", exc)
            raise PluginFailed(f"The plugin {impl.plugin_name} gave backup data that is not JSON.") from None
        sections[impl.plugin_name] = data
    return {"format": BACKUP_FORMAT, "plugins": sections}


def restore_backup(session: Session, backup: Any, *, owner: Account,
                   ids: Mapping[str, Mapping[int, int]] | None = None) -> dict[str, list[str]]:
    """Hand each enabled plugin its section and the old-to-new ``ids``; report sections of plugins not enabled here.

    Caller commits. ``ids[kind][old_id]`` is the restored record's id (kinds: RESTORED_KINDS).
    """
    if not isinstance(backup, dict) or backup.get("format") != BACKUP_FORMAT or not isinstance(
            backup.get("plugins"), dict):
        raise Invalid("This is not a netevents plugin backup this version can read.", file="Unknown format.")
    restorers = {impl.plugin_name: impl for impl in implementations(hooks(session).restore_backup_data)}
    report: dict[str, list[str]] = {"restored": [], "skipped": []}
    mapping = {kind: dict(found) for kind, found in (ids or {}).items()}
    for kind in RESTORED_KINDS:
        mapping.setdefault(kind, {})
    for name, data in sorted(backup["plugins"].items()):
        if name not in restorers:
            report["skipped"].append(name)
            continue
        _strict_call(session, restorers[name], "restore_backup_data", session=session, owner=owner, data=data,
                     ids=mapping)
        report["restored"].append(name)
    session.flush()
    return report


def _strict_call(session: Session, impl, hook_name: str, /, **kwargs: Any) -> Any:
    """Call one plugin's implementation, turning its exception into a PluginFailed the user can read."""
    try:
        with strict_calls():
            return call_impl(impl, **kwargs)
    except Exception as exc:
        record_failure(session, impl.plugin_name, hook_name, exc)
        raise PluginFailed(f"The plugin {impl.plugin_name} failed in {hook_name}: {exc}") from None

