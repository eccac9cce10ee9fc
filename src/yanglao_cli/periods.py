"""Periods: deadlines and arrivals (`status`), and comparison of two consolidated workbooks (`diff`,
`consolidate --previous`). Pure functions over loaded data."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, overload

from .config import Config, strip_decorations
from .findings import Code, Finding, make, row_of, said_also
from .models import F4_FIELDS, LISTED_LEVELS, OTHER_POINT, F4Record, RiskLevel, china_time
from .rules import Ctx
from .rules.crossform import (
    TOLD_APART,
    branch_words,
    facility_id,
    facility_key,
    former_name,
    pair_written_otherwise,
    plain_name,
    same_facilities,
    town_key,
    town_prefixes,
)
from .rules.statistics import check_f4_decrease
from .safety import is_archive, total_bytes

MONTHLY_FORMS = ("F1", "F2", "F3")
WEEKLY_FORMS = ("F4",)
ONE_ROW_FORMS = ("F1", "F4")  # a row per township: a form without one is not filled in
KIND_LABELS = {"added": "新增", "removed": "移出", "raised": "等级升高", "lowered": "等级降低",
               "resolved": "已化解", "measures_added": "新增措施"}


def monthly_deadline(period: str, config: Config) -> dt.date:
    """附件1–3: by the configured day of the report month (启民发〔2022〕66号 三（五）)."""
    y, m = int(period[:4]), int(period[5:7])
    day = config.deadlines.monthly_day
    while True:
        try:
            return dt.date(y, m, day)
        except ValueError:
            day -= 1


def weekly_text(config: Config) -> str:
    """The weekly deadline as a clerk reads it: 每周三 17:00."""
    wd, hh, mm = config.deadlines.weekly_parts()
    return f"每周{'一二三四五六日'[wd]} {hh:02d}:{mm:02d}"


def weekly_deadline(date: dt.date, config: Config) -> dt.datetime:
    """附件4: the weekly deadline (Wed 17:00) a report dated `date` answers: the deadline day itself or one up to
    three days before (a report of Thursday to Saturday is late for that Wednesday), else the next one (a report
    of Sunday to Tuesday is early for the coming Wednesday). Any weekday: with Mon 09:00, Friday is early."""
    wd, hh, mm = config.deadlines.weekly_parts()
    after = (date.weekday() - wd) % 7
    day = date - dt.timedelta(days=after) if after <= 3 else date + dt.timedelta(days=7 - after)
    return dt.datetime.combine(day, dt.time(hh, mm))


def last_weekly_deadline(period: str, config: Config) -> dt.datetime:
    """附件4: the period's last weekly deadline (June 2022: Wednesday 29 June, 17:00)."""
    y, m = int(period[:4]), int(period[5:7])
    last = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    wd, hh, mm = config.deadlines.weekly_parts()
    return dt.datetime.combine(last - dt.timedelta(days=(last.weekday() - wd) % 7), dt.time(hh, mm))


@dataclass
class UnitArrival:
    unit: str
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> {file, date, mtime, late}
    missing: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)

    @property
    def undated(self) -> bool:
        """A form received without a 填报日期: neither on time nor late."""
        return any(not v["date"] for v in self.forms.values())


def _other_period(a: Any, period: str, config: Config) -> str:
    """Why a report received is not this period's (or this week's), for SUBMISSION_MISSING."""
    if not a.relation and a.form in WEEKLY_FORMS and a.date is not None:
        return (f"（收到的一份填报日期为{a.date.isoformat()}，是{weekly_deadline(a.date, config).date().isoformat()}"
                "那一周的附件4，本周的尚未收到）")
    later = a.relation > 0
    when = "以后" if later else "以前"
    if a.month and a.month != period:
        dated = f"，填报日期{a.date.isoformat()}" if a.date else ""
        return f"（收到的一份标明是{a.month[:4]}年{int(a.month[5:])}月的报表{dated}，属于{when}的报告期）"
    return f"（收到的一份填报日期为{a.date.isoformat()}，属于{when}的报告期）" if a.date else f"（收到的一份属于{when}的报告期）"


def weekly_round(loaded: Any) -> bool:
    """An inbox of 附件4 only, from every unit that sent anything: the week's round, 附件1–3 not asked for yet (they
    were SUBMISSION_MISSING for all twelve units on 8 June, due on the 20th; audit of status)."""
    # (one level up, a city's weekly workbook carries its 附件1 of 未报送 rows and empty 附件2/附件3: forms with no
    # rows are no monthly report — the round was taken for a monthly one, 南通's month written over; review)
    # (a blank template sent back has no rows anywhere: no weekly round, all four still missing)
    return any(a.form in WEEKLY_FORMS and a.rows for a in loaded.arrivals) and \
        all(a.form in WEEKLY_FORMS or not a.rows for a in loaded.arrivals)


def monthly_not_due(period: str, config: Config) -> bool:
    """Today (the bureau's clock) is before 附件1–3's deadline of the period: they are not missing yet. On 8 June a
    township that sent its 附件1–3 early made all the others 缺报 12 days before the 20th (blind audit of the
    calendar); on the deadline day itself they are asked for."""
    import time

    return china_time(time.time()).date() < monthly_deadline(period, config)


def misdated(a: Any) -> bool:
    """A 填报日期 after tomorrow (2099-06-15): a slip of the year, said DATE_IN_FUTURE where it is written (parse);
    no date to judge lateness by."""
    import time

    return a.date is not None and a.date > china_time(time.time()).date() + dt.timedelta(days=1)


