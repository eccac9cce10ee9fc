"""`classify` core: points → level, explanation and expected measures; also for a facility sheet or an 附件2."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Code, Finding, row_of
from .forms import F2
from .models import MEASURES, OTHER_POINT, Category, F2Record, FacilityRecord, Numbers, RiskLevel
from .rules import Ctx
from .rules.disposal import asked_measures
from .rules.levels import POINT_LEVEL, category_mismatch, check_f2_row, level_of

if TYPE_CHECKING:
    from .config import Config


def _point_rows(points: Numbers) -> list[dict[str, Any]]:
    from .models import NOTICE_POINTS

    out = []
    for n in points.items:
        lvl = POINT_LEVEL.get(n)
        text = NOTICE_POINTS.get(n, "")  # (the notice's words whole: what point 7 counts as 资金使用不规范; audit)
        if n == 15 and points.other_text:
            text = f"{text}：{points.other_text}"
        out.append({"point": n, "text": text, "level": lvl.value if lvl else None,
                    "level_label": lvl.long_label if lvl else "由区镇研判"})
    return out


def describe(points: Numbers, name: str = "", category: Category | None = None,
             declared: RiskLevel | None = None, notes: list[str] | None = None) -> dict[str, Any]:
    level: RiskLevel | None = level_of(points.items)
    if declared is not None and OTHER_POINT in points.items and (_other_only(points) or declared > level):
        level = declared  # 15.其他情形: the township's own judgement may set the level higher (附件2 填报说明四)
    elif declared is None and _other_only(points):
        level = None  # only 15: no level follows from the points; the township declares it (SPEC)
    measures = _measures(level, points.items) if level is not None else []
    clue = level in (RiskLevel.ORANGE, RiskLevel.RED)
    extra_notes = list(notes or [])
    if clue:
        extra_notes.append(CLUE_NOTE)
    if level == RiskLevel.RED and 11 in points.items:
        extra_notes.append("属于非法集资的，同步纳入属地防范和处置非法集资工作机制（启民发〔2022〕66号 二（二）三）")
    if 15 in points.items:
        # (with a level declared it is the township's judgement: not asked for again — it said 请在附件2 填写等级 of a
        # level filled in; blind audit of the rules)
        extra_notes.append("含“15.其他情形”：其等级由区镇研判" + (f"，附件2 填的是{declared.label}" if declared is not None
                                                          else "，请在附件2 填写等级"))
    if level == RiskLevel.GREEN:
        extra_notes.append(GREEN_NOTE)
    return {"name": name, "category": category.value if category else None, "points": list(points.items),
            "other_text": points.other_text, "level": level.value if level else None,
            "level_label": level.long_label if level else "由区镇研判（仅有其他情形）",
            "explained": _point_rows(points), "expected_measures": measures, "clue_required": clue,
            "notes": extra_notes}


GREEN_NOTE = "没有发现风险隐患：纳入绿色名单，正常开展日常监管（启民发〔2022〕66号 二（二）三）"
CLUE_NOTE = "应及时向属地人民政府和政法机关通报线索（启民发〔2022〕66号 二（二）三）"


def _say_clue(d: dict[str, Any]) -> None:
    """The 通报线索 line wherever clue_required is set: a level declared above the points' (or points unknown under
    a declared 橙/红) set it without the line, the text saying only 措施按红色列出 (blind audit of classify)."""
    if d["clue_required"] and CLUE_NOTE not in d["notes"]:
        d["notes"].append(CLUE_NOTE)


def _measures(level: RiskLevel, points: tuple[int, ...]) -> list[dict[str, Any]]:
    return [{"measure": e.measure, "label": f"{e.measure}. {MEASURES[e.measure]}"
             + (f"（或措施{'、'.join(str(a) for a in e.alternatives if a != e.measure)}之一）" if e.alternatives else ""),
             "reason": e.reason, "clause": e.clause, "alternatives": list(e.alternatives)}
            for e in asked_measures(level, points)]


def _other_only(points: Numbers) -> bool:
    return bool(points.items) and all(POINT_LEVEL.get(n) is None for n in points.items)


# letters or a sign in numbers alone (1、abc, 1e1, 3x, -1): a slip; beside words (4、微信/APP, 13、P2P爆雷, 15、ABC公司)
# a remark, as in a form's cell (review); No.4 is 4
_STRAY = re.compile(r"(?<![A-Za-z])(?!No\b|NO\b|no\b)[A-Za-z]+|^\s*[-+]")


def classify_points(text: str, category: str | None = None) -> tuple[list[dict[str, Any]], list[Finding]]:
    from .inbox import UsageError
    from .normalize import IDEOGRAPH, parse_category, parse_numbers, to_halfwidth
    from .parse import NO_POINTS

    if not text.strip():
        raise UsageError("--points 为空：请给出风险隐患点编号，如 \"1、7\"；没有风险隐患点的写“无”")
    if text.strip() in NO_POINTS:  # as an 附件2 cell says it: no point, 绿
        points = Numbers()
    elif not IDEOGRAPH.search(text) and (stray := _STRAY.search(to_halfwidth(text))):
        # typed, not copied from a form: a letter or a sign is a typing slip, not a remark to pass over (1、abc
        # gave point 1, -1 point 1, 1e1 point 1, all silently; blind audit of classify)
        # (a digit typed as a letter, 6、I3: the hint an 附件2 cell gets, 是不是13？ — audit of classify)
        misread = parse_numbers(text, "points").error or ""
        raise UsageError(f"风险隐患点“{text}”无法识别：" + (misread if "是不是" in misread else
                                                          f"“{stray[0]}”不是风险隐患点编号；请写编号，如 \"1、7\""))
    else:
        n = parse_numbers(text, "points")
        if not n.ok:
            raise UsageError(f"风险隐患点“{text}”无法识别：{n.error}")
        points = n.value or Numbers()
    cat = None
    if category:
        c = parse_category(category)
        if not c.ok or c.value is None:
            raise UsageError(f"类别“{category}”无法识别，应为 A、B 或 C")
        cat = c.value
    findings: list[Finding] = []
    if cat is not None and not points.items:  # (an 附件2 row without points is judged by its level; here none)
        findings = [f.model_copy(update={"row": None}) for f in category_mismatch(cat, set(), "", {})]
    elif cat is not None or points.items:
        probe = F2Record(name="", category=cat, points=points, level=level_of(points.items)
                         if not _other_only(points) else None, cells={})
        # points typed on the command line sit in no row: row null, as for every finding without one
        findings = [f.model_copy(update={"row": None}) for f in check_f2_row(probe, Ctx())
                    if f.code in (Code.CATEGORY_MISMATCH, Code.POINTS_CONFLICT, Code.POINT_OTHER_UNDESCRIBED)]
    return [describe(points, category=cat)], findings


def classify_file(path: Path, config: Config | None = None) -> tuple[list[dict[str, Any]], list[Finding]]:
    """Every facility of a facility sheet, or every row of an 附件2, classified; units as `config` lists them (the
    embedded default without one)."""
    from .config import default_config
    from .inbox import UsageError, shown
    from .normalize import case_beside
    from .pipeline import facility_unit_conflict, load_file
    from .rules.crossform import listed_twice
    from .rules.facility import PREPAYMENT_UNKNOWN, classify_facility

    if not path.is_file():
        # (a pipe or a device named .xlsx is there, but no file to read: 找不到文件 misled; audit of hostile input)
        # (a link to itself or to nothing is there too: said as check says it, not 找不到文件; audit of odd files)
        if path.is_symlink() and not path.exists():
            from .safety import Unreadable, sniff

            try:
                sniff(path)
            except Unreadable as e:
                raise UsageError(f"无法访问 {shown(str(path))}：{e}") from None
        raise UsageError(f"无法读取 {shown(str(path))}：这不是普通文件（设备、管道或套接字），未读取" if path.exists()
                         else f"找不到文件：{shown(str(path))}")
    # the rules are applied below; the name shown as check shows it (GBK bytes on disk read as GB18030)
    config = config or default_config()
    res = load_file(path, shown(str(path)), config, None, rules=False)
    # the levels are what classify gives: a 附件2 without its 等级 column is what it is asked to fill in, no error
    level = F2.column("level").header
    findings = [f for f in res.findings if not (f.code == Code.COLUMN_MISSING and f"“{level}”" in f.message)]
    if res.unreadable:
        # the file named, as check names it: the one line the clerk sees must say which file it is about
        raise NothingToClassify(f"{shown(str(path))}：{findings[0].message}" if findings
                                else f"无法读取 {shown(str(path))}", findings)
    facilities: list[dict[str, Any]] = []
    usable = [fr for fr in res.forms if fr.key in ("FAC", "F2")]
    # what classify judges: the lists it classifies, not the workbook's 附件1/附件3/附件4 (a 附件4 VALUE_INVALID made
    # classify exit 1 for what it does not classify; audit of the commands)
    others = {fr.sheet for fr in res.forms if fr.key not in ("FAC", "F2")} - {fr.sheet for fr in usable}
    findings = [f for f in findings if f.sheet not in others]
    if not usable:
        # (a paper 排查表 of two facilities says so, not that there is none: audit of untested paths)
        twice = next((f.message.split("：", 1)[-1] for f in findings if f.code == Code.FORM_NOT_FOUND
                      and "不止一家机构" in f.message), "")
        raise NothingToClassify(f"{shown(str(path))}：{twice}" if twice
                                else f"{shown(str(path))} 中没有排查表或附件2，无法逐行判定", findings)
    if not any(fr.records for fr in usable):  # a blank template: said, not an empty success
        sheets = "、".join(dict.fromkeys(fr.sheet for fr in usable))
        raise NothingToClassify(f"{shown(str(path))} 的“{sheets}”没有填写任何机构，无法判定", findings)
    for fr in usable:
        for rec in fr.records:
            if isinstance(rec, FacilityRecord):
                findings.extend(facility_unit_conflict(rec, fr.unit, config))  # (check said it, classify did not)
                result = classify_facility(rec, Ctx(unit=fr.unit, report_date=fr.footer.date))
                points = Numbers(items=tuple(result["points"]), other_text=result["other_text"])
                d = describe(points, rec.name, rec.category, notes=result.get("notes_text", []))
                d["ticked"] = sorted(result["ticked"])
                d["derived"] = sorted(result["derived"])
                findings.extend(result["findings"])
                for row in d["explained"]:  # what the inspector wrote beside 是 (是（宣传单夸大疗效）)
                    answer = rec.ticked.get(row["point"])
                    if answer is not None and answer.detail and row["point"] != OTHER_POINT:
                        row["note"] = answer.detail
                unknown = [n for n in range(1, 16) if f"p{n}" in rec.invalid or n not in rec.ticked]
                facts = _unknown_facts(rec)
                if unknown:
                    _unknown_points(d, f"第{'、'.join(map(str, unknown))}项未填或无法识别", None)
                elif facts:
                    _unknown_points(d, f"{'、'.join(facts)}无法识别", None)
                elif any(w.startswith(PREPAYMENT_UNKNOWN) for w in result.get("notes_text", [])):
                    _unknown_points(d, PREPAYMENT_UNKNOWN, None)  # 9 at least: 10 if a prepayment was collected
            else:
                points = rec.points
                if OTHER_POINT in points.items and not points.other_text and (case := case_beside(rec.note, rec.extra)):
                    # 15's case in the row's 备注 (or a column of its own), as check reads it (no POINT_OTHER_UNDESCRIBED)
                    points = Numbers(items=points.items, other_text=case)
                d = describe(points, rec.name, rec.category, declared=rec.level)
                d["declared_level"] = rec.level.value if rec.level else None
                findings.extend(check_f2_row(rec, Ctx(unit=fr.unit)))
                # (a 绿 row with its points blank says no point: as check reads it)
                if "points" in rec.invalid or not (rec.points.items or rec.raw.get("points", "").strip()
                                                   or rec.level == RiskLevel.GREEN):
                    _unknown_points(d, "风险隐患点未填或无法识别", rec.level)
                elif rec.level is not None and d["level"] and rec.level > RiskLevel(d["level"]):
                    if OTHER_POINT in rec.points.items:
                        # 15's level is the township's own: 附件3 is judged by the declared one (levels.disposal_level)
                        d["expected_measures"] = _measures(rec.level, rec.points.items)
                        d["clue_required"] = rec.level in (RiskLevel.ORANGE, RiskLevel.RED)
                        d["notes"].insert(0, f"附件2 填报为{rec.level.long_label}（含15.其他情形，等级由区镇研判）："
                                             f"措施按{rec.level.long_label}列出（附件3 也按此核对）")
                        _say_clue(d)
                    else:  # the facility's level is its points' (SPEC): LEVEL_OVERRATED, 附件3 judged by the points
                        d["notes"].insert(0, f"附件2 填报为{rec.level.long_label}，高于风险隐患点所定的{d['level_label']}"
                                             f"（LEVEL_OVERRATED，请核实）：措施按{d['level_label']}列出（附件3 也按此核对）")
            # (its sheet and file too: one workbook's two 附件2 sheets have the same row numbers; audit of classify)
            d["row"], d["sheet"], d["file"] = rec.row, rec.sheet, rec.file
            facilities.append(d)
        if fr.key == "F2":  # a facility listed twice (it was said by check, not here; blind audit of classify)
            findings.extend(listed_twice(fr.records, "附件2", fr.unit, res.consolidated))
    # a finding's row is its cell's row (on a paper form the fields of one facility sit on many rows)
    findings = [f.model_copy(update={"row": row_of(f.cell)}) if row_of(f.cell) else f for f in findings]
    return facilities, _dedupe(findings)


def _unknown_facts(rec: FacilityRecord) -> list[str]:
    """The 排查表's facts that may add a point, written so that they cannot be read (待核实): 是否已登记 (9 or 10; a
    category A/B written beside it is no answer — the inspector did not know), 是否资不抵债 (12) where a prepayment
    may have been collected. Its level is then no 绿 (README; blind audit of classify: 待核实 there was 绿)."""
    out = []
    if "registered" in rec.invalid:
        out.append("“是否已登记”")
    if "insolvent" in rec.invalid and rec.prepay_people != 0:
        out.append("“是否资不抵债”")
    return out


def _unknown_points(d: dict[str, Any], why: str, declared: RiskLevel | None) -> None:
    """Points not all known: a level from none of them is no 绿 (a red facility whose points cell Excel turned into
    a date would be filed green); from some, the others may raise it. Where the row declares a level, the measures
    are that level's, said so."""
    if d["points"]:
        d["notes"].insert(0, f"{why}：等级只按已判明的风险隐患点得出，核实后可能更高")
        return
    d["level"] = None
    d["level_label"] = f"无法判定（{why}）"
    d["notes"] = [n for n in d["notes"] if n != GREEN_NOTE]  # no point found is not no point there
    if declared is not None:
        d["level_label"] += f"，填报为{declared.long_label}"
        d["expected_measures"] = _measures(declared, ())
    else:
        d["expected_measures"] = []
    d["clue_required"] = declared in (RiskLevel.ORANGE, RiskLevel.RED)
    _say_clue(d)


class NothingToClassify(Exception):
    """The file cannot be classified (exit 2); `findings` say why where a finding does (FILE_UNREADABLE,
    FORM_NOT_FOUND), so that --format json still prints them."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.code, f.file, f.sheet, f.cell, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out

