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


def _check_list(tmp_path: Path, runner, first: dict[str, str], second: dict[str, str]) -> dict:
    """check's JSON of 汇龙镇's month, its first two facilities' 附件2 cells replaced."""
    specs = specs_for(UNIT, n=3, seed=4)
    specs["F2"].rows[0].update(first)
    specs["F2"].rows[1].update(second)
    write(tmp_path / f"{UNIT}.xlsx", UNIT, specs)
    return run_json(runner, "check", tmp_path)[1]


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
    out = _check_list(tmp_path, runner, {"points": "同上"}, {})
    assert ("VALUE_INVALID", "附件2!D5") in pairs(out["findings"])


def test_ditto_for_the_name_is_the_facility_above_listed_twice(tmp_path: Path, runner) -> None:
    out = _check_list(tmp_path, runner, {}, {"name": "同上"})
    assert ("DUPLICATE_FACILITY", "附件2!B6") in pairs(out["findings"])


def test_ditto_under_an_empty_cell_is_still_empty(tmp_path: Path, runner) -> None:
    out = _check_list(tmp_path, runner, {"category": ""}, {"category": "同上"})
    found = pairs(out["findings"])
    assert ("VALUE_INVALID", "附件2!C6") in found and ("VALUE_REQUIRED", "附件2!C5") in found
    said = next(f["message"] for f in out["findings"] if f["cell"] == "C6")
    assert "“同上”" in said and "上一行这一格是空的" in said  # (the cell is not empty: said as what it holds)


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


# 见上, 同上一家, 同第1家: the same as 同上; the message quotes what the cell holds


@pytest.mark.parametrize("mark", ["见上", "同上一家", "同上述", "同第1家", "同1", "同序号1"])
def test_other_wordings_of_the_same_as_above(tmp_path: Path, runner, mark: str) -> None:
    fields = ("points", "level", "lead_unit", "category")
    typed = _workbook(tmp_path / "typed" / f"{UNIT}.xlsx", _same_as_first("F2", fields))
    dittos = _workbook(tmp_path / "ditto" / f"{UNIT}.xlsx", dict.fromkeys(fields, mark))
    code_typed, typed_out = run_json(runner, "check", typed.parent)
    code, out = run_json(runner, "check", dittos.parent)
    assert (code, pairs(out["findings"])) == (code_typed, pairs(typed_out["findings"]))


def test_a_row_number_that_is_not_there_is_asked(tmp_path: Path, runner) -> None:
    out = _check_list(tmp_path, runner, {}, {"points": "同第9家"})
    assert ("VALUE_INVALID", "附件2!D6") in pairs(out["findings"])


def test_an_unreadable_value_taken_from_above_quotes_the_ditto(tmp_path: Path, runner) -> None:
    out = _check_list(tmp_path, runner, {"level": "拟定橙色"}, {"level": "同上"})
    said = {f["cell"]: f["message"] for f in out["findings"] if f["code"] == "VALUE_INVALID"}
    assert "“拟定橙色”" in said["E5"] and "“同上（即拟定橙色）”" in said["E6"]


# two facilities on one row


@pytest.mark.parametrize("name", ["康乐养老院、福寿养老院", "康乐养老院，福寿护理院", "康乐养老院；福寿老年公寓",
                                  "康乐养老院等2家", "康乐养老院和福寿养老院", "城东敬老院及城西敬老院",
                                  "康乐养老院 福寿养老院"])
def test_two_facilities_in_one_name_cell_are_asked_to_be_two_rows(tmp_path: Path, runner, name: str) -> None:
    _workbook(tmp_path / f"{UNIT}.xlsx", {"name": name}, {"name": name})
    code, out = run_json(runner, "check", tmp_path)
    said = [f for f in out["findings"] if f["code"] == "VALUE_INVALID"]
    assert code == 1 and [(f["sheet"], f["cell"]) for f in said][:1] == [("附件2", "B6")]
    assert "一行只填一家机构" in said[0]["message"]


