"""Governance: members on the shared structures, committees with their co-chairs, the detailed
view drawn as an SVG diagram with its text alternative, projected as a workshop step."""

import re

import pytest
from django.urls import reverse

from roadmap.governance import build_governance_diagram
from roadmap.models import Committee, Member
from roadmap.versions import open_new_version
from tests.factories import make_committee, workshop_with
from workshops.models import Organisation, Step


def member_data(**overrides):
    data = {
        "organisation_name": "Emmaüs Connect",
        "short_name": "",
        "kind": "association",
        "siret": "",
        "roles": ["formation", "beneficiaire"],
        "status": "candidat",
        "political_first_name": "",
        "political_last_name": "",
        "political_function": "",
        "political_email": "",
        "technical_first_name": "Camille",
        "technical_last_name": "Martin",
        "technical_function": "Responsable territoriale",
        "technical_email": "camille.martin@example.org",
    }
    return data | overrides


def test_a_member_is_added_with_a_new_structure(editor_client, roadmap):
    url = reverse("roadmap:member_add", args=[roadmap.pk])
    response = editor_client.post(url, member_data(siret="732 829 320 00074"))
    assert response.status_code == 302
    member = roadmap.members.get(organisation__name="Emmaüs Connect")
    assert member.roles == ["beneficiaire", "formation"]
    assert member.organisation.siret == "73282932000074"
    assert member.technical_contact == (
        "Camille Martin, Responsable territoriale, camille.martin@example.org"
    )


def test_an_existing_structure_is_reused_not_duplicated(editor_client, roadmap, other_roadmap):
    editor_client.force_login(roadmap.editors.first())
    url = reverse("roadmap:member_add", args=[roadmap.pk])
    editor_client.post(url, member_data(organisation_name="emmaüs connect"))
    assert Organisation.objects.filter(name__iexact="Emmaüs Connect").count() == 1


CAF = "Caisse d'allocations familiales des Hauts-de-Seine"


def structure_fields(name: str) -> tuple[str, str, str]:
    organisation = Organisation.objects.get(name=name)
    return (organisation.short_name, organisation.kind, organisation.siret)


@pytest.mark.parametrize("name", [CAF, "Département des Hauts-de-Seine"])
def test_a_second_coordinator_links_a_shared_structure_without_rewriting_it(
    client, editor, other_editor, roadmap, other_roadmap, name
):
    # The CAF is a member of the 92's roadmap; the Département also carries its programme.
    roadmap.programme.carriers.add(Organisation.objects.get(name="Département des Hauts-de-Seine"))
    before = structure_fields(name)
    client.force_login(other_editor)
    url = reverse("roadmap:member_add", args=[other_roadmap.pk])
    typed = member_data(
        organisation_name=name.lower(), short_name="XYZ", kind="entreprise", siret="73282932000074"
    )
    response = client.post(url, typed, follow=True)
    assert response.status_code == 200
    assert structure_fields(name) == before
    assert other_roadmap.members.get().organisation == Organisation.objects.get(name=name)
    html = response.content.decode().replace("&#x27;", "'")
    assert f"« {name} » est une structure déjà connue" in html
    assert "son sigle, son type et son SIRET n'ont pas été modifiés" in html

    client.force_login(editor)
    page = client.get(reverse("roadmap:governance", args=[roadmap.pk])).content.decode()
    assert f"({before[0]})" in page
    assert "XYZ" not in page


def test_a_signed_version_keeps_its_structures_when_the_next_version_edits_them(
    client, editor, signed
):
    new = open_new_version(roadmap=signed, user=editor)
    member = new.members.get(organisation__short_name="CD92")
    client.force_login(editor)
    url = reverse("roadmap:member_edit", args=[new.pk, member.pk])
    typed = member_data(
        organisation_name="Département des Hauts-de-Seine", short_name="Département 92"
    )
    assert client.post(url, typed, follow=True).status_code == 200
    assert structure_fields("Département des Hauts-de-Seine")[0] == "CD92"
    signed_page = client.get(reverse("roadmap:governance", args=[signed.pk])).content.decode()
    assert "(CD92)" in signed_page
    assert "Département 92" not in signed_page

    form = client.get(url).content.decode().replace("&#x27;", "'")
    assert "figure aussi dans d'autres feuilles de route" in form

    # Another name is another structure: the signed version keeps the one it names.
    typed["organisation_name"] = "Conseil départemental des Hauts-de-Seine"
    assert client.post(url, typed, follow=True).status_code == 200
    assert new.members.get(pk=member.pk).organisation.short_name == "Département 92"
    assert signed.members.filter(organisation__name="Département des Hauts-de-Seine").exists()
    signed_page = client.get(reverse("roadmap:governance", args=[signed.pk])).content.decode()
    assert "Conseil départemental des Hauts-de-Seine" not in signed_page


