"""Read an officer-edited YAML file (manifest, taxonomy, link decisions) safely, or say in one
line what is wrong with it.

The files are edited by hand and may come from anywhere, so reading one must neither crash with a
traceback nor exhaust the machine: the bytes are capped, the text must be UTF-8, nesting is
capped (PyYAML composes recursively, so 20,000 open brackets are a RecursionError), and aliases
(`*name`) may not expand the file much (nine lines of aliases make a billion values, which every
later walk over the data, such as the taxonomy's digest, would try to hold), nor refer to
themselves. A key written twice in one mapping, which PyYAML silently resolves to the last, is an
error too. An empty or comments-only file is `None`: no entries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ingest.errors import ConfigError, ErrorCode, Errors

MAX_BYTES = 5 * 1024 * 1024  # a manifest of 5,000 papers is about 1.5 MB
MAX_DEPTH = 50  # the deepest real file (taxonomy: themes > theme > patterns > pattern > token > IN) is 6
MAX_ALIASES = 100
MAX_ALIAS_VALUES = 10_000  # values that aliases may add to the file, once expanded
_MERGE_TAG = "tag:yaml.org,2002:merge"


class GuardedLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader that refuses deep nesting and counts aliases as it composes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.aliases: list[tuple[str, int, Node | None]] = []  # (anchor, line, the node it stands for)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        event = self.peek_event()
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            if len(self.aliases) >= MAX_ALIASES:
                raise _Refused(Errors.E142, line=line, detail=f"the file uses more than {MAX_ALIASES} aliases (*name)")
            node = super().compose_node(parent, index)
            self.aliases.append((str(event.anchor), line, node))
            return node
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(Errors.E143, line=line, limit=MAX_DEPTH)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Refused(Exception):
    """A guard tripped while composing (the loader does not know the file's name); load_yaml turns
    it into a ConfigError naming the file. Internal: it never leaves this module."""

    def __init__(self, error: ErrorCode, **fields: object) -> None:
        super().__init__(error.code)
        self.error = error
        self.fields = fields


def load_yaml(path: Path, invalid_code: ErrorCode, loader: type[GuardedLoader] = GuardedLoader) -> Any:
    """The data in `path`, or None if it holds none. `invalid_code` is the file's own "not valid
    YAML" error (E011 manifest, E021 taxonomy, E041 link decisions), used for syntax errors."""
    name = path.name
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigError(Errors.E155, file=name, detail=exc.strerror or type(exc).__name__) from None
    if len(data) > MAX_BYTES:
        raise ConfigError(Errors.E140, file=name, limit=f"{MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8-sig")  # Notepad's "UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(Errors.E141, file=name, detail=f"byte 0x{data[exc.start]:02x} at offset {exc.start}, line {line}") from None
    ldr = loader(text)
    try:
        node = ldr.get_single_node()
        if node is None:
            return None
        _measure(node, ldr)
        return ldr.construct_document(node)
    except _Refused as exc:
        raise ConfigError(exc.error, file=name, **exc.fields) from None
    except yaml.YAMLError as exc:
        raise ConfigError(invalid_code, file=name, detail=str(exc).splitlines()[0]) from None
    finally:
        ldr.dispose()


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _measure(root: Node, ldr: GuardedLoader) -> None:
    """Refuse an alias that refers to itself, aliases that expand the file by more than
    MAX_ALIAS_VALUES values or beyond MAX_DEPTH levels, and a key written twice in one mapping.
    Iterative (a chain of aliases can be deeper than Python's stack) and once per node."""
    sizes: dict[int, tuple[int, int]] = {}  # node -> (values once expanded, depth once expanded)
    open_: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            kids = [sizes[id(c)] for c in _children(node)]
            nested = isinstance(node, (SequenceNode, MappingNode))
            sizes[key] = (1 + sum(s for s, _ in kids), (1 if nested else 0) + max((d for _, d in kids), default=0))
            open_.discard(key)
            continue
        if key in sizes:
            continue
        if key in open_:
            raise _Refused(Errors.E142, line=node.start_mark.line + 1, detail="an alias (*name) refers to the value it is part of")
        open_.add(key)
        if isinstance(node, MappingNode):
            _no_repeated_keys(node)
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(_children(node)))
    values, depth = sizes[id(root)]
    if depth > MAX_DEPTH:
        raise _Refused(Errors.E143, line=ldr.aliases[-1][1] if ldr.aliases else 1, limit=MAX_DEPTH)
    if values - len(sizes) > MAX_ALIAS_VALUES:
        anchor, line, _ = max(ldr.aliases, key=lambda a: sizes.get(id(a[2]), (0, 0))[0])
        raise _Refused(Errors.E142, line=line, detail=f"the alias *{anchor} and the others expand the file to {values:,} values "
                                                 f"(at most {MAX_ALIAS_VALUES:,} may come from aliases)")


def _no_repeated_keys(node: MappingNode) -> None:
    first: dict[tuple[str, str], int] = {}
    for k, _ in node.value:
        if not isinstance(k, ScalarNode) or k.tag == _MERGE_TAG:
            continue
        line, key = k.start_mark.line + 1, (k.tag, k.value)
        if key in first:
            raise _Refused(Errors.E144, line=line, key=k.value, first=first[key])
        first[key] = line
