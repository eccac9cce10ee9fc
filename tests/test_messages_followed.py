"""A township clerk does what a finding's message says, literally: the form must then be right, not back with the
same finding or a new one (blind audit of the messages followed one by one, 2026-12-04)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from yanglao_cli.config import default_config
from yanglao_cli.pipeline import load

from .conftest import specs_for, write


def _found(tmp_path: Path, specs: dict, name: str = "汇龙镇.xlsx") -> list:
    p = write(tmp_path / name, "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    return loaded.findings


def _codes(findings: list) -> set[str]:
    return {f.code.value for f in findings}


def test_a_listed_count_above_the_checked_count_says_the_total_and_percentage_follow(tmp_path: Path) -> None:
    """附件2 lists 4, 附件1 says 3 checked of 3: raising 已排查 alone (what the message said) gave
    CHECKED_EXCEEDS_TOTAL and PERCENT_MISMATCH. The message says the total and the percentage follow; done so, clean."""
    specs = specs_for("汇龙镇", n=4)
    specs["F1"].rows[0].update(total=3, checked=3, percent=100)
    found = _found(tmp_path, specs)
    [listed] = [f for f in found if f.code.value == "LISTED_EXCEEDS_CHECKED"]
    assert "应排查总数不能小于它" in listed.message and "已排查占比也要重算" in listed.message
    specs["F1"].rows[0].update(total=4, checked=4, percent=100)
    assert _found(tmp_path, specs, "改.xlsx") == []


def test_a_checked_count_above_the_total_says_to_recompute_the_percentage(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(total=18, checked=20, percent=111.1)
    [over] = [f for f in _found(tmp_path, specs) if f.code.value == "CHECKED_EXCEEDS_TOTAL"]
    assert over.message.endswith("并按改正后的数重算已排查占比")
    specs["F1"].rows[0].update(total=20, checked=20, percent=100)
    assert _found(tmp_path, specs, "改.xlsx") == []


def test_a_missing_measure_says_a_reason_is_for_the_reviewer(tmp_path: Path) -> None:
    """The message offered 或在“当月处置进展”中说明原因, which never cleared the warning: it says now that a reason is
    for whoever reviews it, and the warning stays."""
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0].update(measures="3", progress="未责令整改，原因：机构已停业")
    [missing] = [f for f in _found(tmp_path, specs) if f.code.value == "MEASURE_MISSING"]
    assert "由审核人判断（本警告仍会列出）" in missing.message and "或在“当月处置进展”中说明原因" not in missing.message


@pytest.mark.parametrize(("measures", "described"), [
    ("1、2、3、4、11.其他：具体措施", False), ("1、2、3、4、11.其他：需具体措施", False),
    ("1、2、3、4、11.其他：约谈法定代表人", True),
])
def test_the_measure_11_placeholder_is_no_description(tmp_path: Path, measures: str, described: bool) -> None:
    """11.其他：具体措施 (the old message's own words) passed as a described measure; 15's 具体情形 did not."""
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0].update(measures=measures)
    found = [f for f in _found(tmp_path, specs) if f.code.value == "POINT_OTHER_UNDESCRIBED"]
    assert (found == []) is described
    for f in found:
        assert "加实际采取的措施，如“11.其他：" in f.message and "具体措施" not in f.message


def test_point_15_undescribed_asks_for_the_case_not_a_placeholder(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="6、15")
    specs["F3"].rows[0].update(points="6、15")
    found = [f for f in _found(tmp_path, specs) if f.code.value == "POINT_OTHER_UNDESCRIBED"]
    assert len(found) == 2
    assert all("“15.其他：”加实际情形，如“15.其他：" in f.message and "具体情形" not in f.message for f in found)


@pytest.mark.parametrize("answer", ["是，具体渠道", "是，具体宣传方式", "是，具体涉及部门", "是，具体内容"])
def test_a_detail_copied_from_the_question_is_missing(tmp_path: Path, answer: str) -> None:
    """是，具体渠道 repeats the question's own words: no detail given (DETAIL_MISSING), as 是，建立 is."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(complaints=answer)
    assert "DETAIL_MISSING" in _codes(_found(tmp_path, specs))


@pytest.mark.parametrize("answer", ["是，12345热线", "是，公安、市场监管部门", "是，有关部门联合", "是，部门联动"])
def test_a_detail_with_a_word_of_the_question_is_still_a_detail(tmp_path: Path, answer: str) -> None:
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(info_sharing=answer)
    assert "DETAIL_MISSING" not in _codes(_found(tmp_path, specs))


def test_the_cross_form_messages_name_both_forms(tmp_path: Path) -> None:
    """GREEN_IN_LIST done on 附件2 alone left the 附件3 row (DISPOSAL_UNLISTED); LEVEL_OVERRATED's 15 written on 附件2
    alone gave POINTS_DIFFER; a 附件3 row added with name and points only gave VALUE_REQUIRED: each message names
    what the other form, or the new row, needs."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="", level="绿")
    specs["F2"].rows[1].update(points="2", level="红")
    specs["F3"].rows = specs["F3"].rows[2:]
    by_code = {f.code.value: f.message for f in _found(tmp_path, specs)}
    assert "把它从附件2 和附件3 中一并删除" in by_code["GREEN_IN_LIST"]
    assert "请在附件2、附件3 该机构的风险隐患点都补写“15.其他：”" in by_code["LEVEL_OVERRATED"]
    assert "没有其他风险的请改为“黄”" in by_code["LEVEL_OVERRATED"]  # (the drop-down's word; template audit)
    assert "请在附件3 补一行，填写风险隐患点、通报线索、打击整治措施和当月处置进展等各栏" in by_code["DISPOSAL_MISSING"]


def test_a_date_after_the_report_date_is_corrected_not_the_report_date(tmp_path: Path) -> None:
    """（或更正填报日期） invited a June report re-dated in July (late, and still claiming a July case)."""
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0].update(case="是，2022年7月3日")
    [future] = [f for f in _found(tmp_path, specs) if f.code.value == "DATE_IN_FUTURE"]
    assert "或更正填报日期" not in future.message and "填报日期本身写错的，才改填报日期" in future.message


def test_category_c_without_point_9_or_10_says_what_either_fix_is(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(category="C")
    [c] = [f for f in _found(tmp_path, specs) if f.code.value == "CATEGORY_MISMATCH"]
    assert "请把类别改为“A.养老机构”或“B.社区养老服务机构”" in c.message and "请补写风险隐患点9或10" in c.message


def test_referrals_below_say_which_class_gives_way(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0].update(measures="3、4、7")
    specs["F4"].rows[0].update(ongoing=3, done=1, total=4, early=3, obvious=1, referred=0)
    [below] = [f for f in _found(tmp_path, specs) if f.code.value == "STATS_REFERRALS_BELOW"]
    assert "原先计在苗头性或明显问题中的，从那一类减去" in below.message
    specs["F4"].rows[0].update(early=2, referred=1)
    assert not {"STATS_REFERRALS_BELOW", "STATS_CLASS_MISMATCH"} & _codes(_found(tmp_path, specs, "改.xlsx"))


def test_referrals_beyond_the_total_say_to_raise_the_total_first(tmp_path: Path) -> None:
    """Two 附件3 rows with measure 7, 附件4 总计 1 (移送 1): raising 移送 to 2 made STATS_CLASS_MISMATCH ask it back to
    1, which asked it up again — a clerk following the two went round forever (audit of self-checking). It says
    to put the 问题数 right first; done so, the form is clean."""
    specs = specs_for("汇龙镇", n=2)
    for row in specs["F3"].rows:
        row.update(measures="3、4、7")
    specs["F4"].rows[0].update(ongoing=1, done=0, total=1, early=0, obvious=0, referred=1)
    [below] = [f for f in _found(tmp_path, specs) if f.code.value == "STATS_REFERRALS_BELOW"]
    assert "问题数总计只有1个" in below.message and "总计不少于2" in below.message
    specs["F4"].rows[0].update(ongoing=2, total=2, referred=2)
    assert not {"STATS_REFERRALS_BELOW", "STATS_CLASS_MISMATCH"} & _codes(_found(tmp_path, specs, "改.xlsx"))


def test_a_disposal_row_sent_twice_is_one_referral(tmp_path: Path) -> None:
    """An 附件3 row with measure 7 pasted twice: DUPLICATE_FACILITY says it, and 附件4's one referral is enough — it
    asked for two (STATS_REFERRALS_BELOW), a figure the clerk would have had to make wrong."""
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0].update(measures="3、4、7")
    specs["F3"].rows.insert(1, dict(specs["F3"].rows[0]))
    specs["F4"].rows[0].update(ongoing=3, done=1, total=4, early=2, obvious=1, referred=1)
    codes = _codes(_found(tmp_path, specs))
    assert "DUPLICATE_FACILITY" in codes and "STATS_REFERRALS_BELOW" not in codes
    specs["F4"].rows[0].update(early=3, referred=0)
    assert "STATS_REFERRALS_BELOW" in _codes(_found(tmp_path, specs, "改.xlsx"))


def test_an_unreadable_level_says_the_level_its_points_give(tmp_path: Path) -> None:
    """风险隐患等级 紫 beside points 2、4: 应填红、橙、黄、绿 offered four levels, 绿 then LEVEL_UNDERRATED and 红
    LEVEL_OVERRATED; it says 黄. Points of 15 only give no level to say; written 黄 as said, the row is clean."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="2、4", level="紫")
    specs["F2"].rows[1].update(points="15.其他：场地到期", level="紫")
    specs["F3"].rows[0].update(points="2、4", measures="1、2")
    specs["F3"].rows[1].update(points="15.其他：场地到期")
    bad = {f.cell: f.message for f in _found(tmp_path, specs) if f.code.value == "VALUE_INVALID"}
    assert bad["E5"].endswith("：应填“红”“橙”“黄”之一；按风险隐患点2、4应填黄")
    assert bad["E6"].endswith("：应填“红”“橙”“黄”之一")
    specs["F2"].rows[0].update(level="黄")
    assert not [f for f in _found(tmp_path, specs, "改.xlsx") if f.row == 5]


def test_a_conflict_written_on_both_forms_says_both_are_to_change(tmp_path: Path) -> None:
    """7、12 on 附件2 and 附件3: POINTS_CONFLICT is made once, at 附件2's cell; fixed there alone, 附件3's conflict and
    a POINTS_DIFFER came up in the next round. The message says 附件3's row holds the same."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="7、12", level="红")
    specs["F3"].rows[0].update(points="7、12", measures="1、2、3、4、5、6、7")
    [conflict] = [f for f in _found(tmp_path, specs) if f.code.value == "POINTS_CONFLICT"]
    assert conflict.sheet == "附件2" and conflict.message.endswith("；附件3 第5行写的相同，请一并改正")
    specs["F3"].rows[0].update(points="7")  # 附件3 differs: its own conflict-free points, POINTS_DIFFER says the rest
    [conflict] = [f for f in _found(tmp_path, specs, "二.xlsx") if f.code.value == "POINTS_CONFLICT"]
    assert conflict.message.endswith("只保留相符的一项")


def test_a_conflict_written_on_both_forms_is_marked_on_both_in_the_annotated_copy(tmp_path: Path) -> None:
    """The annotated copy marked 附件2's cell alone: the township fixed it, and round two sent the form back for
    附件3's (audit of the send-back loop). 附件3's cell carries the same note; the JSON has no new key."""
    from yanglao_cli.annotate import annotate_one

    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="7、12", level="红")
    specs["F3"].rows[0].update(points="7、12", measures="1、2、3、4、5、6、7")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    [conflict] = [f for f in loaded.findings if f.code.value == "POINTS_CONFLICT"]
    assert conflict.also == ((str(p), "附件3", "C5"),) and "also" not in conflict.model_dump(mode="json")
    annotate_one(p, p.name, tmp_path / "标注.xlsx", loaded.findings)
    wb = openpyxl.load_workbook(tmp_path / "标注.xlsx")
    for sheet, ref in (("附件2", "D5"), ("附件3", "C5")):
        assert "POINTS_CONFLICT" in wb[sheet][ref].comment.text, (sheet, ref)
    # 附件3's note says where the finding is, not "附件3 第5行写的相同" of itself (review)
    assert "问题见“附件2”D5" in wb["附件3"]["C5"].comment.text and "第5行写的相同" not in wb["附件3"]["C5"].comment.text


def test_a_conflict_on_both_forms_in_two_files_is_marked_in_each_copy(tmp_path: Path) -> None:
    """附件2 and 附件3 sent as two files: the finding names the other file's row, and that file's annotated copy marks
    its cell and says it (it was unmarked: the same round trip for two-file submissions; review)."""
    from yanglao_cli.annotate import annotate_files

    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="7、12", level="红")
    specs["F3"].rows[0].update(points="7、12", measures="1、2、3、4、5、6、7")
    write(tmp_path / "in" / "汇龙镇_附件2.xlsx", "汇龙镇", [specs["F1"], specs["F2"]])
    write(tmp_path / "in" / "汇龙镇_附件3.xlsx", "汇龙镇", [specs["F3"], specs["F4"]])
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    annotate_files(loaded, tmp_path / "out", loaded.findings)
    wb = openpyxl.load_workbook(tmp_path / "out" / "汇龙镇_附件3_校验标注.xlsx")
    said = wb["附件3"]["C5"].comment.text
    # (not its own file's row; the path as given, two files of one name in two folders told apart; review)
    assert "POINTS_CONFLICT" in said and f"文件 {tmp_path / 'in' / '汇龙镇_附件2.xlsx'} 的“附件2”D5" in said
    assert any(c.value == "POINTS_CONFLICT" for row in wb["校验结果"].iter_rows() for c in row)


def test_a_copy_marked_for_another_files_finding_is_to_be_sent_back(tmp_path: Path, runner) -> None:
    """The 附件3 file's copy marked for the conflict written on both forms was said 无需退回 by check (its own
    findings none): the copy meant to stop the second round trip was the one the clerk kept (review)."""
    from .conftest import run

    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="7、12", level="红")
    specs["F3"].rows[0].update(points="7、12", measures="1、2、3、4、5、6、7")
    write(tmp_path / "in" / "汇龙镇_附件2.xlsx", "汇龙镇", [specs["F1"], specs["F2"]])
    write(tmp_path / "in" / "汇龙镇_附件3.xlsx", "汇龙镇", [specs["F3"], specs["F4"]])
    res = run(runner, "check", str(tmp_path / "in"), "--annotate", str(tmp_path / "out"), "--period", "2022-06")
    line = next(t for t in res.stdout.splitlines() if "汇龙镇_附件3_校验标注.xlsx" in t)
    assert "需退回" in line and "无需退回" not in line, res.stdout


def _fujian3_apart_sent_back(tmp_path: Path, runner, specs: dict):
    """汇龙镇's 附件1–2 and 附件3–4 written as two files and checked with --annotate: the 附件3 file's copy must be said
    需退回; the inbox as loaded."""
    from .conftest import run

    write(tmp_path / "in" / "汇龙镇_附件2.xlsx", "汇龙镇", [specs["F1"], specs["F2"]])
    write(tmp_path / "in" / "汇龙镇_附件3.xlsx", "汇龙镇", [specs["F3"], specs["F4"]])
    res = run(runner, "check", str(tmp_path / "in"), "--annotate", str(tmp_path / "out"), "--period", "2022-06")
    line = next(t for t in res.stdout.splitlines() if "汇龙镇_附件3_校验标注.xlsx" in t)
    assert "需退回" in line and "无需退回" not in line, res.stdout
    return load([tmp_path / "in"], default_config(), "2022-06")[0]


def test_a_disposal_missing_from_another_file_is_marked_where_the_row_goes(tmp_path: Path, runner) -> None:
    """附件2 and 附件3 in two files, 附件3 a row short: only 附件2's file was marked and said 需退回 — the row to add
    belongs to the 附件3 file, said 无需退回 (audit of the send-back verdicts). The finding names the 附件3 file, and
    that file's copy marks the cell under its last row and is to be sent back."""
    specs = specs_for("汇龙镇", n=3)
    del specs["F3"].rows[2]
    loaded = _fujian3_apart_sent_back(tmp_path, runner, specs)
    [missing] = [f for f in loaded.findings if f.code.value == "DISPOSAL_MISSING"]
    assert missing.message.endswith(f"（附件3 在文件 {tmp_path / 'in' / '汇龙镇_附件3.xlsx'} 中）")
    wb = openpyxl.load_workbook(tmp_path / "out" / "汇龙镇_附件3_校验标注.xlsx")
    said = wb["附件3"]["B7"].comment.text  # (under its last row, 6)
    # (where the row goes said by the last facility's row: the marked cell may be a 合计 or the footer; review)
    assert "DISPOSAL_MISSING" in said and "请在第6行（最后一家机构）之后补一行" in said and "“附件2”B7" in said


