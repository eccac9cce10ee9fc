"""Paths → files → forms → units' submissions → every check. The core of `check`, `consolidate` and `status`."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from . import reader, safety
from .annotate import ANNOTATED_STEM
from .below import (
    FROM_BELOW,
    TOWNSHIP_NOTE,
    carried_notes,
    drop_stale_date_notes,
    drop_stale_level_notes,
    noted_codes,
    paired_by_notes,
    reported_below,
    town_said,
)
from .config import Config, short_name, strip_decorations
from .findings import (
    FOUND_BELOW,
    HIDDEN_ROW,
    Code,
    Finding,
    col_index,
    make,
    row_of,
    said_also,
)
from .forms import EXTRA_NOTE
from .inbox import find_files
from .models import (
    F4_FIELDS,
    OTHER_POINT,
    F1Record,
    RiskLevel,
    Submission,
    china_time,
)
from .normalize import (
    MISSING_YEAR,
    PeriodYear,
    case_beside,
    header_key,
    parse_date,
    parse_int,
    parse_percent,
)
from .pairing import pair_disposals
from .parse import (
    BREAKDOWN_HEAD,
    CAMPAIGN_YEAR,
    bureau_today,
    month_hint,
    named_month,
    parse_form,
    percent_headed,
    shown_as_percent,
    year_hint,
)
from .periods import MONTHLY_FORMS
from .results import (
    LIST_FORMS,
    WEEKLY_KEYS,
    FileResult,
    FormResult,
    Source,
    source_of,
    start_cell,
)
from .rules import Ctx
from .rules.crossform import (
    check_across_units,
    check_submission,
    facility_id,
    facility_key,
    same_facilities,
    variant_key,
)
from .rules.disposal import case_date_in_future, check_f3_row
from .rules.levels import check_f2_row, disposal_level, points_conflict
from .rules.progress import check_f1_row, expected_percent
from .rules.statistics import check_f4_row
from .supersession import (
    A_PART,
    NOT_A_PART,
    corrected_by_name,
    latest_reports,
    title_revised,
)
from .units import (
    LIST_PLACE,
    asked_words,
    by_row_unit,
    is_reporting_unit,
    list_place_column,
    lists_several_units,
    resolve_unit,
    sheet_unit,
    unit_of_path,
    unit_suggestion,
    unlisted_rows,
    workbook_lead,
    workbook_unit,
)
from .weeks import earlier_weeks_fell, fell_since, weekly_superseded, weeks_logged


@dataclass
class Arrival:
    """One form as it arrived: for `status`."""

    unit: str
    form: str
    file: str
    sheet: str
    date: dt.date | None
    mtime: float
    rows: int
    time: dt.time | None = None  # written with the 填报日期, when it was
    cell: str = ""  # the 填报日期 value's cell
    superseded: bool = False  # a later report of the same form counts (latest_reports)
    relation: int = 0  # a report of an earlier period (-1), of this one (0), of a later one (1): period_relation
    month: str = ""  # the report month its title or file name states, if any
    said_none: bool = False  # a list saying 无: reported, with no facility (not a blank template's)
    replaces: bool = False  # another report of the form was set aside for this one (a correction, a later copy)
    week: dt.date | None = None  # of a weekly round's consolidated workbook: the week its 汇总 states


@dataclass
class Loaded:
    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    submissions: dict[str, Submission] = field(default_factory=dict)
    arrivals: list[Arrival] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # display -> path on disk
    rows_read: int = 0
    rows_unreadable: int = 0
    rows_superseded: int = 0  # read, but a later report of the same form counts (SUBMISSION_SUPERSEDED)
    unreadable_files: int = 0
    documents: list[str] = field(default_factory=list)  # PDF scans, photos … passed over in a folder (Found)
    own_outputs: list[str] = field(default_factory=list)  # this tool's outputs passed over in a folder (Found.own)
    locks: list[str] = field(default_factory=list)  # Excel's lock files passed over in a folder (Found.locks)
    period_note: str = ""  # how the period was chosen without --period, where it may surprise (_period_note)
    copies: list[str] = field(default_factory=list)  # Found.copies
    empty: list[str] = field(default_factory=list)  # Found.empty
    carried: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (file, sheet, cell): FileResult.carried
    # facility sheets (排查表): checked, never consolidated, so outside rows_read; check counts them in its summary
    facility_rows: int = 0
    facility_units: set[str] = field(default_factory=set)
    facility_files: dict[str, set[str]] = field(default_factory=dict)  # file -> the units of its 排查表 (annotate)

    @property
    def readable_files(self) -> int:
        return len(self.files) - self.unreadable_files


def _headless(grid: reader.Grid, path: Path) -> tuple[str, str] | None:
    """Of a sheet holding no form's table: the cell and the reason, where it has a form's columns typed down a
    column (附件1 as 项目 | 数量) or a form's title; None where it has neither."""
    titled = reader.titled_form(grid)
    if grid.ticked and titled is not None:
        form, cell = titled
        return cell, (f"工作表“{grid.name}”有{_form_name(form)}的标题，表格却是排查表的样式（风险隐患点一项一列打勾），"
                      f"不能按{_form_name(form)}读取；请按模板在“风险隐患点”一列填写编号（如 1、3、7）")
    vertical = reader.vertical_form(grid)
    if vertical is not None and (titled is None or titled[0].key == vertical[0].key):
        # (a 附件3 whose 处置进展 column reads 整改中, 已整改 is no 附件4 typed down a column; review)
        form, cell = vertical
        return cell, (f"工作表“{grid.name}”中{_form_name(form)}的栏目竖着排在 {cell.rstrip('0123456789')} 列（一个栏目一行），"
                      "本工具按模板读横排的表：各栏目名称在同一行，数字填在下面一行")
    if titled is not None:
        form, cell = titled
        return cell, f"工作表“{grid.name}”有{_form_name(form)}的标题，但找不到它的表头" + _xlsb(path)
    return None


