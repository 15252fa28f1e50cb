"""Facilitators author activities of every kind (a form per kind, with a preview of the phone
and the projector), add them as steps, duplicate an activity or a whole workshop."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from live import sessions
from live.models import Response
from quizzes.kinds import KINDS, get_kind
from quizzes.models import Activity
from tests.factories import (
    classification,
    make_programme,
    make_workshop,
    plain_step,
    step_with_activity,
    who_am_i,
)
from tests.live import answer
from tests.quizzes.test_classify import DECK_SOLUTION
from tests.workshops.test_classify_live import RETRO
from workshops.models import AgendaItem, Milestone, Step, Workshop

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
BOARD = "Brainstorming sur les enjeux à l'échelle de l'écosystème"


@pytest.fixture
def workshop(facilitator):
    """Workshop n°1 of a programme, as the deck has it in small: a cover, the plan, then one
    activity of each kind the deck uses, with the deck's settings (the tour de table and the
    idea board under their item of the plan)."""
    # Imported here: tests.quizzes.test_blanks imports this module's settings_data.
    from tests.quizzes.test_blanks import BANK, DECK

    workshop = make_workshop(
        programme=make_programme(),
        facilitator=facilitator,
        title="Atelier de co-construction n°1",
        theme="définition médiation numérique, littératie numérique",
        starts_at=dt.datetime(2024, 11, 21, 14, 30, tzinfo=PARIS),
        venue="Centre social Nelly Roussel",
    )
    welcome, brainstorm = (
        AgendaItem.objects.create(workshop=workshop, order=order, title=title)
        for order, title in enumerate(["tour de table & brise-glace", BOARD.lower()], start=1)
    )
    plain_step(workshop, "cover", title="Atelier de co-construction n°1")
    plan = plain_step(workshop, "content", title="Plan de l'atelier")
    plan.body = "- tour de table & brise-glace\n- brainstorming"
    plan.save()
    icebreaker = step_with_activity(workshop, "icebreaker", title="Tour de table & brise-glace")
    step_with_activity(workshop, "retro", config=RETRO, title="Rétrospective FNEg2")
    step_with_activity(workshop, "vote")
    step_with_activity(workshop, "open_question", title="Question")
    blanks = {"text": DECK, "word_bank": True, "bank": BANK}
    step_with_activity(workshop, "blanks", config=blanks, title="Texte à trous")
    who_am_i(workshop, "médiation sociale")
    classification(workshop, DECK_SOLUTION)
    board = step_with_activity(workshop, "ideas", title=BOARD)
    for step, item in ((icebreaker, welcome), (board, brainstorm)):
        step.agenda_item = item
        step.save()
    return workshop


def settings_data(kind, config: dict) -> dict:
    """The settings form's fields, filled as a browser would post them."""
    data = {}
    for name, value in kind.config_initial(config).items():
        if value is True:
            data[f"reglages-{name}"] = "on"
        elif value in (False, None):
            continue
        else:
            data[f"reglages-{name}"] = str(value)
    return data


def valid_config(kind, workshop) -> dict:
    """Settings the kind accepts: the workshop's activity of that kind if there is one (the
    deck's own settings), else a vote's three options, else the kind's defaults, else its
    example (the prioritisation kinds have no items by default)."""
    existing = Activity.objects.filter(kind=kind.name, step__workshop=workshop).first()
    if existing:
        return existing.config
    if kind.name == "vote":
        return kind.clean_config({"options": ["Oui", "Non", "Je ne sais pas"]})
    try:
        return kind.clean_config(kind.default_config())
    except ValidationError:
        return kind.clean_config(kind.example_config())


def add_url(workshop, kind_name: str, query: str = "") -> str:
    return reverse("workshops:activity_add", args=[workshop.pk, kind_name]) + query