def status(loaded: Any, config: Config, period: str) -> tuple[list[UnitArrival], list[Finding]]:
    """Per configured unit: which forms arrived, when, on time or late; what is missing."""
    from .pipeline import NotOpened, documents_by_unit, files_without_forms, sent_instead
    from .units import unit_of_path

    deadline = monthly_deadline(period, config)
    weekly = weekly_round(loaded)
    expected = WEEKLY_FORMS if weekly or monthly_not_due(period, config) else (*MONTHLY_FORMS, *WEEKLY_FORMS)
    out: list[UnitArrival] = []
    findings: list[Finding] = []
    by_unit: dict[str, list[Any]] = {}
    start = dt.date(int(period[:4]), int(period[5:7]), 1)
    stale: dict[tuple[str, str], Any] = {}  # (unit, form) -> a report of another period (pipeline.Arrival)
    unreadable = files_without_forms(loaded.findings, config)  # (by its name, else its folder: 收件/汇龙镇/附件.xlsx)
    documents = documents_by_unit(getattr(loaded, "documents", ()), config)
    # unit -> files whose 填报单位 names no configured unit but likely this one (its file name, or the one unit
    # suggested): the unit may well have sent its forms — SUBMISSION_MISSING says so (a clerk rang a township that
    # had; blind audit)
    unnamed: dict[str, list[str]] = {}
    for f in loaded.findings:
        if f.code == Code.UNIT_UNKNOWN and f.file:
            hint = config.match_unit(f.unit).suggestion if f.unit else None
            unit = unit_of_path(Path(f.file), f.file, config) or (hint if hint and config.is_unit(hint) else None)
            if unit and Path(f.file).name not in unnamed.setdefault(unit, []):
                unnamed[unit].append(Path(f.file).name)
    # unit -> (file, unit it was read as) of files its name or folder gives to this unit but their 填报单位 to another
    # (a workbook copied from a neighbour, its unit line left): the unit did send one — SUBMISSION_MISSING says so
    # (it said nothing of the file; blind audit of status)
    misread: dict[str, list[tuple[str, str]]] = {}
    # (a 排查表 alone in its file stands for no report: it was said “可能就是该单位的报表”; audit of the 排查表)
    forms_files = {file for sub in loaded.submissions.values() for file in sub.files}
    for f in loaded.findings:
        if f.code == Code.UNIT_CONFLICT and f.file and f.unit and f.file in forms_files:
            unit = unit_of_path(Path(f.file), f.file, config)
            if unit and unit != f.unit and config.is_unit(unit) and \
                    (Path(f.file).name, f.unit) not in misread.setdefault(unit, []):
                misread[unit].append((Path(f.file).name, f.unit))
    earlier_weeks: dict[str, list[Any]] = {}  # unit -> its replaced 附件4 of this period (earlier weeks)
    blank: set[tuple[str, str]] = set()  # (unit, form) of an 附件1/附件4 received blank
    # files of a unit holding a monthly figure or date somewhere: an empty 附件2/3 list in one of them is a report —
    # not beside a weekly 附件4 alone (a template with only 附件4 filled reported lists of none; blind audit of an inbox)
    filled = {(a.unit, a.file) for a in loaded.arrivals if a.form in MONTHLY_FORMS and (a.rows or a.date is not None)}
    monthly_files = {a.file for a in loaded.arrivals if a.form in MONTHLY_FORMS and not a.relation}
    # a weekly round's week (the latest Wednesday answered): a unit whose 附件4 answers an earlier week of the month
    # has not reported this week's (it counted as on time, the round's report saying 12 / 12; blind audit of periods)
    # (…and so is a round before the month's deadline, 附件4 alone asked: it said 本期（2026-12） of a missed week;
    # audit of periods)
    round_week = f4_week(loaded.arrivals, config) if weekly or expected == WEEKLY_FORMS else None
    for a in loaded.arrivals:
        if a.form in ONE_ROW_FORMS and not a.rows or not a.rows and a.date is None and (a.unit, a.file) not in filled \
                and not a.said_none:  # (无 written, undated and alone in its file, is a list of none sent: audit)
            # an 附件1/附件4 left blank has not been reported; an empty 附件2/3 list may well be — but not one in a
            # blank template sent back, with no row and no date anywhere (it counted as arrived; blind audit)
            blank.add((a.unit, a.form))
            continue
        if a.superseded:  # (a week's by the Wednesday it answers, as below)
            if a.form in WEEKLY_FORMS and a.date is not None and not a.relation:  # (a week of this period)
                earlier_weeks.setdefault(a.unit, []).append(a)
            continue
        # filled before the period began: last period's report — an 附件4 by the Wednesday it answers (one dated
        # Tuesday 31 May answers Wednesday 1 June's), an 附件1–3 by the month it states or else its date
        # (pipeline.period_relation). A report of a later period is no report of this one either — but for an
        # 附件4 in a workbook of this period's 附件1–3 (sent late: its 填报日期 is the day it was sent)
        if a.relation < 0 or a.relation > 0 and (a.form in MONTHLY_FORMS or a.file not in monthly_files):
            stale.setdefault((a.unit, a.form), a)
            continue
        if round_week is not None and a.form in WEEKLY_FORMS and a.date is not None and not misdated(a) \
                and weekly_deadline(a.date, config).date() < round_week:
            stale.setdefault((a.unit, a.form), a)
            if not a.relation:  # (an earlier week of this period: late for its own week is said, as when a later
                # one replaced it — only then was it; audit of the README)
                earlier_weeks.setdefault(a.unit, []).append(a)
            continue
        by_unit.setdefault(a.unit, []).append(a)
    # weeks a unit's 附件4 met on time: a later copy of the same week's (the monthly workbook's 附件4 two days
    # after the weekly one) is not late for it
    met = {(a.unit, weekly_deadline(a.date, config)) for a in loaded.arrivals
           if a.form in WEEKLY_FORMS and a.rows and a.date is not None and not _late(a, deadline, config)}
    round_deadline = weekly_deadline(round_week, config) if round_week is not None else None

    # a form reported on time and corrected after the deadline was reported on time (as a week's 附件4 above): the
    # correction is the first report after it; a part of the list sent later still is late
    on_time: dict[tuple[str, str], dt.date] = {}
    for a in loaded.arrivals:
        if a.superseded and a.form in MONTHLY_FORMS and a.rows and a.date is not None and a.date >= start \
                and not _late(a, deadline, config):
            on_time[(a.unit, a.form)] = min(a.date, on_time.get((a.unit, a.form), a.date))
    corrections = set()
    for (unit, form), first in on_time.items():
        after = [a for a in by_unit.get(unit, []) if a.form == form and a.date is not None and a.date >= first]
        # the report that replaced it, where one did: a part of the list sent beside it, on time or late, is no
        # correction (the correction was said late, the part pardoned; differential audit of submissions)
        after = [a for a in after if a.replaces] or after
        if after:
            corrections.add(id(min(after, key=lambda a: (a.date, a.time or dt.time(), a.file))))


    def after_round(a: Any) -> bool:
        """An 附件4 of the round dated after its week's deadline, answering a later week by its date alone, where
        the unit met the round's week with none: the round's report, sent late (汇龙镇's of the Sunday after, in a
        round of the Wednesday the other towns reported on; audit of the codes)."""
        return round_week is not None and a.form in WEEKLY_FORMS and a.date is not None and not a.relation \
            and not misdated(a) and weekly_deadline(a.date, config).date() > round_week \
            and (a.unit, round_deadline) not in met

    def late_for(a: Any) -> bool:
        if weekly and a.form not in WEEKLY_FORMS and not a.rows:
            return False  # (a weekly round's empty 附件2/附件3 of a city's weekly workbook: no monthly report late)
        if misdated(a):
            return False  # (2099-06-15: a slip of the year, DATE_IN_FUTURE — not a township late; audit of messages)
        if after_round(a):
            return True
        if a.relation > 0 and a.form in WEEKLY_FORMS:
            return True  # counted for this period, sent late with its 附件1–3: after the period's last Wednesday
        return _late(a, deadline, config) and not (
            a.form in WEEKLY_FORMS and (a.unit, weekly_deadline(a.date, config)) in met) and id(a) not in corrections

    configured = set(config.unit_names)
    units = config.unit_names + sorted(u for u in by_unit if u not in configured)
    for unit in units:
        ua = UnitArrival(unit)
        # a list split over two files (both consolidated) arrived when its last part did: the latest is shown,
        # and every late part is said late below
        arrived = sorted(by_unit.get(unit, []), key=lambda a: (a.form, a.date or dt.date.min, a.time or dt.time(),
                                                               a.file))
        for a in arrived:
            mtime = china_time(a.mtime).strftime("%Y-%m-%d %H:%M") if a.mtime else ""
            ua.forms[a.form] = {"file": a.file, "sheet": a.sheet,
                                "date": a.date.isoformat() if a.date and not misdated(a) else "",
                                "mtime": mtime, "late": late_for(a), "rows": a.rows, "cell": a.cell,
                                "time": a.time.strftime("%H:%M") if a.time else ""}
        if unit in configured:
            ua.missing = [k for k in expected if k not in ua.forms]
        ua.late = [k for k, v in ua.forms.items() if v["late"]]
        if ua.missing and unit in configured:
            notes = [(f"附件{k[1]}", _other_period(stale[(unit, k)], period, config) if (unit, k) in stale
                      else "（收到的是没有填写数据的空表）" if (unit, k) in blank else "") for k in ua.missing]
            # forms with the same note said once: 附件1、附件2、附件3（收到的一份标明是2022年6月的报表…）
            forms = "、".join(name + (note if i + 1 == len(notes) or notes[i + 1][1] != note else "")
                             for i, (name, note) in enumerate(notes))
            if unit in unreadable:  # its file came but could not be read (FILE_UNREADABLE / FORM_NOT_FOUND)
                # (a zip needs unpacking here, not sending again; audit of a real inbox)
                zips = [n for n in unreadable[unit] if is_archive(n)]
                here = [n for n in unreadable[unit] if isinstance(n, NotOpened)]  # (this computer's permissions)
                others = [n for n in unreadable[unit] if n not in zips and n not in here]
                if others:
                    forms += f"（收到的{'、'.join(others)}无法读取或没有报表，请对方重新发送）"
                if here:
                    forms += f"（收到的{'、'.join(here)}在本机无法打开，原因见其 FILE_UNREADABLE，处理后重新运行再确认是否缺报）"
                if zips:
                    forms += f"（收到的{'、'.join(zips)}是压缩包，请解压后放入收件夹再运行）"
            forms += sent_instead(documents.get(unit, ()))
            if unit in unnamed:
                forms += f"（收到的{'、'.join(unnamed[unit])}填报单位不在名单中，可能就是该单位的报表，见 UNIT_UNKNOWN）"
            for name, read_as in misread.get(unit, []):
                forms += f"（收到的{name}填报单位写的是{read_as}，已按{read_as}的报表处理，可能就是该单位的报表，见 UNIT_CONFLICT）"
            # a weekly round's missing 附件4 is that week's (本期（2022-06） did not say which week was missed)
            when = f"{period}，{round_week.month}月{round_week.day}日那一周" if round_week is not None else period
            found = make(Code.SUBMISSION_MISSING, unit=unit, period=when, forms=forms)
            if unit in unreadable and all(is_archive(n) or isinstance(n, NotOpened) for n in unreadable[unit]) \
                    and unit not in unnamed and not misread.get(unit):
                # (a zip to unpack here, a file this computer cannot open: 请联系该单位尽快报送 after it contradicted
                # it; audits at scale and of files)
                found = found.model_copy(update={"message": found.message.removesuffix("，请联系该单位尽快报送")})
            findings.append(found)
        # one finding per file and date (a workbook of four forms is one), at the first late form's 填报日期
        # cell; 附件4 apart from 附件1–3: its deadline is the week's, not the month's
        by_file: dict[tuple[str, bool, str], list[Any]] = {}
        for a in sorted((a for a in arrived if late_for(a)), key=lambda a: (a.file, a.form)):
            monthly_form = a.form in MONTHLY_FORMS
            when = a.date.isoformat() + (f" {a.time:%H:%M}" if a.time and not monthly_form else "")
            by_file.setdefault((a.file, monthly_form, when), []).append(a)
            if a.form not in ua.late:
                ua.late.append(a.form)
        for (_, monthly, when), parts in by_file.items():
            first = parts[0]
            week = last_weekly_deadline(period, config) if first.relation > 0 else \
                round_deadline if after_round(first) and round_deadline is not None else \
                weekly_deadline(first.date, config)
            dl = f"{deadline.isoformat()}（每月{config.deadlines.monthly_day}日）" if monthly else \
                f"{week:%Y-%m-%d %H:%M}（{weekly_text(config)}）"
            late = make(Code.SUBMISSION_LATE, file=first.file, sheet=first.sheet, cell=first.cell,
                        row=row_of(first.cell), unit=unit, forms="、".join(f"附件{a.form[1]}" for a in parts),
                        date=when, deadline=dl)
            if (sub := loaded.submissions.get(unit)) is not None and sub.consolidated:
                # a workbook this tool consolidated carries the latest date its townships wrote, not the day it was
                # sent: said so, or the level above read the county as late for one late town (three audits)
                late = said_also(late, "（这是汇总表，填报日期取自其下级单位中最晚的一份，不一定是该单位报送的日期；"
                                       "请以实际收到的时间为准）")
            findings.append(late)
        # every week's 附件4 against its own Wednesday, not only the latest one (which alone is consolidated);
        # a week said late once: a second copy of the same week's (the same file sent twice) is no second report
        # (one sent with this period's 附件1–3 after the period's last deadline is late against that one: an earlier
        # copy late for the same week is not said again; differential audit of submissions)
        said = {last_weekly_deadline(period, config) if a.relation > 0 else weekly_deadline(a.date, config)
                for a in arrived if a.form in WEEKLY_FORMS and late_for(a)}
        for a in sorted(earlier_weeks.get(unit, []), key=lambda a: (a.date, a.time or dt.time(), a.file)):
            week = weekly_deadline(a.date, config)
            if not late_for(a) or week in said:
                continue
            said.add(week)
            findings.append(make(Code.SUBMISSION_LATE, file=a.file, sheet=a.sheet, cell=a.cell, row=row_of(a.cell),
                                 unit=unit, forms=f"附件{a.form[1]}",
                                 date=a.date.isoformat() + (f" {a.time:%H:%M}" if a.time else ""),
                                 deadline=f"{week:%Y-%m-%d %H:%M}（{weekly_text(config)}）"))
            if a.form not in ua.late:
                ua.late.append(a.form)
        out.append(ua)
    return out, findings