def load_file(path: Path, display: str, config: Config, year: int | None, rules: bool = True) -> FileResult:
    """Read one file completely. Never raises for a bad file: it becomes a FILE_UNREADABLE finding. Without
    `rules`, the rule engine is not run (status and a previous period's snapshot need the records only)."""
    res = FileResult(display)
    try:
        st = path.stat()
        res.mtime = st.st_mtime
        # (a regular file only: a pipe named .xlsx would be waited on for ever; a larger one is rare)
        if res.mtime and stat.S_ISREG(st.st_mode) and st.st_size <= 16 * 1024 * 1024:
            res.digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        pass
    try:
        wb = reader.open_workbook(path, display)
        sheets, empty = reader.scan(wb)
    except safety.Unreadable as e:
        res.unreadable = True
        res.findings.append(make(Code.FILE_UNREADABLE, file=display, reason=str(e), unit=_named(path, display, config)))
        return res
    except RecursionError:
        res.unreadable = True
        res.findings.append(make(Code.FILE_UNREADABLE, file=display, reason="文件结构嵌套过深，已拒绝读取",
                                 unit=_named(path, display, config)))
        return res
    if not sheets:
        # (not our 校验结果 of a returned copy: the township was told its own sheets held no form; audit of copies)
        first_names = "、".join([g.name for g in wb.sheets if not reader.written_by_us(g)][:5]) or "无工作表"
        twice = next((g.name for g in wb.sheets if g.two_facilities), None)
        # (a paper 排查表 with a second facility's block below the first: said so, not as a file of no report)
        reason = _two_facilities(twice) if twice else f"工作表（{first_names}）中没有附件1–4的标题和表头" + _xlsb(path)
        # a form's title or its columns' names there (typed down a column): said where, not as no title at all
        where = ("", "")
        # (a sheet with a form's title first: a 指标说明 sheet listing 乡镇, 总数 … down a column before it is none)
        for g in () if twice else sorted(wb.sheets, key=lambda g: reader.titled_form(g) is None):
            if (headless := _headless(g, path)) is not None:
                where, reason = (g.name, headless[0]), headless[1]
                break
        res.findings.append(_own_reason(make(Code.FORM_NOT_FOUND, file=display, unit=_named(path, display, config),
                                             sheet=where[0], cell=where[1], row=row_of(where[1]) if where[1] else None,
                                             reason=reason), bool(twice)))
        return res
    res.hidden_rows = {g.name: g.hidden_rows for g in wb.sheets if g.hidden_rows}
    res.returned = wb.annotated
    res.copy_of = wb.copy_of
    names = {g.name for g in wb.sheets} & {"汇总", "校验问题"}
    stem_unit = unit_of_path(path, display, config)
    # a workbook consolidate wrote (one level down): its 附件1 乡镇 column names places below the units
    ours = functools.cache(lambda: bool(names) or reader.marked_consolidated(path))
    early_notes = functools.cache(lambda: safety.cell_notes(path) if ours() else {})
    book_unit = workbook_unit(sheets, config, ours)
    # the listed units the workbook's sheets name on their 填报单位 lines: one sheet's misspelling of one of them
    # (北欣镇 beside 北新镇) is that unit's sheet, said UNIT_UNKNOWN (resolve_unit)
    lines_named = frozenset(u for s in sheets if (t := s.unit_text.strip()) and (u := config.unit_named(t)))
    book_lead = workbook_lead(sheets, config, Path(display).stem)
    one_set = len({fs.form.key for fs in sheets}) == len(sheets)  # one township's forms, each once
    several = functools.cache(lambda: lists_several_units(sheets, config))
    named = {} if one_set else _months_named(sheets)
    reference = functools.cache(lambda: _named_reference(year, sheets, res))
    stem_month = _stem_month(Path(display).stem)  # (汇龙镇_7月报表.xlsx: stated_month)
    for grid in wb.sheets:
        # (a sheet named as a form under its label, where that form was read from no other sheet; review)
        titled = reader.titled_form(grid) or (
            (labelled := reader.labelled_form(grid)) and not any(fs.form.key == labelled[0].key for fs in sheets)
            and labelled or None) if grid.name in empty else None
        if titled and not (grid.hidden and any(fs.form.key == titled[0].key for fs in sheets)):
            # a form's sheet whose table could not be read: not to be taken for one not sent
            spot, why = _headless(grid, path) or (titled[1], f"工作表“{grid.name}”有{_form_name(titled[0])}的标注，"
                                                              "但找不到它的标题和表头")
            res.findings.append(_own_reason(make(
                Code.FORM_NOT_FOUND, file=display, sheet=grid.name, cell=spot, row=row_of(spot),
                unit=book_unit or stem_unit or "", reason=_two_facilities(grid.name) if grid.two_facilities
                else why), grid.two_facilities))
    # (a sheet of several townships' rows is read as each township's: by_row_unit)
    unit_findings: list[Finding]
    # (sheet, form, unit, code, message, column letter) of a column finding
    columns_said: set[tuple[str, str, str, Code, str, str]] = set()
    # (a sheet parted by township has one 合计 row for all its parts: compared with all their rows, once)
    parted_totals: dict[int, tuple[reader.FormSheet, str, list]] = {}
    for fs, own_unit, whole in ((part, u, g) for g in sheets for part, u in by_row_unit(g, config, ours)):
        said_from = len(res.findings)  # (a joined table's form left out for the unit's own: its findings go too)
        _sent_date(fs, year)
        # (the column naming each row's township where a list's rows were parted by it)
        place = list_place_column(fs) if own_unit and fs.form.key in ("F2", "F3") else None
        if own_unit:
            unit, unit_findings = own_unit, []
            if not config.is_unit(own_unit) and place is not None:
                # a list's rows naming a place not in the list (启东经济开发区, 汇尤镇): that place's, said at its cell
                unit_findings = [make(Code.UNIT_UNKNOWN, file=display, sheet=fs.sheet,
                                      cell=reader.ref(fs.rows[0].row - 1, place), unit=own_unit, name=own_unit,
                                      suggestion=unit_suggestion(own_unit, config))]
        else:
            unit, unit_findings = resolve_unit(fs, config, stem_unit, Path(display).stem, book_unit, ours, book_lead,
                                                one_set, several, lines_named)
        unnamed = any(f.code == Code.UNIT_UNKNOWN for f in unit_findings) and not config.names_a_place(fs.unit_text) \
            or (fs.form.key == "F3" and not own_unit and unit == config.reporting_unit and not ours()
                # (a township consolidating its own files, --unit 汇龙: its 附件3 is its own, not the city's copied
                # form — it was a unit 汇龙镇（收件）, every facility DISPOSAL_MISSING; audit of duplicates)
                and not config.is_unit(config.reporting_unit))
        # (an 附件3 alone under the city bureau's name copied from its form: whose 附件2 lists its facilities says)
        if fs.form.key == "FAC" and not config.names_a_place(fs.unit_text):
            # a facility sheet feeds classify, not the consolidated forms: no unit needed. One naming a place not in
            # the list (汇尤镇, 启东经济开发区) is told so, as a form would be (audit of classify)
            unit_findings = [f for f in unit_findings if f.code != Code.UNIT_UNKNOWN]
        # a paper form has no columns to be missing (its unanswered points are not ticked); a list going on on a
        # sheet without a header has its first sheet's columns, said there
        if not fs.cell_map and not fs.continues:
            # (a header repeated down the sheet, a printed page's, starts a table of its own: its missing and
            # extra columns are the same ones, said once; they were said at each, errors counted twice; audit)
            # (the column naming each row's township, which the rows were parted by, is no column to delete)
            for f in _column_findings(fs, unit):
                if place is not None and f.code == Code.COLUMN_UNKNOWN and col_index(f.cell) == place + 1:
                    continue
                # (a sheet of every township's rows, an export: its extra columns said once, not once per township —
                # 60 alike warnings for 5 system columns; audit of exports)
                if (column_said := (fs.sheet, fs.form.key, "" if own_unit else unit, f.code, f.message,
                                    f.cell.rstrip("0123456789"))) not in columns_said:
                    columns_said.add(column_said)
                    res.findings.append(f)
        parsed = parse_form(fs, unit, year)
        if fs.form.key in ("F1", "F4") and len(parsed.records) > 1 and not own_unit:
            parsed.records = _parts_summed_above(parsed.records, fs.form.key, unit, config)
        hint = None
        if year is None and any(f.code == Code.VALUE_INVALID and MISSING_YEAR in f.message for f in parsed.findings):
            # no period on the command line and a date without a year (6月3日): the sheet's own year, else
            # the workbook's (a 填报日期, title or file name giving one). Parsed again only then: rare.
            # Else the year the file was last saved: when a township self-checks its form, the year it filled it in.
            hint = year_hint(fs) or next((y for y in map(year_hint, sheets) if y), None)
            if hint is None:
                hint = _year_of_file(sheets, res)
            if hint:
                parsed = parse_form(fs, unit, hint)
        if fs.cell_map:
            _to_real_cells(fs.cell_map, parsed)
        if fs.form.key in ("F1", "F4") and unit == config.reporting_unit and ours():
            unit_findings = unit_findings + unlisted_rows(parsed.records, fs, config, early_notes().get(fs.sheet, {}))
        res.findings.extend(unit_findings)
        res.findings.extend(parsed.findings)
        rows = len(parsed.records)
        # (mypy cannot infer a lambda with a default argument: an ignore, the lambda kept)
        weeks = weeks_logged(parsed.records, year or hint or _saved_year(res.mtime),
                              lambda label, unit=unit: config.unit_named(label) == unit  # type: ignore[misc]
                              ) if fs.form.key == "F4" else None
        if weeks is None and fs.form.key in ("F1", "F4") and len(fs.total_rows) == 1 and not fs.cell_map:
            if fs is whole:
                res.findings.extend(_total_row_differs(fs, parsed.records, unit))
            else:  # (each township's rows were compared with the whole sheet's 合计: every figure said to differ)
                # (the 合计 row is the sheet's, no township's: said under its 填报单位, else the reporting unit — it
                # was charged to the first row's township, sent back for a line it never wrote; audit of 附件1)
                parted_totals.setdefault(id(whole), (fs, sheet_unit(whole, config), []))[2].extend(parsed.records)
        if weeks is None and fs.form.key in ("F1", "F4") and len(parsed.records) > 1:
            # (a workbook consolidate wrote: a township's 附件4 in 片区 rows, told apart by a column of its own,
            # is written under the township's name on each, the 片区 in the comment — told apart by it, or it
            # failed check as DUPLICATE_FACILITY; mutation testing)
            res.findings.extend(_township_twice(fs, parsed.records, unit, early_notes().get(fs.sheet, {}),
                                                lambda t: _town_written(t, config)))
        if weeks is not None:
            latest = weeks[-1]
            res.findings.extend(weekly_superseded(parsed.records, latest, display, fs.sheet, unit))
            res.findings.extend(fell_since(parsed.records[weeks[-2]], parsed.records[latest], unit,
                                            f"{fs.sheet}!{parsed.records[weeks[-2]].cell('label')}"))
            parsed.records = [parsed.records[latest]]
        res.forms.append(FormResult(fs.form.key, unit, fs.sheet, parsed.records, parsed.footer, rows,
                                    rows - len(parsed.records), unnamed, tuple(parsed.placeholders),
                                    stated_month(*month_hint(fs), parsed.footer.date, stem_month)
                                    or _named_month(named.get(fs.sheet), parsed.footer.date, reference),
                                    bool(fs.title), any(f.code == Code.UNIT_CONFLICT for f in unit_findings),
                                    bool(fs.match.partner)))
        if fs.match.partner:
            res.forms[-1].said = (said_from, len(res.findings))
        res.forms[-1].said_none = fs.said_none
        if not parsed.records and (start := start_cell(fs)):
            res.forms[-1].start = start
        res.forms[-1].revised = bool(fs.title) and title_revised(fs.title)
    for fr in res.forms:
        if fr.key in LIST_FORMS and fr.footer.date is None:
            fr.sent = max((o.footer.date for o in res.forms if o.unit == fr.unit and o.key in MONTHLY_FORMS
                           and o.footer.date is not None), default=None)
    for fs, unit, records in parted_totals.values():
        res.findings.extend(_total_row_differs(fs, sorted(records, key=lambda rec: rec.row), unit))
    for left in wb.leftovers:  # a hidden copy of a form shown on another sheet: not read, but not silently
        shown = next((fr for fr in res.forms if fr.key == left.form.key and (not left.past or fr.sheet == left.sheet)),
                     None) or next((fr for fr in res.forms if fr.key == left.form.key), None)
        first = left.rows[0]
        cols = left.match.columns
        c = next((cols[f] for f in ("name", "township", "label") if f in cols), 0)
        left_said = make(
            Code.SUBMISSION_SUPERSEDED, file=display, sheet=left.sheet, cell=reader.ref(first.row - 1, c),
            row=first.row, unit=shown.unit if shown else "", form=_form_name(left.form), count=2,
            rule="可见工作表上", newer=f"{display}!{shown.sheet if shown else ''}；隐藏的本表视为留底",
            rows=len(left.rows), date=_footer_date_text(left))
        if left.past:  # a past list under this month's on the same sheet: said as what it is
            at = (left.past_row if left.past_row >= 0 else left.match.header_row) + 1
            left_said = left_said.model_copy(update={"message": (
                f"第{at}行起“{left.past}”下的{'各行' if left.past_row >= 0 else '表'}是以往的名单，视为留底，"
                f"其{len(left.rows)}行未计入本月；如是本月名单，请删去这一标题" + (
                    "" if left.past_row >= 0 else "，并入上面的表"))})
        res.findings.append(left_said)
        if left.form.key != "FAC":  # facility sheets' rows are not counted in the forms' arithmetic
            res.leftover_rows += len(left.rows)
    # a workbook `consolidate` wrote: its 汇总 and 校验问题 sheets, else its document property (yanglao =
    # consolidated), read when one of those sheets is left or its forms hold several townships' rows (a city
    # clerk may delete or rename both sheets before sending it up)
    res.consolidated = len(names) == 2 or ((bool(names) or _several_townships(res.forms)) and reader.marked_consolidated(path)) \
        or _made_by_hand_over_townships(res.forms, config)
    if res.consolidated:
        _towns_from_column(res)
        notes = early_notes() if ours() else safety.cell_notes(path)
        res.noted = noted_codes(notes, wb.annotated or ANNOTATED_STEM.search(path.stem) is not None)
        units = {fr.unit for fr in res.forms if fr.unit}
        res.carried = carried_notes(notes, f"{next(iter(units))}{FOUND_BELOW}" if len(units) == 1 else FROM_BELOW)
        drop_stale_level_notes(res)
        drop_stale_date_notes(res)
        summary = next((g for g in wb.sheets if g.name == "汇总"), None)
        res.no_list = _units_without(summary, "附件2") if summary is not None else frozenset()
        res.no_stats = _units_without(summary, "附件4") if summary is not None else frozenset()
        res.f3_alone = summary is not None and _f3_without_list(summary)
        res.f3_sent = _units_with_disposals(summary) if summary is not None else frozenset()
        res.stated_period = _summary_period(summary) if summary is not None else ""
        res.weekly = summary is not None and "（周报：" in summary.text(0, 0)
        if res.weekly and summary is not None and (week := _SUMMARY_WEEK.search(summary.text(0, 0))):
            with contextlib.suppress(ValueError):  # (a title typed over: 2022-06-31 is no week)
                res.stated_week = dt.date.fromisoformat(week[1])
        for fr in res.forms if res.stated_period else ():
            # its 附件1–3 are of the period its 汇总 states (their titles carry none): 海安市's June workbook of
            # towns all late, dated 7月2日, was taken for July's one level up (audit of the levels)
            if not fr.month and fr.key not in WEEKLY_KEYS:
                fr.month = res.stated_period
        paired = paired_by_notes(notes, {fr.sheet for fr in res.forms if fr.key == "F3"})
        for unit in {fr.unit for fr in res.forms}:
            pair_disposals([r for fr in res.forms if fr.unit == unit and fr.key == "F2" for r in fr.records],
                           [r for fr in res.forms if fr.unit == unit and fr.key == "F3" for r in fr.records], paired)
    elif wb.notes and res.forms:
        # the township's own comments on its cells (该机构已于6月20日关停): carried to the consolidated workbook's cells
        # as a consolidated workbook's notes are (they were lost there; audit of what clerks say with Excel's features)
        from .annotate import township_note

        res.carried = {(sheet, ref): said if said.startswith(TOWNSHIP_NOTE) else TOWNSHIP_NOTE + said
                       for sheet, cells in safety.cell_notes(path).items() for ref, text in cells.items()
                       if (said := township_note(text))}
    _green_without_points([res])
    subs: dict[str, Submission] = {}
    _merge(subs, res, "", config)
    if rules:
        res.unit_checks = {unit: check_unit(sub) for unit, sub in subs.items()}
        res.findings.extend(_facility_checks(res, config))
    return res


def _xlsb(path: Path) -> str:
    """What to add where an .xlsb showed no form: python-calamine reads some programs' .xlsb (SheetJS) with every
    column but the first blank, and the clerk was told the form was wrong (blind audit of other programs' files)."""
    return ("；.xlsb（二进制工作簿）本工具可能读不全，请用 Excel/WPS 另存为 .xlsx 后重新发送"
            if path.suffix.lower() == ".xlsb" else "")


def _own_reason(f: Finding, alone: bool) -> Finding:
    """FORM_NOT_FOUND with its reason alone, without the template's “是报表的…不是报表的…” (a 排查表 of two
    facilities is a report: the advice contradicted the reason; review)."""
    return f.model_copy(update={"message": f.message.split("；是报表的")[0]}) if alone else f


def _two_facilities(sheet: str) -> str:
    """FORM_NOT_FOUND's reason for a paper 排查表 holding two facilities' blocks (reader.read_vertical_facility)."""
    return f"工作表“{sheet}”上填了不止一家机构的排查表（一张排查表只能填一家），无法读取；请每家机构单独一张排查表"


def _named(path: Path, display: str, config: Config) -> str:
    """The unit a file's name or folder names, for a file that could not be read (汇龙镇_2022年6月.xlsx): whose
    file to ask for again; "" when none does."""
    return unit_of_path(path, display, config) or ""


def _saved_year(mtime: float) -> int | None:
    return china_time(mtime).year if mtime > 0 else None


_DATA_YEAR = re.compile(r"(?<!\d)(20[2-9]\d)(?=\s*[-/.年])")


# a month a sheet's name gives without a year (附件2（5月）, 附件2-6月, 截至6月, 六月): a season's lists kept in one
# workbook, a sheet a month. Not a form's number (附件2月报), a place (吕四月报), an ordinal (第2月), a list or span of
# months (1、2月, 1-6月, 1月至6月, 1月-6月) nor a start (4月以来新增: a continuation), nor a year's month (month_hint)
_NAMED_MONTH = re.compile(
    r"(?:(?<![\d.年第件])(?<!(?<!件)\d[-–—~～、，,])(?<!(?<!截)[至到])(?<!月[-–—~～至到])(?<!月份[-–—~～])"
    r"(1[0-2]|0?[1-9])|(?<![\u4e00-\u9fff])(十[一二]?|[一二三四五六七八九]))"
    r"\s*月(?!\d|份?\s*(?:[至到\-–—~～起]|以来|开始|以后|以前|至今|之前|之后))")
