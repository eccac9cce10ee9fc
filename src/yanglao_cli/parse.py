"""Raw rows with cell positions → typed records, and the findings of reading them (VALUE_*, FORMULA_*)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from . import normalize as nz
from .findings import Code, Finding, col_index, make, row_of, said_also
from .forms import FormDef, Kind
from .models import (
    DETAIL,
    LEVEL_SECTION,
    LINES,
    OTHER_LINE,
    OTHER_MEASURE,
    OTHER_POINT,
    Answer,
    F1Record,
    F2Record,
    F3Record,
    F4Record,
    FacilityRecord,
    Footer,
    Numbers,
    RiskLevel,
    Row,
    YesNo,
    china_time,
)
from .reader import (
    DASHES,
    EXCEL_MAX_TEXT,
    HOME_ENDINGS,
    NAME_ENDINGS,
    FormSheet,
    RawRow,
    col_letter,
    is_ditto,
)

RECORD_TYPES: dict[str, type[Row]] = {
    "F1": F1Record, "F2": F2Record, "F3": F3Record, "F4": F4Record, "FAC": FacilityRecord,
}
NOT_SUBMITTED = "未报送"  # what a consolidated 附件1/4 shows for a unit that sent nothing


@dataclass
class Parsed:
    records: list[Row] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    footer: Footer = field(default_factory=Footer)
    skipped: int = 0  # 未报送 placeholder rows of a consolidated workbook
    # (row as Excel numbers it, the place it names) of those rows: one level up, carried as they were
    placeholders: list[tuple[int, str]] = field(default_factory=list)


FORMULA_ERROR = "公式计算出错，请改正公式或直接填写"
FORMULA_UNSAVED = "公式，没有保存计算结果"  # (the value VALUE_INVALID quotes of a formula this tool cannot work out)


def bureau_today() -> dt.date:
    """Today on the bureau's clock (a 填报日期 after it is a slip)."""
    import time

    return china_time(time.time()).date()


CAMPAIGN_YEAR = 2022  # 启民发〔2022〕66号: no report of the campaign is older
BEFORE_CAMPAIGN = f"早于专项行动开始的{CAMPAIGN_YEAR}年，年份可能填错"  # (a 填报日期 or 排查日期 of 2021)


_AMBIGUOUS_DAY = re.compile(r"(?:1[0-2]|[1-9])\.[123]")  # month.day whose day may have lost its 0 (6.3 of 6.30)


def parse_footer(fs: FormSheet, year: int | None, unit: str = "") -> tuple[Footer, list[Finding]]:
    values = {k: v for k, (v, _) in fs.footer.items()}
    footer = Footer(filler=values.get("填报人", ""), head=values.get("负责人", ""), phone=values.get("电话", ""),
                    date_text=values.get("填报日期", ""))
    out: list[Finding] = []
    if footer.date_text:
        _, cell = fs.footer["填报日期"]
        stored = fs.grid.get((row_of(cell) or 0) - 1, col_index(cell) - 1)
        if (typed := nz.number_typed(stored)) is not None:
            footer.date_text = typed  # 6.15 in a date-formatted cell: as typed, not 1900-01-06 03:36
        n = nz.parse_date(footer.date_text, year)
        footer.date_cell = cell
        if _AMBIGUOUS_DAY.fullmatch(footer.date_text.strip()) and (isinstance(stored, float) or typed is not None):
            # 6.30 typed in a number cell is stored as 6.3: read as 6月3日, a report of the 30th was on time (blind
            # audit of spellings; 立案时间 refuses numbers too)
            m, d = footer.date_text.strip().split(".")
            n = nz.Norm(error=f"数字{footer.date_text.strip()}可能是{m}月{d}日，也可能是{m}月{d}0日（单元格把{m}.{d}0存成了"
                              f"{m}.{d}），请填写完整日期，如2022年{m}月{d}0日")
        if n.ok and n.value is not None and n.value.year < CAMPAIGN_YEAR:
            # 2021-06-15 in June 2022's report: a slip of the year, not a report of a year before the campaign. As a
            # date that cannot be read: undated, not “an earlier period's” 附件4 beside its 附件1–3 taken as this
            # month's (blind audit of status)
            out.append(make(Code.VALUE_INVALID, file=fs.file, sheet=fs.sheet, cell=cell, row=row_of(cell), unit=unit,
                            column="填报日期", value=footer.date_text,
                            reason=BEFORE_CAMPAIGN))
        elif n.ok and n.value is not None and (early := _before_stated_month(fs, n.value, footer.date_text)):
            # 3/6 under a title of 2022年6月: 3 March, months before the month reported — 6月3日 written day first, or
            # a slip; read as March the form was an earlier period's and its date passed unsaid (blind audit of
            # paper-form habits). Undated, as a date that cannot be read
            found = make(Code.VALUE_INVALID, file=fs.file, sheet=fs.sheet, cell=cell, row=row_of(cell), unit=unit,
                         column="填报日期", value=footer.date_text, reason=early)
            # (said as the date read: “无法识别” misled; review)
            out.append(found.model_copy(update={"message": f"填报日期“{footer.date_text}”{early}"}))
        elif n.ok and n.value is not None:
            footer.date = n.value
            footer.time = nz.time_of(footer.date_text) or _time_beside(fs, cell)
            if n.value > (today := bureau_today()) + dt.timedelta(days=1):
                # 2099-06-15 (a slip of the year) passed, and every later date in the form with it (audit of check)
                found = make(Code.DATE_IN_FUTURE, file=fs.file, sheet=fs.sheet, cell=cell, row=row_of(cell), unit=unit,
                             column="填报日期", value=n.value.isoformat(), report_date="")
                out.append(found.model_copy(update={"message": (
                    f"填报日期{n.value.isoformat()}晚于今天（{today.isoformat()}），请核对年、月、日并改正")}))
        else:
            error_shown = fs.grid.formula_errors.get(cell) == footer.date_text
            out.append(make(Code.VALUE_INVALID, file=fs.file, sheet=fs.sheet, cell=cell, row=row_of(cell), unit=unit,
                            column="填报日期", value=footer.date_text,
                            reason=FORMULA_ERROR if error_shown else n.error or "不是有效日期"))
    return footer, out


_NO_DAY = re.compile(r"[年月日/\-.]")
_DAY_FIRST = re.compile(r"\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*")


def _before_stated_month(fs: FormSheet, date: dt.date, text: str) -> str:
    """Why a monthly form's 填报日期 cannot be its own: before the month ahead of the one its title states (a June
    report dated in March); "" otherwise (a report filed a few days early, in May, is left alone)."""
    if fs.form.key not in ("F1", "F2", "F3") or not (titled := _month_in(fs.title)):
        return ""
    y, m = int(titled[:4]), int(titled[5:])
    if (date.year, date.month) >= ((y, m - 1) if m > 1 else (y - 1, 12)):
        return ""
    hint = ""
    if (parts := _DAY_FIRST.fullmatch(text)) and int(parts[2]) == m and 1 <= int(parts[1]) <= 31:
        hint = f"（若是{m}月{int(parts[1])}日，请写成{y}年{m}月{int(parts[1])}日）"
    return f"早于本表所报的{y}年{m}月，请核对{hint}"


def _time_beside(fs: FormSheet, cell: str) -> dt.time | None:
    """The hour of a 填报日期 typed in the next cell (2022年6月15日 | 17:40, a time cell or its text): a report at 17:40
    on the Wednesday was on time (blind audit of the weekly round)."""
    r, c = (row_of(cell) or 0) - 1, col_index(cell) - 1
    for k in (1, 2):
        v = fs.grid.get(r, c + k)
        if v is None or v == "":
            continue
        if isinstance(v, dt.time):
            return v if v != dt.time(0) else None
        return nz.time_of(v) if isinstance(v, str) and not _NO_DAY.search(v) and len(v.strip()) <= 12 else None
    return None


def _head_and_footer_formulas(fs: FormSheet, unit: str) -> list[Finding]:
    """FORMULA_NO_VALUE for the 填报单位 line and the footer (填报日期 =DATE(…) or =附件1!J7 saved without its result)
    as for the data cells: evaluated where it could be (reader._recompute), else left blank, and said."""
    grid = fs.grid
    labelled = [("填报单位", fs.unit_ref)] + [(k, cell) for k, (_, cell) in fs.footer.items()]
    out = [make(Code.FORMULA_NO_VALUE, file=fs.file, sheet=fs.sheet, cell=cell, row=row_of(cell), unit=unit,
                column=label, recomputed=grid.followed[cell])
           for label, cell in labelled if cell and cell in grid.followed]
    out += [make(Code.FORMULA_NO_VALUE, file=fs.file, sheet=fs.sheet, cell=cell, row=row_of(cell), unit=unit,
                 column=label, recomputed="（无法计算，视为未填）")
            for label, cell in fs.blank_formulas.items()]
    # a 填报单位 or 填报人 whose formula failed (=VLOOKUP(…) showing #N/A) prints so on the stamped form: said as
    # in a data cell (it passed unsaid, the unit taken from elsewhere); 填报日期's is said with the date (_read_footer)
    texts = {"填报单位": fs.unit_text} | {k: v for k, (v, _) in fs.footer.items()}
    out += [make(Code.VALUE_INVALID, file=fs.file, sheet=fs.sheet, cell=cell, row=row_of(cell), unit=unit,
                 column=label, value=texts[label], reason=FORMULA_ERROR)
            for label, cell in labelled if label != "填报日期" and cell and grid.formula_errors
            and grid.formula_errors.get(cell) == texts[label]]
    return out


@dataclass(frozen=True, slots=True)
class _Col:
    """What parsing needs of one matched column, looked up once per sheet rather than once per cell."""

    field: str
    index: int  # 0-based column
    letter: str
    kind: Kind
    header: str
    required: bool
    text: bool  # kept as text (TEXT, NAME, UNIT, SEQ)


