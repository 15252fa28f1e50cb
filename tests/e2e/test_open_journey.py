"""The open question in real browsers: a control view, a projector and three phones (360 px
wide) answer the deck's "Qu'est-ce que l'illectronisme ?"; after "Afficher les résultats" the
projector shows the grouped word cloud beside its ranked list. Every view passes axe."""

import re

import pytest
from playwright.sync_api import expect

from live.models import Response
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.e2e.test_facilitator_pages import log_in
from tests.e2e.test_ideas_journey import control_click
from tests.e2e.test_live_journey import (
    goto_step,
    join_from_phone,
    launch_with_projector,
    start_projected_session,
)
from tests.factories import make_workshop, plain_step, step_with_activity

pytestmark = pytest.mark.browser


@pytest.fixture
def workshop(facilitator):
    """A cover, then the deck's open question: up to three answers of a few words, as a cloud
    (the kind's example settings)."""
    workshop = make_workshop(facilitator=facilitator)
    plain_step(workshop, "cover")
    step_with_activity(
        workshop, "open_question", title="Question", prompt="Qu'est-ce que l'illectronisme ?"
    )
    return workshop


@pytest.fixture
def question(workshop):
    return workshop.steps.get(activity__kind="open_question")


def answer(phone, *entries: str):
    for number, entry in enumerate(entries, start=1):
        phone.get_by_label(f"Réponse {number}").fill(entry)
    phone.get_by_role("button", name=re.compile("Envoyer|Modifier ma réponse")).click()


def test_the_illectronisme_question_as_a_word_cloud_with_three_phones(
    page, server, workshop, question, phone_factory
):
    control = page
    session, screen = start_projected_session(control, server, workshop)
    phones = [phone_factory() for _ in range(3)]
    for index, phone in enumerate(phones):
        join_from_phone(phone, server, session.code, f"Phone {index + 1}")

    goto_step(control, question.title)
    expect(screen.locator(".slide__prompt")).to_have_text("Qu'est-ce que l'illectronisme ?")
    expect(screen.locator(".results-hidden")).to_be_visible()
    for phone in phones:
        expect(phone.get_by_text("Jusqu'à 3 réponses, quelques mots chacune")).to_be_visible()
    assert_accessible(phones[0])
    assert_no_horizontal_scroll(phones[0])

    # Three phones answer; one has a duplicate refused first, with a French message.
    answer(phones[0], "Exclusion", "Fracture numérique")
    expect(phones[0].locator(".ack")).to_contain_text("Réponse enregistrée")
    expect(phones[0].locator(".own-answer")).to_contain_text("Fracture numérique")
    answer(phones[1], "Isolement", "isolements !")
    expect(phones[1].locator(".error")).to_contain_text(
        "Les réponses 1 et 2 disent la même chose (« isolements ! ») : changez-en une."
    )
    assert_accessible(phones[1])
    answer(phones[1], "exclusions", "Isolement")
    expect(phones[1].locator(".ack")).to_contain_text("Réponse enregistrée")
    answer(phones[2], "EXCLUSION !", "<b>PUB</b> achetez", "fracture numerique")
    expect(phones[2].locator(".ack")).to_contain_text("Réponse enregistrée")
    expect(phones[2].locator(".own-answer")).to_contain_text("<b>PUB</b> achetez")  # inert
    assert_accessible(phones[2])
    assert_no_horizontal_scroll(phones[2])
    expect(screen.locator(".answer-count")).to_contain_text("3 réponses")
    expect(screen.locator(".word-cloud")).to_have_count(0)  # results hidden until shown

    # Shown: one word per group, sized by count, beside the ranked list.
    control_click(control, "Afficher les résultats")
    cloud = screen.locator(".word-cloud")
    expect(cloud).to_be_visible()
    expect(cloud.locator(".word-cloud__word")).to_have_count(4)
    expect(cloud.locator(".word-cloud__word--6")).to_have_text("Exclusion")
    ranked = screen.locator(".cloud-ranking li")
    expect(ranked).to_have_count(4)
    expect(ranked.first).to_contain_text("Exclusion")
    expect(ranked.first).to_contain_text("3 fois")
    expect(ranked.nth(1)).to_contain_text("Fracture numérique")
    expect(ranked.nth(1)).to_contain_text("2 fois")
    expect(screen.locator(".cloud-ranking")).to_contain_text("<b>PUB</b> achetez")  # as text
    assert_accessible(screen)

    # The control view hides the advertising: that participant's whole answer goes.
    answers = control.locator(".moderation:not(.word-moderation)")
    spam = answers.locator(
        ".moderation__item", has=control.locator(".moderation__text", has_text="PUB")
    )
    assert_accessible(control)
    spam.get_by_role("button", name=re.compile("Masquer de l'écran")).click()
    expect(screen.locator(".cloud-ranking")).not_to_contain_text("PUB")
    expect(ranked.first).to_contain_text("2 fois")
    expect(screen.locator(".answer-count")).to_contain_text("2 réponses")
    assert_accessible(screen)

    # One word of the cloud, whoever gave it: the answers stay, the word goes, and comes back.
    words = control.locator(".word-moderation")
    words.get_by_role("button", name="Masquer de l'écran : « Fracture numérique »").click(
        timeout=30_000
    )
    expect(screen.locator(".cloud-ranking")).not_to_contain_text("Fracture numérique")
    expect(screen.locator(".answer-count")).to_contain_text("2 réponses")
    words.get_by_role("button", name="Réafficher : « Fracture numérique »").click(timeout=30_000)
    expect(screen.locator(".cloud-ranking")).to_contain_text("Fracture numérique")
    assert_accessible(control)

    # Nothing lost, nothing doubled.
    assert Response.objects.filter(activity__kind="open_question").count() == 3


