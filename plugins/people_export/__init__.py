"""First-party plugin: download your people as a spreadsheet (CSV) or as contact cards (vCard 4.0 and 3.0)."""
from netevents_plugins.people_export.formats import people_csv, people_vcard, people_vcard4

from netevents.plugins.api import Exporter, hookimpl


@hookimpl
def register_exporters():
    """The CSV and vCard exports of the account's people."""
    return [
        Exporter(name="people-csv", label="People (CSV spreadsheet)", media_type="text/csv; charset=utf-8",
                 extension="csv", export=people_csv, leaves_out_confidential=True,
                 description="One row per person; opens in Excel, LibreOffice and Numbers."),
        Exporter(name="people-vcard4", label="People (vCard 4.0 contact cards)",
                 media_type="text/vcard; charset=utf-8", extension="vcf", export=people_vcard4,
                 leaves_out_confidential=True,
                 description="vCard 4.0 (RFC 6350), for phones, Apple Contacts, Google Contacts and Thunderbird."),
        Exporter(name="people-vcard", label="People (vCard 3.0 contact cards, older address books)",
                 media_type="text/vcard; charset=utf-8", extension="vcf", export=people_vcard,
                 leaves_out_confidential=True,
                 description="vCard 3.0, for Outlook and older phones and address books."),
    ]
