"""Meta-tests of the command line: every command and option explained in Chinese, --help always works,
`yanglao explain` knows every code, `--version` and `python -m yanglao_cli` work."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from yanglao_cli import __version__
from yanglao_cli.cli.app import app
from yanglao_cli.findings import CATALOGUE, Code

CJK = re.compile(r"[\u4e00-\u9fff]")
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
# Options Click/Typer add by themselves, with English help. See the report of issue 10: common.py could give
# them Chinese help (a TyperGroup/TyperCommand subclass overriding get_help_option) or drop completion.
BUILTIN = {"help", "install_completion", "show_completion"}

ROOT_CMD = typer.main.get_command(app)


def _commands() -> list[tuple[str, object]]:
    out = [("yanglao", ROOT_CMD)]
    out += [(f"yanglao {name}", cmd) for name, cmd in ROOT_CMD.commands.items()]
    return out


def _params() -> list[tuple[str, str, object]]:
    return [(path, p.name, p) for path, cmd in _commands() for p in cmd.params if p.name not in BUILTIN]


def _subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "PYTHONIOENCODING")}
    env.update(ENV, **extra)
    return env


def test_every_spec_command_is_registered() -> None:
    assert set(ROOT_CMD.commands) >= {"check", "classify", "consolidate", "template", "status", "diff", "init",
                                      "explain"}


@pytest.mark.parametrize(("path", "cmd"), _commands(), ids=[p for p, _ in _commands()])
def test_command_help_is_chinese(path: str, cmd) -> None:
    text = cmd.help or ""
    assert CJK.search(text), f"{path} 的说明没有中文：{text!r}"
    short = cmd.get_short_help_str(limit=200)
    assert CJK.search(short), path


@pytest.mark.parametrize(("path", "name", "param"), _params(), ids=[f"{p}:{n}" for p, n, _ in _params()])
def test_option_and_argument_help_is_chinese(path: str, name: str, param) -> None:
    text = getattr(param, "help", None) or ""
    assert CJK.search(text), f"{path} 的参数 {name} 没有中文说明：{text!r}"


def test_builtin_options_help_is_chinese() -> None:
    english = []
    for path, cmd in _commands():
        ctx = cmd.make_context(path, [], resilient_parsing=True)
        for p in cmd.get_params(ctx):
            if p.name in BUILTIN and not CJK.search(getattr(p, "help", "") or ""):
                english.append(f"{path} {p.opts[0]}")
    assert english == []


@pytest.mark.parametrize("path", [p for p, _ in _commands()])
def test_help_runs(path: str) -> None:
    args = path.split()[1:] + ["--help"]
    res = CliRunner().invoke(app, args, env=ENV, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    assert "用法：" in res.output and CJK.search(res.output)
    # Click's own layout words are Chinese too
    for english in ("Usage:", "Options:", "Arguments:", "Commands:", "[required]", "[default:"):
        assert english not in res.output, (path, english)


def columns(text: str) -> int:
    """Console columns, counted here independently of the code under test."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


_ENGLISH_LABELS = re.compile(r"<(str|int|float|dir|file|path|datetime|list\[[^>]*)>")


