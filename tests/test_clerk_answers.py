"""Answers clerks write in words rather than 是/否 (blind audit of cell values, 2026-12-03): what is planned is not
done, a clause saying the column's own act was not done is 否, and a facility's risk point not yet verified is not
a 否 that grades it 绿."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yanglao_cli.config import default_config
from yanglao_cli.models import YesNo
from yanglao_cli.normalize import parse_answer
from yanglao_cli.pipeline import load

from .conftest import run_json, specs_for, write


@pytest.mark.parametrize("text", ["已计划通报", "已准备通报材料", "已申请", "已经准备", "已计划开通"])
def test_what_is_planned_or_asked_for_is_not_done(text: str) -> None:
    assert parse_answer(text).value.value == YesNo.NO


@pytest.mark.parametrize("text", ["已通报", "已经通报公安", "已建立", "已开通12345热线", "已安排专人负责", "已拟定信息共享制度"])
def test_what_is_done_stays_done(text: str) -> None:
    assert parse_answer(text).value.value == YesNo.YES


def _f3_with(tmp_path: Path, **cells: str) -> list[tuple[str, str]]:
    """汇龙镇's forms, the first 附件3 row (an 橙色 facility, point 6, on 附件2 too) given the cells."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="6", level="橙", category="A")
    specs["F3"].rows[0].update(points="6", measures="3、4", clue="是", fundraising="不涉及", case="否", resolved="否")
    specs["F3"].rows[0].update(cells)
    write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    return [(f.code.value, f.cell) for f in loaded.findings if f.sheet == "附件3" and f.row == 5]


def test_a_clause_saying_the_columns_act_was_not_done_is_no(tmp_path: Path) -> None:
    """已约谈，未通报 under 通报线索 read as 是 (no CLUE_NOT_REPORTED); 已移送，未立案 under 立案 asked for a case date."""
    assert ("CLUE_NOT_REPORTED", "D5") in _f3_with(tmp_path / "a", clue="已约谈，未通报")
    assert ("CLUE_NOT_REPORTED", "D5") in _f3_with(tmp_path / "b", clue="已计划通报")
    assert _f3_with(tmp_path / "c", clue="已通报，未立案") == []  # another act's 未 is not this column's
    assert _f3_with(tmp_path / "d", case="已移送，未立案") == []
    assert ("CASE_DATE_MISSING", "H5") in _f3_with(tmp_path / "e", case="已立案")
    assert ("RESOLVED_NO_CRITERION", "I5") not in _f3_with(tmp_path / "f", resolved="已约谈，尚未化解")


def _classified(tmp_path: Path, runner, answers: list[str]) -> dict:
    """A facility sheet of one facility per answer to 风险隐患点11 (every other point 否), through `classify`."""
    from yanglao_cli.forms import FAC
    from yanglao_cli.sample import SheetSpec

    base = {"name": "", "township": "汇龙镇", "category": "A", "registered": "是", "filed": "是", "beds": 30,
            "prepay_people": 0, "insolvent": "否", **{f"p{n}": "否" for n in range(1, 16)}, "inspector": "王五",
            "date": "2022-06-10"}
    rows = [dict(base, name=f"养老院{k}", p11=said) for k, said in enumerate(answers)]
    write(tmp_path / "排查表.xlsx", "汇龙镇", [SheetSpec(FAC, rows)])
    return run_json(runner, "classify", str(tmp_path / "排查表.xlsx"))[1]


def test_a_risk_point_not_yet_verified_is_not_no(tmp_path: Path, runner) -> None:
    """On the facility sheet, 风险隐患点11 answered 待核实 / 未知 graded the facility 绿; 部分存在 and 正在整改 say the
    risk is there."""
    data = _classified(tmp_path, runner, ["待核实", "未知", "部分存在", "正在整改", "否"])
    assert [(f["name"], f["level"]) for f in data["facilities"]] == [
        ("养老院0", None), ("养老院1", None), ("养老院2", "RED"), ("养老院3", "RED"), ("养老院4", "GREEN")]
    assert [f["code"] for f in data["findings"]] == ["VALUE_INVALID", "VALUE_INVALID"]


@pytest.mark.parametrize(("text", "level"), [
    ("红色（已下调为橙色）", "ORANGE"), ("红（6月降为黄）", "YELLOW"), ("黄（已上调为橙色）", "ORANGE"), ("黄→橙", "ORANGE"),
    ("由黄调整为橙", "ORANGE"), ("上月红色，本月橙色", "ORANGE"), ("橙色（原红色）", "ORANGE"), ("红色风险", "RED")])
def test_a_level_said_to_have_changed_is_the_level_it_is_now(text: str, level: str) -> None:
    """红色（已下调为橙色） read as 红 (the first colour), the 下调 dropped: the city reported red."""
    from yanglao_cli.normalize import parse_level

    assert parse_level(text).value.name == level


@pytest.mark.parametrize(("text", "level"), [
    ("红（已降级）", "RED"), ("红色（未调整）", "RED"), ("红（维持，不下调）", "RED"), ("橙色（由黄色上调）", "ORANGE"),
    ("黄（5月为红，本月调整）", "YELLOW"), ("红色（整改到位后降为黄色）", "RED"), ("红（下月拟调为橙）", "RED"),
    ("红（申请降为橙）", "RED"), ("红（目前黄色风险点已整改）", "RED"), ("橙（本月新增）", "ORANGE")])
