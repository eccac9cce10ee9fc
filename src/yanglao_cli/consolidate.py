"""Every unit's rows → the consolidated set: 附件1–4 rows in official order, 合计, level counts, progress.

Pure data: the writer (workbook) and the report (HTML/Markdown) render a `Consolidated`.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .config import NO_PLACE_WORDS, Config, short_name, strip_decorations
from .findings import Code, Finding, by_unit
from .models import (
    F4_FIELDS,
    LISTED_LEVELS,
    OTHER_POINT,
    F1Record,
    F2Record,
    F3Record,
    F4Record,
    RiskLevel,
    Submission,
    percent_of,
)
from .normalize import header_key
from .parse import refers_to_list
from .rules.crossform import facility_id, facility_key, same_facilities, town_key
from .rules.disposal import is_resolved
from .rules.levels import effective_level, level_of
from .safety import is_archive

ANSWER_FIELDS = ("group", "task_force", "publicity", "info_sharing", "complaints")


@dataclass
class F1Line:
    unit: str
    submitted: bool
    total: int | None = None
    checked: int | None = None
    percent: float | None = None
    percent_text: str = ""
    answers: dict[str, str] = field(default_factory=dict)  # field -> text as declared
    sources: list[F1Record] = field(default_factory=list)
    label: str = ""  # what the 乡镇 column shows, when not the unit (a row of a consolidated workbook one level down)


@dataclass(slots=True)  # 120,000 of them at province scale: no dict each
class F2Line:
    unit: str
    rec: F2Record
    level: RiskLevel | None  # declared, or computed where none was declared (LEVEL_MISSING fills it in)
    computed: RiskLevel
    filled_in: bool = False
    lead: str = ""  # 牵头排查单位 as written: naming the township (lead_text)
    key: tuple = ()  # (unit, facility_id): its 附件3 rows', for their number


@dataclass(slots=True)
class F3Line:
    unit: str
    rec: F3Record
    level: RiskLevel | None
    resolved: bool = False
    seq: int = 0  # 序号: its facility's on 附件2, so that one level up each row finds its township
    # the name 附件2 lists the facility under where 附件3 writes it otherwise (汇龙镇康乐养老院 for 康乐养老院): written
    # so, the township's words in a comment, so that one level up and next month the two rows name one facility
    listed_name: str = ""


@dataclass
class F4Line:
    unit: str
    submitted: bool
    values: dict[str, int | None] = field(default_factory=dict)
    sources: list[F4Record] = field(default_factory=list)
    label: str = ""  # what the first column shows, when not the unit


@dataclass
class UnitStatus:
    unit: str
    configured: bool
    forms: list[str]
    files: list[str]
    counts: dict[RiskLevel, int]
    total: int | None
    checked: int | None
    errors: int = 0
    warnings: int = 0
    stale: list[str] = field(default_factory=list)  # forms received but of another period (or left blank)
    unreadable: tuple[str, ...] = ()  # names of the unit's files (by name or folder) that could not be read or held
    # no form (pipeline.files_without_forms)
    documents: tuple[tuple[str, str], ...] = ()  # its PDF scans, photos … passed over (pipeline.documents_by_unit)
    weekly: bool = False  # a weekly round (附件4 only): 附件1–3 are not asked for
    # of a unit sending a consolidated workbook: the places below it that workbook says sent nothing (未报送 rows):
    # its 附件1–4齐全 said nothing of them (audit of levels)
    unsent_below: tuple[tuple[str, int], ...] = ()  # ("", places that sent nothing), ("F4", places without it)

    @property
    def listed(self) -> bool:
        """Whether its 附件2 came: its counts by level are figures (0 is none at risk), else there are none. A list of
        an earlier period's report, written on 附件2 and counted in 合计, is counted on its row too: it was left blank
        there while drawn in the report's chart (blind audit of the outputs against each other)."""
        return not self.weekly and ("F2" in self.forms or any(self.counts.values()))  # (a week's round has no list)

    @property
    def arrival(self) -> str:
        """齐全 / 缺附件3、附件4 / 未报送 — short enough for one printed line; forms of an earlier period said."""
        stale = [k for k in self.stale if k == "F4"] if self.weekly else self.stale  # (附件1–3 not asked in a week)
        # (of an earlier period or a later one — July's report in June's inbox was said 以前报告期的; its
        # SUBMISSION_MISSING says which)
        # (a week's round: this week's — an earlier week's 附件4 is of this month; audit of weekly rounds)
        old = f"（收到的{'、'.join(f'附件{k[1]}' for k in stale)}为空表或不是{'这一周' if self.weekly else '本期'}的）" \
            if stale else ""
        # a file came but could not be read: the clerk asks for it again rather than chasing an overdue report
        # (it said 未报送 alone, as for a unit that sent nothing; audit of the report)
        zips = sum(map(is_archive, self.unreadable))  # (a zip is to be unpacked here, not sent again)
        here = sum(n.__class__.__name__ == "NotOpened" for n in self.unreadable)  # (this computer's permissions)
        sent = ("（收到的文件无法读取或没有报表，请对方重新发送）" if len(self.unreadable) > zips + here else "") + (
            "（收到压缩包，请解压后放入收件夹再汇总）" if zips else "") + (
            "（收到的文件在本机无法打开，见其 FILE_UNREADABLE，处理后重新汇总）" if here else "")
        if self.documents:  # a scan instead of the workbook (it said 未报送 alone; audit)
            kinds = dict.fromkeys(kind for _, kind in self.documents)
            sent += f"（收到的{'、'.join(kinds)}无法读取，请对方另发 Excel 报表）"
        if not self.forms:
            return "未报送" + old + sent
        counts: dict[str, int] = {}
        for k, n in self.unsent_below:
            if self.weekly:  # (a week's round asks 附件4 alone: a town below without one sent nothing)
                if k == "F1":
                    continue
                k = ""
            counts[k] = counts.get(k, 0) + n
        said = [f"{n}个单位{'缺附件' + k[1] if k else '未报送'}" for k, n in counts.items()]
        below = f"（下级{'，'.join(said)}）" if said else ""
        if self.weekly:  # (each unit that sent was 缺附件1、附件2、附件3 in the week's round; audit of the figures)
            return ("附件4已报（周报）" if "F4" in self.forms else "缺附件4") + old + sent + below
        missing = [f"附件{n}" for n in range(1, 5) if f"F{n}" not in self.forms]
        return (f"缺{'、'.join(missing)}" + old + sent + below) if missing else "附件1–4齐全" + old + below

    @property
    def percent(self) -> float | None:
        if self.total and self.checked is not None:
            return percent_of(self.checked, self.total)
        return None