_TEXT_KINDS = frozenset((Kind.TEXT, Kind.NAME, Kind.UNIT, Kind.SEQ))
# the kinds asked of every cell, as plain names: Kind.X goes through the enum metaclass's __getattr__ hook
# (≈ 0.1 µs each, several per cell)
_INT, _ANSWER, _ANSWER_NA, _POINTS, _MEASURES, _LEVEL, _CATEGORY, _DATE, _CASE, _RESOLVED, _PERCENT = (
    Kind.INT, Kind.ANSWER, Kind.ANSWER_NA, Kind.POINTS, Kind.MEASURES, Kind.LEVEL, Kind.CATEGORY, Kind.DATE, Kind.CASE,
    Kind.RESOLVED, Kind.PERCENT)
_ANSWERS = frozenset((_ANSWER, _ANSWER_NA))
_ITEMS = frozenset((_POINTS, _MEASURES))
_WORDS = frozenset((_ANSWER, _ANSWER_NA, _LEVEL, _CATEGORY, _CASE, _RESOLVED))  # a number's format may show a word
_NAMES = frozenset((Kind.NAME, Kind.UNIT, Kind.SEQ))  # what says whose a row is: never an error value


@functools.lru_cache(maxsize=1024)
def _plan(form_key: str, columns: tuple[tuple[str, int], ...]) -> tuple[_Col, ...]:
    from .forms import BY_KEY

    form = BY_KEY[form_key]
    out = []
    for f, c in columns:
        col = form.column(f)
        # a 黄 facility's clue is 不涉及: read as not applicable (橙/红 still need 是: CLUE_NOT_REPORTED)
        kind = Kind.ANSWER_NA if col.na_read and col.kind == Kind.ANSWER else col.kind
        out.append(_Col(f, c, col_letter(c), kind, col.header, col.required, col.kind in _TEXT_KINDS))
    return tuple(out)


_YEAR = re.compile(r"(?<!\d)(20[0-9]{2})(?:(?:0[1-9]|1[0-2])(?:[0-3][0-9])?)?(?!\d)")


def year_hint(fs: FormSheet) -> int | None:
    """The year of a sheet that gives none on the command line, for dates written without one (6月3日): its
    填报日期 when that has a year, else a year in the title rows (（2022年6月）), the file name or the sheet name.
    A month stated with the year of the 填报日期 (or December's, dated in January) is kept with it."""
    dated = None
    if "填报日期" in fs.footer:
        n = nz.parse_date(fs.footer["填报日期"][0], None)
        if n.ok and n.value is not None:
            dated = n.value
    stated = _stated_year(fs)
    if dated is None or isinstance(stated, nz.PeriodYear) and getattr(fs.workbook, "consolidated", False):
        # (a consolidated workbook's title is ours, its 填报日期 the latest of its townships': a late one's February
        # made December's 2月15日 next year's, the workbook failing its own check; review)
        return stated
    # (a December workbook dated 2023-01-05 read 立案 1月8日 as 2023-01-08, in the future, where the township's own
    # file, dated 1月5日, read 2022-01-08 by its title: the consolidated workbook failed its check; audit of a year)
    # (int(): a PeriodYear equals only a PeriodYear of its month — dated.year == stated was never true; review)
    if isinstance(stated, nz.PeriodYear) and (dated.year == int(stated) or dated.year == int(stated) + 1
                                              and stated.month == 12 and dated.month == 1):
        return stated
    return dated.year


def _stated_year(fs: FormSheet) -> int | None:
    head = [t for r in range(fs.match.header_row) for t in fs.grid.row_texts(r)[:30] if t]
    for text in (fs.title, *head, fs.workbook.path.stem, fs.sheet):
        m = _YEAR.search(text)
        if m:
            # with its month (惠萍镇_2022年12月): 1月3日 in December's report is next January's (it was January
            # 2022, on time and a false DATE_IN_FUTURE; blind audit of the calendar)
            month = _month_in(text, False) or _month_in(text)
            return nz.PeriodYear(int(m[1]), int(month[5:])) if month[:4] == m[1] else int(m[1])
    return None


# 2022年6月, 2022-06, 2022.6 (2022年6月15日 too: that month); not the start of a span (2022年4月以来, 2022年1月至6月)
_MONTH = re.compile(r"(?<!\d)(20[2-9][0-9])\s*(?:年|[-./])\s*(0?[1-9]|1[0-2])(?!\d)(?:\s*月)?+"
                    r"(\s*[-./]?\s*[0-3]?[0-9](?![0-9]|\s*月)\s*日?)?+(?!\s*(?:以来|起|开始|至|到|[-—~～]))")


def month_hint(fs: FormSheet) -> tuple[str, str]:
    """The report month a sheet states ("2022-06") in its title rows (（2022年6月）, as the template writes it), and
    the one its file name or sheet name states; "" where none does. A whole date counts in a title (截至2022年6月30日),
    not in a name (汇龙镇_2022-07-02.xlsx: more often the day it was sent); a span (2022年1-6月) is no month.
    pipeline.stated_month decides between them."""
    titled = _month_in(fs.title) or next(  # (not 附件4's 填报时间 beside its unit line: a date, read as such —
        # nor its value in a cell of its own, which SUBMISSION_MISSING said the report 标明是2022年7月; audit)
        (m for r in range(fs.match.header_row) for t in fs.grid.row_texts(r)[:30]
         if t and "20" in t and "填报" not in t and (m := _month_in(t)) and not _date_alone(t)), "")
    return titled, named_month(fs.workbook.path.stem) or named_month(fs.sheet)


def _date_alone(text: str) -> bool:
    """A cell holding a date and nothing else (2022-07-04, 2022年7月4日): a date written, not a title's month."""
    from .normalize import parse_date

    return parse_date(text).value is not None


def named_month(name: str) -> str:
    """The month a file's, folder's or sheet's name states ("2022-06"), not a whole date (the day it was sent)."""
    return _month_in(name, False)


@functools.lru_cache(maxsize=4096)  # every township's titles are the same few texts
def _month_in(text: str, day: bool = True) -> str:
    """The month `text` states ("2022-06"), "" if none; with a whole date only if `day`."""
    if "20" not in text:
        return ""
    m = next((m for m in _MONTH.finditer(text) if day or not m[3]), None)
    return f"{m[1]}-{int(m[2]):02d}" if m else ""


def parse_form(fs: FormSheet, unit: str, year: int | None) -> Parsed:
    out = Parsed()
    out.footer, ff = parse_footer(fs, year, unit)
    ff += _head_and_footer_formulas(fs, unit)
    out.findings.extend(ff)
    form = fs.form
    plan = _plan(form.key, tuple(fs.match.columns.items()))
    extras = [(h, c, col_letter(c)) for c, h in fs.match.unknown.items()]
    formulas = fs.grid.formulas_without_value
    name_col = next((col for f in ("name", "township") for col in plan if col.field == f), None)
    year = year.past() if isinstance(year, nz.PeriodYear) else year  # the rows' dates: what happened before
    letters = {col.field: col.letter for col in plan}  # one dict for every row of the sheet
    facility = form.key in ("F2", "F3", "FAC")
    percent_cells = fs.grid.percent_cells
    percent_unsaid = percent_cells is not None and "percent" in fs.match.columns and not percent_headed(fs)
    for raw in fs.rows:
        texts = raw.texts
        n = len(texts)
        if NOT_SUBMITTED in texts and _placeholder(plan, texts, n):
            out.skipped += 1
            place = next((texts[col.index] for col in plan if col.kind == Kind.UNIT and col.index < n), "")
            out.placeholders.append((raw.row, place))
            continue
        rec, fnd = parse_row(form, plan, extras, formulas, fs.grid.formula_errors, fs.match.joins, raw, fs.file,
                             fs.sheet, unit, year, name_col, facility, letters, fs.grid.followed,
                             percent_cells, fs.grid.shown, fs.grid.too_long, fs.grid.struck, percent_unsaid)
        if raw.at:
            fnd = _typed_below(rec, fnd, raw)
        if raw.pieces:
            fnd = _said_on_its_line(rec, fnd, raw, plan, fs, unit, year)
        if raw.through and (formulas or fs.grid.formula_errors or fs.grid.followed):
            fnd = fnd + _lower_lines_formulas(rec, raw, plan, fs, unit)
        if form.key == "F1" and not getattr(rec, "township", "") and unit:
            rec.__dict__["township"] = unit  # records are not assigned through pydantic (see Row.from_parsed)
            rec.invalid.discard("township")
            cell = rec.cell("township")
            fnd = [f for f in fnd if not (f.code == Code.VALUE_REQUIRED and f.cell == cell)]
        out.records.append(rec)
        out.findings.extend(fnd)
    return out


def _typed_below(rec: Row, findings: list[Finding], raw: RawRow) -> list[Finding]:
    """A row whose cells were typed on a line below its first (RawRow.at): their fields' cells, and the findings
    about them, on the line the value is on."""
    moved = {f"{col_letter(c)}{raw.row}": f"{col_letter(c)}{r}" for c, r in (raw.at or {}).items()}
    cells = dict(rec.cells)
    for name, letter in rec.columns.items():
        if (was := f"{letter}{raw.row}") in moved:
            cells.setdefault(name, moved[was])
    cells.update({k: moved[v] for k, v in cells.items() if v in moved})
    rec.__dict__["cells"] = cells  # records are not assigned through pydantic (see Row.from_parsed)
    return [f.model_copy(update={"cell": moved[f.cell], "row": row_of(moved[f.cell])}) if f.cell in moved else f
            for f in findings]