def test_a_level_with_a_change_not_made_or_still_to_come_is_as_written(text: str, level: str) -> None:
    """A change denied (未调整, 不下调), to come (拟, 申请, 整改到位后) or naming no new level keeps the level written
    (review of the rule above: these were unreadable or read as the future level)."""
    from yanglao_cli.normalize import parse_level

    assert parse_level(text).value.name == level


@pytest.mark.parametrize(("text", "kind", "items"), [
    ("3、4，6.10已约谈", "measures", (3, 4)), ("4，6.10检查发现", "points", (4,)), ("1.3.7", "points", (1, 3, 7)),
    ("1.3项", "points", (1, 3)), ("4.虚假宣传", "points", (4,)), ("3、4（6.10约谈）", "measures", (3, 4))])
def test_a_short_date_before_what_was_done_is_no_item(text: str, kind: str, items: tuple[int, ...]) -> None:
    """3、4，6.10已约谈 read as measures 3、4、6、10: the consolidated 附件3 claimed measures 6 and 10 were taken and the
    MEASURE_MISSING for 6 was suppressed (blind audit of cell values)."""
    from yanglao_cli.normalize import parse_numbers

    assert parse_numbers(text, kind).value.items == items


@pytest.mark.parametrize(("text", "date", "error"), [
    ("是，6/10", "2022-06-10", None), ("是，6-10", "2022-06-10", None), ("是，二〇二二年六月十日", "2022-06-10", None),
    ("是，6月10日移送，6月15日立案", "2022-06-15", None), ("是，2022.6.3", "2022-06-03", None),
    ("是，5月", None, "立案时间不是完整的日期"), ("是，15日", None, "立案时间不是完整的日期"),
    ("是，启公刑立字〔2022〕10086号", None, None), ("是，涉案2/3户", None, None)])
def test_a_case_date_as_clerks_write_it(text: str, date: str | None, error: str | None) -> None:
    """A written case date the tool could not read was CASE_DATE_MISSING (没有立案时间) and 6/10 or 二〇二二年六月十日
    were not read; of two dates the first was taken, the 移送 date before the labelled 立案 one (blind audit)."""
    from yanglao_cli.normalize import parse_case

    n = parse_case(text, 2022)
    if error:
        assert n.error.startswith(error)
    else:
        assert n.ok and (n.value[1].isoformat() if n.value[1] else None) == date


def test_a_negated_act_with_an_object_of_its_own_leaves_the_answer(tmp_path: Path) -> None:
    """是，已通报政法委，不通报媒体 was turned into 否 (CLUE_NOT_REPORTED) by the review's counterexamples: only the
    column's act said not done by itself (未通报, 尚未化解) turns 是 into 否."""
    assert _f3_with(tmp_path / "a", clue="是，已通报政法委，不通报媒体") == []
    assert ("CLUE_NOT_REPORTED", "D5") in _f3_with(tmp_path / "b", clue="已约谈，未通报线索")


@pytest.mark.parametrize(("said", "level"), [("未查到", "GREEN"), ("经核实不存在", "GREEN"), ("已核实，存在", "RED")])
def test_a_risk_point_checked_and_not_found_is_no(tmp_path: Path, runner, said: str, level: str) -> None:
    data = _classified(tmp_path, runner, [said])
    assert [f["level"] for f in data["facilities"]] == [level] and data["findings"] == []


def test_not_illegal_fundraising_in_words_is_not_applicable(tmp_path: Path) -> None:
    """纳入处非机制 answered 否，不属于非法集资 was FUNDRAISING_NOT_ESCALATED, 属于诈骗，不涉及非法集资 VALUE_INVALID:
    both say 不涉及 (blind audit of cell values)."""
    def red(fundraising: str) -> dict[str, str]:
        return {"points": "11", "measures": "7", "clue": "是", "fundraising": fundraising}

    for said in ("否，不属于非法集资", "属于诈骗，不涉及非法集资"):
        specs = specs_for("汇龙镇")
        specs["F2"].rows[0].update(points="11", level="红", category="A")
        specs["F3"].rows[0].update(red(said), case="否", resolved="否")
        write(tmp_path / said / "汇龙镇.xlsx", "汇龙镇", specs)
        loaded, _ = load([tmp_path / said], default_config(), "2022-06")
        assert [f.code.value for f in loaded.findings if f.sheet == "附件3" and f.row == 5] == [], said


@pytest.mark.parametrize(("text", "category"), [("B类养老机构", "B"), ("C类养老机构", "C"), ("A类养老机构", "A")])
def test_a_class_letter_before_the_generic_word_is_the_class(text: str, category: str) -> None:
    """B类养老机构 was refused (类别字母与名称不一致): 养老机构 is what all of them are called; B类养老院 still is."""
    from yanglao_cli.normalize import parse_category

    assert parse_category(text).value.value == category
    assert parse_category("B类养老院").error


# ---- the second review's counterexamples (2026-12-03) ------------------------------------------------------

