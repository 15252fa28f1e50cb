"""Co-writing project sheets: forming groups, moving, writing a field with optimistic
concurrency (merge or visible conflict, never a silent overwrite), long texts, closing the
writing, the history, the phone's pages with and without JavaScript."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from live import cowriting, sessions, stage
from live.models import CowriteField, CowriteMember, CowriteRevision
from tests.factories import workshop_with
from tests.live import answer, as_read, cowrite_run, cowrite_step, join_as


@pytest.fixture
def workshop(facilitator):
    """A cover, nothing else: each test adds the co-writing step it needs (`cowrite_step`)."""
    return workshop_with(["cover"], facilitator=facilitator)


@pytest.fixture
def step(live_session):
    return cowrite_step(live_session)


@pytest.fixture
def run(live_session, step):
    return cowrite_run(live_session, step)


def phones(session, *names):
    clients = {}
    for name in names:
        client = Client()
        clients[name] = (client, join_as(client, session, name))
    return clients


def test_groups_follow_the_tables_people_pick_and_latecomers_fill_the_smallest(
    live_session, step, run
):
    room = phones(live_session, "Awa", "Léo", "Inès")
    answer(room["Awa"][1], step, {"choice": 1})
    answer(room["Léo"][1], step, {"choice": 2})
    # Inès picks nothing: she lands in a group anyway.
    sessions.perform_action(session=live_session, run=run, action="form_groups")
    groups = cowriting.groups_of(run)
    assert [g.label for g in groups] == ["Table 1", "Table 2"]
    # The idea of the first axis starts its sheet's title.
    assert cowriting.fields_of(groups[0])["title"].text == "Un guichet unique des aidants"
    assert cowriting.group_of(run=run, participant=room["Awa"][1]) == groups[0]
    assert cowriting.group_of(run=run, participant=room["Léo"][1]) == groups[1]
    assert cowriting.group_of(run=run, participant=room["Inès"][1]) is not None
    late = join_as(Client(), live_session, "Zoé")
    # Her phone left the workshop's page for the sheet's (marked gone, a moment): placed all
    # the same, in the smallest group; nobody else moves.
    sessions.mark_left(participant_id=late.pk, session_id=live_session.pk)
    counts = {g.pk: len(cowriting.members(g)) for g in groups}
    smallest = min(counts.values())
    group = cowriting.place(run=run, participant=late)
    assert counts[group.pk] == smallest
    assert sum(len(cowriting.members(g)) for g in groups) == sum(counts.values()) + 1


def test_random_groups_are_balanced(live_session):
    step = cowrite_step(live_session, {"grouping": "random", "groups": 3, "axes": []})
    run = cowrite_run(live_session, step)
    for n in range(10):
        sessions.join(session=live_session, pseudonym=f"P{n}")
    sessions.perform_action(session=live_session, run=run, action="form_groups")
    sizes = sorted(len(cowriting.members(g)) for g in cowriting.groups_of(run))
    assert sizes == [3, 3, 4]


def test_moving_between_groups_and_a_group_left_with_nobody(live_session, step, run):
    awa = sessions.join(session=live_session, pseudonym="Awa")
    sessions.perform_action(session=live_session, run=run, action="form_groups")
    first, second = cowriting.groups_of(run)
    cowriting.place(run=run, participant=awa, group=first)
    outcome = cowriting.write_field(
        group=first, participant=awa, name="need", text="Des aidants isolés", base_version=0
    )
    assert outcome.ok
    cowriting.place(run=run, participant=awa, group=second)
    assert CowriteMember.objects.filter(participant=awa).count() == 1
    # The group she left keeps its text, with nobody in it; she can no longer write there.
    assert cowriting.members(first) == []
    assert cowriting.fields_of(first)["need"].text == "Des aidants isolés"
    refused = cowriting.write_field(
        group=first, participant=awa, name="need", text="autre", base_version=1
    )
    assert not refused.ok
    assert "plus dans ce groupe" in refused.error


@pytest.fixture
def pair(live_session, run):
    awa = sessions.join(session=live_session, pseudonym="Awa")
    leo = sessions.join(session=live_session, pseudonym="Léo")
    sessions.perform_action(session=live_session, run=run, action="form_groups")
    group = cowriting.groups_of(run)[1]
    for person in (awa, leo):
        cowriting.place(run=run, participant=person, group=group)
    return group, awa, leo


def test_two_writers_who_only_append_are_merged(pair):
    group, awa, leo = pair
    base = cowriting.write_field(
        group=group, participant=awa, name="objectives", text="Former", base_version=0
    )
    cowriting.write_field(
        group=group,
        participant=awa,
        name="objectives",
        text="Former 200 aidants",
        base_version=base.version,
    )
    # Léo started from "Former" and added his own words, not having seen Awa's.
    outcome = cowriting.write_field(
        group=group,
        participant=leo,
        name="objectives",
        text="Former et outiller",
        base_version=base.version,
    )
    assert outcome.ok
    assert outcome.merged
    stored = cowriting.fields_of(group)["objectives"]
    assert "200 aidants" in stored.text
    assert "et outiller" in stored.text
    assert stored.text == outcome.text


def test_two_writers_who_both_rewrite_get_a_conflict_with_both_texts(pair):
    group, awa, leo = pair
    base = cowriting.write_field(
        group=group, participant=awa, name="publics", text="Les seniors", base_version=0
    )
    cowriting.write_field(
        group=group, participant=awa, name="publics", text="Les jeunes", base_version=1
    )
    outcome = cowriting.write_field(
        group=group, participant=leo, name="publics", text="Les aidants", base_version=base.version
    )
    assert not outcome.ok
    assert outcome.conflict
    assert outcome.theirs == "Les jeunes"
    assert outcome.text == "Les aidants"
    assert "Awa" in outcome.error
    assert cowriting.fields_of(group)["publics"].text == "Les jeunes"  # nothing overwritten
    # Léo resolves on the version he was shown.
    resolved = cowriting.write_field(
        group=group,
        participant=leo,
        name="publics",
        text="Les jeunes et les aidants",
        base_version=outcome.version,
    )
    assert resolved.ok
    assert cowriting.fields_of(group)["publics"].text == "Les jeunes et les aidants"


def test_a_phone_resending_its_own_older_saves_is_not_a_conflict(pair):
    group, awa, _leo = pair
    cowriting.write_field(group=group, participant=awa, name="actions", text="A", base_version=0)
    cowriting.write_field(group=group, participant=awa, name="actions", text="AB", base_version=1)
    # Offline, the phone kept "ABC" typed on version 1.
    outcome = cowriting.write_field(
        group=group, participant=awa, name="actions", text="ABC", base_version=1
    )
    assert outcome.ok
    assert not outcome.merged
    assert cowriting.fields_of(group)["actions"].text == "ABC"


def test_very_long_text_is_refused_in_french_and_given_back(pair):
    group, awa, _leo = pair
    text = "x" * 4001
    outcome = cowriting.write_field(
        group=group, participant=awa, name="need", text=text, base_version=0
    )
    assert not outcome.ok
    assert "trop long : 4001 caractères pour 4000 au plus" in outcome.error
    assert outcome.text == text
    assert not CowriteField.objects.filter(group=group, name="need").exists()


def test_closing_keeps_the_text_sent_then_refuses_later_saves(live_session, run, pair, settings):
    group, awa, _leo = pair
    sessions.set_run(session=live_session, run=run, is_open=False)
    # Sent as the facilitator closed: kept (a grace of a few seconds).
    kept = cowriting.write_field(
        group=group, participant=awa, name="calendar", text="2027", base_version=0
    )
    assert kept.ok
    run.refresh_from_db()
    run.closed_at -= cowriting.CLOSING_GRACE * 2
    run.save()
    late = cowriting.write_field(
        group=group, participant=awa, name="calendar", text="2027-2028", base_version=1
    )
    assert not late.ok
    assert "close" in late.error
    assert late.text == "2027-2028"
    assert cowriting.fields_of(group)["calendar"].text == "2027"


def test_history_says_who_wrote_what(pair):
    group, awa, leo = pair
    cowriting.write_field(group=group, participant=awa, name="cost", text="10 k€", base_version=0)
    cowriting.write_field(group=group, participant=leo, name="lead", text="CCAS", base_version=0)
    assert cowriting.contributors(group) == ["Awa", "Léo"]
    assert [(r.pseudonym, r.field.name) for r in cowriting.history(group)] == [
        ("Awa", "cost"),
        ("Léo", "lead"),
    ]


def test_the_plain_form_saves_a_field_and_keeps_a_refused_text(live_session, run):
    room = phones(live_session, "Awa")
    client, awa = room["Awa"]
    sessions.perform_action(session=live_session, run=run, action="form_groups")
    page = client.get(reverse("workshops:cowrite", args=[live_session.pk]))
    html = page.content.decode()
    assert "Besoin et diagnostic" in html
    assert 'name="version"' in html
    url = reverse("workshops:cowrite_save", args=[live_session.pk])
    response = client.post(url, {"name": "need", "version": "0", "text": "Des <b>aidants</b>"})
    assert response.status_code == 302
    html = client.get(reverse("workshops:cowrite", args=[live_session.pk])).content.decode()
    assert "Des &lt;b&gt;aidants&lt;/b&gt;" in html
    long_text = "mot " * 1100
    response = client.post(url, {"name": "need", "version": "1", "text": long_text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "trop long" in html
    assert long_text.strip() in html
    assert CowriteRevision.objects.filter(field__name="need").count() == 1


def test_the_projector_shows_progress_then_each_sheet_and_the_room_reacts(live_session, step, run):
    room = phones(live_session, "Awa", "Léo")
    sessions.perform_action(session=live_session, run=run, action="form_groups")
    first, second = cowriting.groups_of(run)
    awa, leo = room["Awa"][1], room["Léo"][1]
    cowriting.place(run=run, participant=awa, group=first)
    cowriting.place(run=run, participant=leo, group=second)
    cowriting.write_field(
        group=second, participant=leo, name="title", text="Bus numérique", base_version=0
    )
    cowriting.write_field(
        group=second, participant=leo, name="need", text="Zones blanches", base_version=0
    )
    screen = as_read(stage.render_results(session=live_session).html)
    assert "Table 1" in screen
    assert "1/10" in screen  # the idea's title only
    assert "2/10" in screen
    assert "Bus numérique" in screen
    sessions.perform_action(session=live_session, run=run, action="restitution")
    sessions.perform_action(session=live_session, run=run, action="next_sheet")
    screen = as_read(stage.render_results(session=live_session).html)
    assert "Fiche 2 sur 2" in screen
    assert "Zones blanches" in screen
    # Awa's phone offers the reaction to the sheet shown; she comments.
    client = room["Awa"][0]
    phone = client.get(reverse("workshops:phone", args=[live_session.pk])).content.decode()
    react_url = reverse("workshops:cowrite_react", args=[live_session.pk, second.pk])
    assert react_url in phone
    empty = client.post(react_url, {"kind": "commentaire", "comment": " "})
    assert empty.status_code == 400
    assert "Écrivez votre commentaire" in empty.content.decode()
    client.post(react_url, {"kind": "commentaire", "comment": "Et les <i>tiers-lieux</i> ?"})
    room["Léo"][0].post(react_url, {"kind": "soutien"})
    screen = as_read(stage.render_results(session=live_session).html)
    assert "Soutiens : 1 · Réserves : 0 · Commentaires : 1" in screen
    assert "Et les &lt;i&gt;tiers-lieux&lt;/i&gt; ?" in screen


def test_the_restitution_closes_the_writing_after_a_grace(live_session, run, pair):
    group, awa, _leo = pair
    sessions.perform_action(session=live_session, run=run, action="restitution")
    run.refresh_from_db()
    assert cowriting.write_field(
        group=group, participant=awa, name="cost", text="5 k€", base_version=0
    ).ok  # sent as the facilitator moved on: kept
    state = run.state
    state["closed_at"] = (timezone.now() - cowriting.CLOSING_GRACE * 2).isoformat()
    run.state = state
    run.save()
    late = cowriting.write_field(
        group=group, participant=awa, name="cost", text="6 k€", base_version=1
    )
    assert not late.ok
    assert "close" in late.error
    sessions.perform_action(session=live_session, run=run, action="writing")  # reopened
    assert cowriting.write_field(
        group=group, participant=awa, name="cost", text="6 k€", base_version=1
    ).ok


def test_a_version_never_given_out_is_a_conflict_not_an_overwrite(pair):
    group, awa, leo = pair
    cowriting.write_field(group=group, participant=awa, name="lead", text="CCAS", base_version=0)
    forged = cowriting.write_field(
        group=group, participant=leo, name="lead", text="Autre", base_version=99
    )
    assert forged.conflict
    assert cowriting.fields_of(group)["lead"].text == "CCAS"


def test_without_javascript_a_conflict_shows_both_texts_and_moving_group_works(live_session, run):
    room = phones(live_session, "Awa", "Léo")
    sessions.perform_action(session=live_session, run=run, action="form_groups")
    first, second = cowriting.groups_of(run)
    for name in ("Awa", "Léo"):
        cowriting.place(run=run, participant=room[name][1], group=first)
    url = reverse("workshops:cowrite_save", args=[live_session.pk])
    awa, leo = room["Awa"][0], room["Léo"][0]
    assert awa.post(url, {"name": "need", "version": "0", "text": "Isolement"}).status_code == 302
    # Léo loads the page (version 1); Awa rewrites the field; Léo rewrites it too.
    assert awa.post(url, {"name": "need", "version": "1", "text": "Solitude"}).status_code == 302
    response = leo.post(url, {"name": "need", "version": "1", "text": "Illectronisme"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Awa a modifié ce champ en même temps que vous" in html
    assert ">Solitude</pre>" in html  # theirs, to read
    assert ">Illectronisme</textarea>" in html  # his, kept in the field
    assert 'name="version" value="2"' in html  # sending again resolves it
    assert leo.post(url, {"name": "need", "version": "2", "text": "Les deux"}).status_code == 302
    assert cowriting.fields_of(first)["need"].text == "Les deux"
    # Léo moves to the other table; his page is now that group's sheet.
    move = reverse("workshops:cowrite_move", args=[live_session.pk])
    assert leo.post(move, {"group": second.pk}).status_code == 302
    page = leo.get(reverse("workshops:cowrite", args=[live_session.pk])).content.decode()
    assert "Fiche du groupe « Table 2 »" in page
    assert cowriting.group_of(run=run, participant=room["Léo"][1]) == second


# The sheets in the synthesis, its Word report and the XLSX export -----------------------------
FORMULA = '=HYPERLINK("http://evil.example","Cliquez")'


def test_the_groups_sheets_are_in_the_synthesis_the_word_report_and_the_xlsx(
    facilitator_client, live_session, step, run
):
    import io

    from docx import Document
    from openpyxl import load_workbook

    room = phones(live_session, "Awa", "Léo", "Inès")
    answer(room["Awa"][1], step, {"choice": 1})
    answer(room["Inès"][1], step, {"choice": 1})
    answer(room["Léo"][1], step, {"choice": 2})
    sessions.perform_action(session=live_session, run=run, action="form_groups")
    first, second = cowriting.groups_of(run)
    for name, text in (("title", "Guichet des aidants"), ("need", "Des aidants <b>isolés</b>")):
        version = cowriting.fields_of(first)[name].version if name == "title" else 0
        outcome = cowriting.write_field(
            group=first, participant=room["Awa"][1], name=name, text=text, base_version=version
        )
        assert outcome.ok
    assert cowriting.write_field(
        group=second, participant=room["Léo"][1], name="cost", text=FORMULA, base_version=0
    ).ok

    page = facilitator_client.get(reverse("workshops:synthesis", args=[live_session.pk]))
    html = as_read(page.content.decode())
    assert "Fiche du groupe « Table 1 » · Inclusion numérique</h3>" in html
    assert "Rédigée par : Awa, Inès" in html
    assert "<dt>Besoin et diagnostic</dt><dd>Des aidants &lt;b&gt;isolés&lt;/b&gt;</dd>" in html
    assert "Rédigée par : Léo" in html
    assert "<dt>Estimation du coût</dt>" in html

    docx = facilitator_client.get(reverse("workshops:synthesis_docx", args=[live_session.pk]))
    paragraphs = [
        p.text.replace("\u202f", " ") for p in Document(io.BytesIO(docx.content)).paragraphs
    ]
    at = paragraphs.index("Fiche du groupe « Table 1 » · Inclusion numérique")
    assert paragraphs[at + 1 : at + 6] == [
        "Rédigée par : Awa, Inès",
        "Intitulé du projet",
        "Guichet des aidants",
        "Besoin et diagnostic",
        "Des aidants <b>isolés</b>",
    ]
    assert FORMULA in paragraphs

    xlsx = facilitator_client.get(reverse("workshops:answers_xlsx", args=[live_session.pk]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    number = list(live_session.workshop.steps.order_by("order", "pk")).index(step) + 1
    sheet = workbook[f"Étape {number} · Fiches co-rédigées"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == ["Groupe", "Axe", "Membres", "Intitulé du projet", "Besoin et diagnostic"]
    assert rows[1][:5] == [
        "Table 1",
        "Inclusion numérique",
        "Awa, Inès",
        "Guichet des aidants",
        "Des aidants <b>isolés</b>",
    ]
    cost = rows[0].index("Estimation du coût")
    assert (rows[2][0], rows[2][2], rows[2][cost]) == ("Table 2", "Léo", "'" + FORMULA)
    assert sheet.cell(row=3, column=cost + 1).data_type == "s"  # text, never a formula


def test_before_random_groups_are_drawn_phones_wait_with_no_button_that_would_be_refused(
    live_session,
):
    step = cowrite_step(live_session, {"grouping": "random", "groups": 3, "axes": []})
    client = Client()
    join_as(client, live_session, "Awa")
    page = client.get(reverse("workshops:phone", args=[live_session.pk])).content.decode()
    assert "Les groupes seront tirés au sort : attendez que l'animation les forme." in page
    assert ">Envoyer</button>" not in page
    assert reverse("workshops:answer", args=[live_session.pk, step.activity.pk]) not in page
    # Picking a table still has its button.
    table = cowrite_step(live_session, title="Co-rédaction par table")
    page = client.get(reverse("workshops:phone", args=[live_session.pk])).content.decode()
    assert "À quelle table êtes-vous ?" in page
    assert ">Envoyer</button>" in page
    assert reverse("workshops:answer", args=[live_session.pk, table.activity.pk]) in page
