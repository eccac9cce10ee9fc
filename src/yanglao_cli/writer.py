"""The consolidated workbook, in the seed's official layout (xlsxwriter: fast, deterministic, print-ready).

Every township text is written with write_string, so it can never become a formula, and fitted to Excel's
32,767 characters by _fit_cell and _comment_of, so that what is cut is said. Column headers, titles and notes
come from `forms`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .consolidate import ANSWER_FIELDS, Consolidated, F1Line, F4Line, unit_order
from .findings import FOUND_BELOW, Finding, Severity
from .forms import (
    CHANGES_HEADS,
    EXTRA_NOTE,
    F1,
    F2,
    F3,
    F4,
    FINDINGS_HEADS,
    PAIRED_NOTE,
    SUMMARY_HEADS,
    Column,
    FormDef,
    Kind,
)
from .models import (
    DETAIL,
    F4_FIELDS,
    LEVEL_SECTION,
    LINES,
    LISTED_LEVELS,
    OTHER_POINT,
    Answer,
    RiskLevel,
    YesNo,
    percent_of,
)
from .normalize import case_beside, level_alone, one_line, to_halfwidth
from .rules.crossform import facility_key
from .rules.statistics import sum_mismatch
from .safety import atomic_path
from .xlsxfast import FastWorkbook, close_workbook, part_files

FONT = "宋体"
TITLE_FONT = "黑体"
MAX_ROWS = 1_048_576  # Excel's limit per sheet
FIXED_TIME = dt.datetime(2022, 1, 1, 0, 0, 0)
SEVERITY_FILL = {Severity.ERROR: "#FFC7CE", Severity.WARNING: "#FFEB9C", Severity.INFO: "#DDEBF7"}


class Styles:
    def __init__(self, wb: Any) -> None:
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
        self.label = wb.add_format({**base, "font_size": 11, "bold": True})
        self.title = wb.add_format({**base, "font_name": TITLE_FONT, "font_size": 16, "bold": True,
                                    "align": "center"})
        self.unit = wb.add_format({**base, "font_size": 11})
        self.header = wb.add_format({**base, "bold": True, "border": 1, "align": "center", "text_wrap": True})
        self.cell = wb.add_format({**base, "border": 1, "text_wrap": True})
        self.center = wb.add_format({**base, "border": 1, "align": "center", "text_wrap": True})
        self.number = wb.add_format({**base, "border": 1, "align": "center", "num_format": "0"})
        self.pct = wb.add_format({**base, "border": 1, "align": "center", "num_format": "0.0"})
        self.total = wb.add_format({**base, "border": 1, "bold": True, "align": "center", "text_wrap": True})
        self.total_pct = wb.add_format({**base, "border": 1, "bold": True, "align": "center", "num_format": "0.0"})
        self.footer = wb.add_format({**base, "font_size": 11})
        self.notes = wb.add_format({**base, "text_wrap": True, "valign": "top"})
        self.level = {lvl: wb.add_format({**base, "border": 1, "align": "center", "bold": True,
                                          "bg_color": lvl.color}) for lvl in RiskLevel}
        self.marked: dict[tuple[Severity, str], Any] = {}
        self._wb = wb
        self._base = base
        # numbered now, in the order made, rather than on first use as the sheets are written: a row's XML then
        # holds its formats' numbers, and writing the sheets need not search 45 MB of rows for placeholders
        for fmt in getattr(wb, "formats", ()):
            if getattr(fmt, "xf_index", 0) is None and hasattr(fmt, "_get_xf_index"):
                fmt._get_xf_index()

    def level_mark(self, level: RiskLevel, severity: Severity) -> Any:
        """A level cell with a finding keeps its level's fill (SPEC) and is framed: a thick red border and red
        text for an error (LEVEL_UNDERRATED), an orange one for a warning (a level filled in, LEVEL_OVERRATED).
        It looked like any right row on paper, where comments do not print (blind audit)."""
        key = (severity, f"level-{level.name}")
        if key not in self.marked:
            error = severity == Severity.ERROR
            self.marked[key] = self._wb.add_format({
                **self._base, "align": "center", "bold": True, "bg_color": level.color,
                "border": 5 if error else 2, "border_color": "#C00000" if error else "#ED7D31",
                **({"font_color": "#C00000"} if error else {})})
        return self.marked[key]

    def mark(self, severity: Severity, kind: str = "cell") -> Any:
        key = (severity, kind)
        if key not in self.marked:
            extra = {"align": "center", "num_format": "0"} if kind == "number" else \
                {"align": "center", "num_format": "0.0"} if kind == "pct" else \
                {"align": "center"} if kind == "center" else {}
            self.marked[key] = self._wb.add_format({**self._base, "border": 1, "text_wrap": True,
                                                    "bg_color": SEVERITY_FILL[severity], **extra})
        return self.marked[key]


PAGE_FOOTER = "&C第 &P 页，共 &N 页"  # every printed sheet, as the template's
COMMENT_OPTIONS = {"x_scale": 2.2, "y_scale": 2.0, "font_name": FONT}  # a comment wide enough to read
_COMMENT_LINE = 25  # CJK characters a line of such a comment holds
_COMMENT_SCALES: dict[int, dict[str, object]] = {}


def comment_options(text: str) -> dict[str, object]:
    """COMMENT_OPTIONS, the box as tall as its text (up to a page): a note of three findings, 450 characters, ran
    past a box that held 230 (blind audit of the outputs)."""
    lines = sum(-(-len(line) // _COMMENT_LINE) or 1 for line in text.split("\n"))
    if lines <= 9:
        return COMMENT_OPTIONS
    lines = min(lines, 60)
    if lines not in _COMMENT_SCALES:
        _COMMENT_SCALES[lines] = {**COMMENT_OPTIONS, "y_scale": round(lines * 15 / 74 + 0.2, 2)}
    return _COMMENT_SCALES[lines]

# Excel's characters in a cell, and in a comment: xlsxwriter cut a longer cell silently and dropped a longer
# comment (returning -2, which nothing looked at) — a 40,000-character 进展 lost its end unsaid (audit of limits)
CELL_LIMIT = 32_767
_CUT_TAIL = "……（以下略，见批注）"  # in the cell itself: printed, a comment does not show


def _units(text: str) -> int:
    """The length Excel (and xlsxwriter) limit: UTF-16 units, two for a character beyond the BMP (an emoji, a
    rare name's character of CJK Extension B); measured only where it can matter."""
    n = len(text)
    return n if n <= CELL_LIMIT // 2 else n + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _cut(text: str, units: int) -> str:
    """The longest beginning of `text` within `units` UTF-16 units."""
    if _units(text) <= units:
        return text
    total = 0
    for i, ch in enumerate(text):
        total += 2 if ord(ch) > 0xFFFF else 1
        if total > units:
            return text[:i]
    return text


def _over(text: str) -> bool:
    return len(text) > CELL_LIMIT // 2 and _units(text) > CELL_LIMIT


def _fit_cell(text: str) -> tuple[str, str]:
    """`text` as a cell holds it, and what the cell's comment must say: a text over Excel's limit (another program
    wrote it) cut to end in _CUT_TAIL, the comment saying how long it was."""
    if not _over(text):
        return text, ""
    kept = len(_cut(text, CELL_LIMIT - len(_CUT_TAIL)))
    return text[:kept] + _CUT_TAIL, (f"原文共 {len(text):,} 字，超出 Excel 一格 {CELL_LIMIT:,} 字的上限，"
                                     f"此处只写入前 {kept:,} 字；请区镇精简后重报")


def _comment_of(*given: str) -> str:
    """A comment of the parts `given`, one a line, the empty left out; over Excel's limit its longest part is cut
    (the township's words quoted, not the findings beside them: a marked cell without its finding's words says
    nothing), ending with how long that part was."""
    parts = [p for p in given if p]
    text = "\n".join(parts)
    if not _over(text):
        return text
    i = max(range(len(parts)), key=lambda k: len(parts[k]))
    tail = f"……（以下略，原文共 {len(parts[i]):,} 字）"
    keep = _units(parts[i]) - (_units(text) - CELL_LIMIT) - len(tail)
    if keep > 0:
        parts[i] = _cut(parts[i], keep) + tail
        return "\n".join(parts)
    tail = f"……（以下略，原文共 {len(text):,} 字）"  # (the other parts alone over the limit)
    return _cut(text, CELL_LIMIT - len(tail)) + tail


def _write_comment(ws: Any, r: int, c: int, *parts: str) -> None:
    text = _comment_of(*parts)
    ws.write_comment(r, c, text, comment_options(text))


def _put_text(ws: Any, r: int, c: int, text: str, fmt: Any, note: str = "") -> None:
    """write_string of a text a township wrote (a name, a message quoting one) as _fit_cell fits it, with the
    comment `note` and what _fit_cell says, if any."""
    text, cut = _fit_cell(text)
    ws.write_string(r, c, text, fmt)
    if cut or note:
        _write_comment(ws, r, c, cut, note)


_PLAIN = frozenset((str, int, float, type(None)))


def _plain(v: Any) -> Any:
    """A value as `_Sheet.value` writes it: booleans as 是/否, other objects as their text."""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float):
        return float(v)
    return int(v) if isinstance(v, int) else str(v)


