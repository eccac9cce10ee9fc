"""A clerk's own machine (blind audit of the environment): JSON on stdout whatever stops the command, a folder too
deep in the inbox said and passed over, a narrow window that keeps every message, a mistyped command, a
configuration Notepad saved in GBK, a locale that cannot write Chinese names."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yanglao_cli.cli.app import app
from yanglao_cli.config import load_config

from .test_reliability import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "2022-06"
NANYANG = EXAMPLES / "南阳镇_2022年6月_附件1-4.xlsx"


def test_json_is_on_stdout_when_the_output_folder_cannot_be_made(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    code, out, err, _ = cli("consolidate", EXAMPLES, "-o", afile / "sub", "--format", "json")
    assert code == 2 and "无法写入" in err and "Traceback" not in err
    data = json.loads(out)  # (stdout was empty: a script's json.load failed)
    assert data["summary"]["outputs"] == [] and data["findings"] == []


def test_an_input_name_too_long_for_the_system_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err, _ = cli("check", tmp_path / ("长" * 90), "--format", "json")
    assert code == 2 and "无法访问" in err and "无法写入" not in err  # (it blamed an output location)
    assert json.loads(out)["summary"]["files"] == 0
    # diff's and classify's inputs alike (they said 无法写入 and to look at the disk; blind audit of the command line)
    for args in (("diff", tmp_path / ("长" * 90), NANYANG), ("classify", tmp_path / ("长" * 90))):
        code, out, err, _ = cli(*args)
        assert code == 2 and "无法访问" in err and "无法写入" not in err and "Traceback" not in err, args
    # an output's name too long is still the output's
    code, out, err, _ = cli("consolidate", EXAMPLES, "-o", tmp_path / ("长" * 90))
    assert code == 2 and "无法写入" in err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PATH_MAX is Linux's")
def test_a_folder_too_deep_is_said_and_the_other_files_are_read(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(NANYANG, inbox / NANYANG.name)
    here = os.getcwd()
    try:
        os.chdir(inbox)
        for i in range(40):  # past 4,096 bytes, as an archive unpacked inside itself again and again
            name = "目录" * 20 + str(i)
            os.mkdir(name)
            os.chdir(name)
        shutil.copy(EXAMPLES / "合作镇_2022年6月_附件1-4.xlsx", "合作镇.xlsx")
    finally:
        os.chdir(here)
    code, out, err, _ = cli("check", inbox, "--format", "json")
    assert code == 1 and "Traceback" not in err, err
    data = json.loads(out)
    assert data["summary"]["rows_read"] > 0  # 南阳镇's file was read (the run had stopped: exit 2, nothing checked)
    deep = [f for f in data["findings"] if f["code"] == "FILE_UNREADABLE"]
    assert len(deep) == 1 and "路径过长" in deep[0]["message"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PATH_MAX is Linux's")
def test_a_townships_folder_too_deep_is_not_a_document_to_send_again(tmp_path: Path) -> None:
    """合作镇's folder nested past the path's limit: SUBMISSION_MISSING said it was a document without extension and
    asked the township to send an Excel report (audit of scale); it is this computer's: 在本机无法打开."""
    inbox = tmp_path / "inbox"
    (inbox / "合作镇").mkdir(parents=True)
    shutil.copy(NANYANG, inbox / NANYANG.name)
    here = os.getcwd()
    try:
        os.chdir(inbox / "合作镇")
        for i in range(40):
            name = "合作镇" + "目录" * 18 + str(i)
            os.mkdir(name)
            os.chdir(name)
        shutil.copy(EXAMPLES / "合作镇_2022年6月_附件1-4.xlsx", "合作镇.xlsx")
    finally:
        os.chdir(here)
    code, out, err, _ = cli("status", inbox, "--period", "2022-06", "--format", "json")
    [missing] = [f["message"] for f in json.loads(out)["findings"]
                 if f["code"] == "SUBMISSION_MISSING" and f["unit"] == "合作镇"]
    assert "在本机无法打开" in missing and "没有扩展名的文档" not in missing and "请对方另发" not in missing, missing