_NUMERAL_MONTHS = {ch: n for n, ch in enumerate("一二三四五六七八九十", 1)} | {"十一": 11, "十二": 12}


def _months_named(sheets: list[reader.FormSheet]) -> dict[str, int]:
    """The month (1–12) each sheet's name gives, for forms that come on several sheets naming different months
    (附件2（5月） beside 附件2（6月）): last month's list left in the workbook is then another period's, not added
    to this month's (both were read as one list, its repeats DUPLICATE_FACILITY; audit). _named_month places it."""
    by_form: dict[str, dict[str, int]] = {}
    for fs in sheets:
        if len(found := {m[1] or m[2] for m in _NAMED_MONTH.finditer(fs.sheet)}) == 1:
            text = found.pop()
            by_form.setdefault(fs.form.key, {})[fs.sheet] = int(text) if text.isdigit() else _NUMERAL_MONTHS[text]
    return {sheet: n for named in by_form.values() if len(set(named.values())) > 1 for sheet, n in named.items()}


def _named_month(n: int | None, date: dt.date | None, reference: Callable[[], tuple[int, int, int] | None]) -> str:
    """The report month ("2022-05") of a sheet named by month `n`: the name gives the month — a sheet copied from
    last month's keeps its 填报日期 (附件2（6月） dated 2022-05-18; review) — and the year is the one putting it
    latest but not more than two months after the sheet's own 填报日期, else after the reference (the period, the
    workbook's latest 填报日期; not after the day the file was saved): 1月 beside a December is next January."""
    if n is None:
        return ""
    ref = (date.year, date.month, 2) if date is not None else reference()
    if ref is None:
        return ""
    year, month, ahead = ref
    y = year + 1
    while (y - year) * 12 + n - month > ahead:
        y -= 1
    return f"{y:04d}-{n:02d}"


def _named_reference(year: int | None, sheets: list[reader.FormSheet], res: FileResult
                     ) -> tuple[int, int, int] | None:
    """For _named_month, of a sheet without a 填报日期: (year, month, months a sheet may be ahead of it) — the
    period's; else the latest 填报日期 in the workbook; else a year it states (December's); else the day the file
    was saved (nothing in it is later), and the file is one the inbox's year may read again (_with_inbox_year),
    as dates without a year are."""
    if year is not None:
        return int(year), getattr(year, "month", 12), 2
    dated = [n.value for fs in sheets if "填报日期" in fs.footer
             if (n := parse_date(fs.footer["填报日期"][0], None)).ok and n.value is not None]
    if dated:
        latest = max(dated)
        return latest.year, latest.month, 2
    if (stated := next((y for y in map(year_hint, sheets) if y), None)) is not None:
        return stated, 12, 0
    if res.mtime <= 0:
        return None
    saved = china_time(res.mtime)
    if res.year_from_mtime is None:
        res.year_from_mtime = saved.year
    return saved.year, saved.month, 0


def _year_of_file(sheets: list[reader.FormSheet], res: FileResult) -> int | None:
    """For dates without a year in a workbook that says the year nowhere (title, 填报日期, names): the year the
    file was last saved — when a township self-checks its form, the year it filled it in — unless the file was
    saved three years or more after the latest year its rows' own dates give (立案 2022年7月3日 in a copy saved in
    2026: a report downloaded or copied since), then that year. (Two years was too near: a 2024 report still
    following a case of 2022 — review.)"""
    saved = _saved_year(res.mtime)
    years = [int(m[1]) for fs in sheets for raw in fs.rows for t in raw.texts if t and "20" in t
             for m in _DATA_YEAR.finditer(t)]
    data = max((y for y in years if y >= CAMPAIGN_YEAR), default=None)
    if data is not None and (saved is None or saved - data >= 3):
        return data
    if saved is not None and saved > CAMPAIGN_YEAR and _dated_after(sheets, saved, china_time(res.mtime).date()):
        saved -= 1  # 填报日期 6月15日 in a file saved on 5 January: last year's June, not this year's (audit)
    res.year_from_mtime = saved
    return saved


def _dated_after(sheets: list[reader.FormSheet], year: int, saved_on: dt.date) -> bool:
    """Whether a form's 填报日期, given `year`, falls more than a month after the day the file was saved: the
    date was written the year before. (A few days after is a date written ahead — the deadline, 6月20日, or the
    Wednesday of a weekly 附件4 filled on Monday — not last year's; review.)"""
    for fs in sheets:
        if "填报日期" in fs.footer:
            n = parse_date(fs.footer["填报日期"][0], year)
            if n.ok and n.value is not None and n.value > saved_on + dt.timedelta(days=31):
                return True
    return False


def latest_report_date(arrivals: list[Arrival], monthly: bool) -> dt.date | None:
    """The 填报日期 a consolidated workbook carries: the latest of the monthly forms (附件1–3), or of the weekly
    附件4: each has its own deadline one level up, so 附件4 must not carry a later monthly date (a city would be
    late on every weekly report)."""
    from .periods import misdated

    # (a township's 2099-06-15, a slip of the year said DATE_IN_FUTURE there, was the city's own 填报日期, and the
    # consolidated workbook failed its check; review)
    dated = [a for a in arrivals if a.date and not a.superseded and not misdated(a)]
    dates = [a.date for a in dated if (a.form != "F4") == monthly]
    if not dates:  # a level that sent only one kind: the other's date is the same day's work
        dates = [a.date for a in dated]
    return max(cast("list[dt.date]", dates), default=None)  # (dated: each has its date)


def _undated_case_dates(loaded: Loaded) -> list[Finding]:
    """DATE_IN_FUTURE of a unit that dated none of its forms, against the date the consolidated workbook carries
    (the latest of the others'): its 立案 after that date would first be an error one level up, where the
    consolidated workbook fails its own check."""
    ref = latest_report_date(loaded.arrivals, monthly=True)
    out: list[Finding] = []
    if ref is None:
        return out
    said = "（本单位各表未填填报日期，按本次汇总的填报日期）"
    for sub in loaded.submissions.values():
        if sub.f3 and not any(f.date for f in sub.footers.values()):
            for r3 in sub.f3:
                out.extend(case_date_in_future(r3, Ctx(unit=sub.unit, report_date=ref), said))
    return out


def _judged_by_consolidated_date(findings: list[Finding], undated: list[Finding]) -> list[Finding]:
    """The findings with `undated` (_undated_case_dates) in place of what the unit's own check said at those cells
    against today (a date after today, its year written): one finding a cell, the consolidated workbook's date as
    the consolidated workbook, checked, says it (review)."""
    cells = {(f.file, f.sheet, f.cell) for f in undated}
    return [f for f in findings if f.code != Code.DATE_IN_FUTURE or (f.file, f.sheet, f.cell) not in cells] + undated


def facility_unit_conflict(rec: Any, unit: str, config: Config) -> list[Finding]:
    """A facility sheet's row whose 所在区镇 (南阳镇) is not the sheet's unit (汇龙镇): a row copied from a neighbour's,
    or the sheet's 填报单位 wrong (audit of classify); a county's sheet of every town's facilities names no one unit.
    check and classify say it alike."""
    there = config.unit_named(rec.township) if rec.township else None
    if there and config.is_unit(unit) and there != unit and rec.cell("township"):
        return [make(Code.UNIT_CONFLICT, file=rec.file, sheet=rec.sheet, cell=rec.cell("township"), row=rec.row,
                     unit=unit, facility=rec.name, chosen=unit,
                     detail=f"本表按“{unit}”读取，第{rec.row}行“所在区镇”却是“{there}”")]
    if there is None and rec.township and rec.cell("township") and config.names_a_place(rec.township):
        # a place not in the list (汇尤镇, 启东经济开发区): said as 附件1's 乡镇 column is — it passed unsaid, signed
        # or not (blind audit of classify)
        if config.is_unit(unit):
            m = config.match_unit(rec.township)
            return [make(Code.UNIT_CONFLICT, file=rec.file, sheet=rec.sheet, cell=rec.cell("township"), row=rec.row,
                         unit=unit, facility=rec.name, chosen=unit,
                         detail=f"本表按“{unit}”读取，第{rec.row}行“所在区镇”却是名单外的“{rec.township}”"
                                + (f"（是否为“{m.suggestion}”？）" if m.suggestion else ""))]
        if not (unit and config.names_a_place(unit)):  # (signed by a place not in the list: that is said already)
            return [make(Code.UNIT_UNKNOWN, file=rec.file, sheet=rec.sheet, cell=rec.cell("township"), row=rec.row,
                         unit=rec.township, facility=rec.name, name=rec.township,
                         suggestion=unit_suggestion(rec.township, config))]
    return []


def _facility_checks(res: FileResult, config: Config) -> list[Finding]:
    """The facility sheet's rules (as `classify` applies them): check judges the sheet it reads, too."""
    from .rules.facility import classify_facility

    out: list[Finding] = []
    for fr in res.forms:
        if fr.key == "FAC":
            for rec in fr.records:
                out.extend(facility_unit_conflict(rec, fr.unit, config))
                for f in classify_facility(rec, Ctx(unit=fr.unit, report_date=fr.footer.date))["findings"]:
                    # on a paper form the fields of one facility sit on many rows: a finding's row is its cell's
                    out.append(f.model_copy(update={"row": row_of(f.cell)}) if row_of(f.cell) else f)
    return out


def _footer_date_text(fs: reader.FormSheet) -> str:
    """The 填报日期 a sheet's footer shows, as written (for a message), or 未填."""
    return fs.footer.get("填报日期", ("", ""))[0] or "未填"


def _form_name(form) -> str:
    return f"附件{form.number}" if form.number else form.title


def _green_without_points(results: list[FileResult]) -> None:
    """A facility its 附件2 declares 绿 with no points (blank, 无, /) is consistent: GREEN_IN_LIST says what is
    wrong, not also VALUE_REQUIRED/VALUE_INVALID on its points, on 附件2 or on its 附件3 row — whether 附件3 is in
    the same workbook or another file of the unit (_load runs this over the inbox too; the same content sent as
    one workbook or four files gave different findings — audit of finding cells)."""
    from .models import RiskLevel
    from .parse import NO_POINTS

    green_level = RiskLevel.GREEN  # (once: the enum's own name goes through a __getattr__ hook on every row)
    green = {(fr.unit, facility_key(r.name)) for res in results for fr in res.forms if fr.key == "F2"
             for r in fr.records if r.level == green_level and r.raw.get("points", "") in NO_POINTS}
    if not green:
        return
    for res in results:
        cells = set()
        for fr in res.forms:
            if fr.key not in ("F2", "F3"):
                continue
            for r in fr.records:
                if (fr.unit, facility_key(r.name)) in green and r.raw.get("points", "") in NO_POINTS:
                    if "points" in r.invalid:  # (an empty one is the frozen set shared by records from a worker)
                        r.invalid.discard("points")
                    cells.add((r.file, r.sheet, r.cell("points")))
        if cells:
            res.findings = [f for f in res.findings if (f.file, f.sheet, f.cell) not in cells
                            or f.code not in (Code.VALUE_REQUIRED, Code.VALUE_INVALID)]


def _to_real_cells(cell_map: dict[str, str], parsed) -> None:
    """A form read from another layout: findings and records point at the real cells, not the synthetic row."""
    for i, f in enumerate(parsed.findings):
        real = cell_map.get(f.cell)
        if real:
            parsed.findings[i] = f.model_copy(update={"cell": real, "row": row_of(real)})
    for rec in parsed.records:
        cells = {field: cell_map.get(f"{letter}1", "") for field, letter in rec.columns.items()}
        first = next(iter(cells.values()), "")
        rec.__dict__.update(cells=cells, columns={}, row=row_of(first) or rec.row)


def _arrivals(grid: reader.Grid) -> list[tuple[str, str]]:
    """(unit, 报送情况 without its note) of each unit row of a consolidated workbook's 汇总 sheet (附件1–4齐全,
    缺附件3、附件4, 未报送); none where the sheet is not ours."""
    if grid.text(1, 0) != "单位名称" or grid.text(1, 1) != "报送情况":
        return []
    return [(unit, grid.text(r, 1).split("（", 1)[0]) for r in range(2, len(grid.rows))
            if (unit := grid.text(r, 0)) and unit != "合计"]


def _units_without(grid: reader.Grid, form: str) -> frozenset[str]:
    """The units a consolidated workbook's 汇总 sheet says sent no `form` this period (报送情况 未报送, or 缺… naming
    it): without 附件2, their facilities have not left the list (no FACILITY_DROPPED), as for a township that sent
    none; without 附件4, their figures are not compared."""
    return frozenset(u for u, state in _arrivals(grid)
                     if state.startswith("未报送") or (state.startswith("缺") and form in state))