@pytest.mark.parametrize("width", [50, 80, 120])
@pytest.mark.parametrize("path", [p for p, _ in _commands()])
def test_help_fits_the_console_and_is_aligned_in_columns(path: str, width: int) -> None:
    """Laid out in console columns (a Chinese character is two wide): no line runs past the console, every
    option's help starts in the same column, value labels are Chinese, no command's help is cut to "..."."""
    args = path.split()[1:] + ["--help"]
    res = CliRunner().invoke(app, args, env={**ENV, "COLUMNS": str(width)}, terminal_width=width,
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert not _ENGLISH_LABELS.search(res.output), res.output
    assert "..." not in res.output.replace("{收件文件夹}...", "").replace("{文件或文件夹}...", "").replace(
        "[参数]...", "")
    lines = res.output.splitlines()
    for line in lines:
        if len(line.split()) > 1:  # a single word longer than the console cannot be broken
            assert columns(line) <= width, (width, line)
    starts = set()
    section = ""
    for line in lines:
        if line.endswith("：") and not line.startswith(" "):
            section = line
        elif section == "选项：" and line.startswith("  -") and "  " in line.strip():
            first, help_ = re.match(r"(\s+\S.*?\S)\s{2,}(\S.*)", line).groups()
            starts.add(columns(line) - columns(help_))
    assert len(starts) <= 1, (path, width, starts)


def test_short_help_option() -> None:
    res = CliRunner().invoke(app, ["check", "-h"], env=ENV, catch_exceptions=False)
    assert res.exit_code == 0 and "--annotate" in res.output


@pytest.mark.parametrize("code", list(Code), ids=str)
def test_explain_every_code(code: Code) -> None:
    res = CliRunner().invoke(app, ["explain", code.value], env=ENV, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    info = CATALOGUE[code]
    flat = re.sub(r"[\s│|]+", "", res.output)  # the panel wraps long lines
    assert code.value in res.output and CJK.search(res.output)
    for label, value in (("级别", info.severity.label), ("依据", info.clause), ("如何修改", info.fix),
                         ("错误示例", info.wrong), ("正确示例", info.right)):
        assert label in res.output, (code, label)
        assert re.sub(r"\s+", "", value) in flat, (code, label)
    assert "报告的说明" in res.output  # what the message says (CATEGORY_MISMATCH's was all placeholder)


def test_a_check_within_one_form_is_not_cited_as_one_between_forms() -> None:
    """DUPLICATE_FACILITY (two rows of one form) cited 表间核对 (blind audit of the seed's words)."""
    within = {code for code, info in CATALOGUE.items() if info.clause.startswith("表内核对")}
    assert {Code.DUPLICATE_FACILITY, Code.DATE_IN_FUTURE} <= within
    assert CATALOGUE[Code.LISTED_EXCEEDS_CHECKED].clause.startswith("表间核对")  # (附件2 against 附件1)


def test_explain_says_the_deadlines_the_local_configuration_sets(tmp_path: Path, monkeypatch) -> None:
    """./yanglao.toml with 每月25日 and 周五 12:00: status judged by them while explain said 20日 and 周三 alone
    (audit of the configuration). The notice's own stay; the local ones are added."""
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["explain", "SUBMISSION_LATE"], env=ENV, terminal_width=200, catch_exceptions=False)
    assert "本地配置" not in res.output and "每月20日前" in res.output
    (tmp_path / "yanglao.toml").write_text('units = ["汇龙镇"]\n[deadlines]\nmonthly_day = 25\nweekly = "Fri 12:00"\n',
                                           encoding="utf-8")
    res = CliRunner().invoke(app, ["explain", "SUBMISSION_LATE"], env=ENV, terminal_width=200, catch_exceptions=False)
    flat = res.output.replace("\n", "").replace("│", "").replace(" ", "")
    assert "本地配置：yanglao.toml规定附件1–3每月25日前、附件4每周五12:00前报送" in flat and res.exit_code == 0
    # the examples and the fix told by them too (they said 截止6月20日 beside 每月25日; audit of another county)
    assert "截止6月25日" in flat and "每月20日前" not in flat and "每周三17时前" not in flat


def test_explain_says_a_broken_local_configuration(tmp_path: Path, monkeypatch) -> None:
    """A broken ./yanglao.toml: explain SUBMISSION_LATE gave the notice's deadlines as if they were local, while
    status and consolidate there exit 2 (audit of the commands). It says the file is wrong and whose deadlines it
    gives; the explanation itself is still there (exit 0)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "yanglao.toml").write_text("units = [\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["explain", "SUBMISSION_LATE"], env=ENV, terminal_width=200, catch_exceptions=False)
    flat = res.output.replace("\n", "").replace("│", "").replace(" ", "")
    assert res.exit_code == 0 and "本地配置：配置文件yanglao.toml" in flat and "以上按通知的截止时间" in flat


def test_explain_takes_the_configuration_given_as_the_other_commands_do(tmp_path: Path, monkeypatch) -> None:
    """explain SUBMISSION_LATE --config rugao.toml: 没有选项 --config, exit 2 — the deadlines of a configuration kept
    elsewhere could not be explained (audit of another city). A missing file is a usage error, as elsewhere."""
    monkeypatch.chdir(tmp_path)
    conf = tmp_path / "配置" / "rugao.toml"
    conf.parent.mkdir()
    conf.write_text('reporting_unit = "如皋市民政局"\nunits = ["东陈镇"]\n[deadlines]\nmonthly_day = 25\n'
                    'weekly = "Thu 12:00"\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["explain", "SUBMISSION_LATE", "--config", str(conf)], env=ENV, terminal_width=200,
                             catch_exceptions=False)
    flat = res.output.replace("\n", "").replace("│", "").replace(" ", "")
    assert res.exit_code == 0 and "规定附件1–3每月25日前、附件4每周四12:00前报送" in flat and "截止6月25日" in flat
    res = CliRunner().invoke(app, ["explain", "SUBMISSION_LATE", "--config", str(tmp_path / "没有.toml")], env=ENV)
    assert res.exit_code == 2


def test_explain_is_case_insensitive() -> None:
    res = CliRunner().invoke(app, ["explain", "level_underrated"], env=ENV, catch_exceptions=False)
    assert res.exit_code == 0 and "LEVEL_UNDERRATED" in res.output


def test_explain_lists_every_code_with_severity() -> None:
    res = CliRunner().invoke(app, ["explain"], env={**ENV, "COLUMNS": "160"}, catch_exceptions=False)
    assert res.exit_code == 0
    lines = res.output.splitlines()
    for code, info in CATALOGUE.items():
        line = next((ln for ln in lines if re.search(rf"\b{code.value}\b", ln)), "")
        assert info.severity.label in line, code


def test_explain_chinese_keyword_filters() -> None:
    res = CliRunner().invoke(app, ["explain", "立案"], env={**ENV, "COLUMNS": "160"}, catch_exceptions=False)
    assert res.exit_code == 0 and "CASE_DATE_MISSING" in res.output and "FILE_UNREADABLE" not in res.output


@pytest.mark.parametrize(("word", "code"), [("逾期", "SUBMISSION_LATE"), ("迟报", "SUBMISSION_LATE"),
                                          ("缺报", "SUBMISSION_MISSING"), ("定级", "LEVEL_UNDERRATED")])
def test_explain_finds_codes_by_the_words_clerks_say(word: str, code: str) -> None:
    """explain 逾期 / 迟报 found nothing: the code's own text says 晚于截止时间 (audit of the CLI as a clerk types it)."""
    res = CliRunner().invoke(app, ["explain", word], env={**ENV, "COLUMNS": "160"}, catch_exceptions=False)
    assert res.exit_code == 0 and code in res.output and "FILE_UNREADABLE" not in res.output


def test_format_is_case_insensitive(tmp_path: Path) -> None:
    """--format JSON was refused while explain took level_underrated; Xml is still no format."""
    book = Path(__file__).resolve().parents[1] / "examples" / "2022-06" / "王鲍.xlsx"
    res = CliRunner().invoke(app, ["check", str(book), "--format", "JSON"], env=ENV, catch_exceptions=False)
    assert res.exit_code == 0 and res.output.lstrip().startswith("{")
    res = CliRunner().invoke(app, ["check", str(book), "--format", "Xml"], env=ENV, catch_exceptions=False)
    assert res.exit_code == 2


@pytest.mark.parametrize("arg", ["NOPE", "LEVEL_UNDERATED", "不存在的词"])
def test_explain_unknown_code_is_one_chinese_line(arg: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "yanglao_cli", "explain", arg], capture_output=True,
                          text=True, encoding="utf-8", env=_subprocess_env(PYTHONIOENCODING="utf-8"), timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and CJK.search(lines[0]) and arg in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    if arg == "LEVEL_UNDERATED":
        assert "LEVEL_UNDERRATED" in lines[0]  # the nearest code is suggested


def test_version() -> None:
    for flag in ("--version", "-V"):
        res = CliRunner().invoke(app, [flag], env=ENV, catch_exceptions=False)
        assert res.exit_code == 0
        assert res.output.strip() == f"yanglao {__version__}"


def test_no_arguments_shows_help() -> None:
    res = CliRunner().invoke(app, [], env=ENV, catch_exceptions=False)
    assert res.exit_code in (0, 2) and "check" in res.output and "Traceback" not in res.output


def test_python_m_yanglao_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "yanglao_cli", "--help"], capture_output=True, text=True,
                          encoding="utf-8", env=_subprocess_env(PYTHONIOENCODING="utf-8"), timeout=60)
    assert proc.returncode == 0, proc.stderr
    for name in ROOT_CMD.commands:
        assert name in proc.stdout
    assert "Traceback" not in proc.stderr
    version = subprocess.run([sys.executable, "-m", "yanglao_cli", "--version"], capture_output=True, text=True,
                             encoding="utf-8", env=_subprocess_env(), timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"yanglao {__version__}"


def test_unknown_command_and_option_exit_2_without_traceback() -> None:
    for args in (["nope"], ["check", "--nope"], ["classify"]):
        res = CliRunner().invoke(app, args, env=ENV, catch_exceptions=False)
        assert res.exit_code == 2, (args, res.output)
        assert "Traceback" not in res.output


@pytest.mark.parametrize(("args", "expected"), [
    (["check"], "错误：缺少参数“文件或文件夹”"),
    (["check", "x.xlsx", "--nope"], "错误：没有选项 --nope"),
    (["chek"], "错误：没有命令“chek”，是否为 check？"),
    (["check", "x.xlsx", "-f", "xml"], "“xml”不是可选的值，只能是 text、json"),
    (["check", "x.xlsx", "-f"], "错误：选项 -f 后面要写一个值"),
    (["consolidate", "x", "--config", "."], "“.”是文件夹，这里需要文件"),
    (["consolidate", ".", "-o", __file__], f"“{__file__}”是文件，这里需要文件夹"),
    (["check", ".", "--annotate", __file__], f"“{__file__}”是文件，这里需要文件夹"),
    (["classify", "a.xlsx", "b.xlsx"], "错误：多余的参数：b.xlsx"),
    # a command's option typed before the command (it said “没有选项 --period，是否为 --version？”)
    (["--period", "2022-06", "consolidate", "收件箱"], "错误：--period 是 consolidate 命令的选项，要写在命令名之后"),
    (["-o", "输出", "consolidate", "收件箱"], "错误：-o 是 consolidate 命令的选项"),
    (["--format", "json", "check", "x"], "错误：--format 是 check 命令的选项"),
    (["--format", "json"], "错误：--format 是 check、classify、consolidate、status、diff 命令的选项"),
    (["--nope", "check", "x"], "错误：没有选项 --nope"),
    # a long option typed with one dash: -f ormat, or -p eriod and 2022-06 a missing file (audit of a first-time clerk)
    (["check", "-format", "json", "x"], "错误：长选项要写两个短横：-format 应写作 --format"),
    (["consolidate", "x", "-period=2022-06"], "错误：长选项要写两个短横：-period 应写作 --period"),
    # (an option's value is no option: a folder named -output; review)
    (["consolidate", "x", "-o", "-output"], "错误：找不到文件或文件夹：x"),
])
def test_usage_errors_are_said_in_chinese_with_exit_2(args: list[str], expected: str) -> None:
    res = CliRunner().invoke(app, args, env=ENV, catch_exceptions=False)
    assert res.exit_code == 2, res.output
    assert expected in res.output
    assert "Error:" not in res.output and "Usage:" not in res.output and "Traceback" not in res.output
    first = res.output.strip().splitlines()[0]
    assert first.startswith("错误："), res.output  # the problem first, then the usage line and where help is


def test_usage_error_shows_the_command_usage_and_help_hint() -> None:
    res = CliRunner().invoke(app, ["check", "--nope", "x"], env=ENV, catch_exceptions=False)
    assert "用法：yanglao check [选项]" in res.output and "查看帮助：yanglao check -h" in res.output


@pytest.mark.parametrize("command", ["check", "consolidate", "status"])
def test_an_inbox_with_no_workbook_is_exit_2_for_every_command(tmp_path: Path, command: str) -> None:
    """SPEC: 2 = usage error or nothing readable — status too, rather than a table of everyone missing."""
    (tmp_path / "说明.txt").write_text("本周无报送", encoding="utf-8")
    args = [command, str(tmp_path)] + (["-o", str(tmp_path / "out")] if command == "consolidate" else [])
    res = CliRunner().invoke(app, args, env=ENV, catch_exceptions=False)
    assert res.exit_code == 2, res.output
    assert res.output.strip().splitlines()[0].startswith("错误：没有找到电子表格文件")


def test_a_config_file_that_cannot_be_read_is_said_in_chinese(tmp_path: Path) -> None:
    """--config naming a file that is not there printed the system's English (No such file or directory)."""
    res = CliRunner().invoke(app, ["check", str(tmp_path), "--config", str(tmp_path / "nosuch.toml")], env=ENV,
                             catch_exceptions=False)
    assert res.exit_code == 2
    assert "路径不存在" in res.output and "No such file" not in res.output


def test_explain_examples_agree_with_the_reading_rules() -> None:
    """UNIT_UNKNOWN's wrong example was 汇龙, a short form SPEC says matches 汇龙镇 (and the tool accepts)."""
    from yanglao_cli.config import default_config

    cfg = default_config()
    wrong = CATALOGUE[Code.UNIT_UNKNOWN].wrong.split("：")[-1]
    assert cfg.unit_named(wrong) is None
    assert cfg.unit_named(CATALOGUE[Code.UNIT_UNKNOWN].right.split("：")[-1]) == "汇龙镇"


def test_explain_lists_each_codes_whole_description_in_a_narrow_console() -> None:
    """A CJK sentence is one word to Rich: folded over lines at 80 columns (output redirected), not cut with …"""
    res = CliRunner().invoke(app, ["explain"], env={**ENV, "COLUMNS": "80"}, catch_exceptions=False)
    flat = res.output.replace("│", "").replace("\n", "").replace(" ", "")
    assert "…" not in res.output and "超出大小限制或不是电子表格" in flat


def test_text_output_into_a_file_keeps_paths_and_counts_on_one_line(tmp_path: Path, monkeypatch) -> None:
    """Piped into a log, Rich's default 80 columns cut a path (…census2010_geo_sch / ema.csv) and the summary
    (警告 / 0) over two lines, so grep of a log for a file name failed (registry files audit)."""
    from yanglao_cli.cli import common

    from .conftest import specs_for, write

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(common, "_out", None)
    name = "汇龙镇民政办_2022年6月_养老服务诈骗风险隐患排查整治工作报表_附件1至附件4_第二次更正.xlsx"
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0]["level"] = "绿"
    path = write(tmp_path / "收件" / name, "汇龙镇", specs)
    res = CliRunner().invoke(app, ["check", str(path)], catch_exceptions=False)
    lines = res.stdout.splitlines()
    assert any(str(path) in line for line in lines)
    assert any(line.startswith("共 1 个文件") and "提示 0" in line for line in lines)


