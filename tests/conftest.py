"""Shared fixtures: workbooks as clerks fill them, and a Typer runner."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from yanglao_cli.cli.app import app
from yanglao_cli.forms import F1, F2, F3, F4
from yanglao_cli.sample import SheetSpec, clean_rows, write_workbook

# CI (.ci/run, or any CI that sets CI): the property tests draw the same examples on every run, so a landing is
# not decided by chance; a developer's runs keep drawing new ones (and keep what failed in .hypothesis/)
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")



@pytest.fixture(autouse=True)
def _fresh_consoles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets the CLI's consoles made anew: they are made once per process and take their width from the
    COLUMNS of the first run, so a test's output wrapped at the width an earlier test set (a status table folded
    逾期 2022-06-15 17:30 after the 50-column help tests)."""
    from yanglao_cli.cli import common

    monkeypatch.setattr(common, "_out", None)
    monkeypatch.setattr(common, "_err", None)


SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "real-spreadsheets"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def run_json(runner: CliRunner, *args: str) -> tuple[int, dict]:
    res = run(runner, *args, "--format", "json")
    return res.exit_code, json.loads(res.stdout)


def specs_for(unit: str, n: int = 3, seed: int = 1, date: str = "2022-06-15") -> dict[str, SheetSpec]:
    rows = clean_rows(unit, n, seed)
    return {k: SheetSpec(form, rows[k], footer_date=date) for k, form in (("F1", F1), ("F2", F2), ("F3", F3), ("F4", F4))}


def write(path: Path, unit: str, specs: dict[str, SheetSpec] | list[SheetSpec]) -> Path:
    return write_workbook(path, unit, list(specs.values()) if isinstance(specs, dict) else specs)


def gbk_named_copy(src: Path, folder: Path, name: str) -> str:
    """`src` copied into `folder` under `name` in GBK bytes (a Windows zip unpacked on Linux); the path as the
    command line passes it. Skips the test where the file system refuses names that are not UTF-8."""
    import os

    try:
        target = os.path.join(os.fsencode(folder), name.encode("gbk"))
        with open(target, "wb") as fh:
            fh.write(src.read_bytes())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    return os.fsdecode(target)


def rezip(src: Path, dst: Path, change) -> Path:
    """`src`'s members written to `dst` as `change(name, data)` returns them ((name, data)): a workbook as another
    program lays out its parts."""
    import zipfile

    dst.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for name in zin.namelist():
            out.writestr(*change(name, zin.read(name)))
    return dst


def about(f) -> str:
    """The code a finding is about: a REPORTED_BELOW's (a township's error found again in a consolidated workbook,
    its code in its message), else its own."""
    code, message = (f["code"], f["message"]) if isinstance(f, dict) else (f.code.value, f.message)
    if code == "REPORTED_BELOW":
        import re

        return re.findall(r"（([A-Z][A-Z_]+)）", message)[-1]
    return code


def pairs(findings) -> list[tuple[str, str]]:
    """(code, sheet!cell) of findings, for exact assertions."""
    out = []
    for f in findings:
        if isinstance(f, dict):
            out.append((f["code"], f"{f['sheet']}!{f['cell']}"))
        else:
            out.append((f.code.value, f"{f.sheet}!{f.cell}"))
    return sorted(out)
