"""What reading one file gives: its forms (FormResult) and the file's findings (FileResult), with the keys that
name a report (Source) — shared by the reading (pipeline), the choice of which report counts (supersession) and
the commands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import reader
from .findings import Finding
from .models import Footer, pack_rows, unpack_rows


@dataclass
class FormResult:
    key: str
    unit: str
    sheet: str
    records: list
    footer: Footer
    rows_read: int
    rows_superseded: int = 0  # of rows_read: a weekly 附件4's earlier weeks on the same sheet (weeks.weekly_superseded)
    unnamed: bool = False  # no unit could be told (填报单位 民政办, nothing else): UNIT_UNKNOWN; see pipeline._unnamed_by_facilities
    placeholders: tuple[tuple[int, str], ...] = ()  # parse.Parsed.placeholders (rows of places that sent nothing)
    month: str = ""  # the report month its title or file name states (parse.month_hint), "" if none
    titled: bool = False  # its own title row above its header (a list pasted under another, not its next page)
    contested: bool = False  # its unit said with UNIT_CONFLICT: another report of the unit's, not contested, counts
    combined: bool = False  # read from a table holding 附件2 and 附件3 at once (reader._combined)
    said_none: bool = False  # a list saying 无 (reader.FormSheet.said_none)
    revised: bool = False  # its title says it is a correction (…名单（2022年6月）（更正）)
    # a list without a 填报日期 of its own: the latest its workbook's other monthly forms of the unit carry — a list
    # sent again beside its dated 附件3 was merged with the first, not replacing it (blind audit at 100 units)
    sent: dt.date | None = None
    said: tuple[int, int] = (0, 0)  # of a combined one: the range of the file's findings its reading made
    # where its first row's name goes (under the header): a form sent with no row at all is marked there
    start: str = ""

    def __reduce__(self) -> tuple[object, ...]:  # from a reading process: the records packed (models.pack_rows)
        packed = pack_rows(self.records)
        if packed is None:
            return (form_result, (self.__dict__, None))
        return (form_result, ({**self.__dict__, "records": []}, packed))


def form_result(state: dict[str, Any], packed: tuple | None) -> FormResult:
    fr = FormResult.__new__(FormResult)
    fr.__dict__.update(state)
    if packed is not None:
        fr.records = unpack_rows(*packed)
    return fr


# a report: (file, sheet, unit, form, where it begins) — two forms of one kind stacked on one sheet (a corrected list
# below the first) or set side by side (May's beside June's) are two reports, one of which may replace the other
Source = tuple[str, str, str, str, str]


def source_of(res: FileResult, fr: FormResult, unit: str | None = None) -> Source:
    at = (first_cell(fr) or str(first_row(fr))) if fr.records else ""
    return (res.display, fr.sheet, fr.unit if unit is None else unit, fr.key, at)


def first_cell(fr: FormResult) -> str:
    """Where a form's first row begins: its name's (or 乡镇's, or 附件4 label's) cell, else its leftmost column's
    (an 附件4 with no unit column: the finding had a row and no cell; audit of scripted inboxes), "" if none."""
    first = fr.records[0]
    named = next((first.cell(f) for f in ("name", "township", "label") if first.cell(f)), "")
    if named or not getattr(first, "columns", None):
        return named
    letter = min(first.columns.values(), key=lambda c: (len(c), c))
    return f"{letter}{first.row}"


def start_cell(fs: reader.FormSheet) -> str:
    """The cell under a form's header where its first row's name (else its leftmost column) goes."""
    m = fs.match
    columns = m.columns
    c = columns.get("name", columns.get("township", columns.get("label", min(columns.values(), default=-1))))
    if c < 0:
        return ""
    r = m.data_start
    while r - 1 > m.header_row and not any(fs.grid.row_texts(r - 1)):
        r -= 1  # (blank rows under the header before where its data was looked for: the first of them)
    return f"{reader.col_letter(c)}{r + 1}"


@dataclass
class FileResult:
    display: str
    findings: list[Finding] = field(default_factory=list)
    forms: list[FormResult] = field(default_factory=list)
    unreadable: bool = False
    mtime: float = 0.0
    # the file's bytes as a key: two copies of one file (received by mail and by WeChat) are told apart by their
    # place, not by their times — which one was kept changed with the times a copy gave them (audit of determinism)
    digest: str = ""
    consolidated: bool = False  # a workbook `consolidate` wrote (its 汇总 and 校验问题 sheets): one level down
    no_list: frozenset[str] = frozenset()  # of a consolidated workbook: units its 汇总 says sent no 附件2
    no_stats: frozenset[str] = frozenset()  # of a consolidated workbook: units its 汇总 says sent no 附件4
    f3_alone: bool = False  # of a consolidated workbook: its 汇总 says a unit sent 附件3 without 附件2
    f3_sent: frozenset[str] = frozenset()  # of a consolidated workbook: units its 汇总 says sent 附件3
    stated_period: str = ""  # of a consolidated workbook: the period its 汇总 title states (启东市民政局 2022-06 …)
    weekly: bool = False  # a consolidated workbook of a weekly round (汇总: 周报：…这一周): its 附件1–3 are no report
    stated_week: dt.date | None = None  # that round's week as its 汇总 title states it (2022-06-22)
    leftover_rows: int = 0  # rows on hidden copies of a form shown on another sheet: read, not consolidated
    # the year a date without one (6月17日) took from the file's time, nothing in the workbook giving one: one
    # inbox's other reports may say the period's year better (pipeline._load reads such a file again with it)
    year_from_mtime: int | None = None
    # unit -> findings of the row rules and the unit's cross-form checks over this file's forms of that unit.
    # Computed where the file is read (a worker process): the main process uses them for every unit that no
    # other file speaks for.
    unit_checks: dict[str, list[Finding]] = field(default_factory=dict)
    # of a consolidated workbook: (sheet, cell) -> its comment naming findings consolidate marked one level down:
    # found again there and said alike, they are REPORTED_BELOW, not this level's errors
    noted: dict[tuple[str, str], str] = field(default_factory=dict)
    # of a consolidated workbook: (sheet, cell) -> what its comment notes beside findings (未填等级，已按风险隐患点
    # 补填为黄; 原填：①③): carried to the level above's workbook (it was lost there; audit of the outputs)
    carried: dict[tuple[str, str], str] = field(default_factory=dict)
    hidden_rows: dict[str, frozenset[int]] = field(default_factory=dict)  # sheet -> rows hidden (pipeline._on_hidden_rows)
    # a copy check --annotate wrote (its 校验结果 sheet), put right and sent back under a name of the township's own
    # (东海镇报表（6月）): the correction of its original whatever its name — the lists were kept both, DUPLICATE_FACILITY
    # beside an error already put right (audit of a clerk's month)
    returned: bool = False
    copy_of: str = ""  # of a copy of ours: the file name it was made of (its 校验结果 sheet's title)


# One row per township with figures since the campaign began (附件1 progress, 附件4 累计数据): a later report
# of the same unit replaces an earlier one rather than adding to it (weekly 附件4 in a monthly inbox, a
# corrected resubmission).
CUMULATIVE_FORMS = ("F1", "F4")
# Lists of facilities (附件2/附件3): a later file replaces an earlier one of the same unit when it lists at
# least half of the same facilities again (a corrected resubmission); lists that do not overlap so (a list
# split over two files) add up, and a facility in both is DUPLICATE_FACILITY.
LIST_FORMS = ("F2", "F3")
WEEKLY_KEYS = ("F4",)  # (periods.WEEKLY_FORMS)


def first_row(fr: FormResult) -> int:
    return getattr(fr.records[0], "row", 0) or 0 if fr.records else 0