def _late(a: Any, deadline: dt.date, config: Config) -> bool:
    """An arrival after its deadline: 附件1–3 the month's, 附件4 the Wednesday of the week of its 填报日期."""
    if a.date is None:
        return False
    if a.form in MONTHLY_FORMS:
        return a.date > deadline
    if a.time is not None:  # 2022-06-15 17:30 against Wed 17:00
        return dt.datetime.combine(a.date, a.time) > weekly_deadline(a.date, config)
    return a.date > weekly_deadline(a.date, config).date()  # a date alone: late only after the deadline's day


# ---- comparison of two consolidated workbooks --------------------------------------------------------


@dataclass
class Change:
    unit: str
    facility: str
    kind: str
    old: str
    new: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def as_dict(self) -> dict[str, str]:
        return {"unit": self.unit, "facility": self.facility, "kind": self.kind, "old": self.old, "new": self.new}


@dataclass
class Snapshot:
    """What a consolidated workbook says: facilities with level, measures, resolved; F4 figures per unit."""

    facilities: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    stats: dict[str, F4Record] = field(default_factory=dict)  # unit -> its 附件4 row
    # (unit, facility key) 附件3 reports resolved (已化解); unit None for a row of a consolidated workbook whose
    # township is not known (its name not on that workbook's 附件2)
    resolved: set[tuple[str | None, str]] = field(default_factory=set)
    # the same by plain_name: a facility resolved on 附件3 under its name with a remark (（已清退）, its address)
    resolved_plain: set[tuple[str | None, str]] = field(default_factory=set)
    # each of those as 附件3 wrote it: a branch's (（一部）) or another listed facility's resolution is not this one's
    resolved_names: dict[tuple[str | None, str], set[tuple[str, str]]] = field(default_factory=dict)  # (name, key)
    # of a row without its township, the units whose workbooks held it ("" not known): one level up a county's
    # resolved row is not another county's namesake's resolution
    resolved_in: dict[tuple[None, str], set[str]] = field(default_factory=dict)
    reported: set[str] = field(default_factory=set)  # units that sent an 附件2 this period (or rows of one)
    # townships a consolidated workbook's 汇总 says sent no 附件2 (未报送, 缺附件2): their facilities did not leave
    unlisted: set[str] = field(default_factory=set)
    no_stats: set[str] = field(default_factory=set)  # the same for 附件4: its figures are not this period's
    # the townships in the order its rows name them (附件1, 附件4, then 附件2): one level up, the configured cities'
    # order, township by township — diff's order where the townships are no configured units (blind audit of diff)
    town_order: list[str] = field(default_factory=list)
    named: tuple[dict[str, set[tuple[str, str]]], dict[str, set[tuple[str, str]]]] | None = None  # (_named_index)
    # township -> the units whose consolidated workbooks hold it (a city one level up): findings and changes
    # name the unit the reporting level configures, not a township of the level below
    owner: dict[str, set[str]] = field(default_factory=dict)
    upper: bool = False  # read from the consolidated workbooks of configured units (a level above townships)
    units: frozenset[str] = frozenset()  # the configured units (a township told apart by one keeps it: _town_id)
    # every township a consolidated workbook of this level names in any row (附件1/附件4/附件2, 汇总's 未报送), and
    # whether it was read from one: a township it does not name at all sent nothing (its city did not report it)
    towns: set[str] = field(default_factory=set)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # unit -> its aliases in the configuration
    city: tuple[str, ...] = ()  # the city's short name before a facility's (启东 of 启东辛康养老院: config.city_short)
    consolidated: bool = False
    # who filled it in (its 填报单位): one unit's, else "" (no unit said, or several)
    made_by: str = ""
    period: str = ""  # the period its 汇总 title states, else ""
    week: dt.date | None = None  # the latest weekly deadline its 附件4 answers (f4_week): weekly chains
    # a weekly round's workbook: 附件4 only, no list — compared with a monthly one, every facility was 移出 and
    # FACILITY_DROPPED (blind audit of diff)
    weekly: bool = False
    # an 附件3 was read: without one, whether a facility left the list resolved is not known (two townships'
    # 附件2 files said 上期、本期附件3均未填 of an 附件3 never given; blind audit of diff)
    disposals: bool = True
    # townships that sent this period's 附件2 but no 附件3: a facility gone from the list may be resolved there
    no_disposals: set[str] = field(default_factory=set)
    f3_sent: set[str] | None = None  # of a consolidated workbook whose 汇总 says so: the townships that sent 附件3
    f3_towns: set[str] = field(default_factory=set)  # of a consolidated workbook: townships with an 附件3 row there
    # what was read, for diff's summary as check counts it: rows of 附件1–4, those not readable, the units
    rows_read: int = 0
    rows_unreadable: int = 0
    read_units: frozenset[str] = frozenset()

    def unit_of(self, township: str, other: Snapshot | None = None) -> str:
        """The unit a township key belongs to: the city it was told apart by (城南街道（如皋市）), else the one
        unit holding a township of that name, else the township itself."""
        m = TOLD_APART.fullmatch(township)
        if m:
            return m[2]
        for snap in (self, other):
            units = snap.owner.get(township) if snap else None
            if units and len(units) == 1:
                return next(iter(units))
        return township


def _rank(level: RiskLevel | None) -> int:
    return -1 if level is None else level.rank


