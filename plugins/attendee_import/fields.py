"""What one row of an export says about a person, before it is checked: raw values with the column they came from."""
from __future__ import annotations

from dataclasses import dataclass, field

# person fields an import can fill; the multi-valued ones may come from several columns
SINGLE = ("display_name", "given_name", "middle_name", "family_name", "organization", "job_title", "linkedin",
          "website", "location", "notes", "birthday")
MULTI = ("email", "phone", "tag")
FIELD_LABELS = {
    "display_name": "Full name", "given_name": "First name", "middle_name": "Middle name",
    "family_name": "Last name", "organization": "Organization", "job_title": "Job title",
    "linkedin": "LinkedIn profile", "website": "Website", "location": "Location", "notes": "Notes",
    "birthday": "Birthday", "email": "Email", "phone": "Phone", "tag": "Tags",
}


@dataclass(slots=True)
class SourceRow:
    """One person as a file describes them: (column, raw value) cells by field, a row number, or a skip reason."""

    file_name: str
    row: int
    cells: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # field -> cells in column order
    skip_reason: str = ""

    def add(self, field_name: str, column: str, value: str | None) -> None:
        """Record a value unless it is empty or a placeholder (``--``, ``n/a``)."""
        value = (value or "").strip()
        if value and value.lower() not in PLACEHOLDERS:
            self.cells.setdefault(field_name, []).append((column, value))

    def first(self, field_name: str) -> tuple[str, str] | None:
        """The (column, value) of the first cell for a field, if any."""
        found = self.cells.get(field_name)
        return found[0] if found else None

    def all(self, field_name: str) -> list[tuple[str, str]]:
        """Every (column, value) for a field, in column order."""
        return list(self.cells.get(field_name, ()))


PLACEHOLDERS = {"--", "-", "n/a", "na", "none", "null", "0/0/00", "00/00/0000"}
