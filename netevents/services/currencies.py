"""ISO 4217 currency codes, for validating amounts of money users type."""
from __future__ import annotations

from netevents.errors import Invalid

# Active ISO 4217 codes (plus a few recently replaced ones people still write), as of 2025.
ISO_4217_CODES = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD
CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF
GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK
LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR
PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC
SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF
YER ZAR ZMW ZWG ZWL
""".split())


def normalize_currency(raw: str | None, field: str = "currency") -> str:
    """Return the upper-cased ISO 4217 code, or raise Invalid for ``field``."""
    code = (raw or "").strip().upper()
    if code not in ISO_4217_CODES:
        message = f"{(raw or '').strip()!r} is not an ISO 4217 currency code (e.g. EUR, USD, GBP)."
        raise Invalid(message, **{field: "A code like EUR or USD."})
    return code