def _said_on_its_line(rec: Row, findings: list[Finding], raw: RawRow, plan: tuple[_Col, ...], fs: FormSheet,
                      unit: str, year: int | None) -> list[Finding]:
    """A facility over several rows, its points or measures a line each (RawRow.pieces): a finding of one line's
    value at that line's cell — an unreadable item (1 | I3), a bare 15 or a level 紫 typed on the second line was
    said at the first, which holds nothing wrong, or not at all where the joined text read (黄；紫 as 黄, 3 | 1.1 as
    3、1) — and text on a lower line that starts like a formula said there (blind audit of layouts). The other
    lines' cells are kept (Row.cells, LINES): the consolidated workbook marks the joined cell with their findings."""
    out = list(findings)
    cells = dict(rec.cells)
    file, sheet, name = fs.file, fs.sheet, getattr(rec, "name", "")
    for c, pieces in (raw.pieces or {}).items():
        col = next((col for col in plan if col.index == c), None)
        if col is None:
            continue
        cells[col.field + LINES] = ",".join(f"{col.letter}{r}" for r, _, _ in pieces[1:])
        kind = col.kind if col.kind in _ONE_A_LINE else None
        if kind is not None and (joined := raw.texts[c] if c < len(raw.texts) else ""):
            got = _parse(kind, joined, year)
            if kind in _ITEMS and got.ok and got.value is not None:
                # the line with a bare 15/11, for the rules' POINT_OTHER_UNDESCRIBED (Row.other_cell): asked only
                # where the facility's items hold one (cached: the lines' texts repeat)
                other = OTHER_POINT if kind == _POINTS else OTHER_MEASURE
                if other in got.value.items:
                    bare = [r for r, t, _ in pieces if (one := _parse(kind, t, year)).ok and one.value is not None
                            and other in one.value.items and not one.value.other_text]
                    if len(bare) == 1 and bare[0] != pieces[0][0]:
                        cells[col.field + OTHER_LINE] = f"{col.letter}{bare[0]}"
            # each line as its cell holds it (a number or a date too): the lines not readable alone
            wrong = [(r, t, why) for r, t, v in pieces
                     if not (one := _parse(kind, v if v.__class__ in _CELL_TYPES else t, year)).ok
                     and (why := one.error) is not None]
            head = f"{col.letter}{pieces[0][0]}"
            said = next((i for i, f in enumerate(out) if f.code == Code.VALUE_INVALID and f.cell == head), None)
            if said is not None and len(wrong) == 1 and wrong[0][0] != pieces[0][0]:
                out[said] = out[said].model_copy(update={"cell": f"{col.letter}{wrong[0][0]}", "row": wrong[0][0]})
            elif said is None and got.ok:
                for r, t, why in wrong:
                    out.append(make(Code.VALUE_INVALID, cell=f"{col.letter}{r}", row=r, file=file, sheet=sheet, unit=unit,
                                    facility=name, column=col.header, value=_short(t), reason=why))
                    rec.__dict__["invalid"] = {*rec.invalid, col.field}  # (a shared frozenset where none was)
        for r, t, _ in pieces[1:]:
            if t[:1] in _FORMULA_STARTS and not t.startswith(_PICTURE) and _formula_like(t, t):
                out.append(make(Code.CELL_FORMULA_TEXT, cell=f"{col.letter}{r}", row=r, file=file, sheet=sheet,
                                unit=unit, facility=name, column=col.header, first=t[0]))
    rec.__dict__["cells"] = cells  # records are not assigned through pydantic (see Row.from_parsed)
    return out


def _lower_lines_formulas(rec: Row, raw: RawRow, plan: tuple[_Col, ...], fs: FormSheet, unit: str) -> list[Finding]:
    """A facility over several rows: a formula saved without its result, or one that failed (#NAME?), on a lower line
    said at its cell, as on a one-row facility's (it was merged in, or dropped, without a word; blind audit of
    multi-row facilities)."""
    grid, out = fs.grid, []
    followed = grid.followed or {}
    name = getattr(rec, "name", "")
    for r in range(raw.row + 1, raw.through + 1):
        for col in plan:
            at = f"{col.letter}{r}"
            if at in followed or at in grid.formulas_without_value:
                out.append(make(Code.FORMULA_NO_VALUE, cell=at, row=r, file=fs.file, sheet=fs.sheet, unit=unit,
                                facility=name, column=col.header, recomputed=followed.get(at, "")))
            elif at in grid.formula_errors and col.kind not in _NAMES:
                out.append(make(Code.VALUE_INVALID, cell=at, row=r, file=fs.file, sheet=fs.sheet, unit=unit,
                                facility=name, column=col.header, value=grid.formula_errors[at],
                                reason=FORMULA_ERROR))
    return out


# the kinds a facility over several rows writes a line each, every line read alone as well (not answers, whose
# detail may follow on the next line: 是 | 王某某（副镇长）)
_ONE_A_LINE = frozenset((_POINTS, _MEASURES, _LEVEL, _CATEGORY))
_CELL_TYPES = frozenset((int, float, dt.date, dt.datetime))


_PLACEHOLDER_LEFT = "这是汇总表为未报送单位留的占位，请改填该单位报送的内容"
_DOUBTFUL_TICK = "分列打勾的表格里看不出这一格是否勾选；适用的请打 √，不适用的留空"
_MANY_TICKED = "只能勾一项，请保留一个 √"
_STRUCK_TICK = "这一格的勾设了删除线（划掉），按没勾读；作废的请删去，仍要勾的请取消删除线"


def _tick_cells(doubts: dict[int, tuple[str, str, str]], f: str, find: Any, header: str, row_no: str,
                followed: dict[str, str], errors: dict[str, str]) -> bool:
    """What the cells of field f's tick group say besides their ticks (reader._ticked_items), each at its cell;
    whether the field is then not known (a doubtful mark, a formula without its result, an error)."""
    unknown = False
    for c, (f_, why, text) in sorted(doubts.items()):
        if f_ != f:
            continue
        at = col_letter(c) + row_no
        if why == "struck":
            find(Code.VALUE_INVALID, at, column=header, value=_short(text), reason=_STRUCK_TICK)
        elif why == "followed":
            find(Code.FORMULA_NO_VALUE, at, column=header, recomputed=followed.get(at, ""))
        elif why == "formula":
            find(Code.FORMULA_NO_VALUE, at, column=header, recomputed="")
            unknown = True
        elif why == "many":
            find(Code.VALUE_INVALID, at, column=header, value=text, reason=_MANY_TICKED)
            unknown = True
        elif why == "none":
            find(Code.VALUE_REQUIRED, at, column=header, hint="（在“是”或“否”下打 √）")
            unknown = True
        elif at in errors:
            find(Code.VALUE_INVALID, at, column=header, value=errors[at], reason=FORMULA_ERROR)
            unknown = True
        else:
            find(Code.VALUE_INVALID, at, column=header, value=_short(text), reason=_DOUBTFUL_TICK)
            unknown = True
    return unknown


def _placeholder(plan: tuple[_Col, ...], texts: list[str], n: int) -> bool:
    """A consolidated workbook's row of a unit that sent nothing: 未报送 in its data cells and nothing else. A row
    where a clerk has typed figures into some of them has been reported: it is read, its 未报送 cells flagged."""
    seen = False
    for col in plan:
        if col.kind in (Kind.SEQ, Kind.UNIT):
            continue
        text = texts[col.index] if col.index < n else ""
        if text == NOT_SUBMITTED:
            seen = True
        elif text:
            return False
    return seen


NONE_WRITTEN = nz.NO_POINTS_WRITTEN  # no point (no measure), written as such
BREAKDOWN_HEAD = "其中（细分行）"  # the key of a row's breakdown in its record's extra
TICK_WORDS_HEAD = "勾选格内文字"  # the key of words written in a row's tick cells, in its record's extra
# 附件3's points given as a pointer to the list: 见附件2, 同附件二, 详见表2, 与附件2一致
def refers_to_list(text: str) -> bool:
    """附件3's 风险隐患点 written as a pointer to 附件2 (见附件2): the points are the list's."""
    return nz.form_referred(text) == "2"
# 无 read as none: no points (绿), no measures taken (MEASURE_MISSING for each the level calls for)
_NONE_READ = frozenset(("points", "measures"))
NO_POINTS = NONE_WRITTEN | {""}  # a 绿 facility's points (pipeline)


_PERCENT_UNIT = re.compile(r"[%％]|百分")


def percent_headed(fs: FormSheet) -> bool:
    """Whether 附件1's share column is headed in percent units (已排查占比（%）): a General cell's 0.85 there shows
    0.85 %. Under 已排查占比 or 排查进度 alone it is the share 0.85 (85 %) as much: the counts decide (it was a
    PERCENT_MISMATCH of 17/20 filed 0.85; blind audit of 附件1)."""
    c = fs.match.columns["percent"]
    return any(_PERCENT_UNIT.search(fs.grid.text(r, c)) for r in range(fs.match.header_row, fs.match.data_start))


def shown_as_percent(percent_cells: frozenset[str] | None, cell: str, unsaid: bool) -> bool | None:
    """Whether 附件1's share in `cell` shows as a percentage (0.85 → 85%): None where the formats are not known, or
    for a General cell under a header naming no % unit (`unsaid`, not percent_headed) — the counts say then."""
    if percent_cells is None:
        return None
    return True if cell in percent_cells else None if unsaid else False


