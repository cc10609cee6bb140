"""Shapes the code keeps, checked over its syntax tree so that a new instance is caught where it is written:
no try with two except branches that do the same (one branch names every exception it handles), and no
search through a dataset's claims for one id where Dataset.by_id already holds every claim by its id, and no
record of the app built from a long row of positional arguments, where two of a kind (three tuples of claim
ids, two dates, two areas) can change places unseen, nor a function of the data and the store that takes
such a row (the audit log's event: two records, before and after, and two names, kind and record)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator

import pytest

from tests.conftest import REPO

APP_CODE = [REPO / "page.py", REPO / "app.py", *sorted((REPO / "geo").rglob("*.py"))]
APP_CODE += sorted((REPO / "components").rglob("*.py")) + sorted((REPO / "web").rglob("*.py"))


class ExceptionNameErased(ast.NodeTransformer):
    """A branch's body with the name it binds the exception to written as one placeholder."""

    def __init__(self, name: str | None) -> None:
        self.name = name

    def visit_Name(self, node: ast.Name) -> ast.Name:
        return ast.Name(id="EXCEPTION", ctx=node.ctx) if node.id == self.name else node


def branch_shape(handler: ast.ExceptHandler) -> str:
    body = ast.parse(ast.unparse(ast.Module(body=handler.body, type_ignores=[])))
    return ast.dump(ExceptionNameErased(handler.name).visit(body))


def identical_except_branches(source: str, where: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Try):
            continue
        first_of: dict[str, int] = {}
        for handler in node.handlers:
            shape = branch_shape(handler)
            if shape in first_of:
                yield f"{where}:{handler.lineno}: the same branch as line {first_of[shape]}: name both in one except"
            first_of.setdefault(shape, handler.lineno)


def searched_for_ids(condition: ast.expr, target: str) -> bool:
    """Whether a comprehension's condition picks claims by their id alone: `claim.id == x`, `x == claim.id`,
    `claim.id in xs`, or either of several such. A filter that also asks something else (`and`) is not a search."""
    if isinstance(condition, ast.BoolOp) and isinstance(condition.op, ast.Or):
        return any(searched_for_ids(value, target) for value in condition.values)
    if not isinstance(condition, ast.Compare) or not isinstance(condition.ops[0], ast.Eq | ast.In):
        return False
    sides = [condition.left, condition.comparators[0]]
    return any(
        isinstance(side, ast.Attribute)
        and side.attr == "id"
        and isinstance(side.value, ast.Name)
        and side.value.id == target
        for side in sides
    )


def linear_searches_by_id(source: str, where: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.comprehension) or not isinstance(node.target, ast.Name):
            continue
        over_claims = isinstance(node.iter, ast.Attribute) and node.iter.attr == "claims"
        if over_claims and any(searched_for_ids(condition, node.target.id) for condition in node.ifs):
            yield f"{where}:{node.iter.lineno}: a search through .claims by id: use Dataset.by_id"


MOST_POSITIONAL = 6  # beyond this a constructor's arguments are named


def app_classes(sources: list[str]) -> set[str]:
    return {node.name for source in sources for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ClassDef)}


def long_positional_constructors(source: str, where: str, classes: set[str]) -> Iterator[str]:
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or len(node.args) <= MOST_POSITIONAL:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name in classes and not any(isinstance(argument, ast.Starred) for argument in node.args):
            yield f"{where}:{node.lineno}: {name} built from {len(node.args)} positional arguments: name them"


