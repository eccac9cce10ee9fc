"""Workbooks consolidated one level down (a county's, read by its city): what their cells' comments say. A
finding consolidate marked there and found again here is REPORTED_BELOW, not this level's error; a note that is
no finding (补填为黄, 原填：①③, 区镇批注：…) is carried up to this level's workbook; a mark this level cannot find
again is carried as the level below's (如东县汇总时发现：…)."""

from __future__ import annotations

import functools
import re
from typing import Any

from .config import Config
from .findings import FOUND_BELOW, Code, Finding, Severity, make, row_of
from .forms import F1, F2, F3, F4, PAIRED_NOTE, Kind
from .normalize import to_halfwidth
from .parse import FORMULA_ERROR, FORMULA_UNSAVED
from .results import FileResult
from .rules.crossform import TOLD_APART, facility_key, plain_name

_NOTED_CODE = re.compile(r"（([A-Z][A-Z_]+)[）,，]")


_PAIRED = re.compile(re.escape(PAIRED_NOTE) + r"(\d{1,7})")


def paired_by_notes(notes: dict[str, dict[str, str]], sheets: set[str]) -> dict[tuple[str, int], int]:
    """(附件3 sheet, row) -> the 附件2 序号 its comment names (writer.PAIRED_NOTE: a namesake's row says whose), or 0
    where it says 附件2 did not list it (DISPOSAL_UNLISTED: renumbered, it may stand within 附件2's numbers — another
    town's namesake took it for its second disposal, DUPLICATE_FACILITY; differential audit)."""
    out: dict[tuple[str, int], int] = {}
    for sheet in sheets:
        for ref, text in notes.get(sheet, {}).items():
            m = _PAIRED.search(text)
            row = row_of(ref)
            if m and row:
                out[(sheet, row)] = int(m[1])
            elif row and _UNLISTED_NOTE in text:
                out.setdefault((sheet, row), 0)
    return out


_UNLISTED_NOTE = "（DISPOSAL_UNLISTED）"


_ASIDE = re.compile(r"（另见[^）]*）")  # the other row a duplicate names: the township's there, this sheet's here
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")  # a report date: the latest township's here


_OTHER_ROW = re.compile(r"（另见第(\d{1,7})行）")


def _partner_cell(f: Finding) -> str:
    """The name cell of the row a DUPLICATE_FACILITY names as its other one (另见第5行)."""
    m = _OTHER_ROW.search(f.message)
    return f.cell.rstrip("0123456789") + m[1] if m else ""


# a row's place as the consolidated workbook writes it, 启东经济开发区（经开区）: the township wrote 经开区
_PART_QUOTE = re.compile(r"“[^“”（）]+（([^“”（）]+)）”")


def _as_noted(message: str, comment: str) -> bool:
    """A finding said alike in the note at its cell (`comment` bare of spaces): as it quotes the name, or as the
    township wrote the place the workbook writes with its unit before it (经开区 → 启东经济开发区（经开区）: its own
    notes were errors again; fuzz audit)."""
    said = _said(message).split("；")[0]
    return _bare(said) in comment or _bare(_PART_QUOTE.sub(r"“\1”", said)) in comment


def _bare(text: str) -> str:
    return "".join(text.split())


def _said(text: str) -> str:
    """A message or a comment as compared: one line, without what differs between the township's sheet and this."""
    return _ISO_DATE.sub("#", _ASIDE.sub("", " ".join(text.split())))


def carried_notes(notes: dict[str, dict[str, str]], below: str = "") -> dict[tuple[str, str], str]:
    """The lines of a consolidated workbook's comments that are notes, not findings (【错误】…（CODE）, written
    again from this level's own findings), nor this workbook's own pointers (whose namesake a row is, 见校验问题);
    a finding this level cannot find again is carried, said to be `below`'s (如东县汇总时发现：…)."""
    out: dict[tuple[str, str], str] = {}
    for sheet, cells in notes.items():
        for ref, text in cells.items():
            kept = [_carried_line(line, below or FROM_BELOW) if _found_only_below(line) else line
                    for line in text.split("\n") if line.strip() and not _ours_in_comment(line)]
            if kept:
                out[(sheet, ref)] = "\n".join(kept)
    return out