@dataclass
class Consolidated:
    reporting_unit: str
    period: str
    units: list[str]
    f1: list[F1Line]
    f1_total: F1Line
    f2: list[F2Line]
    f3: list[F3Line]
    f4: list[F4Line]
    f4_total: F4Line
    status: list[UnitStatus]
    findings: list[Finding]
    footer_date: str = ""  # 填报日期 of 附件1–3: the latest of the units' monthly forms
    # units whose every form came without a 填报日期: neither on time nor late (status says 未填报日期; 汇总 said
    # 附件1–4齐全 alone — audit of periods)
    undated: frozenset[str] = frozenset()
    signed: tuple[str, str, str] = ("", "", "")  # 填报人, 负责人, 电话 from the configuration
    f4_date: str = ""  # 填报时间 of 附件4: the latest of the units' weekly 附件4
    rows_read: int | None = None  # data rows read from the inbox (the report states the SPEC's sum; None: not known)
    rows_superseded: int = 0  # of those not written: rows of reports a later one replaced (not lost)
    # (file, sheet, cell) -> what a consolidated workbook read here noted in that cell (已补填, 原填：…): written
    # again on the cell its row goes to (pipeline.Loaded.carried)
    carried: dict[tuple[str, str, str], str] = field(default_factory=dict)
    repeated: int = 0  # 红橙黄 rows of 附件2 repeating a facility listed above (DUPLICATE_FACILITY): one 家 with it
    week: str = ""  # a weekly round's (附件4 only) week, by its Wednesday: no 附件2 list, no level counts
    # the period's deadlines as the reports state them (附件1–3 2022-06-20 前；附件4 每周三 17:00 前): a late count
    # read with no deadline beside it (audit of the reports)
    deadlines: str = ""

    def set_weekly(self, week: str) -> None:
        self.week = week
        self.deadlines = self.deadlines.rsplit("；", 1)[-1]  # (a week's round: 附件4's deadline alone)
        # a week's round asks no 附件1: its towns were written 未报送 down the sheet, and one level up the county
        # itself 未报送 on the city's (blind audit of the weekly round)
        self.f1 = [line for line in self.f1 if line.submitted]
        for s in self.status:
            s.weekly = True

    def date_of(self, form_key: str) -> str:
        return (self.f4_date or self.footer_date) if form_key == "F4" else self.footer_date

    @property
    def rows_written(self) -> int:
        return (sum(len(line.sources) for line in self.f1) + len(self.f2) + len(self.f3)
                + sum(len(line.sources) for line in self.f4))

    def level_totals(self) -> dict[RiskLevel, int]:
        out = dict.fromkeys(LISTED_LEVELS, 0)
        for s in self.status:
            for lvl in LISTED_LEVELS:
                out[lvl] += s.counts.get(lvl, 0)
        return out

    @property
    def unranked(self) -> int:
        """附件2 rows outside 红橙黄 (绿, or no level the points fix): on the list, in no colour's count."""
        return sum(1 for line in self.f2 if line.level not in LISTED_LEVELS)

    @property
    def late(self) -> set[str]:
        """Units that sent late (SUBMISSION_LATE): the report and the 汇总 sheet both say so."""
        return {f.unit for f in self.findings if f.code == Code.SUBMISSION_LATE and f.unit}

    @property
    def partial(self) -> int:
        """Configured units that sent some forms but not all four."""
        return sum(1 for s in self.status if s.forms and s.configured and s.arrival.startswith("缺"))

    @property
    def submitted(self) -> int:
        return sum(1 for s in self.status if s.forms and s.configured)

    @property
    def expected(self) -> int:
        return sum(1 for s in self.status if s.configured)

    @property
    def unlisted(self) -> list[str]:
        """Units outside the configured list that sent forms (UNIT_UNKNOWN): counted in the totals, said apart."""
        return [s.unit for s in self.status if not s.configured and s.forms]

    @property
    def among(self) -> str:
        """Of the units that sent: 其中不齐全 N，迟报 K — the report's headline and the 汇总 sheet's 合计 say it alike.
        The configured units only, as the count it qualifies (1/12个单位已报送（其中迟报 1） counted a late unit outside
        the list; blind audit of units)."""
        late = len(self.late & {s.unit for s in self.status if s.forms and s.configured})
        said = "，".join(x for x in (f"不齐全 {self.partial}" if self.partial else "",
                                     f"迟报 {late}" if late else "") if x)
        return f"其中{said}" if said else ""


