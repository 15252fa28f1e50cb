"""The idea board in real browsers: a projector, a control view and three phones post ideas,
watch the columns fill, dot-vote and see the ranking; then the facilitator authors an activity
with its live preview and reads the synthesis. Every view passes axe."""

import re

import pytest
from playwright.sync_api import expect

from live.models import LiveSession, Response
from quizzes.kinds import KINDS
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.e2e.test_facilitator_pages import log_in
from tests.e2e.test_live_journey import (
    control_click,
    goto_step,
    join_from_phone,
    start_projected_session,
)
from tests.factories import make_workshop, plain_step, step_with_activity

pytestmark = pytest.mark.browser
LIVE_TIMEOUT = 10_000
BRAINSTORM = "Brainstorming sur les enjeux à l'échelle de l'écosystème"
PLAN = "Plan de l'atelier"


@pytest.fixture
def workshop(facilitator):
    """A cover and the plan (a new activity goes after it), the deck's brainstorming (its five
    enjeux are the kind's example columns, three votes each), then one step of every other
    kind, which the synthesis lists."""
    workshop = make_workshop(facilitator=facilitator)
    plain_step(workshop, "cover")
    plain_step(workshop, title=PLAN)
    step_with_activity(
        workshop,
        "ideas",
        title=BRAINSTORM,
        prompt=(
            "Une idée courte par envoi, sous l'enjeu qu'elle sert ; puis chacun·e vote pour"
            " les idées à retenir."
        ),
    )
    for kind in KINDS:
        if kind != "ideas":
            step_with_activity(workshop, kind)
    return workshop


def post_idea(phone, column: str, text: str):
    phone.get_by_label(column).check()
    phone.get_by_label("Votre idée").fill(text)
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator(".ack")).to_contain_text("Réponse enregistrée")
    expect(phone.get_by_label("Votre idée")).to_have_value("")  # ready for the next one


def column(screen, title: str):
    return screen.locator(".idea-column", has=screen.locator(".idea-column__title", has_text=title))


