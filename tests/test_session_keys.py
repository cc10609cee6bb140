"""The session-state keys are declared once, in components/session_keys.py, and used only through it.

The code is read as Python (ast), not searched as text: a key spelled in place is found however it is written
(st.session_state[...], .get/.pop/.setdefault, `in`, attribute-style, an alias of st.session_state, an
f-string), and a key's family member (a form field) is allowed only when made by the module's own function.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, strategies

from components import session_keys

ROOT = Path(__file__).resolve().parents[1]
KEYS_MODULE = "components.session_keys"
KEYS_FILE = ROOT / "components" / "session_keys.py"
# Methods of st.session_state that take a key first; any other attribute read on it is a key spelled in place.
KEYED_METHODS = {"get", "pop", "setdefault", "__getitem__", "__setitem__", "__delitem__", "__contains__"}
OTHER_METHODS = {"keys", "values", "items", "update", "clear", "to_dict", "__iter__", "__len__"}
FAMILIES = {"claim_form_field": session_keys.claim_form_field, "registry_field": session_keys.registry_field}


def app_sources() -> list[Path]:
    """Every Python file of the app (the page, the server, components, the core and any package beside them)."""
    files = sorted(ROOT.glob("*.py"))
    for folder in sorted(path for path in ROOT.iterdir() if path.is_dir() and not path.name.startswith(".")):
        if folder.name not in {"tests", "bench", "scripts", "node_modules"}:
            files.extend(sorted(folder.rglob("*.py")))
    return [path for path in files if path.is_file() and path != KEYS_FILE]


def declared_keys() -> dict[str, str]:
    """The module's public keys: upper-case names bound to a string."""
    return {
        name: value
        for name, value in vars(session_keys).items()
        if name.isupper() and not name.startswith("_") and isinstance(value, str)
    }


@dataclass(frozen=True)
class Finding:
    line: int
    code: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.code}"


class KeyUses:
    """What one module does with session-state keys, read from its syntax tree."""

    def __init__(self, source: str) -> None:
        self.tree = ast.parse(source)
        self.source = source
        self.keys_modules, self.keys_functions = self._imports_of_keys_module()
        self.state_names = self._names_of_session_state()
        self.module_strings: set[str] = set()
        self.module_strings = self._module_strings()

    def _imports_of_keys_module(self) -> tuple[set[str], dict[str, str]]:
        modules: set[str] = set()
        functions: dict[str, str] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module == "components":
                modules |= {alias.asname or alias.name for alias in node.names if alias.name == "session_keys"}
            elif isinstance(node, ast.ImportFrom) and node.module == KEYS_MODULE:
                functions |= {alias.asname or alias.name: alias.name for alias in node.names}
            elif isinstance(node, ast.Import):
                modules |= {alias.asname for alias in node.names if alias.name == KEYS_MODULE and alias.asname}
        return modules, functions

    def _names_of_session_state(self) -> set[str]:
        """Names bound to st.session_state (`state = st.session_state`, `from streamlit import session_state`)."""
        names = {
            alias.asname or alias.name
            for node in ast.walk(self.tree)
            if isinstance(node, ast.ImportFrom) and node.module == "streamlit"
            for alias in node.names
            if alias.name == "session_state"
        }
        grew = True
        while grew:
            grew = False
            for node in ast.walk(self.tree):
                if isinstance(node, ast.Assign):
                    value, targets = node.value, node.targets
                elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
                    value, targets = node.value, [node.target]
                else:
                    continue
                if self.is_state(value, names):
                    for target in targets:
                        if isinstance(target, ast.Name) and target.id not in names:
                            names.add(target.id)
                            grew = True
        return names

    def _module_strings(self) -> set[str]:
        """Module-level names bound to strings written here (`NOTICE = "claim-saved"`): a key declared in the
        wrong module."""
        names: set[str] = set()
        for statement in self.tree.body:
            if isinstance(statement, ast.Assign):
                value, targets = statement.value, statement.targets
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                value, targets = statement.value, [statement.target]
            else:
                continue
            if self.spelled_in_place(value):
                names |= {node.id for target in targets for node in ast.walk(target) if isinstance(node, ast.Name)}
        return names

    @staticmethod
    def is_state(node: ast.AST, names: set[str]) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "session_state") or (
            isinstance(node, ast.Name) and node.id in names
        )

    def family_of(self, call: ast.Call) -> str | None:
        """The name of the session_keys function a call goes to, if it goes to one."""
        func = call.func
        if isinstance(func, ast.Name):
            return self.keys_functions.get(func.id)
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.keys_modules:
            return func.attr
        return None

    def spelled_in_place(self, node: ast.AST) -> bool:
        """Whether a key expression holds a string written here, outside a call to session_keys."""
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str)
        if isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.Name):
            return node.id in self.module_strings
        if isinstance(node, ast.Call) and self.family_of(node) is not None:
            return False
        return any(self.spelled_in_place(child) for child in ast.iter_child_nodes(node))

    def literal_keys(self) -> list[Finding]:
        """Every place a key of st.session_state is written as a string here rather than taken from session_keys."""
        state = self.state_names
        found: list[ast.AST] = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Subscript) and self.is_state(node.value, state):
                found += [node] if self.spelled_in_place(node.slice) else []
            elif isinstance(node, ast.Compare) and any(self.is_state(right, state) for right in node.comparators):
                found += [node] if self.spelled_in_place(node.left) else []
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if self.is_state(node.func.value, state) and node.func.attr in KEYED_METHODS:
                    found += [node] if node.args and self.spelled_in_place(node.args[0]) else []
                elif self.is_state(node.func.value, state) and node.func.attr == "update":
                    keys = [key for arg in node.args if isinstance(arg, ast.Dict) for key in arg.keys if key]
                    found += [node] if node.keywords or any(self.spelled_in_place(key) for key in keys) else []
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                attribute_calls = {"getattr", "setattr", "hasattr", "delattr"}
                if node.func.id in attribute_calls and len(node.args) > 1 and self.is_state(node.args[0], state):
                    found += [node] if self.spelled_in_place(node.args[1]) else []
            if isinstance(node, ast.Attribute) and self.is_state(node.value, state):
                found += [] if node.attr in KEYED_METHODS | OTHER_METHODS else [node]
        return [Finding(node.lineno, ast.get_source_segment(self.source, node) or "") for node in found]

    def widget_key_literals(self) -> Iterator[tuple[int, str]]:
        """The `key=` of every call, as a pattern, where it is written here (a widget keeps its value under it)."""
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    written = isinstance(keyword.value, ast.JoinedStr) or (
                        isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str)
                    )
                    if keyword.arg == "key" and written:
                        yield node.lineno, pattern_of(keyword.value)

    def family_members(self) -> Iterator[tuple[str, str]]:
        """Each call to a key family (a form's fields), as (family, pattern of the key it makes)."""
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and (family := self.family_of(node)) in FAMILIES and node.args:
                before, after = FAMILIES[family]("\x00").split("\x00")
                yield family, re.escape(before) + pattern_of(node.args[0]) + re.escape(after)

    def state_uses(self) -> int:
        """How many times this module indexes, asks or tests st.session_state."""
        state = self.state_names
        return sum(
            (isinstance(node, ast.Subscript) and self.is_state(node.value, state))
            or (isinstance(node, ast.Compare) and any(self.is_state(right, state) for right in node.comparators))
            or (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and self.is_state(node.func.value, state)
            )
            for node in ast.walk(self.tree)
        )


