"""`yanglao template`: blank workbooks with drop-down lists and input hints; `check --template` renders here too."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ..oserrors import why as os_why
from .common import (
    ConfigOpt,
    Format,
    app,
    check_period,
    emit,
    err,
    esc,
    fail,
    load_config_or_fail,
    out,
    render_findings,
)

if TYPE_CHECKING:
    from ..template import TemplateKind


class KindChoice(StrEnum):
    """template.TemplateKind, spelled here so that --help does not import the workbook code."""

    submission = "submission"
    facility = "facility"


@app.command("template")
def template(
    unit: Annotated[str | None, typer.Option(
        "--unit", "-u", help="填报单位（区镇、街道）名称，写入“填报单位”行和附件1“乡镇”列、附件4首列；不填则留空由区镇填写")] = None,
    period: Annotated[str | None, typer.Option(
        "--period", "-p", help="报告期，如 2022-06，写入各表标题（如“（2022年6月）”）和填报日期的填写提示")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="输出文件（.xlsx）或文件夹；默认 [单位_][报告期_]附件1-4_填报模板.xlsx 或 …排查表_填报模板.xlsx")] = None,
    kind: Annotated[KindChoice, typer.Option(
        "--kind", "-k", help="submission = 附件1–4（四张工作表）；facility = 养老服务机构风险隐患排查表",
        case_sensitive=False)] = KindChoice.submission,  # (--kind FACILITY refused where --format JSON is taken; audit)
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖")] = False,
    config: ConfigOpt = None,
) -> None:
    """生成空白填报模板：下拉列表、填写提示和表头保护，区镇按模板填报，大部分错误无法录入。"""
    from ..template import TemplateKind, write_template

    cfg = load_config_or_fail(config)
    period = check_period(period)
    tkind = TemplateKind(kind.value)
    name = ""
    if unit is not None:
        name = unit.strip()
        if not name:
            fail("--unit 不能为空")
        from ..units import is_reporting_unit

        match = cfg.match_unit(name)
        if match.name is None and is_reporting_unit(name, cfg):
            # "是否为“海门街道”？" was said of the county's own name (audit of config and levels)
            fail(f"“{name}”是本级汇总单位（配置的 reporting_unit），不是填报的区镇；--unit 写要填报的单位，"
                 f"如“{cfg.unit_names[0]}”，不写 --unit 则生成不带单位名的模板")
        if match.name is None:
            # refused: a template for a unit not in the list comes back UNIT_UNKNOWN on every sheet, and a script
            # making one per township would not notice a mistyped name in a hint (audit of the template)
            hint = f"，是否为“{match.suggestion}”？" if match.suggestion else "。"
            fail(f"“{name}”不在配置的单位名单（{cfg.source}）中{hint}按它生成的模板报回时会被判为单位不在名单中"
                 "（UNIT_UNKNOWN）。名单外的单位（如开发区）请先在 yanglao.toml 的 units 中加上，再生成模板")
        elif match.name != name:
            err().print(f"提示：“{esc(name)}”按配置的单位名单写作“{esc(match.name)}”。")
            name = match.name
    target = _target(output, tkind, name, period or "")
    if target.exists() and not force:
        fail(f"{target} 已存在；如需覆盖请加 --force")
    try:
        write_template(target, tkind, name, period or "", cfg.unit_names)
    except OSError as e:
        fail(f"无法写出 {target}：{os_why(e)}")
    sheets = "附件1、附件2、附件3、附件4" if tkind == TemplateKind.submission else "排查表"
    out().print(f"已写出填报模板：{esc(target)}（{esc(sheets)}）", soft_wrap=True)


def _target(output: Path | None, kind: TemplateKind, unit: str, period: str) -> Path:
    from ..template import default_name

    if output is None:
        return Path(default_name(kind, unit, period))
    if output.is_dir() or not output.suffix:  # a folder, or one to be made (-o 模板/)
        return output / default_name(kind, unit, period)
    if output.suffix.lower() != ".xlsx":
        fail(f"输出文件须为 .xlsx：{output}")
    return output


def run_check_template(paths: list[Path], fmt: Format) -> NoReturn:
    """`yanglao check --template`: report and exit like `check` (0 = 模板无错误, 1 = 有错误, 2 = 用法错误)."""
    from ..findings import counts
    from ..inbox import UsageError
    from ..template import template_report

    try:
        report = template_report(paths)
    except UsageError as e:
        fail(str(e))
    if not report.files:
        fail("没有找到 Excel 文件（.xlsx）")

    def text() -> None:
        if report.findings:
            render_findings(report.findings)
        else:
            out().print("[green]模板校验通过：表齐全，表头与定义一致，数据有效性齐全。[/]")
        c = counts(report.findings)
        out().print(f"共 {report.files} 个模板文件；错误 {c['errors']}，警告 {c['warnings']}，提示 {c['infos']}")

    emit(report, fmt, text)