def test_an_idea_board_with_a_projector_a_control_view_and_three_phones(
    page, server, workshop, phone_factory
):
    control = page
    session, screen = start_projected_session(control, server, workshop)
    phones = [phone_factory() for _ in range(3)]
    for index, phone in enumerate(phones):
        join_from_phone(phone, server, session.code, f"Phone {index + 1}", "Centre social")

    goto_step(control, BRAINSTORM)
    expect(column(screen, "Un enjeu de santé")).to_contain_text("Pas encore d'idée")
    for phone in phones:
        expect(phone.get_by_text("Dans quelle colonne ?")).to_be_visible()
    assert_accessible(phones[0])
    assert_no_horizontal_scroll(phones[0])

    # Ideas from every phone reach their column on the projector, live.
    post_idea(phones[0], "Un enjeu économique", "Un fonds local pour l'inclusion")
    post_idea(phones[0], "Un enjeu de santé", "Des ateliers en EHPAD")
    expect(phones[0].locator(".own-ideas")).to_contain_text("Vos idées (2)")
    post_idea(phones[1], "Un enjeu de cohésion", "Un bus numérique itinérant")
    post_idea(phones[2], "Un enjeu de cohésion", "Un minibus numérique")
    post_idea(phones[2], "Un enjeu écologique", "<b>PUB</b> achetez")
    expect(column(screen, "Un enjeu économique")).to_contain_text("Un fonds local")
    expect(column(screen, "Un enjeu de santé")).to_contain_text("Des ateliers en EHPAD")
    expect(column(screen, "Un enjeu de cohésion")).to_contain_text("Un minibus numérique")
    expect(column(screen, "Un enjeu écologique")).to_contain_text("<b>PUB</b> achetez")  # inert
    assert_accessible(screen)
    assert_accessible(phones[2])

    # The control view merges the minibus into the bus and hides the advertising.
    bus = Response.objects.get(data__text="Un bus numérique itinérant")
    minibus = Response.objects.get(data__text="Un minibus numérique")
    expect(control.locator(f"#merge-{minibus.pk}")).to_be_visible()
    assert_accessible(control)
    control.locator(f"#merge-{minibus.pk}").select_option(str(bus.pk))
    control.locator(f"form:has(#merge-{minibus.pk}) button").click()
    expect(column(screen, "Un enjeu de cohésion")).to_contain_text("Regroupée avec")
    expect(column(screen, "Un enjeu de cohésion").locator(".idea-card")).to_have_count(1)
    spam = control.locator(
        ".moderation__item", has=control.locator(".moderation__text", has_text="PUB")
    )
    spam.get_by_role("button", name=re.compile("Masquer de l'écran")).click()
    expect(column(screen, "Un enjeu écologique")).not_to_contain_text("PUB")

    # The dot-vote: 2 votes each, set by the facilitator. What is typed in the control view
    # survives the pushes that re-render it (here a late idea).
    control.get_by_label("Votes par participant·e").fill("2")
    post_idea(phones[1], "Un enjeu politique", "Une idée de dernière minute")
    expect(control.locator(".moderation__list")).to_contain_text("Une idée de dernière minute")
    expect(control.get_by_label("Votes par participant·e")).to_have_value("2")
    control_click(control, "Passer au vote")
    for phone in phones:
        expect(phone.locator(".vote-allowance")).to_contain_text("Vous avez 2 votes")
    expect(phones[0].get_by_text("PUB")).to_have_count(0)
    assert_accessible(phones[1])
    assert_no_horizontal_scroll(phones[1])
    too_many = phones[0]
    for text in ("Un bus numérique", "Un fonds local", "Des ateliers en EHPAD"):
        too_many.get_by_label(text).check()
    too_many.get_by_role("button", name="Envoyer").click()
    expect(too_many.locator(".error")).to_contain_text(
        "Vous avez 2 votes et vous avez choisi 3 idées : retirez-en 1."
    )
    too_many.get_by_label("Des ateliers en EHPAD").uncheck()
    too_many.get_by_role("button", name="Envoyer").click()
    expect(too_many.locator(".phone-ack")).to_contain_text("2 votes enregistrés.")
    phones[1].get_by_label("Un bus numérique").check()
    phones[1].get_by_role("button", name="Envoyer").click()
    expect(phones[1].locator(".phone-ack")).to_contain_text("1 vote enregistré.")
    phones[2].get_by_label("Un fonds local").check()
    phones[2].get_by_label("Un bus numérique").check()
    phones[2].get_by_role("button", name="Envoyer").click()
    expect(phones[2].locator(".phone-ack")).to_contain_text("2 votes enregistrés.")
    expect(screen.locator(".idea-board__status")).to_contain_text("3 participant·es ont voté")

    # The ranking, on the projector and as text on the phones.
    control_click(control, "Afficher le classement")
    ranking = screen.locator(".idea-ranking__item")
    expect(ranking.first).to_contain_text("Un bus numérique itinérant")
    expect(ranking.first).to_contain_text("3 votes")
    expect(ranking.nth(1)).to_contain_text("Un fonds local pour l'inclusion")
    expect(ranking.nth(1)).to_contain_text("2 votes")
    expect(phones[1].get_by_role("heading", name="Classement des idées")).to_be_visible()
    expect(phones[1].locator(".phone-results li").first).to_contain_text("Un bus numérique")
    assert_accessible(screen)
    assert_accessible(phones[2])
    assert_accessible(control)

    # Nothing lost, nothing doubled.
    ideas = Response.objects.exclude(slot="votes")
    assert ideas.count() == 6
    assert Response.objects.filter(slot="votes").count() == 3


def test_a_facilitator_authors_an_idea_board_with_its_preview_then_reads_the_synthesis(
    page, server, workshop
):
    log_in(page, server)
    page.goto(server.url + workshop.get_absolute_url())
    page.get_by_role("link", name="Ajouter une activité").click()
    assert_accessible(page)
    page.get_by_role("link", name="Mur d'idées (brainstorming et vote)").click()
    expect(page.locator("#activity-preview")).to_contain_text("Un enjeu écologique")
    page.get_by_label("Titre").fill("Priorités pour 2025")
    page.get_by_label("Colonnes").fill(
        "Accès aux droits\nFormation des aidants : Pix, Aidants Connect"
    )
    # The preview follows what is typed (htmx), nothing saved yet.
    expect(page.locator(".preview-screen")).to_contain_text("Formation des aidants")
    expect(page.locator(".preview-phone")).to_contain_text("Pix, Aidants Connect")
    expect(page.locator(".preview-screen")).not_to_contain_text("Un enjeu écologique")
    assert_accessible(page)
    page.get_by_label("Place de l'étape").select_option(label=f"Après « {PLAN} »")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".message")).to_contain_text("Activité « Priorités pour 2025 » ajoutée")
    titles = list(workshop.steps.order_by("order").values_list("title", flat=True))
    assert titles[2] == "Priorités pour 2025"

    # A session, then its synthesis: printable and accessible.
    page.get_by_role("button", name="Lancer l'atelier en direct").click()
    session = LiveSession.objects.get()
    page.goto(server.url + f"/animation/sessions/{session.pk}/synthese/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Synthèse")
    expect(page.get_by_role("button", name="Imprimer")).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Imprimer")).to_be_hidden()
    expect(page.get_by_role("heading", name="Annuaire des acteurs")).to_be_visible()