@pytest.mark.parametrize(("text", "level"), [
    ("红色（已下调为橙色风险）", "ORANGE"), ("黄（现为橙色风险）", "ORANGE"), ("红色（经整改后降为橙色）", "ORANGE"),
    ("上月红色，本月橙色管理", "ORANGE"), ("红色（整改到位后降为黄色）", "RED"),
    # a change that may come, or not said made, leaves the level written (third review): 无证经营升为橙色 reads like
    # 发现违法升为红色, a condition — the level as written, and LEVEL_UNDERRATED says so if it is too low
    ("黄色（无证经营升为橙色）", "YELLOW"), ("橙色（有转红风险）", "ORANGE"), ("橙色（逾期未整改升为红色）", "ORANGE"),
    ("橙色（可能升为红色）", "ORANGE"), ("橙色（县局意见：调为红色）", "ORANGE"), ("黄色（如整改到位降为绿色）", "YELLOW")])
def test_a_change_is_read_only_when_said_made(text: str, level: str) -> None:
    from yanglao_cli.normalize import parse_level

    assert parse_level(text).value.name == level


@pytest.mark.parametrize(("text", "value"), [("已拟通报公安机关", "NO"), ("已拟建立", "NO"), ("已拟定信息共享制度", "YES")])
def test_planned_with_ni_is_not_done_but_drawn_up_is(text: str, value: str) -> None:
    assert parse_answer(text).value.value.name == value


def test_the_columns_own_object_may_follow_the_act_said_not_done(tmp_path: Path) -> None:
    assert ("CLUE_NOT_REPORTED", "D5") in _f3_with(tmp_path / "a", clue="已约谈，暂未通报政法机关")
    assert _f3_with(tmp_path / "b", case="已移送公安，尚未立案侦查") == []


@pytest.mark.parametrize(("text", "items"), [("1,2,3.4已落实", (1, 2, 3, 4)), ("10.12均存在", (10, 12))])
def test_a_dot_between_items_is_no_date_unless_it_reads_as_one(text: str, items: tuple[int, ...]) -> None:
    from yanglao_cli.normalize import parse_numbers

    assert parse_numbers(text, "measures" if "落实" in text else "points").value.items == items


@pytest.mark.parametrize(("text", "date"), [
    ("是，立案编号12-3", None), ("是，涉案金额3/4已冻结", None), ("是，1/3资金已追回", None),
    ("是，移送时间：6月10日，立案时间：6月15日", "2022-06-15"), ("是（6/10）", "2022-06-10")])
def test_numbers_with_a_slash_are_a_case_date_only_alone(text: str, date: str | None) -> None:
    from yanglao_cli.normalize import parse_case

    n = parse_case(text, 2022)
    assert (n.value[1].isoformat() if n.ok and n.value[1] else None) == date


@pytest.mark.parametrize("said", ["正在调查，尚未查实", "待核实，暂未发现", "未发现，需进一步核查"])
def test_a_risk_point_still_being_verified_is_unreadable(tmp_path: Path, runner, said: str) -> None:
    data = _classified(tmp_path, runner, [said])
    assert [f["level"] for f in data["facilities"]] == [None]
    assert [f["code"] for f in data["findings"]] == ["VALUE_INVALID"]


# ---- the third review's counterexamples ----------------------------------------------------------------------

def test_a_side_clause_denying_the_act_elsewhere_leaves_a_yes(tmp_path: Path) -> None:
    """是，6月10日立案（公安），民政未立案 read 否 (its date dropped); 公安已立案，市监未立案 likewise: the cell says 是
    or says the act done, so a clause about someone else's is no 否. A wait or a need (待立案, 无需通报) is 否."""
    assert ("DATE_IN_FUTURE", "H5") in _f3_with(tmp_path / "a", case="是，6月20日立案（公安），民政未立案")
    assert ("DATE_IN_FUTURE", "H5") in _f3_with(tmp_path / "b", case="公安已立案（6月20日），市监未立案")
    assert _f3_with(tmp_path / "c", case="已移送公安，待立案") == []
    assert ("CLUE_NOT_REPORTED", "D5") in _f3_with(tmp_path / "d", clue="已整改，无需通报")


@pytest.mark.parametrize(("text", "date"), [
    ("是，6.10移送，6.15立案", "2022-06-15"), ("是，6月10日报案，6月15日刑事立案", "2022-06-15"),
    ("是，6/10（公安）", "2022-06-10"), ("是，6/10、6/15", "2022-06-10")])
def test_more_case_dates_as_written(text: str, date: str) -> None:
    from yanglao_cli.normalize import parse_case

    assert parse_case(text, 2022).value[1].isoformat() == date


def test_a_bracket_naming_the_measures_is_read() -> None:
    from yanglao_cli.normalize import parse_numbers

    assert parse_numbers("6.12已约谈（措施3、4、6）", "measures").value.items == (3, 4, 6)


@pytest.mark.parametrize("said", ["经核实，存在", "经核查，部分存在"])
def test_a_risk_point_verified_present_is_yes(tmp_path: Path, runner, said: str) -> None:
    data = _classified(tmp_path, runner, [said])
    assert [f["level"] for f in data["facilities"]] == ["RED"]