def test_a_structure_only_this_member_uses_is_edited_through_it(editor_client, roadmap):
    editor_client.post(reverse("roadmap:member_add", args=[roadmap.pk]), member_data())
    member = roadmap.members.get(organisation__name="Emmaüs Connect")
    url = reverse("roadmap:member_edit", args=[roadmap.pk, member.pk])
    response = editor_client.post(url, member_data(short_name="EC", siret="732 829 320 00074"))
    assert response.status_code == 302
    assert structure_fields("Emmaüs Connect") == ("EC", "association", "73282932000074")


def known_structures(html: str) -> list[str]:
    datalist = html.split('<datalist id="known-organisations">')[1].split("</datalist>")[0]
    return re.findall(r'<option value="([^"]*)">', datalist.replace("&#x27;", "'"))


def test_the_member_form_suggests_only_the_structures_the_user_may_see(
    client, editor, other_editor, roadmap, other_roadmap
):
    roadmap.programme.carriers.add(Organisation.objects.get(name="Département des Hauts-de-Seine"))
    members_only = {  # the structures that are members of the 92's roadmap only
        m.organisation.name for m in roadmap.members.all() if not m.organisation.programmes.exists()
    }
    assert CAF in members_only
    client.force_login(other_editor)
    html = client.get(reverse("roadmap:member_add", args=[other_roadmap.pk])).content.decode()
    suggested = known_structures(html)
    assert not members_only & set(suggested)
    # The programmes' carriers are on the rétroplanning, which every coordinator reads.
    assert "Département des Hauts-de-Seine" in suggested

    client.force_login(editor)
    html = client.get(reverse("roadmap:member_add", args=[roadmap.pk])).content.decode()
    assert members_only <= set(known_structures(html))


def test_a_malformed_siret_is_refused_beside_the_field_and_the_form_is_kept(editor_client, roadmap):
    url = reverse("roadmap:member_add", args=[roadmap.pk])
    response = editor_client.post(url, member_data(siret="73282932000075"))
    assert response.status_code == 200
    html = response.content.decode()
    error = html.split('id="id_siret_error">')[1].split("</p>")[0]
    assert "SIRET n&#x27;est pas valide" in error
    assert 'value="camille.martin@example.org"' in html
    assert not Organisation.objects.filter(name="Emmaüs Connect").exists()


def test_a_structure_is_a_member_only_once(editor_client, roadmap):
    url = reverse("roadmap:member_add", args=[roadmap.pk])
    response = editor_client.post(url, member_data(organisation_name=CAF))
    assert "déjà membre de la gouvernance" in response.content.decode()


def test_a_member_who_funds_a_sheet_cannot_be_removed(editor_client, roadmap, sheet):
    cd92 = roadmap.members.get(organisation__short_name="CD92")
    assert sheet.funding_lines.filter(funder=cd92).exists()
    response = editor_client.post(
        reverse("roadmap:member_delete", args=[roadmap.pk, cd92.pk]), follow=True
    )
    assert "retirez d&#x27;abord ses lignes de financement" in response.content.decode()
    assert Member.objects.filter(pk=cd92.pk).exists()


def test_a_committee_keeps_its_seats_co_chairs_and_meetings(editor_client, roadmap):
    prefecture = roadmap.members.get(organisation__short_name="Préfecture 92")
    caf = roadmap.members.get(organisation__short_name="CAF 92")
    url = reverse("roadmap:committee_add", args=[roadmap.pk])
    response = editor_client.post(
        url,
        {
            "name": "Comité des financeurs",
            "kind": "autre",
            "frequency": "annuelle",
            "description": "",
            "seat_members": [str(caf.pk)],
            "co_chairs": [str(prefecture.pk)],
            "meetings-TOTAL_FORMS": "1",
            "meetings-INITIAL_FORMS": "0",
            "meetings-0-date": "2025-02-03",
            "meetings-0-title": "Installation",
            "meetings-0-minutes": "- enveloppes 2025",
        },
    )
    assert response.status_code == 302
    committee = Committee.objects.get(name="Comité des financeurs")
    seats = {seat.member.label: seat.co_chair for seat in committee.seats.all()}
    assert seats == {"Préfecture 92": True, "CAF 92": False}
    assert committee.meetings.get().title == "Installation"


