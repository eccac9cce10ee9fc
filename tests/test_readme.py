"""README.md's walkthrough runs as written, in a copy of examples/, and names only commands that exist.

The README is being edited, so commands are found generically: every line of a ```bash block that starts with
`yanglao ` (or a `&& yanglao …` part of a longer line), and inline `yanglao …` code in numbered list items.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from yanglao_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}

# Words the README uses as placeholders for the reader's own files or codes, not as real arguments.
PLACEHOLDERS = {"文件", "文件夹", "文件或文件夹", "目录", "代码", "收件夹", "上期.xlsx", "本期.xlsx", "FILE", "DIR",
                "CODE", "PATH"}


def _readme() -> str:
    if not README.exists():
        pytest.skip("README.md 不存在")
    return README.read_text(encoding="utf-8")


def _yanglao_parts(line: str) -> list[str]:
    """`yanglao …` commands on one shell line: the line itself or parts joined with && / ;."""
    line = re.sub(r"^\s*(?:\$|>|PS [^>]*>)\s*", "", line.strip())
    parts = re.split(r"\s*(?:&&|\|\||;)\s*", line)
    return [p for p in parts if p.startswith("yanglao ")]


def readme_commands(text: str | None = None) -> list[str]:
    text = _readme() if text is None else text
    found: list[str] = []
    in_block, shell = False, False
    for line in text.splitlines():
        fence = re.match(r"^\s*```\s*([\w+-]*)", line)
        if fence:
            if in_block:
                in_block = False
            else:
                in_block, shell = True, fence.group(1).lower() in ("bash", "sh", "shell", "console", "")
            continue
        if in_block:
            if shell:
                found += _yanglao_parts(line)
        elif re.match(r"^\s*\d+[.)、]\s", line):
            for code in re.findall(r"`([^`]+)`", line):
                found += _yanglao_parts(code)
    out: list[str] = []
    for cmd in found:
        if cmd not in out:
            out.append(cmd)
    return out


def _needs_previous_period(args: list[str]) -> bool:
    """Commands of the next month: they need a later inbox or a previous consolidated file the walkthrough
    of one month does not produce (consolidate --previous …, diff OLD NEW) — skipped here, covered by
    tests/test_periods.py."""
    return "--previous" in args or (args[:1] == ["diff"])


def _is_placeholder(args: list[str]) -> bool:
    return any(a in PLACEHOLDERS or "…" in a or "..." in a or re.fullmatch(r"<[^>]+>", a) for a in args)


def test_readme_has_a_walkthrough() -> None:
    cmds = readme_commands()
    verbs = {shlex.split(c)[1] for c in cmds if len(shlex.split(c)) > 1}
    assert len(cmds) >= 4, cmds
    assert {"check", "consolidate"} <= verbs, cmds


def test_parser_finds_commands_generically() -> None:
    text = "\n".join([
        "1. 先运行 `yanglao status examples/2022-06`，再看结果。",
        "说明中的 `yanglao check 文件夹` 不在编号步骤中。",
        "```bash", "$ yanglao check a.xlsx", "pip install . && yanglao consolidate b -o c", "```",
        "```text", "yanglao 不是命令", "```",
        "```bash", "yanglao check a.xlsx", "```",
    ])
    assert readme_commands(text) == ["yanglao status examples/2022-06", "yanglao check a.xlsx",
                                     "yanglao consolidate b -o c"]


def test_readme_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ran, failures = [], []
    for cmd in readme_commands():
        args = shlex.split(cmd)[1:]
        if _needs_previous_period(args) or _is_placeholder(args):
            continue
        res = runner.invoke(app, args, env=ENV, catch_exceptions=False)
        ran.append(cmd)
        if res.exit_code not in (0, 1):
            failures.append(f"{cmd}\n  → 退出码 {res.exit_code}：{res.output[-500:]}")
    assert ran, "README 中没有可运行的 yanglao 命令"
    assert not failures, "\n".join(failures)
    # the inputs were not touched and the files the walkthrough promises are there
    for src in (ROOT / "examples").rglob("*.xlsx"):
        assert (tmp_path / src.relative_to(ROOT)).read_bytes() == src.read_bytes()
    for promised in re.findall(r"`(输出/[^`]+?\.(?:xlsx|html|md))`", _readme()):
        if "2022-06" in promised and any("consolidate" in c and "输出" in c for c in ran):
            assert (tmp_path / promised).is_file(), promised


def test_readme_names_only_real_commands_and_options() -> None:
    text = _readme()
    root = typer.main.get_command(app)
    code = re.findall(r"`([^`\n]+)`", text) + re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S)
    for verb in set(re.findall(r"\byanglao ([a-z][a-z-]*)\b", "\n".join(code))):
        assert verb in root.commands, f"README 提到不存在的命令 yanglao {verb}"
    for cmd in readme_commands(text):
        args = shlex.split(cmd)[1:]
        if not args or args[0] not in root.commands:
            continue
        known = {o for p in root.commands[args[0]].params for o in (*p.opts, *p.secondary_opts)} | {"-h", "--help"}
        for a in args[1:]:
            if a.startswith("-") and not re.fullmatch(r"-?\d+", a):
                assert a.split("=")[0] in known, f"{cmd}：没有选项 {a}"


def test_readme_images_exist() -> None:
    for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)", _readme()):
        if not re.match(r"https?://", target):
            assert (ROOT / target).is_file(), f"README 引用的图片不存在：{target}"