def _summary_period(grid: reader.Grid) -> str:
    """The period a consolidated workbook's 汇总 title states (启东市民政局 2022-06 风险管控名单汇总): diff and
    --previous tell swapped periods by it where the title property is gone (a copy into a new workbook; audit)."""
    m = _SUMMARY_PERIOD.search(grid.text(0, 0))
    return f"{m[1]}-{int(m[2]):02d}" if m else ""


_SUMMARY_PERIOD = re.compile(r"(?<![\d-])(20\d{2})-(0[1-9]|1[0-2])(?![\d-])")  # as consolidate writes it
_SUMMARY_WEEK = re.compile(r"周报：(20\d{2}-\d{2}-\d{2}) 这一周")


def _units_with_disposals(grid: reader.Grid) -> frozenset[str]:
    """The units a consolidated workbook's 汇总 says sent 附件3 (附件1–4齐全, or 缺… not naming 附件3): on that
    workbook their 附件2 rows without a disposal are DISPOSAL_MISSING, as they were for the township itself, even
    where no 附件3 row of theirs could be told (one written with another facility's name)."""
    return frozenset(u for u, state in _arrivals(grid)
                     if state.endswith("齐全") or (state.startswith("缺") and "附件3" not in state))


def _f3_without_list(grid: reader.Grid) -> bool:
    """Whether a consolidated workbook's 汇总 says a unit sent 附件3 but no 附件2 (缺附件2, 附件3 not missing too): its
    附件3 rows are there, naming no township, and paired with no 附件2 row."""
    return any(s.startswith("缺") and "附件2" in s and "附件3" not in s for _, s in _arrivals(grid))


def _several_townships(forms: list[FormResult]) -> bool:
    """Rows of more than one township: 附件1 rows of two 乡镇, 附件4 rows of two units, 附件2 rows under two
    牵头排查单位. A township's own workbook rarely has them, so the document property is seldom read."""
    for fr in forms:
        field = _TOWNSHIP_FIELDS.get(fr.key)
        if field:
            texts = {getattr(r, field) for r in fr.records}  # as written first: one text repeated is the rule
            if len(texts - {""}) > 1 and len({header_key(t) for t in texts} - {""}) > 1:
                return True
    return False


_TOWNSHIP_FIELDS = {"F1": "township", "F2": "lead_unit", "F4": "label"}


def _made_by_hand_over_townships(forms: list[FormResult], config: Config | None = None) -> bool:
    """A county's consolidated workbook made by hand (or by another program): 附件1 rows of two townships or more
    (each row a 镇, 乡 or 街道) and an 附件2 led by two or more of those townships (东江镇民政办, 西河镇民政办) — read
    as one this tool wrote, one name possibly two townships' facilities (its namesakes were DUPLICATE_FACILITY,
    请合并为一行; audit of scale). A township's own workbook — its 附件1 by village, or its list led by a
    neighbour's office for a shared facility — is not (review)."""
    from .rules.crossform import town_key

    rows = [r.township for fr in forms if fr.key == "F1" for r in fr.records if r.township]
    if not rows:
        # no 附件1: a county's 附件2/附件3 made by hand and signed by the county (启东市民政局), its list led by two or
        # more townships' offices — namesakes of two towns were DUPLICATE_FACILITY (audit at scale). Not a
        # township's own list (signed by a township) led in part by a neighbour's office.
        lists = [fr for fr in forms if fr.key == "F2" and fr.records]
        if not lists or any(not fr.unit or _TOWN_END.search(header_key(fr.unit)) for fr in lists):
            return False
        leads = {_row_town(r) for fr in lists for r in fr.records} - {""}
        # signed by this level itself, or by a unit above the towns (a county at the city's level) — not a unit of
        # this level's own list leading towns of that list: a development zone's own list led by two neighbouring
        # towns' offices was taken for a county's, its duplicate unsaid (review)
        below = config is None or all(is_reporting_unit(fr.unit, config) for fr in lists) or \
            not any(config.match_unit(t).name for t in leads)
        return len(leads) >= 2 and all(_TOWN_END.search(t) for t in leads) and \
            not any(town_key(fr.unit) in leads for fr in lists) and below
    # (城南街道（如皋市）: a township told apart by its city one level up; a development zone among the townships, a
    # unit of the level below that sent nothing (海门区 | 未报送): a copy of this tool's city workbook without its
    # marks was read as one unit's list, namesakes of two towns DUPLICATE_FACILITY; audit of levels)
    if not rows or not all(_TOWN_ONLY.fullmatch(header_key(_TOLD_APART_END.sub("", t))) for t in rows):
        return False
    towns = {town_key(t) for t in rows}
    if len(towns) < 2:
        return False  # (a township's own workbook, asked of every file: its rows' townships are not looked at)
    # the township of each 附件2 row: its 牵头排查单位's, else its 区镇 column's (民政办 | 常乐镇: a county's set made by
    # hand, the township written in a column of its own — audit of levels)
    leads = {_row_town(r) for fr in forms if fr.key == "F2" for r in fr.records} - {""}
    return len(leads) >= 2 and leads <= towns


_ZONES = "开发区|高新区|园区|工业园|产业园|度假区|新区"  # places a city lists beside its townships
_TOWN_ONLY = re.compile(rf".{{2,}}?(?:街道|镇|乡|{_ZONES}|区|县|市)")  # a township's or a unit's name, not a village's
_TOLD_APART_END = re.compile(r"[（(][^（）()]+[)）]$")
_TOWN_END = re.compile(r"(?:街道|镇|乡)$")


def _place_in_row(rec: Any) -> str:
    """What a list's row writes in a column of its own naming its township (区镇, 所属乡镇), else ""."""
    return next((v.strip() for k, v in rec.extra.items()
                 if v and LIST_PLACE.fullmatch(asked_words(k))), "")


def _row_town(rec: Any) -> str:
    """The township a consolidated 附件2 row belongs to: its 牵头排查单位's, else its 区镇 column's."""
    from .rules.crossform import town_key

    lead = rec.lead_unit or ""
    if lead and _names_town(lead):
        return town_key(lead)
    place = _place_in_row(rec)
    return town_key(place) if place else town_key(lead) if lead else ""


def _names_town(text: str) -> bool:
    """Whether a 牵头排查单位 or a place names a township or a zone (常乐镇民政办, 海安高新区), not an office alone (民政办)."""
    return _TOWN_FIRST.match(header_key(text)) is not None


_TOWN_FIRST = re.compile(rf".{{1,12}}?(?:街道|镇|乡|{_ZONES})")


def _towns_from_column(res: FileResult) -> None:
    """A consolidated workbook made by hand whose lists name each row's township in a column of their own (区镇 |
    名称 | … | 牵头排查单位 民政办): the 附件2 row's 牵头排查单位 is made to name it (常乐镇民政办), as the consolidated
    workbook writes it, and each 附件3 row keeps its township, to be paired with its own town's row — two towns'
    幸福养老院 were one facility listed twice, the yellow one judged at the orange one's level (audit of levels).
    That column is no extra column to delete."""
    from .rules.crossform import town_key

    used: set[tuple[str, str]] = set()  # (sheet, header) of a township column read so
    for fr in res.forms:
        if fr.key not in ("F2", "F3"):
            continue
        for rec in fr.records:
            place = _place_in_row(rec)
            if not place or not _names_town(place):
                continue
            used.update((fr.sheet, k) for k, v in rec.extra.items() if v.strip() == place)
            if fr.key == "F3":
                rec.__dict__["own_town"] = town_key(place)
            elif not _names_town(lead := rec.lead_unit or ""):
                rec.__dict__["lead_unit"] = place + lead
    if used:
        res.findings = [f for f in res.findings if f.code != Code.COLUMN_UNKNOWN
                        or not any(f.sheet == sheet and f"“{k}”" in f.message for sheet, k in used)]


def _merge(subs: dict[str, Submission], res: FileResult, period: str, config: Config,
           superseded: frozenset[Source] = frozenset()) -> None:
    """Add one file's forms to the units' submissions (the first footer and sheet of each form count).
    `superseded`: the reports (Source) left out, a later report of the same cumulative form counting."""
    for fr in res.forms:
        if fr.key == "FAC":
            continue  # facility sheets feed `classify`, not the consolidated forms
        if superseded and source_of(res, fr) in superseded:
            continue
        sub = subs.get(fr.unit)
        if sub is None:
            sub = subs[fr.unit] = Submission(unit=fr.unit, period=period, aliases=config.aliases_of(fr.unit),
                                             city=config.city_short)
        if res.display not in sub.files:
            sub.files.append(res.display)
        sub.consolidated = sub.consolidated or res.consolidated
        if res.no_list:
            sub.no_list = sub.no_list | res.no_list
        if res.no_stats:
            sub.no_stats = sub.no_stats | res.no_stats
        sub.f3_alone = sub.f3_alone or res.f3_alone
        sub.stated_period = sub.stated_period or res.stated_period
        sub.stated_week = sub.stated_week or res.stated_week
        if res.f3_sent:
            sub.f3_sent = sub.f3_sent | res.f3_sent
        getattr(sub, fr.key.lower()).extend(fr.records)
        if res.consolidated and fr.placeholders and fr.key in ("F1", "F4"):
            # a place below this level's units (a city's 启隆镇, one level up); never one of this level's own units
            # (a town's workbook of its own files sent as a report: its other towns 未报送 are no rows of its)
            sub.unsent.setdefault(fr.key, []).extend((res.display, fr.sheet, row, place)
                                                     for row, place in fr.placeholders
                                                     if not config.match_unit(place).name)  # (海门街道 ≠ 海门区)
        sub.footers.setdefault(fr.key, fr.footer)
        sub.forms.setdefault(fr.key, f"{res.display}!{fr.sheet}")
        if fr.start:
            sub.starts.setdefault(fr.key, []).append((res.display, fr.sheet, fr.start))


def _column_findings(fs: reader.FormSheet, unit: str = "") -> list[Finding]:
    out: list[Finding] = []
    form = fs.form
    named: set[int] = set()  # blank-headed columns a missing one's finding is said at
    for col in form.needed:
        if col.field not in fs.match.columns:
            if col.field == "level" and fs.rows and all(raw.section for raw in fs.rows):
                continue  # every facility under a level's heading (一、红色名单): the level is given, by part
            c = _missing_column(fs, col.field)
            r = fs.header_row_of(c)
            if (blank := _blank_where_missing(fs, col.field)) is not None:
                # its values are there under a header left blank: fill the header in (it said to insert a column
                # before the next one, and the clerk would have typed every value again; audit of the CLI contract)
                named.add(blank)
                cell = reader.ref(fs.match.header_row, blank)
                out.append(make(Code.COLUMN_MISSING, file=fs.file, sheet=fs.sheet, cell=cell, row=row_of(cell),
                                unit=unit, form=form.label, column=col.header,
                                where=f"（{cell} 的表头是空的，下面各行有数据：如是这一列，请在 {cell} 填上表头）"))
                continue
            cell = reader.ref(r, c)
            # the cell is the next column's header: said so, or the comment reads as a remark on that column
            beside = fs.grid.text(r, c)
            if r == fs.match.header_row and fs.match.data_start - r >= 2 \
                    and (low := fs.grid.text(r + 1, c)) and low != beside and (r + 1, c) not in fs.grid.merged_origin:
                beside += low  # its header typed over two rows (风险 | 隐患等级): said whole
            # (said as the header reads: 风险 隐患等级 and 风险隐患等级 on a page's repeated header are one finding)
            beside = "".join(beside.split())
            where = f"（在“{beside}”列之前插入，并填写各行）" if beside else "（在表的最后一列之后添加，并填写各行）"
            out.append(make(Code.COLUMN_MISSING, file=fs.file, sheet=fs.sheet, cell=cell, row=row_of(cell),
                            unit=unit, form=form.label, column=col.header, where=where))
    numbering = reader.added_seq_columns(fs.match)  # (a 序号 added to 附件4 is no extra column of values)
    extra = [(c, header) for c, header in sorted(fs.match.unknown.items()) if c not in numbering and c not in named]
    for c, header in extra[:EXTRA_COLUMNS_SAID]:
        r = fs.header_row_of(c)
        out.append(make(Code.COLUMN_UNKNOWN, file=fs.file, sheet=fs.sheet, cell=reader.ref(r, c),
                        row=r + 1, unit=unit, form=form.label, column=header))
    if len(extra) > EXTRA_COLUMNS_SAID:
        # the rest in one finding: a header pasted on to column XFD gave 16,375 warnings, a 4 MB report (audit)
        rest = extra[EXTRA_COLUMNS_SAID:]
        first, last = reader.ref(fs.header_row_of(rest[0][0]), rest[0][0]), reader.ref(fs.header_row_of(rest[-1][0]),
                                                                                         rest[-1][0])
        found = make(Code.COLUMN_UNKNOWN, file=fs.file, sheet=fs.sheet, cell=first, row=row_of(first), unit=unit,
                     form=form.label, column=rest[0][1])
        out.append(found.model_copy(update={"message": (
            f"{form.label}另有{len(rest)}列模板以外的表头（{first}“{rest[0][1]}”至{last}“{rest[-1][1]}”），其内容已保留；"
            "如无必要请删除这些列，需要说明的内容请写入模板中的列")}))
    return out


