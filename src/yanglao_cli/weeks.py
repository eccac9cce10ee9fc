"""附件4 week by week: a township's log of weeks on one sheet (the latest row is its report, the earlier rows
superseded), and a week's figures against an earlier week's read in the same run (STATS_DECREASED without
waiting for --previous)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from .config import Config
from .findings import Code, Finding, make
from .normalize import find_date, to_halfwidth
from .results import FileResult, FormResult, Source, source_of
from .rules import Ctx
from .rules.statistics import check_f4_decrease
from .supersession import file_version, named_correction

_WEEK = re.compile(r"(?:\d{4}年)?(?:(\d{1,2})月)?第([1-6一二三四五六])周")
_NUMERALS = "一二三四五六"
_WEEK_WORDS = ("截至", "截止", "第")
# what a week's label holds besides its dates: 6月1日至6月7日, 截至6月15日, 6.1-6.7, 2022年6月第1周 (not 1.1养老机构,
# not 6月1日至6月15日新增: an increment beside a cumulative row is added, not superseded)
_WEEK_LABEL = re.compile(r"(?:累计|[\d年月日号至到止截第周一二三四五六\-—~～.、/()（） ])+")


def weeks_logged(records: list, year: int | None, own_label: Callable[[str], bool]) -> list[int] | None:
    """A 附件4 kept week by week on one sheet: a row per week, its first column the week's date (6月1日, 6.1-6.7,
    截至6月15日) or 6月第2周 instead of the township — the template's first row may keep the township's name. The
    figures are cumulative, so the latest row is the township's report and the earlier ones are superseded, not
    added to it. The rows' indexes from the earliest week to the latest, or None when the rows are not so
    labelled (a consolidated workbook's rows name townships)."""
    if len(records) < 2:
        return None
    weeks: dict[int, tuple[int, int]] = {}
    dates: dict[int, tuple[dt.date, bool]] = {}  # row -> (date, whether its year was written)
    for i, rec in enumerate(records):
        label = _week_label(rec, own_label)
        week = _WEEK.fullmatch(label)
        weekly = _WEEK_LABEL.fullmatch(label) is not None and (label[:1].isdigit() or label.startswith(_WEEK_WORDS))
        when = find_date(label, year) if weekly and not week else None
        if week:
            weeks[i] = (int(week[1] or 0), int(week[2]) if week[2].isdigit() else _NUMERALS.index(week[2]) + 1)
        elif when is not None:  # a date, or a week's dates: the first one orders the rows
            dates[i] = (when, re.search(r"\d{4}|年", label) is not None)
        elif i > 0 or label and not own_label(label):
            return None  # only the template's first row may still name the township (the first week)
    if weeks and dates:
        # dates and weeks mixed (6月1日, 6月8日, 6月第3周): a week is dated by its month's first day and its number,
        # the month being the dates' where it says none — the rows were summed, the town listed three times over
        # (blind audit of 附件4)
        ref = dates[min(dates)][0]
        for i, (month, n) in weeks.items():
            try:
                dates[i] = (dt.date(ref.year, month or ref.month, 1) + dt.timedelta(days=7 * (n - 1)), False)
            except ValueError:
                return None
        weeks = {}
    if len(weeks) + len(dates) < len(records) - 1:
        return None
    order = _in_year_order(dates) if dates else _weeks_in_order(weeks)
    if len(order) > 1 and len(set(order.values())) == 1:
        return None  # every row the same week: two parts of one report, not a log
    # a week written twice (a row copied and its date left unchanged) keeps the rows' order: the lower one is the
    # later (it was not a log, and all three rows were summed — 5 became 9; audit of untested paths)
    # the first row naming the township instead of a week is the first week
    return [i for i in range(len(records)) if i not in order] + sorted(order, key=lambda i: order[i])  # type: ignore[arg-type]


def _in_year_order(dates: dict[int, tuple[dt.date, bool]]) -> dict[int, dt.date]:
    """Dates down the log; one without its year written that falls half a year before the row above it is in the
    next year (12月28日, then 1月4日)."""
    out: dict[int, dt.date] = {}
    years = 0
    prev: dt.date | None = None
    for i in sorted(dates):
        d, written = dates[i]
        if not written:
            d = d.replace(year=d.year + years)
            if prev is not None and (prev - d).days > 180:
                years += 1
                d = d.replace(year=d.year + 1)
        out[i] = d
        prev = d
    return out


def _weeks_in_order(weeks: dict[int, tuple[int, int]]) -> dict[int, tuple[int, int, int]]:
    """(year, month, week) down the log: 12月第4周 then 1月第1周 is the next year's."""
    out: dict[int, tuple[int, int, int]] = {}
    years = 0
    prev = 0
    for i in sorted(weeks):
        month, n = weeks[i]
        if month and prev and month + 6 < prev:
            years += 1
        prev = month or prev
        out[i] = (years, month, n)
    return out


_SLASH_MD = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")  # 6/8 in a week's label: 6月8日
_TOWN_BEFORE_DATE = re.compile(r"(\D+?)[(（:：]?((?:截至|截止|第)?\d.*)")


def _week_label(rec: Any, own_label: Callable[[str], bool]) -> str:
    """A weekly row's label without the township's name before its date (汇龙镇6月8日 → 6月8日)."""
    label = _SLASH_MD.sub(r"\1月\2日", to_halfwidth(rec.raw.get("label", "")).replace(" ", ""))
    m = _TOWN_BEFORE_DATE.fullmatch(label)
    return m[2] if m and own_label(m[1]) else label


def weekly_superseded(records: list, latest: int, display: str, sheet: str, unit: str) -> list[Finding]:
    kept = records[latest]
    newer = f"{sheet}!{kept.cell('label')}，{kept.raw.get('label', '')}"
    out = []
    for i, rec in enumerate(records):
        if i == latest:
            continue
        label = rec.raw.get("label", "")
        dated = any(ch.isdigit() for ch in label) or "周" in label
        out.append(make(Code.SUBMISSION_SUPERSEDED, file=display, sheet=sheet, cell=rec.cell("label"), row=rec.row,
                        unit=unit, form="附件4", count=len(records), rule="同一表中最新一周", newer=newer, rows=1,
                        date=label if dated else "未写，表中最早的一周"))
    return out


def fell_since(earlier: Any, later: Any, unit: str, where: str, when: str = "上一周") -> list[Finding]:
    """STATS_DECREASED of a township's 附件4 against its report of an earlier week read in the same run (a row
    above on a weekly log, a weekly file beside the monthly one): the previous period is in hand, so a figure
    that fell is said without waiting for --previous. `where` says which report the earlier figure is from,
    `when` how long before (上一周, or 较早一期 for one further back)."""
    return [f.model_copy(update={"message": f.message.replace("由上期", f"由{when}（{where}）的", 1)})
            for f in check_f4_decrease(earlier, later, Ctx(unit=unit))]


def earlier_weeks_fell(results: list[FileResult], superseded: frozenset[Source],
                        config: Config) -> list[Finding]:
    """STATS_DECREASED of each township's 附件4 that counts against its latest report of an earlier week that a
    later one replaced in this run (weekly files beside the monthly workbook). A report of the same week is a
    correction, not a later period: a figure it lowers is not said to have fallen."""
    from .periods import weekly_deadline

    reports: dict[str, list[tuple[bool, Any, FileResult, FormResult]]] = {}
    for res in results:
        for fr in res.forms:
            if fr.key == "F4" and len(fr.records) == 1 and fr.footer.date is not None:
                current = source_of(res, fr) not in superseded
                reports.setdefault(fr.unit, []).append((current, fr.footer.date, res, fr))
    out: list[Finding] = []
    for unit, items in reports.items():
        kept = [x for x in items if x[0]]
        if not unit or len(kept) != 1:
            continue
        _, date, kept_res, fr = kept[0]
        # a report its file's correction replaced (王鲍镇（更正）after 王鲍镇, the weekend between) is no earlier week's:
        # the figures it put right were said to have fallen (blind audit of a city month)
        items = [x for x in items if x[0] or named_correction(kept_res, x[2]) <= 0]
        week = weekly_deadline(date, config)
        # an earlier week's report corrected within that week (汇龙镇附件4（7.13）更正, or sent again on the 14th): the
        # correction is that week's figure — a typo it put right was said to have fallen (blind audit of a season)
        last_of_week: dict[dt.datetime, tuple[bool, Any, FileResult, FormResult]] = {}
        for x in items:
            if not x[0] and (due := weekly_deadline(x[1], config)) < week and (
                    due not in last_of_week or _week_order(x) >= _week_order(last_of_week[due])):
                last_of_week[due] = x
        earlier = list(last_of_week.values())
        # the latest earlier week first; a figure below one further back is said too (6/8 2, 6/15 1, 6/22 1: the
        # fall was between two files the 6/22 one replaced, and went unsaid — audit of 附件4), each figure once
        said: set[str] = set()
        for _, date0, res0, fr0 in sorted(earlier, key=lambda x: (x[1], x[3].footer.time or dt.time.min),
                                          reverse=True):
            # (last month's file left in the inbox is no 上一周: blind audit)
            when = "上一周" if week - weekly_deadline(date0, config) == dt.timedelta(days=7) else "较早一期"
            for f in fell_since(fr0.records[0], fr.records[0], unit, f"{res0.display}!{fr0.sheet}", when):
                if f.cell not in said:
                    said.add(f.cell)
                    out.append(f)
    return out


def _week_order(report: tuple[bool, Any, FileResult, FormResult]) -> tuple[Any, ...]:
    """Which of one week's 附件4 reports came last: its 填报日期 and time, then a name saying it is a correction,
    then the file's time (as SUBMISSION_SUPERSEDED orders them)."""
    _, date, res, fr = report
    return date, fr.footer.time or dt.time.min, file_version(res), res.mtime or 0.0
