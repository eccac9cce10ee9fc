"""`yanglao status` and `yanglao diff`: who has sent what, and what changed since last period."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .common import (
    NARROW,
    ConfigOpt,
    Format,
    FormatOpt,
    PeriodOpt,
    app,
    check_period,
    emit,
    esc,
    fail,
    fail_no_files,
    hinted,
    json_on_failure,
    load_config_or_fail,
    out,
    render_findings,
    sent_units,
    write_json,
)


@app.command("status")
def status(
    inbox: Annotated[list[str], typer.Argument(help="收件文件夹或文件", show_default=False, metavar="收件文件夹")],
    period: PeriodOpt = None,
    fmt: FormatOpt = Format.text,
    config: ConfigOpt = None,
) -> None:
    """各单位报送情况：哪些表已到、填报日期与文件时间、是否逾期、缺哪些表。

    未报送、逾期为警告，不影响退出码；填报单位不在单位名单中（UNIT_UNKNOWN）、文件无法读取或没有报表是错误。"""
    json_on_failure(fmt, "status")
    from rich.table import Table

    from ..findings import Code
    from ..inbox import UsageError, default_output_unless_named
    from ..periods import f4_week, misdated, monthly_deadline, monthly_not_due, weekly_round
    from ..periods import status as compute
    from ..pipeline import load
    from ..report import Report

    cfg = load_config_or_fail(config)
    try:
        loaded, used_period = load(inbox, cfg, check_period(period), workers=min(2, os.cpu_count() or 1), rules=False,
                                   exclude=default_output_unless_named(inbox))  # (as check: consolidate's own outputs)
    except UsageError as e:
        fail(str(e))
    if not loaded.files:  # nothing to say who sent what (SPEC: 2 = nothing readable), as check and consolidate
        fail_no_files(fmt, "status", loaded.documents, loaded.own_outputs, loaded.locks, loaded.empty)
    units, findings = compute(loaded, cfg, used_period)
    # which report counts where a unit sent one twice: the replaced ones' rows are counted as not read, and the
    # SUBMISSION_SUPERSEDED notes say why, as in check and consolidate
    findings = findings + [f for f in loaded.findings if f.code == Code.SUBMISSION_SUPERSEDED]
    # who sent it: a 填报单位 not in the list (南杨镇 for 南阳镇) shows as a unit of its own beside the one listed
    # as missing; the finding says which configured unit it is nearest (an error: exit 1, as check says)
    findings += [f for f in loaded.findings if f.code in (Code.UNIT_UNKNOWN, Code.UNIT_CONFLICT)]
    # a file that came but cannot be read, or holds no form, is to be sent again or moved out of the inbox, not
    # passed over (errors, as check and consolidate say them; SPEC: every problem is a finding). A file whose name
    # named no unit was left out: a township's report with renamed sheets arrived unseen (SPEC conformance audit)
    findings += [f for f in loaded.findings if f.code == Code.FILE_UNREADABLE or f.code == Code.FORM_NOT_FOUND]
    # a 填报日期 written but not a date (2022-06-31, 六月十八): said as check says it (an error), not taken for
    # none written — lateness cannot be judged until it is mended (audit of periods)
    # (2099-06-15 too: DATE_IN_FUTURE there, not the township called late for a slip of the year; audit of messages)
    bad_dates = {(a.file, a.sheet, a.cell) for a in loaded.arrivals if (a.date is None or misdated(a)) and a.cell}
    findings += [f for f in loaded.findings if f.code in (Code.VALUE_INVALID, Code.DATE_IN_FUTURE)
                 and (f.file, f.sheet, f.cell) in bad_dates]
    report = Report(findings=findings, files=len(loaded.files), units=sum(1 for u in units if u.forms),
                    rows_read=loaded.rows_read, readable_files=loaded.readable_files)
    report.account_rows(loaded)
    report.extra.update(period=used_period, missing=sum(1 for u in units if u.missing))
    not_due = monthly_not_due(used_period, cfg)
    weekly = weekly_round(loaded) or not_due
    week = f4_week(loaded.arrivals, cfg) if weekly else None
    if weekly:
        report.extra["weekly_only"] = True
    if week is not None:  # which week's 附件4 were asked for, as consolidate's JSON and workbook name it (audit)
        report.extra["week"] = week.isoformat()

    def unit_misdated(u: Any) -> bool:
        """A form whose 填报日期 is written but cannot be read (its cell known, no date)."""
        return any(not v["date"] and v["cell"] for v in u.forms.values())

    def text() -> None:
        round_of = f"（周报：{week.isoformat()} 这一周，仅附件4）" if week is not None else ""
        table = Table(title=f"{esc(cfg.reporting_unit)} {esc(used_period)}{round_of} 报送情况", title_justify="left")
        for h in ("单位", "附件1", "附件2", "附件3", "附件4", "情况"):
            table.add_column(h, overflow="fold")  # (a date folded, never cut to 2022-06-…)
        lines = []  # a window narrower than the table: a line a unit (2022-06-… lost its day at 70 columns; audit)
        for u in units:
            cells = []
            for k in ("F1", "F2", "F3", "F4"):
                info = u.forms.get(k)
                if info is None:
                    cells.append("—" if weekly and k != "F4" else "[red]未报[/]")
                else:
                    mark = "[yellow]逾期[/] " if info["late"] else ""
                    when = f"\n[dim]文件 {esc(info['mtime'])}[/]" if info.get("mtime") else ""  # SPEC: and file time
                    # (the hour where written: 逾期 2022-06-15 alone looked on time for a Wednesday; audit)
                    date = esc(f"{info['date']} {info['time']}".strip()) if info["date"] else \
                        "[red]日期有误[/]" if info["cell"] else "无日期"
                    cells.append(f"{mark}{date}{when}")
            state = "[red]缺报[/]、[yellow]逾期[/]" if u.missing and u.late else "[red]缺报[/]" if u.missing else \
                "[yellow]逾期[/]" if u.late else \
                "[red]填报日期有误[/]" if unit_misdated(u) else "[yellow]未填报日期[/]" if u.undated else "[green]按时[/]"
            table.add_row(esc(u.unit), *cells, state)
            lines.append(f"{esc(u.unit)}：{state}；" + "；".join(
                f"附件{k} {c}".replace("\n[dim]文件 ", "（[dim]文件 ") + ("）" if "\n[dim]" in c else "")
                for k, c in enumerate(cells, start=1)))
        if out().width < NARROW:
            out().print(table.title, soft_wrap=True)
            for line in lines:
                out().print(line, soft_wrap=True)
        else:
            out().print(table)
        if findings:
            render_findings(findings)
        # the answer in one line (a clerk's question is who is late or missing, not the table's 48 cells)
        # the configured units (a 填报单位 not in the list is said apart: it is no unit of this level yet)
        listed = set(cfg.unit_names)
        # a unit late with some forms and missing others is both (it was said missing only: audit of status)
        late = [u.unit for u in units if u.late and u.unit in listed]
        missing = [u.unit for u in units if u.missing]
        undated = [u.unit for u in units if u.unit in listed and not u.late and not u.missing and u.undated
                   and not unit_misdated(u)]
        wrong = [u.unit for u in units if u.unit in listed and not u.late and not u.missing and unit_misdated(u)]
        on_time = len(listed) - len(set(late) | set(missing) | set(undated) | set(wrong))
        others = [u.unit for u in units if u.unit not in listed]
        if not_due:
            out().print(f"附件1–3 的截止日期是 {monthly_deadline(used_period, cfg).isoformat()}，尚未到期：只检查附件4（周报）的报送，"
                        "已收到的附件1–3 照常列出。")
        elif weekly:
            out().print("收件夹中只有附件4（周报）：只检查附件4 的报送；附件1–3 按月报另行检查。")
        out().print(f"共 {len(listed)} 个单位：按时 {on_time}，逾期 {len(late)}" + (f"（{esc('、'.join(late))}）" if late else "")
                    + f"，缺报 {len(missing)}" + (f"（{esc('、'.join(missing))}）" if missing else "")
                    + (f"，未填报日期 {len(undated)}（{esc('、'.join(undated))}）" if undated else "")
                    + (f"，填报日期有误 {len(wrong)}（{esc('、'.join(wrong))}，见 VALUE_INVALID）" if wrong else "")
                    + (f"；另有名单外 {len(others)} 个（{esc('、'.join(others))}，见 UNIT_UNKNOWN）" if others else ""))

    # (undated: forms without a 填报日期, not judged on time — the screen's 未填报日期, for a program reading JSON)
    configured = set(cfg.unit_names)
    from ..inbox import passed_over_note

    emit(report, fmt, hinted(fmt, text, cfg.foreign_hint if cfg.foreign_inbox(sent_units(loaded)) else "",
                             "\n".join(t for t in (loaded.period_note, passed_over_note(loaded.copies, loaded.empty)) if t)),
         units=[{"unit": u.unit, "forms": u.forms, "missing": u.missing, "late": u.late,
                                    "undated": [k for k, v in u.forms.items() if not v["date"] and not v["cell"]],
                                    # (a unit outside the list — UNIT_UNKNOWN — told apart for a program; audit)
                                    "configured": u.unit in configured}
                                   for u in units])


@app.command("diff")
def diff(
    old: Annotated[Path, typer.Argument(help="上一期 consolidate 写出的汇总表（.xlsx）", metavar="上期汇总表",
                                        dir_okay=False, show_default=False)],
    new: Annotated[Path, typer.Argument(help="本期 consolidate 写出的汇总表（.xlsx）", metavar="本期汇总表",
                                        dir_okay=False, show_default=False)],
    fmt: FormatOpt = Format.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False,
                                                help="把变化写入此 .xlsx 文件")] = None,
    config: ConfigOpt = None,
) -> None:
    """比较两期汇总表：新增、移出、升级、降级、已化解、新增措施；未化解却移出名单的机构会被标出。"""
    json_on_failure(fmt, "diff")
    from rich.table import Table

    from ..findings import by_unit
    from ..inbox import UsageError, shown
    from ..periods import check_pair, diff_snapshots, load_snapshots, period_of_workbook, stats_decreased
    from ..report import Report
    from ..safety import OutputRefused, ensure_not_input

    def refuse(message: str, findings: list | None = None) -> NoReturn:
        """One line on stderr, exit 2; with --format json stdout still holds the one object SPEC promises, with
        the findings of a workbook that could not be read (it said errors 0 beside exit 2; SPEC audit)."""
        if fmt == Format.json:
            # (a usage error reads no file: files 0, as every other command says it; audit of the CLI)
            write_json(Report(files=2 if findings else 0, findings=list(findings or [])).to_json(changes=[]))
        fail(message)

    if output is not None and output.suffix.lower() != ".xlsx":
        refuse(f"输出文件须为 .xlsx：{output}")  # as template: a workbook under another name would not open
    if output is not None and output.is_file() and not output.is_symlink() \
            and not any(p.is_file() and output.samefile(p) for p in (old, new)):  # (those: 输入, said below)
        from ..reader import marked_diff

        if not marked_diff(output):
            # (a township's report in the inbox was replaced by the changes, exit 0; audit of a first-time clerk)
            refuse(f"{output} 已存在，且不是 diff 写出的变化表；为免覆盖别的工作簿，请换一个文件名或先把它移走")
    def in_order(before: str | None, after: str | None) -> None:
        if before and after and before > after:  # swapped: every figure would seem to fall, every facility to leave
            refuse(f"上期汇总表“{shown(old.name)}”是{before}的，晚于本期“{shown(new.name)}”的{after}；"
                   "请先写上期、再写本期：yanglao diff 上期汇总表 本期汇总表")

    before, after = (period_of_workbook(p) if p.is_file() else None for p in (old, new))
    in_order(before, after)
    if old.is_file() and new.is_file() and old.samefile(new):
        refuse(f"上期和本期给的是同一个文件“{shown(old.name)}”；请给出两期的汇总表：yanglao diff 上期汇总表 本期汇总表")
    cfg = load_config_or_fail(config)
    try:
        a, b = load_snapshots([old, new], cfg, workers=min(2, os.cpu_count() or 1))
        check_pair(old, a, new, b)
        in_order(before or a.period, after or b.period)  # (a title property gone: the 汇总 sheet says)
        if (before or a.period) == (after or b.period) and a.week and b.week and a.week > b.week:
            # two weekly workbooks of one month, swapped: every figure seemed to fall (review)
            refuse(f"上期汇总表“{shown(old.name)}”的附件4 是 {a.week.isoformat()} 那一周的，晚于本期“{shown(new.name)}”的 "
                   f"{b.week.isoformat()}；请先写上期、再写本期：yanglao diff 上期汇总表 本期汇总表")
        if output is not None:
            ensure_not_input(output, [old, new])
        same = (before or a.period) == (after or b.period) and bool(before or a.period)
        if same and not (a.week and b.week and a.week < b.week):
            # one month's workbook twice (made again after corrections, or a copy): SPEC's two periods, as
            # --previous refuses it; a week's after an earlier week's of the month is compared (blind audit of diff)
            names = (old.name, new.name) if old.name != new.name else (str(old), str(new))
            refuse(f"“{shown(names[0])}”和“{shown(names[1])}”都是{before or a.period}的汇总表，不是两期；"
                   "请给出上一期和本期的汇总表：yanglao diff 上期汇总表 本期汇总表")
    except (UsageError, OutputRefused) as e:
        refuse(str(e), getattr(e, "findings", None))
    # the configured units first, then the townships in the order the workbooks list them: one level up (units the
    # cities) 海门区's towns came between 启东市's, by their names' code points (blind audit of diff)
    units = list(dict.fromkeys([*cfg.unit_names, *b.town_order, *a.town_order]))
    changes, findings = diff_snapshots(a, b, cfg.unit_names, units)
    findings += stats_decreased(a, b)
    # unit by unit in the configured order, as the changes and consolidate's 校验问题 (they came by last period's row)
    order = by_unit(units)
    findings.sort(key=order)
    # rows and units as check counts them (the summary said 0 rows read, and counted only units with a change)
    unreadable = a.rows_unreadable + b.rows_unreadable
    report = Report(findings=findings, files=2, units=len(a.read_units | b.read_units), readable_files=2,
                    rows_read=a.rows_read + b.rows_read, rows_unreadable=unreadable,
                    rows_written=a.rows_read + b.rows_read - unreadable, order=order)
    weekly = next((p for p, snap in ((old, a), (new, b)) if snap.weekly), None)
    # (a weekly round's workbook holds 附件4 alone: no list to compare, not 两期名单没有变化)
    note = f"“{shown(weekly.name)}”是周报汇总（只有附件4），没有名单：只比较附件4 累计数（下降见校验问题），名单变化请比较两期月报汇总。" \
        if weekly is not None else "" if changes else "两期名单没有变化。"
    if output is not None:
        from ..writer import write_changes

        write_changes(changes, findings, output, f"{shown(old.name)} → {shown(new.name)}", note)
        report.outputs = [str(output)]

    def text() -> None:
        table = Table(title=f"{esc(old.name)} → {esc(new.name)}", title_justify="left")
        for h in ("单位", "机构", "变化", "上期", "本期"):
            # (folded, never cut: two long names sharing their start could not be told apart at 80 columns; blind
            # audit of the commands)
            table.add_column(h, overflow="fold")
        for c in changes:
            table.add_row(*map(esc, (c.unit, c.facility, c.kind_label, c.old, c.new)))
        out().print(esc(note) if note else table)
        if findings:
            render_findings(findings, order=order)
        if changes:
            from collections import Counter

            kinds = Counter(c.kind_label for c in changes)
            out().print(f"共 {len(changes)} 项变化：" + "，".join(f"{k} {n}" for k, n in kinds.items())
                        + f"；未化解却移出名单 {sum(f.code.value == 'FACILITY_DROPPED' for f in findings)}")
        for p in report.outputs or []:
            out().print(f"已写出：{esc(p)}", soft_wrap=True)

    emit(report, fmt, text, changes=[c.as_dict() for c in changes])
