"""`yanglao init` and `yanglao explain`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import ConfigOpt, app, esc, fail, load_config_or_fail, out

if TYPE_CHECKING:
    from ..config import Config


@app.command("init")
def init(
    output: Annotated[Path, typer.Option("--output", "-o", help="写出的配置文件（给文件夹则写入其中的 yanglao.toml）")] = Path("yanglao.toml"),
    force: Annotated[bool, typer.Option("--force", help="已存在时覆盖")] = False,
) -> None:
    """生成一份带注释的配置文件 yanglao.toml（汇总单位、应报单位、截止时间），按本地情况修改。"""
    from ..config import DEFAULT_TOML
    from ..safety import write_text_atomic

    if output.is_dir() or not output.suffix:
        # -o 配置/ wrote a file named 配置: a folder (to be made) is meant, as template -o 模板/ takes it (audit of
        # the CLI); the file in it is the one the tool looks for there
        output = output / "yanglao.toml"
    if output.exists() and not force:
        fail(f"{output} 已存在；如需覆盖请加 --force")
    write_text_atomic(output, DEFAULT_TOML)
    out().print(f"已写出配置文件：{esc(output)}", soft_wrap=True)


SEVERITY_MEANING = {"error": "报表有误，须退回区镇改正后重报",
                    "warning": "需要人工核实后决定是否退回",
                    "info": "仅作记录，无需修改"}


@app.command("explain")
def explain(
    code: Annotated[str | None, typer.Argument(
        help="校验问题代码，如 LEVEL_UNDERRATED（大小写均可）；也可以是中文关键词，如 等级；不填则列出全部",
        show_default=False, metavar="代码")] = None,
    config: ConfigOpt = None,
) -> None:
    """解释校验问题代码：含义、依据条款、错误与正确示例、如何在表中修改；不带代码则列出全部代码及级别。"""
    from ..findings import CATALOGUE, Code

    # (as the other commands: the deadlines of another city's yanglao.toml; audit) — read once, here
    given = load_config_or_fail(config) if config is not None else None

    if code is None:
        _explain_list(list(CATALOGUE.values()), "校验问题代码（共 {n} 个）".format)
        return
    key = code.strip().upper().replace("-", "_").replace(" ", "_")
    if key in Code.__members__:
        _explain_one(CATALOGUE[Code(key)], given)
        return
    word = code.strip()
    hits = [i for i in CATALOGUE.values() if word and any(word in t for t in (i.title, i.template, i.fix, i.clause))
            or i.code.value in _SAID_AS.get(word, ())]
    if hits and not word.isascii():
        _explain_list(hits, lambda n: f"含“{esc(word)}”的校验问题代码（{n} 个）")
        return
    import difflib

    near = difflib.get_close_matches(key, list(Code.__members__), n=1, cutoff=0.6)
    hint = f"，是否为 {near[0]}？" if near else "；运行 yanglao explain 查看全部代码"
    fail(f"没有校验问题代码“{code}”{hint}")


# words a clerk says for what a code's own text words otherwise (explain 逾期 found nothing; audit of the CLI)
_SAID_AS = {"逾期": ("SUBMISSION_LATE",), "迟报": ("SUBMISSION_LATE",), "晚报": ("SUBMISSION_LATE",),
            "超期": ("SUBMISSION_LATE",), "缺报": ("SUBMISSION_MISSING",), "漏报": ("SUBMISSION_MISSING",),
            "没报": ("SUBMISSION_MISSING",), "重报": ("SUBMISSION_SUPERSEDED",), "打不开": ("FILE_UNREADABLE",),
            "定级": ("LEVEL_UNDERRATED", "LEVEL_OVERRATED", "LEVEL_MISSING", "LEVEL_UNDETERMINED")}


def _explain_list(infos: list, title: Callable[..., str]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title(n=len(infos)), title_justify="left")
    table.add_column("代码", no_wrap=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("何时报告", overflow="fold")  # a CJK sentence is one word to Rich: folded, not cut with …
    for info in infos:
        table.add_row(info.code.value, info.severity.label, escape(info.title))
    out().print(table)
    out().print("查看某个代码的含义、依据、示例和修改方法：yanglao explain 代码，如 yanglao explain LEVEL_UNDERRATED",
                soft_wrap=True)


def _explain_one(info, given: Config | None = None) -> None:
    import re

    from rich.markup import escape
    from rich.panel import Panel

    sev = info.severity
    message = re.sub(r"\{\w+\}", "…", info.template)
    lines = [f"[bold]级别[/]：{sev.label}（{sev.value}）——{SEVERITY_MEANING[sev.value]}",
             f"[bold]含义[/]：{escape(info.title)}"]
    if message.strip("…"):
        lines.append(f"[bold]报告的说明[/]：{escape(message)}（…处为具体内容）")
    lines.append(f"[bold]依据[/]：{escape(info.clause)}")
    wrong, right, fix = info.wrong, info.right, info.fix
    local = _local_deadlines(given) if info.code.value == "SUBMISSION_LATE" else None
    if local:
        # the examples told by the local deadlines, not the notice's beside them (they said 截止6月20日 under a
        # configuration of the 25th; audit of another county)
        text, monthly, weekly = local
        late, early = min(monthly + 2, 30), max(monthly - 3, 1)
        wrong = wrong.replace("2022年6月22日", f"2022年6月{late}日").replace("截止6月20日", f"截止6月{monthly}日")
        right = right.replace("2022年6月17日", f"2022年6月{early}日").replace("6月20日前", f"6月{monthly}日前")
        fix = fix.replace("附件1–3 每月20日前，附件4 每周三17时前", f"附件1–3 每月{monthly}日前，附件4 {weekly}前")
    if wrong:
        lines.append(f"[bold]错误示例[/]：{escape(wrong)}")
    if right:
        lines.append(f"[bold]正确示例[/]：{escape(right)}")
    lines.append(f"[bold]如何修改[/]：{escape(fix)}")
    if local:
        lines.append(f"[bold]本地配置[/]：{escape(local[0])}")
    out().print(Panel("\n".join(lines), title=info.code.value, title_align="left"))


def _local_deadlines(given: Config | None = None) -> tuple[str, int, str] | None:
    """The deadlines --config's file (`given`, read already), else ./yanglao.toml, sets where they are not the
    notice's: status and consolidate judge by them, and explain gave the notice's alone (audit of the configuration).
    None when there is none or it is wrong; else what to say, the monthly day and the weekly deadline in words."""
    from ..config import ConfigError, load_config
    from ..periods import weekly_text

    try:
        config = given if given is not None else load_config(None)
    except ConfigError as e:
        # a broken ./yanglao.toml: said, not the notice's deadlines as if they were local (status and consolidate
        # refuse to run there; audit of the commands)
        return (f"{e}；以上按通知的截止时间（附件1–3 每月20日前、附件4 每周三17时前）说明，改正配置文件后 status 和 consolidate "
                "按其中的截止时间判断", 20, "每周三17时")
    monthly, weekly = config.deadlines.monthly_day, weekly_text(config)
    if monthly == 20 and config.deadlines.weekly_parts() == (2, 17, 0):
        return None
    return (f"{config.source} 规定附件1–3 每月{monthly}日前、附件4 {weekly}前报送，status 和 consolidate 按此判断是否逾期",
            monthly, weekly)
