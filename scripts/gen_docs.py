#!/usr/bin/env python
"""Generate docs/findings.md (from findings.CATALOGUE) and docs/cli.md (from every command's --help).

    python scripts/gen_docs.py           # rewrite both files
    python scripts/gen_docs.py --check   # exit 1 if the committed files differ from what the code gives

Help is rendered through typer.testing.CliRunner at a fixed width with colours off, so the output does not
depend on the terminal that runs the script. tests/test_docs.py runs the same functions in memory.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FINDINGS_MD = ROOT / "docs" / "findings.md"
CLI_MD = ROOT / "docs" / "cli.md"
WIDTH = 100
HELP_ENV = {"COLUMNS": str(WIDTH), "LINES": "50", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None,
            "PY_COLORS": None, "CLICOLOR_FORCE": None}

_NOTE = "本文件由 `python scripts/gen_docs.py` 生成，请勿手工修改；`python scripts/gen_docs.py --check` 检查是否过期。"


def _cell(text: str) -> str:
    """Text for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _message(template: str) -> str:
    return re.sub(r"\{\w+\}", "…", template)


def findings_md() -> str:
    from yanglao_cli.findings import CATALOGUE, EXTRA_CODES, Severity

    meaning = {Severity.ERROR: "报表有误，须退回区镇改正后重报；有错误时命令以退出码 1 结束",
               Severity.WARNING: "需要人工核实后决定是否退回",
               Severity.INFO: "仅作记录，无需修改"}
    lines = ["# 校验问题代码", "", f"> {_NOTE}", "",
             "每个问题都报告文件、工作表、单元格（如 D7）、单位和机构。命令行中 `yanglao explain 代码` 显示同样的说明。",
             "", "级别：", ""]
    for sev in Severity:
        lines.append(f"- **{sev.label}（{sev.value}）**：{meaning[sev]}")
    lines += ["", "| 代码 | 级别 | 何时报告 |", "|---|---|---|"]
    for info in CATALOGUE.values():
        code = info.code.value
        lines.append(f"| [{code}](#{code.lower()}) | {info.severity.label}（{info.severity.value}） | "
                     f"{_cell(info.title)} |")
    for info in CATALOGUE.values():
        lines += ["", f"## {info.code.value}", ""]
        if info.code in EXTRA_CODES:
            lines += ["（本工具增加的代码：产品规格 SPEC 的代码表中没有，规格对此情形未作规定。）", ""]
        lines += [f"- **级别**：{info.severity.label}（{info.severity.value}）",
                  f"- **何时报告**：{info.title}"]
        message = _message(info.template)
        if message.strip("…"):
            lines.append(f"- **报告的说明**：{message}（…处为具体内容）")
        lines.append(f"- **依据**：{info.clause}")
        if info.wrong:
            lines.append(f"- **错误示例**：{info.wrong}")
        if info.right:
            lines.append(f"- **正确示例**：{info.right}")
        lines.append(f"- **如何修改**：{info.fix}")
    return "\n".join(lines) + "\n"


def command_paths() -> list[list[str]]:
    """Every command of the Click tree, root first, in registration order: [[], ["check"], ...]."""
    import typer.main

    from yanglao_cli.cli.app import app

    out: list[list[str]] = []

    def walk(cmd, path: list[str]) -> None:  # a Click command (typer may vendor Click: no isinstance)
        out.append(path)
        for name, sub in (getattr(cmd, "commands", None) or {}).items():
            if not sub.hidden:
                walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return out


def help_text(path: list[str]) -> tuple[int, str]:
    """(exit code, output) of `yanglao PATH --help` at a fixed width, trailing spaces stripped."""
    from typer.testing import CliRunner

    from yanglao_cli.cli.app import app

    res = CliRunner().invoke(app, [*path, "--help"], env=HELP_ENV, prog_name="yanglao", color=False,
                             terminal_width=WIDTH, max_content_width=WIDTH)
    text = "\n".join(line.rstrip() for line in res.output.splitlines()).strip("\n")
    return res.exit_code, text


def cli_md() -> str:
    lines = ["# 命令参考", "", f"> {_NOTE}", "",
             "退出码：0 = 没有错误（可以有警告），1 = 发现错误（输出照常写出），2 = 用法错误或没有可读的文件。", ""]
    paths = command_paths()
    for path in paths[1:]:
        name = " ".join(["yanglao", *path])
        lines.append(f"- [`{name}`](#{name.replace(' ', '-')})")
    for path in paths:
        code, text = help_text(path)
        if code != 0:
            raise SystemExit(f"yanglao {' '.join(path)} --help 退出码为 {code}：\n{text}")
        lines += ["", f"## {' '.join(['yanglao', *path])}", "", "```text", text, "```"]
    return "\n".join(lines) + "\n"


def generate() -> dict[Path, str]:
    return {FINDINGS_MD: findings_md(), CLI_MD: cli_md()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成 docs/findings.md 和 docs/cli.md")
    parser.add_argument("--check", action="store_true", help="只检查：文件与代码生成的内容不同时退出码为 1")
    args = parser.parse_args(argv)
    stale = []
    for path, text in generate().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"已写出 {path.relative_to(ROOT)}")
    if args.check and stale:
        for path in stale:
            print(f"已过期：{path.relative_to(ROOT)}（运行 python scripts/gen_docs.py 重新生成）", file=sys.stderr)
        return 1
    if not stale:
        print("文档已是最新。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
