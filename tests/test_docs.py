"""The README documents every command and option; the import rules of the design hold."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import click
import pytest

from conftest import ROOT
from foiparse.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "src" / "foiparse"


def all_options() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                found.extend((name, opt) for opt in param.opts if opt.startswith("--"))
    return found


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"foiparse {name}" in README or (name == "parse" and "foiparse FILE" in README)


@pytest.mark.parametrize(("command", "option"), all_options())
def test_every_option_is_in_the_readme(command: str, option: str) -> None:
    assert f"`{option}" in README, f"{command} {option} is not documented in README.md"


def test_the_readme_quick_start_is_the_two_make_commands() -> None:
    assert "make run" in README and "make test" in README


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n.startswith("foiparse")}


@pytest.mark.parametrize("module", ["model.py", "errors.py", "_version.py"])
def test_the_model_and_errors_import_nothing_from_foiparse(module: str) -> None:
    assert imports_of(PACKAGE / module) == set()


@pytest.mark.parametrize("path", sorted((PACKAGE / "readers").glob("*.py")), ids=lambda p: p.name)
def test_readers_never_import_layout_or_extractors(path: Path) -> None:
    assert not {n for n in imports_of(path) if n.startswith(("foiparse.extract", "foiparse.layout"))}


@pytest.mark.parametrize("path", sorted((PACKAGE / "layout").glob("*.py")), ids=lambda p: p.name)
def test_layout_never_imports_readers_or_extractors(path: Path) -> None:
    assert not {n for n in imports_of(path) if n.startswith(("foiparse.readers", "foiparse.extract", "foiparse.cli"))}


@pytest.mark.parametrize("path", sorted((PACKAGE / "extract").glob("*.py")), ids=lambda p: p.name)
def test_extractors_never_import_readers_or_the_cli(path: Path) -> None:
    assert not {n for n in imports_of(path) if n.startswith(("foiparse.readers", "foiparse.cli", "foiparse.batch"))}


def test_the_schema_is_shipped_in_the_wheel_from_its_one_copy() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert mapping == {"schemas/foiparse.schema.json": "foiparse/foiparse.schema.json"}
    assert not list(PACKAGE.rglob("*.schema.json")), "a second copy of the schema inside the package"


def test_the_seed_golden_rewrite_command_is_documented() -> None:
    assert "make golden" in README