@pytest.mark.parametrize("width", [40, 60])
def test_a_narrow_window_keeps_every_place_and_message(width: int, monkeypatch) -> None:
    from yanglao_cli.cli import common

    monkeypatch.setattr(common, "_out", None)
    res = CliRunner().invoke(app, ["check", str(NANYANG)], env={"COLUMNS": str(width), "NO_COLOR": "1"},
                             catch_exceptions=False)
    assert res.exit_code == 1
    # (at 60 the 说明 column had no width: every message gone; at 40 the cell and the severity too)
    assert "附件2!E5" in res.output and "错误" in res.output and "LEVEL_UNDERRATED" in res.output
    assert "等级应不低于橙色" in res.output.replace("\n", "")


def test_a_wide_window_keeps_the_table(monkeypatch) -> None:
    from yanglao_cli.cli import common

    monkeypatch.setattr(common, "_out", None)
    res = CliRunner().invoke(app, ["check", str(NANYANG)], env={"COLUMNS": "160", "NO_COLOR": "1"},
                             catch_exceptions=False)
    assert "┃ 说明" in res.output or "说明" in res.output.splitlines()[2]
    assert "· 附件2!E5" not in res.output


def test_many_findings_are_listed_one_per_line_every_one_of_them(monkeypatch) -> None:
    """Thousands of findings (a province's inbox of wrong files) took 1 ms each to lay out as tables: 64,000 took
    55 s. Above MANY_FINDINGS they are listed one per line, each with its place, severity, code and message."""
    from yanglao_cli.cli import common

    monkeypatch.setattr(common, "_out", None)
    monkeypatch.setattr(common, "MANY_FINDINGS", 2)
    env = {"COLUMNS": "160", "NO_COLOR": "1"}
    data = json.loads(CliRunner().invoke(app, ["check", str(NANYANG), "--format", "json"], env=env).stdout)
    res = CliRunner().invoke(app, ["check", str(NANYANG)], env=env, catch_exceptions=False)
    assert res.exit_code == 1 and "┃ 说明" not in res.output and len(data["findings"]) > 2
    listed = [line for line in res.output.splitlines() if line.startswith("· ")]
    assert listed == [f"· {f['sheet']}!{f['cell']} {'错误' if f['severity'] == 'error' else '警告'} {f['code']}"
                      for f in data["findings"]]
    assert "等级应不低于橙色" in res.output.replace("\n", "")


def test_a_mistyped_command_still_gives_the_json_object() -> None:
    res = CliRunner().invoke(app, ["chek", "收件箱", "--format", "json"], catch_exceptions=False)
    assert res.exit_code == 2 and "是否为 check" in res.stderr
    assert json.loads(res.stdout)["findings"] == []


def test_a_configuration_saved_by_notepad_in_gbk_is_read(tmp_path: Path) -> None:
    toml = tmp_path / "yanglao.toml"
    toml.write_bytes('reporting_unit = "海门区民政局"\nunits = ["三厂街道", "常乐镇"]\n'.encode("gbk"))
    config = load_config(toml)
    assert config.reporting_unit == "海门区民政局"
    assert [u.name for u in config.units] == ["三厂街道", "常乐镇"]


def test_a_locale_that_cannot_write_chinese_names_is_said(monkeypatch, capsys) -> None:
    from yanglao_cli.cli import app as app_module

    def refuse() -> None:
        raise UnicodeEncodeError("latin-1", "汇总", 0, 1, "ordinal not in range(256)")

    monkeypatch.setattr(app_module, "app", refuse)
    with pytest.raises(SystemExit) as exc:
        app_module.main()
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "区域设置" in err and "UTF-8" in err and "程序内部错误" not in err


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform.startswith("win"), reason="symbolic links")
def test_a_link_to_a_townships_folder_is_read_and_links_back_are_not(tmp_path: Path) -> None:
    inbox, shared = tmp_path / "inbox", tmp_path / "shared"
    inbox.mkdir()
    shutil.copytree(EXAMPLES / "北新镇", shared / "北新镇")
    shutil.copy(NANYANG, inbox / NANYANG.name)
    shutil.copy(NANYANG, tmp_path / "beside.xlsx")  # beside the inbox: not the inbox's
    os.symlink(shared / "北新镇", inbox / "北新镇")  # (passed over without a word: 北新镇 looked as if it sent nothing)
    os.symlink(tmp_path, inbox / "up")  # above the inbox: never walked
    os.symlink(inbox, inbox / "self")
    code, out, err, _ = cli("check", inbox, "--format", "json")
    data = json.loads(out)
    assert data["summary"]["files"] == 5 and data["summary"]["units"] == 2, data["summary"]
    assert not any("beside" in f["file"] or "/up/" in f["file"] for f in data["findings"])