@pytest.mark.parametrize("name", ["颐和养老院", "敬老院（一部、二部）", "汇龙镇养老院及日间照料中心", "福寿与康乐养老院",
                                  "康乐养老院（原福寿养老院）", "汇龙镇日间照料中心及助餐点",
                                  # joined by a word, a space or a slash: a host and its unit, two names of one (review)
                                  "启东市第一人民医院和睦家护理院", "汇龙镇卫生院 护理院", "启东市人民医院 医养结合中心",
                                  "启东市康乐养老服务有限公司 康乐养老院", "康乐养老院/康乐护理院", "汇龙镇敬老院（含分院等2处）",
                                  "汇龙镇中心敬老院、汇龙镇中心敬老院护理院", "启东市福利院、救助站"])
def test_one_facility_named_with_a_joining_word_is_one(name: str) -> None:
    from yanglao_cli.parse import several_facilities

    assert several_facilities(name) == ""


# answers saying a step is under way, planned, or done for one of the two the column names


@pytest.mark.parametrize(("field", "typed"), [
    ("clue", "通报中"), ("clue", "通报进行中"), ("clue", "是（通报中）"), ("clue", "已通报属地政府，政法机关未通报"),
    ("clue", "已通报政法机关，属地政府未通报"), ("clue", "是（仅通报镇政府）"), ("fundraising", "纳入中"),
    ("fundraising", "已纳入（拟）")])
def test_under_way_or_half_done_is_not_done(field: str, typed: str) -> None:
    from yanglao_cli.forms import Kind
    from yanglao_cli.normalize import YesNo, parse_answer
    from yanglao_cli.parse import _worded

    kind = Kind.ANSWER_NA if field == "fundraising" else Kind.ANSWER
    got = _worded(kind, field, typed, parse_answer(typed, allow_na=field == "fundraising"))
    assert got.ok and got.value.value == YesNo.NO  # type: ignore[union-attr]


@pytest.mark.parametrize("typed", ["已通报", "是，已通报属地政府和政法机关", "仅通报了镇政府和派出所", "已通报，未通报媒体",
                                   "线索已通报", "已于6月3日通报属地政府、政法机关"])
def test_reported_is_still_done(typed: str) -> None:
    from yanglao_cli.forms import Kind
    from yanglao_cli.normalize import YesNo, parse_answer
    from yanglao_cli.parse import _worded

    got = _worded(Kind.ANSWER, "clue", typed, parse_answer(typed))
    assert got.ok and got.value.value == YesNo.YES  # type: ignore[union-attr]


def test_an_orange_facility_whose_clue_is_under_way_is_clue_not_reported(tmp_path: Path, runner) -> None:
    specs = specs_for(UNIT, n=3, seed=4)
    row = next(i for i, r in enumerate(specs["F3"].rows) if r["clue"] == "是")
    specs["F3"].rows[row]["clue"] = "通报中"
    write(tmp_path / f"{UNIT}.xlsx", UNIT, specs)
    _, out = run_json(runner, "check", tmp_path)
    assert ("CLUE_NOT_REPORTED", f"附件3!D{5 + row}") in pairs(out["findings"])


@pytest.mark.parametrize("typed", ["是，4（取缔中）", "是，5（登记中）", "是，4（关停中）", "是，8（审理中）", "是，3（已部分清退）"])
def test_a_criterion_under_way_is_not_met(typed: str) -> None:
    from yanglao_cli.normalize import parse_resolved

    got = parse_resolved(typed).value
    assert got is not None and got[1].items == ()


# dates as clerks write them


@pytest.mark.parametrize("typed", ["2022年6月15日下午", "2022年6月15日上午10点", "2022年6月十五日", "2022年六月15日",
                                   "6月十五日", "2022-6-15 下午"])
def test_dates_with_the_time_of_day_or_mixed_numerals(typed: str) -> None:
    import datetime as dt

    from yanglao_cli.normalize import parse_date

    assert parse_date(typed, 2022).value == dt.date(2022, 6, 15)