def snapshot_of(subs: dict[str, Any], config: Config) -> Snapshot:
    """From loaded submissions. A consolidated workbook (ours: its 填报单位 is the reporting unit, or one of the
    level below) is one submission whose rows name their townships: 牵头排查单位 on 附件2, the first column on
    附件4. Facilities are keyed by township and name, so that both periods match whatever level each is."""
    from .rules.disposal import is_resolved
    from .rules.levels import risk_level

    snap = Snapshot(aliases={u: a for u in config.unit_names if (a := config.aliases_of(u))},
                    units=frozenset(config.unit_names), city=config.city_short)
    # one level up, a township is keyed with the unit whose workbook holds it (城南街道（如皋市）): two cities may
    # each have a 城南街道. A previous workbook names the unit only where it told two apart (consolidate._tell_apart);
    # its other townships take their unit from this period's (with_units)
    held: dict[str, set[str]] = {}
    for sub in subs.values():
        if sub.consolidated and config.is_unit(sub.unit):
            texts = [r.township for r in sub.f1] + [r.label for r in sub.f4] + [r.lead_unit for r in sub.f2] + \
                list(sub.no_list)
            if all(_township(t, config, sub.unit) == sub.unit for t in texts if t):
                continue  # (the unit's own rows only: a township of this level, not a unit of the level below)
            snap.upper = True
            for text in filter(None, texts):
                held.setdefault(_township(text, config, sub.unit), set()).add(sub.unit)
    snap.owner = held
    # a sheet of several townships' 附件1/附件4 rows beside one of their 附件2 rows (this level's workbook copied by
    # hand without its 汇总, read township by township): a township with no row on that 附件2 sent it empty — its
    # facilities left the list, not a list unsent (they were dropped without a word; audit of diff)
    lists_of: dict[str, set[str]] = {}  # the sheet of a township's 附件1/附件4 -> the 附件2 sheets beside it
    for sub in subs.values():
        if "F2" in sub.forms:
            for form in ("F1", "F4"):
                if form in sub.forms:
                    lists_of.setdefault(sub.forms[form], set()).add(sub.forms["F2"])
    prefixes: dict[str, str] = {}  # how a unit's name stands before a facility's -> the unit (_unit_before)
    for sub in subs.values():
        consolidated = sub.unit == config.reporting_unit or sub.consolidated
        city = sub.unit if sub.consolidated and config.is_unit(sub.unit) else ""

        def place(text: str, city: str = city) -> str:
            # (a township told apart by a place of the level below, 城南街道（如皋市） in 南通市's workbook, still takes
            # its unit: the province's previous workbook wrote it 城南街道（如皋市）（南通市）, 苏州市 having one too)
            town = _township(text, config, city)
            # (a township's own rows of this level's workbook, copied without its 汇总, come as that township's:
            # 惠萍镇 is no place of 惠萍镇 — its emptied list was taken for none sent; audit of diff)
            return f"{town}（{city}）" if city and town != city and not _told_apart_by(town, snap.units) else town

        # on a consolidated workbook an 附件3 row is its 附件2 row's township's (paired by 序号 where it was
        # read): namesakes of two townships keep their own measures and resolution
        same = {} if sub.consolidated else same_facilities(sub)  # 附件3's name for one 附件2 writes otherwise
        f3 = {}
        for r in sub.f3:
            fid = facility_id(r, sub.consolidated)
            f3[same.get(fid, fid) if same else fid] = r  # type: ignore[arg-type]  # same only when not consolidated: a str
        for r3 in sub.f3:
            if consolidated and r3.lead_unit:
                snap.f3_towns.add(place(r3.lead_unit))
            if is_resolved(r3):
                where = sub.unit if not consolidated else place(r3.lead_unit) if r3.lead_unit else None
                k = facility_key(r3.name)
                k = same.get(k, k)  # (its 附件2 row's key, where 附件3 writes the name otherwise)
                snap.resolved.add((where, k))
                plain = (where, plain_name(r3.name, where or "", snap.aliases.get(where or "", ())))
                snap.resolved_plain.add(plain)
                snap.resolved_names.setdefault(plain, set()).add((r3.name, k))
                if where is None:
                    for unknown in ((None, k), (None, plain[1])):
                        snap.resolved_in.setdefault(unknown, set()).add(city)
                if where is None and (named := _unit_before(r3.name, config, prefixes)):
                    # a consolidated 附件3 row resolved off the list tells no township, but its name may start
                    # with one (汇龙镇康乐老年公寓): diff said FACILITY_DROPPED where --previous, reading the
                    # township's own file, did not (audit of periods)
                    plain = (named, plain_name(r3.name, named, snap.aliases.get(named, ())))
                    snap.resolved_plain.add(plain)
                    snap.resolved_names.setdefault(plain, set()).add((r3.name, k))
        if not consolidated and ("F2" in sub.forms or any(
                sub.forms.get(form) in lists_of for form in ("F1", "F4") if form in sub.forms)):
            snap.reported.add(sub.unit)
            if "F3" not in sub.forms:
                snap.no_disposals.add(sub.unit)
        if consolidated:  # a town with a row on 附件1/附件4 reported, even with its 附件2 list left empty, unless
            # the workbook's 汇总 says it sent no 附件2 (as a township that sent none: SUBMISSION_MISSING)
            towns = {place(r.township) for r in sub.f1 if r.township}
            towns |= {place(r.label) for r in sub.f4 if r.label}
            unlisted = {place(u) for u in sub.no_list}
            snap.reported |= towns - unlisted
            snap.unlisted |= unlisted
            if sub.f3_sent:  # (its 汇总 says who sent 附件3: the others' facilities gone may be resolved there)
                snap.f3_sent = (snap.f3_sent or set()) | {place(u) for u in sub.f3_sent}
            snap.town_order = list(dict.fromkeys([*snap.town_order, *(place(r.township) for r in sub.f1 if r.township),
                                                  *(place(r.label) for r in sub.f4 if r.label),
                                                  *(place(r.lead_unit) for r in sub.f2 if r.lead_unit)]))
            snap.no_stats |= {place(u) for u in sub.no_stats}
            # compared by the township alone (城南街道民政办（海安市） and 城南街道（海安市） are one 城南街道): a township
            # is taken for one that sent nothing only where no row names it at all
            snap.towns |= {_town_id(t, snap.units) for t in towns | unlisted | {r.lead_unit for r in sub.f2 if r.lead_unit}}
            snap.consolidated = True
        for r in sub.f2:
            unit = place(r.lead_unit) if consolidated and r.lead_unit else sub.unit
            k3 = f3.get(facility_id(r, sub.consolidated))
            if consolidated:
                snap.reported.add(unit)
            key = (unit, facility_key(r.name))
            # (15 alone and no level: 未定级, LEVEL_UNDETERMINED — not 绿, which made it "raised 绿 → 黄" next month)
            unranked = not r.level and bool(r.points.items) and set(r.points.items) <= {OTHER_POINT}
            level = risk_level(r) if (r.level or r.points.items) and not unranked else None
            if (had := snap.facilities.get(key)) is not None and _rank(had["level"]) >= _rank(level):
                continue  # listed twice (DUPLICATE_FACILITY): compared by its riskier row, not the later one (audit)
            snap.facilities[key] = {
                "name": r.name, "unit": unit,
                # as risky as its points say where its level was filled in too low (LEVEL_UNDERRATED): 黄 with
                # point 7 added is raised, 橙 written 黄 over an unchanged point 6 is not lowered (blind audit)
                "level": level, "unranked": unranked,
                "measures": set(k3.measures.items) if k3 else set(),
                "resolved": bool(k3 and is_resolved(k3)),
                # where it stood in that workbook: a facility that left the list is shown where it was listed
                "at": (r.file, r.sheet, r.cell("name"), r.row),
                "formerly": former_name(r.name, r.note),
            }
        rows: dict[str, list[F4Record]] = {}
        for r in sub.f4:
            rows.setdefault(place(r.label) if consolidated and r.label else sub.unit, []).append(r)
        for unit, recs in rows.items():
            # a township's 附件4 in several rows (its 社区, as README allows) is compared by its sums, as
            # STATS_REFERRALS_BELOW sums them; not its last row alone
            snap.stats[unit] = recs[0] if len(recs) == 1 else _summed(recs)
    return snap


def _summed(recs: list[F4Record]) -> F4Record:
    """One record of a unit's 附件4 rows' sums (blank where every row is), shown at the first row's cells."""
    from .consolidate import sum_known

    sums = {f: sum_known([getattr(r, f) for r in recs]) for f in F4_FIELDS}
    return F4Record._of_fields({**recs[0].__dict__, **sums})


def _township(text: str, config: Config, city: str = "") -> str:
    """The unit a consolidated row names (汇龙镇民政办 → 汇龙镇), by the configuration where it knows it. A
    township told apart by its city one level up (城南街道民政办（如皋市）, consolidate._tell_apart) keeps its city:
    城南街道（如皋市）. The same form with a unit before the brackets, or in the workbook of `city` naming
    another unit, is a row whose 牵头排查单位 named another unit's office (汇龙镇（北新镇）): the row's own township's,
    not a township of 北新镇 (whose facilities were then dropped when 汇龙镇 sent nothing; audit of periods)."""
    m = TOLD_APART.fullmatch(text)
    if m:
        before = config.match_unit(m[1]).name
        if before:  # 北新镇（汇龙镇民政办）: the unit written first is the row's, whichever the brackets name
            return before
        if config.is_unit(m[2]):
            if city and m[2] != city:
                return _township(m[1], config, city)
            if config.names_a_place(m[1]):
                return f"{_township(m[1], config)}（{m[2]}）"
            return m[2]  # 市场监管局（汇龙镇）: an office of the unit in brackets
        if _CITY.search(m[2]) and config.names_a_place(m[1]):
            # told apart a level below (城南街道民政办（海安市） in the province's workbook, 南通市's city): as its
            # 附件1 row names it, 城南街道（海安市） — its facilities were not matched to it (blind audit)
            return f"{_township(m[1], config)}（{m[2]}）"
    # (a place not in the list, by its office: 启东经济开发区社会事业局 is 启东经济开发区, as its own files name it —
    # --previous dropped nothing of it, diff named the office; audit of diff)
    return config.match_unit(text).name or strip_decorations(text) or _unit_of(text)


# a place of the level a township is told apart by (a county-level city, a district, a county)
_CITY = re.compile(r"(?:市|区|县|旗|州|盟)$")


def _told_apart_by(town: str, units: frozenset[str]) -> bool:
    """A township key told apart by one of `units` (城南街道（如皋市） where 如皋市 is a unit), not by a place of a
    level below (城南街道（如皋市） at the province: 南通市's, keyed 城南街道（如皋市）（南通市）)."""
    m = TOLD_APART.fullmatch(town)
    return m is not None and m[2] in units


