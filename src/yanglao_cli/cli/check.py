"""`yanglao check`: validate files, optionally write annotated copies to send back."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    WRITTEN,
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
    keep_until_exit,
    load_config_or_fail,
    out,
    render_findings,
    render_summary,
    sent_units,
)


@app.command("check")
def check(
    paths: Annotated[list[str], typer.Argument(help="要校验的文件或文件夹（文件夹会被逐级搜索）", show_default=False,
                                                          metavar="文件或文件夹")],
    fmt: FormatOpt = Format.text,
    annotate: Annotated[Path | None, typer.Option("--annotate", "-a", file_okay=False,
                                                  help="把标注了问题单元格的副本写入此文件夹（原文件不改动）")] = None,
    config: ConfigOpt = None,
    period: PeriodOpt = None,
    template: Annotated[bool, typer.Option("--template", help="把文件作为空白填报模板校验：表是否齐全、表头是否与定义完全一致、"
                                                              "数据有效性（下拉列表、整数、日期、填写提示）是否齐全")] = False,
) -> None:
    """校验区镇报来的附件1–4：逐格指出错误，退出码 0=无错误，1=有错误，2=用法错误或无可读文件。"""
    json_on_failure(fmt, "check")
    if template and annotate is not None:
        # (a template's check names headers and drop-downs, no cell to mark in a copy: --annotate was passed over
        # without a word; audit of copies)
        fail("--template 校验空白模板的表头和下拉列表，不写标注副本；请去掉 --annotate，或校验填好的报表时再用")
    if template:
        from .template import run_check_template

        run_check_template([Path(p) for p in paths], fmt)
    from ..inbox import UsageError, default_output_unless_named
    from ..pipeline import load
    from ..report import Report
    from ..supersession import LEFT_OUT_LATER

    cfg = load_config_or_fail(config)
    try:
        # (consolidate's own workbook in its default 输出 folder inside the inbox is no township's: said as an error
        # and to be moved out, after consolidate put it there; audit of a clerk's day)
        loaded, _period = load(paths, cfg, check_period(period), workers=min(2, os.cpu_count() or 1),
                               other_periods_checked=True, exclude=default_output_unless_named(paths))
    except UsageError as e:
        fail(str(e))
    if not loaded.files:
        fail_no_files(fmt, "check", loaded.documents, loaded.own_outputs, loaded.locks, loaded.empty)
    keep_until_exit(loaded)
    # facility sheets' rows and units too: a 排查表 alone said 0 units, 0 rows read beside its findings (audit)
    report = Report(findings=loaded.findings, files=len(loaded.files),
                    units=len(loaded.submissions.keys() | loaded.facility_units),
                    rows_read=loaded.rows_read, readable_files=loaded.readable_files)
    report.account_rows(loaded)
    report.rows_read += loaded.facility_rows
    report.rows_written += loaded.facility_rows
    if annotate is not None:
        from ..annotate import annotate_files
        from ..safety import OutputRefused

        try:
            report.outputs = annotate_files(loaded, annotate, report.findings,
                                            workers=min(2, os.cpu_count() or 1))
            WRITTEN[:] = [str(p) for p in report.outputs]
        except OutputRefused as e:
            fail(str(e))

    def text() -> None:
        if report.findings:
            render_findings(report.findings)
        else:
            out().print("[green]未发现问题。[/]")
        render_summary(report)
        if len(report.findings) > 20:  # 200 alike findings over 1,000 lines: what they are, counted
            from collections import Counter

            by_code = Counter(f.code.value for f in report.findings)
            out().print("按代码：" + "，".join(f"{code} {n}" for code, n in by_code.most_common()), soft_wrap=True)
        # (a copy is written of a file that was read: not of one that could not be, nor of one holding no form)
        if annotate is None and any(f.severity.value != "info" and f.code.value not in ("FILE_UNREADABLE", "FORM_NOT_FOUND")
                                    for f in report.findings):
            out().print("[dim]下一步：加 --annotate 退回，在“退回”文件夹写出标注了问题的副本，发回区镇修改；"
                        "不明白的问题可运行 yanglao explain 代码[/]", soft_wrap=True)  # (a command is never cut in two)
        # a copy of every file is written (SPEC); which to send back is said, not left to the clerk to guess from
        # 14 alike lines (clerk review: clean townships were asked to report again)
        unreadable = {f.file for f in report.findings if f.code.value == "FILE_UNREADABLE"}
        copied = [d for d in loaded.files if d not in unreadable]
        serious: dict[str, list[int]] = {}
        for f in report.findings:
            if f.severity.value in ("error", "warning"):
                serious.setdefault(f.file, [0, 0])[f.severity.value == "warning"] += 1
                # (its copy is marked in another file too — 附件3's, a conflict written on both forms: that copy is
                # to be sent back as well; review)
                for other in {file for file, _, _ in f.also if file != f.file}:
                    serious.setdefault(other, [0, 0])[f.severity.value == "warning"] += 1
        # a file replaced by a later one, or holding no form: its own word, not 无需退回 or 需退回 (audit of check);
        # replaced whole — a monthly workbook whose 附件4 alone a later week's replaced still counts, its warnings
        # to be looked at (it was said 已被后报的一份取代，无需处理; audit of the send-back loop)
        forms_of: dict[str, list[bool]] = {}
        for a in loaded.arrivals:
            if a.rows:  # (a template's blank 附件1–3 beside the week's 附件4 is no form of its own; review)
                forms_of.setdefault(a.file, []).append(a.superseded)
        replaced = {file for file, superseded in forms_of.items() if all(superseded)}
        formless = {f.file for f in report.findings if f.code.value == "FORM_NOT_FOUND" and not f.sheet}
        thinner = {f.file for f in report.findings if f.code.value == "SUBMISSION_SUPERSEDED" and LEFT_OUT_LATER in f.message}
        for display, p in zip(copied, report.outputs or [], strict=False):
            errors, warnings = serious.get(display, (0, 0))
            if display in formless:
                out().print(f"标注副本·没有找到报表（FORM_NOT_FOUND，见上）：{esc(p)}", soft_wrap=True)
            elif display in replaced and not errors:
                # (a correction leaving facilities out: whether they are meant to go is the bureau's to ask; review)
                ask = "，但后报的一份少了机构，请与该单位核实" if display in thinner else ""
                out().print(f"标注副本·已被后报的一份取代，无需处理{ask}（SUBMISSION_SUPERSEDED）：{esc(p)}", soft_wrap=True)
            elif errors:  # SPEC: an error means the form is wrong and must be sent back; a warning, a person should look
                out().print(f"标注副本·需退回（错误 {errors}，警告 {warnings}）：{esc(p)}", soft_wrap=True)
            elif warnings:
                out().print(f"标注副本·请查看警告后决定（警告 {warnings}）：{esc(p)}", soft_wrap=True)
            else:
                out().print(f"标注副本·无需退回（未发现错误和警告）：{esc(p)}", soft_wrap=True)
        if annotate is not None:
            for f in report.findings:
                if f.code.value == "FILE_UNREADABLE":
                    out().print(f"[yellow]无法读取，未写出标注副本：{esc(f.file)}[/]", soft_wrap=True)
        if report.files and not report.readable_files:
            # (exit 2 with no word why, beside consolidate's 没有读到任何附件1–4; audit of the CLI)
            # (a zip to unpack, a lock file for its workbook: not for the township to send again — the line said
            # so whatever the findings said; blind audit of files)
            from ..pipeline import NOTES_ADVICE
            from ..safety import this_machine

            said = [f.message for f in report.findings if f.code.value == "FILE_UNREADABLE"]
            # (a file this computer cannot open — permissions, a broken link — is not the township's to send again:
            # the findings said so, the last line asked for it; audit of files)
            todo = "请按上面各文件的说明处理" if said and all(
                "压缩包" in m or "锁定文件" in m or NOTES_ADVICE in m or this_machine(m) for m in said) \
                else "请对方重新发送能打开的 .xlsx 文件"
            out().print(f"所给的文件都无法读取（原因见上），没有可校验的报表：{todo}（退出码 2）", soft_wrap=True)

    from ..inbox import passed_over_note

    emit(report, fmt, hinted(fmt, text, cfg.foreign_hint if cfg.foreign_inbox(sent_units(loaded)) else "",
                             passed_over_note(loaded.copies, loaded.empty)))
