"""The rétroplanning's picture: months, milestones in date order, an undated one in a column of
its own, labels that never overlap."""

import pytest

from tests.factories import deck_milestones, make_programme
from workshops.timeline import CHART_LEFT, CHART_RIGHT, PAGE, STAGE, build_timeline


@pytest.fixture
def programme(db):
    """A programme with the deck's rétroplanning, from September 2024 to February 2025."""
    programme = make_programme()
    deck_milestones(programme)
    return programme


def test_markers_are_placed_in_date_order_within_the_chart(programme):
    timeline = build_timeline(programme=programme)
    dated = [m for m in timeline.markers if m.milestone.starts_on]
    xs = [m.x for m in dated]
    assert xs == sorted(xs)
    assert all(CHART_LEFT <= x <= CHART_RIGHT for x in xs)


def test_months_cover_september_2024_to_february_2025(programme):
    timeline = build_timeline(programme=programme)
    assert [m.label for m in timeline.months] == [
        "sept. 2024",
        "oct. 2024",
        "nov. 2024",
        "déc. 2024",
        "jan. 2025",
        "fév. 2025",
    ]


def test_the_undated_signature_goes_in_the_last_column(programme):
    timeline = build_timeline(programme=programme)
    signature = timeline.markers[-1]
    assert signature.milestone.starts_on is None
    assert signature.x > timeline.undated_x
    assert signature.x < CHART_RIGHT


@pytest.mark.parametrize("layout", [PAGE, STAGE])
def test_labels_of_close_milestones_never_overlap_and_stay_in_the_picture(programme, layout):
    timeline = build_timeline(programme=programme, layout=layout)
    by_row = {}
    for marker in timeline.markers:
        by_row.setdefault(marker.row, []).append(marker)
        assert marker.label_left >= 0
        assert marker.label_right <= layout.width
    assert len(by_row) > 1
    for markers in by_row.values():
        for left, right in zip(markers, markers[1:], strict=False):
            assert right.label_left > max(left.label_right, left.x + left.width)


def test_a_programme_with_no_date_has_no_picture(db):
    from workshops.models import Programme

    programme = Programme.objects.create(name="Vide", slug="vide", territory="—")
    assert build_timeline(programme=programme) is None