def _town_id(text: str, units: frozenset[str]) -> str:
    """town_key, keeping the unit a township was told apart by: 城南街道（海门区） that sent nothing is not 如东县's
    城南街道, which did (diff said its facilities were dropped; audit of periods). A unit before the brackets is
    that unit's row whose 牵头排查单位 named another's office (汇龙镇（北新镇）, as _township reads it)."""
    m = TOLD_APART.fullmatch(text)
    return f"{town_key(m[1])}（{m[2]}）" if m and m[2] in units and town_key(m[1]) not in units else town_key(text)


def _unit_before(name: str, config: Config, prefixes: dict[str, str]) -> str | None:
    """The configured unit whose name (in full, without 镇, or an alias) a facility's name starts with:
    汇龙镇康乐老年公寓, 汇龙康乐老年公寓 → 汇龙镇. `prefixes` is filled on first use, once per snapshot."""
    unit: str | None
    if not prefixes:
        for unit in reversed(config.unit_names):  # of two units one prefix could be, the first listed
            for p in town_prefixes(unit, config.aliases_of(unit)):
                prefixes[p] = unit
        prefixes.setdefault("", "")  # (filled: not built again for a configuration without units)
    key = plain_name(name, "", ())  # without numbering, remarks, the company's form and the city
    for n in range(min(len(key) - 4, 12), 1, -1):  # longest first, at least 4 characters of the name left
        unit = prefixes.get(key[:n])
        if unit:
            return unit
    return None