@pytest.mark.parametrize("clue", ["是，未通报", "是，尚未通报", "是（拟通报）", "是（待通报）", "是，暂未通报公安"])
def test_a_yes_taken_back_by_all_that_follows_it_is_no(tmp_path: Path, clue: str) -> None:
    """是 followed only by the act not done yet (是，未通报; 是（拟通报）) read as 是: an 橙 facility's clue not
    reported passed (blind audit of the rules). A 是 with the act done, or another act not done, stays 是."""
    assert ("CLUE_NOT_REPORTED", "D5") in _f3_with(tmp_path / "a", clue=clue)
    assert _f3_with(tmp_path / "b", case="是，未立案") == []  # 否: no date asked for


@pytest.mark.parametrize("clue", ["是，已通报", "是，6月3日通报", "是，未通报媒体"])
def test_a_yes_with_its_act_done_or_another_not_done_stays_yes(tmp_path: Path, clue: str) -> None:
    assert _f3_with(tmp_path, clue=clue) == []


@pytest.mark.parametrize("case", ["已移送公安机关", "已移交公安", "已报案", "已移送公安（6月20日）", "公安已受理，暂未立案"])
def test_a_case_handed_over_but_not_said_filed_is_no_case(tmp_path: Path, case: str) -> None:
    """是否立案 answered 已移送公安机关 (measure 7's act) was 是 by its 已: CASE_DATE_MISSING, an error, and the
    transfer's date taken for the case's (DATE_IN_FUTURE); 公安已受理，暂未立案 was VALUE_INVALID (blind audit of
    附件3). No case is said to be filed: 否."""
    assert _f3_with(tmp_path, case=case) == []


def test_a_case_said_filed_after_the_transfer_still_asks_its_date(tmp_path: Path) -> None:
    assert _f3_with(tmp_path, case="已移送公安，已立案") == [("CASE_DATE_MISSING", "H5")]


# ---- 附件3 as townships fill it (blind audit of 附件3, 2026-12-05)

@pytest.mark.parametrize(("text", "items"), [
    # planned or not done: not taken (7 was read, hiding MEASURE_MISSING and asking for a higher 附件4 移送 figure)
    ("3、4，拟移送公安", (3, 4)), ("3、4、7（拟移送）", (3, 4)), ("3、4、下一步将移送司法机关", (3, 4)),
    ("3、4，未移送司法机关", (3, 4)), ("3、4，尚未督促清退资金", (3, 4)), ("3、4、7（暂未移送）", (3, 4)),
    ("拟移送公安", ()), ("7（拟移送公安）", ()),
    # …with the measure's verbs between (未依法移送, 尚未责令限期整改: the marker was dropped, the measure taken; review)
    ("未依法移送司法机关", ()), ("尚未责令限期整改", ()), ("未督促退费", ()), ("3、4，未依法移送司法机关", (3, 4)),
    # the place's state before a measure taken is no marker of it (整改未完成依法移送… was 4 alone; second review)
    ("7（未移送完毕）", (7,)), ("6（尚未督促完成）", (6,)), ("2（未增加）", ()), ("9（拟取缔）", ()),
    # progress said later in the bracket is no progress of the act; a marker opening a list covers all of it; a
    # marker right after another measure still opens its own (third review)
    ("7（拟移送，预计下周完成）", ()), ("下步将警示约谈、责令整改", ()), ("警示约谈未移送司法机关", (3,)),
    ("风险提示拟移送司法机关", (1,)), ("要警示约谈其主要负责人，责令整改，督促清退资金", (3, 4, 6)),
    # a plan in the first clause only; then the measures taken (fourth review: all were dropped)
    ("拟移送司法机关，警示约谈、责令整改", (3, 4)), ("无需移送，风险提示、增加抽查检查频次", (1, 2)),
    # a bracket on the place's state, not the measure's act: the measure taken (4（待整改） lost 4; review)
    ("3、4（待整改）", (3, 4)), ("8（未办理登记）", (8,)), ("6（未退费）", (6,)), ("6（尚未督促）", ()),
    ("已移交公安机关处理", (7,)), ("移送公安处理", (7,)),  # 处理 is no 10 (…移交市场监管部门依法处理)
    # …while a measure taken, with what is still under way, is taken
    ("3、4、7（已移送）", (3, 4, 7)), ("3、4、7（未立案）", (3, 4, 7)), ("3、4、6（未清退完毕）", (3, 4, 6)),
    ("已将线索移送公安机关", (7,)),
    # the notice's own sentences (二（二）三) and the wording townships use: they were VALUE_INVALID
    ("要做好风险提示，增加抽查检查频次，加大监管力度，提醒规范运营", (1, 2)), ("对涉嫌犯罪的，移送司法机关依法处理", (7,)),
    ("责令退还资金，协同社会组织登记管理机关、市场监管部门联合执法查处，该关停的予以关停", (5, 6)),
    ("责令限期整改", (4,)), ("约谈负责人，责令限期整改", (3, 4)), ("下达整改通知书", (4,)), ("已关停", (5,)),
    ("移交公安机关", (7,)), ("移交公安机关立案侦查", (7,)), ("督促清退资金、已关停", (5, 6)),
    ("警示约谈、责令整改、督促退费", (3, 4, 6)), ("已进行风险提示，每月抽查2次", (1, 2)),
    # 9 and 10 shortened to who acts, as a tick column is headed (they were VALUE_INVALID; audit of layouts)
    ("社会组织登记管理部门查处取缔", (9,)), ("移交市场监管部门处理", (10,)), ("3、移交市场监管部门依法处理", (3, 10)),
    # said not taken right after its number, in a bare bracket or by any deed (they were counted; audit of spellings)
    ("5、6、7未移送", (5, 6)), ("5、6、7(拟)", (5, 6)), ("5、6、7，未移送", (5, 6)), ("5、6、第7项暂未实施", (5, 6)),
    ("3、4（未开展）", (3,)), ("3、4没有做", (3,)), ("7（将要移送）", ()), ("8未办理登记", (8,)), ("4待整改", (4,)),
    ("7未移送完毕", (7,)), ("1、2，未发现问题", (1, 2)), ("3、4，未移送", (3, 4)),
])
def test_measures_as_written_in_words(text: str, items: tuple[int, ...]) -> None:
    from yanglao_cli.normalize import parse_numbers

    got = parse_numbers(text, "measures")
    assert got.error is None and got.value.items == items
    # asked, not guessed: 要 is the notice's imperative (要移送 taken or not?); a state, then a measure, run together
    for asked in ("要移送司法机关", "要约谈", "整改未完成依法移送司法机关", "整改未完成督促清退资金",
                  "责令整改未完成依法移送司法机关"):  # (4 alone, 7 lost: the 未 is 4's state; fourth review)
        assert parse_numbers(asked, "measures").error