def sum_known(values: list[int | None]) -> int | None:
    """The sum of the figures given; None when none is (a blank stays blank, not 0)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def paired_progress(lines: list[F1Line]) -> tuple[int | None, int | None, bool]:
    """总数 and 已排查 added over the rows that gave both, so that they and the 占比 from them agree: a row whose
    总数 was unreadable must not add its 已排查 alone (its row shows what it gave, marked). Whether any row gave
    both; if none did, what was given is added."""
    both = [line for line in lines if line.total is not None and line.checked is not None]
    return sum_known([line.total for line in both or lines]), sum_known([line.checked for line in both or lines]), \
        bool(both)


def _answer_text(raw: str) -> str:
    """An answer as the clerk wrote it, but Excel's logical TRUE/FALSE as the form's 是/否 (TRUE on the official form)."""
    return {"TRUE": "是", "FALSE": "否"}.get(raw.strip().upper(), raw)


def _f1_lines(unit: str, rows: list[F1Record], townships: bool = False,
              unsent: Sequence[tuple[str, str, int, str]] = ()) -> list[F1Line]:
    """A unit's 附件1 rows as written: one line per row (SPEC: every row of every unit), so that a consolidated
    workbook one level down keeps each township's figures and answers; 未报送 for a unit that sent none.
    `townships`: rows of a consolidated workbook, each showing its township even when it is the only one;
    `unsent`: its rows of townships that sent nothing, kept in their places (_with_unsent)."""
    if not rows:
        return [F1Line(unit, submitted=False)]
    lines = [F1Line(unit, True, r.total, r.checked, r.percent, r.raw.get("percent", ""),
                    {f: _answer_text(r.raw.get(f, "")) for f in ANSWER_FIELDS}, [r],
                    label=_part_label(unit, r.raw.get("township", ""), townships) if len(rows) > 1 or townships
                    else "") for r in rows]
    return _with_unsent(lines, unsent, lambda place: F1Line(unit, submitted=False, label=place or unit))


def _f4_lines(unit: str, rows: list[F4Record], townships: bool = False,
              unsent: Sequence[tuple[str, str, int, str]] = ()) -> list[F4Line]:
    """As _f1_lines: a consolidated workbook's single row keeps its township, so that the next period's
    comparison (STATS_DECREASED) finds the township whichever level each period's workbook is."""
    if not rows:
        return [F4Line(unit, submitted=False)]
    lines = [F4Line(unit, True, {f: getattr(r, f) for f in F4_FIELDS}, [r],
                    label=_part_label(unit, r.raw.get("label", ""), townships) if len(rows) > 1 or townships
                    else "") for r in rows]
    return _with_unsent(lines, unsent, lambda place: F4Line(unit, submitted=False, label=place or unit))