def test_a_broken_install_is_not_said_to_be_an_output_folder_problem(tmp_path: Path, monkeypatch) -> None:
    """The report templates missing (a broken install) said “无法写入…请检查输出位置”: it is the install."""
    from yanglao_cli import render

    monkeypatch.setattr(render, "__file__", str(tmp_path / "pkg" / "render.py"))
    with pytest.raises(RuntimeError, match="安装不完整"):
        render.templates_dir()  # (was FileNotFoundError, an OSError)


@pytest.mark.parametrize(("args", "keys"), [
    (["check", "没有这个文件夹"], {"findings", "summary"}),
    (["check", ".", "--period", "2022-13"], {"findings", "summary"}),
    (["consolidate", "没有这个文件夹", "-o", "输出"], {"findings", "summary"}),
    (["status", "没有这个文件夹"], {"units", "findings", "summary"}),
    (["diff", "上期.xlsx", "本期.xlsx"], {"changes", "findings", "summary"}),
    (["classify"], {"facilities", "findings"}),
    (["classify", "--points", "1、abc"], {"facilities", "findings"}),
])
def test_a_usage_error_under_format_json_still_prints_one_object(tmp_path: Path, monkeypatch, args: list[str],
                                                                keys: set[str]) -> None:
    """SPEC: --format json is one object on stdout. A path not found or a bad --period printed nothing there, while
    an empty folder printed the object (SPEC conformance audit); the reason stays one line on stderr, exit 2."""
    import json

    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, [*args, "--format", "json"], env=ENV, catch_exceptions=False)
    assert res.exit_code == 2 and res.stderr.startswith("错误：") and res.stderr.count("\n") == 1, res.stderr
    data = json.loads(res.stdout)
    assert set(data) == keys and data["findings"] == []
    if "summary" in data:
        assert data["summary"]["errors"] == 0 and ("outputs" in data["summary"]) == (args[0] == "consolidate")


