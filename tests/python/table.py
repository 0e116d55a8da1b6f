"""Reads the cross-language test tables in tests/fixtures/ (written by tests/fixtures/make_tables.py,
which documents the format) for the Python runners: tagged values, Python names, language
sections and message patterns. The JS twin is tests/js/table.mjs.

tests/python/run.mjs copies tests/fixtures/ to /tests/fixtures in Pyodide's file system, next to
/tests/python, so the same relative path works there and in a checkout."""

import array
import json
import math
import os
import re

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")


def load(name):
    """A table of tests/fixtures/, parsed (values still tagged: decode them with ``decode``)."""
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return json.load(f)


def for_py(obj):
    """The Python view of a table object: its shared members overridden by its ``py`` section."""
    shared = {k: v for k, v in obj.items() if k not in ("js", "py")}
    return {**shared, **(obj.get("py") or {})}


def python_name(name, spec):
    """The Python name of the table's function ``name`` (None: not a Python function)."""
    return spec.get("python", name)


class Iterable:
    """An iterable (not a sequence) of items, iterable any number of times."""

    def __init__(self, items):
        self.items = items

    def __iter__(self):
        return iter(self.items)


def _big_int(text):
    m = re.fullmatch(r"(-?)(\d+)\*\*(\d+)", text)
    if not m:
        raise ValueError(f"tests/fixtures: not an int of the form [-]base**exp: {text!r}")
    sign, base, exp = m.groups()
    return (-1 if sign else 1) * int(base) ** int(exp)


def decode(value):
    """A fresh Python value from a tagged JSON value (new objects on every call)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$" not in value:
        return {k: decode(v) for k, v in value.items()}
    tag = value["$"]
    if tag == "nan":
        return math.nan
    if tag == "inf":
        return math.inf
    if tag == "-inf":
        return -math.inf
    if tag == "complex":
        return complex(decode(value["re"]), decode(value["im"]))
    if tag == "int":
        return _big_int(value["value"])
    if tag == "tuple":
        return tuple(decode(v) for v in value["items"])
    if tag == "set":
        return {decode(v) for v in value["items"]}
    if tag == "dict":
        return {decode(k): decode(v) for k, v in value["items"]}
    if tag == "object":
        return object()
    if tag == "iterable":
        return Iterable([decode(v) for v in value["items"]])
    if tag in ("bytes", "bytearray"):
        data = bytes(value["values"]) if "values" in value else bytes(value["length"])
        return data if tag == "bytes" else bytearray(data)
    if tag == "array":
        return array.array(value["typecode"], [decode(v) for v in value["values"]])
    if tag == "memoryview":
        view = memoryview(decode(value["of"]))
        return view.cast("B").cast(view.format, value["shape"]) if "shape" in value else view
    raise ValueError(f"tests/fixtures: no Python value for the tag {tag!r}")


def pattern(source, argument):
    """A table's message pattern: ``{arg}`` becomes ``argument``, any other ``{snake_name}`` itself."""
    return re.sub(r"\{([a-z_][a-z0-9_]*)\}", lambda m: argument if m.group(1) == "arg" else m.group(1), source)