def long_positional_signatures(source: str, where: str) -> Iterator[str]:
    """Functions taking more than MOST_POSITIONAL arguments by position (a method's self or cls aside)."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        positional = [argument.arg for argument in [*node.args.posonlyargs, *node.args.args]]
        if positional[:1] in (["self"], ["cls"]):
            positional = positional[1:]
        if len(positional) > MOST_POSITIONAL:
            yield f"{where}:{node.lineno}: {node.name} takes {len(positional)} positional arguments: name the rest"


def found_in_app(check: Callable[[str, str], Iterator[str]]) -> list[str]:
    return [
        problem for path in APP_CODE for problem in check(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    ]


def test_no_try_has_two_identical_except_branches() -> None:
    assert found_in_app(identical_except_branches) == []


def test_no_claim_is_searched_for_by_id_where_by_id_holds_it() -> None:
    assert found_in_app(linear_searches_by_id) == []


def test_no_record_of_the_app_is_built_from_a_long_row_of_positional_arguments() -> None:
    sources = {str(path.relative_to(REPO)): path.read_text(encoding="utf-8") for path in APP_CODE}
    classes = app_classes(list(sources.values()))
    assert {"Dataset", "Grade", "Change", "View"} <= classes
    found = [
        problem for where, source in sources.items() for problem in long_positional_constructors(source, where, classes)
    ]
    assert found == []


def test_no_function_of_the_app_takes_a_long_row_of_positional_arguments() -> None:
    found = [
        problem
        for path in APP_CODE
        for problem in long_positional_signatures(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("def log(connection, actor, kind, record, action, before, after, reason): ...", True),
        ("async def send(a, b, c, d, e, f, g): ...", True),
        ("class Desk:\n    def move(self, actor, claim_id, expected, reason, action, allowed, to): ...", True),
        ("def log(connection, *, actor, kind, record, action, before, after, reason): ...", False),
        ("class Desk:\n    def step(self, actor, current, to, action, reason, values): ...", False),
        ("def table(name, *columns, geometry=False): ...", False),
    ],
)
def test_the_signature_check_finds_long_rows_and_only_them(source: str, flagged: bool) -> None:
    assert bool(list(long_positional_signatures(source, "new.py"))) is flagged


@pytest.mark.parametrize(
    ("call", "flagged"),
    [
        ("Dataset(sources, claims, [], places, areas, {}, {}, cases, {}, issues, alliances, case)", True),
        ("grading.Grade(a, b, c, d, e, f, g)", True),
        ("Change(layer, since, until, gained, lost, gained_km2, lost_km2)", True),
        ("Grade(a, b, c, d, e, f, corroborated_by=g)", False),
        ("Table('events', metadata, a, b, c, d, e, f, g)", False),  # not a class of the app: columns in a row
        ("Change(*row)", False),
    ],
)
def test_the_constructor_check_finds_long_rows_and_only_them(call: str, flagged: bool) -> None:
    classes = app_classes(["class Dataset: ...\nclass Grade: ...\nclass Change: ..."])
    assert bool(list(long_positional_constructors(call, "new.py", classes))) is flagged


@pytest.mark.parametrize(
    "source",
    [
        "try:\n    go()\nexcept KeyError as missing:\n    say(missing)\nexcept ValueError as wrong:\n    say(wrong)\n",
        "try:\n    go()\nexcept KeyError:\n    return None\nexcept (ValueError, OSError):\n    return None\n",
        "try:\n    go()\nexcept A as a:\n    raise B(a) from a\nexcept C:\n    pass\n"
        "except D as d:\n    raise B(d) from d\n",
    ],
)
def test_the_branch_check_finds_identical_branches(source: str) -> None:
    assert len(list(identical_except_branches(source, "new.py"))) == 1


def test_the_branch_check_lets_different_branches_be() -> None:
    source = (
        "try:\n    go()\nexcept KeyError as missing:\n    say(missing)\nexcept ValueError as wrong:\n    warn(wrong)\n"
    )
    assert list(identical_except_branches(source, "new.py")) == []


@pytest.mark.parametrize(
    "source",
    [
        "claim = next((claim for claim in dataset.claims if claim.id == claim_id), None)",
        "found = [claim for claim in data.claims if claim.id in wanted]",
        "found = {c.id: c for c in self.dataset.claims if c.number if c.id == wanted}",
        "found = [claim for claim in dataset.claims if wanted == claim.id or claim.id in others]",
    ],
)
def test_the_search_check_finds_a_search_by_id(source: str) -> None:
    assert list(linear_searches_by_id(source, "new.py"))


@pytest.mark.parametrize(
    "source",
    [
        "late = [claim for claim in dataset.claims if claim.first_reported > day]",
        "rest = [claim for claim in dataset.claims if claim.id not in listed and matches(claim)]",
        "graded = [claim for claim in dataset.claims if claim.id in grades and matches(claim, grades[claim.id])]",
    ],
)
def test_the_search_check_lets_filters_over_every_claim_be(source: str) -> None:
    assert list(linear_searches_by_id(source, "new.py")) == []


IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[^\]]*\])?(?P<rest>.*)$")


def ignores_without_a_reason(source: str, where: str) -> list[str]:
    """Each `# type: ignore` that names no error code, or gives no reason after it in a comment of its own."""
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        match = IGNORE.search(line)
        if match and (not match["codes"] or not re.match(r"\s*#\s*\S", match["rest"])):
            found.append(f"{where}:{number}")
    return found


def test_every_type_ignore_names_its_error_and_says_why() -> None:
    found = [
        problem
        for path in APP_CODE
        for problem in ignores_without_a_reason(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    ]
    assert found == []


def test_the_ignore_check_finds_a_bare_or_unexplained_ignore() -> None:
    source = (
        "a = b  # type: ignore\n"
        "c = d  # type: ignore[assignment]\n"
        "e = f  # type: ignore[assignment]  # pandas-stubs: a cell holds no shape\n"
    )
    assert ignores_without_a_reason(source, "x.py") == ["x.py:1", "x.py:2"]
