"""Command-level operations of the core, shared by the CLI, tests and benchmarks (no terminal here)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .config import Config
from .findings import Code, Finding
from .report import EXIT_USAGE, Report

BESIDE_ROWS = 5_000  # rows on 附件2 + 附件3 from which the reports are written in a second process
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_name(text: str) -> str:
    """A file-name part Windows accepts, short enough for what is added to it (_校验标注.xlsx) within the 255 bytes a
    file name may have (60 Chinese characters are 180 bytes)."""
    name = _UNSAFE.sub("_", text).strip(" .")[:60]
    # (a name that is not UTF-8 on disk, GBK from a Windows zip, holds escapes: counted as its bytes, not refused —
    # it stopped the whole run, exit 2, beside a returned copy; blind audit of check)
    while len(name.encode("utf-8", "surrogateescape")) > 180:  # 60 characters of 4 bytes (emoji) would not fit
        name = name[:-1]
    return name.strip(" .") or "未命名"


def output_paths(out_dir: Path, unit: str, period: str, week: str | None = None) -> dict[str, Path]:
    """The three outputs' paths; a weekly round's (附件4 only) named by its Wednesday (`week`), so that week after
    week they are kept side by side and last week's can be --previous (they were all 启东市民政局_2022-06_汇总.xlsx)."""
    stem = f"{safe_name(unit)}_{safe_name(period if week is None else f'{week}周')}"
    return {"xlsx": out_dir / f"{stem}_汇总.xlsx", "html": out_dir / f"{stem}_报告.html",
            "md": out_dir / f"{stem}_报告.md"}


def run_consolidate(inbox: list[Path] | list[str], out_dir: Path, config: Config, period: str | None,
                    previous: Path | None = None, progress: Callable[[int, int, str], None] | None = None,
                    workers: int | None = None, max_rows: int | None = None,
                    found: list[tuple[Path, str]] | None = None):
    """Read, check, consolidate, write workbook and reports. Returns (report, consolidated). `found`: the files
    pipeline.find_files found in `inbox` (without `out_dir`), when the caller has looked already."""
    import os

    from .periods import snapshot_beside
    from .pipeline import batch_gc

    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    # the writer, too, allocates a million small objects that live to the end; last period's workbook (a
    # province's: 60,000 rows) is read in its own process while the inbox is
    with batch_gc(), snapshot_beside(previous, config, workers) as pending:
        return _run_consolidate(inbox, out_dir, config, period, previous, progress, workers, max_rows, pending, found)


def _own_name_only(loaded: Any, config: Config) -> Config:
    """A township as the consolidating unit (--unit 汇龙镇, as template's --unit names a town) over other towns'
    reports: a workbook of every town's rows signed 汇龙镇, read later as 汇龙镇's own report and counted twice one
    level up (audit of a clerk's day). A township putting its own files together (--unit 汇龙镇 over 汇龙镇's) may."""
    from .inbox import UsageError

    own = config.match_unit(config.reporting_unit).name
    others = [u for u in config.unit_names if u != own and u in loaded.submissions] if own else []
    if others:
        raise UsageError(
            f"汇总单位“{config.reporting_unit}”是名单中的报送单位（{own}），收件夹里却还有{'、'.join(others[:3])}"
            f"{'等' if len(others) > 3 else ''}的报表：这样的汇总表会被当成{own}自己的报表。--unit（或配置的 reporting_unit）"
            "应写本级汇总单位的全称（不写时取配置的 reporting_unit）；区镇把自己的几个文件合成一份时，收件夹里只放本单位的文件")
    if own:
        # its own workbook: the other towns of the list are no part of it (13 rows 未报送 and as many
        # SUBMISSION_MISSING in 常乐镇's own workbook; audit of config and levels)
        return config.model_copy(update={"units": [u for u in config.units if u.name == own]})
    return config