def pattern_of(node: ast.AST) -> str:
    """A regular expression for the strings an expression may be: its literal parts, anything for the rest."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(pattern_of(part) if isinstance(part, ast.Constant) else ".*" for part in node.values)
    return ".*"


def uses_in(path: Path) -> KeyUses:
    return KeyUses(path.read_text(encoding="utf-8"))


def test_no_session_state_key_is_spelled_outside_the_keys_module() -> None:
    """Every key of st.session_state in the app's code comes from components/session_keys.py."""
    spelled = {
        str(path.relative_to(ROOT)): [str(finding) for finding in uses_in(path).literal_keys()]
        for path in app_sources()
    }
    assert {path: findings for path, findings in spelled.items() if findings} == {}


def test_the_check_reads_the_places_the_keys_are_used() -> None:
    """The check above looks where the keys are used: over a hundred uses of session state, in ten modules."""
    uses = {path.name: uses_in(path).state_uses() for path in app_sources()}
    assert sum(uses.values()) >= 100
    assert len([name for name, count in uses.items() if count]) >= 10


def test_no_two_names_share_a_key() -> None:
    values = Counter(declared_keys().values())
    assert [value for value, count in values.items() if count > 1] == []


def test_the_keys_are_many_and_written_in_one_style() -> None:
    keys = declared_keys()
    assert len(keys) >= 30
    assert [value for value in keys.values() if not re.fullmatch(r"[a-z]+(-[a-z]+)*", value)] == []


def test_no_form_field_lands_on_a_declared_key() -> None:
    """A field of the claim form or the registry dialog keeps its value under a key its family makes; none of
    those keys, as the code asks for them, may be another key's, or one family's keys another's."""
    declared = set(declared_keys().values())
    clashes = []
    for path in app_sources():
        for family, pattern in uses_in(path).family_members():
            clashes += [(path.name, family, pattern, value) for value in declared if re.fullmatch(pattern, value)]
    assert clashes == []
    prefixes = [family("") for family in FAMILIES.values()]
    assert [(a, b) for a in prefixes for b in prefixes if a != b and a.startswith(b)] == []


def test_a_widget_key_written_in_place_is_no_declared_key() -> None:
    """A widget with a key written as a string keeps its value in session state too: it must not be one of the
    declared keys, or it would change what their readers find."""
    declared = set(declared_keys().values())
    clashes = [
        (path.name, line, pattern, value)
        for path in app_sources()
        for line, pattern in uses_in(path).widget_key_literals()
        for value in declared
        if re.fullmatch(pattern, value)
    ]
    assert clashes == []