def test_a_long_sheet_name_gets_the_line_layout_in_a_wide_window(tmp_path: Path, monkeypatch) -> None:
    """A sheet named with the form's title (31 characters) left the 说明 column no width at 84–100 columns."""
    import openpyxl

    from yanglao_cli.cli import common

    wb = openpyxl.load_workbook(NANYANG)
    wb["附件2"].title = "附件2养老服务诈骗风险隐患红橙黄风险管控名单南阳镇六月"[:31]
    path = tmp_path / "南阳镇.xlsx"
    wb.save(path)
    monkeypatch.setattr(common, "_out", None)
    res = CliRunner().invoke(app, ["check", str(path)], env={"COLUMNS": "100", "NO_COLOR": "1"},
                             catch_exceptions=False)
    assert "等级应不低于橙色" in res.output.replace("\n", "") and "南阳镇六月!E5" in res.output


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform.startswith("win"), reason="symbolic links")
def test_a_link_to_a_folder_no_longer_there_is_said(tmp_path: Path) -> None:
    """A township's shared folder linked into the inbox, its network drive not mounted: passed over unsaid, the
    township looked as if it had sent nothing."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(NANYANG, inbox / NANYANG.name)
    os.symlink(tmp_path / "未连接的网络盘" / "北新镇", inbox / "北新镇")
    code, out, _, _ = cli("check", inbox, "--format", "json")
    gone = [f for f in json.loads(out)["findings"] if f["code"] == "FILE_UNREADABLE"]
    assert len(gone) == 1 and gone[0]["unit"] == "北新镇" and "指向的文件或文件夹不存在" in gone[0]["message"]


def test_a_utf8_name_read_under_a_locale_that_is_not_is_shown_as_written() -> None:
    """LC_ALL=C (PYTHONUTF8=0) gives a UTF-8 name as escaped bytes; it was read as GB18030 — 鏀朵欢 for 收件 —
    and the township of a folder 南阳镇 was lost with it (UNIT_UNKNOWN; audit of determinism)."""
    from yanglao_cli.inbox import shown

    escaped = "收件/南阳镇".encode().decode("ascii", "surrogateescape")
    assert shown(escaped) == "收件/南阳镇"
    gbk = "收件/南阳镇".encode("gbk").decode("utf-8", "surrogateescape")  # a Windows zip unpacked here
    assert shown(gbk) == "收件/南阳镇"


def test_another_countys_units_without_its_reporting_unit_are_said(tmp_path: Path) -> None:
    """海门区's towns with no reporting_unit were consolidated under 启东市民政局: every 填报单位 line and output file
    said so, no word of the configuration (audit of config and levels). Said by consolidate (not refused: units
    alone still check); 启东市's own towns may leave it out."""
    from yanglao_cli.config import parse_config

    toml = tmp_path / "yanglao.toml"
    toml.write_text('units = ["三厂街道", "常乐镇"]\n', encoding="utf-8")
    assert "没有写汇总单位（reporting_unit）" in load_config(toml).reporting_unit_note
    assert parse_config('units = ["汇龙镇", "启东经济开发区"]\n', "t").reporting_unit_note == ""
    assert parse_config('reporting_unit = "海门区民政局"\nunits = ["常乐镇"]\n', "t").reporting_unit_note == ""
    res = CliRunner().invoke(app, ["consolidate", str(NANYANG), "--config", str(toml), "-o", str(tmp_path / "o")],
                             catch_exceptions=False)
    assert "没有写汇总单位（reporting_unit）" in res.stderr and res.exit_code in (0, 1)


