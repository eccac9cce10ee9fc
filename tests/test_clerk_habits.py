"""Habits of paper forms carried into Excel.

同上 and 〃 typed for "the same as the row above" (a clerk's habit on paper forms carried into Excel): the value of
the facility above, as a merged cell gives its value to the cells it covers. Read as typed, 同上 was VALUE_INVALID in
风险隐患点 and 等级, and in 牵头排查单位 it went up as 汇龙镇（同上） — beside a facility of another level, once the
consolidated 附件2 put red first."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import pairs, run, run_json, specs_for, write

UNIT = "汇龙镇"


def _workbook(path: Path, f2_second: dict[str, str], f3_second: dict[str, str] | None = None) -> Path:
    """A clean month of 汇龙镇 with three facilities, the second's cells on 附件2 (and 附件3) replaced."""
    specs = specs_for(UNIT, n=3, seed=4)
    specs["F2"].rows[1].update(f2_second)
    if f3_second:
        specs["F3"].rows[1].update(f3_second)
    return write(path, UNIT, specs)


def _same_as_first(form: str, fields: tuple[str, ...]) -> dict[str, str]:
    rows = specs_for(UNIT, n=3, seed=4)[form].rows
    return {f: rows[0][f] for f in fields}


@pytest.mark.parametrize("mark", ["同上", "〃", " 同 上 ", "”"])
def test_ditto_marks_take_the_value_of_the_facility_above(tmp_path: Path, runner, mark: str) -> None:
    f2 = ("points", "level", "lead_unit", "category")
    f3 = ("points", "clue", "fundraising", "measures", "progress", "case", "resolved")
    typed = _workbook(tmp_path / "typed" / f"{UNIT}.xlsx", _same_as_first("F2", f2), _same_as_first("F3", f3))
    dittos = _workbook(tmp_path / "ditto" / f"{UNIT}.xlsx", dict.fromkeys(f2, mark), dict.fromkeys(f3, mark))
    code_typed, typed_out = run_json(runner, "check", typed.parent)
    code, out = run_json(runner, "check", dittos.parent)
    assert not any(f["code"] == "VALUE_INVALID" for f in out["findings"])
    # the same findings at the same cells as where the values are typed out
    assert (code, pairs(out["findings"])) == (code_typed, pairs(typed_out["findings"]))


def test_consolidated_list_writes_the_value_not_the_mark(tmp_path: Path, runner) -> None:
    first = _same_as_first("F2", ("points", "level", "lead_unit"))
    _workbook(tmp_path / "in" / f"{UNIT}.xlsx", {"points": "同上", "level": "〃", "lead_unit": "同上"})
    run(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out")
    (out,) = (tmp_path / "out").glob("*.xlsx")
    second = specs_for(UNIT, n=3, seed=4)["F2"].rows[1]["name"]
    ws = openpyxl.load_workbook(out)["附件2"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[1] == second)
    assert "同上" not in row and "〃" not in row
    assert row[3] == first["points"] and row[4] == first["level"][0] and row[5] == first["lead_unit"]


def test_ditto_on_the_first_facility_has_nothing_to_take(tmp_path: Path, runner) -> None:
    specs = specs_for(UNIT, n=3, seed=4)
    specs["F2"].rows[0]["points"] = "同上"
    write(tmp_path / f"{UNIT}.xlsx", UNIT, specs)
    _, out = run_json(runner, "check", tmp_path)
    assert ("VALUE_INVALID", "附件2!D5") in pairs(out["findings"])


def test_ditto_for_the_name_is_the_facility_above_listed_twice(tmp_path: Path, runner) -> None:
    _workbook(tmp_path / f"{UNIT}.xlsx", {"name": "同上"})
    _, out = run_json(runner, "check", tmp_path)
    assert ("DUPLICATE_FACILITY", "附件2!B6") in pairs(out["findings"])


def test_ditto_under_an_empty_cell_is_still_empty(tmp_path: Path, runner) -> None:
    specs = specs_for(UNIT, n=3, seed=4)
    specs["F2"].rows[0]["category"] = ""
    specs["F2"].rows[1]["category"] = "同上"
    write(tmp_path / f"{UNIT}.xlsx", UNIT, specs)
    _, out = run_json(runner, "check", tmp_path)
    found = pairs(out["findings"])
    assert ("VALUE_REQUIRED", "附件2!C6") in found and ("VALUE_REQUIRED", "附件2!C5") in found
