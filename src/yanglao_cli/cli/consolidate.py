"""`yanglao consolidate`: one official workbook and a report from a folder of township files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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
    err,
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
)


@app.command("consolidate")
def consolidate(
    inbox: Annotated[list[str], typer.Argument(help="收件文件夹或文件（可多个）", show_default=False, metavar="收件文件夹")],
    output: Annotated[Path, typer.Option("--output", "-o", file_okay=False, help="输出文件夹")] = Path("输出"),
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="汇总单位名称（默认取配置中的 reporting_unit）")] = None,
    period: PeriodOpt = None,
    previous: Annotated[Path | None, typer.Option("--previous", help="上期汇总表，用于比较累计数和名单变化",
                                                  dir_okay=False)] = None,
    fmt: FormatOpt = Format.text,
    config: ConfigOpt = None,
) -> None:
    """汇总各单位报表：写出汇总表（附件1–4、汇总、校验问题）和 HTML/Markdown 报告。"""
    json_on_failure(fmt, "consolidate")
    from ..inbox import UsageError
    from ..safety import OutputRefused
    from ..service import run_consolidate

    cfg = load_config_or_fail(config)
    # (--unit "  " wrote a workbook signed by no one that failed its own check, UNIT_UNKNOWN on every form; as
    # --unit "" — a script's unset variable — it is the configured reporting unit; audit of the CLI)
    unit = unit.strip() if unit else None
    if unit:
        named = cfg.short_form_of(unit)
        if named:
            # a unit's short name (--unit 常乐) written as the list has it, as template does: the 填报单位 line and
            # the file names said 常乐 (audit of config and levels)
            err().print(f"提示：“{esc(unit)}”按配置的单位名单写作“{esc(named)}”。")
            unit = named
        else:
            _refuse_near_miss(unit, cfg)
        # (another unit's workbook is not signed by the configured unit's people: 掘港's was by the county's; audit)
        from ..units import is_reporting_unit

        # (--unit 启东市 is the configured bureau written shorter: its people sign; review)
        signed = {} if is_reporting_unit(unit, cfg) else {"filler": "", "head": "", "phone": ""}
        cfg = cfg.model_copy(update={"reporting_unit": unit, **signed})
    elif cfg.reporting_unit_note:
        err().print(f"提示：{esc(cfg.reporting_unit_note)}")
    if not output.exists() and output.suffix.lower() in (".xlsx", ".xls", ".html", ".md"):
        # -o 汇总.xlsx made a folder named 汇总.xlsx holding the three outputs (audit of the CLI as typed)
        fail(f"-o 是输出文件夹（汇总表和报告都写在里面，文件名自动取），不是文件名：“{output}”；如 -o 输出")
    from ..inbox import find_files, outputs_inside

    try:  # as check: an inbox without a single spreadsheet is a usage error, and nothing is written
        # (last month's consolidated workbook kept in the inbox and given as --previous: the previous period, not a
        # submission — it was UNIT_UNKNOWN, 请把它移出收件夹, exit 1; blind audit of diff)
        found = find_files(inbox, [output, *outputs_inside(inbox), *([previous] if previous else [])])
    except UsageError as e:
        fail(str(e))
    if not found:
        fail_no_files(fmt, "consolidate", found.documents, found.own, found.locks, found.empty)
    progress = _progress() if fmt == Format.text else None
    try:  # (the files found are read: searching 2,000 of them again took 0.15 s)
        report, cons = run_consolidate(inbox, output, cfg, check_period(period), previous,
                                       progress=progress[1] if progress else None, found=found)
        keep_until_exit(cons)
        WRITTEN[:] = [str(p) for p in report.outputs or []]
    except (UsageError, OutputRefused) as e:
        fail(str(e))
    finally:
        if progress and progress[0].live.is_started:  # stopping a bar never shown prints an empty line
            progress[0].stop()

    def text() -> None:
        if report.findings:
            render_findings(report.findings)
        render_summary(report)
        for p in report.outputs or []:
            out().print(f"已写出：{esc(p)}", soft_wrap=True)
        if not report.outputs and report.files:
            out().print("没有读到任何附件1–4，未写出汇总表和报告")

    foreign = cfg.foreign_inbox(s.unit for s in cons.status if s.forms)  # (a blank template sent back: none)
    report.extra.setdefault("period", cons.period)  # (the month, as status's; a weekly round's week beside it)
    if cons.week:
        report.extra.setdefault("week", cons.week)
    # (under --format json an exit 2 said nothing of why on stderr, where the text says it; audit of the commands)
    unwritten = "没有读到任何附件1–4，未写出汇总表和报告" if not report.outputs and report.files and fmt != Format.text else ""
    from ..inbox import passed_over_note

    emit(report, fmt, hinted(fmt, text, cfg.foreign_hint if foreign else "",
                             "\n".join(t for t in (unwritten, report.note, passed_over_note(found.copies, found.empty),
                                                   _written_among_inputs(inbox, output, bool(report.outputs))) if t)))


def _written_among_inputs(inbox: list[Path] | list[str], output: Path, written: bool) -> str:
    """-o naming the inbox (or a folder in it other than 输出): consolidate passes over its own outputs there, but
    a later check or status of the inbox read the workbook as a report received (UNIT_UNKNOWN, exit 1) with nothing
    said when it was written (audit of a first-time clerk)."""
    from ..inbox import DEFAULT_OUTPUT

    if not written:
        return ""
    try:
        out = Path(output).resolve()
        for p in map(Path, inbox):
            folder = p.resolve()
            if p.is_dir() and (out == folder or folder in out.parents) and out != folder / DEFAULT_OUTPUT:
                return (f"注意：汇总表和报告写在了收件夹“{p}”里面；以后对这个收件夹运行 check、status 时，汇总表会被当作"
                        f"收到的报表（UNIT_UNKNOWN）。建议把它们移出收件夹，或下次用 -o 指向收件夹以外的文件夹（或其中的“{DEFAULT_OUTPUT}”）")
    except OSError:
        return ""
    return ""


def _refuse_near_miss(unit: str, cfg: Any) -> None:
    """A township's name one character off a configured one (汇尤镇 for 汇龙镇): refused, as template refuses it. The
    consolidated workbook and reports were written under the misspelt name, ready to be sent up (audit of the
    inbox-level codes). A unit of another level (南通市民政局, 海门区) or one the configuration names is taken."""
    from ..units import is_reporting_unit

    match = cfg.match_unit(unit)
    if match.name is None and match.suggestion and unit.strip().endswith(("镇", "乡", "街道")) and \
            not is_reporting_unit(unit, cfg):
        fail(f"“{unit.strip()}”不在配置的单位名单（{cfg.source}）中，是否为“{match.suggestion}”？汇总表和报告会以这个"
             "名称写出。名称无误时，请在 yanglao.toml 的 reporting_unit 中写上它再汇总")


def _progress():
    """A Rich progress bar over files, shown only when there are many."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(TextColumn("读取文件"), BarColumn(), MofNCompleteColumn(), console=err(), transient=True)
    state = {"task": None}

    def update(done: int, total: int, _name: str) -> None:
        if total < 20:
            return
        if state["task"] is None:
            bar.start()
            state["task"] = bar.add_task("read", total=total)
        bar.update(state["task"], completed=done)
        if done >= total:
            bar.stop()  # reading is over: no refresh thread while the workbook and reports are written

    return bar, update