def _unit_of(text: str) -> str:
    for suffix in ("民政办", "民政局", "人民政府"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def diff_snapshots(old: Snapshot, new: Snapshot, configured: Sequence[str] = (), order_of: Sequence[str] = ()
                   ) -> tuple[list[Change], list[Finding]]:
    """Changes and FACILITY_DROPPED from the old period to the new; `configured`: the units in report order, which
    orders the changes (each unit's by its facilities' names) — `order_of`, where given, in that order."""
    new = _without_unsent(new)
    old, new = _told_apart_alike(old, new), _told_apart_alike(new, old)
    changes, findings = _diff(old, new, frozenset(configured))
    order = {u: i for i, u in enumerate(order_of or configured)}
    changes.sort(key=lambda c: order.get(c.unit, len(order)))
    return changes, findings


def _told_apart_alike(snap: Snapshot, other: Snapshot) -> Snapshot:
    """`snap` with a township `other` tells apart by its city (汇龙镇（启东市） beside 汇龙镇（海门区）) keyed so too,
    where `snap` writes it plain because one of those cities alone reported (海门区 sent nothing this month): the
    same facilities were 新增 and the others' removals went unsaid, FACILITY_DROPPED lost (blind audit of diff).
    Left plain where more than one of them reported: which one's it is is not known."""
    cities: dict[str, set[str]] = {}
    for town, _ in other.facilities:
        if town and (m := TOLD_APART.fullmatch(town)) and m[2] in other.units:
            cities.setdefault(m[1], set()).add(m[2])
    rename: dict[str, str] = {}
    for town in {t for t, _ in snap.facilities if t in cities} if cities else ():
        reported = sorted(c for c in cities[town] if c not in snap.unlisted)
        if len(reported) == 1:
            rename[town] = f"{town}（{reported[0]}）"
    if not rename:
        return snap

    def r(town: Any) -> Any:
        return rename.get(town, town) if isinstance(town, str) else town

    return replace(snap, facilities={(r(t), k): {**fac, "unit": r(fac["unit"])} if t in rename else fac
                                     for (t, k), fac in snap.facilities.items()},
                   reported={r(t) for t in snap.reported}, resolved={(r(t), k) for t, k in snap.resolved},
                   resolved_plain={(r(t), k) for t, k in snap.resolved_plain},
                   resolved_names={(r(t), k): names for (t, k), names in snap.resolved_names.items()},
                   no_disposals={r(t) for t in snap.no_disposals}, towns={r(t) for t in snap.towns},
                   f3_sent=None if snap.f3_sent is None else {r(t) for t in snap.f3_sent},
                   f3_towns={r(t) for t in snap.f3_towns},
                   stats={r(t): v for t, v in snap.stats.items()})


def _resolved_as(o: dict[str, Any], key: tuple[str, str], plain: tuple[str | None, str], old: Snapshot,
                 new: Snapshot) -> bool:
    """A facility `o` that left the list, resolved on this period's 附件3 under its name with a remark (（已清退）,
    （法人：王某）): not by a row naming another branch (如意养老院（东院） beside 如意养老院（一部）), nor by the row of
    another facility of last period's list of its township — one still listed, or another branch of it (颐和日间照料
    中心 resolved beside its 一部 dropped: diff and --previous said the 一部 resolved, no FACILITY_DROPPED; audit of
    diff). The same facility listed twice (康乐养老院, 康乐养老院（新增）) is one; a row naming no township (a consolidated
    附件3's, off the list) is no listed facility's (reviews)."""
    if plain not in new.resolved_plain or plain[0] is None and not _resolved_in(o, (None, plain[1]), old, new):
        return False
    names = new.resolved_names.get(plain)
    if not names:
        return True
    mine = branch_words(o["name"])
    # (a row naming no township is no still-listed facility's — that one has its own row — but may be the other
    # branch's of `o`'s township, both having left the list)
    others = {k for t, k in old.facilities if t == key[0] and (t, k) != key and (
        plain[0] is not None and (t, k) in new.facilities or branch_words(old.facilities[(t, k)]["name"]) != mine)}
    return any(not ((theirs := branch_words(n)) and mine and not theirs & mine) and k not in others for n, k in names)


def _resolved_in(o: dict[str, Any], key: tuple[None, str], old: Snapshot, new: Snapshot) -> bool:
    """A row of a consolidated 附件3 that names no township, resolved: `o`'s resolution where a workbook of `o`'s
    unit held it (or where that is not known) — one level up, 如东县's 安康日间照料中心 resolved is not 海安市's
    namesake, dropped unresolved (consolidate --previous said nothing of it; audit of diff)."""
    units = new.resolved_in.get(key)
    return not units or "" in units or new.unit_of(o["unit"], old) in units


def _without_unsent(new: Snapshot) -> Snapshot:
    """This period's snapshot without the lists of townships that sent none this period: a consolidated workbook
    keeps the rows of a report of another period a township sent instead (nothing lost), but its 汇总 says 未报送 —
    compared, its last month's correction made the facility it no longer listed FACILITY_DROPPED (blind audit of
    periods; README: a township that did not report is SUBMISSION_MISSING only)."""
    if not new.unlisted or not any(k[0] in new.unlisted for k in new.facilities):
        return new
    return replace(new, facilities={k: v for k, v in new.facilities.items() if k[0] not in new.unlisted},
                   reported=new.reported - new.unlisted)


def _diff(old: Snapshot, new: Snapshot, configured: frozenset[str]) -> tuple[list[Change], list[Finding]]:
    changes: list[Change] = []
    findings: list[Finding] = []
    if old.weekly or new.weekly:
        return changes, findings  # a weekly round has no list: its 附件4 alone is compared (stats_decreased)
    _pair_by_name(old, new, configured)
    keys = sorted(set(old.facilities) | set(new.facilities))

    def change(fac: dict[str, Any], kind: str, before: str, after: str) -> Change:
        unit = new.unit_of(fac["unit"], old)
        return Change(unit, _named(fac, unit), kind, before, after)

    @functools.cache
    def listing() -> frozenset[str]:
        """The townships with a facility on this period's list."""
        return frozenset(t for t, _ in new.facilities if t)

    for key in keys:
        o, n = old.facilities.get(key), new.facilities.get(key)
        if o is None and n is not None:
            changes.append(change(n, "added", "", _lvl(n["level"])))
            continue
        if n is None and o is not None:
            # not judged where nothing says the township reported: it sent nothing (configured here), its city's
            # 汇总 says so, or, one level up, no workbook of this period holds it (its city sent nothing)
            unreported = key[0] not in new.reported and (
                # (a unit taken out of the configuration since, that sent nothing: --previous said FACILITY_DROPPED,
                # diff of the same two workbooks nothing; county audit)
                key[0] in configured or not new.upper and not new.consolidated or key[0] in new.unlisted
                or (new.upper and not _held(key[0] or "", new))
                or (new.consolidated and not new.upper and _town_id(key[0] or "", new.units) not in new.towns)
                or _city_unlisted(key[0], new))
            if unreported:
                continue  # its list did not change: it was not sent (README: not reported as removed)
            changes.append(change(o, "removed", _lvl(o["level"]), ""))
            # not dropped: resolved on this period's 附件3 (that is SUBMISSION_MISSING when its unit sent no 附件2,
            # above, as an 附件2 without 附件3 is no DISPOSAL_MISSING)
            plain = plain_name(o["name"], key[0] or "", new.aliases.get(key[0] or "", ()))
            # (a consolidated workbook's 附件3 names no township: its rows' plain names are taken without one — diff
            # said FACILITY_DROPPED for 汇龙松鹤颐养院（已清退） resolved, which --previous, reading the township, did not)
            resolved_now = (key[0], key[1]) in new.resolved or \
                (None, key[1]) in new.resolved and _resolved_in(o, (None, key[1]), old, new) or \
                _resolved_as(o, key, (key[0], plain), old, new) or \
                _resolved_as(o, key, (None, plain_name(o["name"], "", ())), old, new)
            # a 绿 facility was on no 红橙黄 list to leave (GREEN_IN_LIST told the township to take it off)
            if resolved_now and not o["resolved"]:
                # taken off the list as resolved on this period's 附件3: said so, not only 移出 like one dropped
                # unresolved (blind audit)
                changes.append(change(o, "resolved", "否", "是"))
            if not o["resolved"] and not resolved_now and o["level"] != RiskLevel.GREEN and old.disposals \
                    and new.disposals:
                file, sheet, cell, row = o["at"]
                found = make(Code.FACILITY_DROPPED, file=file, sheet=sheet, cell=cell, row=row,
                             unit=new.unit_of(o["unit"], old), facility=_named(o, new.unit_of(o["unit"], old)),
                             level=_lvl(o["level"]) or "名单内")
                # a namesake now on another township's list: moved, or two facilities — said, for the clerk to
                # ask (it read as gone from the city's list; blind audit of diff)
                # (written with a status remark or its new town's name, 长寿养老院（新增）, 寅阳镇长寿养老院: the same
                # name — the hint was missing where a town taking a facility over marks it so; blind audit of diff)
                by_key, by_plain = _named_index(new)
                # (not a town whose namesake was on its list last period too: two facilities, nothing moved —
                # the hint sent two clerks to check a move that cannot have happened; blind audit of time)
                was_key, was_plain = _named_index(old)
                there = {u for u, _ in was_key.get(key[1], set()) | was_plain.get(plain, set())}
                elsewhere = sorted({unit for u, unit in by_key.get(key[1], set()) | by_plain.get(plain, set())
                                    if u != key[0] and u not in there})
                if elsewhere:
                    found = found.model_copy(update={"message": found.message + f"（本期{'、'.join(elsewhere)}的名单中有同名"
                                                     "机构：如是同一机构迁入该地，请两地核对后在说明中写明）"})
                # (one level up its 汇总 names the cities that sent 附件3: a township of one that did is covered —
                # it was said of every facility 南通 found dropped; blind audit of diff)
                # (a 汇总 of the level above's units — 南通市's names cities — says nothing of a township whose city
                # this workbook does not tell: it said 未收到附件3 of one whose 附件3 row was there; audit of levels)
                # …where its rows say so instead: a township still listing facilities with no 附件3 row for any
                # sent none (a list emptied beside an empty 附件3 is not that; reviews)
                unit = new.unit_of(key[0] or "", old)
                if key[0] in new.no_disposals or new.f3_sent is not None and key[0] not in new.f3_sent \
                        and unit not in new.f3_sent \
                        and ((unit != key[0] or bool(new.f3_sent & (new.towns | new.reported)))
                             and not _may_hold(new, key[0] or "", unit)
                             or bool(new.f3_towns) and key[0] not in new.f3_towns and key[0] in listing()):
                    # (it said 本期附件3 未填 of an 附件3 never sent; audit of diff)
                    found = said_also(found, "（本期未收到该单位的附件3：如已在附件3 中化解，请其补报附件3）")
                findings.append(found)
            continue
        assert o is not None and n is not None
        ol, nl = o["level"], n["level"]
        if isinstance(ol, RiskLevel) and isinstance(nl, RiskLevel) and ol != nl:
            changes.append(change(n, "raised" if nl > ol else "lowered", _lvl(ol), _lvl(nl)))
        elif ol is None and nl in LISTED_LEVELS:
            changes.append(change(n, "raised", UNRANKED, _lvl(nl)))  # its level now fixed (15 alone before)
        elif ol in LISTED_LEVELS and nl is None and n.get("unranked"):
            changes.append(change(n, "lowered", _lvl(ol), UNRANKED))  # 15 alone now, no level (it went unsaid)
        if n["resolved"] and not o["resolved"]:
            changes.append(change(n, "resolved", "否", "是"))
        added = sorted(n["measures"] - o["measures"])
        if added:
            changes.append(change(n, "measures_added", "、".join(map(str, sorted(o["measures"]))),
                                  "、".join(map(str, sorted(n["measures"])))))
    return changes, findings


def _may_hold(new: Snapshot, town: str, unit: str) -> bool:
    """Whether a unit the 汇总 says sent 附件3 may be the one `town` reports through: a unit of the level below
    whose towns no row names (启东市 beside a town's own file in 南通市's inbox; 启东市（南通市） one level further up),
    where the town's own unit is not known or is the one it was told apart under. 本期未收到附件3 was said of a
    town whose county had sent it (audit of levels)."""
    rows = new.towns | new.reported | new.f3_towns
    for sent in new.f3_sent or ():
        if sent in rows or _town_id(sent, new.units) in rows:
            continue  # a town with rows of its own: not `town` (checked above)
        m = TOLD_APART.fullmatch(sent)
        if unit == town or (m[2] if m else sent) == unit:
            return True
    return False


def _named_index(snap: Snapshot) -> tuple[dict[str, set[tuple[str, str]]], dict[str, set[tuple[str, str]]]]:
    """(key, unit) pairs of the snapshot's facilities by name key and by plain name (plain_name, its own township's
    words taken off), made once: looked through for every facility dropped, it was quadratic (3,000 dropped of
    60,000: 34 s; review)."""
    if snap.named is None:
        by_key: dict[str, set[tuple[str, str]]] = {}
        by_plain: dict[str, set[tuple[str, str]]] = {}
        for (u, k), fac in snap.facilities.items():
            by_key.setdefault(k, set()).add((u, fac["unit"]))
            by_plain.setdefault(plain_name(fac["name"], u or "", snap.aliases.get(u or "", ())), set()).add((u, fac["unit"]))
        snap.named = (by_key, by_plain)
    return snap.named


def _city_unlisted(township: str | None, snap: Snapshot) -> bool:
    """A township told apart by its unit (城南街道（海安市）) whose unit this period's 汇总 says sent no 附件2."""
    m = TOLD_APART.fullmatch(township or "")
    return m is not None and m[2] in snap.unlisted


def _held(township: str, snap: Snapshot) -> bool:
    """A workbook of this period holds the township (told apart by its city: that city sent one)."""
    m = TOLD_APART.fullmatch(township)
    if m:
        return any(m[2] in units for units in snap.owner.values())
    return township in snap.owner


def _named(fac: dict[str, Any], unit: str) -> str:
    """The facility as a finding names it: with its township where the unit is a level above (启东市: 幸福养老院
    of 汇龙镇), so that the clerk knows which of the unit's townships to ask."""
    if unit == fac["unit"]:
        return fac["name"]
    m = TOLD_APART.fullmatch(fac["unit"])
    return f"{fac['name']}（{m[1] if m and m[2] == unit else fac['unit']}）"


def _pair_by_name(old: Snapshot, new: Snapshot, configured: frozenset[str] = frozenset()) -> None:
    """A facility whose township reads differently in the two periods (汇龙镇民政办 one month, 汇龙镇社会事业局
    the next, or a text no configuration knows) is still the same facility when its name is found once among
    the unmatched of each period — where the two name one township, or the old one is gone this period: it is
    keyed as the new period keys it."""
    # (a township told apart by a unit that sent nothing this period is not looked for: 城南街道（海安市） is not
    # the 城南街道 that 如皋市 alone lists now)
    gone = [k for k in old.facilities if k not in new.facilities and not _city_unlisted(k[0], new)]
    came = [k for k in new.facilities if k not in old.facilities]
    by_name_new: dict[str, list[tuple[str, str]]] = {}
    for k in came:
        by_name_new.setdefault(k[1], []).append(k)
    by_name_old: dict[str, list[tuple[str, str]]] = {}
    for k in gone:
        by_name_old.setdefault(k[1], []).append(k)
    # another township still there this period is no township written otherwise: its facility that is gone left
    # its list (汇龙镇's dropped 幸福养老院 is not 启东经济开发区's new one, nor, one level up, another city's
    # township's); one township written otherwise (汇龙镇民政办, 汇龙镇社会事业局) is compared by the township
    present = {town_key(t or "") for t in new.reported | {k[0] for k in new.facilities}}
    for name, olds in by_name_old.items():
        news = by_name_new.get(name, [])
        if len(olds) != 1 or len(news) != 1:
            continue
        before, now = olds[0][0], news[0][0]
        # never two configured towns' facilities of one name: 汇龙镇's dropped 幸福养老院 is not 南阳镇's new one
        if not (before in configured and now in configured) and _one_unit(before, now, old, new) \
                and (town_key(before or "") == town_key(now or "") or town_key(before or "") not in present):
            old.facilities[news[0]] = old.facilities.pop(olds[0])
    # then, within one township, a name written otherwise this month (康乐养老院（人民路18号）, 1、颐和老年公寓,
    # 夕阳红托老所（新增）, 敬老院 for 汇龙镇敬老院, 启东辛康养老院): the same facility where the names match one to one
    # as they are made plainer, as 附件2 and 附件3 are paired (the township's whole name and the city's short one
    # were kept, the facility 移出 and 新增 with FACILITY_DROPPED; audit of diff)
    by_town: dict[str | None, tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]] = {}
    for snap, side in ((old, 0), (new, 1)):
        other = new if side == 0 else old
        for k, fac in snap.facilities.items():
            if k not in other.facilities:
                by_town.setdefault(k[0], ({}, {}))[side][k] = fac["name"]
    for township, (left, listed) in by_town.items():
        if left and listed:
            apart = TOLD_APART.fullmatch(township or "")
            place = apart[1] if apart else township or ""
            prefixes = (new.aliases.get(place) or old.aliases.get(place, ())) + (new.city or old.city)
            for k_new, k_old in pair_written_otherwise(left, listed, place, prefixes).items():
                old.facilities[k_new] = old.facilities.pop(k_old)  # (康乐养老院（东院） is not its 西院)
    _pair_renamed(old, new)