def test_a_blank_fujian3_sent_in_its_own_file_is_marked_and_sent_back(tmp_path: Path, runner) -> None:
    """附件3 sent in a file of its own with no row filled (the template's pre-numbered rows blank), beside an 附件2
    listing three facilities: every facility DISPOSAL_MISSING at 附件2, and the 附件3 file — the one to fill in —
    was unmarked and said 无需退回 (review of the send-back loop). Its copy is marked at its first row's name cell
    and said 需退回; the findings name the file and say it holds no facility yet."""
    specs = specs_for("汇龙镇", n=3)
    specs["F3"].rows = []
    loaded = _fujian3_apart_sent_back(tmp_path, runner, specs)
    missing = [f for f in loaded.findings if f.code.value == "DISPOSAL_MISSING"]
    assert len(missing) == 3 and all(f.file == str(tmp_path / "in" / "汇龙镇_附件2.xlsx") for f in missing)
    assert all(f.message.endswith(f"（附件3 在文件 {tmp_path / 'in' / '汇龙镇_附件3.xlsx'} 中，表中还没有填写任何机构）")
               and f.also == ((str(tmp_path / "in" / "汇龙镇_附件3.xlsx"), "附件3", "B5"),) for f in missing)
    # (also with a blank 附件3 sheet left in 附件2's workbook, whichever file's name sorts first; review)
    for name in ("汇龙镇_附件2.xlsx", "甲_附件2.xlsx"):
        (tmp_path / "in2").mkdir(exist_ok=True)
        for old in (tmp_path / "in2").iterdir():
            old.unlink()
        write(tmp_path / "in2" / name, "汇龙镇", [specs["F1"], specs["F2"], specs["F3"]])
        write(tmp_path / "in2" / "汇龙镇_附件3.xlsx", "汇龙镇", [specs["F3"], specs["F4"]])
        loaded, _ = load([tmp_path / "in2"], default_config(), "2022-06")
        assert {f.also for f in loaded.findings if f.code.value == "DISPOSAL_MISSING"} == {
            ((str(tmp_path / "in2" / "汇龙镇_附件3.xlsx"), "附件3", "B5"),)}, name
    wb = openpyxl.load_workbook(tmp_path / "out" / "汇龙镇_附件3_校验标注.xlsx")
    said = wb["附件3"]["B5"].comment.text  # (the first pre-numbered row, under the header in row 4)
    assert said.count("DISPOSAL_MISSING") == 3 and "请在本表表头下逐家补行，填写风险隐患点" in said and "“附件2”B5" in said
    assert "最后一家机构" not in said