def test_the_question_run_as_a_moderated_wall_with_each_answer_validated(
    page, server, workshop, question, phone_factory
):
    control = page
    log_in(control, server)
    control.goto(server.url + workshop.get_absolute_url())
    control.get_by_role("link", name=f"Réglages de l'activité « {question.title} »").click()
    expect(control.locator(".preview-phone")).to_contain_text("Réponse 3")
    control.get_by_label("Mur de réponses (texte libre, modéré)").check()
    control.get_by_label("Longueur d'une réponse (caractères au plus)").fill("")
    control.get_by_label("Valider chaque réponse avant qu'elle s'affiche à l'écran").check()
    assert_accessible(control)
    control.get_by_role("button", name="Enregistrer").click()
    expect(control.locator(".message")).to_contain_text("Activité « Question » enregistrée")
    activity = question.activity
    activity.refresh_from_db()
    assert activity.config == {"display": "wall", "max_entries": 3, "max_length": 280, "hold": True}

    session, screen = launch_with_projector(control, server)
    phone = phone_factory()
    join_from_phone(phone, server, session.code, "Camille")
    goto_step(control, question.title)
    control_click(control, "Afficher les résultats")
    expect(screen.locator(".open-card--empty")).to_be_visible()

    phone.get_by_label("Votre réponse").fill(
        "L'illectronisme, c'est ne pas savoir <em>utiliser</em> les outils numériques."
    )
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator(".ack")).to_contain_text("Réponse enregistrée")
    expect(phone.locator(".open-pending")).to_contain_text("En attente de validation")
    assert_accessible(phone)
    assert_no_horizontal_scroll(phone)
    held = control.locator(".moderation__item", has_text="en attente de validation")
    expect(held).to_contain_text("<em>utiliser</em>")
    expect(screen.locator(".open-card")).to_have_text("Pas encore de réponse.")

    held.get_by_role("button", name=re.compile("^Valider")).click()
    card = screen.locator(".open-card")
    expect(card).to_contain_text("ne pas savoir <em>utiliser</em> les outils")  # as text
    expect(card.locator(".open-card__author")).to_have_text("Camille")
    assert_accessible(screen)
