"""Every finding code of the contract is produced by the source and exercised by a test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yanglao_cli.findings import CATALOGUE, EXTRA_CODES, Code

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT.parent / "shared" / "SPEC.md"


def test_catalogue_matches_spec() -> None:
    if not SPEC.exists():
        pytest.skip("SPEC.md not beside the repository")
    rows = re.findall(r"^\| ([A-Z_]{6,}) \| (error|warning|info) \|", SPEC.read_text(encoding="utf-8"), re.M)
    assert dict(rows) == {c.value: i.severity.value for c, i in CATALOGUE.items() if c not in EXTRA_CODES}


@pytest.mark.parametrize("code", [c.value for c in Code])
def test_every_code_is_asserted_by_some_test(code: str) -> None:
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py")
                    if p.name != "test_codes_covered.py")
    assert code in tests, f"no test mentions {code}"