def _part_label(unit: str, written: str, townships: bool) -> str:
    """The first column of one of a township's rows: as written where it names the township (or, on a
    consolidated workbook, its own township), else the township with the part in brackets — 城区 and 农村, or
    养老机构 and 未登记场所, alone named no unit: checked again the consolidated workbook was UNIT_UNKNOWN, or its
    rows were read one level up as parts of the row above them, another township's (audit of the outputs)."""
    if not written or written == unit:
        return unit
    if townships or short_name(unit) in written:
        return written
    return f"{unit}（{written}）"


def _with_unsent(lines: list, unsent: Sequence[tuple[str, str, int, str]], make: Callable[[str], Any]) -> list:
    """One level up, a city's consolidated 附件1/附件4 rows of its townships that sent nothing (未报送) are
    written again where they stood among its other rows, so that the province still sees who is missing (they
    were read as no rows and left out). A row is placed after the rows of its sheet above it."""
    if not unsent:
        return lines
    out = list(lines)
    # where each line stood (file, sheet, row); the rows put back are placed among them too, so that two of them
    # in a row keep their order (placed bottom first against the read rows only, they came out reversed)
    at_row = [(ln.sources[0].file, ln.sources[0].sheet, ln.sources[0].row) if ln.sources else None for ln in out]
    for file, sheet, row, place in sorted(unsent, key=lambda u: u[2]):
        at = None
        for i, where in enumerate(at_row):
            if where is not None and where[:2] == (file, sheet):
                if where[2] > row:
                    at = i
                    break
                at = i + 1  # after its sheet's last row above it
        pos = len(out) if at is None else at
        out.insert(pos, make(place))
        at_row.insert(pos, (file, sheet, row))
    return out


def unit_order(cons: Consolidated) -> Callable[[Any], tuple]:
    """Sort key of the consolidation's findings (findings.by_unit of its units)."""
    return by_unit(cons.units)


