"""The public pages anyone can open (home, accessibility statement, personal data) pass axe,
read on a 360 px phone, and hit no Content-Security-Policy violation (conftest.py)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser
PUBLIC_PAGES = ["home", "accessibility", "personal_data"]


def test_the_public_pages_pass_axe_on_a_desktop_and_a_phone(page, phone_factory, server):
    phone = phone_factory()
    for name in PUBLIC_PAGES:
        for viewer in (page, phone):
            viewer.goto(server.url + reverse(name))
            expect(viewer.get_by_role("heading", level=1)).to_be_visible()
            assert_accessible(viewer)
        assert_no_horizontal_scroll(phone)
    expect(
        page.get_by_role(
            "heading", level=2, name="Pour les contacts de la gouvernance de la feuille de route"
        )
    ).to_be_visible()