EXTRA_COLUMNS_SAID = 20  # extra columns of one sheet said one by one; more are said in one finding


_SUMMED = {"F1": ("total", "checked"), "F4": F4_FIELDS}


def _town_written(text: str, config: Config) -> str:
    """The unit a 乡镇 cell names as the unit itself — in full, short (汇龙), by an alias, or with its office's words
    (汇龙镇人民政府) — else the text: 汇龙镇开发区片 is a part of the town, a row of its own."""
    unit = config.unit_named(text)
    if unit is None:
        return text
    bare = strip_decorations(header_key(text))
    return unit if bare in {header_key(n) for n in (unit, short_name(unit), *config.aliases_of(unit))} else text


_SENT_META = re.compile(r"提交|时间|日期|设备|[Ii][Pp]|昵称|来源|渠道|填写人|填报人|答卷|修改|编号|序号")


def _township_twice(fs: reader.FormSheet, records: list, unit: str, notes: dict[str, str] | None = None,
                    canon: Callable[[str], str] = str) -> list[Finding]:
    """附件1/附件4 naming one township on two rows: figures since the campaign began, which the consolidation adds
    up by row — last month's row copied and hidden, or left above this month's, counted the town twice, unsaid
    (audit of WPS workbooks). DUPLICATE_FACILITY at the later row, saying which of the two is hidden: the same row
    once they are shown (the annotated copy, the consolidated workbook, where the hidden one was said again at the
    other row, not REPORTED_BELOW; audit of invariants)."""
    field_ = "township" if fs.form.key == "F1" else "label"
    seen: dict[str, Any] = {}
    out: list[Finding] = []
    for rec in records:
        name = getattr(rec, field_, "") or unit  # (附件4's first column left blank: the unit's own row)
        # (a column of the town's own telling its rows apart, 片区 城区片 | 农村片, makes them two parts, not twice)
        # — not a column of when and by whom a row was sent (提交时间, 填报日期, 提交者: an online form's export, where a
        # town answering twice was added up unsaid; review)
        # (the township as the list names it: 汇龙 and 汇龙镇人民政府 answering twice are one town; review)
        key = re.sub(r"\s+", "", canon(name)) + "\0" + "\0".join(
            v for k, v in rec.extra.items() if not _SENT_META.search(k)) if name else ""
        if key and notes and (said := notes.get(rec.cell(field_), "")) and EXTRA_NOTE in said:
            # its extra columns as the consolidated workbook keeps them: in the comment (forms.EXTRA_NOTE); the
            # comment's other lines (the township's own DUPLICATE_FACILITY marked there) tell nothing apart
            key += "\0" + "\0".join(line for line in said.split("\n") if line.startswith(EXTRA_NOTE))
        if not key:
            continue
        other = seen.setdefault(key, rec)
        if other is rec:
            continue
        hidden = "，该行是隐藏的" if other.row in fs.grid.hidden_rows else ""
        out.append(make(Code.DUPLICATE_FACILITY, file=fs.file, sheet=fs.sheet, cell=rec.cell(field_), unit=unit,
                        facility=name, form=fs.form.label, other_row=f"第{other.row}行{hidden}",
                        fix=f"{fs.form.label}填的是累计数，同一区镇只填一行，两行会被相加；请删去多余的一行（如上期留下的行）"))
    return out


def _on_hidden_rows(findings: list[Finding], results: list[FileResult]) -> list[Finding]:
    """A finding on a row hidden by hand or filtered out says so: the clerk looking at the cell named saw nothing
    there (audit of WPS workbooks)."""
    hidden = {(res.display, sheet): rows for res in results for sheet, rows in res.hidden_rows.items()}
    if not hidden:
        return findings
    return [said_also(f, HIDDEN_ROW.format(row=f.row))
            if f.row is not None and f.row in hidden.get((f.file, f.sheet), ()) else f for f in findings]


def _total_row_differs(fs: reader.FormSheet, records: list, unit: str) -> list[Finding]:
    """A sheet's one 合计 row under its rows, or over them as statistics tables put it first (a county's, or a clerk's
    hand edit of ours), whose figure is not their sum: the rows are what is consolidated, the 合计 line dropped —
    said, or the next level quietly got a figure other than the one on the stamped sheet (audits of county
    workbooks and of a hand-edited 汇总表)."""
    t = fs.total_rows[0]
    if not records or any(rec.row - 1 > t for rec in records) and any(rec.row - 1 < t for rec in records):
        return []  # a total between rows: a part's, not the sheet's
    texts = fs.grid.row_texts(t)
    out = []
    # 附件1's 总数 and 已排查 are summed in pairs (consolidate.paired_progress): a row with either unreadable is left
    # out of both, so neither sum can be compared (our own 合计 was said to differ one level up; audit)
    paired = _SUMMED["F1"] if fs.form.key == "F1" else ()
    unknown = {f for f in paired if any(getattr(rec, g) is None for rec in records for g in paired)}
    for f in _SUMMED[fs.form.key]:
        c = fs.match.columns.get(f)
        values = [getattr(rec, f) for rec in records]
        if c is None or c >= len(texts) or not texts[c] or f in unknown or any(v is None for v in values):
            continue
        said = parse_int(texts[c])
        if said.ok and said.value is not None and said.value != sum(values):
            cell = reader.ref(t, c)
            out.append(make(Code.TOTAL_ROW_MISMATCH, file=fs.file, sheet=fs.sheet, cell=cell, row=t + 1, unit=unit,
                            column=fs.form.column(f).header, said=said.value, summed=sum(values)))
    return out + _total_row_cells(fs, t, texts, unit)


def _total_row_cells(fs: reader.FormSheet, t: int, texts: list[str], unit: str) -> list[Finding]:
    """The 合计 row's own cells, as a row's are: a formula saved without its result (=SUM(C5:C6) written by a
    program) is FORMULA_NO_VALUE, and 附件1's 占比 must be its 已排查/总数 — the stamped sheet's 合计 said 80% of
    14/15 without a word (audit of 附件1's figures)."""
    out = []
    grid = fs.grid
    for f, c in sorted(fs.match.columns.items(), key=lambda fc: fc[1]):
        cell = reader.ref(t, c)
        recomputed = grid.followed.get(cell, "（无法计算，视为未填）" if cell in grid.formulas_without_value else None)
        if recomputed is not None:
            out.append(make(Code.FORMULA_NO_VALUE, file=fs.file, sheet=fs.sheet, cell=cell, row=t + 1, unit=unit,
                            column=fs.form.column(f).header, recomputed=recomputed))
    cols = fs.match.columns
    if fs.form.key != "F1" or not all(k in cols and cols[k] < len(texts) for k in ("total", "checked", "percent")):
        return out
    total, checked = parse_int(texts[cols["total"]]).value, parse_int(texts[cols["checked"]]).value
    cell = reader.ref(t, cols["percent"])
    if total is None or checked is None or not texts[cols["percent"]]:
        return out
    shown = shown_as_percent(grid.percent_cells, cell, not percent_headed(fs))
    percent = parse_percent(grid.get(t, cols["percent"]), expected_percent(total, checked), shown).value
    row = F1Record(file=fs.file, sheet=fs.sheet, row=t + 1, total=total, checked=checked, percent=percent,
                   cells={"percent": cell})  # the row rule's own check, on the 合计 row
    out += [f for f in check_f1_row(row, Ctx(unit=unit)) if f.code == Code.PERCENT_MISMATCH]
    return out


def _blank_where_missing(fs: reader.FormSheet, field: str) -> int | None:
    """The blank-headed column of values standing where a missing column belongs: between the form's columns
    before and after it that are there."""
    blank = [c for c, h in fs.match.unknown.items() if h == reader.BLANK_HEAD]
    if not blank:
        return None
    cols = fs.match.columns
    order = [c.field for c in fs.form.columns]
    i = order.index(field) if field in order else -1
    lo = max((cols[f] for f in order[:i] if f in cols), default=-1)
    hi = min((cols[f] for f in order[i + 1:] if f in cols), default=10**6)
    between = [c for c in blank if lo < c < hi]
    return between[0] if len(between) == 1 else None


def _missing_column(fs: reader.FormSheet, field: str) -> int:
    """Where a missing column belongs in the header row: the form's next column that is there (insert the column
    before it), else the one after the last header. A finding names a cell (SPEC)."""
    cols = fs.match.columns
    order = [c.field for c in fs.form.columns]
    after = order[order.index(field) + 1:] if field in order else []
    c = next((cols[f] for f in after if f in cols), None)
    # after the last column, a detail split off it included (是否立案 | 立案时间: it said to insert before 立案时间,
    # splitting the pair; audit of layouts)
    return max((*cols.values(), *(fs.match.joins or {}).values()), default=-1) + 1 if c is None else c


class NotOpened(str):
    """The name of a file or folder this computer could not open (permissions, a broken link): nothing the
    township can send again (files_without_forms)."""


def files_without_forms(findings: Iterable[Finding], config: Config) -> dict[str, list[str]]:
    """Unit -> names of the files its name or folder gives it that could not be read or held no form
    (FILE_UNREADABLE, FORM_NOT_FOUND): it sent something (status's SUBMISSION_MISSING and 汇总's 报送情况 say so).
    A file this computer could not open is a NotOpened name."""
    out: dict[str, list[str]] = {}
    for f in findings:
        if f.code in (Code.FILE_UNREADABLE, Code.FORM_NOT_FOUND) and f.file and not _own_machine(f.file):
            unit = unit_of_path(Path(f.file), f.file, config)
            if unit:
                name = Path(f.file).name
                here = f.code == Code.FILE_UNREADABLE and safety.this_machine(f.message)
                out.setdefault(unit, []).append(NotOpened(name) if here else name)
    return out


def documents_by_unit(documents: Iterable[str], config: Config) -> dict[str, list[tuple[str, str]]]:
    """Unit -> (南阳镇6月报表.pdf, PDF 文件) for each document its name or folder gives it (Loaded.documents): a unit
    that sent a scan instead of its workbook did send something — it showed 未报送 alone, and the clerk rang a
    township that had (audit of the PDF passed over)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for d in documents:
        unit = unit_of_path(Path(d), d, config)
        if unit:
            out.setdefault(unit, []).append((Path(d).name, safety.document_kind(d) or "没有扩展名的文档"))
    return out


def sent_instead(documents: Iterable[tuple[str, str]]) -> str:
    """What SUBMISSION_MISSING adds for the documents received in a unit's name."""
    documents = list(documents)
    links = "、".join(name for name, kind in documents if kind == safety.SHORTCUT)
    names = "、".join(f"{name}是{kind}" for name, kind in documents if kind != safety.SHORTCUT)
    # (a shortcut to a report: the file it points to is to be put in the inbox, here or by the township)
    return (f"（收到的{names}，不是电子表格，无法读取，请对方另发 Excel 报表）" if names else "") + \
        (f"（收到的{links}是快捷方式，不是报表文件本身：请把它指向的文件放入收件夹，本机没有的请对方发送文件本身）"
         if links else "")


# a column of the time each row was sent, as online collection tools export it (提交时间, 提交答卷时间) or a
# clerk adds (填报日期 on every row)
_SENT_COLUMN = re.compile(r"(?:提交|提交答卷|答卷提交|填报|填写|报送|上报)(?:时间|日期)")


