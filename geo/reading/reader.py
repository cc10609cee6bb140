"""The one strict reader for every file the app reads: text, JSON and YAML with the same guarantees.

- UTF-8 only (a byte-order mark is tolerated), at most MAX_FILE_BYTES;
- strict JSON: no NaN or Infinity, no duplicate keys;
- YAML without surprises: no duplicate keys; every mapping key is text as written (`on:` is the
  key "on", never the boolean True that YAML 1.1 makes of it); values follow the YAML 1.2 core
  schema (only true and false are booleans, so `yes`, `no`, `on`, `off` stay words, and `010` is
  ten, not octal eight); and dates stay text until the model parses them strictly, so one
  impossible date (2025-02-30) rejects one record, not the whole file;
- nesting at most MAX_DEPTH levels deep, checked without recursion;
- no YAML aliases (`*name`): the parsed nodes are checked before anything is built, so a 500-byte
  file of nested aliases (each level ten times the one below) is refused instead of expanded.

Each refusal is a `RefusalError` naming the reason; callers turn it into a DataIssue for the file.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

MAX_FILE_BYTES = 50_000_000
MAX_DEPTH = 32


class RefusalError(ValueError):
    """A file that cannot be read as what it should be; the message says why, in words."""


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise RefusalError(f"cannot be opened: {error.strerror or error}") from None
    if size > MAX_FILE_BYTES:
        raise RefusalError(f"is {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RefusalError(
            f"is not UTF-8 text (byte {error.start} is {raw[error.start : error.start + 1]!r})"
        ) from None


def check_tree(document: Any) -> Any:
    """The document itself, or a RefusalError when it nests deeper than MAX_DEPTH or holds a number that
    is not finite (YAML's .nan and .inf). Walked without recursion; only containers are stacked."""
    stack = [(document, 1)] if type(document) in (dict, list) else []
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise RefusalError(f"nests deeper than {MAX_DEPTH} levels")
        for child in value.values() if type(value) is dict else value:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append((child, depth + 1))
            elif kind is float and not math.isfinite(child):
                raise RefusalError(f"holds {child}, which is not a number")
    return document


def _refuse_constant(name: str) -> float:
    raise RefusalError(f"holds {name}, which is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise RefusalError(f"has the key {key!r} twice in one object")
        result[key] = value
    return result


def read_json(path: Path) -> Any:
    text = read_text(path)
    try:
        document = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise RefusalError(f"nests deeper than {MAX_DEPTH} levels") from None
    except json.JSONDecodeError as error:
        start = text.lstrip()[:40]
        looks_like = " (it looks like an HTML page)" if start.lower().startswith(("<!doctype", "<html")) else ""
        raise RefusalError(
            f"is not JSON{looks_like}: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    return check_tree(document)


if TYPE_CHECKING:  # libyaml's loader; the pure-Python SafeLoader it falls back to has the same methods
    from yaml import CSafeLoader as BaseLoader
else:
    BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STR_TAG, SEQ_TAG, MAP_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
BOOL_TAG, INT_TAG, FLOAT_TAG = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
NULL_TAG, MERGE_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"

# The YAML 1.2 core schema (spec 10.3.2), plus merge keys: a plain scalar that matches none is text.
# PyYAML implements YAML 1.1, whose booleans include yes/no/on/off and whose integers include 0777
# (octal), 1_000 and 1:30 (base 60, i.e. 90); none of those is what a person writing a claim means.
CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
CORE_SPECIAL_FLOAT = {
    **{f"{sign}.{inf}": float(f"{sign}inf") for sign in ("", "+", "-") for inf in ("inf", "Inf", "INF")},
    **{f".{nan}": math.nan for nan in ("nan", "NaN", "NAN")},
}
CORE_NULL = ("", "~", "null", "Null", "NULL")


def core_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """The implicit resolvers of the YAML 1.2 core schema, in PyYAML's form (by first character).
    No timestamps: dates stay text until the model reads them."""
    resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    table: list[tuple[str, str, str | list[str]]] = [
        (BOOL_TAG, "|".join(CORE_BOOL), "tTfF"),
        (INT_TAG, CORE_INT.pattern, "-+0123456789"),
        (FLOAT_TAG, "|".join([CORE_FLOAT.pattern, *map(re.escape, CORE_SPECIAL_FLOAT)]), "-+.0123456789"),
        (NULL_TAG, "|".join(map(re.escape, CORE_NULL)), ["", "~", "n", "N"]),
        (MERGE_TAG, "<<", "<"),
    ]
    for tag, pattern, firsts in table:
        compiled = re.compile(rf"(?:{pattern})\Z")
        for first in firsts:
            resolvers.setdefault(first, []).append((tag, compiled))
    return resolvers


def key_text(node: yaml.Node, mapping: yaml.MappingNode) -> str:
    """A mapping key as the text written: `on`, `yes`, `1` and `true` are the keys "on", "yes", "1", "true"."""
    if type(node) is not yaml.ScalarNode:
        kind = "list" if type(node) is yaml.SequenceNode else "mapping"
        raise RefusalError(f"has a {kind} as a key in a mapping (line {mapping.start_mark.line + 1}); keys are text")
    text: str = node.value
    return text


def alias_refusal(node: yaml.Node) -> RefusalError:
    return RefusalError(
        f"uses a YAML alias of the anchor at line {node.start_mark.line + 1}; "
        "write the value out in full (aliases are not accepted in data files)"
    )


def refuse_aliases(root: yaml.Node, seen: set[int]) -> None:
    """RefusalError at the first node reached twice, i.e. through an alias; nothing is built or expanded.

    libyaml composes an alias as the anchored node itself, so the node graph is as small as the text;
    it is walked once without recursion. Data files write each value out: an alias saves a few
    lines to a person, and costs a reader exponential work when aliases nest."""
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise alias_refusal(node)
        seen.add(id(node))
        if type(node) is yaml.SequenceNode:
            stack.extend(node.value)
        elif type(node) is yaml.MappingNode:
            for key_node, value_node in node.value:
                stack.append(key_node)
                stack.append(value_node)


class StrictLoader(BaseLoader):
    """libyaml's safe loader (ten times faster where PyYAML has it) reading the YAML 1.2 core schema
    with text keys, without implicit timestamps, refusing duplicate keys."""

    yaml_implicit_resolvers: dict[Any, list[Any]] = core_resolvers()

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Only maps with a merge key (`<<`) or an explicit tag come here: their keys are text too,
        the merged maps' pairs included."""
        self.checked_pairs(node)
        self.flatten_mapping(node)
        return {
            key_text(key_node, node): self.construct_object(value_node, deep=deep)
            for key_node, value_node in node.value
        }

    def construct_document(self, node: yaml.Node) -> Any:
        """The document built straight from libyaml's nodes: plain strings, lists and maps are most of
        a claims file, and PyYAML's general constructor spends most of a 10,000-claim read on them.
        Anything else (numbers, booleans, null, merge keys, tags) goes to the safe constructor; a node met
        twice (an alias) is refused before anything is built from it."""
        seen: set[int] = set()  # every node met so far: one met again came through an alias (refuse_aliases)

        def build(current: yaml.Node) -> Any:
            if id(current) in seen:
                raise alias_refusal(current)
            kind = type(current)
            if kind is yaml.ScalarNode and current.tag == STR_TAG:
                seen.add(id(current))
                return current.value
            if kind is yaml.SequenceNode and current.tag == SEQ_TAG:
                seen.add(id(current))
                return [build(item) for item in current.value]
            if (
                type(current) is yaml.MappingNode
                and current.tag == MAP_TAG
                and not any(key.tag == MERGE_TAG for key, _ in current.value)
            ):
                seen.add(id(current))
                mapping: dict[Any, Any] = {}
                for key_node, value_node in self.checked_pairs(current):
                    if id(key_node) in seen:
                        raise alias_refusal(key_node)
                    seen.add(id(key_node))
                    mapping[key_text(key_node, current)] = build(value_node)
                return mapping
            refuse_aliases(current, seen)  # numbers, tags, merge keys: checked whole before PyYAML builds them
            return self.construct_object(current, deep=True)

        document = build(node)
        self.constructed_objects, self.recursive_objects = {}, {}
        return document

    def checked_pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """The mapping's pairs, refused when a key comes twice (YAML would silently keep the last)."""
        keys = [key.value for key, _ in node.value if type(key) is yaml.ScalarNode]
        if len(keys) != len(set(keys)):
            twice = next(key for index, key in enumerate(keys) if key in keys[:index])
            raise RefusalError(f"has the key {twice!r} twice in one mapping (line {node.start_mark.line + 1})")
        pairs: list[tuple[yaml.Node, yaml.Node]] = node.value
        return pairs

    def construct_core_bool(self, node: yaml.ScalarNode) -> bool:
        return CORE_BOOL[self.core_scalar(node, CORE_BOOL.__contains__, "true or false")]

    def construct_core_int(self, node: yaml.ScalarNode) -> int:
        text = self.core_scalar(node, CORE_INT.fullmatch, "an integer")
        base = {"0o": 8, "0x": 16}.get(text[:2], 10)
        return int(text if base == 10 else text[2:], base)

    def construct_core_float(self, node: yaml.ScalarNode) -> float:
        text = self.core_scalar(node, lambda text: text in CORE_SPECIAL_FLOAT or CORE_FLOAT.fullmatch(text), "a number")
        return CORE_SPECIAL_FLOAT[text] if text in CORE_SPECIAL_FLOAT else float(text)

    def core_scalar(self, node: yaml.ScalarNode, fits: Any, wanted: str) -> str:
        """The scalar's text, when the core schema reads it as the tag says (an explicit `!!int 1_000` is
        refused rather than read the YAML 1.1 way)."""
        text = self.construct_scalar(node)
        if not fits(text):
            raise RefusalError(
                f"holds {text[:80]!r} tagged as {wanted}, which it is not (line {node.start_mark.line + 1})"
            )
        return text


StrictLoader.add_constructor(BOOL_TAG, StrictLoader.construct_core_bool)
StrictLoader.add_constructor(INT_TAG, StrictLoader.construct_core_int)
StrictLoader.add_constructor(FLOAT_TAG, StrictLoader.construct_core_float)


def both_resolvers() -> dict[Any, list[Any]]:
    """PyYAML's YAML 1.1 resolvers and the core schema's: a writer quotes what either reads as other than text."""
    return {
        first: [*yaml.SafeDumper.yaml_implicit_resolvers.get(first, []), *core_resolvers().get(first, [])]
        for first in {*yaml.SafeDumper.yaml_implicit_resolvers, *core_resolvers()}
    }


class StrictDumper(yaml.SafeDumper):
    """The writer of bundles: a string that either YAML 1.1 (PyYAML's default, and most tools) or the
    1.2 core schema (StrictLoader) would read as anything but text is quoted, so that what is written
    is read back as written: `'1e5'` stays text, where PyYAML alone would write it bare."""

    yaml_implicit_resolvers: dict[Any, list[Any]] = both_resolvers()

    def ignore_aliases(self, data: Any) -> bool:
        """A value held twice is written out twice: the reader refuses aliases (refuse_aliases)."""
        return True


def read_yaml(path: Path) -> Any:
    text = read_text(path)
    try:
        document = yaml.load(text, Loader=StrictLoader)
    except RecursionError:
        raise RefusalError(f"nests deeper than {MAX_DEPTH} levels") from None
    except yaml.YAMLError as error:
        raise RefusalError(f"is not valid YAML: {error}") from None
    return check_tree(document)