def parse_row(form: FormDef, plan: tuple[_Col, ...], extras: list[tuple[str, int, str]], formulas: set[str],
              errors: dict[str, str], joins: dict[str, int], raw: RawRow, file: str, sheet: str, unit: str, year: int | None, name_col: _Col | None,
              facility: bool, letters: dict[str, str], followed: dict[str, str] | None = None,
              percent_cells: frozenset[str] | None = None, as_text: dict[str, str] | None = None,
              too_long: dict[str, int] | None = None, struck: dict[str, tuple[str, str]] | None = None,
              percent_unsaid: bool = False) -> tuple[Row, list[Finding]]:
    """One row → its record (raw text kept for every field) and the findings of reading it."""
    findings: list[Finding] = []
    values: dict[str, Any] = {}
    texts: dict[str, str] = {}
    invalid: set[str] = set()
    row_values, row_texts = raw.values, raw.texts
    n = len(row_texts)
    row_no = str(raw.row)
    detail_cells: dict[str, str] = {}

    def find(code: Code, cell: str, **params: object) -> None:
        name = ""
        if facility and name_col is not None and name_col.index < n:
            name = nz.one_line(row_texts[name_col.index])
        if raw.said and (typed := raw.said.get(col_index(cell) - 1)):
            # 同上 taken from the row above: the message quotes what the cell holds, then what it was read as
            if "value" in params:
                params["value"] = f"{typed}（即{params['value']}）"
            elif code == Code.VALUE_REQUIRED:  # (the row above has nothing there: the cell is not empty; review)
                code, params = Code.VALUE_INVALID, {"column": params.get("column", ""), "value": typed,
                                                    "reason": "上一行这一格是空的，没有可照抄的内容，请直接填写"}
        elif raw.said_apart and code == Code.VALUE_INVALID and is_ditto(str(params.get("value", ""))):
            params["reason"] = "上一行是另一个乡镇的，“同上”不能照抄，请直接填写"  # (not 应填是或否: review)
        findings.append(make(code, cell=cell, row=raw.row, file=file, sheet=sheet, unit=unit, facility=name,
                             **params))

    formulas_or_errors = bool(followed or formulas or errors or too_long or struck)  # (the sheet's; most have none)
    if struck and (lead := _struck_row(plan, name_col, struck, row_texts, row_no)) is not None:
        # a facility or township struck through: deleted, or still listed? (it was counted unsaid; audit of what
        # clerks say with Excel's features) — said once, at its name, for the row; read as it stands
        find(Code.VALUE_INVALID, lead.letter + row_no, column=lead.header,
             value=_short(struck[lead.letter + row_no][1]), reason=_STRUCK_ROW)
        struck = None
    for col in plan:
        c = col.index
        f = col.field
        text = row_texts[c] if c < n else ""
        if f == "name" and "\n" in text:
            text = nz.one_line(text)
        joined: str | bool = ""
        if joins and f in joins:
            joined = joins[f] < n and row_texts[joins[f]]
            split_ref = col_letter(joins[f]) + row_no
            if joined and not text and errors and (own_ref := col.letter + row_no) in errors:
                # 是否立案 an error value (#REF!) beside its 立案时间: read as the date alone, 是, without a word
                # (blind audit of error values)
                invalid.add(f)
                texts[f] = f"{errors[own_ref]}，{joined}"
                find(Code.VALUE_INVALID, own_ref, column=col.header, value=errors[own_ref], reason=FORMULA_ERROR)
                continue
            if not joined and errors and split_ref in errors:
                if col.kind == _CASE:
                    joined = errors[split_ref]  # 是 | #VALUE!: read as 是，#VALUE! — unreadable, not left out
                else:
                    find(Code.VALUE_INVALID, split_ref, column=col.header, value=errors[split_ref],
                         reason=FORMULA_ERROR)
            if formulas_or_errors and (followed or formulas):
                # the column split off it (立案时间) holding a formula saved without its result: said as in any
                # column (it was recomputed without a word; blind audit of how cells are stored)
                if followed and split_ref in followed:
                    find(Code.FORMULA_NO_VALUE, split_ref, column=col.header, recomputed=followed[split_ref])
                elif formulas and split_ref in formulas:
                    find(Code.FORMULA_NO_VALUE, split_ref, column=col.header, recomputed="")
            if joined:  # 是 | 2022.6.10 in two columns: 是，2022.6.10
                after = joined
                if col.kind == _CASE:
                    after = _serial_date(row_values[joins[f]]) or after
                # (a facility sheet's point left blank beside its note is unanswered: the note is no 是; review)
                text = f"{text}，{after}" if text else "" if form.key == "FAC" and col.kind in _ANSWERS else after
            if joined or not _HAS_DIGIT.search(text):
                # the detail asked for (立案时间, 化解情形, 负责人) is in its own column: a finding about it points there
                # (where it is written, or, when this cell holds no date or number either, where it must be)
                detail_cells[f + DETAIL] = col_letter(joins[f]) + row_no
        texts[f] = text
        if raw.doubts and _tick_cells(raw.doubts, f, find, col.header, row_no, followed or {}, errors):
            invalid.add(f)  # a tick that says neither, or a formula without its result: the field is not known
            if not text:
                # ？ under 是 | 否: written, not left blank — so no CLUE_NOT_REPORTED beside its VALUE_INVALID, as
                # with ？ in the one column; one level up the cell shows what was written (review)
                texts[f] = "；".join(t for _, (f_, why, t) in sorted(raw.doubts.items()) if f_ == f and why == "doubt")
            continue
        if f == "name" and text in DASHES and col.required:
            # a facility's row with a dash where its name should be: no name given (it passed as one named “/”)
            values[f] = text
            invalid.add(f)
            find(Code.VALUE_REQUIRED, col.letter + row_no, column=col.header, hint=_hint(col, form.key))
            continue
        if not text and raw.section is not None and f == "level" and not (formulas and col.letter + row_no in formulas):
            _section_level(raw.section, values, texts)  # 一、红色名单 over it: the level it is listed at
            continue
        own = not (raw.ticked and f in raw.ticked)  # (a tick group's text is no cell's: its cells are said above)
        facts = formulas_or_errors and own
        if not facts:
            if not text:
                if col.required:
                    invalid.add(f)
                    find(Code.VALUE_REQUIRED, col.letter + row_no, column=col.header, hint=_hint(col, form.key))
                continue
            if col.text and text[0] not in _LOOKED_AT and not (f == "name" and _MAY_JOIN.search(text)) \
                    and not (f == "seq" and raw.in_seq):
                values[f] = text  # (most cells: a text column's text, nothing to look at)
                continue
        cell_ref = col.letter + row_no
        if facts and struck and cell_ref in struck:
            part, written = struck[cell_ref]
            find(Code.VALUE_INVALID, cell_ref, column=col.header, value=_short(written),
                 reason=f"其中划掉（删除线）的“{part}”没有计入，按“{_short(text)}”读；划掉的内容请删去，仍有效的请取消删除线"
                 if part else _STRUCK_CELL)
        if facts and too_long and cell_ref in too_long:
            find(Code.VALUE_INVALID, cell_ref, column=col.header, value=_short(text), reason=_too_long(too_long[cell_ref]))
        as_shown = own and as_text is not None and cell_ref in as_text and col.kind in _WORDS and not joined
        if as_shown:  # 1 showing 是 through the cell's format ("是";"是";"否"): the clerk sees and means 是
            text = texts[f] = as_text[cell_ref]  # type: ignore[index]  # as_shown: as_text is not None
        if facts and followed and cell_ref in followed:  # saved without its result, evaluated (reader._recompute)
            find(Code.FORMULA_NO_VALUE, cell_ref, column=col.header, recomputed=followed[cell_ref])
        elif facts and formulas and cell_ref in formulas:
            invalid.add(f)
            if (form.key, f) == ("F4", "total"):
                continue  # recomputed below when both its terms are there
            recomputed = "（附件1 占比已按已排查数/总数重新计算）" if (form.key, f) == ("F1", "percent") else ""
            find(Code.FORMULA_NO_VALUE, cell_ref, column=col.header, recomputed=recomputed)
            if col.required and not recomputed:
                # a formula this tool cannot evaluate (VLOOKUP …) in a cell the form needs: its value is unknown,
                # and the consolidated workbook would hold a blank there (an error when it is checked in turn)
                find(Code.VALUE_INVALID, cell_ref, column=col.header, value=FORMULA_UNSAVED,
                     reason="本工具无法替它计算，请在 Excel/WPS 中打开后保存再发送，或直接填写数值")
            continue
        if not text and facts and errors and cell_ref in errors:
            # a formula that calculated to an error: 占比 of nothing (#DIV/0! with 0 to check) is recomputed; with
            # a total to divide by, the formula itself is wrong (=D5/C6)
            invalid.add(f)
            if not (form.key == "F1" and f == "percent" and _expected_percent(plan, row_values, n) is None):
                find(Code.VALUE_INVALID, cell_ref, column=col.header, value=errors[cell_ref], reason=FORMULA_ERROR)
                # a value kept as the cell shows it: written blank, the consolidated workbook's cell was
                # VALUE_REQUIRED when checked in turn, an error no comment carried (blind audit of how cells are
                # stored) — not a name, which would be a facility or a place called #NULL!
                if col.kind not in _NAMES:
                    texts[f] = errors[cell_ref]
            continue
        if not text:
            if col.required:
                invalid.add(f)
                find(Code.VALUE_REQUIRED, cell_ref, column=col.header, hint=_hint(col, form.key))
            continue
        if text[0] == "#" and text in nz.EXCEL_ERRORS and col.kind not in _NAMES:
            # an error value written as text (a consolidated workbook keeps a township's #REF! so): as unreadable
            # as the error cell it was — it was read one level up as 是, as progress (code review)
            invalid.add(f)
            find(Code.VALUE_INVALID, cell_ref, column=col.header, value=text, reason=FORMULA_ERROR)
            continue
        if text[0] in _FORMULA_STARTS:
            if text.startswith(_PICTURE):
                text = texts[f] = PICTURE
            elif _formula_like(text, row_values[c] if c < len(row_values) else None):
                # any column's text (=6 in 风险隐患点, =是 in 通报线索): written out as text whatever it reads as
                find(Code.CELL_FORMULA_TEXT, cell_ref, column=col.header, first=text[0])
        if col.text:
            values[f] = text
            if f == "seq" and raw.in_seq:
                # the whole row typed in the 序号 cell (a table converted from a photo or a PDF): said where it is
                find(Code.VALUE_INVALID, cell_ref, column=col.header, value=nz.shorten(text, 40),
                     reason="“序号”一格里写了整行的内容，请把各项分别填入各自的列")
            if f == "name" and facility and _MAY_JOIN.search(text) and (several := several_facilities(text)):
                # 康乐养老院、福寿养老院 on one row: two facilities counted as one, each graded by the other's
                # points (blind audit of paper-form habits) — asked to be listed a row each
                find(Code.VALUE_INVALID, cell_ref, column=col.header, value=text, reason=several)
            continue
        if text == NOT_SUBMITTED:  # left from a consolidated workbook's row of a unit that sent nothing
            invalid.add(f)
            find(Code.VALUE_INVALID, cell_ref, column=col.header, value=text, reason=_PLACEHOLDER_LEFT)
            continue
        if f in _NONE_READ and text in NONE_WRITTEN:
            # 无, /, 0: no points, read as such (SPEC: no points → GREEN); the rules say what that means on the 红橙黄
            # list (GREEN_IN_LIST, LEVEL_OVERRATED). It was VALUE_INVALID, an error, unless declared 绿 (blind audits)
            continue
        if f == "points" and form.key == "F3" and refers_to_list(text):
            continue  # 见附件2: the points are 附件2's, as a blank cell's are (it was point 2, POINTS_DIFFER; audit)
        value = text if joined or as_shown else row_values[c]
        if col.kind == _PERCENT and text.replace(" ", "") in _NO_PERCENT and _total_is_zero(plan, row_values, n):
            continue  # nothing to check (总数 0): 占比 “/” or “—” is no number to be had, not a wrong one (fuzz audit)
        if col.kind == _PERCENT:
            shown = shown_as_percent(percent_cells, cell_ref, percent_unsaid)
            ok = _put(values, f, nz.parse_percent(value, _expected_percent(plan, row_values, n), shown))
        else:
            ok = _convert(col.kind, f, value, year, values, form)
        if ok is not None:
            invalid.add(f)
            if joined and col.required and not (c < n and row_texts[c]):
                # 是否 left blank, its detail written in the column split off it (王某某): the answer is missing
                find(Code.VALUE_REQUIRED, cell_ref, column=col.header, hint=_hint(col, form.key))
                continue
            # an unreadable 立案时间 in a column of its own is that cell's mistake — also a day that does not exist
            # (2022年13月5日) beside a 是 that reads alone (it was said at the 是; grader audit)
            # …as is a 化解情形 (12, I3) beside a 是 (blind audit of typing habits): whatever the column split off
            at = detail_cells.get(f + DETAIL, cell_ref) if ok.startswith(nz.CASE_DATE_UNREADABLE) or (
                joined and c < n and row_texts[c] and _parse(col.kind, row_texts[c], year).ok
            ) else cell_ref
            seen = _short(text)
            if col.kind in _ITEMS and isinstance(value, dt.date):
                # 1-3 typed into a cell of the General format: Excel made it 1月3日, which is what the clerk sees
                seen = f"{value.month}月{value.day}日"
                # …and written so one level up: as 2022-01-03 its check quoted another value than the note did, an
                # error anew, exit 1 (randomized round-trip audit)
                texts[f] = seen
                # the example follows what was typed: 1-3 is read as 1 to 3 (it said 如 1、3, dropping point 2)
                a, b = value.month, value.day
                example = "、".join(map(str, range(a, b + 1))) if a < b <= 15 else f"{a}、{b}"
                ok = (f"Excel 把输入的“{a}-{b}”自动改成了日期；请先把该列设为“文本”格式，"
                      f"再填写编号（如 {example}）")
            if col.kind == _INT and ok == nz.NOT_A_NUMBER:
                ok += "；请填阿拉伯数字（没有的填 0）"  # (what to write instead: @无 was said unreadable, no more; audit)
            find(Code.VALUE_INVALID, at, column=col.header, value=seen, reason=ok)
    if form.key == "F4" and formulas and "total" in letters and letters["total"] + row_no in formulas:
        # 总计 = 正在整治 + 整治完成 as a formula a program never calculated: the sum, as Excel would show it
        ongoing, done = values.get("ongoing"), values.get("done")
        recomputed = ""
        if isinstance(ongoing, int) and isinstance(done, int):
            values["total"] = ongoing + done
            invalid.discard("total")
            recomputed = "（附件4 总计已按正在整治 + 整治完成重新计算）"
        find(Code.FORMULA_NO_VALUE, letters["total"] + row_no, column=form.column("total").header,
             recomputed=recomputed)
    extra: dict[str, str] = {}
    for header, c, letter in extras:
        text = row_texts[c] if c < n else ""
        if formulas_or_errors and (followed or formulas):
            # an extra column's formula saved without its result (=VLOOKUP(…) from a 通讯录 sheet): its value is kept
            # in the report like any other, so it is said, as in the form's own columns (it vanished unsaid; audit)
            cell_ref = letter + row_no
            if followed and cell_ref in followed:
                find(Code.FORMULA_NO_VALUE, cell_ref, column=header, recomputed=followed[cell_ref])
            elif formulas and cell_ref in formulas:
                find(Code.FORMULA_NO_VALUE, cell_ref, column=header, recomputed="")
        if text.startswith(_PICTURE):
            text = PICTURE
        if too_long and letter + row_no in too_long:
            find(Code.VALUE_INVALID, letter + row_no, column=header, value=_short(text), reason=_too_long(too_long[letter + row_no]))
        if text:
            # (two columns of one header — two without any, （无表头） — keep both: the first was overwritten; review)
            extra[header] = f"{extra[header]}；{text}" if header in extra else text
            if text[0] in _FORMULA_STARTS and _formula_like(text, row_values[c] if c < len(row_values) else None):
                find(Code.CELL_FORMULA_TEXT, letter + row_no, column=header, first=text[0])
    if raw.section is not None and "level" not in letters:
        _section_level(raw.section, values, texts)  # no 等级 column: the parts of the list say it
    if form.key == "F2" and "level" in invalid and "points" not in invalid and "level" in letters:
        _level_from_points(findings, letters["level"] + row_no, values.get("points"))
    if raw.parts:  # the row's breakdown below it (其中：…), said beside it one level up, not added
        extra[BREAKDOWN_HEAD] = "；".join(raw.parts)
    if raw.notes:  # words written in tick cells besides the tick (reader._ticked_items)
        extra[TICK_WORDS_HEAD] = "；".join(raw.notes)
    values.update(file=file, sheet=sheet, row=raw.row, columns=letters, raw=texts, extra=extra, invalid=invalid)
    if detail_cells:
        values["cells"] = detail_cells
    return RECORD_TYPES[form.key].from_parsed(values), findings