def _pair_renamed(old: Snapshot, new: Snapshot) -> None:
    """A facility renamed this period and saying so (备注 原名康宁养生馆, 康宁健康管理中心（原康宁养生馆）) is the facility
    of its former name in its township (either written with the township before it or not), where exactly one such
    left the list and exactly one row claims it: it was 移出 and 新增, and FACILITY_DROPPED (audit of a year). Two
    rows claiming one former name (a facility split in two) pair neither (review)."""

    def keys(place: str, key: str) -> set[str]:
        return {key} | {key[len(p):] for p in town_prefixes(place, new.aliases.get(place, ()))
                        if key.startswith(p) and len(key) > len(p) + 1}

    gone: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for k in old.facilities:
        if k not in new.facilities:
            for key in keys(k[0] or "", k[1]):
                gone.setdefault((town_key(k[0] or ""), key), set()).add(k)
    wanted: dict[tuple[str, str], set[tuple[str, str]]] = {}  # new row -> the rows of last period it may be
    for k_new, fac in new.facilities.items():
        former = fac.get("formerly")
        if former and k_new not in old.facilities:
            place = k_new[0] or ""
            wanted[k_new] = {k for key in keys(place, facility_key(former)) for k in gone.get((town_key(place), key), ())}
    claimed: dict[tuple[str, str], int] = {}
    for olds in wanted.values():
        for k in olds:
            claimed[k] = claimed.get(k, 0) + 1
    for k_new, olds in wanted.items():
        if len(olds) == 1 and claimed[(k_old := next(iter(olds)))] == 1 and k_old in old.facilities:
            old.facilities[k_new] = old.facilities.pop(k_old)


def _one_unit(before: str | None, now: str | None, old: Snapshot, new: Snapshot) -> bool:
    """Two townships not told to be two units' (one level up, 海门市's 海门街道 is not 启东市's 汇龙镇 written
    otherwise); a township whose unit is not known may be any."""
    a, b = (new.unit_of(t or "", old) for t in (before, now))
    return a == b or a == (before or "") or b == (now or "")


def with_units(old: Snapshot, new: Snapshot) -> None:
    """Key the previous workbook's townships as this period's are keyed one level up: 城南街道 → 城南街道（如皋市）
    where one unit's workbook holds a 城南街道 now (a township two units hold stays as written)."""

    @overload
    def town(t: str) -> str: ...
    @overload
    def town(t: str | None) -> str | None: ...

    def town(t: str | None) -> str | None:
        if not t or _told_apart_by(t, new.units):
            return t
        units = new.owner.get(t)
        return f"{t}（{next(iter(units))}）" if units and len(units) == 1 else t

    facilities = {}
    for (t, name), fac in old.facilities.items():
        facilities[(town(t), name)] = dict(fac, unit=town(t))
    old.facilities = facilities
    old.stats = {town(t): rec for t, rec in old.stats.items()}
    old.resolved = {(town(t), k) for t, k in old.resolved}
    old.resolved_plain = {(town(t), k) for t, k in old.resolved_plain}
    old.resolved_names = {(town(t), k): names for (t, k), names in old.resolved_names.items()}
    old.reported = {town(t) for t in old.reported}
    old.unlisted = {town(t) for t in old.unlisted}


def stats_decreased(old: Snapshot, new: Snapshot) -> list[Finding]:
    """STATS_DECREASED per unit present in both periods (启民发〔2022〕66号 附件4 说明: 累计数据)."""
    out: list[Finding] = []
    for unit, rec in new.stats.items():
        if unit in old.stats and unit not in new.no_stats:  # (its 附件4 of another period: not this one's figures)
            owner = new.unit_of(unit, old)
            for f in check_f4_decrease(old.stats[unit], rec, Ctx(unit=owner)):
                # a city's row of one of its townships: the message says whose figure fell (the unit is the city's)
                out.append(f if owner == unit else f.model_copy(update={"message": f"{unit}：{f.message}"}))
    return out


UNRANKED = "未定级"


def _lvl(level: Any) -> str:
    return level.label if isinstance(level, RiskLevel) else ""


def load_snapshot(path: Path, config: Config) -> Snapshot:
    from .inbox import UsageError
    from .pipeline import ARCHIVE_ADVICE, NOTES_ADVICE, STALE_ADVICE, load

    loaded, _ = load([path], config, rules=False)  # what it says, not what is wrong with it (its own check did that)
    if not loaded.readable_files:
        # (a workbook named on the command line: no inbox to take it out of)
        found = [f.model_copy(update={"message": f.message.removesuffix(STALE_ADVICE).removesuffix(NOTES_ADVICE).removesuffix(ARCHIVE_ADVICE)}) for f in loaded.findings]
        reason = found[0].message.removeprefix("无法读取文件：") if found else "无法读取"
        # (a consolidated workbook is this bureau's own: nobody to ask for it again; audit of files)
        reason = reason.replace("请对方重新发送", "请从备份中取回，或对上期收件夹重新运行 consolidate 生成")
        raise UsageError(f"无法读取 {path}：{reason}", found)  # (once: the finding's message says it too)
    if not loaded.submissions:
        raise UsageError(f"{path} 中没有找到附件1–4，不是 consolidate 写出的汇总表", loaded.findings)
    snap = snapshot_of(loaded.submissions, config)
    units = {sub.unit for sub in loaded.submissions.values()}
    snap.made_by = units.pop() if len(units) == 1 else ""
    periods = {sub.stated_period for sub in loaded.submissions.values()} - {""}
    snap.period = periods.pop() if len(periods) == 1 else ""
    snap.rows_read, snap.rows_unreadable = loaded.rows_read, loaded.rows_unreadable + loaded.rows_superseded
    snap.read_units = frozenset(loaded.submissions)
    # (a weekly workbook's week as its 汇总 states it: its 附件4 dated by a town's early report of the next week was
    # taken for that week's, and refused as --previous of it; audit of weekly rounds)
    weeks = {sub.stated_week for sub in loaded.submissions.values()} - {None}
    snap.week = weeks.pop() if len(weeks) == 1 else f4_week(loaded.arrivals, config)
    snap.weekly = weekly_round(loaded)
    snap.disposals = any("F3" in sub.forms for sub in loaded.submissions.values())
    return snap


def _not_received(new: Snapshot, subs: Iterable[Any], received: dict[str, set[str]]) -> None:
    """The townships of units whose 附件2 or 附件4 read this period is of another one (last month's correction sent
    instead: SUBMISSION_MISSING) taken as not reported: its facilities neither dropped nor changed, its figures not
    compared (the facility the correction no longer listed was FACILITY_DROPPED; blind audit of periods)."""
    missing = [(sub, received.get(sub.unit, set())) for sub in subs]
    missing = [(sub, got) for sub, got in missing if ("F2" in sub.forms and "F2" not in got)
               or ("F4" in sub.forms and "F4" not in got)]
    if not missing:
        return  # (most months: every report of this period; nothing to group — 2,000 units took 36 s; review)
    # (one level up the keys are the unit's townships: 汇龙镇（启东市）) — grouped once
    towns: dict[str, set[str]] = {}
    for town in {k[0] for k in new.facilities} | set(new.stats):
        towns.setdefault(new.unit_of(town), set()).add(town)
    for sub, got in missing:
        if "F2" in sub.forms and "F2" not in got:
            new.unlisted |= towns.get(sub.unit, set()) | {sub.unit}
        if "F4" in sub.forms and "F4" not in got:
            new.no_stats |= towns.get(sub.unit, set()) | {sub.unit}


def f4_week(arrivals: Sequence[Any], config: Config) -> dt.date | None:
    """The weekly deadline (Wednesday) the round's 附件4 answer: the latest one a 附件4 of this period answers — but
    where all that answer it were sent early (dated before its deadline day, Sunday to Tuesday) and by fewer than half
    the units, the latest one before it; None without a dated one. (One of another period's week — 7月2日's answers
    6月29日, June's — named a July round 2022-06-29周 and wrote over June's last weekly workbook; audit of 附件4.)
    (One town's 附件4 of the Sunday after, early for the next week, made the round that week: the eleven towns that
    reported on the Wednesday were SUBMISSION_MISSING, the late one on time — audit of the codes; neither the week
    most towns had sent so far, which took an inbox kept for the month back a week, nor the latest week not sent
    early, which took eleven towns reporting on the Tuesday back to one town's late report of last week; reviews.)"""
    answers: dict[dt.date, list[tuple[str, bool]]] = {}
    for a in arrivals:
        if a.form in WEEKLY_FORMS and a.date is not None and not a.superseded and not misdated(a) \
                and not a.relation:  # (a 2099 附件4 named the round 2099-06-24周; review)
            # (a level below's weekly workbook: the week it states — its 附件4 dated by a town's early report of the
            # next week named the city's round that week, written over by the next; review)
            week = a.week or weekly_deadline(a.date, config).date()
            answers.setdefault(week, []).append((a.unit, a.week is None and a.date < week))
    if not answers:
        return None
    units = {unit for sent in answers.values() for unit, _ in sent}
    latest = max(answers)
    early_few = all(early for _, early in answers[latest]) and 2 * len({u for u, _ in answers[latest]}) < len(units)
    return max((week for week in answers if week < latest), default=latest) if early_few else latest


