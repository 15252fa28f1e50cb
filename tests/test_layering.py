"""The apps are layered, each importing only those below it (README, « Pour le
développeur·euse »), and nothing imports the project package:

    fne92      the project: settings, urls, asgi, routing, demo; nothing imports it
    roadmap    imports census, live, workshops, quizzes, common
    census     imports live, workshops, quizzes, common
    live       imports workshops, quizzes, common
    workshops  imports quizzes, common
    quizzes    imports common (so its kinds never reach the answer store)
    common     Django and third-party packages only

Every import of every module of the apps is read with `ast`, those inside functions too."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["common", "quizzes", "workshops", "live", "census", "roadmap"]
PROJECT = "fne92"
OURS = {*LAYERS, PROJECT}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            # `from quizzes.kinds import ideas` imports the module quizzes.kinds.ideas too.
            found += [
                (node.lineno, f"{node.module}.{alias.name}")
                for alias in node.names
                if module_path(f"{node.module}.{alias.name}")
            ]
    return found


def app_modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def arrows_against_the_layers() -> list[str]:
    wrong = []
    for app in LAYERS:
        below = set(LAYERS[: LAYERS.index(app) + 1])
        for path in app_modules(app):
            for line, module in imported_modules(path):
                target = module.split(".")[0]
                if target not in OURS:
                    continue
                where = f"{path.relative_to(ROOT)}:{line}"
                if target == PROJECT and module != "fne92.settings":
                    wrong.append(f"{where} imports {module}: nothing imports the project package")
                elif target == PROJECT:
                    wrong.append(f"{where} imports fne92.settings: use django.conf.settings")
                elif target not in below:
                    wrong.append(
                        f"{where} ({app}) imports {module}: {target} sits above {app} "
                        f"(order, bottom first: {' < '.join(LAYERS)})"
                    )
    return wrong


def test_no_import_runs_against_the_layers():
    wrong = arrows_against_the_layers()
    assert not wrong, "Imports against the layering:\n" + "\n".join(wrong)


def module_path(module: str) -> Path | None:
    base = ROOT / module.replace(".", "/")
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.exists():
            return path
    return None


def reaches(start: str, goal: str) -> list[str] | None:
    """A chain of imports from module `start` to module `goal` (our modules only), if any."""
    seen, stack = set(), [(start, [start])]
    while stack:
        module, chain = stack.pop()
        path = module_path(module)
        if path is None or module in seen:
            continue
        seen.add(module)
        for _line, imported in imported_modules(path):
            if imported.split(".")[0] not in OURS:
                continue
            if imported == goal:
                return [*chain, imported]
            stack.append((imported, [*chain, imported]))
    return None


def test_no_models_module_imports_a_module_that_imports_it_back():
    """A models module is imported by the modules it serves, never the other way round, even
    through other modules or inside a function (the kinds read no model of their app)."""
    cycles = []
    for app in LAYERS:
        if module_path(f"{app}.models"):
            chain = reaches(f"{app}.models", f"{app}.models")
            if chain:
                cycles.append(" → ".join(chain))
    assert not cycles, "Import cycles through a models module:\n" + "\n".join(cycles)


def test_the_layering_test_sees_an_import_against_it(tmp_path, monkeypatch):
    """The scan reads imports inside functions too: a kind reaching for the answer store is
    caught."""
    kinds = tmp_path / "quizzes" / "kinds"
    kinds.mkdir(parents=True)
    (kinds / "sneaky.py").write_text("def f():\n    from live.models import Response\n")
    for app in LAYERS:
        (tmp_path / app).mkdir(exist_ok=True)
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert arrows_against_the_layers() == [
        "quizzes/kinds/sneaky.py:2 (quizzes) imports live.models: live sits above quizzes "
        "(order, bottom first: common < quizzes < workshops < live < census < roadmap)"
    ]