def drop_stale_level_notes(res: FileResult) -> None:
    """A level note the level below wrote (已按风险隐患点补填为黄, 现按填报保留黄) on a level a clerk has since
    corrected by hand (橙): not carried up, where it contradicted the cell (audit of levels)."""
    for fr in res.forms:
        if fr.key != "F2":
            continue
        for rec in fr.records:
            key = (fr.sheet, rec.cell("level"))
            text = res.carried.get(key)
            if not text:
                continue
            now = rec.level.label if rec.level is not None else ""
            kept = [line for line in text.split("\n")
                    if (m := _LEVEL_NOTE.search(line)) is None or m[1] == now]
            if kept:
                res.carried[key] = "\n".join(kept)
            else:
                del res.carried[key]


_LEVEL_NOTE = re.compile(r"(?:保留|补填为|填为)([红橙黄绿])$")


def drop_stale_date_notes(res: FileResult) -> None:
    """A carried DATE_IN_FUTURE note on a cell whose date a clerk has since corrected by hand (6月18日 → 6月8日): not
    carried up, where it named a date the cell no longer holds (review) — 立案时间 or a date written beside 通报线索,
    纳入处非 or 化解 alike (review)."""
    for fr in res.forms:
        for rec in fr.records:
            for field_, text in (rec.raw or {}).items():
                ref = rec.cell(field_)
                said = res.carried.get((fr.sheet, ref)) if ref else None
                if not said or _STALE_DATE_CODE not in said:
                    continue
                kept = [line for line in said.split("\n") if not line.rstrip().endswith(_STALE_DATE_CODE)
                        or (m := _DATE_SAID.search(line)) is None or _holds_date(str(text), m[1])]
                if kept:
                    res.carried[(fr.sheet, ref)] = "\n".join(kept)
                else:
                    del res.carried[(fr.sheet, ref)]


def _holds_date(text: str, iso: str) -> bool:
    """Whether a cell's text still writes the day `iso` (2022-06-18 as 2022年6月18日, 2022.6.18, 6月18日 …)."""
    y, m, d = (int(x) for x in iso.split("-"))
    text = to_halfwidth(text)
    return any((int(a), int(b), int(c)) == (y, m, d) for a, b, c in _FULL_DATE.findall(text)) or any(
        (int(b), int(c)) == (m, d) for b, c in _MONTH_DAY.findall(text))