def _titled_june(path: Path) -> None:
    """The template's titles name the month reported (（2022年6月）); the sample's do not."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        ws["A2"] = f"{ws['A2'].value}（2022年6月）"
    wb.save(path)


def test_a_report_date_months_before_the_month_reported_is_asked(tmp_path: Path, runner) -> None:
    specs = specs_for(UNIT, n=3, seed=4, date="3/6")
    _titled_june(write(tmp_path / f"{UNIT}.xlsx", UNIT, specs))
    _, out = run_json(runner, "check", tmp_path, "--period", "2022-06")
    said = [f for f in out["findings"] if f["code"] == "VALUE_INVALID" and f["sheet"] == "附件2"]
    assert len(said) == 1 and "若是6月3日" in said[0]["message"]


def test_a_report_date_late_in_the_month_before_is_left_alone(tmp_path: Path, runner) -> None:
    _titled_june(write(tmp_path / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=3, seed=4, date="2022-05-30")))
    _, out = run_json(runner, "check", tmp_path, "--period", "2022-06")
    assert not [f for f in out["findings"] if f["code"] == "VALUE_INVALID"]


@pytest.mark.parametrize(("typed", "items"), [("超床位", (8,)), ("无证无预付", (9,)), ("无证有预付费", (10,)),
                                              ("资金用于设施建设", (1,)), ("4、超床位", (4, 8))])
def test_points_in_a_clerks_short_words(typed: str, items: tuple[int, ...]) -> None:
    from yanglao_cli.normalize import parse_numbers

    assert parse_numbers(typed, "points").value.items == items  # type: ignore[union-attr]


# the 填报日期 on the signature line written otherwise


@pytest.mark.parametrize("how", ["date_over_label", "no_label", "时间："])
def test_a_date_on_the_signature_line_is_the_report_date(tmp_path: Path, runner, how: str) -> None:
    path = write(tmp_path / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=3, seed=4, date="2022-07-08"))
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    label = next(c for row in ws.iter_rows() for c in row if c.value in ("填报日期：", "填报时间："))
    value = ws.cell(label.row, label.column + 1)
    if how == "date_over_label":
        label.value, value.value = "2022年7月8日", None
    elif how == "no_label":
        label.value = None
    else:
        label.value = how
    wb.save(path)
    _, out = run_json(runner, "status", tmp_path, "--period", "2022-06")
    (unit,) = [u for u in out["units"] if u["unit"] == UNIT]
    assert unit["forms"]["F2"]["date"] == "2022-07-08"


@pytest.mark.parametrize(("typed", "said"), [("是，详见方案", True), ("是，同上", True), ("是，见附件", True),
                                             ("是，王某某（副镇长）", False), ("是，宣传方案进社区", False)])
def test_a_reference_for_the_asked_detail_is_no_detail(tmp_path: Path, runner, typed: str, said: bool) -> None:
    specs = specs_for(UNIT, n=3, seed=4)
    specs["F1"].rows[0]["group"] = typed
    write(tmp_path / f"{UNIT}.xlsx", UNIT, specs)
    _, out = run_json(runner, "check", tmp_path)
    assert (("DETAIL_MISSING", "附件1!F5") in pairs(out["findings"])) is said


# what the review of these rules found they must leave alone


def test_a_ditto_left_unresolved_is_not_resolved_one_level_up(tmp_path: Path, runner) -> None:
    """南阳镇's first facility with 同上 stays as typed; in the consolidated list another town's row stands above it:
    the city's workbook, checked, still says so (it silently took 汇龙镇's points)."""
    write(tmp_path / "in" / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=3, seed=4))
    specs = specs_for("南阳镇", n=3, seed=5)
    specs["F2"].rows[0]["points"] = "同上"
    write(tmp_path / "in" / "南阳镇.xlsx", "南阳镇", specs)
    run(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out")
    (book,) = (tmp_path / "out").glob("*.xlsx")
    _, out = run_json(runner, "check", book)
    assert any("同上" in f["message"] and f["sheet"] == "附件2" for f in out["findings"])


def test_a_time_label_on_the_head_line_is_no_report_date(tmp_path: Path, runner) -> None:
    path = write(tmp_path / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=3, seed=4, date="2022-06-25"))
    wb = openpyxl.load_workbook(path)
    wb["附件2"]["F3"] = "时间：2022年6月1日"
    wb.save(path)
    _, out = run_json(runner, "status", tmp_path, "--period", "2022-06")
    (unit,) = [u for u in out["units"] if u["unit"] == UNIT]
    assert unit["forms"]["F2"]["date"] == "2022-06-25"


def test_a_period_end_on_the_signature_line_is_no_report_date(tmp_path: Path, runner) -> None:
    path = write(tmp_path / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=3, seed=4))
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    label = next(c for row in ws.iter_rows() for c in row if c.value in ("填报日期：", "填报时间："))
    label.value, ws.cell(label.row, label.column + 1).value = "统计截止时间：", "2022年6月30日"
    wb.save(path)
    _, out = run_json(runner, "status", tmp_path, "--period", "2022-06")
    (unit,) = [u for u in out["units"] if u["unit"] == UNIT]
    assert unit["forms"]["F2"]["date"] == ""


@pytest.mark.parametrize("typed", ["18，另有未登记场所2家", "20，均为已登记机构"])
def test_a_comma_before_more_is_no_remark(typed: str) -> None:
    from yanglao_cli.normalize import parse_int

    assert not parse_int(typed).ok


@pytest.mark.parametrize(("field", "typed"), [("clue", "通报镇政府和派出所，移送中"), ("clue", "通报属地政府和政法机关，核查中"),
                                              ("fundraising", "纳入属地处非工作机制，核实中")])
def test_another_act_under_way_after_the_columns_own_is_done(field: str, typed: str) -> None:
    from yanglao_cli.forms import Kind
    from yanglao_cli.normalize import YesNo, parse_answer
    from yanglao_cli.parse import _worded

    kind = Kind.ANSWER_NA if field == "fundraising" else Kind.ANSWER
    got = _worded(kind, field, typed, parse_answer(typed, allow_na=field == "fundraising"))
    # (done, or asked as before these rules — never 否, CLUE_NOT_REPORTED asking to report what was reported)
    assert not got.ok or got.value.value == YesNo.YES  # type: ignore[union-attr]


@pytest.mark.parametrize(("typed", "items"), [("是，6（已移送，审理中）", (6,)), ("是，8（已判决，执行中）", (8,)),
                                              ("是，3（资金已全部清退，已关停，注销中）", (3,))])
def test_a_criterion_met_before_a_later_step_under_way_holds(typed: str, items: tuple[int, ...]) -> None:
    from yanglao_cli.normalize import parse_resolved

    got = parse_resolved(typed).value
    assert got is not None and got[1].items == items


def test_a_word_holding_jian_is_no_reference() -> None:
    from yanglao_cli.rules.progress import _gives_detail

    assert _gives_detail("设立意见征集表", "") and not _gives_detail("详见实施方案", "")


# tables converted from a photo or a PDF (blind audit)


def _list_rows(ws) -> tuple[int, int]:
    """The 附件2 sheet's first data row and its signature row (1-based)."""
    head = next(c.row for row in ws.iter_rows() for c in row if c.value == "序号")
    foot = next(c.row for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("填报人"))
    return head + 1, foot