@pytest.mark.parametrize(("args", "keys"), [
    (["classify", ".", "--format", "json"], {"facilities", "findings"}),  # a folder where a file is wanted
    (["diff", "上期.xlsx", ".", "--format=json"], {"changes", "findings", "summary"}),
    (["diff", "上期.xlsx", "--format", "JSON"], {"changes", "findings", "summary"}),  # an argument left out
    (["status", "-fjson"], {"units", "findings", "summary"}),
    (["check", "-f", "json"], {"findings", "summary"}),
    (["consolidate", "--format", "json", "--no-such-option"], {"findings", "summary"}),
])
def test_an_error_found_parsing_the_command_line_under_format_json_still_prints_one_object(
        tmp_path: Path, monkeypatch, args: list[str], keys: set[str]) -> None:
    """Click finds these before the command runs (and so before it knew JSON was asked): stdout was empty, the
    same script that read the object on a path not found crashed on a folder dragged in (blind audit)."""
    import json

    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, args, env=ENV, catch_exceptions=False)
    assert res.exit_code == 2 and res.stderr.startswith("错误："), res.stderr
    data = json.loads(res.stdout)
    assert set(data) == keys and data["findings"] == []


def test_a_bad_format_value_or_a_text_run_prints_no_object_on_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["check", "--format", "xml"], ["check"], ["explain", "--format", "json"]):
        res = CliRunner().invoke(app, args, env=ENV, catch_exceptions=False)
        assert res.exit_code == 2 and res.stdout == "" and res.stderr.startswith("错误："), (args, res.stdout)


