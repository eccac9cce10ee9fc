"""One facility written two ways, and two facilities written alike (found by an audit of name matching against
what clerks write): duplicates within a list, 附件2 ↔ 附件3, across units, one level up and the next month.
Each case asserts the exact findings (code and cell)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yanglao_cli.config import default_config
from yanglao_cli.pipeline import load
from yanglao_cli.service import run_consolidate

from .conftest import about, run_json, specs_for, write

_NAME_CODES = ("DUPLICATE_FACILITY", "DUPLICATE_ACROSS_UNITS", "DISPOSAL_MISSING", "DISPOSAL_UNLISTED",
               "POINTS_DIFFER")


def _names(loaded) -> list[tuple[str, str]]:
    """(code, sheet!cell) of the name-pairing findings; of one found again in a consolidated workbook (REPORTED_BELOW,
    reported when it was consolidated), the code it is about."""
    return sorted(p for p in ((about(f), f"{f.sheet}!{f.cell}") for f in loaded.findings) if p[0] in _NAME_CODES)


def _two_rows(unit: str = "汇龙镇") -> dict:
    """附件2 and 附件3 listing the same two facilities (a yellow and an orange one), correct."""
    specs = specs_for(unit, n=2)
    f2, f3 = specs["F2"].rows, specs["F3"].rows
    f2[0].update(points="2", level="黄", category="A")
    f3[0].update(points="2", measures="1、2", clue="否", fundraising="不涉及", resolved="否", case="否")
    f2[1].update(points="6", level="橙", category="A")
    f3[1].update(points="6", measures="3、4", clue="是", fundraising="不涉及", resolved="否", case="否")
    return specs


def _check(tmp_path: Path, specs: dict, unit: str = "汇龙镇") -> list[tuple[str, str]]:
    p = write(tmp_path / f"{unit}.xlsx", unit, specs)
    loaded, _ = load([p], default_config(), "2022-06")
    return _names(loaded)


@pytest.mark.parametrize(("first", "second"), [
    ("康乐养老院", "汇龙镇康乐养老院"),  # the township before it on one row
    ("1、康乐养老院", "2、康乐养老院"),  # the list's numbering typed into the name
    ("康乐养老院", "康乐养老院（已整改）"),  # how it stands, in brackets
    ("康乐养老服务有限公司", "康乐养老服务有限责任公司"),
    ("康乐养老院", "康乐养老院（已整改到位）"),  # a status in other words (a second review)
    ("康乐养老院", "康乐养老院（6月新增）"),
    # the town's 敬老院 with its name or short name before it (paired so, never said twice; audit of names)
    ("汇龙镇敬老院", "汇龙敬老院"), ("汇龙镇敬老院", "敬老院"), ("汇龙镇养老院", "养老院"),
])
def test_one_facility_listed_twice_written_two_ways_is_a_duplicate(tmp_path: Path, first: str, second: str) -> None:
    """附件2 lists one facility twice, once with its town, a remark or its numbering: DUPLICATE_FACILITY at the
    second row — not silence, nor DISPOSAL_MISSING telling the clerk to add a 附件3 row for it."""
    specs = _two_rows()
    f2, f3 = specs["F2"].rows, specs["F3"].rows
    f2[0]["name"], f2[1]["name"] = first, second
    f2[1].update(points="2", level="黄")
    f3[0]["name"] = first.removeprefix("1、")
    f3[1]["name"] = "汇龙颐和护理院"
    f2.append(dict(f2[1], seq=3, name="汇龙颐和护理院", points="6", level="橙"))
    assert _check(tmp_path, specs) == [("DUPLICATE_FACILITY", "附件2!B6")]


@pytest.mark.parametrize(("first", "second"), [
    ("康乐养老院（东院）", "康乐养老院（西院）"),  # two branches
    ("康乐养老院（人民路18号）", "康乐养老院（解放路5号）"),  # two sites
    ("汇龙镇敬老院", "汇龙镇中心敬老院"),
    ("1 号楼托老所", "2 号楼托老所"),  # buildings 1 and 2, not the list's numbering
    # a status beside what tells them apart (a review of the first version: DUPLICATE_FACILITY, an error, on both)
    ("康乐护理院（人民路18号，新增）", "康乐护理院（解放路5号，新增）"),
    ("康乐养老院（东院，已整改）", "康乐养老院（西院，已整改）"),
    ("幸福家庭托老所（法人：张三）", "幸福家庭托老所（法人：李四）"),  # two namesakes told apart by who runs them
    # the city's short name may be part of a name within one list (it pairs 附件2 with 附件3 only; second review)
    ("启东康复医院", "康复医院"), ("启东颐和养老院", "汇龙颐和养老院"),
])
def test_two_facilities_written_alike_are_no_duplicate(tmp_path: Path, first: str, second: str) -> None:
    specs = _two_rows()
    specs["F2"].rows[0]["name"] = specs["F3"].rows[0]["name"] = first
    specs["F2"].rows[1]["name"] = specs["F3"].rows[1]["name"] = second
    assert _check(tmp_path, specs) == []


@pytest.mark.parametrize(("listed", "disposed"), [
    ("汇龙镇敬老院", "中心敬老院"),
    ("康乐养老院（东院）", "康乐养老院（西院）"),
    ("康乐养老院（一部）", "康乐养老院（二部）"),
    ("康乐养老院（城东分院）", "康乐养老院（城西分院）"),
    ("康乐养老院（东院）", "康乐养老院（西院，已整改）"),  # the branch beside a status
    ("康乐养老院（东 院）", "康乐养老院（西 院）"),
    # what else tells two apart: buildings, numbers, sites, who runs them, phases (paired before, the missing disposal
    # hidden; blind audit of names)
    ("康乐养老院（1号楼）", "康乐养老院（2号楼）"), ("康乐养老院（一）", "康乐养老院（二）"),
    ("康乐养老院(1)", "康乐养老院(2)"), ("康乐养老院（城东）", "康乐养老院（城西）"),
    ("康乐养老院（人民路18号）", "康乐养老院（长江路5号）"), ("康乐养老院（法人：王某）", "康乐养老院（法人：李某）"),
    ("康乐养老院（一期）", "康乐养老院（二期）"),
])
def test_another_branch_on_f3_is_not_paired(tmp_path: Path, listed: str, disposed: str) -> None:
    """附件2 lists the east branch, 附件3 the west one: two facilities, one without a disposal and one not listed
    (they were paired because each was the only one left without its other)."""
    specs = _two_rows()
    specs["F2"].rows[0]["name"] = listed
    specs["F3"].rows[0]["name"] = disposed
    assert _check(tmp_path, specs) == [("DISPOSAL_MISSING", "附件2!B5"), ("DISPOSAL_UNLISTED", "附件3!B5")]


@pytest.mark.parametrize(("unit", "listed", "disposed"), [
    ("吕四港镇", "康乐养老院", "吕四康乐养老院"),  # an alias of the configuration before it
    ("汇龙镇", "启东市康乐养老服务有限公司", "启东市康乐养老服务有限责任公司"),
    ("汇龙镇", "康乐养老服务有限公司", "康乐养老服务"),
    ("汇龙镇", "启东福寿养老服务有限公司", "启东福寿养老服务公司"),  # 有限 left off on one form (audit of the codes)
    ("汇龙镇", "康乐养老院", "①康乐养老院"),
    ("汇龙镇", "康乐养老院", "1 康乐养老院"),
    ("汇龙镇", "康乐养老院", "南通市启东市汇龙镇康乐养老院"),
    ("汇龙镇", "汇龙镇敬老院", "敬老院"),  # the town's own home, its name left off on one form
    ("汇龙镇", "康乐养老院（东区）", "康乐养老院（东区，2楼）"),  # the same branch, more said beside it
    ("汇龙镇", "康乐养老院（西院）", "康乐养老院（西院、一部）"),
    ("汇龙镇", "康健保健品店（人民路店）", "康健保健品店（人民路店，已关店）"),  # 已关店 is no branch
    # the city's short name before it, as 启东市 (DISPOSAL_MISSING and DISPOSAL_UNLISTED, exit 1; audit of 附件2)
    ("汇龙镇", "启东康乐老年公寓", "康乐老年公寓"), ("汇龙镇", "启东汇龙镇康乐老年公寓", "康乐老年公寓"),
    # a 街道's short name, as a 镇's (DISPOSAL_MISSING and DISPOSAL_UNLISTED, exit 1; audit of a county)
    ("掘港街道", "掘港颐和园养老公寓", "掘港街道颐和园养老公寓"), ("苴镇街道", "苴镇敬老院", "敬老院"),
])
def test_one_facility_written_otherwise_on_f3_is_paired(tmp_path: Path, unit: str, listed: str, disposed: str) -> None:
    specs = _two_rows(unit)
    specs["F2"].rows[0]["name"] = listed
    specs["F3"].rows[0]["name"] = disposed
    assert _check(tmp_path, specs, unit) == []


def test_numbered_twice_on_f2_and_once_on_f3_is_one_duplicate(tmp_path: Path) -> None:
    specs = _two_rows()
    f2, f3 = specs["F2"].rows, specs["F3"].rows
    f2[0]["name"], f3[0]["name"] = "1、康乐养老院", "康乐养老院"
    f2.insert(1, dict(f2[0], seq=2, name="2、康乐养老院"))
    assert _check(tmp_path, specs) == [("DUPLICATE_FACILITY", "附件2!B6")]


@pytest.mark.parametrize(("there", "here", "warned"), [
    ("康乐养老院", "汇龙镇康乐养老院", True),  # 南阳镇 lists a facility it says is 汇龙镇's
    ("启东市康乐养老服务有限公司", "康乐养老服务有限公司", True),
    ("中心敬老院", "南阳镇中心敬老院", False),  # each town's own 中心敬老院
    ("康乐养老院", "南阳镇康乐养老院", False),
    # how it stands on the list beside it (no warning; audit of names)
    ("南阳镇康乐养老院（新增）", "康乐养老院", True), ("康乐养老院（已整改）", "康乐养老院", True),
])
def test_the_same_facility_reported_by_two_units_written_otherwise(tmp_path: Path, there: str, here: str,
                                                                   warned: bool) -> None:
    a_specs, b_specs = _two_rows("汇龙镇"), _two_rows("南阳镇")
    a_specs["F2"].rows[0]["name"] = a_specs["F3"].rows[0]["name"] = there
    b_specs["F2"].rows[0]["name"] = b_specs["F3"].rows[0]["name"] = here
    a = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", a_specs)
    b = write(tmp_path / "南阳镇.xlsx", "南阳镇", b_specs)
    loaded, _ = load([a, b], default_config(), "2022-06")
    across = [(f.unit, f.sheet, f.cell) for f in loaded.findings if f.code.value == "DUPLICATE_ACROSS_UNITS"]
    assert across == ([("南阳镇", "附件2", "B5")] if warned else [])


def test_a_consolidated_workbook_keeps_a_townships_disposal_missing(tmp_path: Path) -> None:
    """附件3 holds another facility than 附件2 (康乐敬老院 for 康乐养老院): DISPOSAL_MISSING (an error) at the township,
    and again when the consolidated workbook is checked one level up — its 汇总 says the town sent 附件3, though
    no 附件3 row there can be told to be the town's."""
    specs = _two_rows()
    specs["F2"].rows[0]["name"] = "康乐养老院"
    specs["F3"].rows[0]["name"] = "康乐敬老院"
    del specs["F2"].rows[1], specs["F3"].rows[1]  # no 附件3 row of the town's that 附件2 lists
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    assert _names(loaded) == [("DISPOSAL_MISSING", "附件2!B5"), ("DISPOSAL_UNLISTED", "附件3!B5")]
    run_consolidate([p], tmp_path / "out", default_config(), "2022-06", workers=1)
    up, _ = load([next((tmp_path / "out").glob("*_汇总.xlsx"))], default_config(), "2022-06")
    assert {c for c, _ in _names(up)} == {"DISPOSAL_MISSING", "DISPOSAL_UNLISTED"}