_FULL_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})")
_MONTH_DAY = re.compile(r"(?<![\d年./-])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


_STALE_DATE_CODE = f"（{Code.DATE_IN_FUTURE.value}）"
_DATE_SAID = re.compile(r"的日期(\d{4}-\d{2}-\d{2})晚于")


TOWNSHIP_NOTE = "区镇批注："


def _ours_in_comment(line: str) -> bool:
    """A line the consolidated workbook's writer put in a comment: a finding (【错误】…（CODE）, written again from
    this level's own), a namesake's pointer, a note naming 校验问题 — not a township's words carried in it
    (【整改情况】…, 材料附后，见校验问题说明 were dropped one level up; review)."""
    if line.startswith(TOWNSHIP_NOTE):
        return False
    if line.startswith("【"):
        from .annotate import our_line

        return our_line(line) and not _found_only_below(line)
    return line.startswith(PAIRED_NOTE) or "见校验问题" in line and (line.startswith("注：") or _CODE_IN.search(line) is not None)


_CODE_IN = re.compile(r"[（(][A-Z][A-Z_]{3,}[，,)）]")

# a finding the level above cannot find again, its units' rows now one unit's: the same facility reported by two
# townships of one county, a township listing more facilities than it checked (both dropped one level up, the
# province never told; audit of three levels, review), a place not in the level below's list (海安高新区 under
# 海安市: its rows went up unmarked; audit of levels). Carried as a note, said to be the level below's.
# (DATE_IN_FUTURE: a date after its township's own 填报日期 may be before the workbook's, its latest unit's — not
# found again above, its mark was dropped; audit of messy layouts)
_BELOW_ONLY = tuple(f"（{code.value}）" for code in (Code.DUPLICATE_ACROSS_UNITS, Code.LISTED_EXCEEDS_CHECKED,
                                                   Code.UNIT_UNKNOWN, Code.DATE_IN_FUTURE))
FROM_BELOW = f"下级{FOUND_BELOW}"


def _found_only_below(line: str) -> bool:
    # (…or one the level between found again, its REPORTED_BELOW: the level above may not — 6月18日 after the
    # township's and the city's 6月15日, before 南通's 6月25日 — and the note vanished there; review)
    line = line.rstrip()
    return line.startswith("【") and (line.endswith(_BELOW_ONLY) or line.endswith(_BELOW_LINE) and (
        (m := _REPORTED_INNER.search(line)) is not None and m[1].endswith(_BELOW_ONLY)))


# a REPORTED_BELOW line's own finding: 汇总时已报告…填报错误：<message>（CODE）；须由原填报单位更正后重报（REPORTED_BELOW）
_REPORTED_INNER = re.compile(r"填报错误：(.*（[A-Z_]+）)；须由原填报单位更正后重报（REPORTED_BELOW）$")


def _carried_line(line: str, below: str) -> str:
    """A comment line only a level below could find, as carried: 启东市汇总时发现：<its message>（CODE）."""
    text = line.rstrip().split("】", 1)[1]
    if (m := _REPORTED_INNER.search(text)) is not None:
        text = m[1]
    return below + text


def noted_codes(notes: dict[str, dict[str, str]], annotated: bool = False) -> dict[tuple[str, str], str]:
    """(sheet, cell) -> the comment of a cell of a consolidated workbook naming a finding's code (writer._comment
    ends each with （CODE）), as _said compares it. In a copy check --annotate wrote (`annotated`), its lines
    of REPORTED_BELOW alone: its others are that check's own findings, errors of this level — read as marked
    below, the copy sent back unchanged passed with exit 0 (audit of copies)."""
    if annotated:
        notes = {sheet: {ref: "\n".join(line for line in text.splitlines() if line.rstrip().endswith(_BELOW_LINE))
                         for ref, text in cells.items()} for sheet, cells in notes.items()}
    return {(sheet, ref): _said(text) for sheet, cells in notes.items() for ref, text in cells.items()
            if any(c in Code.__members__ for c in _NOTED_CODE.findall(text))}


_BELOW_LINE = f"（{Code.REPORTED_BELOW.value}）"


def _place_of(rec: Any) -> str:
    """The place an 附件1/附件4 row names: its 乡镇 (附件1) or its first column (附件4)."""
    return getattr(rec, "township", "") or getattr(rec, "label", "")


def _own_book(res: FileResult, config: Config) -> bool:
    """A consolidated workbook a unit of this level made of its own reports (consolidate --unit 常乐镇 over 常乐镇's
    files): signed by that unit, its 附件1/附件4 rows its own. Its marked errors were reported to no one — the county
    took them for the township's level's and passed the file with exit 0 (audit of config and levels). A county's
    workbook one level up is signed by a unit too, but its rows are its towns."""
    units = {fr.unit for fr in res.forms}
    towns = {_place_of(rec) for fr in res.forms if fr.key in ("F1", "F4") for rec in fr.records} - {""}
    if len(units) != 1 or not towns:
        return False
    unit = next(iter(units))
    return config.is_unit(unit) and all(config.unit_named(t) == unit for t in towns)


_BLANK_CODES = frozenset((Code.VALUE_REQUIRED, Code.CLUE_NOT_REPORTED))


def reported_below(findings: list[Finding], results: list[FileResult], config: Config) -> list[Finding]:
    """An error found again in a consolidated workbook where consolidate marked it one level down (the cell's
    comment names its code): REPORTED_BELOW, a warning. The workbook passes check without errors as SPEC asks,
    and the level above tells its own errors from those already sent back (every level exited 1 on the
    townships' old mistakes, re-raised; blind audit of three levels)."""
    noted = {res.display: res.noted for res in results if res.noted and not _own_book(res, config)}
    if not noted:
        return findings
    # the township of an 附件1/附件4 row (its 乡镇 / first column), said in front: one level up the finding's unit is
    # the city and its facility none, and a township's error read as the city's own (audit of the outputs)
    towns = {(res.display, fr.sheet, rec.row): _place_of(rec)
             for res in results if res.noted for fr in res.forms if fr.key in ("F1", "F4") for rec in fr.records}
    blank_clues = functools.cache(lambda: {(res.display, fr.sheet, rec.cell("clue")) for res in results if res.noted
                                           for fr in res.forms if fr.key == "F3" for rec in fr.records
                                           if not rec.raw.get("clue")})
    # a facility a township listed twice, marked on the row the township wrote second: the consolidated list puts
    # its rows by level, and the row found second here may be the other one (an error, exit 1; audit of copies)
    twice_rows = functools.cache(lambda: [
        (res.display, fr.sheet, rec) for res in results if res.noted for fr in res.forms
        if fr.key in ("F2", "F3") for rec in fr.records
        if "（DUPLICATE_FACILITY）" in (said := res.noted.get((fr.sheet, rec.cell("name")), ""))
        and _said_of(said, rec.name)])  # (the name it was said of: another typed over the cell is new)
    listed_twice = functools.cache(lambda: {(d, s, facility_key(rec.name)) for d, s, rec in twice_rows()})
    # the facilities whose 附件2 points cell was marked POINT_OTHER_UNDESCRIBED one level down: their 附件3 row,
    # written with the list's points where the township wrote 见附件2, repeats it unmarked (a new error of this
    # level, the workbook failing its own check; differential audit)
    undescribed_listed = functools.cache(lambda: {
        (res.display, facility_key(rec.name)) for res in results if res.noted for fr in res.forms if fr.key == "F2"
        for rec in fr.records if "（POINT_OTHER_UNDESCRIBED）" in res.noted.get((fr.sheet, rec.cell("points")), "")})
    # the name cells of those rows, which a duplicate's message names as its other one (另见第5行)
    marked_twice = functools.cache(lambda: {(d, s, rec.cell("name")) for d, s, rec in twice_rows()})
    # 附件3 cells still blank under a column the township lacked (its 打击整治措施): what the blank gives one level up
    # (MEASURE_MISSING, FUNDRAISING_NOT_ESCALATED …) is no news — the township's COLUMN_MISSING said it (blind audit
    # of the codes: warnings the township was never given)
    blank_answers = functools.cache(lambda: {(res.display, fr.sheet, rec.cell(f)) for res in results if res.noted
                                             for fr in res.forms if fr.key == "F3" for rec in fr.records
                                             for f in _LACKED_WARNED if not rec.raw.get(f)})
    out = []
    for f in findings:
        if f.severity == Severity.WARNING and f.code in _LACKED_WARNINGS and \
                "（COLUMN_MISSING）" in noted.get(f.file, {}).get((f.sheet, f.cell), "") and \
                (f.file, f.sheet, f.cell) in blank_answers():
            continue
        # the same error at the same cell, said alike (现填黄色): a cell the clerk emptied beside it, or changed to
        # another wrong value, is a new error (a row's comment hid them; audit of the consolidated re-check)
        comment = noted.get(f.file, {}).get((f.sheet, f.cell), "") \
            if f.severity == Severity.ERROR else ""
        # (spaces aside: a name typed with a line break, 幸福\n养老院, is quoted so in the township's note and
        # written without it here — an error again, exit 1; audit of names)
        if comment and (f"（{f.code.value}）" in comment and _as_noted(f.message, _bare(comment))
                        # the same value unreadable, its reason said otherwise: a number the township's cell held
                        # (1000000000, 不是有效的日期) is text here (应填是或否; mutation testing)
                        or f.code == Code.VALUE_INVALID and "（VALUE_INVALID）" in comment
                        and "无法识别" in f.message and _said(f.message).split("无法识别")[0] in comment
                        # a blank under a column the township's form lacked (writer._missing_column_marks): not
                        # filled, and not 是 where an orange facility's clue must be (mutation testing) — while it
                        # is blank: a 否 typed there since is this level's (review)
                        # a name the township's formula gave as an error (#NULL!), written blank: blank here
                        # (an error no comment carried; blind audit of how cells are stored)
                        or f.code == Code.VALUE_REQUIRED and "（VALUE_INVALID）" in comment
                        and (_FORMULA_ERROR_SAID in comment and any(h in f.message for h in _NAME_HEADS)
                             # a formula the township saved without its result, which this tool cannot work out
                             # (VLOOKUP): written blank, its note carried (blind audit of error values)
                             or f"“{FORMULA_UNSAVED}”" in comment)
                        or f.code in _BLANK_CODES and "（COLUMN_MISSING）" in comment
                        and (f.code == Code.VALUE_REQUIRED or (f.file, f.sheet, f.cell) in blank_clues())
                        # a place not in the list, its row marked so when consolidated (said at the 填报单位 line
                        # then, at the 乡镇 cell now): reported, and a warning here — SPEC, the consolidated
                        # workbook checks without errors; adding the place to yanglao.toml settles it
                        # (the same place: one typed over it is new; review)
                        or f.code == Code.UNIT_UNKNOWN and "（UNIT_UNKNOWN）" in comment
                        and (f"“{f.unit}”" in comment
                             or (part := TOLD_APART.fullmatch(f.unit)) is not None and f"“{part[1]}”" in comment)) \
                or f.code == Code.POINT_OTHER_UNDESCRIBED and f.severity == Severity.ERROR and f.facility \
                and "附件3" in f.sheet and (f.file, facility_key(f.facility)) in undescribed_listed() \
                or f.code == Code.DUPLICATE_FACILITY and f.severity == Severity.ERROR and f.facility \
                and ((f.file, f.sheet, facility_key(f.facility)) in listed_twice()
                     # written two ways (康乐养老院, 汇龙镇康乐养老院): the row it names beside it was marked so (the
                     # level-sorted list put the other first: an error, exit 1; audit of names)
                     or (f.file, f.sheet, _partner_cell(f)) in marked_twice()):
            town = "" if f.facility else towns.get((f.file, f.sheet, f.row), "")
            f = make(Code.REPORTED_BELOW, file=f.file, sheet=f.sheet, cell=f.cell, row=f.row, unit=f.unit,
                     facility=f.facility, message=f"{town}：{f.message}" if town else f.message, code=f.code.value)
        out.append(f)
    return out + _unknown_places_marked(results, noted, out, config)


def town_said(findings: list[Finding], results: list[FileResult]) -> list[Finding]:
    """On a consolidated workbook, a finding at the 附件1/附件4 row of one of its townships says the township before
    its message, as REPORTED_BELOW does: its unit is the level's, and a DETAIL_MISSING of 南阳镇's row read as the
    city's own (audit of the codes)."""
    towns = {(res.display, fr.sheet, rec.row): place for res in results if res.consolidated for fr in res.forms
             if fr.key in ("F1", "F4") for rec in fr.records if (place := _place_of(rec)) and place != "合计"}
    if not towns:
        return findings
    out = []
    for f in findings:
        # (a whole sheet set aside, SUBMISSION_SUPERSEDED at its first row, is no township's: a city's workbook sent
        # twice said 海门街道：… of its 附件1; audit of the levels)
        town = "" if f.facility or f.code in (Code.REPORTED_BELOW, Code.SUBMISSION_SUPERSEDED) \
            else towns.get((f.file, f.sheet, f.row), "")
        if town and town != f.unit and not f.message.startswith(f"{town}："):
            f = f.model_copy(update={"message": f"{town}：{f.message}"})
        out.append(f)
    return out


_UNKNOWN_PLACE_NOTE = re.compile(r"【错误】([^【]*?)（UNIT_UNKNOWN）")
_QUOTED = re.compile(r"“([^“”]{2,60})”")  # a name a note quotes (the place a UNIT_UNKNOWN mark names)


def _unknown_places_marked(results: list[FileResult], noted: dict[str, dict[tuple[str, str], str]],
                           found: list[Finding], config: Config) -> list[Finding]:
    """附件2/附件3 rows of a place not in the list, marked UNIT_UNKNOWN when consolidated: nothing on them names
    the place to find it again (附件1/附件4 rows do, by their 乡镇), so the mark itself is said, REPORTED_BELOW as
    README says (a re-check said nothing of them, the place's facilities passing as the level's own; blind audit of
    levels). Of the level's own workbook only: one level up the rows are a unit's, its 附件1 rows not said again
    either."""
    said = {(f.file, f.sheet, f.row) for f in found
            if f.code == Code.UNIT_UNKNOWN or "（UNIT_UNKNOWN）" in f.message}
    out = []
    for res in results:
        marks: dict[tuple[str, int | None], tuple[str, str]] = {}
        for (sheet, ref), text in noted.get(res.display, {}).items():
            # (not a place added to yanglao.toml since: README, adding it settles it — said still; review)
            if (m := _UNKNOWN_PLACE_NOTE.search(text)) and not ((q := _QUOTED.search(m[1])) and config.is_unit(q[1])):
                marks.setdefault((sheet, row_of(ref)), (ref, m[1].strip()))
        for fr in res.forms if marks else ():
            # (附件1/附件4 rows too where nothing here finds the place again: one level up their 乡镇 names places
            # below the units, a township's raw file sent to 南通市 among them; audit of the levels)
            listed = fr.key in ("F2", "F3")
            for rec in fr.records if fr.key in ("F1", "F2", "F3", "F4") and not config.is_unit(fr.unit) else ():
                if (mark := marks.get((fr.sheet, rec.row))) and (res.display, fr.sheet, rec.row) not in said \
                        and (listed or f"“{_place_of(rec)}”" in mark[1]  # (not a place typed over)
                             and not config.is_unit(_place_of(rec))):
                    out.append(make(Code.REPORTED_BELOW, file=res.display, sheet=fr.sheet, cell=mark[0], unit=fr.unit,
                                    facility=getattr(rec, "name", ""), message=mark[1],
                                    code=Code.UNIT_UNKNOWN.value))
    return out


_LACKED_WARNINGS = frozenset((Code.MEASURE_MISSING, Code.FUNDRAISING_NOT_ESCALATED, Code.RESOLVED_NO_CRITERION))
_LACKED_WARNED = ("measures", "fundraising", "resolved")
_FORMULA_ERROR_SAID = FORMULA_ERROR.split("，")[0]  # (公式计算出错)
# the columns whose error value is written blank (parse: a facility or a place is never #NULL!); any other blanked
# since is new
_NAME_HEADS = tuple(dict.fromkeys(f"“{c.header}”" for form in (F1, F2, F3, F4) for c in form.columns
                                  if c.kind in (Kind.NAME, Kind.UNIT)))


def _said_of(note: str, name: str) -> bool:
    """A note quoting `name`, or the name as the township wrote it on 附件3 before the consolidated workbook wrote
    it as 附件2 names it (同心养老服务社 for 王鲍镇同心养老服务社, or the other way: its DUPLICATE_FACILITY an error
    again; differential audit) — one the end of the other, four characters at least."""
    if f"“{name}”" in note:
        return True
    key = plain_name(name, "")  # (a remark aside: 夕阳红托老所（新增） is the township's 夕阳红托老所)
    return any(len(q := plain_name(quoted, "")) >= 4 and len(key) >= 4 and (key.endswith(q) or q.endswith(key))
               for quoted in _QUOTED.findall(note))