@pytest.mark.parametrize("text", ["已全部退费", "资金已清退完毕", "已退还预付费15.6万元"])
def test_money_returned_is_criterion_3(text: str) -> None:
    """(and not a criterion said not met: 未完成清退, 未开立专用存款账户 — RESOLVED_NO_CRITERION stays; review)"""
    from yanglao_cli.normalize import parse_numbers

    assert parse_numbers(text, "criteria").value.items == (3,)
    for said_not in ("未完成清退", "未开立专用存款账户", "尚未纳入第三方存管", "未纳入低保"):
        assert parse_numbers(said_not, "criteria").value is None
    assert parse_numbers("已纳入第三方存管未完成资金清退", "criteria").value.items == (2,)


@pytest.mark.parametrize(("text", "value"), [("6月10日已通报", YesNo.YES), ("6.10已通报", YesNo.YES),
                                             ("2022年6月10日已通报镇政府", YesNo.YES), ("2022.6.9已纳入", YesNo.YES),
                                             ("6月10日未通报", YesNo.NO), ("基本化解", YesNo.NO)])
def test_an_answer_after_the_date_it_was_done(text: str, value: YesNo) -> None:
    for no in ("还未通报", "仍未化解", "并未涉及", "还没有"):
        assert parse_answer(no).value.value == YesNo.NO, no
    """6月10日已通报: the date, then the answer (立案 read it; 通报 and 处非 were VALUE_INVALID). 基本化解 is not all
    of it, as 部分化解."""
    assert parse_answer(text).value.value == value
    assert parse_answer("6月10日").error and parse_answer("6月1日已成立").value.detail == ""  # a date is no detail
    assert parse_answer("基本是").error and parse_answer("基本完成").error  # 基本 itself: asked (review)


def test_a_measure_planned_is_missing(tmp_path: Path) -> None:
    """拟移送公安 on a red facility with point 11: MEASURE_MISSING for 7, and no STATS_REFERRALS_BELOW."""
    got = _f3_with(tmp_path, points="11", measures="3、4，拟移送公安")
    assert ("MEASURE_MISSING", "F5") in got
    assert _f3_with(tmp_path, points="11", measures="3、4、7（已移送）").count(("MEASURE_MISSING", "F5")) == 0


@pytest.mark.parametrize("ref", ["见附件2", "同附件二", "详见附件2", "同表2", "与附件2一致"])
def test_points_given_as_see_the_list_are_the_lists(tmp_path: Path, ref: str, runner) -> None:
    """附件3 风险隐患点 "见附件2" read as point 2: POINTS_DIFFER, and point 2 carried up. The list's points, its
    words kept in 原填."""
    import openpyxl

    assert _f3_with(tmp_path, points=ref) == []
    code, data = run_json(runner, "consolidate", tmp_path / "汇龙镇.xlsx", "-o", tmp_path / "out", "--period", "2022-06")
    ws = openpyxl.load_workbook(next((tmp_path / "out").glob("*汇总.xlsx")))["附件3"]
    row = next(r for r in ws.iter_rows(min_row=5) if r[2].comment is not None and ref in r[2].comment.text)
    assert row[2].value == "6" and row[2].comment.text == f"原填：{ref}"


