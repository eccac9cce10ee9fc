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


# a cell referring to another form (同附件2) where the items are asked: not item 2


@pytest.mark.parametrize("said", ["同附件2", "见附件2", "与附件2一致", "详见附表2名单"])
def test_points_referring_to_the_list_take_the_lists_points(tmp_path: Path, runner, said: str) -> None:
    typed = _workbook(tmp_path / "typed" / f"{UNIT}.xlsx", {})
    referred = _workbook(tmp_path / "ref" / f"{UNIT}.xlsx", {}, {"points": said})
    code_typed, typed_out = run_json(runner, "check", typed.parent)
    code, out = run_json(runner, "check", referred.parent)
    assert (code, pairs(out["findings"])) == (code_typed, pairs(typed_out["findings"]))


def test_measures_referring_to_another_form_are_asked_not_read_as_measure_2(tmp_path: Path, runner) -> None:
    _workbook(tmp_path / f"{UNIT}.xlsx", {}, {"measures": "见附件2"})
    _, out = run_json(runner, "check", tmp_path)
    (said,) = [f for f in out["findings"] if f["code"] == "VALUE_INVALID"]
    assert (said["sheet"], said["cell"]) == ("附件3", "F6") and "指向另一张表" in said["message"]


def test_a_reference_to_another_form_is_no_item_number() -> None:
    from yanglao_cli.normalize import parse_numbers

    assert not parse_numbers("同附件2", "points").ok and not parse_numbers("见表3", "measures").ok
    assert parse_numbers("1、3（见附件2）", "points").value.items == (1, 3)  # type: ignore[union-attr]
    assert parse_numbers("15.其他：未按附件2要求公示", "points").ok


# a count with its remark after a comma (3，其中1起已移送), as in brackets (3（其中1起已移送）)


def test_a_count_with_a_remark_after_a_comma_is_the_count(tmp_path: Path, runner) -> None:
    specs = specs_for(UNIT, n=3, seed=4)
    total = specs["F1"].rows[0]["total"]
    specs["F1"].rows[0]["total"] = f"{total}，其中2家未登记"
    write(tmp_path / "in" / f"{UNIT}.xlsx", UNIT, specs)
    code, out = run_json(runner, "check", tmp_path / "in")
    assert code == 0 and not out["findings"]
    run(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out")
    (book,) = (tmp_path / "out").glob("*.xlsx")
    cell = next(c for row in openpyxl.load_workbook(book)["附件1"].iter_rows() for c in row if c.value == total)
    assert cell.comment is not None and "其中2家未登记" in cell.comment.text


@pytest.mark.parametrize(("typed", "read"), [("3，其中1起已移送", 3), ("3家；含1家未登记", 3), ("1,200", 1200),
                                             ("3，2", None), ("3，已移送2起", None)])
def test_count_remarks(typed: str, read: int | None) -> None:
    from yanglao_cli.normalize import parse_int

    assert parse_int(typed).value == read