def _not_consolidated(path: Path, snap: Snapshot) -> str:
    from .inbox import shown

    who = f"是{snap.made_by}报送的报表" if snap.made_by else "是区镇报送的报表"
    return f"“{shown(path.name)}”不是 consolidate 写出的汇总表（{who}）"


def check_pair(old_path: Path, old: Snapshot, new_path: Path, new: Snapshot) -> None:
    """diff compares two consolidated workbooks of one reporting unit (or two reports of one township): a
    township's workbook against a city's, or two cities', would give every other township's facilities as gone or
    come. UsageError saying which."""
    from .inbox import UsageError, shown

    if old.consolidated != new.consolidated:
        path, snap = (old_path, old) if not old.consolidated else (new_path, new)
        raise UsageError(f"{_not_consolidated(path, snap)}，另一个是汇总表；请给出同一单位两期的汇总表")
    a, b = (_unit_of(s.made_by) for s in (old, new))
    # (启东市民政局, 江苏省启东市民政局 and 启东市民政局养老服务科 are one)
    if a and b and a not in b and b not in a:
        raise UsageError(f"“{shown(old_path.name)}”由{old.made_by}填报，“{shown(new_path.name)}”由{new.made_by}填报，"
                         "不是同一单位的两期；请给出同一单位两期的汇总表")


SNAPSHOTS_APART_BYTES = 1024 * 1024  # from this size two workbooks are read in two processes (a province's: 10 s each)


def load_snapshots(paths: list[Path], config: Config, workers: int = 1) -> list[Snapshot]:
    """load_snapshot of each path, in order; large workbooks on several cores."""
    if workers > 1 and len(paths) > 1 and total_bytes(paths) >= SNAPSHOTS_APART_BYTES:
        from concurrent.futures import ProcessPoolExecutor

        from .parallel import quiet_child

        with ProcessPoolExecutor(max_workers=min(workers, len(paths)), initializer=quiet_child) as pool:
            return list(pool.map(load_snapshot, paths, [config] * len(paths)))
    return [load_snapshot(p, config) for p in paths]


@contextlib.contextmanager
def snapshot_beside(previous: Path | None, config: Config, workers: int) -> Iterator[Any]:
    """load_snapshot(previous) under way in another process while the caller reads its inbox, when there are
    cores to spare and the workbook is large; else None (compare_previous reads it itself). Its `get()` gives the
    snapshot, raises what load_snapshot raised, or None when the process died (killed for memory): then the caller
    reads it itself. Left unused (the inbox was a usage error), the process is stopped."""
    if previous is None or workers < 2 or total_bytes([previous]) < SNAPSHOTS_APART_BYTES:
        yield None
        return
    import multiprocessing

    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=_snapshot_child, args=(previous, config, send), daemon=True)
    child.start()
    send.close()  # the child holds the only sending end: its death ends the pipe (EOFError), never a hang
    try:
        yield _Pending(receive)
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        receive.close()


def _snapshot_child(previous: Path, config: Config, send: Any) -> None:
    from .parallel import quiet_child

    quiet_child()
    try:
        result: tuple[bool, Any] = (True, load_snapshot(previous, config))
    except Exception as e:  # UsageError and the like: raised again where the snapshot is wanted
        result = (False, e)
    send.send(result)
    send.close()


class _Pending:
    def __init__(self, receive: Any) -> None:
        self.receive = receive

    def get(self) -> Snapshot | None:
        try:
            ok, value = self.receive.recv()
        except (EOFError, OSError):
            return None  # the process died before it answered
        if ok:
            return value
        raise value


_PERIOD = re.compile(r"(?<!\d)(20\d{2})(?:-|年)(0?[1-9]|1[0-2])(?!\d)")
_TITLE = re.compile(rb"<dc:title>([^<]{1,400})</dc:title>")


def weekly_workbook(path: Path) -> bool:
    """A weekly round's consolidated workbook, by its name or its title property (…2022-06-22周汇总)."""
    from .safety import small_part

    title = _TITLE.search(small_part(path, "docProps/core.xml") or b"")
    # (its week written before 周: a unit named 周口市 is no week; review)
    return bool(_WEEK_NAMED.search(path.stem) or title and _WEEK_NAMED.search(title[1].decode("utf-8", "replace")))


# …2022-06-22周汇总, …_2022-06周_汇总 (an undated round), and a clerk's name for one (上期周报, 上周汇总, 第3周; a
# workbook of an earlier release names no week in its title: review) — not 周 in a place's name (周口市)
_WEEK_NAMED = re.compile(r"\d{4}[-年.]\d{1,2}(?:[-月.]\d{1,2}日?)?\s*周|周报|[上本]周|第\s*[\d一二三四五六]\s*周|周汇总")


def period_of_workbook(path: Path) -> str | None:
    """The period a consolidated workbook states: its title property ("{reporting_unit}{period}汇总", which
    consolidate writes and a renamed or re-saved copy keeps), else its file name (…_2022-06_汇总.xlsx,
    …2022年6月…). None when neither says."""
    from .safety import small_part

    texts = []
    title = _TITLE.search(small_part(path, "docProps/core.xml") or b"")  # a bounded regex, no XML parser
    if title and title[1].decode("utf-8", "replace").endswith("汇总"):
        texts.append(title[1].decode("utf-8", "replace"))
    texts.append(path.stem)
    for text in texts:
        m = _PERIOD.search(text)
        if m:
            return f"{m[1]}-{int(m[2]):02d}"
    return None


def compare_previous(previous: Path, loaded: Any, config: Config, period: str = "", pending: Any = None,
                     received: dict[str, set[str]] | None = None) -> tuple[list[Finding], list[Change]]:
    """consolidate --previous: STATS_DECREASED per unit, FACILITY_DROPPED, and the list of changes. A previous
    workbook of this period or a later one is a usage error: compared, it would give bogus decreases and drops.
    `pending`: the snapshot being read in another process (snapshot_beside), else it is read here. `received`: unit
    -> the forms it reported this period (status): a unit's 附件2 or 附件4 of another period is not compared."""
    from .inbox import UsageError, shown

    def earlier(before: str | None, old: Snapshot | None = None) -> None:
        if not (before and period) or before < period:
            return
        # a weekly chain within a month: last Wednesday's consolidation before this one's (refused, so weekly
        # 附件4 could not be compared though diff took the pair; blind audit of the calendar)
        week = f4_week(loaded.arrivals, config)
        # (or a monthly round after an earlier week's 附件4 of the same month: refused, though the README promised
        # it; blind audit of periods)
        weekly_pair = old is not None and (weekly_round(loaded) or old.weekly or not old.facilities and not old.reported)
        if before == period and (old is None or weekly_pair and old.week is not None and week is not None
                                 and old.week < week):
            return  # (a monthly workbook of the same month stays refused: its list, compared, said false drops)
        weekly = f"（同一月份的周报汇总，上期汇总表的附件4 须是更早一周的：它是 {old.week.isoformat()} 那一周的）" \
            if before == period and old is not None and old.week is not None and weekly_round(loaded) else ""
        raise UsageError(f"上期汇总表“{shown(previous.name)}”是{before}的，不早于本期{period}{weekly}；"
                         "--previous 请指定上一期的汇总表")

    before = period_of_workbook(previous)
    earlier(before)
    old = (pending.get() if pending is not None else None) or load_snapshot(previous, config)
    earlier(before or old.period, old)  # (its title property gone: its 汇总 says)
    if not old.consolidated:  # a township's own report: every other township's facilities would seem new
        raise UsageError(f"{_not_consolidated(previous, old)}；--previous 请指定上一期 consolidate 写出的汇总表")
    a, b = _unit_of(old.made_by), _unit_of(config.reporting_unit)
    if a and b and a not in b and b not in a:
        # another city's workbook: its towns' facilities were FACILITY_DROPPED here, exit 0, where diff refused the
        # same pair (blind audit of consolidate)
        raise UsageError(f"上期汇总表“{shown(previous.name)}”由{old.made_by}填报，本期汇总单位是{config.reporting_unit}，"
                         "不是同一单位的上一期；--previous 请指定本单位上一期 consolidate 写出的汇总表（或用 --config 指定该单位的配置）")
    new = snapshot_of(loaded.submissions, config)
    if new.upper:
        with_units(old, new)
    if received is not None:
        _not_received(new, loaded.submissions.values(), received)
    changes, findings = diff_snapshots(old, new, config.unit_names)
    return stats_decreased(old, new) + findings, changes
