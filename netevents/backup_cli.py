"""``netevents backup``, ``netevents restore`` and ``netevents export``: an account's network out and back in."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from netevents.db import session_scope
from netevents.demo.command import account_with_email
from netevents.errors import DomainError
from netevents.models import Account
from netevents.services.backup import backup_account, backup_bytes
from netevents.services.backup_crypto import encrypt, is_encrypted
from netevents.services.backup_files import prune, write_file, write_timestamped
from netevents.services.backup_restore import restore_account
from netevents.services.backup_sections import SECTIONS
from netevents.services.backup_validation import parse_backup
from netevents.services.exports import run_export

EXPORT_FORMATS = {"csv": "people-csv", "vcard": "people-vcard4", "vcard3": "people-vcard"}


def _passphrase(passphrase_file, *, needed: bool, confirm: bool) -> str | None:
    """The passphrase from its file's first line, else asked on a terminal when one is needed."""
    if passphrase_file is not None:
        return passphrase_file.readline().rstrip("\r\n")
    if needed and sys.stdin.isatty():
        return click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm)
    return None


def _one_backup(session, owner: Account, *, passphrase: str | None, leave_out_confidential: bool,
                label: str) -> bytes:
    """One account's backup file content, behind a progress bar, encrypted when a passphrase is given."""
    with click.progressbar(length=len(SECTIONS), label=label, file=sys.stderr) as bar:
        document = backup_account(session, owner=owner, data_dir=current_app.config["DATA_DIR"],
                                  leave_out_confidential=leave_out_confidential,
                                  progress=lambda _name, _count: bar.update(1))
    data = backup_bytes(document)
    return encrypt(data, passphrase) if passphrase else data


@click.command("backup")
@click.option("--user", "email", help="Email address of the account to back up.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@click.option("--all", "everyone", is_flag=True, help="Back up every account, one timestamped file each (--dir).")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), help="Folder for --all.")
@click.option("--keep", type=click.IntRange(1), help="With --dir: keep only the N newest backups of each account.")
@click.option("--passphrase-file", type=click.File("r"), help="Encrypt with the passphrase on this file's first line.")
@click.option("--encrypt", "ask", is_flag=True, help="Encrypt with a passphrase asked on the terminal.")
@click.option("--leave-out-confidential", is_flag=True, help="Leave out notes flagged employer-confidential.")
@with_appcontext
def backup(email, output, everyone, folder, keep, passphrase_file, ask, leave_out_confidential):
    """Write an account's whole network (or every account's) to a backup file, encrypted if asked."""
    if everyone == bool(email) or (email and not output) or (everyone and not folder):
        raise click.UsageError("Use --user EMAIL -o FILE, or --all --dir DIR.")
    try:
        passphrase = _passphrase(passphrase_file, needed=ask, confirm=True)
        with session_scope(current_app._get_current_object()) as session:
            owners = list(session.scalars(select(Account).order_by(Account.id))) if everyone else [
                account_with_email(session, email)]
            for owner in owners:
                data = _one_backup(session, owner, passphrase=passphrase, label=f"Backing up {owner.email}",
                                   leave_out_confidential=leave_out_confidential)
                path = write_timestamped(folder, owner, data, encrypted=bool(passphrase)) if everyone else write_file(
                    output, data)
                pruned = prune(folder, owner, keep) if everyone and keep else []
                click.echo(f"Wrote {path} ({len(data):,} bytes{', encrypted' if passphrase else ''})"
                           + (f"; removed {len(pruned)} older" if pruned else "") + ".")
    except DomainError as error:
        raise click.ClickException(error.message) from None


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "email", required=True, help="Email address of the account to restore into.")
@click.option("--passphrase-file", type=click.File("r"), help="The passphrase of an encrypted backup.")
@with_appcontext
def restore(file: Path, email: str, passphrase_file):
    """Restore a backup into an account: into an empty one, or merged without duplicates; all or nothing."""
    raw = file.read_bytes()
    try:
        passphrase = _passphrase(passphrase_file, needed=is_encrypted(raw), confirm=False)
        checked = parse_backup(raw, passphrase=passphrase)
        with session_scope(current_app._get_current_object()) as session:
            owner = account_with_email(session, email)
            with click.progressbar(length=len(SECTIONS), label=f"Restoring into {owner.email}", file=sys.stderr) as bar:
                report = restore_account(session, checked, owner=owner, data_dir=current_app.config["DATA_DIR"],
                                         progress=lambda _name, _count: bar.update(1))
    except DomainError as error:
        raise click.ClickException(f"{file}: {error.message} Nothing was changed.") from None
    click.echo(report.summary())


@click.group("export")
def export():
    """Export an account's data for other tools (plugins add formats, such as `ics`)."""


EXPORT_HELP = {"csv": "People as a CSV spreadsheet.", "vcard": "People as vCard 4.0 contact cards.",
               "vcard3": "People as vCard 3.0 contact cards, for older address books."}


def _export_command(kind: str) -> click.Command:
    """The `netevents export KIND` subcommand of one of the core's people formats."""
    @click.command(kind, help=EXPORT_HELP.get(kind))
    @click.option("--user", "email", required=True, help="Email address of the account to export.")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
                  help="File to write.")
    @click.option("--leave-out-confidential", is_flag=True, help="Leave out notes flagged employer-confidential.")
    @with_appcontext
    def command(email: str, output: Path, leave_out_confidential: bool):
        export_people(kind, email, output, leave_out_confidential)
    return command


def export_people(kind: str, email: str, output: Path, leave_out_confidential: bool) -> None:
    """Write an account's people in one of the core's formats to ``output``, streamed."""
    try:
        with session_scope(current_app._get_current_object()) as session:
            owner = account_with_email(session, email)
            download = run_export(session, EXPORT_FORMATS[kind], owner=owner,
                                  leave_out_confidential=leave_out_confidential)
            temporary = output.with_name(f".{output.name}.part")
            with temporary.open("wb") as out:
                for chunk in download.chunks:  # streamed: memory stays the same whatever the network's size
                    out.write(chunk)
            temporary.replace(output)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Wrote {output} ({output.stat().st_size:,} bytes).")


for _kind in sorted(EXPORT_FORMATS):
    export.add_command(_export_command(_kind))

COMMANDS = (backup, restore, export)