def _lines(text: str, width: float) -> int:
    """Printed lines of `text` wrapped in a column `width` characters wide (CJK characters count double)."""
    per_line = max(int(width * 1.0) - 1, 1)
    if 2 * len(text) <= per_line and "\n" not in text:
        return 1  # fits even if every character is wide: most cells (是, 红, 1、2, short names)
    key = (text, width)
    n = _LINES_SEEN.get(key)
    if n is None:
        if len(_LINES_SEEN) > 100_000:
            _LINES_SEEN.clear()
        n = _LINES_SEEN[key] = _count_lines(text, width)
    return n


_LINES_SEEN: dict[tuple[str, float], int] = {}  # the same answers and names recur on thousands of rows


_MAX_LINES = 30  # a row's height is capped (Excel: 409 pt): text beyond this many lines was cut off in print
MAX_HEIGHT = 409  # Excel's tallest row, in points: 30 lines of the 校验问题 sheet's 14 made 425 (audit of limits)


def _height(points: float) -> float:
    """A row's height as set: at most MAX_HEIGHT, whatever the lines of its text come to."""
    return min(points, MAX_HEIGHT)


def _count_lines(text: str, width: float) -> int:
    total = 0
    for part in text.split("\n"):
        units = 2 * len(part) - len(_WIDE.sub("", part))  # narrow characters count once, wide twice
        total += max(1, -(-units // max(int(width * 1.0) - 1, 1)))
    return min(total, _MAX_LINES)


_DIGITS = re.compile(r"\d+")
_CARRIED = re.compile(rf"[^：\n]{{0,40}}{FOUND_BELOW}")  # (below.carried_notes: 启东市汇总时发现：, 下级汇总时发现：)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODE_END = re.compile(r"（[A-Z_]+）$")
_WIDE = re.compile("[\u2e81-\U0010ffff]")  # what the loop `ord(ch) > 0x2E80` counted as double width
_MONTH = re.compile(r"\d{4}-\d{2}")  # a monthly period (2022-06), not a week's


def period_label(period: str) -> str:
    """2022-06 → 2022年6月 (the template's title and the consolidated forms')."""
    y, m = period.split("-")
    return f"{int(y)}年{int(m)}月"


def write_two_row_header(ws: Any, cols: Sequence[Column], r: int, fmt: Any) -> None:
    """附件4's header as in the seed: a group's name merged over its columns with their headers below, every
    other header merged over both rows. Shared by the consolidated workbook and the blank template."""
    i = 0
    while i < len(cols):
        g = cols[i].group
        if g:
            j = i
            while j + 1 < len(cols) and cols[j + 1].group == g:
                j += 1
            ws.merge_range(r, i, r, j, g, fmt)
            for k in range(i, j + 1):
                ws.write_string(r + 1, k, cols[k].header, fmt)
            i = j + 1
        else:
            ws.merge_range(r, i, r + 1, i, cols[i].header, fmt)
            i += 1


def _findings_by_cell(findings: Iterable[Finding]) -> dict[tuple[str, str, str], list[Finding]]:
    out: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.cell:
            out[(f.file, f.sheet, f.cell)].append(f)
    return out


def _source_rows(cons: Consolidated, forms: tuple[str, ...]) -> Iterator[tuple[str, str, Any]]:
    """(form, unit, record) of every row read into the consolidated `forms`: 附件1/附件4 lines by their sources."""
    for form, lines in (("F1", cons.f1), ("F4", cons.f4)):
        if form in forms:
            for line in lines:
                for r in line.sources:
                    yield form, line.unit, r
    for form, listed in (("F2", cons.f2), ("F3", cons.f3)):
        if form in forms:
            for item in listed:
                yield form, item.unit, item.rec


_UNIT_FIELD = {"F1": "township", "F4": "label", "F2": "lead_unit"}


def _unknown_unit_marks(cons: Consolidated) -> list[Finding]:
    """The unit cell of every row of a unit not in the configuration (附件1 乡镇, 附件4's first column, 附件2's
    牵头排查单位), marked and commented in the workbook: its UNIT_UNKNOWN sits on the township's 填报单位 line,
    which the consolidated workbook does not have. Marks only: the findings themselves are counted once."""
    from .findings import NOTHING_WRITTEN, Code, make, unit_in_toml

    unknown = set(cons.unlisted)
    if not unknown:
        return []
    # a file that wrote no unit anywhere, kept under its file's name (报表): said so, the name quoted as the
    # consolidated cell holds it — the comment said 填报单位“报表”不在单位名单中, a name nobody wrote (audit of
    # submissions). Of that file only: a place's other files named it (review)
    unnamed = {(f.file, f.unit) for f in cons.findings
               if f.code == Code.UNIT_UNKNOWN and f.unit in unknown and f.message.startswith(NOTHING_WRITTEN)}
    # 附件3 has no unit column: its rows' name cell (they were left unmarked, the unit's 附件2 rows marked; audit)
    marks = [make(Code.UNIT_UNKNOWN, file=r.file, sheet=r.sheet, cell=r.cell(field), row=r.row, unit=unit,
                  name=unit, suggestion=unit_in_toml(cons.reporting_unit))
             for form, unit, r in _source_rows(cons, ("F1", "F4", "F2", "F3"))
             if unit in unknown and r.cell(field := _UNIT_FIELD.get(form, "name"))]
    return [m.model_copy(update={"message": f"{NOTHING_WRITTEN}，文件名和表中也看不出是哪个区镇，汇总表中暂按文件名记作"
                                            f"“{m.unit}”；请该单位写明填报单位后重新报送"})
            if (m.file, m.unit) in unnamed else m for m in marks]


def _earlier_period_marks(cons: Consolidated) -> list[Finding]:
    """The rows of a form a unit sent only for an earlier period (last month's 附件2, a year typed 2021): kept,
    so that no listed facility drops off unseen, but each row's unit or name cell marked with the unit's
    SUBMISSION_MISSING, which says whose report it is — unmarked, they read as this period's. Marks only."""
    stale = {(s.unit, k) for s in cons.status for k in s.stale}
    if not stale:
        return []
    said = {f.unit: f for f in cons.findings if f.code == "SUBMISSION_MISSING" and not f.file}
    out = []
    for form, unit, r in _source_rows(cons, ("F1", "F4", "F2", "F3")):
        field = _UNIT_FIELD[form] if form in ("F1", "F4") else "name"
        if (unit, form) in stale and unit in said and r.cell(field):
            out.append(said[unit].model_copy(update={"file": r.file, "sheet": r.sheet, "cell": r.cell(field),
                                                     "row": r.row}))
    return out


ABSENT = "~"  # the mark of a cell whose column the source form lacks: ~category5 (_Sheet.value looks it up so)


def _missing_column_marks(cons: Consolidated) -> list[Finding]:
    """Each row's cell of a required column a unit's form lacked (COLUMN_MISSING, said at its header): written
    blank, marked with that finding — re-checked one level up, the blank is REPORTED_BELOW, not that level's own
    VALUE_REQUIRED on every row (fuzz audit: the consolidated workbook failed check). Marks only."""
    from .findings import Code
    from .forms import BY_KEY

    by_sheet: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in cons.findings:
        if f.code == Code.COLUMN_MISSING:
            by_sheet[(f.file, f.sheet)].append(f)
    if not by_sheet:
        return []
    out = []
    for form, _, r in _source_rows(cons, ("F1", "F4", "F2", "F3")):
        for f in by_sheet.get((r.file, r.sheet), ()):
            for col in BY_KEY[form].needed:
                if f"“{col.header}”" in f.message and not r.cell(col.field):
                    out.append(f.model_copy(update={"cell": f"{ABSENT}{col.field}{r.row}", "row": r.row}))
    return out


def _axis_step(tallest: int) -> int:
    """A whole, round step giving at most about eight gridlines: 1, 2, 5, 10, 20, 50 …"""
    step = 1
    while tallest / step > 8:
        step = next(step * m for m in (2, 5, 10) if tallest / (step * m) <= 8 or m == 10)
    return step


def _comment(items: list[Finding]) -> str:
    # a row a message names is the township's file's (另见第5行): said so, row 5 here being another's (audit)
    return "\n".join(f"【{f.severity.label}】{' '.join(f.message.replace('（另见第', '（另见原表第').split())}"
                     f"（{f.code.value}）" for f in items)


def _worst(items: list[Finding]) -> Severity:
    return min((f.severity for f in items), key=lambda s: s.rank)


class _Sheet:
    """Helpers to lay out one 附件 sheet."""

    def __init__(self, wb: Any, st: Styles, form: FormDef, name: str, cons: Consolidated,
                 marks: dict[tuple[str, str, str], list[Finding]], widths: list[float] | None = None) -> None:
        self.ws = wb.add_worksheet(name)
        self.st = st
        self.form = form
        self.cons = cons
        self.marks = marks
        self.marked_sheets = {(file, sheet) for file, sheet, _ in marks}
        # (file, sheet, row) of every marked cell: a row not in here is written without looking up its cells
        self.marked_rows = {(file, sheet, int(n)) for file, sheet, ref in marks for n in _DIGITS.findall(ref)}
        # the notes of a consolidated workbook read here, its rows written by `value` to carry them
        self.carried_sheets = {(file, sheet) for file, sheet, _ in cons.carried}
        self.marked_rows |= {(file, sheet, int(n)) for file, sheet, ref in cons.carried for n in _DIGITS.findall(ref)}
        self.ncols = len(form.columns)
        self.widths = widths or [c.width for c in form.columns]
        # characters that fit one line even if all are wide (_lines' shortcut), per column
        self.fits = [max(int(w) - 1, 1) // 2 for w in self.widths] + [4] * 64
        self.row = 0
        self.lines = 1  # text lines of the tallest cell in the current row
        # xlsxwriter's public write_* accept "A1" notation through a wrapper that costs as much as the write;
        # with numeric positions only, the undecorated methods are used where this xlsxwriter has them.
        ws = self.ws
        self._string = getattr(ws, "_write_string", ws.write_string)
        self._number = getattr(ws, "_write_number", ws.write_number)
        self._blank = getattr(ws, "_write_blank", ws.write_blank)
        self._put = getattr(ws, "put_row", None)  # (FastWorksheet's: a whole row in one call)

    def end_row(self, min_height: float = 15) -> None:
        """Set the row height from its longest wrapped text (LibreOffice does not autofit), then advance."""
        self.ws.set_row(self.row, _height(max(min_height, 13.5 * self.lines + 3)))
        self.lines = 1
        self.row += 1

    def head(self) -> None:
        ws, st, n = self.ws, self.st, self.ncols
        ws.write_string(0, 0, f"附件{self.form.number}：", st.label)
        # the month on the printed title, as the template writes it: a province's 附件2 on paper said no month (audit
        # of the levels)
        # (not a week's: README — its month on a weekly workbook's forms said a month's round; blind audit)
        title = self.form.title + (f"（{period_label(self.cons.period)}）" if _MONTH.fullmatch(self.cons.period)
                                   and not self.cons.week else "")
        ws.merge_range(1, 0, 1, n - 1, title, st.title)
        ws.set_row(1, 30)
        if self.form.key == "F4":
            ws.merge_range(2, 0, 2, n - 4, f"{self.form.unit_label}{self.cons.reporting_unit}", st.unit)
            ws.merge_range(2, n - 3, 2, n - 1, f"填报时间：{self.cons.date_of('F4')}", st.unit)
            ws.write_string(3, n - 1, "单位：个", st.unit)
            self.row = 4
        else:
            ws.merge_range(2, 0, 2, n - 1, f"{self.form.unit_label}{self.cons.reporting_unit}", st.unit)
            self.row = 3
        for i, width in enumerate(self.widths):
            ws.set_column(i, i, width)
        first_header = self.row
        if self.form.header_rows == 2:
            self._two_row_header()
        else:
            for i, col in enumerate(self.form.columns):
                ws.write_string(self.row, i, col.header, st.header)
            ws.set_row(self.row, 48)
            self.row += 1
        ws.repeat_rows(first_header, self.row - 1)
        ws.freeze_panes(self.row, 0)
        self._print_setup()

    def _two_row_header(self) -> None:
        write_two_row_header(self.ws, self.form.columns, self.row, self.st.header)
        self.ws.set_row(self.row, 30)
        self.ws.set_row(self.row + 1, 48)
        self.row += 2

    def _print_setup(self) -> None:
        ws = self.ws
        # 风险隐患点 10, 措施 3 are text as the form writes them (1、3 beside them): no 数字以文本形式存储 triangle
        # on them in Excel and WPS (audit of the layout)
        ws.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer(PAGE_FOOTER)

    def value(self, col: int, value: Any, fmt: Any, src: Any = None, field: str = "",
              level: RiskLevel | None = None, note: str = "") -> None:
        """Write one cell; mark it when the source cell has findings."""
        r = self.row
        items: list[Finding] = []
        if src is not None and field and (src.file, src.sheet) in self.marked_sheets:
            ref = src.cell(field) or f"{ABSENT}{field}{src.row}"  # (a column the source lacks: _missing_column_marks)
            items = self.marks.get((src.file, src.sheet, ref), [])
            detail = src.cells.get(field + DETAIL) if src.cells else None
            if detail and detail != ref:
                # 立案时间 or 负责人 in a column split off the answer: written into the answer's cell, and so is its
                # mark (CASE_DATE_MISSING there was left unmarked, an error anew when the workbook was checked;
                # audit of layouts)
                items = items + self.marks.get((src.file, src.sheet, detail), [])
            if src.cells and (lines := src.cells.get(field + LINES)):
                # a facility over several rows, its points a line each: a slip on a lower line is marked here too
                # (the joined cell was left unmarked, an error anew when checked; code review)
                for line in lines.split(","):
                    items = items + self.marks.get((src.file, src.sheet, line), [])
        if src is not None and field and (src.file, src.sheet) in self.carried_sheets:
            kept = self.cons.carried.get((src.file, src.sheet, src.cell(field)), "")
            detail = src.cells.get(field + DETAIL) if src.cells else None
            if detail and detail != src.cell(field):
                kept = "\n".join(t for t in (kept, self.cons.carried.get((src.file, src.sheet, detail), "")) if t)
            if src.cells and (lines := src.cells.get(field + LINES)):
                kept = "\n".join(t for t in (kept, *(self.cons.carried.get((src.file, src.sheet, line), "")
                                                      for line in lines.split(","))) if t)
            if items and kept:
                # a carried finding this level finds again (its REPORTED_BELOW, or its own warning) is said once:
                # compared without its code and with dates masked — the REPORTED_BELOW quotes this level's 填报日期,
                # the carried line the township's (reviews)
                said = [_ISO_DAY.sub("#", f.message) for f in items]
                kept = "\n".join(line for line in kept.split("\n") if not (
                    (m := _CARRIED.match(line)) and any(_ISO_DAY.sub("#", _CODE_END.sub("", line[m.end():])) in msg
                                                         for msg in said)))
            note = "\n".join(dict.fromkeys(line for text in (kept, note) for line in text.split("\n") if line))
        if items and level is None:
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            # a flagged 占比 keeps its one decimal (96.6 shown as 97 would be another figure)
            kind = ("pct" if fmt is self.st.pct else "number") if numeric else \
                "center" if fmt is self.st.center or fmt is self.st.number or fmt is self.st.pct else "cell"
            fmt = self.st.mark(_worst(items), kind)
        elif items and level in LISTED_LEVELS:
            fmt = self.st.level_mark(level, _worst(items))
        elif items:  # 绿 (no list colour to keep): marked as any cell, or it printed plain (audit of the layout)
            fmt = self.st.mark(_worst(items), "center")
        cls = value.__class__
        cut = ""
        if cls is str or isinstance(value, str):
            if value:
                if _over(value):
                    value, cut = _fit_cell(value)
                self._string(r, col, value if cls is str else str(value), fmt)
                width = self.widths[col] if col < self.ncols else 10
                lines = _lines(value, width)
                if lines > self.lines:
                    self.lines = lines
            else:
                self._blank(r, col, None, fmt)
        elif value is None:
            self._blank(r, col, None, fmt)
        elif cls is bool:
            self._string(r, col, "是" if value else "否", fmt)
        elif isinstance(value, int | float):
            self._number(r, col, value, fmt)
        else:
            self._string(r, col, str(value), fmt)
        if items or note or cut:
            text = _comment_of(cut, note, _comment(items))
            if text:
                self.ws.write_comment(r, col, text, comment_options(text))

    def plain_row(self, cells: list[tuple[Any, Any]]) -> None:
        """Write the current row from column 0, no cell marked and no comment: what `value` does for each, in
        one call to the worksheet where it can take a whole row."""
        if not all(v.__class__ in _PLAIN for v, _ in cells):
            cells = [(_plain(v), fmt) for v, fmt in cells]
        put = self._put
        if put is None:
            for i, (v, fmt) in enumerate(cells):
                self.value(i, v, fmt)
            return
        fits = self.fits
        for i, (v, _) in enumerate(cells):
            if v.__class__ is str and (len(v) > fits[i] or "\n" in v):
                if _over(v):  # cut, and said so in a comment: `value` does both
                    for j, (w, fmt) in enumerate(cells):
                        self.value(j, w, fmt)
                    return
                lines = _lines(v, self.widths[i] if i < self.ncols else 10)
                if lines > self.lines:
                    self.lines = lines
        put(self.row, cells)

    def footer(self) -> None:
        ws, st, r = self.ws, self.st, self.row + 1
        labels = self.form.footer
        _write_signed(ws, r, (0, 2, 4 if self.ncols > 6 else 3), labels, self.cons.signed, st.footer)
        ws.write_string(r, self.ncols - 2, f"{labels[3]}：{self.cons.date_of(self.form.key)}", st.footer)
        self.row = r + 2
        if self.form.notes:
            # one row per line: a single tall cell would be clipped at Excel's 409-point row limit
            total_width = sum(c.width for c in self.form.columns)
            for line in self.form.notes.split("\n"):
                ws.merge_range(self.row, 0, self.row, self.ncols - 1, line, st.notes)
                ws.set_row(self.row, _height(13.5 * _lines(line, total_width) + 2))
                self.row += 1
        # the form and its signatures, nothing beside them: what prints when the clerk presses print (audit) — not
        # the 填报说明 under 附件2/附件3: with the header repeated on each page, pages of a header over notes alone
        # were stamped and sent up (README: 表格及签名行; blind audit of the outputs). 附件1's two-line 备注 (what its
        # 总数 counts) is the form's own, printed with it (review)
        short = self.form.notes and self.form.notes.count("\n") < 3
        ws.print_area(0, 0, self.row - 1 if short else r, self.ncols - 1)


def write_consolidated(cons: Consolidated, target: Path, max_rows: int = MAX_ROWS, changes: list | None = None,
                       atomic: bool = True) -> Path:
    """Write the workbook atomically (unless `target` is a temporary file already: consolidate's outputs replace
    the old ones together, safety.atomic_paths); returns its path."""
    with atomic_path(target) if atomic else contextlib.nullcontext(target) as tmp, part_files() as parts:
        wb = FastWorkbook(str(tmp), {"strings_to_formulas": False, "strings_to_numbers": False,
                                     "strings_to_urls": False, "constant_memory": False, "tmpdir": parts})
        # (a weekly round's names its week: a renamed copy given as --previous is still told from a month's; review)
        named = f"{cons.week}周" if cons.week else cons.period
        wb.set_properties({"title": f"{cons.reporting_unit}{named}汇总", "author": "yanglao",
                           "company": cons.reporting_unit, "created": FIXED_TIME,
                           "comments": "yanglao consolidate"})
        wb.set_custom_property("yanglao", "consolidated")
        st = Styles(wb)
        marks = _findings_by_cell([*cons.findings, *_unknown_unit_marks(cons), *_earlier_period_marks(cons),
                                   *_missing_column_marks(cons)])
        _write_f1(wb, st, cons, marks)
        _write_listed(wb, st, cons, marks, F2, max_rows)
        _write_listed(wb, st, cons, marks, F3, max_rows)
        _write_f4(wb, st, cons, marks)
        _write_summary(wb, st, cons)
        if changes is not None:  # consolidate --previous: what changed since the last period
            # (printed without saying which period against which: audit of a month — as diff -o's says it)
            _write_changes_sheet(wb, st, changes, f"{cons.reporting_unit} {cons.week or cons.period} 与上期相比的名单变化")
        _write_findings(wb, st, cons, max_rows)
        close_workbook(wb, target)
    return target


_LEFT_OUT = "未计入合计："
_LEFT_OUT_SHOWN = 30  # rows named in a comment (a province's could be hundreds: Excel drops a comment over 32,767)


def _left_out_text(why: list[str], lead: str = _LEFT_OUT) -> str:
    if not why:
        return ""
    more = f"等{len(why)}行（详见各行标注）" if len(why) > _LEFT_OUT_SHOWN else ""
    return lead + "；".join(why[:_LEFT_OUT_SHOWN]) + more


def _f1_left_out(lines: list[F1Line], lead: str = _LEFT_OUT) -> str:
    """附件1's 合计 adds the units that gave both figures (consolidate): the rows it leaves out that gave one,
    or wrote one that could not be read, named on the 合计 cells — a clerk adding the column up by hand finds
    a different figure otherwise."""
    if not any(line.total is not None and line.checked is not None for line in lines):
        # no row gave both: 合计 adds what was given — said, or 总数 blank beside 已排查 30 read as a slip (audit)
        lead = "合计只加了能读出的数，缺：" if lead == _LEFT_OUT else lead
    why = []
    for line in lines:
        if not line.submitted or (line.total is not None and line.checked is not None):
            continue
        raw = line.sources[0].raw if line.sources else {}
        parts = [f"{name}“{raw[f]}”无法读取" if raw.get(f) else f"{name}未填"
                 for f, name in (("total", "总数"), ("checked", "已排查数")) if getattr(line, f) is None]
        if len(parts) < 2 or any(raw.get(f) for f in ("total", "checked")):
            why.append(f"{line.label or line.unit}（{'，'.join(parts)}）")
    return _left_out_text(why, lead)


def _f1_over(lines: list[F1Line]) -> str:
    """The rows whose 已排查 exceeds their 总数 (CHECKED_EXCEEDS_TOTAL), named on the 合计 they are added into as
    written: the city's 48/48 = 100% said nothing of one town's 30 of 28 beside another's 18 of 20 (blind audit of
    the outputs)."""
    over = [line.label or line.unit for line in lines if line.submitted and line.total is not None
            and line.checked is not None and line.checked > line.total]
    if not over:
        return ""
    who = "、".join(over[:_LEFT_OUT_SHOWN]) + (f"等{len(over)}个单位" if len(over) > _LEFT_OUT_SHOWN else "")
    return f"{who}的已排查数大于总数（CHECKED_EXCEEDS_TOTAL），合计按所填相加"


def f1_total_notes(lines: list[F1Line], lead: str = _LEFT_OUT, sep: str = "\n") -> str:
    """What 附件1's 合计 cells say of the rows added into them, or not (附件1, 汇总 and the report alike)."""
    return sep.join(t for t in (_f1_left_out(lines, lead), _f1_over(lines)) if t)


def f4_sum_off(lines: list[F4Line]) -> str:
    """附件4's 合计 adds the rows as sent: a row whose 总计 is not 正在整治 + 整治完成 leaves it so, said where the
    clerk copying the 合计 upward looks — the workbook's comment and the report (blind audit of the outputs)."""
    off = [line.label or line.unit for line in lines
           if line.submitted and sum_mismatch(*(line.values.get(f) for f in ("ongoing", "done", "total")))]
    if not off:
        return ""
    who = "、".join(off[:_LEFT_OUT_SHOWN]) + (f"等{len(off)}个单位" if len(off) > _LEFT_OUT_SHOWN else "")
    return f"{who}的总计不等于正在整治 + 整治完成（STATS_SUM_MISMATCH），合计按各单位所填相加"


def _f4_left_out(lines: list[F4Line], f: str, lead: str = _LEFT_OUT) -> str:
    """附件4's 合计 of a column adds the figures that could be read: the rows that gave none, named with why (a
    blank or a formula without its result too: a clerk would take a unit not named as counted; audit)."""
    why = []
    for line in lines:
        if line.submitted and line.values.get(f) is None and line.sources:
            src = line.sources[0].raw
            said = f"“{src[f]}”无法读取" if src.get(f) else "无数值"  # (blank, or a formula without result)
            why.append(f"{line.label or line.unit}（{said}）")
    return _left_out_text(why, lead)


def _write_f1(wb: Any, st: Styles, cons: Consolidated, marks: dict) -> None:
    sh = _Sheet(wb, st, F1, "附件1", cons, marks)
    sh.head()
    for n, line in enumerate(cons.f1, start=1):
        _f1_row(sh, n, line)
    _f1_row(sh, None, cons.f1_total, f1_total_notes(cons.f1))
    sh.footer()


_PLAIN_NUMBER = re.compile(r"-?\d{1,15}(?:\.\d{1,9})?")


def _as_written(text: str) -> Any:
    """A figure the township wrote that is no count (-1, 3.5): written as the number it is, not as text — the text
    -1 was CELL_FORMULA_TEXT of the tool's own making when the workbook was checked (audit of the re-check)."""
    if not _PLAIN_NUMBER.fullmatch(text) or not text.startswith("-") and "." in text:
        # (1.200 or 20.50 typed as text: as typed — written as the number 1.2 it was a new VALUE_INVALID one level up,
        # not the township's error carried; audit of values)
        return text
    return float(text) if "." in text else int(text)


def _f1_row(sh: _Sheet, n: int | None, line: F1Line, left_out: str = "") -> None:
    st = sh.st
    src = line.sources[0] if len(line.sources) == 1 else None
    for i, col in enumerate(F1.columns):
        f = col.field
        fmt = st.total if n is None else st.center
        if f == "seq":
            sh.value(i, n if n is not None else "", fmt)
        elif f == "township":
            sh.value(i, line.label or line.unit, fmt, src, f, note=_extra_note(src))
        elif not line.submitted:
            sh.value(i, "未报送", fmt)
        elif f in ("total", "checked"):
            v = getattr(line, f)
            if v is None and src is not None:
                v = _as_written(src.raw.get(f, ""))
            read = getattr(line, f) is not None  # (约25, -1 are written as typed, said by their finding)
            sh.value(i, v, st.total if n is None else st.number, src, f,
                     note=left_out or (_written_note(src, f) if read else ""))
        elif f == "percent":
            pct = line.percent
            # (a share typed that cannot be read — 约85% — stays as typed, marked: the computed one put in its place
            # passed the check of the consolidated workbook unsaid; audit of values)
            if pct is None and line.total and line.checked is not None and not line.percent_text.strip():
                pct = percent_of(line.checked, line.total)
            sh.value(i, pct if pct is not None else line.percent_text, st.total_pct if n is None else st.pct, src, f)
        elif f in ANSWER_FIELDS:
            written = line.answers.get(f, "")
            ans = getattr(src, f, None) if src is not None and f not in src.invalid else None
            if isinstance(ans, Answer) and ans.value != YesNo.NA and not ans.detail \
                    and _bare_mark(written):
                # √, Y, × under 附件1's questions: 是/否 as the form asks, the mark in a comment, as on 附件3 (audit)
                sh.value(i, ans.value.label, st.cell, src, f, note=f"原填：{written}")
            else:
                sh.value(i, written, st.total if n is None else st.cell, src, f)
    sh.end_row(30)


def _extra_text(rec: Any) -> str:
    """The values of a township's columns beyond the template (COLUMN_UNKNOWN): 联系人：张三；…"""
    return "；".join(f"{k}：{v}" for k, v in rec.extra.items())


def _extra_note(src: Any) -> str:
    """附件1/附件4 have no free-text column: the values of a township's extra columns go into a comment."""
    return EXTRA_NOTE + _extra_text(src) if src is not None and src.extra else ""


_FREE_TEXT = ("progress", "note")
_SYSTEM_COLUMN = re.compile(r"提交|答卷|所用时间|来源|来自|[Ii][Pp]|浏览器|操作系统|设备|昵称|微信|填写人|填写时间|开始时间|"
                            r"结束时间|所属(?:乡镇|区镇|街道|镇)|^\d*[.、]?(?:乡镇|区镇|镇街)(?:[（(].{0,4}[)）])?$|"
                            # (a program's 填报日期 column: the form's date, read as such — not a remark on every row)
                            r"^(?:填报|填表|报送|上报)(?:日期|时间)$")
_SAYS_NOTHING = frozenset(("无", "暂无", "无。", "没有", "/", "／", "-", "—", "——", "\\", "0"))
_FIGURE_ONLY = re.compile(r"\s*(?:共计?|合计)?\s*[\d,.]+\s*\(?(?:家|个|处|起|件|份|次|人|条)?\)?\s*")


def _written_note(src: Any, f: str) -> str:
    """A township's words beside its figure (20（已登记18家，未登记2家）, 3（其中1起已移送）): the figure is written,
    the words kept in a comment, as beside points and levels (they went without a trace; audit of 附件1)."""
    raw = src.raw.get(f, "") if src is not None else ""
    return f"原填：{raw}" if raw and raw.__class__ is str and any(ch.isdigit() for ch in raw) \
        and not _FIGURE_ONLY.fullmatch(to_halfwidth(raw)) else ""


def _widths_for_long_texts(form: FormDef, lines: list) -> list[float]:
    """The form's column widths, a free-text column (当月处置进展, 备注) widened so that its longest text fits the
    tallest row a sheet can have (a 509-character 进展 was cut off at both ends when printed; audit of the layout)."""
    widths = [c.width for c in form.columns]
    for i, col in enumerate(form.columns):
        if col.field in _FREE_TEXT:
            longest = max((len(str(getattr(line.rec, col.field, "") or "")) for line in lines), default=0)
            if 2 * longest > _MAX_LINES * (col.width - 1):  # (every character taken as wide, as _lines does)
                widths[i] = min(100.0, float(-(-2 * longest // _MAX_LINES) + 2))
    return widths


def _write_listed(wb: Any, st: Styles, cons: Consolidated, marks: dict, form: FormDef, max_rows: int) -> None:
    lines: list[Any] = cons.f2 if form.key == "F2" else cons.f3  # F2Line or F3Line (seq, listed_name: F3's)
    base = f"附件{form.number}"
    part = 0
    widths = _widths_for_long_texts(form, lines)
    sh = _Sheet(wb, st, form, base, cons, marks, widths)
    sh.head()
    fields = [col.field for col in form.columns]
    plan = _listed_plan(st, form)
    namesakes = _namesakes(cons) if form.key == "F3" else frozenset()
    seq_col = next(i for i, col in enumerate(form.columns) if col.kind == Kind.SEQ)
    for n, line in enumerate(lines, start=1):
        if sh.row >= max_rows - 1:  # continue on 附件2（续1）… rather than fail or lose rows
            sh.footer()
            part += 1
            sh = _Sheet(wb, st, form, f"{base}（续{part}）", cons, marks, widths)
            sh.head()
        rec = line.rec
        cells, notes, level_col = _listed_cells(st, form, plan, n, line)
        if form.key == "F3" and line.seq <= len(cons.f2) and (
                n > len(cons.f2) or namesakes and facility_key(line.listed_name or rec.name) in namesakes):
            # whose namesake it is, one level up (pairing); and whose a row numbered past 附件2's is (a facility's
            # second disposal, last on the sheet, was read back as one 附件2 did not list: DISPOSAL_UNLISTED, its
            # DUPLICATE_FACILITY lost; blind audit of the rules)
            notes[seq_col] = f"{PAIRED_NOTE}{line.seq}"
        if notes or rec.cells or (rec.file, rec.sheet, rec.row) in sh.marked_rows:
            for i, (v, fmt) in enumerate(cells):
                lvl = line.level if i == level_col else None
                sh.value(i, v, fmt, rec, fields[i], level=lvl, note=notes.get(i, ""))
        else:  # most rows: no finding on any of their cells, no note
            sh.plain_row(cells)
        sh.end_row()
    sh.footer()


def _namesakes(cons: Consolidated) -> frozenset[str]:
    """Facility names 附件2 lists more than once (two townships' 幸福养老院): their 附件3 rows say which is theirs —
    the 附件3 sheet has no township column, and one level up a row took the wrong town's namesake where the other
    town sent no disposal (false CLUE_NOT_REPORTED on the town that did; blind audit of three levels)."""
    seen: set[str] = set()
    twice: set[str] = set()
    for line in cons.f2:
        key = facility_key(line.rec.name)
        (twice if key in seen else seen).add(key)
    return frozenset(twice)


_LOGICAL = {"TRUE": "是", "FALSE": "否"}  # (normalize.clean_text: a logical cell's text, as Excel shows it)
_BARE_MARK = re.compile(r"[√✓✔☑✅×✗✘☒❌✖❎✕∨][\ufe0f]?|[YyNnXxVv]|(?i:yes|no)|有|无|已|未|没有")


def _bare_mark(written: str) -> bool:
    """A yes/no cell holding a mark alone (√, Y, 无), full-width (Ｙ) or with a full stop (是。): written as the form's
    是/否 one level up (Ｙ and 是。 were written as typed beside the converted √; audit)."""
    if written == "是" or written == "否":
        return False  # (most cells: as the form asks, at province scale 100,000 of them)
    plain = unicodedata.normalize("NFKC", written).strip().rstrip("。.")
    return _BARE_MARK.fullmatch(plain) is not None or plain in ("是", "否") and plain != written.strip()


_YES_NO_FIELDS = frozenset(c.field for c in F3.columns if c.kind in (Kind.ANSWER, Kind.ANSWER_NA, Kind.CASE,
                                                                      Kind.RESOLVED))
_CENTERED = frozenset(("category", "points", "measures", "clue", "fundraising", "case", "resolved"))
_TEXT, _SEQ, _LEVEL, _LEAD, _FREE, _AS_WRITTEN, _YES_NO = range(7)  # how a 附件2/附件3 column is filled
# columns whose text is rewritten (the official notation, a name 附件2 lists otherwise, a date) or checked for a
# remark: _TEXT; every other text column is written as the township wrote it (a 是/否 column's TRUE as 是)
_REWRITTEN = frozenset(("points", "measures", "category", "name", "case"))
_SERIAL = re.compile(r"\d+(?:\.\d+)?")  # a date's serial number shown without its format
_AT_TIME = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")  # the hour after a date cell's text


def _listed_plan(st: Styles, form: FormDef) -> list[tuple[int, str, int, Any]]:
    """(index, field, how, format) per column, decided once per sheet rather than once per cell."""
    free_text = "note" if form.key == "F2" else "progress"
    plan = []
    for i, col in enumerate(form.columns):
        f = col.field
        if f == "seq":
            plan.append((i, f, _SEQ, st.center))
        elif f == "level":
            plan.append((i, f, _LEVEL, None))
        elif f == "lead_unit":
            plan.append((i, f, _LEAD, st.center))
        elif f == free_text:
            plan.append((i, f, _FREE, st.cell))
        else:
            how = _TEXT if f in _REWRITTEN else _YES_NO if f in _YES_NO_FIELDS else _AS_WRITTEN
            plan.append((i, f, how, st.center if f in _CENTERED else st.cell))
    return plan


_CATEGORY_CODE = re.compile(r"^[ABC](?:[.、:：]|(?=类))?")


def _listed_cells(st: Styles, form: FormDef, plan: list[tuple[int, str, int, Any]], n: int, line: Any
                  ) -> tuple[list[tuple[Any, Any]], dict[int, str], int]:
    """One 附件2/附件3 row: (value, format) per column, the comments to attach, the level column's index."""
    rec = line.rec
    raw = rec.raw
    cells: list[tuple[Any, Any]] = []
    notes: dict[int, str] = {}
    level_col = -1
    for i, f, how, fmt in plan:
        if how == _AS_WRITTEN:  # (most columns: decided once per sheet, _listed_plan)
            cells.append((raw.get(f, ""), fmt))
        elif how == _YES_NO:
            written = raw.get(f, "")
            ans = getattr(rec, f, None)
            if written in _LOGICAL:
                cells.append((_LOGICAL[written], fmt))
            elif isinstance(ans, Answer) and ans.value != YesNo.NA and not ans.detail and f not in rec.invalid \
                    and _bare_mark(written):
                # a mark read as 是/否 (√, ×, Y, 无): written as the form asks, the mark kept in a comment — the
                # consolidated 附件3 mixed √, N and 是 (blind audit of mutations)
                cells.append((ans.value.label, fmt))
                notes[i] = f"原填：{written}"
            else:
                cells.append((written, fmt))
        elif how == _TEXT:
            if f in _ITEM_FIELDS and f not in rec.invalid:
                numbers = rec.points if f == "points" else rec.measures
                other = numbers.other_text
                if not other and f == "points" and form.key == "F2" and OTHER_POINT in numbers.items:
                    # 15 described in 备注: written with 15, so one level up (without a 15.其他： of its own)
                    note = case_beside(raw.get("note") or "", rec.extra)
                    other = _OTHER_LABEL.sub("", note) if note else ""
                text = _items_text(numbers.items, other, _ITEM_FIELDS[f])
                written = raw.get(f, "")
                if text and text != written and _WORDS.search(written.replace(numbers.other_text, "")):
                    notes[i] = f"原填：{written}"  # the township's remark beside its numbers, kept
                cells.append((text or written, fmt))
            elif f == "category" and rec.category is not None and raw.get(f, "") != rec.category:
                # as the points and the level: the form's code (A), whatever way it was read (养老机构, a, Ａ, A类)
                written = raw.get(f, "")
                said = _CATEGORY_CODE.sub("", to_halfwidth(written).replace(" ", "").upper(), count=1)
                if said not in ("", "类", rec.category.label):  # a remark beside it (A（已备案）) kept in a comment
                    notes[i] = f"原填：{written}"
                cells.append((rec.category.value, fmt))
            # (mypy takes getattr's bool overload from the `and`: its default stays "", no change)
            elif f == "name" and getattr(line, "listed_name", "") and line.listed_name != raw.get(f, ""):  # type: ignore[arg-type]
                cells.append((one_line(line.listed_name), fmt))  # as 附件2 names it (consolidate.F3Line.listed_name)
                notes[i] = f"原填：{raw.get(f, '')}"
            elif f == "case" and rec.case_date is not None and (_SERIAL.fullmatch(raw.get(f, ""))
                                                                 or raw.get(f, "").startswith(rec.case_date.isoformat())
                                                                 and _AT_TIME.fullmatch(raw[f][10:])):
                # a date cell alone read as 是 and that date: written so, as the form asks; without its format
                # (44722, or 44721.5 with an hour: mutation testing) the number alone is no answer one level up,
                # and is kept in a comment
                cells.append((f"是，{rec.case_date.isoformat()}", fmt))
                if _SERIAL.fullmatch(raw[f]):
                    notes[i] = f"原填：{raw[f]}"
            elif f == "case" and rec.case_date is None and "case" not in rec.invalid and isinstance(
                    ans := rec.case, Answer) and ans.value != YesNo.NA and not ans.detail and _bare_mark(
                    raw.get(f, "")):
                # × under 是否立案: 否, the mark in a comment, as the other yes/no columns of the row (audit)
                cells.append((ans.value.label, fmt))
                notes[i] = f"原填：{raw[f]}"
            elif f == "name" and "\n" in raw.get(f, ""):
                cells.append((one_line(raw[f]), fmt))
            else:
                written = raw.get(f, "")
                # a logical cell (TRUE, a ticked check box's) in a 是/否 column: read as 是/否, written so (附件1's are)
                cells.append((_LOGICAL.get(written, written) if f in _YES_NO_FIELDS else written, fmt))
        elif how == _SEQ:  # 1, 2, 3 … on each sheet: a gap would look like a lost row
            cells.append((n, fmt))
        elif how == _LEVEL:
            lvl = line.level
            level_col = i
            if form.key == "F2":
                if line.filled_in and lvl is not None:
                    written = raw.get("level", "")  # a level that could not be read (紫) is not one left blank
                    notes[i] = (f"原填“{written}”无法识别，已按风险隐患点填为{lvl.label}" if written
                                else f"未填等级，已按风险隐患点补填为{lvl.label}")
                elif lvl is not None and line.computed != lvl and line.computed != RiskLevel.GREEN:
                    notes[i] = f"按风险隐患点应为{line.computed.label}，现按填报保留{lvl.label}"
                if not line.filled_in and lvl is not None and (heading := raw.get(LEVEL_SECTION)):
                    # the level of the part of the list it stood in (一、红色名单), its own cell left blank
                    notes[i] = "\n".join(t for t in (f"原表未填等级，按所在的{heading}填为{lvl.label}",
                                                      notes.get(i, "")) if t)
                written = raw.get("level", "")
                if not line.filled_in and lvl is not None and written and level_alone(written) is None:
                    # 黄，已调整为橙 / 红色（重大风险）: written 橙 / 红, the township's words kept (they were dropped; audit
                    # of hand-edited workbooks going up)
                    notes[i] = "\n".join(t for t in (f"原填：{written}", notes.get(i, "")) if t)
            text = lvl.label if lvl is not None else raw.get("level", "")
            cells.append((text, st.level[lvl] if lvl in LISTED_LEVELS else st.center))
        elif how == _LEAD:  # naming the township (consolidate.lead_text); the township's words kept
            written = raw.get(f, "")
            if written and line.lead != written:
                notes[i] = f"原填：{written}"
            cells.append((line.lead or written or line.unit, fmt))
        elif rec.extra:  # _FREE, with COLUMN_UNKNOWN: the extra columns' values kept in the free-text column
            extra = _extra_text(rec)
            # (备注：无 on every row of the official form says nothing: in the comment alone; audit of values)
            # (nor an export's system columns and the township column its rows were parted by — 来自IP, 所用时间,
            # 1.所属乡镇（单选）on every row of the printed form; audit of exports: in the comment alone too)
            said = "；".join(f"{k}：{v}" for k, v in rec.extra.items()
                            if v.strip() not in _SAYS_NOTHING and not _SYSTEM_COLUMN.search(k))
            cells.append(("；".join(t for t in (raw.get(f, ""), said) if t), fmt))
            notes[i] = EXTRA_NOTE + extra
        else:
            cells.append((raw.get(f, ""), fmt))
    return cells, notes, level_col


# 15's label before its case in 备注 (15.其他：, 第15项：, 其他情形—): not the case (written 15.其他：：… and
# 15.其他：第15项：… one level up; blind audit of prose)
# (a label only before a mark or 其他: 15名老人… and 其他人员冒用… are the case's own words; review)
_OTHER_LABEL = re.compile(r"^(?:第?\s*15\s*项?\s*(?:[.、．:：—－]\s*|-(?!\d)\s*|(?=其[他它])))?"
                          r"(?:其[他它](?:情形|情况)?\s*[:：\-—－]\s*|其[他它](?:情形|情况)\s*)?")
_ITEM_FIELDS = {"points": 15, "measures": 11}  # numbered columns, and the number of their 其他 item
# words in a numbered cell beyond its numbers' own markers (第1、3项, 15.其他：…): a remark worth keeping
_WORDS = re.compile(r"[\u4e00-\u9fff](?<![第项点条和及其他一二三四五六七八九十])")


@functools.lru_cache(maxsize=4096)  # a province has a few hundred distinct point and measure sets
def _items_text(items: tuple[int, ...], other_text: str, other: int) -> str:
    """Points or measures in the official notation whatever the township wrote (①④, 第1、3项, the items'
    own words): 1、4, and 15.其他：… with its description."""
    return "、".join(f"{n}.其他：{other_text}" if n == other and other_text else str(n) for n in items)


def _write_f4(wb: Any, st: Styles, cons: Consolidated, marks: dict) -> None:
    sh = _Sheet(wb, st, F4, "附件4", cons, marks)
    sh.head()
    for line in cons.f4:
        _f4_row(sh, line, st.center)
    notes = {f: _f4_left_out(cons.f4, f) for f in F4_FIELDS}
    if said := f4_sum_off(cons.f4):
        notes["total"] = f"{notes['total']}\n{said}" if notes["total"] else said
    _f4_row(sh, cons.f4_total, st.total, notes)
    sh.row += 1
    sh.ws.write_string(sh.row, 0, F4.notes, st.footer)
    sh.row += 1
    ws = sh.ws
    _write_signed(ws, sh.row + 1, (0, 3, 6), F4.footer, cons.signed, st.footer)
    ws.print_area(0, 0, sh.row + 1, len(F4_FIELDS))


def _write_signed(ws: Any, r: int, cols: tuple[int, int, int], labels: Sequence[str], signed: Sequence[str],
                  fmt: Any) -> None:
    """填报人：…  负责人：…  电话：… (from the configuration, else blank to fill by hand) in the given columns."""
    for c, label, value in zip(cols, labels, signed, strict=False):
        ws.write_string(r, c, f"{label}：{value}", fmt)


def _f4_row(sh: _Sheet, line: F4Line, fmt: Any, left_out: dict[str, str] | None = None) -> None:
    src = line.sources[0] if len(line.sources) == 1 else None
    sh.value(0, line.label or line.unit, fmt, src, "label", note=_extra_note(src))
    if not line.submitted:
        sh.ws.merge_range(sh.row, 1, sh.row, len(F4_FIELDS), "未报送", fmt)
    else:
        for i, f in enumerate(F4_FIELDS, start=1):
            v = line.values.get(f)
            if v is None and src is not None:
                v = _as_written(src.raw.get(f, ""))
            sh.value(i, v, fmt if fmt is sh.st.total else sh.st.number, src, f,
                     note=left_out.get(f, "") if left_out else _written_note(src, f) if line.values.get(f) is not None
                     else "")
    sh.end_row()


UNRANKED_NOTE = "注：名单合计只计红、橙、黄三色；附件2另有 {n} 家为绿色或未能定级，未计入（见校验问题）。"
# (附件2's rows and 名单合计 differed by a facility listed twice, unsaid: the clerk counting rows found one short; audit)
REPEATED_NOTE = "注：附件2有 {n} 行是同一机构重复填报（DUPLICATE_FACILITY），按一家计入名单合计。"
APART_NOTE = "注：错误、警告的合计另含不属于上列任何单位的问题（无法读取或看不出单位的文件）：错误 {} 个、警告 {} 个，见校验问题。"


def _write_summary(wb: Any, st: Styles, cons: Consolidated) -> None:
    ws = wb.add_worksheet("汇总")
    # Headers chosen so that this sheet is never taken for an 附件1 when the workbook is read again.
    heads = list(SUMMARY_HEADS)
    # (a weekly round has no list: its title said 风险管控名单汇总 beside the week's file name; audit of outputs)
    title = f"{cons.period} 报送情况汇总（周报：{cons.week} 这一周，仅附件4）" if cons.week else f"{cons.period} 风险管控名单汇总"
    ws.merge_range(0, 0, 0, len(heads) - 1, f"{cons.reporting_unit} {title}", st.title)
    ws.set_row(0, 30)
    for i, h in enumerate(heads):
        ws.write_string(1, i, h, st.header)
    widths = (14, 20)  # (附件1–4齐全（迟报） on one line)
    ws.set_column(0, 0, widths[0])
    ws.set_column(1, 1, widths[1])
    ws.set_column(2, len(heads) - 1, 10)
    r = 2
    # 已排查占比 as each unit's one 附件1 row declares it (several rows: no one figure to compare)
    rows_of = defaultdict(list)
    for line in cons.f1:
        rows_of[line.unit].append(line)
    declared = {u: lines[0].percent for u, lines in rows_of.items() if len(lines) == 1 and lines[0].submitted}
    late = cons.late  # as the report says them: the printed, stamped sheet said 附件1–4齐全 of a late unit (audit)
    unlisted = cons.unlisted
    for s in cons.status:
        if s.unit in unlisted:  # marked as on 附件1–4 and said, or it read as one more unit of the list (audit)
            _put_text(ws, r, 0, s.unit, st.mark(Severity.ERROR), f"{s.unit}不在单位名单中（UNIT_UNKNOWN，见校验问题）；"
                      "其数字计入下方合计，请核实是否应由名单中的某个单位报送")
        else:
            _put_text(ws, r, 0, s.unit, st.cell)
        arrival = s.arrival + ("（迟报）" if s.unit in late else "（未填报日期）" if s.unit in cons.undated else "")
        ws.write_string(r, 1, arrival, st.cell)
        # a note after 未报送, or a long unit name, wraps: the row grows with it (no autofit in LibreOffice: it was
        # drawn over the rows around it)
        if (lines := max(_lines(s.unit, widths[0]), _lines(arrival, widths[1]))) > 1:
            ws.set_row(r, _height(13.5 * lines + 3))
        # by level, then 名单合计; no list received: no count, not 0 (read as none at risk; audit)
        counts = [s.counts.get(lvl, 0) for lvl in LISTED_LEVELS] + [sum(s.counts.values())]
        for j, n in enumerate(counts, start=2):
            if s.listed:
                ws.write_number(r, j, n, st.number)
            else:
                ws.write_blank(r, j, None, st.number)
        # a unit of several 附件1 rows (a county's townships) adds those that gave both figures, as 合计 does
        left_out = _f1_left_out(rows_of[s.unit], "本行未计入：") if len(rows_of.get(s.unit, [])) > 1 else ""
        for j, v in enumerate((s.total, s.checked, s.percent)):
            if v is None:
                ws.write_blank(r, 6 + j, None, st.number)
            else:
                ws.write_number(r, 6 + j, v, st.pct if j == 2 else st.number)
            if left_out and j < 2:
                _write_comment(ws, r, 6 + j, left_out)
        if (said := declared.get(s.unit)) is not None and s.percent is not None and abs(said - s.percent) > 0.5:
            # 附件1 keeps the township's figure, marked; here it is computed: said so, or the one workbook gives two
            # progress figures for one unit without a word (blind audit of the outputs against each other)
            ws.write_comment(r, 8, f"附件1 填报为 {said:g}%（PERCENT_MISMATCH，见校验问题），此处按已排查数/总数计算",
                             COMMENT_OPTIONS)
        ws.write_number(r, 9, s.errors, st.number)
        ws.write_number(r, 10, s.warnings, st.number)
        r += 1
    totals = cons.level_totals()
    ws.write_string(r, 0, "合计", st.total)
    received = f"{cons.submitted}/{cons.expected}个单位已报送" + (f"（{cons.among}）" if cons.among else "") + \
        (f"，另有名单外{len(unlisted)}个" if unlisted else "")
    ws.write_string(r, 1, received, st.total)
    if (lines := _lines(received, widths[1])) > 1:
        ws.set_row(r, _height(13.5 * lines + 3))
    for j, v in enumerate([*(totals[lvl] for lvl in LISTED_LEVELS), sum(totals.values())], start=2):
        if cons.week:  # a weekly round has no list: no count of 0 red (as its units' rows above, blank)
            ws.write_blank(r, j, None, st.total)
        else:
            ws.write_number(r, j, v, st.total)
    t = cons.f1_total
    left_out = f1_total_notes(cons.f1)  # as on 附件1's 合计: the units' figures above do not all add up into it
    for j, v in enumerate((t.total, t.checked, t.percent)):
        if v is None:
            ws.write_blank(r, 6 + j, None, st.total)
        else:
            ws.write_number(r, 6 + j, v, st.total_pct if j == 2 else st.total)
        if left_out and j < 2:
            _write_comment(ws, r, 6 + j, left_out)
    # every finding, also those of files no unit could be told for (FILE_UNREADABLE, FORM_NOT_FOUND): the same
    # totals as the report and the command's summary
    errors = sum(1 for f in cons.findings if f.severity == Severity.ERROR)
    warnings = sum(1 for f in cons.findings if f.severity == Severity.WARNING)
    ws.write_number(r, 9, errors, st.total)
    ws.write_number(r, 10, warnings, st.total)
    last = r - 1
    chart_row = r + 2
    notes = [UNRANKED_NOTE.format(n=cons.unranked)] if cons.unranked else []  # 名单合计 ≠ 附件2's rows: say why,
    if repeated := cons.repeated:
        notes.append(REPEATED_NOTE.format(n=repeated))
    # or the clerk counts 附件2 and finds a row lost; and so for the findings no unit's row counts (scale audit)
    apart = (max(0, errors - sum(s.errors for s in cons.status)), max(0, warnings - sum(s.warnings for s in cons.status)))
    if any(apart):
        notes.append(APART_NOTE.format(*apart))
    if notes:
        note = "注：" + "".join(n.removeprefix("注：") for n in notes)
        # wrapped and as tall as it needs: both notes on one line ran past column K, cut off on screen and on the
        # stamped paper (audit of the outputs)
        ws.merge_range(r + 1, 0, r + 1, len(heads) - 1, note, st.notes)
        ws.set_row(r + 1, _height(13.5 * _lines(note, sum(widths) + 10 * (len(heads) - 2)) + 2))
        chart_row = r + 3
    if cons.status:
        chart = wb.add_chart({"type": "column", "subtype": "stacked"})
        for j, lvl in enumerate(LISTED_LEVELS):
            chart.add_series({
                "name": ["汇总", 1, 2 + j],
                "categories": ["汇总", 2, 0, last, 0],
                "values": ["汇总", 2, 2 + j, last, 2 + j],
                "fill": {"color": lvl.color},
                "border": {"color": "#666666"},
            })
        chart.set_title({"name": "各单位风险管控名单（红橙黄）", "name_font": {"name": FONT, "size": 12}})
        chart.set_x_axis({"num_font": {"name": FONT, "rotation": -45}})
        tallest = max((sum(s.counts.get(lvl, 0) for lvl in LISTED_LEVELS) for s in cons.status), default=0)
        # whole facilities: Excel would mark 0.5, 1.5 … on a short axis
        chart.set_y_axis({"name": "机构数", "major_gridlines": {"visible": True}, "min": 0,
                          "major_unit": _axis_step(tallest), "num_format": "0"})
        chart.set_legend({"position": "bottom", "font": {"name": FONT}})
        chart.set_size({"width": 820, "height": 380})
        ws.insert_chart(chart_row, 0, chart)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(1)  # the header on every page of a province's units
    ws.set_footer(PAGE_FOOTER)


def _write_findings(wb: Any, st: Styles, cons: Consolidated, max_rows: int) -> None:
    ws = wb.add_worksheet("校验问题")
    from .findings import CATALOGUE

    # the file, sheet and cell are those of the township's file (where the clerk corrects it), not of this workbook
    heads = list(zip(FINDINGS_HEADS, (6, 30, 10, 8, 6, 10, 20, 22, 24, 6, 60), strict=True))
    for i, (h, w) in enumerate(heads):
        ws.write_string(0, i, h, st.header)
        ws.set_column(i, i, w)
    ws.set_row(0, 30)
    ws.freeze_panes(1, 0)
    findings = sorted(cons.findings, key=unit_order(cons))
    for n, f in enumerate(findings[: max_rows - 2], start=1):
        row: list[Any] = [n, f.file, f.sheet, f.cell, f.row if f.row is not None else "", f.unit, f.facility,
               CATALOGUE[f.code].title, f.code.value, f.severity.label, f.message]
        for i, v in enumerate(row):
            fmt = st.mark(f.severity) if i == 9 else st.cell
            if isinstance(v, int):
                ws.write_number(n, i, v, fmt)
            else:
                _put_text(ws, n, i, v, fmt)
        # LibreOffice and WPS do not fit wrapped rows themselves
        lines = max(_lines(f.message, 60), _lines(f.file, 30), _lines(row[7], 22), _lines(f.facility, 20))
        if lines > 1:
            ws.set_row(n, _height(14 * lines + 5))  # a little more than the 附件 rows: LibreOffice wraps these wider
    if not findings:  # (a bare header row printed as an empty grid, as if the list were lost; audit of a clerk)
        ws.merge_range(1, 0, 1, len(heads) - 1, "未发现问题：各单位报表均通过校验", st.cell)
    ws.autofilter(0, 0, max(len(findings), 1), len(heads) - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_footer(PAGE_FOOTER)


def _write_changes_sheet(wb: Any, st: Styles, changes: list, heading: str = "", note: str = "") -> None:
    ws = wb.add_worksheet("变化")
    heads = list(zip(CHANGES_HEADS, (12, 28, 12, 14, 14), strict=True))
    for i, (h, w) in enumerate(heads):
        ws.write_string(0, i, h, st.header)
        ws.set_column(i, i, w)
    if note and not changes:
        # (no row at all said nothing of why: no list to compare in a weekly round, or none changed; audit of diff)
        ws.merge_range(1, 0, 1, len(heads) - 1, note, st.cell)
        ws.set_row(1, _height(14 * _lines(note, 80) + 5))
    for n, c in enumerate(changes, start=1):
        for i, v in enumerate((c.unit, c.facility, c.kind_label, c.old, c.new)):
            _put_text(ws, n, i, v, st.cell)
        lines = max(_lines(c.facility, 28), _lines(c.old, 14), _lines(c.new, 14))
        if lines > 1:
            ws.set_row(n, _height(14 * lines + 5))
    ws.freeze_panes(1, 0)
    _print_as_a_list(ws, heading)


def _print_as_a_list(ws: Any, heading: str = "") -> None:
    """A4, one page wide, the header row on every page, the pages numbered — and which two workbooks were
    compared at the top of each (diff -o printed without either; blind audit of diff)."""
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_footer(PAGE_FOOTER)
    if heading:
        ws.set_header("&C" + heading.replace("&", "&&"))


def write_changes(changes: list, findings: list[Finding], target: Path, heading: str = "", note: str = "") -> Path:
    """`yanglao diff -o`: the changes and the findings, as a workbook; `heading` (上期 → 本期) on every page."""
    import xlsxwriter

    with atomic_path(target) as tmp, part_files() as parts:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_numbers": False,
                                            "strings_to_urls": False, "tmpdir": parts})
        wb.set_properties({"title": f"名单变化 {heading}".strip(), "author": "yanglao", "created": FIXED_TIME})
        wb.set_custom_property("yanglao", "diff")  # (a later check of the folder it is saved in passes over it)
        st = Styles(wb)
        _write_changes_sheet(wb, st, changes, heading, note)
        fs = wb.add_worksheet("校验问题")
        for i, h in enumerate(("单位", "机构", "代码", "级别", "说明", "原文件", "原工作表", "原单元格")):
            fs.write_string(0, i, h, st.header)
        fs.set_column(0, 3, 14)
        fs.set_column(4, 4, 70)
        fs.set_column(5, 5, 40)
        fs.set_column(6, 7, 10)
        for n, f in enumerate(findings, start=1):  # where: the facility's row in last period's workbook
            for i, v in enumerate((f.unit, f.facility, f.code.value, f.severity.label, f.message, f.file or "",
                                   f.sheet or "", f.cell or "")):
                _put_text(fs, n, i, v, st.cell)
            lines = max(_lines(f.message, 70), _lines(f.file or "", 40), _lines(f.facility, 14))
            if lines > 1:  # (LibreOffice and WPS do not fit wrapped rows themselves: the 说明 overlapped)
                fs.set_row(n, _height(14 * lines + 5))
        fs.freeze_panes(1, 0)
        fs.set_landscape()
        _print_as_a_list(fs, heading)
        close_workbook(wb, target)
    return target