@pytest.mark.parametrize(("text", "level"), [
    ("红色，已移送公安", "RED"), ("黄色，6月15日", "YELLOW"), ("黄色 2022.6.15", "YELLOW"), ("2022.6.15 黄", "YELLOW"),
    ("6月10日定为橙色", "ORANGE"), ("橙色；2022年6月10日", "ORANGE"), ("黄色\n2022.6.15", "YELLOW"),
    ("黄，已降为绿", "GREEN"), ("黄，已调整为橙", "ORANGE"),
    # the same level said again, words with a colour inside, a colon, a change still to come (third review)
    ("红色，重大风险", "RED"), ("黄色，影响一般", "YELLOW"), ("黄色，绿色通道", "YELLOW"), ("红色：已移送公安", "RED"),
    ("黄，拟降为绿", "YELLOW"), ("橙色，红色风险点已整改", "ORANGE"),
    # a facility over two rows with a remark on one; the level's own bracket before a remark (fourth review)
    ("黄；橙（未整改）", "ORANGE"), ("黄；橙；红（未整改）", "RED"), ("橙（较大），已约谈", "ORANGE"),
])
def test_a_level_with_a_remark_after_a_comma_or_a_date_before_it(text: str, level: str) -> None:
    """红色，已移送公安 was VALUE_INVALID though 红色（已移送公安） was read, and the consolidated workbook put the
    points' colour for the township's (audit of 附件2); two levels side by side are still asked."""
    from yanglao_cli.normalize import parse_level

    assert parse_level(text).value.value == level
    # another level named beside it is asked (a hint left in, a change not said as made; second review)
    for two in ("红、橙", "红 橙", "红/橙/黄", "红、橙、黄", "黄，橙，红", "黄：1-5；橙：6-9；红：10-14", "黄，调为橙",
                "黄 较大", "6月10日 黄，7月1日 橙", "2022.6.15 黄 2022.7.1 橙", "黄，升橙", "黄，县局定为红",
                "橙，无证经营升为红色", "黄，橙（未整改）"):
        assert parse_level(two).error, two


@pytest.mark.parametrize(("said", "codes"), [("成立了", ["DETAIL_MISSING"]), ("还没有", []), ("yes", ["DETAIL_MISSING"]),
                                             ("是，王某某（副镇长）", [])])
