"""`yanglao init` and `yanglao explain`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import app, fail, out


@app.command("init")
def init(
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="写出的配置文件")] = Path("yanglao.toml"),
    force: Annotated[bool, typer.Option("--force", help="已存在时覆盖")] = False,
) -> None:
    """生成一份带注释的配置文件 yanglao.toml（汇总单位、应报单位、截止时间），按本地情况修改。"""
    from ..config import DEFAULT_TOML
    from ..safety import write_text_atomic

    if output.exists() and not force:
        fail(f"{output} 已存在；如需覆盖请加 --force")
    write_text_atomic(output, DEFAULT_TOML)
    out().print(f"已写出配置文件：{output}")


@app.command("explain")
def explain(
    code: Annotated[str | None, typer.Argument(help="校验问题代码，如 LEVEL_UNDERRATED；不填则列出全部",
                                               show_default=False)] = None,
) -> None:
    """解释校验问题代码：含义、依据条款、错误与正确示例、如何修改。"""
    from rich.panel import Panel
    from rich.table import Table

    from ..findings import CATALOGUE, Code

    if code is None:
        table = Table(title="校验问题代码", title_justify="left")
        table.add_column("代码", no_wrap=True)
        table.add_column("级别", no_wrap=True)
        table.add_column("何时报告")
        for info in CATALOGUE.values():
            table.add_row(info.code.value, info.severity.label, info.title)
        out().print(table)
        return
    key = code.strip().upper()
    if key not in Code.__members__:
        import difflib

        near = difflib.get_close_matches(key, list(Code.__members__), n=1)
        hint = f"，是否为 {near[0]}？" if near else "；运行 yanglao explain 查看全部代码"
        fail(f"没有代码 {code}{hint}")
    info = CATALOGUE[Code(key)]
    lines = [f"[bold]级别[/]：{info.severity.label}（{info.severity.value}）",
             f"[bold]何时报告[/]：{info.title}",
             f"[bold]依据[/]：{info.clause}",
             f"[bold]如何修改[/]：{info.fix}"]
    if info.wrong:
        lines.append(f"[bold]错误示例[/]：{info.wrong}")
    if info.right:
        lines.append(f"[bold]正确示例[/]：{info.right}")
    out().print(Panel("\n".join(lines), title=info.code.value, title_align="left"))