def consolidate(subs: dict[str, Submission], config: Config, period: str, findings: list[Finding],
                received: dict[str, set[str]] | None = None, documents: Sequence[str] = ()) -> Consolidated:
    """`received`: unit -> forms that count as this period's (periods.status); by default every form sent.
    `documents`: the PDF scans, photos … passed over in the inbox (Loaded.documents)."""
    configured = config.unit_names
    configured_set = set(configured)
    extra = sorted(u for u in subs if u not in configured_set)
    units = configured + extra
    order = {u: i for i, u in enumerate(units)}

    f1 = [line for u in units for line in _f1_lines(u, subs[u].f1 if u in subs else [],
                                                    u in subs and subs[u].consolidated,
                                                    subs[u].unsent.get("F1", []) if u in subs else [])]
    f1 = [line for line in f1 if line.submitted or line.unit in configured_set]
    total, checked, both = paired_progress(f1)
    pct = percent_of(checked, total) if both and total and checked is not None else None  # one base or none
    f1_total = F1Line("合计", True, total, checked, pct, "" if pct is None else f"{pct:g}")

    f2: list[F2Line] = []
    levels: dict[tuple, RiskLevel | None] = {}
    for u in units:
        sub = subs.get(u)
        if sub is None:
            continue
        by_lead = sub.consolidated
        written = lead = None  # a township writes the same 牵头排查单位 on most of its rows
        for r in sub.f2:
            computed = level_of(r.points.items)
            # only 15.其他情形 and no level declared: no level to fill in (LEVEL_UNDETERMINED), not 绿
            other_only = bool(r.points.items) and set(r.points.items) <= {OTHER_POINT}
            lvl = effective_level(r) if (r.level is not None or (r.points.items and not other_only)) else None
            if r.lead_unit != written:
                written = r.lead_unit
                lead = written if by_lead else lead_text(written, u, config)
            key = (u, facility_id(r, True) if by_lead else facility_key(r.name))
            f2.append(F2Line(u, r, lvl, computed, r.level is None and lvl is not None, lead or "", key))
            levels.setdefault(key, lvl)
    # red first (the seed's 从高到低), then the units in the configured order, each in its own order: a stable sort
    # keeps the township's rows as it listed them (by name before: 张、李、王 for 张、王、李 — numbers audit)
    f2.sort(key=lambda x: (_level_rank(x.level), order[x.unit]))
    numbers: dict[tuple, int] = {}
    # a facility a township listed twice at two levels (DUPLICATE_FACILITY): each 附件3 row beside the 附件2 row of
    # its own points (written crosswise, the workbook's check judged the yellow one's disposal at the orange level)
    by_points: dict[tuple, tuple[int, RiskLevel | None]] = {}
    for n, line2 in enumerate(f2, start=1):
        numbers.setdefault(line2.key, n)
        by_points.setdefault((line2.key, line2.rec.points.items), (n, line2.level))

    f3: list[F3Line] = []
    listed_points = {line2.key: line2.rec.points for line2 in f2 if line2.rec.points.items}
    for u in units:
        sub = subs.get(u)
        if sub is None:  # nothing sent: no 附件3 rows
            continue
        same = same_facilities(sub)  # 附件3's name for a facility 附件2 writes otherwise
        # (…or writes in another width or spacing the keys do not tell apart, ＪＯＹ康养 / JOY康养: written as 附件2
        # spells it too, the township's in a comment, as the README says; audit of names)
        listed = {facility_key(r.name): r.raw.get("name") or r.name for r in sub.f2} if same or not sub.consolidated \
            else {}
        for r3 in sub.f3:
            k3 = facility_key(r3.name)
            key = (u, facility_id(r3, True) if sub.consolidated else same.get(k3, k3))
            if not r3.points.items and (p := listed_points.get(key)) and refers_to_list(r3.raw.get("points", "")):
                r3 = copy.copy(r3)  # 见附件2: written with the list's points, its words in 原填 (the township's record
                object.__setattr__(r3, "__dict__", {**r3.__dict__, "points": p})  # as read is left as it is)
            lvl, seq = levels.get(key), numbers.get(key, 0)
            if seq and (own := by_points.get((key, r3.points.items))) is not None and own[0] != seq:
                seq, lvl = own
            if lvl is None and r3.points.items:
                lvl = level_of(r3.points.items)
            spelt = listed.get(same[k3], "") if k3 in same else listed.get(k3, "")
            if spelt and k3 not in same and spelt == (r3.raw.get("name") or r3.name):
                spelt = ""  # (the same spelling on both forms: nothing to rewrite)
            f3.append(F3Line(u, r3, lvl, is_resolved(r3), seq, spelt))
    # in 附件2's order, numbered as there; a row 附件2 does not list after them, numbered on
    f3.sort(key=lambda x: (not x.seq, x.seq, _level_rank(x.level), order[x.unit]))
    for n, line3 in enumerate((x for x in f3 if not x.seq), start=len(f2) + 1):
        line3.seq = n

    f4 = [line for u in units for line in _f4_lines(u, subs[u].f4 if u in subs else [],
                                                    u in subs and subs[u].consolidated,
                                                    subs[u].unsent.get("F4", []) if u in subs else [])]
    f4 = [line for line in f4 if line.submitted or line.unit in configured_set]
    # (rows of a consolidated workbook are told apart; a township's own rows, multi-row or not, never: they only
    # make its name one two units hold — 汇龙镇（城区）（汇龙镇）; review)
    upper = lambda x: x.unit in subs and subs[x.unit].consolidated  # noqa: E731
    _tell_apart([(f1, "label", upper), (f2, "lead", upper), (f4, "label", upper)])
    f4_total = F4Line("合计", True, {f: sum_known([line.values.get(f) for line in f4 if line.submitted]) for f in F4_FIELDS})

    per_unit: dict[str, dict[str, int]] = defaultdict(lambda: {"error": 0, "warning": 0})
    for fnd in findings:
        if fnd.unit and fnd.severity.value in ("error", "warning"):
            per_unit[fnd.unit][fnd.severity.value] += 1
    unit_counts: dict[str, dict[RiskLevel, int]] = {u: dict.fromkeys(LISTED_LEVELS, 0) for u in units}
    # a facility listed twice (DUPLICATE_FACILITY, both rows kept and marked) is one 家, at its higher level: it was
    # counted twice in 汇总 and the report (audit of pairing)
    counted: dict[tuple, RiskLevel] = {}
    repeated = 0  # (汇总 says them: its 名单合计 and 附件2's rows then agree)
    for line in f2:  # one pass: units × rows would be quadratic at province scale
        if line.level in LISTED_LEVELS:
            had = counted.get(line.key) if line.key else None
            repeated += had is not None
            if had is None:
                unit_counts[line.unit][line.level] += 1
            elif had.rank < line.level.rank:
                unit_counts[line.unit][had] -= 1
                unit_counts[line.unit][line.level] += 1
            else:
                continue
            if line.key:
                counted[line.key] = line.level
    f1_by_unit: dict[str, list[F1Line]] = defaultdict(list)
    for x in f1:
        f1_by_unit[x.unit].append(x)
    from .pipeline import documents_by_unit, files_without_forms

    unreadable = files_without_forms(findings, config)  # (as status's SUBMISSION_MISSING says them)
    sent = documents_by_unit(documents, config)
    status = []
    for u in units:
        sub = subs.get(u)
        counts = unit_counts[u]
        lines = f1_by_unit.get(u, [])
        forms = sorted(k for k in sub.forms if received is None or k in received.get(u, ())) if sub else []
        stale = sorted(k for k in sub.forms if k not in forms) if sub else []
        status.append(UnitStatus(u, u in configured_set, forms, sub.files if sub else [],
                                 counts, *paired_progress(lines)[:2],
                                 per_unit[u]["error"], per_unit[u]["warning"], stale, tuple(unreadable.get(u, ())),
                                 tuple(sent.get(u, ())),
                                 unsent_below=_sent_below(sub) if sub else ()))
    return Consolidated(config.reporting_unit, period, units, f1, f1_total, f2, f3, f4, f4_total, status,
                        list(findings), repeated=repeated, deadlines=deadlines_text(period, config))