def test_the_diagram_puts_co_carriers_first_then_committees_strategic_first(roadmap):
    caf = roadmap.members.get(organisation__short_name="CAF 92")
    make_committee(
        roadmap,
        "Comité des acteurs de l'inclusion numérique",
        kind=Committee.Kind.CONSULTATIVE,
        members=[caf],
    )
    roadmap.committees.filter(kind=Committee.Kind.STRATEGIC).update(order=99)  # kind comes first
    diagram = build_governance_diagram(roadmap=roadmap)
    titles = [box.title for box in diagram.boxes]
    assert titles == [
        "Co-porteurs de la feuille de route",
        "Comité de pilotage",
        "Comité technique",
        "Comité des acteurs de l'inclusion numérique",
    ]
    copil = diagram.boxes[1]
    chairs = [chip.text for chip in copil.chips if chip.co_chair]
    assert chairs == ["★ CD92", "★ Préfecture 92"]
    assert any(chip.candidate for chip in copil.chips)  # the CAF is still a candidate


def test_the_diagram_boxes_do_not_overlap_and_chips_stay_inside(roadmap):
    diagram = build_governance_diagram(roadmap=roadmap)
    for upper, lower in zip(diagram.boxes, diagram.boxes[1:], strict=False):
        assert upper.bottom < lower.y
    for box in diagram.boxes:
        for chip in box.chips:
            assert box.x < chip.x
            assert chip.x + chip.width < box.x + box.width
            assert box.y < chip.y < chip.y + 34 < box.bottom
    assert diagram.height >= diagram.boxes[-1].bottom


def test_many_members_wrap_onto_new_rows(roadmap):
    committee = roadmap.committees.get(kind="technique")
    for index in range(25):
        organisation = Organisation.objects.create(name=f"Association de médiation n°{index}")
        member = Member.objects.create(roadmap=roadmap, organisation=organisation)
        committee.seats.create(member=member)
    box = next(b for b in build_governance_diagram(roadmap=roadmap).boxes if b.kind == "technique")
    assert len({chip.y for chip in box.chips}) > 3


def test_members_on_no_committee_get_their_own_box(roadmap):
    Member.objects.create(
        roadmap=roadmap, organisation=Organisation.objects.create(name="Médiathèque de Sceaux")
    )
    diagram = build_governance_diagram(roadmap=roadmap)
    assert diagram.boxes[-1].title == "Autres membres"
    assert [chip.text for chip in diagram.boxes[-1].chips] == ["Médiathèque de Sceaux"]


def svg_attributes(html: str) -> list[str]:
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    return re.findall(r'\b(?:x|y|x1|x2|y1|y2|width|height|rx)="([^"]*)"', svg)


def test_the_governance_page_draws_the_svg_with_whole_numbers_and_a_text_version(
    editor_client, roadmap
):
    html = editor_client.get(reverse("roadmap:governance", args=[roadmap.pk])).content.decode()
    values = svg_attributes(html)
    assert values
    assert all(re.fullmatch(r"-?\d+", value) for value in values), values
    assert 'role="img"' in html
    assert "Version texte de la gouvernance" in html
    text = html.split("Version texte de la gouvernance")[1]
    assert "Comité de pilotage" in text
    assert "Co-présidence : Département des Hauts-de-Seine, Préfet des Hauts-de-Seine" in text
    assert "Caisse d&#x27;allocations familiales des Hauts-de-Seine (candidat)" in text


def test_member_names_are_escaped_in_the_diagram(editor_client, roadmap):
    organisation = Organisation.objects.create(name="<script>alert('x')</script>")
    member = Member.objects.create(roadmap=roadmap, organisation=organisation)
    roadmap.committees.first().seats.create(member=member)
    html = editor_client.get(reverse("roadmap:governance", args=[roadmap.pk])).content.decode()
    assert "<script>alert" not in html


@pytest.fixture
def workshop(facilitator):
    """A workshop of a programme of its own that projects the governance; no roadmap is linked
    to its programme unless a test links one."""
    return workshop_with([Step.Kind.GOVERNANCE], facilitator=facilitator)


@pytest.fixture
def governance_step(workshop):
    return workshop.steps.get(kind=Step.Kind.GOVERNANCE)


def test_a_facilitator_projects_the_governance_as_a_workshop_step(
    facilitator_client, workshop, governance_step, roadmap
):
    roadmap.programme = workshop.programme
    roadmap.save()
    url = reverse("workshops:step_edit", args=[workshop.pk, governance_step.pk])
    html = facilitator_client.get(url).content.decode()
    preview = html.split('class="slide-preview"')[1]
    assert "governance__svg" in preview
    assert f'id="governance-title-{roadmap.pk}-step{governance_step.pk}"' in preview
    assert "Comité de pilotage" in preview
    assert "Version texte de la gouvernance" in preview


def test_the_governance_step_says_so_when_no_roadmap_is_linked(
    facilitator_client, workshop, governance_step
):
    url = reverse("workshops:step_edit", args=[workshop.pk, governance_step.pk])
    html = facilitator_client.get(url).content.decode()
    assert "Aucune feuille de route n'est encore liée à cette démarche" in html