def test_a_workbook_given_as_the_configuration_is_said_to_be_one(tmp_path: Path) -> None:
    """--config 王鲍.xlsx was told to be saved again as UTF-8 (audit of config)."""
    from yanglao_cli.config import ConfigError

    with pytest.raises(ConfigError, match="是 Excel 工作簿或压缩包，不是配置文件") as e:
        load_config(NANYANG)
    assert "UTF-8" not in str(e.value)


def test_the_reporting_unit_as_a_templates_unit_is_said_to_be_the_bureau(tmp_path: Path) -> None:
    """template --unit 海门区民政局 under 海门区's configuration asked "是否为“海门街道”？" (audit of config)."""
    toml = tmp_path / "yanglao.toml"
    toml.write_text('reporting_unit = "海门区民政局"\nunits = ["海门街道", "常乐镇"]\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["template", "--unit", "海门区民政局", "--config", str(toml), "-o",
                                   str(tmp_path / "t.xlsx")], catch_exceptions=False)
    assert res.exit_code == 2 and "是本级汇总单位" in res.output and "是否为" not in res.output
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.parametrize("width", [60, 70, 90])
def test_status_never_cuts_a_date_at_any_width(width: int, monkeypatch) -> None:
    """status on the examples: every 填报日期 shown whole in any window — at 70 columns the table cut them to
    2022-06-… (audit of status); narrower than the table, a line a unit."""
    import re

    from yanglao_cli.cli import common

    monkeypatch.setattr(common, "_out", None)
    res = CliRunner().invoke(app, ["status", str(EXAMPLES), "--period", "2022-06"],
                             env={"COLUMNS": str(width), "NO_COLOR": "1"}, catch_exceptions=False)
    assert "…" not in res.output
    wide = CliRunner().invoke(app, ["status", str(EXAMPLES), "--period", "2022-06", "--format", "json"])
    dates = {v["date"] for u in json.loads(wide.stdout)["units"] for v in u["forms"].values() if v["date"]}
    shown = set(re.findall(r"\d{4}-\d{2}-\d{2}", res.output.replace("\n", "").replace("│", "").replace(" ", "")))
    assert dates and dates <= shown


@pytest.mark.skipif(sys.platform.startswith("win"), reason="a pipe closed by its reader is POSIX's")
@pytest.mark.parametrize("args", [("check", NANYANG), ("check", NANYANG, "--format", "json"), ("explain",),
                                  ("classify", "--points", "1、7"), ("status", EXAMPLES, "--period", "2022-06"),
                                  ("--help",), ("--version",), ("check", "--help")])
def test_a_reader_that_stops_early_does_not_change_the_exit_status(args: tuple) -> None:
    """`yanglao check … | head`: the reader gone, the run exited 1 (errors found) after a clean check — Rich's and
    click's answer to a broken pipe (blind audit of the CLI). It keeps the status the run gives, says nothing."""
    import subprocess

    cmd = [sys.executable, "-m", "yanglao_cli", *map(str, args)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    whole = subprocess.run(cmd, capture_output=True, env=env)
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()  # (the reader stops before the first line)
    err = p.stderr.read().decode("utf-8", "replace")
    assert p.wait(timeout=120) == whole.returncode and whole.returncode in (0, 1), (args, err)
    assert "Traceback" not in err and "Exception" not in err, err


def test_a_setting_of_a_table_is_named_as_the_file_heads_it() -> None:
    """[deadlines] monthly_day = 0 was said as “deadlines的 monthly_day 有误” (audit of the CLI): the table as the file
    heads it; a unit's field keeps its 第 N 个单位的 name."""
    from yanglao_cli.config import ConfigError, parse_config

    with pytest.raises(ConfigError, match=r"\[deadlines\] 的 monthly_day 有误"):
        parse_config('units = ["汇龙镇"]\n[deadlines]\nmonthly_day = 0\n', "c.toml")
    with pytest.raises(ConfigError, match="units 中第 2 个单位的 name 有误"):
        parse_config('units = ["汇龙镇", { aliases = ["x"] }]\n', "c.toml")