def test_a_whole_row_typed_in_the_seq_cell_is_said_not_dropped(tmp_path: Path, runner) -> None:
    path = write(tmp_path / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=2, seed=4))
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    first, _ = _list_rows(ws)
    ws.cell(first + 2, 1).value = "3  城东村日间照料点  C  10、11  橙  汇龙镇民政办"  # a pre-numbered row below the two
    wb.save(path)
    _, out = run_json(runner, "check", tmp_path)
    said = [f for f in out["findings"] if f["code"] == "VALUE_INVALID" and f["cell"] == f"A{first + 2}"]
    assert len(said) == 1 and "整行的内容" in said[0]["message"]


@pytest.mark.parametrize("between", ["第1页/共2页", "- 1 -", "养老服务诈骗风险隐患“红橙黄”风险管控名单"])
def test_facilities_after_the_signatures_and_a_page_mark_are_read(tmp_path: Path, runner, between: str) -> None:
    path = write(tmp_path / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=2, seed=4))
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    _, foot = _list_rows(ws)
    ws.insert_rows(foot + 1, 2)
    ws.cell(foot + 1, 1).value = between
    for c, v in enumerate([3, "城东村日间照料点", "C", "10、11", "黄", "汇龙镇民政办"], start=1):
        ws.cell(foot + 2, c).value = v
    wb.save(path)
    _, out = run_json(runner, "check", tmp_path)
    assert ("LEVEL_UNDERRATED", f"附件2!E{foot + 2}") in pairs(out["findings"])