def test_every_key_says_what_it_holds_and_is_used() -> None:
    """Each key has its docstring (what it holds, who writes it), and some module of the app uses it."""
    tree = ast.parse(KEYS_FILE.read_text(encoding="utf-8"))
    documented = set()
    for statement, following in zip(tree.body, tree.body[1:], strict=False):
        target = statement.target if isinstance(statement, ast.AnnAssign) else None
        said = following.value if isinstance(following, ast.Expr) else None
        if isinstance(target, ast.Name) and isinstance(said, ast.Constant) and len(str(said.value)) > 20:
            documented.add(target.id)
    assert set(declared_keys()) - documented == set()
    used = set()
    for path in app_sources():
        uses = uses_in(path)
        for node in ast.walk(uses.tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                used |= {node.attr} if node.value.id in uses.keys_modules else set()
        used |= set(uses.keys_functions.values())
    assert set(declared_keys()) - used == set()
    assert set(FAMILIES) - used == set()


def test_the_keys_module_imports_nothing_from_components() -> None:
    """So that any module of components/ may import it, without a cycle (nor a copied literal to avoid one)."""
    tree = ast.parse(KEYS_FILE.read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    ]
    assert [name for name in imported if name and name.split(".")[0] in {"components", "geo", "page", "app"}] == []


SPELLED_IN_PLACE = [
    'st.session_state["k"] = 1',
    'x = st.session_state["k"]',
    'del st.session_state["k"]',
    'st.session_state.get("k")',
    'st.session_state.pop("k", None)',
    'st.session_state.setdefault("k", 0)',
    '"k" in st.session_state',
    '"k" not in st.session_state',
    "st.session_state.k = 1",
    "x = st.session_state.k",
    'st.session_state[f"k-{n}"] = 1',
    'st.session_state["k" + n] = 1',
    'st.session_state[prefix("k")] = 1',
    'st.session_state[NAMES["k"]] = 1',
    'state = st.session_state\nstate["k"] = 1',
    'state = st.session_state\nother = state\nother.get("k")',
    'from streamlit import session_state\nsession_state["k"] = 1',
    'from streamlit import session_state as ss\nss.pop("k")',
    'st.session_state.update({"k": 1})',
    "st.session_state.update(k=1)",
    'getattr(st.session_state, "k")',
    'setattr(st.session_state, "k", 1)',
    'import streamlit\nstreamlit.session_state["k"] = 1',
    'NOTICE = "k"  # session key\nst.session_state[NOTICE] = 1',
    'TOP, CAPTION = "k", "j"\nst.session_state.pop(CAPTION, None)',
    'KEY: str = f"k-{1}"\nKEY in st.session_state',
]
THROUGH_THE_MODULE = [
    "from components import session_keys\nst.session_state[session_keys.DATE] = 1",
    "from components import session_keys as keys\nkeys.DATE in st.session_state",
    'from components.session_keys import claim_form_field as key\nst.session_state[key("reason")]',
    'from components import session_keys\nst.session_state.get(session_keys.registry_field(f"id-{n}"))',
    "from components.session_keys import MAP_DRAWN\nst.session_state.pop(MAP_DRAWN, None)",
    "state = st.session_state\nfor key in KEYS:\n    state.get(key)",
    "from components import session_keys\nKEYS = (session_keys.DATE,)\nfor key in KEYS:\n    st.session_state.get(key)",
    'st.session_state.update(values)\nprint("k")\nlist(st.session_state.keys())',
]


@pytest.mark.parametrize("code", SPELLED_IN_PLACE)
def test_the_check_finds_a_key_spelled_in_place(code: str) -> None:
    assert len(KeyUses(f"import streamlit as st\n{code}\n").literal_keys()) == 1


@pytest.mark.parametrize("code", THROUGH_THE_MODULE)
def test_the_check_lets_a_key_from_the_module_through(code: str) -> None:
    assert KeyUses(f"import streamlit as st\n{code}\n").literal_keys() == []


@given(
    strategies.text(max_size=20),
    strategies.sampled_from([form for form in SPELLED_IN_PLACE if '"k"' in form]),
    strategies.sampled_from(["st.session_state", "streamlit.session_state"]),
)
def test_the_check_finds_any_spelled_key_in_any_form(key: str, form: str, state: str) -> None:
    """Whatever the key's words (quotes, escapes, any script), written as a string it is found."""
    code = form.replace('"k"', repr(key)).replace("st.session_state", state)
    assert len(KeyUses(f"import streamlit\nimport streamlit as st\n{code}\n").literal_keys()) == 1


def test_a_form_field_pattern_catches_a_clash() -> None:
    """The family check sees through an f-string: a field made as f"said-{x}" may land on "registry-said-..."."""
    uses = KeyUses(
        'from components.session_keys import registry_field as key\nkey(f"form-{n}")\nkey("said")\nkey(name)\n'
    )
    patterns = [pattern for _, pattern in uses.family_members()]
    assert [bool(re.fullmatch(pattern, session_keys.REGISTRY_FORM_OPEN)) for pattern in patterns] == [
        False,
        False,
        True,
    ]
    assert re.fullmatch(patterns[1], session_keys.REGISTRY_SAID)