def _struck_row(plan: tuple[_Col, ...], name_col: _Col | None, struck: dict[str, tuple[str, str]],
                row_texts: list[str], row_no: str) -> _Col | None:
    """The column to say a row struck through at: its name (or township) struck whole, or every cell it fills
    (附件4's figures); None when the row is not struck as a whole."""
    def whole(col: _Col) -> bool:
        return struck.get(col.letter + row_no, ("-",))[0] == ""

    if name_col is not None and whole(name_col):
        return name_col
    filled = [col for col in plan if col.field != "seq" and col.index < len(row_texts) and row_texts[col.index]]
    return filled[0] if filled and all(map(whole, filled)) else None


_STRUCK_ROW = "这一行设了删除线（划掉），看不出是否已删去：已删去的请删除整行，仍有效的请取消删除线"
_STRUCK_CELL = "这一格设了删除线（划掉），看不出是否作废：作废的请删去，有效的请取消删除线"


def _too_long(length: int) -> str:
    """A cell's text longer than Excel holds (a program other than Excel wrote it): the consolidated workbook can
    keep only its beginning (the writer marks the cut), so it is said here, where the township can shorten it."""
    return (f"文字过长（共 {length:,} 字），超出 Excel 一格最多 {EXCEL_MAX_TEXT:,} 字的上限，汇总表中写不下全文；"
            "请精简后重新发送")


def _section_level(section: tuple[str, str, str], values: dict[str, Any], texts: dict[str, str]) -> None:
    """A level cell left blank under a heading (一、红色名单) or on a sheet of one level's: the level the township
    listed the facility at; the heading is kept to say so (LEVEL_* findings, the consolidated cell's note)."""
    values["level"] = nz.parse_level(section[0]).value
    texts[LEVEL_SECTION] = section[1]


def _level_from_points(findings: list[Finding], cell: str, points: Any) -> None:
    """An unreadable 风险隐患等级 (紫) beside points that give a level: its VALUE_INVALID says which level (应填红、
    橙、黄、绿 offered four, three of them wrong: 绿 is LEVEL_UNDERRATED, 红 LEVEL_OVERRATED; blind audit)."""
    from .rules.levels import level_of

    if not isinstance(points, Numbers) or not points.items:
        return
    level = level_of(points.items)
    if level == RiskLevel.GREEN:
        return  # (only 15: no level to give, LEVEL_UNDETERMINED's matter)
    for i, f in enumerate(findings):
        if f.code == Code.VALUE_INVALID and f.cell == cell:
            findings[i] = said_also(f, f"；按风险隐患点{points.display()}应填{level.label}")