def test_f1_plain_answers(tmp_path: Path, said: str, codes: list[str]) -> None:
    """成立了 and 还没有 were VALUE_INVALID (errors, the form sent back) while 已经成立 and 没有 were read; yes gave
    no DETAIL_MISSING though Y did (audit of 附件1)."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0]["group"] = said
    write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    assert [f.code.value for f in loaded.findings if f.sheet == "附件1"] == codes


def test_an_empty_path_is_a_usage_error(tmp_path: Path, runner, monkeypatch) -> None:
    """yanglao check "$f" with $f empty read the whole current folder (Path("") is "."): a usage error, exit 2."""
    from .conftest import run

    write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    monkeypatch.chdir(tmp_path)
    for command in (["check", ""], ["consolidate", "", "-o", str(tmp_path / "out")], ["status", ""]):
        res = run(runner, *command)
        assert res.exit_code == 2 and "空的文件或文件夹名" in res.output, command
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [
    ["consolidate", "in", "-o", ""],
    ["consolidate", "in", "--output="],
    ["check", "in", "--annotate", ""],
    ["check", "in", "-a", " "],
    ["consolidate", "in", "--previous", ""],
    ["check", "in", "--config", ""],
    ["template", "-o", ""],
    ["diff", "", "in/汇龙镇.xlsx"],
    ["check", "in", "-f", "json", "-a", ""],
])
def test_an_empty_output_path_is_a_usage_error(tmp_path: Path, runner, monkeypatch, command: list[str]) -> None:
    """consolidate -o "$OUT" and check -a "$DIR" with the variable unset wrote their outputs into the current folder
    (Path("") is "."); diff said "“”是文件夹". Each is a usage error (exit 2) naming the option, nothing written."""
    from .conftest import run

    write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    monkeypatch.chdir(tmp_path)
    res = run(runner, *command)
    assert res.exit_code == 2 and "空的" in res.output and "变量没有赋值" in res.output, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]
    if "json" in command:
        assert json.loads(res.stdout)["findings"] == []


def test_a_value_beside_an_empty_one_is_not_taken_for_a_path(tmp_path: Path, runner, monkeypatch) -> None:
    """An empty --unit or --period is no file name: the argument after it is still read (not refused as "")."""
    from .conftest import run

    write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    monkeypatch.chdir(tmp_path)
    res = run(runner, "consolidate", "in", "--unit", "", "-o", "out")
    assert res.exit_code in (0, 1) and (tmp_path / "out").is_dir(), res.output
    # --unit of spaces likewise: the configured unit signs (it wrote 未命名_2022-06_汇总.xlsx signed by no one, which
    # failed its own check with UNIT_UNKNOWN on every form; audit of the CLI)
    res = run(runner, "consolidate", "in", "--unit", "  ", "-o", "out2", "--period", "2022-06")
    assert res.exit_code in (0, 1) and (tmp_path / "out2" / "启东市民政局_2022-06_汇总.xlsx").exists(), res.output


@pytest.mark.parametrize(("said", "value", "detail"), [
    ("6.9通报", YesNo.YES, ""), ("6月9日通报", YesNo.YES, ""), ("2022.6.9通报", YesNo.YES, ""),
    ("6.9纳入", YesNo.YES, ""), ("6月9日向镇政府通报", YesNo.YES, ""), ("6月1日成立，组长王某", YesNo.YES, "组长王某"),
    ("6月9日未通报", YesNo.NO, ""), ("6月9日尚未通报", YesNo.NO, ""), ("6.9计划通报", YesNo.NO, ""),
])
def test_a_deed_dated_is_done(said: str, value: YesNo, detail: str) -> None:
    """6.9通报 (a date and the act, no 已) was VALUE_INVALID — the form sent back — where 6.9已通报 was 是 (audit
    of 附件3 as filled). A date before the act says it was done; a negation or a plan after the date does not."""
    got = parse_answer(said, allow_na=True).value
    assert got is not None and got.value == value and got.detail == detail
    assert parse_answer("6月9日", allow_na=True).value is None


@pytest.mark.parametrize(("said", "items"), [
    ("是，资金清退未完成", ()), ("是，退费尚未到位", ()), ("是，资金已清退", (3,)), ("是，资金清退完毕", (3,)),
    ("是，已纳入第三方存管，资金清退未完成", (2,)),
    # the 尚未 of a next step, not of the criterion said (review)
    ("是，已立案尚未判决", (7,)), ("是，已移送司法机关尚未立案", (6,)), ("是，已立案暂未判决", (7,)),
])
def test_a_criterion_said_not_met_after_its_words_is_not_met(said: str, items: tuple[int, ...]) -> None:
    """是，资金清退未完成 read criterion 3 (已完成资金清退) — the risk counted resolved on the very condition the
    township says is not met (audit of 附件3 as filled): RESOLVED_NO_CRITERION asks which criterion holds."""
    from yanglao_cli.normalize import parse_resolved

    assert parse_resolved(said).value[1].items == items


def test_a_roster_headed_with_the_bare_word_for_facility_is_no_list(tmp_path: Path, runner) -> None:
    """序号 | 机构 | 类型 | 地址 | 负责人 …: an address list of facilities in the inbox was read as a second 附件2 once 机构
    was taken for the name's header — four facilities not at risk on the 红橙黄 list (review). 机构 alone is no
    header of the forms."""
    import openpyxl

    from .conftest import run_json

    write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["汇龙镇养老服务机构名册"])
    ws.append(["序号", "机构", "类型", "地址", "负责人", "联系电话", "床位数"])
    for i, name in enumerate(("汇龙镇敬老院", "城中社区日间照料中心", "东方颐养院"), start=1):
        ws.append([i, name, "养老机构", "人民路1号", "张三", "13800000000", 50])
    wb.save(tmp_path / "in" / "汇龙镇_机构名册.xlsx")
    code, data = run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period",
                          "2022-06")
    assert not [f for f in data["findings"] if f["code"] in ("DISPOSAL_MISSING", "COLUMN_MISSING")]
    assert data["summary"]["rows_read"] == 8


def test_an_empty_value_that_is_no_path_is_said_by_its_own_command(runner) -> None:
    """explain "" and template -k "" were told of an empty file name (review): a code and a kind are no paths."""
    from .conftest import run

    res = run(runner, "explain", "")
    assert res.exit_code == 2 and "文件或文件夹" not in res.output
    res = run(runner, "template", "-k", "")
    assert res.exit_code == 2 and "文件或文件夹" not in res.output


@pytest.mark.parametrize("clue", ["有无", "已未", "有、无", "是否通报"])
def test_the_question_copied_into_the_answer_is_unreadable(tmp_path: Path, clue: str) -> None:
    """有无 and 已未 under 通报线索 read as 有, 已 — 是 — and an orange facility's missing clue went unreported
    (value audit); 是否 already was VALUE_INVALID. Each is now asked, as 是否."""
    found = _f3_with(tmp_path, clue=clue)
    assert ("VALUE_INVALID", "D5") in found
    assert _f3_with(tmp_path / "answered", clue="是") == []


def test_a_level_with_a_full_stop_is_read(tmp_path: Path) -> None:
    """橙色。 on 附件2 was VALUE_INVALID where 是。 and A。 were read (value audit)."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="6", level="橙色。", category="A")
    specs["F3"].rows[0].update(points="6", measures="3、4", clue="是", fundraising="不涉及", case="否", resolved="否")
    write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    assert [(f.code.value, f.cell) for f in loaded.findings if f.sheet == "附件2"] == []