# Creating an activity of every kind ----------------------------------------------------------
def test_the_kind_choice_lists_every_registered_kind(facilitator_client, workshop):
    html = facilitator_client.get(
        reverse("workshops:activity_kinds", args=[workshop.pk])
    ).content.decode()
    for kind in KINDS.values():
        assert escape(str(kind.label)) in html
        assert add_url(workshop, kind.name) in html


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_an_activity_of_each_kind_is_created_through_its_form_with_a_preview(
    facilitator_client, workshop, kind_name
):
    kind = get_kind(kind_name)
    page = facilitator_client.get(add_url(workshop, kind_name))
    assert page.status_code == 200
    assert "Aperçu" in page.content.decode()
    data = {
        "activite-title": f"Essai {kind_name}",
        "activite-prompt": "Une consigne <em>typée</em>",
        **settings_data(kind, valid_config(kind, workshop)),
    }
    preview = facilitator_client.post(add_url(workshop, kind_name), {**data, "intent": "preview"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Sur les téléphones" in html
    assert "Sur l&#x27;écran projeté" in html or "Sur l'écran projeté" in html
    assert f"Essai {kind_name}" in html
    assert "Une consigne &lt;em&gt;typée&lt;/em&gt;" in html  # shown as text
    assert not Activity.objects.filter(title=f"Essai {kind_name}").exists()  # nothing saved
    count = workshop.steps.count()
    saved = facilitator_client.post(add_url(workshop, kind_name), {**data, "intent": "save"})
    assert saved.status_code == 302
    activity = Activity.objects.get(title=f"Essai {kind_name}")
    assert activity.kind == kind_name
    assert activity.config == kind.clean_config(valid_config(kind, workshop))
    step = workshop.steps.order_by("order").last()
    assert (step.activity, step.kind, step.title) == (activity, "activity", activity.title)
    assert workshop.steps.count() == count + 1


def test_the_live_preview_is_an_htmx_fragment(facilitator_client, workshop):
    kind = get_kind("ideas")
    response = facilitator_client.post(
        add_url(workshop, "ideas"),
        {
            "activite-title": "Mur",
            "intent": "preview",
            **settings_data(kind, kind.clean_config(kind.default_config())),
            "reglages-columns": "Gouvernance\nFinancements : fonds local",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="activity-preview"')
    assert "Gouvernance" in html
    assert "fonds local" in html
    assert "<html" not in html


def test_bad_settings_get_a_french_error_beside_the_field_and_keep_what_was_typed(
    facilitator_client, workshop
):
    response = facilitator_client.post(
        add_url(workshop, "vote"),
        {
            "activite-title": "Un vote à une seule réponse",
            "reglages-options": "Seulement celle-ci",
            "intent": "save",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_reglages-options_error"' in html
    assert "Un vote propose au moins deux réponses." in html
    assert 'value="Un vote à une seule réponse"' in html
    assert "Seulement celle-ci</textarea>" in html
    assert not Activity.objects.filter(title="Un vote à une seule réponse").exists()


def test_an_empty_title_is_refused_and_nothing_is_saved(facilitator_client, workshop):
    kind = get_kind("ideas")
    response = facilitator_client.post(
        add_url(workshop, "ideas"),
        {"activite-title": "", "intent": "save", **settings_data(kind, kind.default_config())},
    )
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not Activity.objects.filter(kind="ideas", step__isnull=True).exists()  # none added


def test_a_new_step_goes_after_the_chosen_step(facilitator_client, workshop):
    kind = get_kind("vote")
    after = workshop.steps.get(title="Plan de l'atelier")
    next_title = workshop.steps.get(order=after.order + 1).title
    facilitator_client.post(
        add_url(workshop, "vote"),
        {
            "activite-title": "Êtes-vous bien installé·es ?",
            "etape-after": str(after.pk),
            **settings_data(kind, valid_config(kind, workshop)),
            "intent": "save",
        },
    )
    titles = list(workshop.steps.order_by("order").values_list("title", flat=True))
    position = titles.index("Plan de l'atelier")
    assert titles[position + 1 : position + 3] == ["Êtes-vous bien installé·es ?", next_title]
    assert sorted(workshop.steps.values_list("order", flat=True)) == list(range(1, len(titles) + 1))


def test_a_step_waiting_for_its_activity_gets_it(facilitator_client, workshop):
    placeholder = Step.objects.create(
        workshop=workshop, order=99, kind="activity", title="Vote à préparer"
    )
    page = facilitator_client.get(reverse("workshops:workshop", args=[workshop.pk])).content
    assert f"?etape={placeholder.pk}" in page.decode()
    kind = get_kind("vote")
    facilitator_client.post(
        add_url(workshop, "vote", f"?etape={placeholder.pk}"),
        {
            "activite-title": "Le vote préparé",
            **settings_data(kind, valid_config(kind, workshop)),
            "intent": "save",
        },
    )
    placeholder.refresh_from_db()
    assert placeholder.activity.title == "Le vote préparé"
    assert not workshop.steps.filter(title="Le vote préparé").exists()  # no extra step


def test_editing_an_activity_keeps_its_step_and_warns_when_it_has_answers(
    facilitator_client, workshop, live_session, vote_step, participant
):
    answer(participant, vote_step, {"choices": [0]})
    url = reverse("workshops:activity_edit", args=[workshop.pk, vote_step.pk])
    page = facilitator_client.get(url).content.decode()
    assert "Cette activité a déjà 1 réponse" in page
    assert "Pour\nContre\nAbstention</textarea>" in page
    facilitator_client.post(
        url,
        {
            "activite-title": "Vote",
            "activite-prompt": "Validez-vous la gouvernance proposée ?",
            "reglages-options": "Pour\nContre\nAbstention\nNe se prononce pas",
            "intent": "save",
        },
    )
    vote_step.activity.refresh_from_db()
    assert vote_step.activity.config["options"][-1] == "Ne se prononce pas"


def test_the_co_writing_is_set_with_a_grouping_a_number_of_groups_and_axes_one_per_line(
    facilitator_client, workshop
):
    page = facilitator_client.get(add_url(workshop, "cowrite")).content.decode()
    assert "Réglages (JSON)" not in page
    assert 'name="reglages-grouping" value="axis"' in page
    assert "Axes prioritaires" in page
    saved = facilitator_client.post(
        add_url(workshop, "cowrite"),
        {
            "activite-title": "Fiches par axe",
            "reglages-grouping": "axis",
            "reglages-groups": "",
            "reglages-axes": "Inclusion numérique :  un guichet unique\n\n Formation  des aidants ",
            "intent": "save",
        },
    )
    assert saved.status_code == 302
    activity = Activity.objects.get(title="Fiches par axe")
    assert activity.config == {
        "grouping": "axis",
        "groups": 2,
        "axes": [
            {"title": "Inclusion numérique", "idea": "un guichet unique"},
            {"title": "Formation des aidants", "idea": ""},
        ],
    }
    url = reverse("workshops:activity_edit", args=[workshop.pk, activity.step.pk])
    page = facilitator_client.get(url).content.decode()
    assert "Inclusion numérique : un guichet unique\nFormation des aidants</textarea>" in page
    assert 'value="axis" required id="id_reglages-grouping_1" checked>' in page


def test_the_preview_of_random_co_writing_groups_shows_no_button_to_send(
    facilitator_client, workshop
):
    data = {"activite-title": "Au hasard", "reglages-groups": "3", "intent": "preview"}
    drawn = facilitator_client.post(
        add_url(workshop, "cowrite"), {**data, "reglages-grouping": "random"}
    ).content.decode()
    assert "Les groupes seront tirés au sort" in drawn
    assert ">Envoyer</button>" not in drawn
    picked = facilitator_client.post(
        add_url(workshop, "cowrite"), {**data, "reglages-grouping": "table"}
    ).content.decode()
    assert ">Envoyer</button>" in picked


@pytest.mark.parametrize(
    ("grouping", "groups", "axes", "field", "message"),
    [
        ("axis", "", "", "axes", "Pour former les groupes par axe, donnez les axes."),
        ("table", "", "", "groups", "De 1 à 30 groupes."),
        ("random", "31", "", "groups", "Assurez-vous que cette valeur est inférieure ou égale"),
    ],
)
def test_bad_co_writing_settings_are_refused_beside_their_field(
    facilitator_client, workshop, grouping, groups, axes, field, message
):
    response = facilitator_client.post(
        add_url(workshop, "cowrite"),
        {
            "activite-title": "Fiches refusées",
            "reglages-grouping": grouping,
            "reglages-groups": groups,
            "reglages-axes": axes,
            "intent": "save",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_reglages-{field}_error"' in html
    assert message in html
    assert not Activity.objects.filter(title="Fiches refusées").exists()


# Duplicating -----------------------------------------------------------------------------------
def test_duplicating_an_activity_copies_it_right_after_with_its_own_activity(
    facilitator_client, workshop
):
    step = workshop.steps.get(activity__kind="ideas")
    facilitator_client.post(reverse("workshops:step_duplicate", args=[workshop.pk, step.pk]))
    copy = workshop.steps.get(order=step.order + 1)
    assert copy.title == f"{step.title} (copie)"
    assert copy.activity_id != step.activity_id
    assert copy.activity.kind == "ideas"
    assert copy.activity.config == step.activity.config
    assert copy.agenda_item == step.agenda_item


@pytest.fixture
def planned_second(workshop):
    """Workshop n°2 as the rétroplanning first planned it: a date and a title, no content yet."""
    second = make_workshop(
        programme=workshop.programme,
        number=2,
        title="Atelier de co-construction n°2",
        theme="définition enjeux, consolidation et priorisation",
        starts_at=dt.datetime(2024, 12, 4, 14, 30, tzinfo=PARIS),
    )
    Milestone.objects.create(
        programme=workshop.programme,
        workshop=second,
        kind=Milestone.Kind.WORKSHOP,
        title="Atelier n°2",
        starts_on=dt.date(2024, 12, 4),
        date_label="4 déc",
    )
    return second


def test_duplicating_workshop_1_prepares_workshop_2_of_4_december(
    facilitator_client, facilitator, workshop, live_session, vote_step, participant, planned_second
):
    url = reverse("workshops:workshop_duplicate", args=[workshop.pk])
    form = facilitator_client.get(url).content.decode()
    assert 'value="2"' in form  # n°2 is planned and empty: proposed
    assert "2024-12-04T14:30" in form
    response = facilitator_client.post(
        url,
        {
            "number": "2",
            "title": "Atelier de co-construction n°2",
            "starts_at": "2024-12-04T14:30",
            "theme": "",
        },
    )
    second = Workshop.objects.get(programme=workshop.programme, number=2)
    assert response.url == reverse("workshops:workshop", args=[second.pk])
    assert second.starts_at == dt.datetime(2024, 12, 4, 14, 30, tzinfo=PARIS)
    assert second.theme == "définition enjeux, consolidation et priorisation"  # kept
    assert second.milestone.date_label == "4 déc"  # still the rétroplanning's n°2
    assert facilitator in second.facilitators.all()
    assert [a.title for a in second.agenda.all()] == [a.title for a in workshop.agenda.all()]
    originals = list(workshop.steps.order_by("order"))
    copies = list(second.steps.order_by("order"))
    assert [(s.title, s.kind, s.body) for s in copies] == [
        (s.title, s.kind, s.body) for s in originals
    ]
    for original, copy in zip(originals, copies, strict=True):
        if original.activity_id:
            assert copy.activity_id != original.activity_id
            assert copy.activity.config == original.activity.config
        if original.agenda_item_id:
            assert copy.agenda_item.workshop == second
            assert copy.agenda_item.title == original.agenda_item.title
    assert not second.sessions.exists()
    assert not Response.objects.filter(activity__step__workshop=second).exists()
    # Once filled, n°2 can't be filled again.
    again = facilitator_client.post(
        url, {"number": "2", "title": "Encore", "starts_at": "2024-12-04T14:30"}
    )
    assert again.status_code == 400
    assert "L&#x27;atelier n°2 a déjà des étapes : choisissez un autre numéro." in (
        again.content.decode()
    )


def test_duplicating_to_a_new_number_creates_the_workshop(facilitator_client, workshop):
    url = reverse("workshops:workshop_duplicate", args=[workshop.pk])
    facilitator_client.post(
        url,
        {"number": "7", "title": "Atelier bis", "starts_at": "2025-01-15T09:30", "theme": "Suite"},
    )
    copy = Workshop.objects.get(programme=workshop.programme, number=7)
    assert (copy.title, copy.theme, copy.venue) == ("Atelier bis", "Suite", workshop.venue)
    assert copy.steps.count() == workshop.steps.count()


def test_a_workshop_run_by_someone_else_is_not_filled(
    facilitator_client, workshop, other_facilitator, planned_second
):
    second = Workshop.objects.get(programme=workshop.programme, number=2)
    second.facilitators.add(other_facilitator)
    response = facilitator_client.post(
        reverse("workshops:workshop_duplicate", args=[workshop.pk]),
        {"number": "2", "title": "n°2", "starts_at": "2024-12-04T14:30"},
    )
    assert "Vous n&#x27;animez pas l&#x27;atelier n°2." in response.content.decode()
    assert not second.steps.exists()


# Rights ----------------------------------------------------------------------------------------
def authoring_requests(workshop):
    step = workshop.steps.get(activity__kind="vote")
    return [
        ("get", reverse("workshops:activity_kinds", args=[workshop.pk])),
        ("get", reverse("workshops:activity_add", args=[workshop.pk, "vote"])),
        ("post", reverse("workshops:activity_add", args=[workshop.pk, "vote"])),
        ("get", reverse("workshops:activity_edit", args=[workshop.pk, step.pk])),
        ("post", reverse("workshops:activity_edit", args=[workshop.pk, step.pk])),
        ("post", reverse("workshops:step_duplicate", args=[workshop.pk, step.pk])),
        ("get", reverse("workshops:workshop_duplicate", args=[workshop.pk])),
        ("post", reverse("workshops:workshop_duplicate", args=[workshop.pk])),
    ]


def test_another_facilitator_gets_not_found_and_nothing_changes(
    client, workshop, other_facilitator
):
    client.force_login(other_facilitator)
    steps, workshops = workshop.steps.count(), Workshop.objects.count()
    for method, url in authoring_requests(workshop):
        data = {"number": "9", "title": "x", "starts_at": "2025-01-01T10:00"}
        assert getattr(client, method)(url, data if method == "post" else None).status_code == 404
    assert workshop.steps.count() == steps
    assert Workshop.objects.count() == workshops


def test_anonymous_visitors_are_sent_to_log_in_and_others_refused(client, workshop, plain_user):
    for method, url in authoring_requests(workshop):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url.startswith("/connexion/")
    client.force_login(plain_user)
    for method, url in authoring_requests(workshop):
        assert getattr(client, method)(url).status_code == 403


def test_a_session_answer_is_never_copied(workshop, facilitator, live_session, vote_step):
    from workshops.duplication import duplicate_step

    participant = sessions.join(session=live_session, pseudonym="Alex")
    Response.objects.create(
        client_id="0b0c54f2-2f4e-4b39-9d1f-1d2d1c0e0f00",
        session=live_session,
        activity=vote_step.activity,
        participant=participant,
        data={"choices": [0]},
    )
    copy = duplicate_step(step=vote_step)
    assert not copy.activity.responses.exists()
    assert not copy.activity.runs.exists()