def test_an_argument_is_named_in_quotes_an_option_as_typed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["classify", "."], env=ENV, catch_exceptions=False)
    assert res.stderr.startswith("错误：“文件”的值不对：“.”是文件夹"), res.stderr
    res = CliRunner().invoke(app, ["check", ".", "--format", "xml"], env=ENV, catch_exceptions=False)
    assert res.stderr.startswith("错误：--format / -f 的值不对"), res.stderr


@pytest.mark.parametrize("typed", ["２０２２－０６", "２０２２年６月", "2022／06"])
def test_a_period_typed_in_full_width_is_read(typed: str) -> None:
    """An input method left in full width (the SPEC reads cells so; --points was, --period was refused)."""
    import json

    book = Path(__file__).resolve().parents[1] / "examples" / "2022-06" / "王鲍.xlsx"
    res = CliRunner().invoke(app, ["status", str(book), "--period", typed, "--format", "json"], env=ENV,
                             catch_exceptions=False)
    assert json.loads(res.stdout)["summary"]["period"] == "2022-06", res.stderr


def test_the_paths_written_stay_whole_on_a_narrow_console(tmp_path: Path, runner) -> None:
    """On a narrow console Rich broke 已写出：… and 标注副本… paths over lines, and a path copied from the
    terminal was broken (audit of the machine around the tool)."""
    from .conftest import specs_for, write

    inbox = tmp_path / "收件"
    write(inbox / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    out = tmp_path / "一个很深的文件夹" / "二〇二二年六月份汇总输出"
    res = runner.invoke(app, ["consolidate", str(inbox), "-o", str(out), "--period", "2022-06"],
                        env={"COLUMNS": "40"})
    lines = res.stdout.splitlines()
    assert any(line == f"已写出：{out / '启东市民政局_2022-06_汇总.xlsx'}" for line in lines), res.stdout
    res = runner.invoke(app, ["check", str(inbox), "--annotate", str(out / "退回")], env={"COLUMNS": "40"})
    assert any(line.endswith(str(out / "退回" / "汇龙镇_校验标注.xlsx")) and line.startswith("标注副本")
               for line in res.stdout.splitlines()), res.stdout


def test_an_error_is_one_line_on_stderr_however_long(tmp_path: Path, runner) -> None:
    """A usage error naming a long path went to a piped stderr cut at 80 columns, mid-word (启东市民政\\n局: audit of
    the CLI): a clear one-line error stays one line."""
    from .conftest import run

    examples = Path(__file__).resolve().parents[1] / "examples" / "2022-06"

    (tmp_path / "yanglao.toml").write_text('units = ["掘港街道"]\n', "utf-8")  # (no reporting_unit: a hint said)
    res = run(runner, "consolidate", examples, "-o", tmp_path / "out", "--period", "2022-06", "--config",
              tmp_path / "yanglao.toml", "--format", "json")
    hint = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(hint) == 1 and "reporting_unit" in hint[0] and "启东市民政局" in hint[0]
