"""Co-writing project sheets in real browsers: a projector, a régie and four phones in two
groups write two sheets at once; one phone goes offline and comes back without losing its text;
the restitution shows both sheets and the room reacts; the drafts land in the roadmap with
their trace. Every view passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from live.models import CowriteField
from roadmap.models import ProjectSheet
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.e2e.test_facilitator_pages import log_in
from tests.e2e.test_live_journey import (
    control_click,
    goto_step,
    join_from_phone,
    start_projected_session,
)
from tests.live import cowrite_activity_step

pytestmark = pytest.mark.browser


def open_sheet(phone):
    phone.get_by_role("link", name="Écrire la fiche de mon groupe").click()
    expect(phone.locator("#cowrite-connection")).to_have_text("Connecté")


def test_four_phones_write_two_sheets_that_land_in_the_roadmap(
    page, server, workshop, phone_factory, browser, editor, roadmap92
):
    cowrite_activity_step(workshop)
    control = page
    session, screen = start_projected_session(control, server, workshop)
    names = ["Awa", "Léo", "Inès", "Noé"]
    phones = {name: phone_factory() for name in names}
    for name, phone in phones.items():
        join_from_phone(phone, server, session.code, name)
    goto_step(control, "Co-rédaction")
    for name, table in (("Awa", 1), ("Léo", 1), ("Inès", 2), ("Noé", 2)):
        phones[name].get_by_label(f"Table {table}").check()
        phones[name].get_by_role("button", name="Envoyer").click()
        expect(phones[name].locator(".ack")).to_contain_text("Réponse enregistrée")
    control_click(control, "Former les groupes et ouvrir la rédaction")
    expect(screen.locator(".cowrite-progress__group")).to_have_count(2)
    for phone in phones.values():
        open_sheet(phone)
    awa, leo, ines, noe = (phones[name] for name in names)
    expect(awa.get_by_role("heading", level=1)).to_have_text("Fiche du groupe « Table 1 »")
    # The idea the first axis starts from is its title already.
    expect(awa.get_by_label("Intitulé du projet")).to_have_value("Un guichet unique des aidants")
    assert_accessible(awa)
    assert_no_horizontal_scroll(awa)

    # Two groups write at once; each phone sees its group's writing, live, and who writes.
    awa.get_by_label("Objectifs").press_sequentially("Former 200 aidants")
    expect(leo.locator("#cowrite-presence")).to_have_text("Awa écrit dans « Objectifs »")
    expect(leo.get_by_label("Objectifs")).to_have_value("Former 200 aidants")
    ines.get_by_label("Intitulé du projet").fill("Un bus numérique")
    ines.get_by_label("Intitulé du projet").press("End")
    expect(noe.get_by_label("Intitulé du projet")).to_have_value("Un bus numérique")
    expect(awa.get_by_label("Intitulé du projet")).to_have_value("Un guichet unique des aidants")
    expect(screen.locator(".cowrite-progress")).to_contain_text("Un bus numérique")

    # Noé goes offline mid-sentence, keeps typing, comes back: nothing lost.
    noe.context.set_offline(True)
    expect(noe.locator("#cowrite-connection")).to_contain_text("Hors connexion")
    noe.get_by_label("Public cible").fill("Les habitants des zones blanches")
    expect(noe.locator("#status-publics")).to_contain_text("Pas encore envoyé")
    noe.wait_for_timeout(1500)  # past the autosave's pause: nothing could be sent
    assert not CowriteField.objects.filter(name="publics").exists()
    noe.context.set_offline(False)
    expect(noe.locator("#cowrite-connection")).to_have_text("Connecté")
    expect(ines.get_by_label("Public cible")).to_have_value("Les habitants des zones blanches")
    expect(noe.locator("#status-publics")).to_contain_text("Enregistré")
    # Offline again, and the browser closed before the network came back: the text typed
    # meanwhile was kept on the phone, and leaves when the sheet is opened again.
    noe.context.set_offline(True)
    expect(noe.locator("#cowrite-connection")).to_contain_text("Hors connexion")
    noe.get_by_label("Calendrier").fill("Premier semestre 2027")
    expect(noe.locator("#status-calendar")).to_contain_text("Pas encore envoyé")
    address = noe.url
    noe.close()
    context = phones["Noé"].context
    context.set_offline(False)
    noe = phones["Noé"] = context.new_page()
    noe.goto(address)
    expect(noe.get_by_label("Calendrier")).to_have_value("Premier semestre 2027")
    expect(ines.get_by_label("Calendrier")).to_have_value("Premier semestre 2027")
    expect(noe.locator("#status-calendar")).to_contain_text("Enregistré")
    assert_accessible(noe)

    # The restitution: each sheet in turn on the projector, the room reacts from the phones.
    expect(screen.locator(".cowrite-progress__group").nth(1)).to_contain_text("3/10")
    assert_accessible(screen)
    control_click(control, "Passer à la restitution")
    expect(screen.locator(".cowrite-sheet")).to_contain_text("Fiche 1 sur 2")
    expect(screen.locator(".cowrite-sheet")).to_contain_text("Former 200 aidants")
    assert_accessible(screen)
    for phone in (ines, noe):
        phone.get_by_role("link", name="← Revenir à l'atelier").click()
    ines.get_by_label("Je soutiens").check()
    ines.get_by_role("button", name="Envoyer ma réaction").click()
    expect(ines.get_by_role("status")).to_contain_text("Merci, votre réaction est enregistrée.")
    assert_accessible(ines)
    expect(screen.locator(".cowrite-sheet")).to_contain_text("Soutiens : 1")
    control_click(control, "Fiche suivante")
    expect(screen.locator(".cowrite-sheet")).to_contain_text("Fiche 2 sur 2")
    expect(screen.locator(".cowrite-sheet")).to_contain_text("Les habitants des zones blanches")

    # The session's synthesis holds each group's sheet, readable by keyboard and screen reader.
    control.goto(server.url + reverse("workshops:synthesis", args=[session.pk]))
    expect(control.locator("main")).to_contain_text("Les habitants des zones blanches")
    expect(control.locator("main")).to_contain_text("Former 200 aidants")
    assert_accessible(control)

    # The coordinator lands the drafts in the roadmap, with their trace.
    assert CowriteField.objects.filter(name="publics").get().text == (
        "Les habitants des zones blanches"
    )
    coordinator = browser.new_context(locale="fr-FR").new_page()
    log_in(coordinator, server, username=editor.username)
    coordinator.goto(server.url + reverse("roadmap:from_workshops", args=[roadmap92.pk]))
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="En faire des fiches brouillon").click()
    expect(coordinator.locator("#fiches-co-redigees")).to_contain_text("Un bus numérique")
    landed = ProjectSheet.objects.filter(origin_label__contains="groupe « Table 2 »").get()
    assert landed.status == ProjectSheet.Status.DRAFT
    assert landed.title == "Un bus numérique"
    assert "rédigé par Inès, Noé" in landed.origin_label
    assert landed.target_publics == "Les habitants des zones blanches"
    assert ProjectSheet.objects.filter(origin_label__contains="groupe « Table 1 »").count() == 1
