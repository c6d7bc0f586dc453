"""The YAML type of a deck's scalars, resolved only for the few values that must be numbers.

The tree keeps every scalar as text (`back: 2014` is the text "2014"); fields that need a number
or true/false (a choice's answer, an exercise's tolerance and parameters) resolve it here, as
YAML 1.1 reads it.
"""

from __future__ import annotations

from typing import Any

import yaml

from quizapp.decks.yamltree import CORE_TAG, Scalar

_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def resolved_tag(node: Scalar) -> str:
    """A scalar's YAML type: its explicit tag, else 'str' when quoted, else as YAML 1.1 reads it.

    Returned without the 'tag:yaml.org,2002:' prefix: 'str', 'int', 'float', 'bool', 'null',
    'timestamp'...
    """
    if node.tag is not None and node.tag != "!":
        tag = node.tag
    elif node.style is not None or node.tag == "!":
        return "str"
    else:
        tag = _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]
    return tag[len(CORE_TAG) :] if tag.startswith(CORE_TAG) else tag


def scalar_value(node: Scalar) -> Any:
    """The scalar as a Python value (str, int, float, bool or None); other types stay text."""
    tag = resolved_tag(node)
    if tag == "str":
        return node.value
    plain = yaml.ScalarNode(CORE_TAG + tag, node.value)
    try:
        if tag == "int":
            return _CONSTRUCTOR.construct_yaml_int(plain)
        if tag == "float":
            return _CONSTRUCTOR.construct_yaml_float(plain)
        if tag == "bool":
            return _CONSTRUCTOR.construct_yaml_bool(plain)
    except ValueError:  # e.g. '!!int abc': keep the text, the caller reports the wrong type
        return node.value
    if tag == "null":
        return None
    return node.value