def _serial_date(value: Any) -> str:
    """A 立案时间 column's date as the text joined after 是: a date typed without a date format shows as its serial
    number (44722), the date; a date-time (another program's 00:00:43) or a zoned ISO text (SheetJS) its day —
    written out as they were stored, 是，44732.0004976852 or 是，2022-06-20T00:00:00.000Z (blind audit of other
    programs' files). Only numbers of the years 1955–2119 within a minute after a day's start (SheetJS in China
    writes them 43 s late), so that a case number or a count is not taken for one."""
    if value.__class__ in (float, int) and 20000 <= value < 80000 and value - int(value) < 0.0007:
        return (nz.EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()  # (.xls gives an int)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, str) and "T" in value and (day := nz.parse_date(value)).value is not None:
        return day.value.isoformat()
    return ""


_HAS_DIGIT = re.compile(r"\d")
# WPS keeps a picture placed in a cell as this formula, its own text cached as the cell's value
_PICTURE = ("=DISPIMG(", "=_xlfn.DISPIMG(")
PICTURE = "（图片）"
_FORMULA_STARTS = frozenset("=+-@ ")  # a cheap first look before _formula_like (texts are stripped)
_LOOKED_AT = _FORMULA_STARTS | {"#"}  # …and an error value written as text (#N/A): a text column's text asked further


def _formula_like(text: str, value: Any = None) -> bool:
    """Text starting with =, +, -, @ (SPEC CELL_FORMULA_TEXT); not a dash meaning none (-, --, -- --), nor a number
    cell shown as text (-3, +5, -5%) — but a text cell holding one is (+8613800000000 typed as text; blind audit)."""
    return nz.is_formula_text(text) and bool(text.strip("-—+ ")) and (
        value.__class__ is str or not _is_plain_number(text))


def _is_plain_number(text: str) -> bool:
    """-3, +5, -5% (a spreadsheet takes these for numbers, not formulas)."""
    try:
        float(text[:-1] if text.endswith("%") else text)
        return True
    except ValueError:
        return False


def _hint(col: _Col, form_key: str = "") -> str:
    """What to write in an empty required cell, where the column says it: a count left blank for none (附件4's
    接收检察建议书 of a town that received none) is what clerks most often leave; a facility's name, which the other
    list must give too (filled in on 附件2 alone, it came back DISPOSAL_MISSING; audit of the send-back loop)."""
    if col.kind == _INT:
        return "（没有的填 0）"
    if col.field == "name" and form_key in ("F2", "F3"):
        # (after a ；: a note written one level down says the words before it — _as_noted — whichever version wrote it)
        return "；附件3 中这家机构的处置记录也要写同一名称" if form_key == "F2" else "；写附件2 名单中的名称"
    return ""


_short = nz.shorten


_DATED = frozenset((Kind.DATE, Kind.CASE))


# typed: True == 1 and hash(True) == hash(1), so untyped the first of TRUE and 1 read in a run decided what the
# other was — a TRUE in one township's count cell made every other township's 1 VALUE_INVALID (audit of cell types)
@functools.lru_cache(maxsize=65536, typed=True)
def _parse(kind: Kind, value: Any, year: int | None) -> nz.Norm:
    """Normalise one cell value. Cached: townships repeat the same answers (是, 否, 1、2) thousands of times,
    and every Norm (and the Answer/Numbers inside) is frozen, so sharing results is safe."""
    if value.__class__ is str and nz.TRADITIONAL_CHARS.search(value) is not None:
        # 紅色, 虛假或誇大宣傳, 風險提示: the notice's words in traditional characters, as the headers are read (they
        # were VALUE_INVALID; blind audit of typing habits)
        value = value.translate(nz.TRADITIONAL)
    if kind == _INT:
        return nz.parse_int(value)
    if kind in _ANSWERS:
        return nz.parse_answer(value, allow_na=kind == _ANSWER_NA)
    if kind == _POINTS:
        return nz.parse_numbers(value, "points")
    if kind == _MEASURES:
        return nz.parse_numbers(value, "measures")
    if kind == _LEVEL:
        return nz.parse_level(value)
    if kind == _CATEGORY:
        return nz.parse_category(value)
    if kind == _DATE:
        return nz.parse_date(value, year)
    if kind == _CASE:
        return nz.parse_case(value, year)
    if kind == _RESOLVED:
        return nz.parse_resolved(value)
    raise ValueError(kind)


_NO_NEED = ("无需", "不需要", "不需")
_INSOLVENCY = {"资不抵债": YesNo.YES, "已资不抵债": YesNo.YES, "资可抵债": YesNo.NO, "资能抵债": YesNo.NO,
               "未资不抵债": YesNo.NO, "不资不抵债": YesNo.NO}


def _convert(kind: Kind, f: str, value: Any, year: int | None, out: dict[str, Any], form: FormDef) -> str | None:
    """Store the typed value of one cell in `out`; return a Chinese reason when it cannot be read."""
    said: YesNo | str | None
    if kind not in _DATED:
        year = None  # only dates read the period: the other kinds' cached results are shared across periods
    try:
        n = _parse(kind, value, year)
    except TypeError:  # an unhashable value: parse it without the cache
        n = _parse.__wrapped__(kind, value, year)
    key = form.key
    if key == "F1" and not n.ok and isinstance(value, str) and value.strip().startswith(_NO_NEED):
        # 无需成立, 不需要 under 附件1's questions: no need, 否 (VALUE_INVALID, sent back; audit of prose) — only
        # here: 无需登记 under 是否已登记 says nothing of whether it is (review)
        out[f] = Answer(value=YesNo.NO, detail=value.strip())
        return None
    if key == "FAC":
        if f in ("registered", "filed") and isinstance(value, str) and _STRUCK_OFF.search(value):
            # 已注销 / 已吊销 under 是否已登记: no longer registered — read as 是 (已…), the site graded 绿 (audit of the
            # facility sheet)
            out[f] = Answer(value=YesNo.NO, detail=nz.clean_text(value))
            return None
        if f == "insolvent" and isinstance(value, str) and (said := _INSOLVENCY.get(value.strip())):
            out[f] = Answer(value=said)  # the column answered in its own words: 资不抵债 / 资可抵债
            return None
        if f in _FACTS and isinstance(value, str) and (_UNVERIFIED.search(value) or nz.UNSURE.match(
                nz.clean_text(value))) and not _VERIFIED.search(value):
            # 待核实 / 未知 under 是否已登记 or 资不抵债 was read as 否: an unregistered site (9, 橙) or no 12 made of
            # a fact nobody has yet (blind audit of classify)
            return "尚未核实，不能据此判定风险隐患点；核实后填“是”或“否”"
        if kind == _DATE and n.ok and n.value is not None and n.value.year < CAMPAIGN_YEAR:
            # 排查日期 2021-06-10: an inspection of the campaign is of its year or later, a slip of the year as a
            # 填报日期 of 2021 is (it passed unsaid; audit of the other commands)
            return BEFORE_CAMPAIGN
        if kind in _ANSWERS and f.startswith("p") and f[1:].isdigit():
            if f == f"p{OTHER_POINT}" and isinstance(value, str) and (case := _other_written(value, n)):
                # words under 15.其他 are its case whatever they start with (README): 无证经营 was 否 (GREEN unsaid),
                # 以房养老名义推销保健品 VALUE_INVALID (blind audit of classify)
                out.setdefault("ticked", {})[OTHER_POINT] = Answer(value=YesNo.YES, detail=case)
                return None
            if isinstance(value, str) and (said := _point_said(value)) is not None:
                # 待核实, 部分存在, 正在整改 under a risk point: read as 否 (正在/待/部分), the facility was graded 绿
                if not isinstance(said, YesNo):
                    return said
                n = nz.Norm(Answer(value=said, detail=nz.clean_text(value)))
            if n.ok and n.value is not None:
                out.setdefault("ticked", {})[int(f[1:])] = n.value
            return n.error
    elif key == "F1" and kind == _ANSWER and not n.ok and isinstance(value, str) and _says_what_was_done(value):
        # 附件1 answered by what was done (成立了以王某某为组长的领导小组, 12345热线): 是, with that as the detail
        out[f] = Answer(value=YesNo.YES, detail=nz.clean_text(value))
        return None
    if f in _NOT_DONE_BY and value.__class__ is str and len(value) > 2:
        n = _worded(kind, f, value, n, year)  # (a sentence, not 是/否: one set lookup on every other cell)
    if kind == _CASE:
        if n.ok and n.value is not None:
            out["case"], out["case_date"] = n.value
        return n.error
    if kind == _RESOLVED:
        if n.ok and n.value is not None:
            out["resolved"], out["criteria"] = n.value
        return n.error
    return _put(out, f, n)


_STRUCK_OFF = re.compile(r"(?:已|被)?(?:注销|吊销|撤销登记|撤销备案)")
_FACTS = frozenset(("registered", "filed", "insolvent"))  # the facility sheet's yes/no facts beside its points
_UNVERIFIED = re.compile(r"待核|未核|尚未核|正在核|核实中|核查中|调查中|正在调查|进一步|待查证|待查|不清楚|不详|不明|未知|"
                         r"待定|待确认|待认定")
_NOT_FOUND = re.compile(r"不存在|无此|没有此|未发现|未查到|没有?查到|未查实|查无|不属实")
_VERIFIED = re.compile(r"经核实|经核查|经查|已核实|已核查|核实后")
_PARTLY = re.compile(r"部分存在|部分|正在整改|整改中|正在处置|处置中")


def _other_written(value: str, n: nz.Norm) -> str:
    """The case written under the facility sheet's 15.其他 without a 是 before it: text read as no answer at all, or
    as 无 where 无 begins the case's own words (无证经营); "" otherwise."""
    t = nz.clean_text(value)
    if n.ok and n.value is not None and not (n.value.value == YesNo.NO and nz.OTHER_CASE_NO_WORD.match(t)):
        return ""
    if not n.ok and (nz.UNSURE.match(t) or _UNVERIFIED.search(t)):
        return ""  # 待核实: not yet known (VALUE_INVALID as under any point)
    return t if len(t) >= 2 and any("\u4e00" <= ch <= "\u9fff" for ch in t) else ""


def _point_said(value: str) -> YesNo | str | None:
    """A facility sheet's risk point answered neither 是 nor 否: not yet verified (a reason: it cannot be graded),
    present in part or being put right (是: the risk is there), else None (parse it as any answer)."""
    t = nz.clean_text(value)
    if nz.UNSURE.match(t) and not _NOT_FOUND.search(t):  # 无法确定, 未排查, 有待核实 (not 没查到: checked, none)
        return "尚未核实，不能判断是否存在该风险隐患；核实后填“是”或“否”"
    if t.startswith(("是", "否", "有", "无", "不存在", "存在", "√", "×")):
        return None
    if _NOT_FOUND.search(t) and (_VERIFIED.search(t) or not _UNVERIFIED.search(t)):
        return YesNo.NO  # 未查到, 经核实不存在: checked, and not there (not 待核实，暂未发现)
    if _VERIFIED.search(t) and re.search(r"存在|属实", t):
        return YesNo.YES  # 经核实，存在; 经核查，部分存在
    if _UNVERIFIED.search(t):
        return "尚未核实，不能判断是否存在该风险隐患；核实后填“是”或“否”"
    if _PARTLY.match(t):
        return YesNo.YES
    # 已排除, 已否定, 已核实，无: checked and not there — they were read as 是 (已…), the facility graded up (audit of
    # the facility sheet); 已排查 alone says it was looked at, not what was found
    if _RULED_OUT.search(t) or "否定" in t or _CHECKED_NONE.fullmatch(t):
        return YesNo.NO
    if _CHECKED_ONLY.fullmatch(t):
        return "只写了已排查，没有写明是否存在该风险隐患；请填“是”或“否”"
    return None


_CHECKED = r"(?:已|经|已经)(?:排查|核实|核查|检查|摸排|查实|走访)(?:过|完毕|完成|了)?"
_CHECKED_NONE = re.compile(_CHECKED + r"[，,：:；;。\s]*(?:无|没有|未发现|暂无)[。.]?")
_CHECKED_ONLY = re.compile(_CHECKED + r"[。.]?")


# ruled out (已排除, 经核查已排除非法集资): not applicable, as 不涉及 (VALUE_INVALID; differential run) — not 未排除
_RULED_OUT = re.compile(r"(?<![未不没无难])排除")
# an answer word opening a later clause: 已约谈，是 / 已研判，不涉及 (是 / 否 as a word of their own: not 是否立案待定)
_ANSWER_AFTER = re.compile(r"[，,；;：:。\s]+\s*((?:是|否|不是)(?=$|[，,；;：:。（(\s])|不涉及|不属于|未涉及)")
# (不属非法集资, 非集资类, 不涉及集资, 经研判不属于, 未涉及: not applicable, as 不涉及 — VALUE_INVALID or
# FUNDRAISING_NOT_ESCALATED before; blind audit of prose)
_NOT_FUNDRAISING = re.compile(r"(?:不|未|非|没有)(?:涉及|属于?|是|构成|存在)?(?:非法)?集资|^(?:经[^,，;；。]{0,6}?)?不属于?"
                              r"|^未涉及$|不涉及$")
# a yes/no column's own act, which a clause of the answer may say was not done (已约谈，未通报)
_SUBJECT = {"clue": "通报", "fundraising": "纳入", "case": "立案", "resolved": "化解", "registered": "登记",
            "filed": "备案", "group": "成立", "task_force": "(?:抽调|组建|成立)", "publicity": "宣传",
            "info_sharing": "建立", "complaints": "开通"}
# …said not done, by itself (not 不通报媒体, 未纳入部分…): one pattern per column, compiled once (every answer cell)
# (its own object may follow: 暂未通报政法机关, 未纳入处非工作机制, 尚未立案侦查; another may not: 不通报媒体)
_OWN_OBJECT = r"(?:[^，,；;。）)、\s]{0,8}?(?:线索|公安|政法|政府|机关|处非|机制|侦查|调查|程序|条件))?"
_NOT_DONE_BY = {f: re.compile(rf"(?:[未没不待]|尚未|暂未|还未|仍未|并未|没有|暂缓|无需|不需|正在|尚在审查是否|不符合)"
                              rf"(?:予以|予|能|曾|全部|完全)?{verb}" + _OWN_OBJECT +
                              r"(?=$|[，,；;。.）)、\s])") for f, verb in _SUBJECT.items()}
# …and said done: the act with no word of negation, wait or plan right before it (已立案, 6月10日立案)
_DONE_BY = {f: re.compile(rf"(?<![未没不待缓需在否将拟合部]){verb}") for f, verb in _SUBJECT.items()}
# what a 是 is followed by when it says only that the act is not done yet: 是，未通报; 是（拟通报）; 是，暂未立案
_ONLY_NOT_DONE_BY = {f: re.compile(rf"(?:[未没不待拟将]|尚未|暂未|还未|仍未|并未|没有|暂缓|计划|准备)(?:予以|予|能|曾)?{verb}"
                                   + _OWN_OBJECT + r"[。.]?")
                     for f, verb in _SUBJECT.items()}

# the whole of what follows a 是 or 已… when it takes it back: under way (通报中) or only planned (拟) — of 附件3's
# acts (附件1's 是，待定 is a 领导小组 whose head is still to be named: DETAIL_MISSING)
_TAKEN_BACK = {f: re.compile(rf"[(（]?(?:拟|拟办|计划|准备|待定|待办|{verb}(?:进行)?中|进行中)[)）]?[。.]?")
               for f, verb in _SUBJECT.items() if f in ("clue", "fundraising", "resolved")}
# a clue reported to one of the two the column names and said not reported (or reported only) to the other
_RECIPIENT = r"(?:属地|镇|街道|乡|区|市)?(?:人民)?政府|政法|公安|派出所|机关"
_PARTIAL_CLUE = re.compile(rf"(?:{_RECIPIENT})[^,，;；。]{{0,6}}?(?:未|没有|尚未|暂未|还未|仍未)(?:向其)?通报(?=$|[，,；;。.）)\s])|"
                           rf"(?:未|没有|尚未|暂未|还未|仍未)(?:向)?(?:{_RECIPIENT})[^,，;；。]{{0,6}}?通报|"
                           rf"(?:仅|只)(?:向|对)?(?:通报(?:了|给)?)?(?:{_RECIPIENT})(?![^,，;；。]*?(?:和|及|与|、|,|，)"
                           rf"[^,，;；。]*?(?:{_RECIPIENT}))")

_MAY_JOIN = re.compile(r"[、，,；;等和及与/／\s]")
_JOINED_BY = re.compile(r"\s*[、，,；;]\s*")
# joined by a word, a space or a slash: two only where each is a home's full name (康乐养老院和福寿养老院) of names
# apart — not 第一人民医院和睦家护理院, 汇龙镇卫生院 护理院, 康乐养老院/康乐护理院 (one home's two names; review)
_WORD_JOINED = re.compile(r"\s*(?:以及|和|及|与|/|／)\s*|\s+")
_PART_OF = ("附属", "下属", "配套", "日间", "分院", "分部", "护理部", "其")  # (养老院及附属护理院: one)
_SO_MANY = re.compile(r"等\s*(?:[0-9]+|[两二三四五六七八九十]+)\s*[家个所处]")


def several_facilities(name: str) -> str:
    """Why a name cell holds several facilities (康乐养老院、福寿养老院; 康乐养老院等2家), else "": each part, outside
    brackets, ends as a facility's name does (颐和养老院, 敬老院（一部、二部） are one)."""
    plain = nz.to_halfwidth(name).strip()
    if (many := _SO_MANY.search(plain)) and plain.count("(", 0, many.start()) <= plain.count(")", 0, many.start()):
        return "一行只填一家机构；几家机构合写一行的，请每家一行分别填写名称、类别、风险隐患点和等级"
    parts = facilities_named(plain)
    if not parts:
        return ""
    shown = "”“".join(parts)
    return f"一行只填一家机构；“{shown}”请分{len(parts)}行填写，各自填写类别、风险隐患点和等级"


def facilities_named(name: str) -> list[str]:
    """The facilities a name cell names when it names several (several_facilities), else []."""
    plain = nz.to_halfwidth(name).strip()
    cuts = [0]
    for m in _JOINED_BY.finditer(plain):
        if plain.count("(", 0, m.start()) <= plain.count(")", 0, m.start()):  # (not inside a bracket)
            cuts.append(m.start())
            cuts.append(m.end())
    if len(cuts) == 1:
        return _homes_joined(plain)
    parts = [plain[a:b] for a, b in zip(cuts[::2], [*cuts[1::2], len(plain)], strict=True)]
    # (each a name of its own: 敬老院、福利院 or 福利院、救助站 name a kind, 中心敬老院、中心敬老院护理院 a part of the first)
    if len(parts) < 2 or any(len(p) < 4 or not p.endswith(NAME_ENDINGS) or p.startswith(_PART_OF) for p in parts) \
            or any(b.startswith(a) for a, b in zip(parts, parts[1:], strict=False)):
        return []
    return parts


def _homes_joined(plain: str) -> list[str]:
    """facilities_named for names joined by 和/及/与, a space or a slash."""
    for m in _WORD_JOINED.finditer(plain):
        first, second = plain[:m.start()], plain[m.end():]
        if "(" in first or len(first) < 5 or len(second) < 5 or not first.endswith(HOME_ENDINGS) \
                or not second.endswith(HOME_ENDINGS) or first[:2] == second[:2] or second.startswith(_PART_OF):
            continue
        return [first, second]
    return []


def _worded(kind: Kind, f: str, value: str, n: nz.Norm, year: int | None = None) -> nz.Norm:
    """An answer written as a sentence, read as the clerk meant it."""
    if n.ok and n.value is not None and value.lstrip().startswith("有待") and "已" not in value:
        # 有待进一步通报, 有待公安立案: still to be done (有待完善，已建立… says it was done; review)
        return _negated(kind, n)
    if f == "fundraising" and (_NOT_FUNDRAISING.search(value) or _RULED_OUT.search(value)) and not _says_yes(value) \
            and not (n.ok and isinstance(n.value, Answer) and n.value.value == YesNo.NA):
        # (不涉及 itself is read so already, its answer shared by every row: a new one per row was 25 MB at 2,000 units)
        # 属于诈骗，不涉及非法集资 / 否，不属于非法集资: not applicable, as 不涉及 (VALUE_INVALID or
        # FUNDRAISING_NOT_ESCALATED before; blind audit)
        return nz.Norm(Answer(value=YesNo.NA, detail=nz.clean_text(value)))
    if kind == Kind.CASE and not _says_yes(value) and "立案" not in value and (
            _HANDED_OVER.match(value.strip())):
        # 已移送公安机关, 已报案 under 是否立案: handed over, no case said to be filed (移送 is measure 7) — read as 是
        # by its 已, a case date was asked for, and its date taken for the case's (blind audit of 附件3)
        return nz.Norm((Answer(value=YesNo.NO, detail=nz.clean_text(value)), None))
    done_first = value.lstrip().startswith(("已", "均已"))  # (已约谈…: what was done, before any answer)
    if done_first and (m := _ANSWER_AFTER.search(value)) is not None:
        # 已约谈，是 / 已研判，不涉及 / 已核实，否: what was done first, then the answer itself — the answer stands (the
        # rule below asked them; differential run)
        rest = value[m.start(1):]
        return nz.parse_case(rest, year) if kind == Kind.CASE else nz.parse_resolved(rest) if kind == Kind.RESOLVED \
            else nz.parse_answer(rest, allow_na=f == "fundraising")
    if done_first and f in _OTHER_ACT and not _DONE_BY[f].search(value) and not _OTHER_ACT[f].search(value):
        # 已约谈负责人, 已整改 under 通报线索, 已备案 under 立案: another act done, this column's own not said — read as
        # 是 by the 已, CLUE_NOT_REPORTED went unsaid and a case date was asked for (blind audit of prose)
        return nz.Norm(error=f"{nz.ANSWER_OR_NA_EXPECTED if f == 'fundraising' else nz.ANSWER_EXPECTED}；所填的是别的工作，"
                             f"没有说是否{_OWN_WORD[f]}")
    if not n.ok and f in _WORDED_DONE and (done := _worded_done(kind, f, value)) is not None:
        return done
    if kind == Kind.CASE and not n.ok and _NOT_DONE_BY[f].search(value) and not _DONE_BY[f].search(value):
        # 公安已受理，暂未立案: no case filed, said in a sentence (VALUE_INVALID before)
        return nz.Norm((Answer(value=YesNo.NO, detail=nz.clean_text(value)), None))
    if n.ok and n.value is not None and not _says_yes(value) and \
            _NOT_DONE_BY[f].search(value) and not _DONE_BY[f].search(value):
        # 已约谈，未通报 under 通报线索, 已移送，未立案 under 立案: the column's own act said not done is 否, whatever
        # other act the cell begins with (it read as 是: no CLUE_NOT_REPORTED, a case date asked for; blind audit) —
        # not where the cell says 是 or the act done too (是，6月10日立案（公安），民政未立案; 公安已立案，市监未立案)
        return _negated(kind, n)
    if n.ok and n.value is not None and kind != Kind.CASE and isinstance(
            yes := n.value[0] if kind == Kind.RESOLVED else n.value, Answer) and yes.value == YesNo.YES and (
            f in _TAKEN_BACK and yes.detail and _TAKEN_BACK[f].fullmatch(yes.detail.strip())
            or f == "clue" and ("未" in value or "没" in value or "仅" in value or "只" in value)
            and _PARTIAL_CLUE.search(value) is not None):
        # 是（通报中）, 已纳入（拟）: under way or planned; 已通报属地政府，政法机关未通报 and 是（仅通报镇政府）: one of
        # the two the column names (属地人民政府和政法机关) — not done (they read as 是; blind audit of paper-form habits)
        return _negated(kind, n)
    if not _says_yes(value) or not n.ok or n.value is None:
        return n
    said = n.value[0] if kind in (Kind.CASE, Kind.RESOLVED) else n.value
    # (是，已移送未立案 / 是（移送公安，未立案）: what was handed over said first, then the case not filed — a case date
    # was asked for, CASE_DATE_MISSING sent back against what the clerk wrote; audit of spellings)
    detail = _HANDED_OVER_CLAUSE.sub("", said.detail, count=1) if kind == Kind.CASE and isinstance(said, Answer) \
        else getattr(said, "detail", "")
    if isinstance(said, Answer) and said.value == YesNo.YES and detail \
            and _ONLY_NOT_DONE_BY[f].fullmatch(detail):
        # 是，未通报 / 是（拟通报）: the 是 is taken back by all that follows it — not done yet (it read as 是, no
        # CLUE_NOT_REPORTED; blind audit of the rules)
        return _negated(kind, n)
    return n


_SAID_YES = ("是", "有", "√", "✓", "☑")


# what else says a column's act was done (已上报, 已报送线索; 已移送处非办): the act in other words
_OTHER_ACT = {"clue": re.compile(r"报|移交|移送|告知|抄送|提交|反映|函告|抄告|转交|通知|交|知会|发送|线索"),
              "fundraising": re.compile(r"纳入|移送|移交|报|处非|不涉及"),
              # (判决, 起诉, 批捕, 刑拘: a case filed, said by what followed it; review)
              "case": re.compile(r"立案|侦查|判决|起诉|批捕|刑拘|拘留|侦办|结案")}
_OWN_WORD = {"clue": "通报线索", "fundraising": "纳入处非机制", "case": "立案"}
_WORDED_DONE = frozenset(("clue", "fundraising", "case", "resolved"))
_UNDER_WAY = re.compile(r"(?:整改|化解|处置|清退|退费|安置|办理|调查|核查|侦查)中|正在|未完成|尚未完成|未到位|不符合")
# the column's own act said under way (通报中, 通报进行中, 纳入中) — not another act after it (通报镇政府，移送中; review)
_OWN_UNDER_WAY = {f: re.compile(rf"{verb}(?:工作)?(?:正在)?(?:进行|办理)?中(?!心)") for f, verb in _SUBJECT.items()}
# what says the act is asked for, possible or conditional, not done (建议通报, 应立案, 如发现问题及时通报, 不够立案标准,
# 化解难度大, 化解率80%): no 是 (they silenced CLUE_NOT_REPORTED; review)
_MODAL = re.compile(r"应|需|要|建议|可能|可以|如|若|拟|将|标准|条件|难度|率|能否|是否|基本|不够|不足")
_DONE_MARK = re.compile(r"已|了|完毕|完成|过")
_NOT_FILED_YET = re.compile(r"立案(?:审查|审核|前|调查)")
_BRACKET_MARKS = re.compile(r"[()（）]")


def _worded_done(kind: Kind, f: str, value: str) -> nz.Norm | None:
    """A sentence naming the column's own act done, without 是 or 已 first (线索已通报, 通报了, 刑事立案, 立案侦查中,
    非法集资已纳入处非机制, 风险已化解): 是, as 已通报 is — it was VALUE_INVALID, a right form sent back; or said
    under way or unmet (整改中, 化解未完成, 不符合化解情形): 否. None where the sentence says neither (blind audit)."""
    if _NOT_DONE_BY[f].search(value):
        return None
    if kind == Kind.RESOLVED and _UNDER_WAY.search(value):
        return nz.Norm((Answer(value=YesNo.NO, detail=nz.clean_text(value)), Numbers()))
    if kind != Kind.CASE and _OWN_UNDER_WAY[f].search(value):
        # 通报中, 通报进行中, 纳入中: under way, not done — as 正在通报 is 否 (it read as 是: no CLUE_NOT_REPORTED;
        # blind audit of paper-form habits)
        return nz.Norm(Answer(value=YesNo.NO, detail=nz.clean_text(value)))
    if not _DONE_BY[f].search(value) or _NOT_FILED_YET.search(value) or _MODAL.search(value) \
            or (kind != Kind.CASE and _UNDER_WAY.search(value)) or (kind == Kind.RESOLVED and not _DONE_MARK.search(value)):
        return None
    if kind == Kind.RESOLVED:  # its criteria in its words (化解完毕（已清退）: 3)
        return nz.parse_resolved("是，" + _BRACKET_MARKS.sub("，", value))
    if kind == Kind.CASE:
        # a date written with it is read as the case's by parse_case (刑事立案（2022.6.8）); here none is
        return None if _HAS_DIGIT.search(value) else nz.Norm((Answer(value=YesNo.YES, detail=nz.clean_text(value)), None))
    return nz.Norm(Answer(value=YesNo.YES, detail=nz.clean_text(value)))


def _says_yes(value: str) -> bool:
    """The cell begins with a yes — not 有待 (有待通报, 有待化解: still to be done), which read as 是 (audit of
    pasted text)."""
    v = value.lstrip()
    return v.startswith(_SAID_YES) and not v.startswith("有待")
_HANDED_OVER = re.compile(r"(?:公安(?:机关)?|派出所|警方)?(?:已经?|均已)?(?:移送|移交|报案|报警|交由|转交|受理|受案|报公安"
                          r"|报派出所|交公安)")
_HANDED_OVER_CLAUSE = re.compile(r"^(?:已经?|均已)?(?:移送|移交|报案|报警|交由|转交)[^，,；;。未没尚暂待]{0,12}[，,；;]?\s*")


def _negated(kind: Kind, n: nz.Norm) -> nz.Norm:
    """The answer `n` as 否 (立案: without a date, 化解: without criteria)."""
    answer = n.value[0] if kind in (Kind.CASE, Kind.RESOLVED) else n.value  # type: ignore[index]  # a (answer, …) pair
    if not isinstance(answer, Answer) or answer.value != YesNo.YES:
        return n
    no = Answer(value=YesNo.NO, detail=answer.detail)
    return nz.Norm((no, None) if kind == Kind.CASE else (no, Numbers()) if kind == Kind.RESOLVED else no)


_NOT_DONE = re.compile(r"[未没无不否拟待尚]|筹备|计划|正在|准备|打算|将")


def _says_what_was_done(text: str) -> bool:
    t = nz.clean_text(text)
    return (len(t) >= 4 or t.rstrip("了") in _ACTS_DONE) and not _NOT_DONE.search(t)  # (成立了: VALUE_INVALID; audit)


# 附件1's acts said bare, as 已成立 is (成立 and 开通 were VALUE_INVALID; blind audit of 附件1)
_ACTS_DONE = frozenset(("成立", "开通", "建立", "组建", "抽调", "开展"))


def _put(out: dict[str, Any], f: str, n: nz.Norm) -> str | None:
    if n.ok:
        if n.value is not None:
            out[f] = n.value
        return None
    return n.error or "无法识别"


_NO_PERCENT = frozenset({"/", "／", "\\", "-", "--", "—", "——", "–", "―", "－", "无", "不涉及", "不适用"})


def _total_is_zero(plan: tuple[_Col, ...], values: list[Any], n: int) -> bool:
    at = next((col.index for col in plan if col.field == "total"), None)
    return at is not None and at < n and nz.parse_int(values[at]).value == 0


def _expected_percent(plan: tuple[_Col, ...], values: list[Any], n: int) -> float | None:
    by = {col.field: col.index for col in plan}
    if "total" not in by or "checked" not in by:
        return None
    t = nz.parse_int(values[by["total"]] if by["total"] < n else "")
    c = nz.parse_int(values[by["checked"]] if by["checked"] < n else "")
    if t.ok and c.ok and t.value and c.value is not None:
        return c.value / t.value * 100
    return None


def yes(a: Answer | None) -> bool:
    return a is not None and a.value == YesNo.YES
