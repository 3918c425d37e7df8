"""partnerkit/_core.pyi matches the built extension: the same public names in the module and in
each class, both ways, and the same parameters (names, order, keyword-only, which have defaults)
for every function, method and constructor."""

from __future__ import annotations

import ast
import enum
import inspect
import re
from pathlib import Path

import pytest

import partnerkit
from partnerkit import _core

STUB = Path(partnerkit.__file__).with_name("_core.pyi")
CHECKED_DUNDERS = {"__init__", "__eq__", "__copy__", "__deepcopy__"}


def public(names: object) -> set[str]:
    return {n for n in names if not n.startswith("_")}  # type: ignore[attr-defined]


def stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"), filename=str(STUB))


def defined_names(body: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def stub_classes() -> dict[str, ast.ClassDef]:
    return {n.name: n for n in stub_tree().body if isinstance(n, ast.ClassDef)}


def stub_functions() -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in stub_tree().body if isinstance(n, ast.FunctionDef)}


# The process and meetings parts of _core are re-exported by partnerkit.process and
# partnerkit.meetings, not by partnerkit itself.
PROCESS_NAMES = set(partnerkit.process.__all__) | set(partnerkit.meetings.__all__)


def test_module_names() -> None:
    assert public(defined_names(stub_tree().body)) == public(dir(_core))


def test_package_reexports_everything() -> None:
    exported = set(partnerkit.__all__)
    assert public(dir(_core)) - {"version"} - PROCESS_NAMES <= exported
    assert all(hasattr(partnerkit.process, name) or hasattr(partnerkit.meetings, name) for name in PROCESS_NAMES)
    assert all(hasattr(partnerkit, name) for name in exported)


@pytest.mark.parametrize("name", sorted(stub_classes()))
def test_class_names(name: str) -> None:
    stub = stub_classes()[name]
    runtime = getattr(_core, name)
    if issubclass(runtime, enum.Enum):
        assert defined_names(stub.body) == set(runtime.__members__)
        return
    declared = defined_names(stub.body)
    assert public(declared) == public(vars(runtime))
    runtime_dunders = set(vars(runtime)) & CHECKED_DUNDERS
    if not isinstance(runtime.__dict__.get("__init__"), type(_core.Organization.__init__)):
        runtime_dunders.discard("__init__")  # a result class: pybind11's slot that refuses construction
    assert declared & CHECKED_DUNDERS == runtime_dunders


# ---- parameters ----

Param = tuple[str, bool, bool]  # name, keyword-only, has a default


def split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        if char in "([{<":
            depth += 1
        elif char in ")]}>":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def runtime_params(function: object) -> list[Param]:
    """From pybind11's signature line, e.g. "f(self: X, *, a: int = 1) -> None", or for a method
    the Python layer adds (partnerkit/process.py), from its signature."""
    if inspect.isfunction(function):
        return [
            (p.name, p.kind == p.KEYWORD_ONLY, p.default is not p.empty)
            for p in inspect.signature(function).parameters.values()
        ]
    name = function.__name__  # type: ignore[attr-defined]
    first = inspect.getdoc(function).splitlines()[0]  # type: ignore[union-attr]
    match = re.fullmatch(rf"{re.escape(name)}\((.*)\) -> .*", first)
    assert match, f"no signature in the docstring of {name}: {first!r}"
    params: list[Param] = []
    keyword_only = False
    for part in split_top_level(match.group(1)):
        if part == "*":
            keyword_only = True
            continue
        params.append((part.split(":", 1)[0].strip(), keyword_only, " = " in part))
    return params


def stub_params(function: ast.FunctionDef) -> list[Param]:
    args = function.args
    positional = args.posonlyargs + args.args
    first_default = len(positional) - len(args.defaults)
    params = [(a.arg, False, i >= first_default) for i, a in enumerate(positional)]
    params += [(a.arg, True, d is not None) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    return params


def callables() -> list[tuple[str, object, ast.FunctionDef]]:
    found = [(name, getattr(_core, name), node) for name, node in stub_functions().items()]
    for class_name, stub in stub_classes().items():
        runtime = getattr(_core, class_name)
        if issubclass(runtime, enum.Enum):
            continue
        for node in stub.body:
            is_property = any(isinstance(d, ast.Name) and d.id == "property" for d in getattr(node, "decorator_list", []))
            if isinstance(node, ast.FunctionDef) and not is_property and node.name not in {"__eq__", "__copy__", "__deepcopy__"}:
                found.append((f"{class_name}.{node.name}", getattr(runtime, node.name), node))
    return found


@pytest.mark.parametrize(("name", "runtime", "stub"), callables(), ids=[c[0] for c in callables()])
def test_parameters(name: str, runtime: object, stub: ast.FunctionDef) -> None:
    assert stub_params(stub) == runtime_params(runtime)
