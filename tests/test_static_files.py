"""Which static names the pages link: hashed ones once `collectstatic` has run, plain ones
where nothing was collected or for a file the collection does not list
(fne92/staticfiles.py). Their headers through the server: tests/e2e/test_phone_weight.py."""

import re

from django.templatetags.static import static
from django.test import override_settings

from tests.servers import collected_static


def test_the_pages_link_the_hashed_names_of_the_collection():
    with override_settings(STATIC_ROOT=collected_static()):
        assert re.fullmatch(r"/static/css/fne\.[0-9a-f]{12}\.css", static("css/fne.css"))
        assert re.fullmatch(r"/static/js/live\.[0-9a-f]{12}\.js", static("js/live.js"))
        # A file added since the collection: its plain name, served from the sources.
        assert static("css/ajoutee-depuis.css") == "/static/css/ajoutee-depuis.css"


def test_without_a_collection_the_plain_names_are_linked(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path):
        assert static("css/fne.css") == "/static/css/fne.css"
