"""Public pages and the shared layout."""

from django.urls import reverse


def test_every_page_carries_the_rgaa_compliance_mention(client, db):
    for name in ["home", "accessibility", "personal_data", "login"]:
        html = client.get(reverse(name)).content.decode()
        assert "Accessibilité : partiellement conforme" in html, name
        assert '<html lang="fr">' in html


def test_the_accessibility_statement_has_what_rgaa_requires(client, db):
    html = client.get(reverse("accessibility")).content.decode()
    assert "partiellement conforme" in html
    assert "RGAA" in html
    assert "4.1.2" in html
    assert "Défenseur des droits" in html
    assert "Retour d'information et contact" in html


def test_the_personal_data_page_says_what_why_and_how_long(client, db):
    html = client.get(reverse("personal_data")).content.decode()
    assert "facultatifs" in html
    assert "Pourquoi" in html
    assert "Combien de temps" in html


def test_no_state_design_system_nor_marianne(client, db):
    html = client.get(reverse("home")).content.decode()
    css = (__import__("pathlib").Path(__file__).parent.parent / "static/css/fne.css").read_text()
    for forbidden in ["dsfr", "Marianne", "fr-header"]:
        assert forbidden.lower() not in html.lower()
        assert forbidden.lower() not in css.lower()
    assert "system-ui" in css


def test_htmx_2_and_its_ws_extension_come_from_django_htmx(client, db):
    html = client.get(reverse("home")).content.decode()
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert "/static/django_htmx/ext/hx-ws-2.min.js" in html
    assert "X-CSRFToken" in html


def test_login_with_a_wrong_password_says_so_in_french(client, facilitator):
    response = client.post(reverse("login"), {"username": "camille", "password": "faux"})
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()


def test_login_leads_a_facilitator_to_the_dashboard(client, facilitator):
    response = client.post(
        reverse("login"), {"username": "camille", "password": "motdepasse-test-1"}
    )
    assert response.status_code == 302
    assert response.url == reverse("workshops:dashboard")
