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
from typing import Any, ClassVar

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


def check_depth(document: Any) -> Any:
    """The document itself, or a RefusalError when it nests deeper than MAX_DEPTH (walked without recursion)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise RefusalError(f"nests deeper than {MAX_DEPTH} levels")
        if isinstance(value, dict):
            stack.extend((child, depth + 1) for child in value.values())
        elif isinstance(value, list):
            stack.extend((child, depth + 1) for child in value)
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
    return check_depth(document)


BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(BaseLoader):  # type: ignore[misc,valid-type]
    """libyaml's safe loader (ten times faster where PyYAML has it), minus implicit timestamps, plus
    a refusal of duplicate keys."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[Any]]] = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)  # as written: cheap
            if key in seen:
                raise RefusalError(f"has the key {key!r} twice in one mapping (line {key_node.start_mark.line + 1})")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _finite_floats(document: Any) -> Any:
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            raise RefusalError(f"holds {value}, which is not a number")
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return document


def read_yaml(path: Path) -> Any:
    text = read_text(path)
    try:
        document = yaml.load(text, Loader=StrictLoader)
    except RecursionError:
        raise RefusalError(f"nests deeper than {MAX_DEPTH} levels") from None
    except yaml.YAMLError as error:
        raise RefusalError(f"is not valid YAML: {error}") from None
    return _finite_floats(check_depth(document))