def test_a_blank_fujian3_in_the_same_file_as_fujian2_marks_fujian2_only(tmp_path: Path) -> None:
    """附件3 blank on a sheet of 附件2's own workbook: the file is sent back for its 附件2 rows' findings as before;
    no second mark on the blank sheet, no file named in the message (the rule for a file of its own only)."""
    specs = specs_for("汇龙镇", n=2)
    specs["F3"].rows = []
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    missing = [f for f in loaded.findings if f.code.value == "DISPOSAL_MISSING"]
    assert len(missing) == 2 and all(not f.also and "在文件" not in f.message for f in missing)


def test_a_conflict_written_on_both_forms_names_the_sheet_that_is_not_called_fujian3(tmp_path: Path) -> None:
    """附件3 on a sheet named 表三: "附件3 第5行" sent the clerk to a sheet that is not there (on 附件3（续） row 1 it
    named the label row; metamorphic audit). The sheet is named."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="7、12", level="红")
    specs["F3"].rows[0].update(points="7、12", measures="1、2、3、4、5、6、7")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    wb["附件3"].title = "表三"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    [conflict] = [f for f in loaded.findings if f.code.value == "POINTS_CONFLICT"]
    assert conflict.message.endswith("；附件3（工作表“表三”）第5行写的相同，请一并改正"), conflict.message


def test_a_missing_column_says_where_it_goes(tmp_path: Path) -> None:
    """The finding is at the next column's header (打击整治措施): the comment read as a remark on that column."""
    import openpyxl

    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件3"]
    ws.delete_cols(5)  # 属于非法集资的同步纳入…工作机制
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    [missing] = [f for f in loaded.findings if f.code.value == "COLUMN_MISSING"]
    assert missing.cell == "E4" and missing.message.endswith("（在“打击整治措施”列之前插入，并填写各行）")