def deadlines_text(period: str, config: Config) -> str:
    """附件1–3 2022-06-20 前；附件4 每周三 17:00 前 — "" where the period is no month (the configuration's own
    deadlines, as status judges by them)."""
    from .periods import monthly_deadline, weekly_text

    try:
        monthly = f"附件1–3 {monthly_deadline(period, config).isoformat()} 前；"
    except (ValueError, IndexError):
        monthly = ""
    return f"{monthly}附件4 {weekly_text(config)} 前"


def _sent_below(sub: Submission) -> tuple[tuple[str, int], ...]:
    """What places below a unit its consolidated workbook says did not send: 未报送 on its 附件1 and on its 附件4
    where it has both is a place that sent nothing (a weekly workbook's 附件1 is 未报送 throughout, its 附件4 none:
    every town sent — 下级3个单位未报送 was said of a weekly round all had sent, audit of the levels); 未报送 on one
    of them only, a place that lacks that form (it was 附件1–4齐全 unsaid, the gap on the city's 附件4 alone; blind
    audit of levels)."""
    places = {k: {p for *_, p in sub.unsent.get(k, ())} for k in ("F1", "F4") if k in sub.unsent or k in sub.forms}
    if not places:
        return ()
    nothing = set.intersection(*places.values())
    return ((("", len(nothing)),) if nothing else ()) + tuple(
        (k, len(short)) for k, ps in places.items() if (short := ps - nothing))


