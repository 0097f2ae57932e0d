"""The country list for phone numbers typed without +: a name for every code, without the geocoder."""
import subprocess
import sys

import phonenumbers

from netevents.forms.people import phone_regions
from netevents.services.country_names import country_name


def test_every_phone_region_has_a_country_name():
    unnamed = [code for code in phonenumbers.SUPPORTED_REGIONS if country_name(code) == code]
    assert unnamed == []
    assert country_name("ac") == "Ascension Island" and country_name("XK") == "Kosovo"
    assert country_name("QQ") == "QQ"


def test_the_person_form_lists_countries_by_name(user_client):
    html = user_client.get("/people/new").get_data(as_text=True)
    assert '<option value="AC">Ascension Island (+247)</option>' in html
    assert '<option value="TA">Tristan da Cunha (+290)</option>' in html
    labels = [choice.label for choice in phone_regions()[1:]]
    assert labels == sorted(labels) and not any(label.startswith(("AC ", "TA ", "XK ")) for label in labels)


def test_naming_the_regions_does_not_load_the_geocoder():
    script = ("import sys; from netevents.forms.people import phone_regions; phone_regions(); "
              "print(any(name.startswith('phonenumbers.geodata') for name in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"