@pytest.mark.parametrize(("cells", "expected"), [
    # another act done, this column's not said: asked (read as 是 by its 已: no CLUE_NOT_REPORTED, a case date asked)
    ({"clue": "已约谈负责人"}, [("VALUE_INVALID", "D5")]), ({"clue": "已整改"}, [("VALUE_INVALID", "D5")]),
    ({"case": "已备案"}, [("VALUE_INVALID", "H5")]), ({"case": "已约谈"}, [("VALUE_INVALID", "H5")]),
    # the police took the report, no case filed: 否 (it was CASE_DATE_MISSING, or VALUE_INVALID)
    ({"case": "已报公安"}, []), ({"case": "已受理"}, []), ({"case": "公安已受理"}, []), ({"case": "派出所已受案"}, []),
    # the column's act said in other words, or without 已: as 已通报 / 已立案 (they were VALUE_INVALID)
    ({"clue": "线索已通报"}, []), ({"clue": "通报了"}, []), ({"clue": "电话通报"}, []), ({"clue": "已上报镇综治办"}, []),
    ({"case": "刑事立案"}, [("CASE_DATE_MISSING", "H5")]), ({"case": "立案侦查中"}, [("CASE_DATE_MISSING", "H5")]),
    # 化解 said under way or unmet is 否; said done in words, with its criterion in a bracket
    ({"resolved": "整改中"}, []), ({"resolved": "化解未完成"}, []), ({"resolved": "不符合化解情形"}, []),
    ({"resolved": "化解完毕（已清退）"}, []), ({"resolved": "风险已化解"}, [("RESOLVED_NO_CRITERION", "I5")]),
    ({"resolved": "是，已移送公安机关"}, []),
    # what was done first, then the answer itself: the answer stands (they were asked; differential run)
    ({"clue": "已约谈，是"}, []), ({"case": "已约谈，否"}, []), ({"resolved": "已核实，否"}, []),
    ({"clue": "已通报，是否立案待定"}, []),
    # asked for, possible or conditional: no 是 (they silenced CLUE_NOT_REPORTED; review)
    ({"clue": "建议通报"}, [("VALUE_INVALID", "D5")]), ({"clue": "如发现问题及时通报"}, [("VALUE_INVALID", "D5")]),
    ({"case": "不够立案标准"}, [("VALUE_INVALID", "H5")]), ({"resolved": "化解难度大"}, [("VALUE_INVALID", "I5")]),
    # another act that says this column's (已函告派出所, 已判决（日期）): read as before
    ({"clue": "已函告派出所"}, []), ({"case": "已判决（2022年6月8日）"}, []),
    # (the controls)
    ({"clue": "已通报"}, []), ({"case": "已立案"}, [("CASE_DATE_MISSING", "H5")]), ({"clue": "正在通报"}, [("CLUE_NOT_REPORTED", "D5")]),
])
def test_answers_written_in_a_clerks_words(tmp_path: Path, cells: dict[str, str], expected: list) -> None:
    """附件3's answers as clerks write them (blind audit of prose, fourth round)."""
    assert _f3_with(tmp_path, **cells) == expected


@pytest.mark.parametrize("said", ["不属非法集资", "非集资类", "经研判不属于", "系诈骗，不涉及集资", "未涉及",
                                  "非法集资已纳入处非机制", "非法集资，已纳入",
                                  # (already…, then not applicable: asked by the 已 rule; differential run)
                                  "已排除，不涉及", "已研判，不涉及", "已核实不属于非法集资", "已排除非法集资嫌疑"])
def test_fundraising_answered_in_words_is_read(tmp_path: Path, said: str) -> None:
    """A red facility with point 11: 不属非法集资 and the like are 不涉及, 非法集资已纳入处非机制 is 是 — they were
    VALUE_INVALID, and 未涉及 FUNDRAISING_NOT_ESCALATED (blind audit of prose)."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="11", level="红", category="A")
    specs["F3"].rows[0].update(points="11", measures="7", clue="是", fundraising=said, case="否", resolved="否")
    write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([tmp_path], default_config(), "2022-06")
    assert [f.code.value for f in loaded.findings if f.sheet == "附件3" and f.row == 5] == []


@pytest.mark.parametrize("said", ["未知", "未确定", "未明", "尚未确定", "未核实"])
def test_an_answer_saying_it_is_not_known_is_asked(tmp_path: Path, said: str) -> None:
    """未知 / 未确定 under 附件1's questions and 附件3's yes/no columns read as 否 (未…) without a word — a yellow
    facility's 立案 said not filed, a town's 领导小组 said not set up (mutation audit). Asked, as 不详 and 不清楚 are;
    未通报 and 未定 are still 否."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0]["task_force"] = said
    specs["F3"].rows[0]["case"] = said
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    assert sorted((f.code.value, f.sheet, f.cell) for f in loaded.findings) == [
        ("VALUE_INVALID", "附件1", "G5"), ("VALUE_INVALID", "附件3", "H5")]
    assert parse_answer("未定").value.value == YesNo.NO and parse_answer("未通报").value.value == YesNo.NO


def test_shangwu_is_no() -> None:
    assert parse_answer("尚无").value.value == YesNo.NO


@pytest.mark.parametrize(("criterion", "said"), [("12", ("VALUE_INVALID", "K4")), ("I3", ("VALUE_INVALID", "K4")),
                                                 (None, ("RESOLVED_NO_CRITERION", "K4")), ("3", None)])
def test_a_criterion_in_a_column_of_its_own_is_said_at_its_cell(tmp_path: Path, criterion: str | None,
                                                                said: tuple[str, str] | None) -> None:
    """存量风险是否已有效化解 | 化解情形 in two columns, 是 | 12: VALUE_INVALID was said at the 是 (J4), the cell right,
    while RESOLVED_NO_CRITERION was at K4 (blind audit of typing habits). Said where the 化解情形 is written."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件3"
    ws.append(["养老服务诈骗风险隐患分类处置工作进度表"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append(["序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
               "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展", "是否立案", "立案时间",
               "存量风险是否已有效化解", "化解情形"])
    ws.append([1, "康乐养老院", "4", "否", "不涉及", "1、2", "已风险提示", "否", None, "是", criterion])
    ws.append(["填报人：张三", None, None, None, None, None, None, None, "填报日期：2022年6月18日"])
    p = tmp_path / "汇龙镇_附件3.xlsx"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [(f.code.value, f.cell) for f in loaded.findings] == ([said] if said else [])