def test_a_name_wrapped_onto_the_next_line_is_one_facility(tmp_path: Path, runner) -> None:
    path = write(tmp_path / "in" / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=2, seed=4))
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    first, _ = _list_rows(ws)
    ws.insert_rows(first + 1)
    ws.cell(first, 2).value, ws.cell(first + 1, 2).value = "汇龙镇幸福", "养老院"
    ws.cell(first + 1, 1).value = None
    wb.save(path)
    _, out = run_json(runner, "check", tmp_path / "in")
    named = {f["facility"] for f in out["findings"]}
    assert "养老院" not in named and "汇龙镇幸福" not in named
    run(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out")
    (book,) = (tmp_path / "out").glob("*.xlsx")
    names = [r[1] for r in openpyxl.load_workbook(book)["附件2"].iter_rows(min_row=5, values_only=True) if r[1]]
    assert "汇龙镇幸福养老院" in names and "养老院" not in names


@pytest.mark.parametrize(("typed", "guess"), [("2O", "20"), ("l5", "15"), ("2O家", "20")])
def test_a_count_with_a_digit_read_as_a_letter_is_asked_with_a_guess(typed: str, guess: str) -> None:
    from yanglao_cli.normalize import parse_int

    got = parse_int(typed)
    assert got.value is None and f"是不是{guess}？" in (got.error or "")


def test_a_name_not_ending_as_a_facilitys_over_another_facility_is_two(tmp_path: Path, runner) -> None:
    """夕阳红 (a brand) over 康宁护理院 | | 2 without a 序号: two facilities, not 夕阳红康宁护理院 with points 12 (review)."""
    path = write(tmp_path / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=2, seed=4))
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    first, _ = _list_rows(ws)
    ws.insert_rows(first + 1)
    ws.cell(first, 2).value, ws.cell(first, 4).value = "夕阳红", "1"
    ws.cell(first + 1, 2).value, ws.cell(first + 1, 4).value = "康宁护理院", "2"
    wb.save(path)
    _, out = run_json(runner, "check", tmp_path)
    named = {f["facility"] for f in out["findings"]}
    assert "康宁护理院" in named and "夕阳红康宁护理院" not in named


@pytest.mark.parametrize("typed", ["2 （6月 新增）", "2 补报 6月", "红 色 名 单", "二、橙色名单 共1家 见下", "注 以下 为 新增",
                                   "全镇 合计 3家", "共 计 3 家", "二、 补报 机构", "1 汇龙镇 （含开发区）"])
def test_a_seq_cell_with_words_is_no_row_unless_it_holds_one(typed: str) -> None:
    from yanglao_cli.reader import row_in_seq

    assert not row_in_seq(typed)
    assert row_in_seq("4\t汇龙镇颐养院\tA\t9\t橙\t汇龙镇民政办") and row_in_seq("1 汇龙镇 20 18 90% 是")


@pytest.mark.parametrize("below", [["序号", "姓名", "职务", "联系电话"], ["养老服务诈骗风险隐患分类处置工作进度表"]])
def test_after_a_page_mark_another_table_ends_the_list(tmp_path: Path, runner, below: list[str]) -> None:
    path = write(tmp_path / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=2, seed=4))
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    _, foot = _list_rows(ws)
    ws.insert_rows(foot + 1, 3)
    ws.cell(foot + 1, 1).value = "第1页/共2页"
    for c, v in enumerate(below, start=1):
        ws.cell(foot + 2, c).value = v
    for c, v in enumerate([1, "张三", "副镇长", "13800000000"], start=1):
        ws.cell(foot + 3, c).value = v
    wb.save(path)
    _, out = run_json(runner, "check", tmp_path)
    assert not [f for f in out["findings"] if f["sheet"] == "附件2" and f["row"] and f["row"] > foot]