def _sent_date(fs: reader.FormSheet, year: int | None) -> None:
    """A form with no 填报日期 line whose rows each say when they were sent (an export's 提交时间): its 填报日期 is
    the latest of its rows' — the last answer a township sent — so that a late one is SUBMISSION_LATE and its
    dates are judged against it (the column was only an extra column: an export was never late). Per township
    where a city-wide export was parted by its township column (by_row_unit). Clerk expectation; SPEC silent."""
    if "填报日期" in fs.footer or not fs.rows:
        return
    c = next((c for c, t in fs.match.unknown.items()
              if _SENT_COLUMN.fullmatch(asked_words(t))), None)
    if c is None:
        return
    latest: tuple[dt.datetime, str, str] | None = None
    for row in fs.rows:
        text = row.texts[c].strip() if c < len(row.texts) else ""
        n = parse_date(text, year) if text else None
        if n is not None and n.ok and isinstance(n.value, dt.date):
            when = n.value if isinstance(n.value, dt.datetime) else dt.datetime.combine(n.value, dt.time())
            if latest is None or when > latest[0]:
                latest = (when, text, reader.ref(row.row - 1, c))
    if latest is not None:
        fs.footer = {**fs.footer, "填报日期": latest[1:]}


def infer_period(results: Iterable[FileResult], config: Config | None = None) -> str:
    """The month most forms are reports of (form_month: the month an 附件1–3 states, its 填报日期's else; undated
    reports are not this month's just because they are consolidated today); of months as many forms give, the
    latest (last month's reports left beside this month's). With `config`, an 附件4 counts for the month of the
    Wednesday its 填报日期 answers, as period_relation places it: a round of 30 and 31 May for 1 June was taken for
    May's, and every town was SUBMISSION_MISSING, its reports “of a later period” (blind audit of status)."""
    months = Counter(m for res in results for fr in res.forms if (m := form_month(fr, config)))
    if months:
        return max(months.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return ""


def _period_note(results: list[FileResult], config: Config, inferred: str, named: str, period: str) -> str:
    """What says how the period was chosen without --period, where a clerk may not expect it: forms of two months
    (the later of a tie), the files' names, or today's month — each silent, the outputs named for a month the
    clerk did not mean (blind audit of the weekly round)."""
    if not any(res.forms for res in results):
        return ""
    if inferred:
        # (a form of no stated month dated after the period is its late report, counted for it: not said to be of
        # another month while SUBMISSION_LATE said it late for this one; audit of scripted inboxes)
        relation = period_relation(inferred, config)
        stated = [(m, fr) for res in results for fr in res.forms if (m := form_month(fr, config))]
        months = Counter(m for m, _ in stated)
        apart = Counter(m for m, fr in stated if relation(fr))
        others = sorted((m, n) for m, n in apart.items() if m != inferred)
        if not others:
            return ""
        said = "、".join(f"{n} 张表属于 {m}" for m, n in others)
        # (one form of each month is no majority: the later of a tie; review)
        how = "按较晚的月份" if max(n for _, n in others) == months[inferred] else "按多数报表"
        return f"提示：未指定 --period，{how}定为 {inferred}（另有 {said}）；如不对，请用 --period 指定"
    if named:
        return f"提示：未指定 --period，报表中读不出月份，按文件名定为 {named}；如不对，请用 --period 指定"
    return f"提示：未指定 --period，报表和文件名都看不出是哪个月的，按今天所在的月份 {period} 处理；请用 --period 指定"


def month_after(period: str) -> str:
    """The month after "2022-06" ("2022-07"), "" for anything else."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", period or "")
    if not m or not 1 <= int(m[2]) <= 12:
        return ""
    y, mo = int(m[1]), int(m[2])
    return f"{y + mo // 12:04d}-{mo % 12 + 1:02d}"


def _named_period(files: Iterable[tuple[Path, str]]) -> str:
    """The month the files' names or folders state (北新镇_2022年6月_附件1-4.xlsx, 收件/2022年6月/…) where no form
    gave one — none could be read: every unit was said missing for today's month (2026-12; consolidate audit)."""
    months = Counter(m for _, display in files if (m := named_month(str(Path(display).with_suffix("")))))
    return max(months.items(), key=lambda kv: (kv[1], kv[0]))[0] if months else ""


def _month_of(date: dt.date | None) -> str:
    return f"{date.year:04d}-{date.month:02d}" if date else ""


def stated_month(titled: str, named: str, date: dt.date | None, stem_month: int | None = None) -> str:
    """The month a form states: its title's (（2022年6月）), else its file name's — or the file name's where the two
    differ and the 填报日期 agrees with the name (a title left from last month's template: 汇龙镇2022年6月报表.xlsx
    titled （2022年5月）, dated 2022-06-15); a name giving the month without a year (汇龙镇_7月报表.xlsx, `stem_month`)
    agreeing with the 填报日期 counts as well: the template --period 2022-06 wrote, its title locked, filled again in
    July was June's report (SUBMISSION_MISSING at the city; audit of the template)."""
    if titled and named and titled != named and _month_of(date) == named:
        return named
    if titled and not named and date is not None and stem_month == date.month and titled != _month_of(date):
        return _month_of(date)
    if not titled and not named and date is not None and stem_month == date.month:
        # 汇龙镇_5月.xlsx dated 5月16日 beside 汇龙镇_6月.xlsx, neither titled with a month: each the month its name
        # and date agree on — the June one was taken for May's, latest by date (blind audit of file names)
        return _month_of(date)
    return titled or named


def _stem_month(stem: str) -> int | None:
    """The one month (1–12) a file name gives without a year (汇龙镇_7月报表, 七月), as _NAMED_MONTH reads sheet names."""
    if "月" not in stem or len(found := {m[1] or m[2] for m in _NAMED_MONTH.finditer(stem)}) != 1:
        return None
    text = found.pop()
    return int(text) if text.isdigit() else _NUMERAL_MONTHS[text]


def form_month(fr: FormResult, config: Config | None = None) -> str:
    """Which month's report a form is: an 附件1–3 the month it states, whatever its 填报日期 (a June report sent
    in August is June's, late; a title left from last month's template is said so by SUBMISSION_MISSING, which
    names the month it states); else its 填报日期's month; "" when neither says. An 附件4 by its 填报日期
    (period_relation places it by its Wednesday), the month it states only when it has none."""
    date = fr.footer.date
    if fr.month and (date is None or fr.key not in WEEKLY_KEYS):
        return fr.month
    if config is not None and date is not None and fr.key in WEEKLY_KEYS:
        from .periods import weekly_deadline

        return _month_of(weekly_deadline(date, config).date())
    return _month_of(date)


@contextlib.contextmanager
def batch_gc() -> Iterator[None]:
    """Reading allocates hundreds of thousands of small objects that all live to the end of the run; the
    cyclic collector would rescan them again and again (quadratic: at 2,000 units it cost more than the
    checks themselves). Pause it while reading, then freeze what was read so later passes skip it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:  # the outermost one freezes and resumes
            gc.freeze()
            gc.enable()


def load(paths: list[Path] | list[str], config: Config, period: str | None = None, exclude: Iterable[Path] = (),
         progress: Callable[[int, int, str], None] | None = None, workers: int = 1, rules: bool = True,
         other_periods_checked: bool = False, found: list[tuple[Path, str]] | None = None,
         after: str = "") -> tuple[Loaded, str]:
    """Read every file under `paths`, run every check (only the reading's own findings without `rules`).
    `other_periods_checked`: the cell findings of reports of other periods, superseded by this period's, are
    kept (`check`). `found`: find_files(paths, exclude) when the caller has it already. Returns the result and
    the period used."""
    with batch_gc():
        return _load(paths, config, period, exclude, progress, workers, rules, other_periods_checked, found, after)


def _unnamed_by_facilities(results: list[FileResult], config: Config) -> list[FileResult]:
    """A 附件3 sent alone whose unit nothing tells (附件3.xlsx, 填报单位 民政办): the unit whose 附件2 in the inbox lists
    most of its facilities — two at least: one common name (幸福养老院) is in many towns — where exactly one does, is
    its unit (its 附件2.xlsx was told by its 牵头排查单位). It was a made-up unit 民政办, its facilities unpaired."""
    # (sent alone: an 附件3 beside its own workbook's 附件2 follows that workbook — a township's template sent back
    # with no unit anywhere had its 附件3 taken for 汇龙镇's, whose correct file then had DUPLICATE_FACILITY; audit)
    unnamed = [(res, fr) for res in results for fr in res.forms if fr.unnamed and fr.key == "F3" and fr.records
               and not any(other.key == "F2" for other in res.forms)]
    if not unnamed:
        return results
    # each as the unit's forms pair names (1、幸福养老院, 汇龙镇幸福养老院, 康乐老年公寓（新增）: one facility each)
    listed: dict[str, set[str]] = {}
    for res in results:
        for fr in res.forms:
            if fr.key == "F2" and config.is_unit(fr.unit):
                aliases = config.aliases_of(fr.unit)
                listed.setdefault(fr.unit, set()).update(variant_key(r.name, fr.unit, aliases) or facility_key(r.name)
                                                         for r in fr.records)
    for res, fr in unnamed:
        named = {u: {variant_key(r.name, u, config.aliases_of(u)) or facility_key(r.name) for r in fr.records} - {""}
                 for u in listed}
        units = [u for u, names in listed.items() if len((keys := named[u]) & names) >= 2
                 and len(keys & names) * 2 > len(keys)]
        if len(units) != 1:
            continue
        old, fr.unit, fr.unnamed = fr.unit, units[0], False
        res.findings = [f.model_copy(update={"unit": fr.unit}) if f.unit == old and f.sheet == fr.sheet else f
                        for f in res.findings if not (f.code == Code.UNIT_UNKNOWN and f.sheet == fr.sheet)]
        res.unit_checks.pop(old, None)  # the unit's checks are run again over all its files (check_all)
    return results


def _unnamed_apart(results: list[FileResult]) -> list[FileResult]:
    """Files telling no unit whose made-up units, their file names, coincide (微信文件/附件2.xlsx, 邮件附件/附件2.xlsx):
    two senders nobody named, each its own — they were one unit 附件2, the older file SUBMISSION_SUPERSEDED and its
    UNIT_UNKNOWN and rows left out (audit of inboxes). Each is told apart by its folder (附件2（微信文件）)."""
    files: dict[str, set[str]] = {}
    for res in results:
        for fr in res.forms:
            if fr.unnamed:
                files.setdefault(fr.unit, set()).add(res.display)
    clash = {unit for unit, displays in files.items() if len(displays) > 1}
    if not clash:
        return results
    for res in results:
        folder = Path(res.display).parent.name
        renamed = {fr.unit: f"{fr.unit}（{folder or res.display}）" for fr in res.forms if fr.unnamed and fr.unit in clash}
        if not renamed:
            continue
        for fr in res.forms:
            if fr.unnamed and fr.unit in renamed:
                fr.unit = renamed[fr.unit]
        res.findings = _moved(res.findings, renamed)
        res.unit_checks = {renamed.get(unit, unit): _moved(found, renamed) for unit, found in res.unit_checks.items()}
    return results


def _moved(findings: list[Finding], renamed: dict[str, str]) -> list[Finding]:
    """The findings with their units renamed (old -> new)."""
    return [f.model_copy(update={"unit": renamed[f.unit]}) if f.unit in renamed else f for f in findings]


def _own_workbooks_set_aside(results: list[FileResult], config: Config) -> list[FileResult]:
    """A workbook this level consolidated (its forms the reporting unit's own: last month's 汇总表 left in the inbox)
    read beside the townships' reports is no report of a unit: its rows would count every facility twice (and each
    be DUPLICATE_ACROSS_UNITS). It is said, and its forms are not read; checked alone, it is checked as it is."""
    own = config.reporting_unit

    def ours(res: FileResult) -> bool:
        return res.consolidated and bool(res.forms) and all(fr.unit == own for fr in res.forms)

    if not any(fr.unit != own for res in results for fr in res.forms):
        return results
    for res in results:
        if ours(res):
            res.findings = [f for f in res.findings if f.code == Code.FILE_UNREADABLE] + [make(
                Code.UNIT_UNKNOWN, file=res.display, sheet=res.forms[0].sheet, unit=own, name=own,
                suggestion="：这是本单位自己汇总出的工作簿（如以前报告期的汇总表），不是区镇报表，未计入本次汇总，"
                           "请把它移出收件夹")]
            res.forms, res.unit_checks = [], {}
    return results


def _load(paths: list[Path] | list[str], config: Config, period: str | None, exclude: Iterable[Path],
          progress: Callable[[int, int, str], None] | None, workers: int, rules: bool = True,
          other_periods_checked: bool = False, found: list[tuple[Path, str]] | None = None,
          after: str = "") -> tuple[Loaded, str]:
    files = find_files(paths, exclude) if found is None else found
    year = _period_year(period)
    results = _own_workbooks_set_aside(_read_all(files, config, year, progress, workers, rules), config)
    if not period:
        results = _with_inbox_year(results, files, config, rules, workers)
    results = _unnamed_apart(_unnamed_by_facilities(results, config))
    _green_without_points(results)
    note = ""
    if not period:
        inferred = infer_period(results, config)
        named = "" if inferred else _named_period(files)
        # (nothing dated and names stating no month: the month after --previous's, not today's — the outputs were
        # named 2026-12 beside May's workbook; audit of scripted inboxes)
        following = "" if inferred or named else month_after(after)
        period = inferred or named or following or dt.date.today().strftime("%Y-%m")
        note = _period_note(results, config, inferred, named, period) if not following else (
            f"提示：未指定 --period，报表和文件名都看不出是哪个月的，按上期汇总表（{after}）的下一个月 {period} 处理；"
            "如不对，请用 --period 指定")
    if year is None and period[:4].isdecimal():
        year = int(period[:4])
    loaded = Loaded(files=[d for _, d in files], paths={d: p for p, d in files},
                    documents=getattr(files, "documents", []), own_outputs=getattr(files, "own", []),
                    locks=getattr(files, "locks", []), period_note=note, copies=getattr(files, "copies", []),
                    empty=getattr(files, "empty", []),
                    carried={(res.display, *at): text for res in results for at, text in res.carried.items()})
    relation = period_relation(period, config)
    # (a report under a misspelt unit, replaced by its correction signed right: the unit's own, on time or not)
    renamed: dict[Source, str] = {}
    replacing: set[Source] = set()  # (the reports that replaced another: status pardons a correction so found)
    self_corrected: set[Source] = set()  # (of those left out for a contested unit: replaced by their own correction)
    superseded, superseded_findings = latest_reports(results, relation, config.is_unit, renamed, replacing,
                                                     self_corrected)

    def contested(res: FileResult, fr: FormResult) -> bool:
        """Left out as a neighbour's copy (its unit contested), not replaced by its own correction."""
        return fr.contested and not (self_corrected and source_of(res, fr) in self_corrected)

    # a sheet whose every form a later report replaces: its cell findings are the township's old mistakes,
    # corrected since (the SUBMISSION_SUPERSEDED finding stands for it); `check` still says those of another
    # period's report (last month's mistakes are no less there for this month's report beside it), and those of a
    # report left out for its contested unit (UNIT_CONFLICT): a neighbour's file under a copied 填报单位 line is no
    # correction, its errors were hidden and `check` of the inbox passed (blind audit of layouts)
    # (most inboxes have nothing superseded: no report's Source made, 8,000 of them at a province)
    # (…but not of a report its correction, named so, replaced: a 填报日期 typed in a future year made it another
    # period's, its DATE_IN_FUTURE kept after the township put it right — exit 1, the original to be sent back
    # again; blind audit of the send-back loop)
    corrected = corrected_by_name(results) if superseded and other_periods_checked else frozenset()

    def elsewhere(res: FileResult, fr: FormResult) -> int:
        return relation(fr) if id(res) not in corrected else 0

    replaced_sheets = {(res.display, fr.sheet) for res in results for fr in res.forms
                       if source_of(res, fr) in superseded and not contested(res, fr)
                       and not (other_periods_checked and elsewhere(res, fr))} if superseded else set()
    if replaced_sheets:
        replaced_sheets -= {(res.display, fr.sheet) for res in results for fr in res.forms
                            if source_of(res, fr) not in superseded or contested(res, fr)}
    for res in results:
        # a joined table's form left out for the unit's own one: what its reading found is not the township's
        # to put right (its stale copied 等级 was LEVEL_UNDERRATED, its two missing disposal columns errors)
        gone = {i for fr in res.forms if fr.combined and superseded and source_of(res, fr) in superseded
                for i in range(*fr.said)}
        loaded.findings.extend(_in_inbox(f) for i, f in enumerate(res.findings)
                               if (not replaced_sheets or (f.file, f.sheet) not in replaced_sheets) and i not in gone)
        if res.unreadable:
            loaded.unreadable_files += 1
        _merge(loaded.submissions, res, period, config, superseded)
        # a hidden copy's rows were read, and its SUBMISSION_SUPERSEDED finding accounts for them
        loaded.rows_read += res.leftover_rows
        loaded.rows_superseded += res.leftover_rows
        for fr in res.forms:
            if fr.key == "FAC":
                loaded.facility_rows += fr.rows_read
                loaded.facility_units.add(fr.unit)
                if fr.unit:
                    loaded.facility_files.setdefault(res.display, set()).add(fr.unit)
                continue
            loaded.rows_read += fr.rows_read
            replaced = bool(superseded) and source_of(res, fr) in superseded
            if replaced:  # read, not consolidated: its SUBMISSION_SUPERSEDED finding accounts for its rows
                loaded.rows_superseded += fr.rows_read
            else:
                loaded.rows_superseded += fr.rows_superseded
            if res.weekly and fr.key not in WEEKLY_KEYS and not fr.records:
                # a county's weekly workbook: its empty 附件1–3 carry the week's date and were taken one level up for
                # lists of none sent (and sent late) in the month's round (audit of periods)
                continue
            # a replaced report still arrived when it did (an earlier week's 附件4 has its own deadline)
            # (one corrected under the unit put right arrived as that unit's: on time, its correction after the
            # deadline was said late; audit of a clerk's month)
            loaded.arrivals.append(Arrival(renamed.get(source_of(res, fr), fr.unit) if renamed else fr.unit, fr.key,
                                           res.display, fr.sheet, fr.footer.date, res.mtime,
                                           len(fr.records), fr.footer.time, fr.footer.date_cell, replaced,
                                           relation(fr), fr.month, fr.said_none,
                                           bool(replacing) and source_of(res, fr) in replacing,
                                           res.stated_week if fr.key in WEEKLY_KEYS else None))
    # units in the configured order (others after, by name), whatever order their files came in: a facility two
    # units list is DUPLICATE_ACROSS_UNITS of the later one in the list
    rank = {u: i for i, u in enumerate(config.unit_names)}
    loaded.submissions = dict(sorted(loaded.submissions.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))
    # a unit that only one file speaks for was checked already, where the file was read
    # (and none of whose sheets a later one replaced: those records are not the unit's any more)
    done = {unit: res.unit_checks[unit] for res in results for unit in res.unit_checks
            if unit in loaded.submissions and loaded.submissions[unit].files == [res.display]
            and not (superseded and any(source_of(res, fr, unit) in superseded for fr in res.forms))}
    loaded.findings.extend(superseded_findings)
    if rules and other_periods_checked:  # the rules' findings on a file all of whose forms are another period's
        for res in results:
            for unit, unit_found in res.unit_checks.items():
                forms = [fr for fr in res.forms if fr.unit == unit and fr.key != "FAC"]
                if forms and all(source_of(res, fr, unit) in superseded and elsewhere(res, fr) for fr in forms):
                    loaded.findings.extend(unit_found)
    if rules and superseded:
        # a report left out for its contested unit is no correction: the rules' findings on its sheets stand
        for res in results:
            for unit, unit_found in res.unit_checks.items():
                left = {fr.sheet for fr in res.forms if fr.unit == unit and contested(res, fr)
                        and source_of(res, fr, unit) in superseded}
                if left and not (other_periods_checked and all(
                        source_of(res, fr, unit) in superseded and relation(fr)
                        for fr in res.forms if fr.unit == unit and fr.key != "FAC")):
                    loaded.findings.extend(f for f in unit_found if f.sheet in left)
    if rules:
        loaded.findings.extend(earlier_weeks_fell(results, superseded, config))
        made = {res.display for res in results if res.consolidated}
        for sub in loaded.submissions.values():
            if sub.consolidated and any(file not in made for file in sub.files):
                _pair_beside_consolidated(sub, made)
        loaded.findings.extend(check_all(loaded.submissions.values(), done))
        loaded.findings = _judged_by_consolidated_date(loaded.findings, _undated_case_dates(loaded))
        loaded.findings = town_said(reported_below(loaded.findings, results, config), results)
    loaded.findings = _once(_on_hidden_rows(loaded.findings, results))
    return loaded, period


def _pair_beside_consolidated(sub: Submission, made: set[str]) -> None:
    """A unit's own file beside its consolidated workbook (海门区补报名单 beside 海门区's workbook): the unit's forms
    are judged town by town, and its 附件3 rows — no 牵头排查单位 of their own — take their 附件2 row's of the same
    file and name; the facility was DISPOSAL_MISSING and DISPOSAL_UNLISTED at once (blind audit of another county)."""
    leads: dict[tuple[str, str], str] = {}
    for r2 in sub.f2:
        if r2.file not in made:
            leads.setdefault((r2.file, facility_key(r2.name)), r2.lead_unit)
    for r3 in sub.f3:
        if r3.file not in made and not getattr(r3, "lead_unit", "") and \
                (lead := leads.get((r3.file, facility_key(r3.name)))):
            r3.__dict__["lead_unit"] = lead  # (as pairing.pair_disposals sets it)


def _once(findings: list[Finding]) -> list[Finding]:
    """Each finding once: a table read as 附件2 and 附件3 at once (reader._combined) has its name and points read
    for both forms, and a bad one was said twice at its cell — a duplicate row, an extra column or a left-out
    table in the words of each form."""
    seen: dict[tuple[object, ...], int] = {}
    out: list[Finding] = []
    for f in findings:
        per_form = f.code in _SAID_PER_FORM or f.code == Code.VALUE_REQUIRED
        key = (f.code, f.file, f.sheet, f.cell, "" if per_form else f.message, f.unit, f.facility)
        if key not in seen:
            seen[key] = len(out)
            out.append(f)
        elif f.code == Code.VALUE_REQUIRED and (kept := out[seen[key]]).message != f.message:
            # a name left blank in a joined table: each form's hint names the other form, which is this row —
            # said once, without either (it was said twice)
            out[seen[key]] = kept.model_copy(
                update={"message": os.path.commonprefix([kept.message, f.message]).rstrip("（(；")})
    return out


# findings a joined table's two forms make at one cell in their own words (_once)
_SAID_PER_FORM = frozenset((Code.DUPLICATE_FACILITY, Code.COLUMN_UNKNOWN, Code.SUBMISSION_SUPERSEDED))


STALE_ADVICE = "（收到该单位重新报送的文件后，请把这个文件移出收件夹）"  # (not for diff's two workbooks)
NOTES_ADVICE = "（说明、清单一类的文字不是报表：请移出收件夹，或在命令行上只列出报表文件）"
ARCHIVE_ADVICE = "（解压后请把压缩包移出收件夹，或解压到与它同名的文件夹中）"


def _own_machine(file: str) -> bool:
    """A lock file (~$王鲍镇.xlsx) or Thumbs.db named on the command line: the clerk's own computer made it, no
    township sent it — it is not theirs to send again (audit of a clerk's day)."""
    name = Path(file).name
    return safety.is_lock_file(name) or safety.is_system_file(name)


def _in_inbox(f: Finding) -> Finding:
    """An unreadable file in an inbox: once its unit has sent it again, the old one left there kept every run at
    exit 1 with nothing saying to take it out (blind audit of the messages followed)."""
    if f.code != Code.FILE_UNREADABLE or f.message.endswith((STALE_ADVICE, NOTES_ADVICE, ARCHIVE_ADVICE)) \
            or _own_machine(f.file) \
            or safety.this_machine(f.message):
        return f
    # a README.txt or 说明.txt caught by 收件夹/*: no township's to send again (audit of a city's inbox)
    # — not a township's report saved as text (汇龙镇_附件4.txt: its unit is known, it is to send again; review)
    # (…but a town's cover note is a note: 东海镇情况说明.txt; review)
    notes = Path(f.file).suffix.lower() == ".txt" and (not f.unit or _NOTES_NAME.search(Path(f.file).stem))
    if safety.is_archive(f.file) and not notes:  # (to unpack here, not to be sent again; audit of a month)
        return said_also(f, ARCHIVE_ADVICE)
    return said_also(f, NOTES_ADVICE if notes else STALE_ADVICE)


_NOTES_NAME = re.compile(r"说明|清单|通知|目录|备注|须知|readme", re.I)


def period_relation(period: str, config: Config) -> Callable[[FormResult], int]:
    """Whether a form is a report of an earlier period (-1), of `period` (0) or of a later one (1). An 附件4 by
    the Wednesday its 填报日期 answers. An 附件1–3 that states its month (（2022年7月）) by form_month; one that
    does not, by its 填报日期: before the period began, an earlier report; after it, this period's late report."""
    from .periods import WEEKLY_FORMS, weekly_deadline

    try:
        y, m = int(period[:4]), int(period[5:7])
        start, this = dt.date(y, m, 1), f"{y:04d}-{m:02d}"
    except ValueError:
        return lambda fr: 0
    end = dt.date(y + m // 12, m % 12 + 1, 1)

    def relation(fr: FormResult) -> int:
        date = fr.footer.date
        if fr.key in WEEKLY_FORMS:
            if date is None:
                return 0
            wednesday = weekly_deadline(date, config).date()
            return 1 if wednesday >= end else -1 if wednesday < start else 0
        if fr.month:  # a month stated: the month form_month says it is a report of
            own = form_month(fr)
            return (own > this) - (own < this)
        return -1 if date is not None and date < start else 0

    return relation


def _parts_summed_above(records: list, key: str, unit: str, config: Config) -> list:
    """附件1/附件4's row of the township itself followed by rows of its parts (城区 | 农村) whose figures add up to it:
    a breakdown, kept beside the town's row, not added (the town was counted twice, unsaid: 16 checked written 32;
    audit of the outputs' figures). Parts that do not add up to it stay rows of their own, as before."""
    label = "township" if key == "F1" else "label"
    fields = _SUMMED[key]
    out: list = []
    i = 0
    while i < len(records):
        whole = records[i]
        written = (getattr(whole, label, "") or "").strip()
        parts = []
        for rec in records[i + 1:]:
            text = (getattr(rec, label, "") or "").strip()
            if not text or config.unit_named(text) or not A_PART.search(text) or NOT_A_PART.search(text):
                break
            parts.append(rec)
        if (not written or config.unit_named(written) == unit) and len(parts) >= 2 and all(
                getattr(whole, f) is not None and all(getattr(p, f) is not None for p in parts)
                and sum(getattr(p, f) for p in parts) == getattr(whole, f) for f in fields):
            said = "；".join(" | ".join(v for v in p.raw.values() if v) for p in parts)
            whole.extra[BREAKDOWN_HEAD] = "；".join(filter(None, (whole.extra.get(BREAKDOWN_HEAD, ""), said)))
            out.append(whole)
            i += 1 + len(parts)
            continue
        out.append(whole)
        i += 1
    return out


# Worker processes cost about a quarter of a second to start and feed: a city's month (15 small workbooks,
# 0.1 s of reading) is read faster in one process; a province's 2,000 in two.
PARALLEL_FILES = 48
PARALLEL_BYTES = 4 * 1024 * 1024


def _period_year(period: str | None) -> int | None:
    """The year dates without one take: the period's (its month decides across the year's end)."""
    if not period or not period[:4].isdecimal():
        return None
    month = period[5:7]
    return PeriodYear(int(period[:4]), int(month)) if month.isdecimal() and 1 <= int(month) <= 12 else int(period[:4])


def _with_inbox_year(results: list[FileResult], files: list[tuple[Path, str]], config: Config, rules: bool,
                     workers: int = 1) -> list[FileResult]:
    """Without --period, a file whose dates have no year (填报日期 6月17日) and that says the year nowhere took it
    from the file's time — 2026 for a June 2022 report downloaded since: its 立案 2022-07-03 was no date in the
    future, and status called it late. Where most of the inbox's townships' files give another year with their
    dates, such a file is read again with that period's year (its month deciding across the year's end). Files
    vote with their forms — a dated file's for its year, one that took the file's time for that year — so that
    one town's typo (2021年) does not move five towns' reports, and a consolidated workbook (last month's left in
    the inbox) has no vote."""
    votes: Counter[int] = Counter()
    dated: list[FileResult] = []
    for res in results:
        if res.consolidated or not res.forms:
            continue
        if res.year_from_mtime is not None:
            votes[res.year_from_mtime] += len(res.forms)
            continue
        years = Counter(fr.footer.date.year for fr in res.forms if fr.footer.date)
        if years:  # all its forms for its year: a town dating only 附件1 is no weaker than one dating none
            votes[years.most_common(1)[0][0]] += len(res.forms)
            dated.append(res)
    if len(votes) < 2:
        return results
    (year, n), (_, second) = votes.most_common(2)
    if n == second:
        return results  # no year most files agree on
    period = infer_period(res for res in dated if any(fr.footer.date and fr.footer.date.year == year for fr in res.forms))
    if not period:
        return results  # the year most agree on is the files' own times: nothing better to read them with
    paths = {display: path for path, display in files}
    redo = [(paths[res.display], res.display) for res in results
            if res.year_from_mtime not in (None, year) and res.display in paths]
    if not redo:
        return results
    again = {res.display: res for res in _read_all(redo, config, _period_year(period), None, workers, rules)}
    return [again.get(res.display, res) for res in results]


def _read_all(files: list[tuple[Path, str]], config: Config, year: int | None,
              progress: Callable[[int, int, str], None] | None, workers: int, rules: bool = True
              ) -> list[FileResult]:
    if workers > 1 and len(files) >= 8 and (len(files) >= PARALLEL_FILES or safety.total_bytes(p for p, _ in files) >= PARALLEL_BYTES):
        from .parallel import read_parallel

        return read_parallel(files, config, year, progress, workers, rules)
    out = []
    for i, (path, display) in enumerate(files):
        out.append(load_file(path, display, config, year, rules))
        if progress:
            progress(i + 1, len(files), display)
    return out


def check_all(subs: Iterable[Submission], checked: dict[str, list[Finding]] | None = None) -> list[Finding]:
    """Each unit's checks (check_unit), then across units. `checked`: units whose check_unit was already run
    (by `load_file`, on exactly these records), with its findings."""
    subs = list(subs)
    done = checked or {}
    out: list[Finding] = []
    for sub in subs:
        found = done.get(sub.unit)
        out.extend(found if found is not None else check_unit(sub))
    out.extend(check_across_units(subs))
    return out


def check_unit(sub: Submission) -> list[Finding]:
    """Row rules of every form, then the unit's cross-form checks."""
    return check_rows(sub) + check_submission(sub)


def _report_dates(sub: Submission) -> dict[str, dt.date | None]:
    """Each form's report date for DATE_IN_FUTURE: its own 填报日期, else the unit's latest monthly one (附件1–3 are
    one report: the consolidated 附件1–3 carry the latest), else any the unit wrote. A 附件3 with its date left
    blank was not judged at all, and its 立案 after the report date became an error only in the consolidated
    workbook (which carries a date)."""
    own = {k: f.date for k, f in sub.footers.items() if f.date}
    monthly = max((d for k, d in own.items() if k != "F4"), default=None)
    latest = max(own.values(), default=None)
    return {k: own.get(k) or (monthly if k != "F4" else None) or latest for k in ("F1", "F2", "F3", "F4")}


def check_rows(sub: Submission) -> list[Finding]:
    """The row rules of one unit's forms (附件3's disposal judged at the level its 附件2 gives)."""
    out: list[Finding] = []
    date = _report_dates(sub)
    # (one context per form: built per row it cost as much as some rules)
    ctx1, ctx4 = (Ctx(unit=sub.unit, report_date=date.get(k)) for k in ("F1", "F4"))
    ctx3 = Ctx(unit=sub.unit, report_date=date.get("F3"), today=None if date.get("F3") else bureau_today())
    ctx2 = Ctx(unit=sub.unit, report_date=date.get("F2"), consolidated=sub.consolidated)
    for r1 in sub.f1:
        out.extend(check_f1_row(r1, ctx1))
    levels: dict[object, RiskLevel] = {}  # facility id -> the level its 附件3 row is judged at
    listed: dict[object, tuple[int, ...]] = {}  # facility -> its points on 附件2 (POINTS_CONFLICT on 附件3 below)
    described: set[object] = set()  # facilities whose 附件2 row describes its 15 (in the points or in 备注)
    conflicts: dict[object, list[int]] = {}  # facility -> where its 附件2 row's POINTS_CONFLICT findings are in `out`
    greens: dict[object, int] = {}  # facility -> where its 附件2 row's GREEN_IN_LIST is in `out`
    # facility -> its 附件2 rows' points -> level: one listed twice (DUPLICATE_FACILITY) at two levels, each 附件3 row
    # judged by the row of its own points (the yellow one's disposal was asked the orange one's measures; audit)
    twice: dict[object, dict[tuple[int, ...], RiskLevel]] = {}
    declared: dict[object, RiskLevel] = {}  # facility -> the level its 附件2 declares (15 on 附件3 alone: its level)
    for r2 in sub.f2:
        found = check_f2_row(r2, ctx2)
        key2 = facility_id(r2, sub.consolidated)
        for f in found:
            if f.code == Code.POINTS_CONFLICT:
                conflicts.setdefault(key2, []).append(len(out))
            elif f.code == Code.GREEN_IN_LIST:
                greens.setdefault(key2, len(out))
            out.append(f)
        listed[key2] = r2.points.items
        if OTHER_POINT in r2.points.items and (r2.points.other_text.strip()
                                               or not sub.consolidated and case_beside(r2.note or "", r2.extra)):
            described.add(key2)
        # disposal follows the facility's level (levels.disposal_level); a row whose level and points are both
        # unknown (blank or unreadable) gives none, and 附件3's own points count.
        # On a consolidated workbook each township's facility at its own level, not at its namesake's.
        if r2.level is not None or r2.points.items:
            lvl2 = disposal_level(r2)
            # (listed twice: its highest row's — a row of 无 first left the other's 红 unasked; review)
            levels[key2] = max(levels[key2], lvl2) if key2 in levels else lvl2
            twice.setdefault(key2, {}).setdefault(r2.points.items, lvl2)
            if r2.level is not None:
                declared[key2] = max(declared.get(key2, r2.level), r2.level)
    same = same_facilities(sub)
    keys3 = [facility_id(r3, sub.consolidated) for r3 in sub.f3]
    keys3 = [same.get(k, k) if same else k for k in keys3]  # type: ignore[arg-type]  # same: only when not consolidated
    # a facility listed twice with one 附件3 row: that row is the whole facility's, judged at its highest row's level
    # (its 无 row's 绿 left the other row's 红 unasked); with a row each, each by the 附件2 row of its points (review)
    disposals = Counter(keys3) if twice else None
    for r3, key in zip(sub.f3, keys3, strict=True):
        if key in conflicts and listed.get(key) == r3.points.items and "points" not in r3.invalid:
            # the same points on 附件3, where no finding is made: 附件2's says they are to change there too (fixed on
            # 附件2 alone, 附件3's conflict and a POINTS_DIFFER came up in the next round; blind audit)
            for i in conflicts.pop(key):
                if (out[i].sheet, out[i].cell) != (r3.sheet, r3.cell("points")):  # (one table joining both: one cell)
                    # (named by its sheet, or file, where that is not 附件3 beside it: row 1 of 附件3 was
                    # the label where the row was on 附件3（续）; metamorphic audit)
                    at = f"文件 {r3.file} 的“{r3.sheet}”" if r3.file != out[i].file else (
                        "附件3 " if r3.sheet == "附件3" else f"附件3（工作表“{r3.sheet}”）")
                    out[i] = said_also(out[i], f"；{at}第{r3.row}行写的相同，请一并改正")
                    if r3.cell("points"):
                        # (marked in the annotated copy too: fixed on 附件2 alone, round two said it there; audit)
                        out[i] = out[i].model_copy(
                            update={"also": (*out[i].also, (r3.file, r3.sheet, r3.cell("points")))})
        if key in greens and r3.cell("name") and (r3.file, r3.sheet) != (out[greens[key]].file, out[greens[key]].sheet):
            # its 附件3 row is to get the same points, or go with it: marked there too (in another file that copy was
            # said 无需退回, and the blank points it then had to fill came up in round two; audit of the send-back loop)
            i = greens.pop(key)
            out[i] = out[i].model_copy(update={"also": (*out[i].also, (r3.file, r3.sheet, r3.cell("name")))})
        lvl = levels.get(key)
        if len(rows_of := twice.get(key, {})) > 1 and r3.points.items in rows_of and disposals and disposals[key] > 1:
            lvl = rows_of[r3.points.items]
            listed[key] = r3.points.items
        if OTHER_POINT in r3.points.items and OTHER_POINT not in listed.get(key, ()) and key in declared:
            # 15 on 附件3 alone, 附件2 writing 无 under a declared 橙: 15's level is the one the township declares
            # (it was judged 绿, its clue unasked; review)
            lvl = declared[key] if lvl is None else max(lvl, declared[key])
        out.extend(check_f3_row(r3, lvl, ctx3, listed.get(key, ()), key in described))
        if "points" not in r3.invalid and listed.get(key) != r3.points.items:
            # points that cannot both hold, written on 附件3 only (附件2's row, where it has the same, says so)
            out.extend(points_conflict(set(r3.points.items), r3.cell("points"),
                                       {"file": r3.file, "sheet": r3.sheet, "row": r3.row, "unit": sub.unit,
                                        "facility": r3.name}))
    for r4 in sub.f4:
        out.extend(check_f4_row(r4, ctx4))
    return out

