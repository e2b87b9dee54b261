"""Line numbers in a bank's YAML: where a field is, and keys a mapping repeats.

PyYAML's composed node tree keeps each element's position; the loader's messages name the
line a facilitator has to open.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from widgets.banks.issues import FieldPath


def row_of(node: Node | None, path: FieldPath) -> int | None:
    """1-based line of the deepest element of ``path`` found in the YAML tree (best effort).

    A field points at its key's line; a missing field at the line where its parent starts.
    """
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in path:
        if isinstance(node, MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if isinstance(key, ScalarNode) and key.value == part:
                    line, node = key.start_mark.line + 1, value
                    break
            else:
                return line
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def duplicate_keys(node: Node) -> list[tuple[FieldPath, int]]:
    """Keys repeated in one mapping (path, line): PyYAML silently keeps the last one."""
    found: list[tuple[FieldPath, int]] = []
    stack: list[tuple[Node, FieldPath]] = [(node, ())]
    seen: set[int] = set()  # anchors/aliases share nodes
    while stack:
        current, where = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, MappingNode):
            keys: set[str] = set()
            for key, value in current.value:
                name = key.value if isinstance(key, ScalarNode) else None
                if name is None:
                    continue
                if name in keys:
                    found.append(((*where, name), key.start_mark.line + 1))
                keys.add(name)
                stack.append((value, (*where, name)))
        elif isinstance(current, SequenceNode):
            stack.extend((child, (*where, index)) for index, child in enumerate(current.value))
    return sorted(found, key=lambda pair: pair[1])