def test_a_time_written_after_the_signature_in_one_cell_is_the_report_date(tmp_path: Path, runner) -> None:
    path = write(tmp_path / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=3, seed=4))
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    label = next(c for row in ws.iter_rows() for c in row if c.value in ("填报日期：", "填报时间："))
    label.value = ws.cell(label.row, label.column + 1).value = None
    ws.cell(label.row, 1).value = "填报人：张三    时间：2022年7月8日"
    wb.save(path)
    _, out = run_json(runner, "status", tmp_path, "--period", "2022-06")
    (unit,) = [u for u in out["units"] if u["unit"] == UNIT]
    assert unit["forms"]["F2"]["date"] == "2022-07-08"


def test_a_ditto_under_another_townships_row_says_why_it_is_not_copied(tmp_path: Path, runner) -> None:
    """A county's 附件1 of two towns, the second's answers 同上: not copied from the first town, and said so (review)."""
    specs = specs_for(UNIT, n=3, seed=4)
    other = dict(specs["F1"].rows[0], seq=2, township="南阳镇", task_force="同上")
    specs["F1"].rows.append(other)
    write(tmp_path / f"{UNIT}.xlsx", UNIT, specs)
    _, out = run_json(runner, "check", tmp_path)
    said = [f["message"] for f in out["findings"] if f["code"] == "VALUE_INVALID" and f["sheet"] == "附件1"]
    assert said and all("另一个乡镇" in m for m in said)


# the send-back loop of these rules (blind audit)


def test_a_date_typed_over_the_date_label_after_a_blank_phone_is_the_report_date(tmp_path: Path, runner) -> None:
    path = write(tmp_path / f"{UNIT}.xlsx", UNIT, specs_for(UNIT, n=3, seed=4))
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    label = next(c for row in ws.iter_rows() for c in row if c.value in ("填报日期：", "填报时间："))
    phone = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("电话"))
    phone.value = "电话："
    label.value, ws.cell(label.row, label.column + 1).value = "2022年7月8日", None
    wb.save(path)
    _, out = run_json(runner, "status", tmp_path, "--period", "2022-06")
    (unit,) = [u for u in out["units"] if u["unit"] == UNIT]
    assert (unit["forms"]["F2"]["date"], unit["forms"]["F2"]["cell"]) == ("2022-07-08", label.coordinate)


def test_a_criterion_under_way_is_said_to_be_under_way(tmp_path: Path, runner) -> None:
    _workbook(tmp_path / f"{UNIT}.xlsx", {}, {"resolved": "是，4（取缔中）"})
    _, out = run_json(runner, "check", tmp_path)
    (said,) = [f["message"] for f in out["findings"] if f["code"] == "RESOLVED_NO_CRITERION"]
    assert "还在进行中" in said and "没有写明" not in said


def test_a_resend_listing_a_combined_row_a_facility_each_drops_none(tmp_path: Path, runner) -> None:
    first = specs_for(UNIT, n=3, seed=4)
    names = [r["name"] for r in first["F2"].rows[:2]]
    joined = dict(first["F2"].rows[0], name="、".join(names))
    sent = specs_for(UNIT, n=3, seed=4)
    sent["F2"].rows = [joined, *sent["F2"].rows[2:]]
    write(tmp_path / f"{UNIT}.xlsx", UNIT, sent)
    write(tmp_path / f"{UNIT}（更正）.xlsx", UNIT, specs_for(UNIT, n=3, seed=4))
    _, out = run_json(runner, "check", tmp_path)
    superseded = [f["message"] for f in out["findings"] if f["code"] == "SUBMISSION_SUPERSEDED" and f["sheet"] == "附件2"]
    assert superseded and not any("不在后报的一份中" in m for m in superseded)
