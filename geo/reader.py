"""The one strict reader for every file the app reads: text, JSON and YAML with the same guarantees.

- UTF-8 only (a byte-order mark is tolerated), at most MAX_FILE_BYTES;
- strict JSON: no NaN or Infinity, no duplicate keys;
- YAML without surprises: no duplicate keys, and dates stay text until the model parses them
  strictly, so one impossible date (2025-02-30) rejects one record, not the whole file;
- nesting at most MAX_DEPTH levels deep, checked without recursion.

Each refusal is a `RefusalError` naming the reason; callers turn it into a DataIssue for the file.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

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


@runtime_checkable
class HeldDocument(Protocol):
    """A file of a bundle held in memory (geo.bundle): its document was read strictly on the way in."""

    def held_document(self) -> Any: ...


def read_json(path: Path) -> Any:
    if isinstance(path, HeldDocument):
        return path.held_document()
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


BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(BaseLoader):  # type: ignore[misc,valid-type]
    """libyaml's safe loader (ten times faster where PyYAML has it), minus implicit timestamps, plus
    a refusal of duplicate keys."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[Any]]] = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.checked_pairs(node)
        return super().construct_mapping(node, deep=deep)

    def construct_document(self, node: yaml.Node) -> Any:
        """The document built straight from libyaml's nodes: plain strings, lists and maps are most of
        a claims file, and PyYAML's general constructor spends most of a 10,000-claim read on them.
        Anything else (numbers, booleans, null, anchors, merge keys, tags) goes to the safe constructor."""
        built: dict[int, Any] = {}

        def build(current: yaml.Node) -> Any:
            known = built.get(id(current))
            if known is not None:
                return known
            if type(current) is yaml.ScalarNode and current.tag == STR_TAG:
                return current.value
            if type(current) is yaml.SequenceNode and current.tag == SEQ_TAG:
                items: list[Any] = []
                built[id(current)] = items
                items.extend(build(item) for item in current.value)
                return items
            if (
                type(current) is yaml.MappingNode
                and current.tag == MAP_TAG
                and not any(key.tag == MERGE_TAG for key, _ in current.value)
            ):
                mapping: dict[Any, Any] = {}
                built[id(current)] = mapping
                for key_node, value_node in self.checked_pairs(current):
                    mapping[build(key_node)] = build(value_node)
                return mapping
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
        return node.value


STR_TAG, SEQ_TAG, MAP_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
MERGE_TAG = "tag:yaml.org,2002:merge"


def read_yaml(path: Path) -> Any:
    if isinstance(path, HeldDocument):
        return path.held_document()
    text = read_text(path)
    try:
        document = yaml.load(text, Loader=StrictLoader)
    except RecursionError:
        raise RefusalError(f"nests deeper than {MAX_DEPTH} levels") from None
    except yaml.YAMLError as error:
        raise RefusalError(f"is not valid YAML: {error}") from None
    return check_tree(document)