def _run_consolidate(inbox: list[Path] | list[str], out_dir: Path, config: Config, period: str | None, previous: Path | None,
                     progress: Callable[[int, int, str], None] | None, workers: int, max_rows: int | None,
                     pending: Any = None, found: list[tuple[Path, str]] | None = None):
    from .consolidate import consolidate
    from .inbox import outputs_inside
    from .pipeline import load
    from .render import write_reports
    from .safety import InputGuard
    from .writer import MAX_ROWS, write_consolidated

    # (our own workbook in 收件夹/输出, written when consolidate . was run in the inbox, is no submission either)
    # (and last month's workbook given as --previous, kept in the inbox: no submission)
    left_out = [out_dir, *outputs_inside(inbox), *([previous] if previous else [])]
    loaded, period = load(inbox, config, period, exclude=left_out, progress=progress, workers=workers, found=found,
                          after=_monthly_period_of(previous) if previous is not None and not period else "")
    config = _own_name_only(loaded, config)
    findings = list(loaded.findings)
    from .periods import f4_week, status, weekly_round

    arrivals, late_or_missing = status(loaded, config, period)  # who sent nothing, who was late
    findings.extend(late_or_missing)
    # what counts as received this period: a blank 附件1/4 or last period's report does not (汇总 and the report
    # say the same as SUBMISSION_MISSING)
    received = {ua.unit: set(ua.forms) for ua in arrivals}
    weekly = weekly_round(loaded)  # (its 附件4 undated: named 2022-06周, not the month's workbook written over)
    wednesday = f4_week(loaded.arrivals, config) if weekly else None
    paths = output_paths(out_dir, config.reporting_unit, period,
                         (wednesday.isoformat() if wednesday else period) if weekly else None)
    inputs = [loaded.paths[d] for d in loaded.files] + ([previous] if previous else [])
    guard = InputGuard(inputs)
    for p in paths.values():
        guard.check(p)
    changes = None
    if previous is not None:
        from .periods import compare_previous

        extra_findings, changes = compare_previous(previous, loaded, config, period, pending, received)
        findings[:] = _not_said_already(extra_findings, findings)
    cons = consolidate(loaded.submissions, config, period, findings, received, loaded.documents)
    if weekly:
        cons.set_weekly(wednesday.isoformat() if wednesday else period)
    cons.signed = (config.filler, config.head, config.phone)
    cons.footer_date = _footer_date(loaded, monthly=True)
    cons.undated = frozenset(ua.unit for ua in arrivals if ua.forms and not any(v["date"] for v in ua.forms.values()))
    cons.f4_date = _footer_date(loaded, monthly=False)
    cons.rows_read = loaded.rows_read
    cons.rows_superseded = loaded.rows_superseded
    cons.carried = loaded.carried
    report = Report(findings=findings, files=len(loaded.files), units=len(loaded.submissions), note=loaded.period_note,
                    rows_read=loaded.rows_read, rows_unreadable=loaded.rows_unreadable,
                    readable_files=loaded.readable_files)
    report.outputs = []
    report.rows_written = cons.rows_written
    report.rows_unreadable = loaded.rows_read - report.rows_written
    if loaded.rows_superseded:
        report.extra["rows_superseded"] = loaded.rows_superseded  # of rows_unreadable: replaced, not unreadable
    if loaded.facility_rows:
        # facility sheets (排查表) in the inbox: checked (their findings count) but no rows of 附件1–4 — said, not
        # silently outside every figure (audit of classify)
        report.extra["facility_rows"] = loaded.facility_rows
    if report.files and not any(k != "FAC" for sub in loaded.submissions.values() for k in sub.forms):
        # files that open but hold none of 附件1–4 (an address list, a facility sheet, the wrong folder): nothing
        # readable to consolidate, as when every file is corrupt — exit 2 and no workbook of twelve blank units
        # (it wrote one and exited 1; blind audit)
        report.force_exit = EXIT_USAGE
        return report, cons
    if report.readable_files or not report.files:
        from .parallel import beside
        from .safety import atomic_paths

        # the reports take a second at province scale: written on the other core while the workbook is; the
        # three replace last period's together, once all are written
        big = len(cons.f2) + len(cons.f3) >= BESIDE_ROWS
        with atomic_paths([paths["xlsx"], paths["html"], paths["md"]]) as (xlsx, html, md), \
                beside(write_reports, cons, html, md, changes, False, worth_it=big):
            write_consolidated(cons, xlsx, max_rows or MAX_ROWS, changes, atomic=False)
        report.outputs = [str(paths["xlsx"]), str(paths["html"]), str(paths["md"])]
    return report, cons


def _monthly_period_of(previous: Path) -> str:
    """The month last period's workbook states, where it is a month's (a weekly round's is of a week: "")."""
    from .periods import period_of_workbook, weekly_workbook

    return "" if weekly_workbook(previous) else period_of_workbook(previous) or ""  # (never raise: small_part)


def _not_said_already(extra: list[Finding], findings: list[Finding]) -> list[Finding]:
    """The findings with --previous's added, its STATS_DECREASED less those the inbox said already at their cell:
    last month's report of the township in the inbox beside this month's gave each fallen figure, and --previous
    the same fall again (12 warnings twice; audit of diff) — or the fall from another figure (a week 3 → 2 and last
    month's 4 → 2: two warnings at one cell; blind audit of codes). One per cell: the inbox's, which says which
    report the figure fell from, with last period's figure added where it differs."""
    said = {(f.file, f.sheet, f.cell): i for i, f in enumerate(findings)
            if f.code == Code.STATS_DECREASED and _FELL.search(f.message)}
    out = list(findings)
    for f in extra:
        i = said.get((f.file, f.sheet, f.cell)) if f.code == Code.STATS_DECREASED else None
        if i is None:
            out.append(f)
            continue
        before, now = _FELL.search(out[i].message), _FELL.search(f.message)
        if before and now and before[1] != now[1]:
            text = out[i].message
            out[i] = out[i].model_copy(update={"message": f"{text[:before.end()]}（上期汇总表中为{now[1]}）"
                                                          f"{text[before.end():]}"})
    return out


_FELL = re.compile(r"(\d+)减少为(\d+)")


def _footer_date(loaded, monthly: bool) -> str:
    from .pipeline import latest_report_date

    date = latest_report_date(loaded.arrivals, monthly)
    return date.isoformat() if date else ""