def _month(folder: Path, month: str, f2_name: str, f3_name: str, resolved: str = "否",
           measures: str = "1、2") -> Path:
    """汇龙镇's month consolidated in `folder`: its first facility named so on 附件2 and on 附件3."""
    specs = _two_rows()
    for spec in specs.values():
        spec.footer_date = f"2022-{month}-15"
    specs["F2"].rows[0]["name"] = f2_name
    specs["F3"].rows[0].update(name=f3_name, resolved=resolved, measures=measures)
    p = write(folder / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    run_consolidate([p], folder / "out", default_config(), f"2022-{month}", workers=1)
    return next((folder / "out").glob("*_汇总.xlsx"))


def test_next_month_a_facility_named_with_its_town_on_f3_keeps_its_resolution_and_measures(tmp_path: Path,
                                                                                          runner) -> None:
    """附件2 康乐养老院, 附件3 汇龙镇康乐养老院: resolved in May and gone in June was FACILITY_DROPPED; measures added
    in June were not seen (the consolidated 附件3 row, named as the township wrote it, was paired with nothing)."""
    may = _month(tmp_path / "may", "05", "康乐养老院", "汇龙镇康乐养老院", resolved="是，3")
    specs = _two_rows()
    specs["F2"].rows.pop(0)
    specs["F3"].rows.pop(0)
    for spec in specs.values():
        spec.footer_date = "2022-06-15"
    p = write(tmp_path / "06" / "汇龙镇.xlsx", "汇龙镇", specs)
    run_consolidate([p], tmp_path / "out06", default_config(), "2022-06", workers=1)
    june = next((tmp_path / "out06").glob("*_汇总.xlsx"))
    _, data = run_json(runner, "diff", str(may), str(june))
    assert [(c["facility"], c["kind"]) for c in data["changes"]] == [("康乐养老院", "removed")]
    assert not [f for f in data["findings"] if f["code"] == "FACILITY_DROPPED"]
    june = _month(tmp_path / "june", "06", "康乐养老院", "汇龙镇康乐养老院")
    july = _month(tmp_path / "july", "07", "康乐养老院", "汇龙镇康乐养老院", measures="1、2、3")
    _, data = run_json(runner, "diff", str(june), str(july))
    assert [(c["facility"], c["kind"]) for c in data["changes"]] == [("康乐养老院", "measures_added")]


def test_next_month_another_branch_is_not_the_same_facility(tmp_path: Path, runner) -> None:
    may = _month(tmp_path / "may", "05", "康乐养老院（东院）", "康乐养老院（东院）")
    june = _month(tmp_path / "june", "06", "康乐养老院（西院）", "康乐养老院（西院）")
    _, data = run_json(runner, "diff", str(may), str(june))
    assert sorted((c["facility"], c["kind"]) for c in data["changes"]) == [
        ("康乐养老院（东院）", "removed"), ("康乐养老院（西院）", "added")]
    assert [f["facility"] for f in data["findings"] if f["code"] == "FACILITY_DROPPED"] == ["康乐养老院（东院）"]


def _branches_month(folder: Path, month: str, f2: list[str], f3: list[tuple[str, str]]) -> Path:
    """汇龙镇's month consolidated in `folder`: 附件2 lists `f2` (黄, point 2), 附件3 has (name, 存量风险已化解) rows."""
    specs = specs_for("汇龙镇", n=max(len(f2), len(f3)))
    for spec in specs.values():
        spec.footer_date = f"2022-{month}-15"
    specs["F2"].rows = [dict(specs["F2"].rows[0], name=n, points="2", level="黄", category="A") for n in f2]
    specs["F3"].rows = [dict(specs["F3"].rows[0], name=n, points="2", measures="1、2", clue="否", fundraising="不涉及",
                             resolved=r, case="否") for n, r in f3]
    p = write(folder / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    run_consolidate([p], folder / "out", default_config(), f"2022-{month}", workers=1)
    return next((folder / "out").glob("*_汇总.xlsx"))


def test_a_branch_dropped_unresolved_is_not_resolved_by_its_namesakes_row(tmp_path: Path, runner) -> None:
    """May lists 颐和日间照料中心 and its （一部）, 康乐养老院 and its （东院）. June resolves 颐和日间照料中心 (是，1) and
    康乐养老院（东院） (是，4), drops 康乐养老院 from both forms and 颐和日间照料中心（一部） from 附件2 with 附件3 saying 是
    alone (no criterion: not resolved). diff said both dropped facilities resolved, with no FACILITY_DROPPED, and
    --previous said nothing either: the resolved rows, alike without their remarks, were taken for theirs (audit)."""
    may = _branches_month(tmp_path / "may", "05", ["颐和日间照料中心", "颐和日间照料中心（一部）", "康乐养老院",
                                                   "康乐养老院（东院）"],
                          [("颐和日间照料中心", "否"), ("颐和日间照料中心（一部）", "否"), ("康乐养老院", "否"),
                           ("康乐养老院（东院）", "否")])
    june = _branches_month(tmp_path / "june", "06", ["颐和日间照料中心", "康乐养老院（东院）"],
                           [("颐和日间照料中心", "是，1"), ("康乐养老院（东院）", "是，4"), ("颐和日间照料中心（一部）", "是")])
    _, data = run_json(runner, "diff", str(may), str(june))
    assert sorted((c["facility"], c["kind"]) for c in data["changes"]) == [
        ("康乐养老院", "removed"), ("康乐养老院（东院）", "resolved"), ("颐和日间照料中心", "resolved"),
        ("颐和日间照料中心（一部）", "removed")]
    dropped = sorted(f["facility"] for f in data["findings"] if f["code"] == "FACILITY_DROPPED")
    assert dropped == ["康乐养老院", "颐和日间照料中心（一部）"]
    specs_in = next((tmp_path / "june" / "in").glob("*.xlsx"))
    _, data = run_json(runner, "consolidate", str(specs_in), "-o", str(tmp_path / "again"), "--period", "2022-06",
                       "--previous", str(may))
    assert sorted(f["facility"] for f in data["findings"] if f["code"] == "FACILITY_DROPPED") == dropped


def test_a_removed_facility_with_a_status_remark_on_f3_is_still_resolved(tmp_path: Path, runner) -> None:
    """The near case: 康乐养老院 off the list, its 附件3 row 康乐养老院（已清退） 是，3 — its own resolution."""
    may = _branches_month(tmp_path / "may", "05", ["康乐养老院", "福寿院"], [("康乐养老院", "否"), ("福寿院", "否")])
    june = _branches_month(tmp_path / "june", "06", ["福寿院"], [("福寿院", "否"), ("康乐养老院（已清退）", "是，3")])
    _, data = run_json(runner, "diff", str(may), str(june))
    assert ("康乐养老院", "resolved") in [(c["facility"], c["kind"]) for c in data["changes"]]
    assert not [f for f in data["findings"] if f["code"] == "FACILITY_DROPPED"]


@pytest.mark.parametrize(("may", "june_f3"), [
    (["康乐养老院（一部）"], "康乐养老院（1部）"),  # one branch written in words and in digits
    (["康乐养老院（东院）"], "康乐养老院（东院已清退）"),  # its status beside the branch, in one remark
    (["康乐养老院（人民路18号）"], "康乐养老院（2022年6月已清退）"),
    (["康乐养老院（法人：王某）"], "康乐养老院（资金已全部清退）"),
    (["康乐养老院", "康乐养老院（新增）"], "康乐养老院"),  # listed twice last month, both gone
    (["康乐养老院（人民路18号）"], "康乐养老院（现已清退）"),  # a status remark no branch
    (["康乐养老院（法人：王某）"], "康乐养老院（风险已化解）"),
    (["康乐养老院（东院）"], "康乐养老院（东院6月底已清退）"),
    (["康乐养老院（法人：王某）"], "康乐养老院（2022.6.15已清退）"),
    (["康乐养老院（本月新增）"], "康乐养老院（法人：王某）"),
    (["康乐养老院（第一部）"], "康乐养老院（1部）"),
])
def test_a_facility_off_the_list_resolved_under_a_remark_is_resolved(tmp_path: Path, runner, may: list[str],
                                                                     june_f3: str) -> None:
    """The near cases of the branches (review): the 附件3 row resolving the facility that left the list is its own —
    resolved, no FACILITY_DROPPED, in diff and --previous."""
    before = _branches_month(tmp_path / "may", "05", [*may, "福寿院"], [(n, "否") for n in [*may, "福寿院"]])
    after = _branches_month(tmp_path / "june", "06", ["福寿院"], [("福寿院", "否"), (june_f3, "是，3")])
    _, data = run_json(runner, "diff", str(before), str(after))
    assert sorted(c["facility"] for c in data["changes"] if c["kind"] == "resolved") == sorted(may)
    assert not [f for f in data["findings"] if f["code"] == "FACILITY_DROPPED"]
    _, data = run_json(runner, "consolidate", str(next((tmp_path / "june" / "in").glob("*.xlsx"))), "-o",
                       str(tmp_path / "again"), "--period", "2022-06", "--previous", str(before))
    assert not [f for f in data["findings"] if f["code"] == "FACILITY_DROPPED"]


@pytest.mark.parametrize(("resolved_row", "dropped"), [("康乐养老院", "康乐养老院（东院）"),
                                                     ("康乐养老院（东院）", "康乐养老院")])
def test_of_a_facility_and_its_branch_both_gone_the_one_not_resolved_is_dropped(tmp_path: Path, runner,
                                                                                 resolved_row: str,
                                                                                 dropped: str) -> None:
    """May lists 康乐养老院 and its （东院）; in June both are off the list, 附件3 resolving one of them: the other was
    said resolved too, in diff and --previous (review)."""
    before = _branches_month(tmp_path / "may", "05", ["康乐养老院", "康乐养老院（东院）", "福寿院"],
                             [("康乐养老院", "否"), ("康乐养老院（东院）", "否"), ("福寿院", "否")])
    after = _branches_month(tmp_path / "june", "06", ["福寿院"], [("福寿院", "否"), (resolved_row, "是，3")])
    _, data = run_json(runner, "diff", str(before), str(after))
    assert [f["facility"] for f in data["findings"] if f["code"] == "FACILITY_DROPPED"] == [dropped]
    _, data = run_json(runner, "consolidate", str(next((tmp_path / "june" / "in").glob("*.xlsx"))), "-o",
                       str(tmp_path / "again"), "--period", "2022-06", "--previous", str(before))
    assert [f["facility"] for f in data["findings"] if f["code"] == "FACILITY_DROPPED"] == [dropped]


@pytest.mark.parametrize("written", ["汇龙镇康乐养老院", "康乐养老院（已整改）"])
def test_a_listed_facilitys_own_row_written_otherwise_does_not_resolve_its_branch(tmp_path: Path, runner,
                                                                                  written: str) -> None:
    """康乐养老院 still listed, its own 附件3 row written 汇龙镇康乐养老院 (or with 已整改) and resolved; its （东院） left the
    list unresolved: --previous, reading the township's file as written, said nothing where diff said
    FACILITY_DROPPED (review)."""
    before = _branches_month(tmp_path / "may", "05", ["康乐养老院", "康乐养老院（东院）"],
                             [("康乐养老院", "否"), ("康乐养老院（东院）", "否")])
    after = _branches_month(tmp_path / "june", "06", ["康乐养老院"], [(written, "是，3")])
    for args in (["diff", str(before), str(after)],
                 ["consolidate", str(next((tmp_path / "june" / "in").glob("*.xlsx"))), "-o", str(tmp_path / "again"),
                  "--period", "2022-06", "--previous", str(before)]):
        _, data = run_json(runner, *args)
        assert [f["facility"] for f in data["findings"] if f["code"] == "FACILITY_DROPPED"] == ["康乐养老院（东院）"]


def test_a_namesake_still_listed_by_another_township_does_not_take_the_resolution(tmp_path: Path, runner) -> None:
    """汇龙镇's 康乐养老院（新增） off the list, its 附件3 row 康乐养老院 是，3; 南阳镇's own 康乐养老院 still listed: diff
    said 汇龙镇's FACILITY_DROPPED, the resolved row (naming no township on the consolidated 附件3) taken for the
    namesake's, which has its own row (review)."""
    def month(folder: Path, mm: str, gone: bool) -> Path:
        files = []
        for unit in ("汇龙镇", "南阳镇"):
            specs = specs_for(unit, n=2)
            for spec in specs.values():
                spec.footer_date = f"2022-{mm}-15"
            name = "康乐养老院（新增）" if unit == "汇龙镇" else "康乐养老院"
            specs["F2"].rows = [dict(specs["F2"].rows[0], name=name, points="2", level="黄", category="A")]
            specs["F3"].rows = [dict(specs["F3"].rows[0], name=name, points="2", measures="1、2", clue="否",
                                     fundraising="不涉及", resolved="否", case="否")]
            if gone and unit == "汇龙镇":
                specs["F2"].rows = []
                specs["F3"].rows[0].update(name="康乐养老院", resolved="是，3")
            files.append(write(folder / "in" / f"{unit}.xlsx", unit, specs))
        run_consolidate(files, folder / "out", default_config(), f"2022-{mm}", workers=1)
        return next((folder / "out").glob("*_汇总.xlsx"))
    before, after = month(tmp_path / "may", "05", False), month(tmp_path / "june", "06", True)
    _, data = run_json(runner, "diff", str(before), str(after))
    assert ("汇龙镇", "康乐养老院（新增）", "resolved") in [(c["unit"], c["facility"], c["kind"]) for c in data["changes"]]
    assert not [f for f in data["findings"] if f["code"] == "FACILITY_DROPPED"]


def test_a_short_form_that_begins_another_towns_name_is_no_township(tmp_path: Path) -> None:
    """南阳镇's 合作社区老年关爱之家 is not 合作镇's 社区老年关爱之家 (合作 is 合作镇's short form and an ordinary word):
    a township's name before a facility's counts across units in full or as a configured alias only."""
    a_specs, b_specs = _two_rows("合作镇"), _two_rows("南阳镇")
    a_specs["F2"].rows[0]["name"] = a_specs["F3"].rows[0]["name"] = "社区老年关爱之家"
    b_specs["F2"].rows[0]["name"] = b_specs["F3"].rows[0]["name"] = "合作社区老年关爱之家"
    a = write(tmp_path / "合作镇.xlsx", "合作镇", a_specs)
    b = write(tmp_path / "南阳镇.xlsx", "南阳镇", b_specs)
    loaded, _ = load([a, b], default_config(), "2022-06")
    assert not [f for f in loaded.findings if f.code.value == "DUPLICATE_ACROSS_UNITS"]


@pytest.mark.parametrize(("first", "second", "disposed"), [
    ("1、康乐养老院", "2、康乐养老院", "康乐养老院"), ("汇龙镇康乐养老院", "康乐养老院", "康乐养老院"),
    ("1、康乐养老院", "2、康乐养老院", "2、康乐养老院"), ("康乐养老院", "康乐养老院（已整改）", "康乐养老院（已整改）"),
])
def test_a_duplicate_written_two_ways_is_said_again_on_the_consolidated_workbook(tmp_path: Path, first: str,
                                                                                 second: str, disposed: str) -> None:
    """Checked one level up, the township's DUPLICATE_FACILITY became a DISPOSAL_MISSING it was never told of (names
    on a consolidated workbook were compared as written), and where 附件3 used the second spelling a DISPOSAL_UNLISTED
    too: variants are told township by township there, under the spelling 附件3 uses."""
    specs = _two_rows()
    f2, f3 = specs["F2"].rows, specs["F3"].rows
    f2[0]["name"], f3[0]["name"] = first, disposed
    f2.insert(1, dict(f2[0], seq=2, name=second))
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    assert _names(loaded) == [("DUPLICATE_FACILITY", "附件2!B6")]
    run_consolidate([p], tmp_path / "out", default_config(), "2022-06", workers=1)
    up, _ = load([next((tmp_path / "out").glob("*_汇总.xlsx"))], default_config(), "2022-06")
    assert [c for c, _ in _names(up)] == ["DUPLICATE_FACILITY"]
    assert [f.code.value for f in up.findings if f.severity.value == "error"] == []  # (REPORTED_BELOW)


def test_one_shared_name_does_not_tell_whose_a_list_is(tmp_path: Path) -> None:
    """附件3.xlsx under 填报单位 民政办 with one facility, 幸福养老院, a name 汇龙镇 lists too: it was given to 汇龙镇 (a
    false DUPLICATE_FACILITY there); two names at least must match before a list is taken for a town's."""
    hl = _two_rows("汇龙镇")
    hl["F2"].rows[0]["name"] = hl["F3"].rows[0]["name"] = "幸福养老院"
    ny = _two_rows("南阳镇")
    for spec in ny.values():
        spec.unit_line = "民政办"
    ny["F3"].rows[0]["name"] = "幸福养老院"
    del ny["F3"].rows[1]
    files = [write(tmp_path / "汇龙镇.xlsx", "汇龙镇", hl), write(tmp_path / "附件3.xlsx", "南阳镇", [ny["F3"]])]
    loaded, _ = load(files, default_config(), "2022-06")
    assert [f.file.endswith("附件3.xlsx") for f in loaded.findings if f.code.value == "UNIT_UNKNOWN"] == [True]
    assert not [f for f in loaded.findings if f.code.value == "DUPLICATE_FACILITY"]


def test_two_cities_towns_of_one_name_keep_their_own_facilities_one_level_up(tmp_path: Path) -> None:
    """启东市's 汇龙镇 lists 汇龙镇康乐养老院 without a disposal; 海门区's 汇龙镇 lists 康乐养老院 with one. Re-checked one level
    above 南通, 海门's was DISPOSAL_MISSING too: the two 汇龙镇 were one township for the variants."""
    from yanglao_cli.config import parse_config

    def city(folder: str, cfg, names: list[str], disposed: list[str]) -> Path:
        specs = _two_rows("汇龙镇")
        for i, name in enumerate(names):
            specs["F2"].rows[i]["name"] = name
        specs["F3"].rows = specs["F3"].rows[:len(disposed)]
        for i, name in enumerate(disposed):
            specs["F3"].rows[i]["name"] = name
        p = write(tmp_path / folder / "汇龙镇.xlsx", "汇龙镇", specs)
        run_consolidate([p], tmp_path / f"out_{folder}", cfg, "2022-06", workers=1)
        return next((tmp_path / f"out_{folder}").glob("*_汇总.xlsx"))

    deadlines = '[deadlines]\nmonthly_day = 20\nweekly = "Wed 17:00"\n'
    haimen = parse_config(f'reporting_unit = "海门区民政局"\nunits = ["汇龙镇"]\n{deadlines}', "haimen.toml")
    nantong = parse_config(f'reporting_unit = "南通市民政局"\nunits = ["启东市", "海门区"]\n{deadlines}', "nantong.toml")
    jiangsu = parse_config(f'reporting_unit = "江苏省民政厅"\nunits = ["南通市"]\n{deadlines}', "js.toml")
    import shutil

    nt = tmp_path / "nt"
    nt.mkdir()
    shutil.copy(city("qd", default_config(), ["幸福养老院", "汇龙镇康乐养老院"], ["幸福养老院"]),
                nt / "启东市_6月汇总.xlsx")
    shutil.copy(city("hm", haimen, ["幸福养老院", "康乐养老院"], ["幸福养老院", "康乐养老院"]), nt / "海门区_6月汇总.xlsx")
    run_consolidate([nt], tmp_path / "out_nt", nantong, "2022-06", workers=1)
    up, _ = load([next((tmp_path / "out_nt").glob("*_汇总.xlsx"))], jiangsu, "2022-06")
    missing = [f.facility for f in up.findings if about(f) == "DISPOSAL_MISSING"]
    assert missing == ["汇龙镇康乐养老院"]
    assert not [f for f in up.findings if about(f) in ("DISPOSAL_UNLISTED", "DUPLICATE_FACILITY")]


def test_unpaired_rows_of_two_towns_are_no_duplicate_one_level_up(tmp_path: Path) -> None:
    """Two towns sent 附件3 without 附件2, one listing 康乐养老院（新增）, the other 1、康乐养老院: on the consolidated
    workbook neither row has a township, and they were taken for one town's facility written twice (an error)."""
    for unit, name in (("汇龙镇", "康乐养老院（新增）"), ("南阳镇", "1、康乐养老院")):
        specs = _two_rows(unit)
        specs["F3"].rows[0]["name"] = name
        write(tmp_path / "in" / f"{unit}.xlsx", unit, [specs["F1"], specs["F3"], specs["F4"]])
    run_consolidate([tmp_path / "in"], tmp_path / "out", default_config(), "2022-06", workers=1)
    up, _ = load([next((tmp_path / "out").glob("*_汇总.xlsx"))], default_config(), "2022-06")
    assert not [f for f in up.findings if f.code.value == "DUPLICATE_FACILITY"]


def test_a_name_broken_over_two_lines_is_written_on_one(tmp_path: Path, runner) -> None:
    """合作镇福寿⏎老年公寓 (Alt+Enter in 附件2's cell), 合作镇福寿老年公寓 on 附件3: paired, and the consolidated 附件2
    writes the name on one line (it kept the break; blind audit of layouts)."""
    import openpyxl

    specs = _two_rows()
    specs["F2"].rows[1].update(name="汇龙福寿\n老年公寓")
    specs["F3"].rows[1].update(name="汇龙福寿老年公寓")
    inbox = tmp_path / "in"
    write(inbox / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "consolidate", str(inbox), "-o", str(tmp_path / "out"), "--period", "2022-06")
    assert [f["code"] for f in data["findings"] if f["code"] in _NAME_CODES] == []
    wb = openpyxl.load_workbook(tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx", read_only=True)
    for sheet in ("附件2", "附件3"):  # (附件3 writes the name as 附件2 has it)
        names = [r[1] for r in wb[sheet].iter_rows(values_only=True) if r and isinstance(r[1], str) and "福寿" in r[1]]
        assert names == ["汇龙福寿老年公寓"]


def test_a_countys_name_before_a_facility_is_as_a_citys(tmp_path: Path) -> None:
    """如东县民政局's 掘港街道 lists 如东县福寿养老院 on 附件2 and 福寿养老院 on 附件3: DISPOSAL_MISSING and
    DISPOSAL_UNLISTED — 启东市… was one facility, 如东县… two (audit of a county configured from scratch); across
    two towns no DUPLICATE_ACROSS_UNITS. A county's name is a city's."""
    from yanglao_cli.config import parse_config

    config = parse_config('reporting_unit = "如东县民政局"\nunits = ["掘港街道", "城中街道"]\n', "test")
    specs = specs_for("掘港街道", n=1)
    specs["F2"].rows[0]["name"] = "如东县福寿养老院"
    specs["F3"].rows[0]["name"] = "福寿养老院"
    write(tmp_path / "in" / "掘港街道.xlsx", "掘港街道", specs)
    loaded, _ = load([tmp_path / "in"], config, "2022-06")
    assert [f.code.value for f in loaded.findings] == []
    other = specs_for("城中街道", n=1, seed=4)
    other["F2"].rows[0]["name"] = other["F3"].rows[0]["name"] = "福寿养老院"
    write(tmp_path / "in" / "城中街道.xlsx", "城中街道", other)
    loaded, _ = load([tmp_path / "in"], config, "2022-06")
    assert [f.code.value for f in loaded.findings] == ["DUPLICATE_ACROSS_UNITS"]


@pytest.mark.parametrize(("f2_names", "f3_names", "found"), [
    (("汇龙镇康乐养老院（东院）", "汇龙镇康乐养老院（西院）"), ("康乐养老院（西院）", "康乐养老院（东院）"), []),
    (("康乐养老院（东院）", "康乐养老院（西院）"), ("汇龙镇康乐养老院（西院）", "启东市康乐养老院（东院）"), []),
    # only 西院 has a disposal: 东院's is missing, nothing else
    (("汇龙镇康乐养老院（东院）", "汇龙镇康乐养老院（西院）"), ("康乐养老院（西院）（新增）",),
     [("DISPOSAL_MISSING", "附件2!B5")])])
def test_two_branches_written_with_the_town_on_one_form_are_paired_branch_by_branch(
        tmp_path: Path, f2_names: tuple, f3_names: tuple, found: list) -> None:
    """东院 and 西院, the town's name before them on one form only: each branch was DISPOSAL_MISSING and each 附件3 row
    DISPOSAL_UNLISTED — without the remarks two candidates, with them the town in the way (audit of names)."""
    specs = _two_rows()
    for row, name in zip(specs["F2"].rows, f2_names, strict=True):
        row.update(name=name, points="2", level="黄")
    specs["F3"].rows[:] = [dict(specs["F3"].rows[0], name=name) for name in f3_names]
    assert _check(tmp_path, specs) == found


def test_next_month_two_branches_written_without_the_town_are_the_same(tmp_path: Path, runner) -> None:
    """June 汇龙镇康乐养老院（东院）/（西院）, July 康乐养老院（西院）（新增） alone: 东院 left the list (FACILITY_DROPPED), 西院
    did not — both were dropped and added (audit of names)."""
    def month(folder: Path, mm: str, names: tuple) -> Path:
        specs = _two_rows()
        for spec in specs.values():
            spec.footer_date = f"2022-{mm}-15"
        specs["F2"].rows[:] = [dict(specs["F2"].rows[0], name=n) for n in names]
        specs["F3"].rows[:] = [dict(specs["F3"].rows[0], name=n) for n in names]
        p = write(folder / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
        run_consolidate([p], folder / "out", default_config(), f"2022-{mm}", workers=1)
        return next((folder / "out").glob("*_汇总.xlsx"))

    june = month(tmp_path / "june", "06", ("汇龙镇康乐养老院（东院）", "汇龙镇康乐养老院（西院）"))
    july = month(tmp_path / "july", "07", ("康乐养老院（西院）（新增）",))
    _, data = run_json(runner, "diff", str(june), str(july))
    assert [f["facility"] for f in data["findings"] if f["code"] == "FACILITY_DROPPED"] == ["汇龙镇康乐养老院（东院）"]


def test_values_and_headers_in_traditional_characters_are_read(tmp_path: Path) -> None:
    """附件2 typed with a traditional-character input: 類別 and 備註 were COLUMN_MISSING / COLUMN_UNKNOWN, the levels
    黃 and 紅色, the points 虛假或誇大宣傳 and the measures 風險提示、增加抽查檢查頻次 VALUE_INVALID (blind audit of
    typing habits). Read as the notice's words, as the other headers were."""
    specs = _two_rows()
    specs["F2"].header_override = {"category": "類別", "note": "備註", "points": "風險隱患點"}
    specs["F2"].rows[0].update(level="黃", points="虛假或誇大宣傳")
    specs["F3"].rows[0].update(points="4", measures="風險提示、增加抽查檢查頻次")
    specs["F2"].rows[1].update(points="10", level="紅色", category="C")
    specs["F3"].rows[1].update(points="10", measures="3、4、5、6", clue="是")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [(f.code.value, f.cell) for f in loaded.findings] == []
    f2 = loaded.submissions["汇龙镇"].f2
    assert [(r.level.value if r.level else None, r.points.items) for r in f2] == [("YELLOW", (4,)), ("RED", (10,))]


def test_a_name_in_traditional_characters_is_the_same_facility(tmp_path: Path) -> None:
    """附件2 幸福養老院 (a font's or a copy's traditional characters), 附件3 幸福养老院: one facility — it was
    DISPOSAL_MISSING and DISPOSAL_UNLISTED (audit of names). Written as the township wrote it."""
    specs = _two_rows()
    specs["F2"].rows[0]["name"] = "幸福養老院"
    specs["F3"].rows[0]["name"] = "幸福养老院"
    specs["F2"].rows[1]["name"] = "松鶴萬豐老年公寓"  # (鶴, 萬, 豐 were not among them: differential audit)
    specs["F3"].rows[1]["name"] = "松鹤万丰老年公寓"
    assert _check(tmp_path, specs) == []


@pytest.mark.parametrize(("on_f2", "on_f3"), [("匯龍鎮乐龄老年公寓", "乐龄老年公寓"), ("匯龍鎮樂齡老年公寓", "乐龄老年公寓"),
                                              ("南阳镇福安养老院", "福安养老院"), ("福星老年公寓", "北新镇福星老年公寓")])
def test_a_town_before_a_name_on_one_form_only_still_pairs(tmp_path: Path, on_f2: str, on_f3: str) -> None:
    """汇龙镇 written in traditional characters before the name on 附件2 only (匯龍鎮), or a neighbouring town's name
    (南阳镇福安养老院, a facility this town led the check of): DISPOSAL_MISSING and DISPOSAL_UNLISTED at once (audit
    of pairing). One facility, paired one to one."""
    specs = _two_rows()
    specs["F2"].rows[0]["name"] = on_f2
    specs["F3"].rows[0]["name"] = on_f3
    assert _check(tmp_path, specs) == []


def test_a_disposal_written_in_another_width_is_written_as_the_list_spells_it(tmp_path: Path) -> None:
    """附件2 ＪＯＹ康养Ｈｏｍｅ, 附件3 JOY康养Home: paired, but the consolidated 附件3 kept the township's spelling with no
    comment, where a name written otherwise is written as 附件2 spells it, the original in a comment (README; audit
    of names)."""
    import openpyxl

    specs = _two_rows()
    specs["F2"].rows[0]["name"] = "ＪＯＹ康养Ｈｏｍｅ"
    specs["F3"].rows[0]["name"] = "JOY康养Home"
    write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    run_consolidate([tmp_path / "in"], tmp_path / "out", default_config(), "2022-06", workers=1)
    ws = openpyxl.load_workbook(next((tmp_path / "out").glob("*.xlsx")))["附件3"]
    cell = next(c for c in ws["B"] if c.value and "康养" in str(c.value))
    assert cell.value == "ＪＯＹ康养Ｈｏｍｅ" and "原填：JOY康养Home" in cell.comment.text


@pytest.mark.parametrize(("on_f2", "on_f3"), [("汇龙第一敬老院", "汇龙第1敬老院"), ("颐和护理院一部", "颐和护理院1部"),
                                              ("第十二敬老院", "第12敬老院")])
def test_a_number_in_words_or_figures_is_one_facility(tmp_path: Path, on_f2: str, on_f3: str) -> None:
    """第一敬老院 / 第1敬老院, 一部 / 1部 on the two forms: DISPOSAL_MISSING and DISPOSAL_UNLISTED without even a hint
    they may be one (audit of names). One facility."""
    specs = _two_rows()
    specs["F2"].rows[0]["name"] = on_f2
    specs["F3"].rows[0]["name"] = on_f3
    assert _check(tmp_path, specs) == []


def test_a_facility_three_towns_list_is_said_of_all_three(tmp_path: Path) -> None:
    """幸福养老院 on 汇龙镇's, 南阳镇's and 北新镇's lists: 北新镇's DUPLICATE_ACROSS_UNITS said “同时由汇龙镇和北新镇上报”,
    not that three towns list it (audit of names)."""
    paths = []
    for town in ("汇龙镇", "南阳镇", "北新镇"):
        specs = specs_for(town, n=1)
        specs["F2"].rows[0]["name"] = specs["F3"].rows[0]["name"] = "幸福养老院"
        paths.append(write(tmp_path / f"{town}.xlsx", town, specs))
    loaded, _ = load(paths, default_config(), "2022-06")
    said = [f.message for f in loaded.findings if f.code.value == "DUPLICATE_ACROSS_UNITS"]
    assert len(said) == 2 and all("同时由汇龙镇、南阳镇和北新镇上报" in m for m in said)


@pytest.mark.parametrize(("name", "words"), [
    ("康乐养老院（东院）", {"东院"}), ("康乐养老院（东院区）", {"东院"}), ("康乐养老院（一部）", {"1部"}),
    ("康乐养老院（第一部）", {"1部"}), ("康乐养老院（13号楼）", {"13号楼"}), ("康乐养老院（东院6月底已清退）", {"东院"}),
    ("康乐养老院（河东区人民路5号）", set()), ("康乐养老院（本月新增）", set()), ("康乐养老院（现已清退）", set()),
    ("康乐养老院", set())])
def test_the_branch_a_name_states(name: str, words: set[str]) -> None:
    """What tells two facilities of one name apart when one left the list (diff, --previous): a branch word in a
    remark — 东院区 is 东院, an address's 河东区 is none (review)."""
    from yanglao_cli.rules.crossform import branch_words

    assert branch_words(name) == words
