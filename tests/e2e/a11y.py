"""Accessibility checks shared by the browser journeys."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()
BLOCKING = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, readable in an assert."""
    results = _axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def assert_accessible(page) -> None:
    violations = serious_violations(page)
    assert violations == [], f"{page.url}\n" + "\n".join(violations)


def assert_no_horizontal_scroll(page) -> None:
    """Reads on a 360 px phone: nothing wider than the screen (figures scroll inside)."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} déborde de {overflow}px"