def _tell_apart(sheets: list[tuple[list, str, Callable[[Any], bool]]]) -> None:
    """One level up, two cities may each have a 城南街道 (and each a 康乐养老院): rows of a township whose name
    two units hold get their unit after them (城南街道民政办（如皋市）, 城南街道（如皋市）), so that the workbook
    neither lists one facility twice (DUPLICATE_FACILITY when checked) nor hides which city a township is in, and
    the next period compares each with its own (periods._township). Each sheet's lines with the attribute holding
    the township's text (label, or 牵头排查单位 of rows `upper` says come from a consolidated workbook); judged
    over the whole workbook, so a 城南街道 listed on 附件2 by one city only is told apart as its 附件4 row is. Others
    are left as written."""
    units: dict[str, set[str]] = defaultdict(set)
    towns = [[town_key(text) if (text := getattr(line, attr)) and upper(line) else None for line in lines]
             for lines, attr, upper in sheets]
    if all(town is None for keys in towns for town in keys):
        return  # (no consolidated workbook among the inputs: a city's month, a province's 2,000 townships)
    # a township's own forms beside its city's workbook (a raw file sent up with it, UNIT_UNKNOWN): its rows, written
    # under its name, are the city's township's namesakes too — the consolidated workbook listed 汇龙镇 twice and
    # failed its own check, DUPLICATE_FACILITY (review). Said by its name; only the city's rows get the city after them
    own = [[town_key(getattr(line, attr) or line.unit) if town is None and not upper(line)
            and getattr(line, "submitted", True) else None for line, town in zip(lines, keys, strict=True)]
           for (lines, attr, upper), keys in zip(sheets, towns, strict=True)]
    for (lines, _, _), keys, mine in zip(sheets, towns, own, strict=True):
        for line, town, place in zip(lines, keys, mine, strict=True):
            if (town or place) is not None:
                units[town or place].add(line.unit)  # type: ignore[index]
    for (lines, attr, _), keys in zip(sheets, towns, strict=True):
        for line, town in zip(lines, keys, strict=True):
            if town is not None and len(units[town]) > 1:
                setattr(line, attr, f"{getattr(line, attr)}（{line.unit}）")


def lead_text(text: str, unit: str, config: Config) -> str:
    """附件2's 牵头排查单位 as the consolidated workbook writes it: the township's text when it names the
    township, else the township's name put before it (民政办 → 掘港街道民政办, 市场监管局 → 掘港街道（市场监管局）),
    so that one level up every row names its township and two townships' facilities of one name stay two."""
    if not text or not header_key(text):
        return unit  # (/, —: nothing written — it was 汇龙镇/ on the official form; blind audit of prose)
    if config.unit_named(text) == unit or header_key(unit) in header_key(text):
        return text
    rest = strip_decorations(header_key(text))
    if rest in _LEVEL_ONLY and text.startswith(rest):
        # 镇民政办, 街道社会事务办: the level before the office names no place (汇龙镇（镇民政办）; audit of prose)
        return f"{unit}{text[len(rest):]}"
    return f"{unit}{text}" if not rest else f"{unit}（{text}）"


_LEVEL_ONLY = NO_PLACE_WORDS | {"镇", "乡", "街道", "我乡"}  # (the words naming no place, config's own list)


def _level_rank(level: RiskLevel | None) -> int:
    return -(level.rank if level is not None else -1)