def test_inbox_messages_say_what_to_do_with_the_file_and_the_other_forms(tmp_path: Path) -> None:
    """(blind audit, second part) A CSV or a wrong workbook left in the inbox after the township sent its forms again
    kept every run at exit 1, nothing saying to take it out; a 联系人 list was asked to use the template. A facility two
    towns list is to be deleted from the other town's 附件2 and 附件3 (from 附件2 alone: DISPOSAL_UNLISTED asked to list
    it again); a resolved facility stays listed this period; a 附件4 of this period's figures only becomes cumulative on
    every cell of its row."""
    import openpyxl

    from yanglao_cli.findings import Code, make
    from yanglao_cli.pipeline import load_file

    inbox = tmp_path / "收件"
    write(inbox / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    (inbox / "南阳镇_6月.csv").write_text("序号,名称\n1,康乐养老院\n", encoding="utf-8")
    wb = openpyxl.Workbook()
    wb.active.append(["单位", "联系人", "电话"])
    wb.save(inbox / "各镇联系人.xlsx")
    loaded, _ = load([inbox], default_config(), "2022-06")
    by_code = {f.code.value: f.message for f in loaded.findings}
    assert by_code["FILE_UNREADABLE"].endswith("（收到该单位重新报送的文件后，请把这个文件移出收件夹）")
    assert "不是报表的（通讯录、工作台账等）" in by_code["FORM_NOT_FOUND"] and "移出收件夹" in by_code["FORM_NOT_FOUND"]
    alone = load_file(inbox / "南阳镇_6月.csv", "南阳镇_6月.csv", default_config(), 2022)  # classify reads one file
    assert "收件夹" not in alone.findings[0].message
    assert "（另一单位的附件2、附件3 都不再列入）" in make(Code.DUPLICATE_ACROSS_UNITS, facility="康乐养老院",
                                                            units="汇龙镇和南阳镇").message
    assert "已化解的，本期仍列入附件2、附件3" in make(Code.FACILITY_DROPPED, facility="康乐养老院", level="橙色").message
    assert "本行各栏都要改为累计数" in make(Code.STATS_DECREASED, column="整治完成", old=3, new=1).message


def test_a_misspelt_unit_is_marked_in_the_township_column_too(tmp_path: Path) -> None:
    """汇尤镇 on every 填报单位 line and in 附件1's 乡镇 and 附件4's first column: only the lines were marked, and once
    they were put right UNIT_CONFLICT came up at the 乡镇 cell (and 附件4 kept the typo). Every cell is marked at once;
    all put right, the workbook is clean."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(township="汇尤镇")
    specs["F4"].rows[0].update(label="汇尤镇")
    p = write(tmp_path / "6月报表.xlsx", "汇尤镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    unknown = sorted(f"{f.sheet}!{f.cell}" for f in loaded.findings if f.code.value == "UNIT_UNKNOWN")
    assert {"附件1!B5", "附件1!A3", "附件2!A3", "附件3!A3", "附件4!A3"} <= set(unknown)
    assert any(c.startswith("附件4!A") and c != "附件4!A3" for c in unknown)  # 附件4's first column
    specs["F1"].rows[0].update(township="汇龙镇")
    specs["F4"].rows[0].update(label="汇龙镇")
    assert _found(tmp_path, specs, "改.xlsx") == []


def test_messages_quote_what_was_written_not_how_it_was_read(tmp_path: Path) -> None:
    """有 / √ under 附件1's questions and 已化解 were quoted back as 填了“是”; a blank 纳入处非机制 as 现为“空”, read as
    if 空 had been typed (audit of the messages clerks read)."""
    specs = specs_for("汇龙镇", n=1)
    specs["F1"].rows[0].update(complaints="有", publicity="已经利用新闻媒体平台开展了宣传")
    specs["F2"].rows[0].update(points="11", level="红")
    specs["F3"].rows[0].update(points="11", clue="是", fundraising=None, measures="7", case="是，2022年6月3日",
                               resolved="已化解")
    found = {f.code.value: f.message for f in _found(tmp_path, specs)}
    details = [f.message for f in _found(tmp_path / "again", specs) if f.code.value == "DETAIL_MISSING"]
    assert any("填了“有”" in m for m in details) and any("填了“已经利用新闻媒体平台开展了宣传”" in m for m in details)
    assert found["RESOLVED_NO_CRITERION"].startswith("存量风险填了“已化解”")
    assert "现未填写；" in found["FUNDRAISING_NOT_ESCALATED"] and "“空”" not in found["FUNDRAISING_NOT_ESCALATED"]


def test_a_prepayment_point_with_9_says_an_unregistered_site_that_took_money_is_10(tmp_path: Path) -> None:
    """7 with 9 on a C site: keeping 7 gave CATEGORY_MISMATCH (C needs 9 or 10), adding 9 back this — a loop; the
    point the site has, 10, was never named (audit of the messages clerks read)."""
    specs = specs_for("汇龙镇", n=1)
    specs["F2"].rows[0].update(points="7、9", category="C", level="橙")
    specs["F3"].rows[0].update(points="7、9")
    (conflict,) = [f for f in _found(tmp_path, specs) if f.code.value == "POINTS_CONFLICT" and f.sheet == "附件2"]
    assert "应填10" in conflict.message


def test_a_township_cell_misspelt_like_the_unit_line_is_called_by_its_column(tmp_path: Path) -> None:
    """汇尤镇 on the 填报单位 line and in 附件1's 乡镇 column: the second finding said 填报单位“汇尤镇” of the 乡镇 cell."""
    import openpyxl

    p = write(tmp_path / "汇尤镇_6月.xlsx", "汇尤镇", specs_for("汇龙镇", n=1))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件1"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "汇龙镇")
    cell.value = "汇尤镇"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    said = {f.cell: f.message for f in loaded.findings if f.code.value == "UNIT_UNKNOWN" and f.sheet == "附件1"}
    assert said[cell.coordinate].startswith("乡镇“汇尤镇”") and any(m.startswith("填报单位“汇尤镇”") for m in said.values())


def test_explain_green_in_list_asks_to_take_the_row_off_both_forms(runner) -> None:
    """explain said 从附件2 删除该行: done so, the 附件3 row was DISPOSAL_UNLISTED, telling the clerk to list it again."""
    from .conftest import run

    res = run(runner, "explain", "GREEN_IN_LIST")
    assert "附件2 和附件3 中一并删除" in res.output


def test_a_facility_two_units_list_is_marked_in_both_units_copies(tmp_path: Path, runner) -> None:
    """DUPLICATE_ACROSS_UNITS: only the later unit's copy was marked; the first unit, which may be the one to take it
    off its list, heard nothing (its copy 无需退回; audit of the send-back loop). Both copies are marked, the first's
    note saying where the other unit's row is; the JSON keeps one finding."""
    from .conftest import run, run_json

    for unit in ("汇龙镇", "南阳镇"):
        specs = specs_for(unit, n=2)
        specs["F2"].rows[0]["name"] = specs["F3"].rows[0]["name"] = "阳光养老院"
        write(tmp_path / "in" / f"{unit}.xlsx", unit, specs)
    res = run(runner, "check", str(tmp_path / "in"), "--annotate", str(tmp_path / "out"), "--period", "2022-06")
    for unit in ("汇龙镇", "南阳镇"):
        line = next(t for t in res.stdout.splitlines() if f"{unit}_校验标注.xlsx" in t)
        assert "请查看警告后决定" in line, res.stdout
    notes = {unit: openpyxl.load_workbook(tmp_path / "out" / f"{unit}_校验标注.xlsx")["附件2"]["B5"].comment.text
             for unit in ("汇龙镇", "南阳镇")}
    assert all("DUPLICATE_ACROSS_UNITS" in n for n in notes.values())
    # (the other unit's row said by the unit and row, not by the bureau's path to a file this township never saw)
    first, later = sorted(notes.values(), key=lambda n: "报送的“附件2”第5行" in n)
    assert "报送的“附件2”第5行" not in first and "报送的“附件2”第5行）" in later and str(tmp_path) not in later
    _, data = run_json(runner, "check", str(tmp_path / "in"), "--period", "2022-06")
    assert [f["code"] for f in data["findings"]].count("DUPLICATE_ACROSS_UNITS") == 1


def test_a_green_facility_whose_fujian3_is_another_file_is_marked_there_too(tmp_path: Path, runner) -> None:
    """GREEN_IN_LIST on 附件2, its 附件3 row in another file: the fix (points on both, or the row off both) was half in a
    copy said 无需退回 (audit of the send-back loop). That copy marks the facility's 附件3 row; the note asks for the
    points on both forms and the level they give."""
    from .conftest import run

    specs = specs_for("汇龙镇", n=2)
    specs["F2"].rows[0].update(points="无", level="绿")
    specs["F3"].rows[0].update(points="无", clue="否", measures="无")
    write(tmp_path / "in" / "汇龙镇_附件2.xlsx", "汇龙镇", [specs["F1"], specs["F2"]])
    write(tmp_path / "in" / "汇龙镇_附件3.xlsx", "汇龙镇", [specs["F3"], specs["F4"]])
    res = run(runner, "check", str(tmp_path / "in"), "--annotate", str(tmp_path / "out"), "--period", "2022-06")
    line = next(t for t in res.stdout.splitlines() if "汇龙镇_附件3_校验标注.xlsx" in t)
    assert "无需退回" not in line, res.stdout
    said = openpyxl.load_workbook(tmp_path / "out" / "汇龙镇_附件3_校验标注.xlsx")["附件3"]["B5"].comment.text
    assert "GREEN_IN_LIST" in said and "附件2 的这一行见文件" in said and "都补填风险隐患点并按风险隐患点填写等级" in said


def test_a_townships_copy_says_whom_to_call_not_the_bureaus_configuration(tmp_path: Path) -> None:
    """UNIT_UNKNOWN of a unit the list lacks (启东经济开发区): the bureau's screen says to add it to yanglao.toml; the
    township's copy said so too — a file it has never seen (audit of the send-back loop). It says whom to call."""
    from yanglao_cli.annotate import annotate_one

    specs = specs_for("汇龙镇", n=1)
    p = write(tmp_path / "开发区.xlsx", "启东经济开发区", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    [f, *_] = [f for f in loaded.findings if f.code.value == "UNIT_UNKNOWN"]
    assert "yanglao.toml" in f.message
    annotate_one(p, p.name, tmp_path / "标注.xlsx", loaded.findings)
    wb = openpyxl.load_workbook(tmp_path / "标注.xlsx")
    notes = [c.comment.text for ws in wb for row in ws.iter_rows() for c in row if c.comment]
    assert notes and any("UNIT_UNKNOWN" in n for n in notes)
    assert not any("yanglao.toml" in n for n in notes) and any("请与启东市民政局联系" in n for n in notes)
    assert not any("yanglao.toml" in str(c.value) for row in wb["校验结果"].iter_rows() for c in row)


def test_a_blank_facility_name_on_fujian2_says_fujian3_needs_it_too(tmp_path: Path) -> None:
    """附件2 row with points and level but no name: filled in as asked, DISPOSAL_MISSING came next (its 附件3 row, if
    any, named otherwise; audit of the send-back loop). The note says 附件3's row needs the same name."""
    specs = specs_for("汇龙镇", n=2)
    specs["F2"].rows[1]["name"] = ""
    [f] = [f for f in _found(tmp_path, specs) if f.code.value == "VALUE_REQUIRED" and f.sheet == "附件2"]
    assert f.cell == "B6" and "附件3 中这家机构的处置记录也要写同一名称" in f.message


def test_the_notes_of_a_fix_that_changes_the_level_say_so(tmp_path: Path) -> None:
    """Following 应填10，不填9 made the facility 红 (LEVEL_UNDERRATED and MEASURE_MISSING came next); adding 15.其他 to
    keep a declared 红 needs 红's disposal (CLUE_NOT_REPORTED came next): the notes say what follows (audit)."""
    specs = specs_for("汇龙镇", n=1)
    specs["F2"].rows[0].update(category="C", points="9、1", level="橙")
    specs["F3"].rows[0].update(points="9、1")
    [conflict, *_] = [f for f in _found(tmp_path / "a", specs) if f.code.value == "POINTS_CONFLICT"]
    assert "10 为红色，改填10 的，等级和附件3 的处置措施也要相应改" in conflict.message
    specs = specs_for("汇龙镇", n=1)
    specs["F2"].rows[0].update(points="4", level="红")
    specs["F3"].rows[0].update(points="4", clue="否", measures="1、2")
    [over] = [f for f in _found(tmp_path / "b", specs) if f.code.value == "LEVEL_OVERRATED"]
    assert "附件3 的通报线索和打击整治措施按红色的要求填写" in over.message


def test_a_correction_leaving_a_facility_out_names_it(tmp_path: Path) -> None:
    """A correction (later 填报日期) whose 附件2 and 附件3 lack one facility of the first report: SUBMISSION_SUPERSEDED
    said only 3行未计入汇总 — which facility left the list, the clerk could not tell (audit of a province's day)."""
    first = specs_for("汇龙镇", n=3, date="2022-06-15")
    second = specs_for("汇龙镇", n=3, date="2022-06-16")
    gone = second["F2"].rows[2]["name"]
    del second["F2"].rows[2], second["F3"].rows[2]
    write(tmp_path / "汇龙镇.xlsx", "汇龙镇", first)
    write(tmp_path / "汇龙镇（更正）.xlsx", "汇龙镇", second)
    loaded, _ = load([tmp_path], default_config(), "2022-06")
    said = {f.sheet: f.message for f in loaded.findings if f.code.value == "SUBMISSION_SUPERSEDED"}
    assert f"其中{gone}不在后报的一份中，请核实是否确已不再列入" in said["附件2"] and gone in said["附件3"]
    assert "不在后报的一份中" not in said["附件1"] and "不在后报的一份中" not in said["附件4"]


def test_an_unreadable_count_says_what_to_write_and_a_level_to_choose_what_follows(tmp_path: Path) -> None:
    """@无 in a count: 不是有效的数字, and no word of what to write (VALUE_REQUIRED says 没有的填 0); 15 alone with no
    level: 请填写红/橙/黄, and choosing one brought that level's measures unasked (audit of the send-back loop)."""
    specs = specs_for("汇龙镇", n=1)
    specs["F4"].rows[0]["early"] = "@无"
    specs["F2"].rows[0].update(points="15.其他：以房养老名义推销", level="")
    specs["F3"].rows[0].update(points="15.其他：以房养老名义推销")
    found = _found(tmp_path, specs)
    [count] = [f for f in found if f.code.value == "VALUE_INVALID" and f.sheet == "附件4"]
    assert count.message.endswith("不是有效的数字；请填阿拉伯数字（没有的填 0）")
    [level] = [f for f in found if f.code.value == "LEVEL_UNDETERMINED"]
    assert level.message.endswith("请填写红/橙/黄；附件3 的通报线索和打击整治措施按所填等级的要求填写")


def test_a_correction_naming_a_facility_otherwise_leaves_none_out(tmp_path: Path, runner) -> None:
    """The correction writes 汇龙镇X and X（新增）: the lists pair them with X, so SUBMISSION_SUPERSEDED names none as
    gone (it named both; review). One really left out is named, and check --annotate's line for the replaced file
    says to ask the township (it said 无需处理 beside a note asking to check; review)."""
    from .conftest import run

    first = specs_for("汇龙镇", n=3, date="2022-06-15")
    second = specs_for("汇龙镇", n=3, date="2022-06-16")
    for form in ("F2", "F3"):
        second[form].rows[0]["name"] = "汇龙镇" + first[form].rows[0]["name"]
        second[form].rows[1]["name"] = first[form].rows[1]["name"] + "（新增）"
    write(tmp_path / "a" / "汇龙镇.xlsx", "汇龙镇", first)
    write(tmp_path / "a" / "汇龙镇（更正）.xlsx", "汇龙镇", second)
    loaded, _ = load([tmp_path / "a"], default_config(), "2022-06")
    assert not [f for f in loaded.findings if "不在后报的一份中" in f.message]
    del second["F2"].rows[2], second["F3"].rows[2]
    write(tmp_path / "b" / "汇龙镇.xlsx", "汇龙镇", first)
    write(tmp_path / "b" / "汇龙镇（更正）.xlsx", "汇龙镇", second)
    res = run(runner, "check", str(tmp_path / "b"), "--annotate", str(tmp_path / "out"), "--period", "2022-06")
    line = next(t for t in res.stdout.splitlines() if "汇龙镇_校验标注.xlsx" in t)
    assert "已被后报的一份取代" in line and "后报的一份少了机构，请与该单位核实" in line, res.stdout
