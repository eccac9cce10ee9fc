"""What a Windows clerk meets: Chinese folder names with spaces, file names Windows refuses, a GBK console
(cmd output redirected to a file or a pipe is written in code page 936), and multiprocessing with `spawn`.

Simulated on Linux: PYTHONIOENCODING=gbk for the console, the spawn start method for worker processes.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from yanglao_cli import parallel, pipeline
from yanglao_cli.cli.app import app
from yanglao_cli.config import default_config
from yanglao_cli.service import output_paths, safe_name

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "2022-06"
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}

WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def windows_accepts(name: str) -> bool:
    """A file name (not a path) that Windows can create."""
    stem = name.split(".")[0].upper()
    return (bool(name) and not (set(name) & WINDOWS_FORBIDDEN) and not name.endswith((" ", "."))
            and stem not in WINDOWS_RESERVED and len(name) <= 255)


def cli(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], env=ENV, catch_exceptions=False)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    """examples/2022-06 copied to …/收件 箱 2022/2022-06 (Chinese and spaces all the way)."""
    base = tmp_path_factory.mktemp("win") / "收件 箱 2022"
    shutil.copytree(EXAMPLES, base / "2022-06")
    return base / "2022-06"


def _codes(data: dict) -> list[tuple[str, str, str, str]]:
    return sorted((f["code"], Path(f["file"]).name if f["file"] else "", f["sheet"], f["cell"])
                  for f in data["findings"])


# ---- paths with Chinese characters and spaces ----------------------------------------------------------------


def test_check_in_a_chinese_folder_with_spaces(inbox: Path, tmp_path: Path) -> None:
    res = cli("check", inbox, "--format", "json", "--annotate", tmp_path / "退回 件")
    assert res.exit_code in (0, 1), res.output
    data = json.loads(res.stdout)
    ref = json.loads(cli("check", EXAMPLES, "--format", "json").stdout)
    assert _codes(data) == _codes(ref)  # the same findings as in the plain folder
    assert data["summary"]["rows_read"] == ref["summary"]["rows_read"] > 0
    files = {f["file"] for f in data["findings"] if f["file"]}
    assert files and all(f.startswith(str(inbox)) for f in files)
    assert data["summary"]["outputs"]
    for out in data["summary"]["outputs"]:
        assert Path(out).is_file() and "退回 件" in out and windows_accepts(Path(out).name)


def test_consolidate_in_a_chinese_folder_with_spaces(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "输出 文件夹" / "6月 汇总"
    res = cli("consolidate", inbox, "-o", out, "--period", "2022-06", "--format", "json")
    assert res.exit_code in (0, 1), res.output
    data = json.loads(res.stdout)
    s = data["summary"]
    assert s["rows_read"] == s["rows_written"] + s["rows_unreadable"] and s["rows_read"] > 0
    assert len(s["outputs"]) == 3
    for p in s["outputs"]:
        assert Path(p).is_file() and windows_accepts(Path(p).name)
    wb = openpyxl.load_workbook(out / "启东市民政局_2022-06_汇总.xlsx", read_only=True)
    assert wb.sheetnames[:4] == ["附件1", "附件2", "附件3", "附件4"]
    # the consolidated workbook in a folder with spaces can be checked and consolidated one level up
    assert cli("check", out / "启东市民政局_2022-06_汇总.xlsx").exit_code in (0, 1)


def test_text_output_in_a_chinese_folder(inbox: Path, tmp_path: Path) -> None:
    res = cli("consolidate", inbox, "-o", tmp_path / "输 出")
    assert res.exit_code in (0, 1)
    assert "已写出" in res.output and "Traceback" not in res.output


# ---- file names Windows accepts ------------------------------------------------------------------------------

NASTY = ['启东市:民政局', '汇龙镇?', '南阳*镇', '北新/镇', '惠萍\\镇', '东海<镇>', '寅阳|镇', '"近海镇"',
         '合作镇 ', '王鲍镇.', ' . ', '', 'a\tb\nc', '海复镇：全角冒号', 'CON', '2022/06']


@pytest.mark.parametrize("name", NASTY)
def test_safe_name_gives_names_windows_accepts(name: str) -> None:
    part = safe_name(name)
    assert part and not set(part) & WINDOWS_FORBIDDEN and not part.endswith((" ", ".")), repr(part)
    # safe_name("CON") stays "CON": fine, because every caller appends a suffix (CON_校验标注.xlsx, CON_2022-06_…)
    assert windows_accepts(part + "_校验标注.xlsx"), repr(part)
    for p in output_paths(Path("输出"), name, "2022-06").values():
        assert windows_accepts(p.name), p.name


def test_safe_name_keeps_chinese_and_harmless_characters() -> None:
    assert safe_name("启东市民政局") == "启东市民政局"
    assert safe_name("海复镇：全角冒号（社会事业局）") == "海复镇：全角冒号（社会事业局）"
    assert safe_name("南通市/启东市") == "南通市_启东市"


def test_consolidate_with_a_unit_name_windows_would_refuse(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = cli("consolidate", EXAMPLES, "-o", out, "--unit", '启东市:民政局?"测试"', "--format", "json")
    assert res.exit_code in (0, 1), res.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and all(windows_accepts(n) for n in names), names


def test_template_default_name_is_windows_safe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = cli("template", "--unit", "汇龙镇", "--period", "2022-06")
    assert res.exit_code == 0, res.output
    assert [p.name for p in tmp_path.iterdir()] == ["汇龙镇_2022-06_附件1-4_填报模板.xlsx"]


@pytest.mark.parametrize("unit", ["开发区:一区", "南通市/启东市", "开发区?二区"])
def test_template_default_name_with_a_unit_windows_would_refuse(unit: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    # (configured: a unit not in the list is refused)
    config = tmp_path / "yanglao.toml"
    config.write_text(f'reporting_unit = "启东市民政局"\nunits = ["{unit}"]\n', encoding="utf-8")
    res = cli("template", "--unit", unit, "--period", "2022-06", "--config", str(config))
    assert res.exit_code == 0, res.output
    entries = list(folder.iterdir())
    assert len(entries) == 1 and entries[0].is_file(), entries  # not a sub-folder made of the unit name
    assert windows_accepts(entries[0].name), entries[0].name


# ---- a GBK console -------------------------------------------------------------------------------------------


def _gbk_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "PYTHONUTF8", "LC_ALL", "LANG")}
    env.update(ENV, PYTHONIOENCODING="gbk")
    return env


def _run_gbk(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yanglao_cli", *args], cwd=cwd, capture_output=True,
                          env=_gbk_env(), timeout=180)


@pytest.fixture(scope="module")
def gbk_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("gbk")
    shutil.copytree(EXAMPLES, d / "examples" / "2022-06")
    return d


GBK_COMMANDS = [
    ["check", "examples/2022-06"],
    ["check", "examples/2022-06", "--annotate", "退回"],
    ["consolidate", "examples/2022-06", "-o", "输出", "--period", "2022-06"],
    ["classify", "--points", "1、7"],
    ["classify", "--points", "9、10", "--category", "A"],
    ["status", "examples/2022-06", "--period", "2022-06"],
    ["explain"],
    ["explain", "LEVEL_UNDERRATED"],
    ["explain", "FACILITY_DROPPED"],
    ["explain", "NOPE"],
    ["template", "--unit", "汇龙镇", "--period", "2022-06", "--force"],
    ["init", "--force"],
    ["--help"],
    ["consolidate", "--help"],
]


@pytest.mark.parametrize("args", GBK_COMMANDS, ids=lambda a: " ".join(a))
def test_output_survives_a_gbk_console(args: list[str], gbk_dir: Path) -> None:
    proc = _run_gbk(args, gbk_dir)
    stderr = proc.stderr.decode("gbk", errors="replace")
    assert "UnicodeEncodeError" not in stderr and "Traceback" not in stderr, stderr
    assert proc.returncode in ((2,) if args[-1] == "NOPE" else (0, 1)), stderr
    text = proc.stdout.decode("gbk")  # strict: what a GBK console shows, without replacement characters
    if args[-1] != "NOPE":
        assert re.search(r"[\u4e00-\u9fff]", text), text[:200]


@pytest.mark.parametrize("command", ["check", "consolidate", "status"])
def test_json_survives_a_gbk_console(command: str, gbk_dir: Path) -> None:
    args = [command, "examples/2022-06", "--format", "json"] + (["-o", "输出json"] if command == "consolidate" else [])
    proc = _run_gbk(args, gbk_dir)
    assert proc.returncode in (0, 1), proc.stderr.decode("gbk", errors="replace")
    data = json.loads(proc.stdout.decode("gbk"))
    assert data["findings"] and "summary" in data


def _township_file(folder: Path, text: str) -> None:
    folder.mkdir(exist_ok=True)
    wb = openpyxl.load_workbook(EXAMPLES / "汇龙镇_2022年6月_附件1-4.xlsx")
    wb["附件1"]["C5"] = text  # not a number: VALUE_INVALID quotes the value in its message
    wb.save(folder / "汇龙镇.xlsx")


@pytest.mark.parametrize("text", ["✓十五", "十五😀"])  # ✓ is an accepted yes/no mark; emoji are outside the BMP
def test_township_text_outside_gbk_does_not_break_the_console(text: str, tmp_path: Path) -> None:
    _township_file(tmp_path / "收件", text)
    proc = _run_gbk(["check", "收件"], tmp_path)
    stderr = proc.stderr.decode("gbk", errors="replace")
    assert proc.returncode == 1 and "UnicodeEncodeError" not in stderr, stderr
    shown = proc.stdout.decode("gbk")
    assert "VALUE_INVALID" in shown and "十五" in shown


@pytest.mark.parametrize("text", ["✓十五", "十五😀"])
def test_township_text_outside_gbk_keeps_json_valid(text: str, tmp_path: Path) -> None:
    _township_file(tmp_path / "收件", text)
    proc = _run_gbk(["check", "收件", "--format", "json"], tmp_path)
    assert proc.returncode == 1, proc.stderr.decode("gbk", errors="replace")
    data = json.loads(proc.stdout.decode("gbk"))
    assert any(text in f["message"] for f in data["findings"])


# ---- multiprocessing with spawn (the only start method on Windows) ----------------------------------------------


def test_read_parallel_with_spawn_equals_sequential(inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = pipeline.find_files([inbox])
    assert len(files) >= 8
    cfg = default_config()
    sequential = [pipeline.load_file(p, d, cfg, 2022) for p, d in files]
    spawn = functools.partial(ProcessPoolExecutor, mp_context=multiprocessing.get_context("spawn"))
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", spawn)
    seen: list[tuple[int, int, str]] = []
    result = parallel.read_parallel(files, cfg, 2022, lambda i, n, d: seen.append((i, n, d)), workers=2)
    assert result == sequential
    assert [d for _, _, d in seen] == [d for _, d in files] and seen[-1][:2] == (len(files), len(files))


SPAWN_SCRIPT = r"""
import json, multiprocessing, sys
from pathlib import Path
from yanglao_cli import pipeline
from yanglao_cli.config import default_config

def summary(workers):
    loaded, period = pipeline.load([Path(p) for p in sys.argv[1:]], default_config(), "2022-06", workers=workers)
    return {"period": period, "files": loaded.files, "rows_read": loaded.rows_read,
            "rows_unreadable": loaded.rows_unreadable,
            "findings": [f.model_dump(mode="json") for f in loaded.findings],
            "units": {u: s.model_dump(mode="json") for u, s in loaded.submissions.items()}}

if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    one, two = summary(1), summary(2)
    print(json.dumps({"same": one == two, "files": len(one["files"]), "start": multiprocessing.get_start_method()}))
"""


def test_load_with_two_spawned_workers_equals_one(tmp_path: Path) -> None:
    copies = []
    for i, src in enumerate(sorted(EXAMPLES.glob("*.xlsx"))[:5]):
        for j in range(2):
            dst = tmp_path / f"第{j + 1}批 {i}" / src.name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            copies.append(dst)
    script = tmp_path / "spawn_check.py"
    script.write_text(SPAWN_SCRIPT, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), *map(str, copies)], capture_output=True, text=True,
                          encoding="utf-8", timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data == {"same": True, "files": len(copies), "start": "spawn"} and len(copies) >= 8


# ---- an output file open in Excel ----------------------------------------------------------------------------


def test_output_open_in_excel_gives_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from yanglao_cli import safety
    from yanglao_cli.cli.app import main

    def locked(src, dst):  # what os.replace does on Windows when the target is open in Excel
        raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(dst))

    monkeypatch.setattr(safety.os, "replace", locked)
    monkeypatch.setattr(sys, "argv", ["yanglao", "consolidate", str(EXAMPLES), "-o", str(tmp_path / "输出")])
    with pytest.raises(SystemExit) as exc:
        main()
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "Traceback" not in err
    assert "程序内部错误" not in err and "汇总.xlsx" in err and "关闭" in err, err


@pytest.mark.parametrize("name", ["😀" * 400, "启东市民政局" * 50, "a" * 300])
def test_a_long_unit_name_gives_an_output_name_within_255_bytes(name: str) -> None:
    """--unit of 400 emoji: 60 characters of 4 bytes each made a file name over 255 bytes (File name too long)."""
    part = safe_name(name)
    assert part and len(part.encode("utf-8")) <= 180
    for p in output_paths(Path("输出"), name, "2022-06").values():
        assert len(p.name.encode("utf-8")) <= 255, p.name


def test_a_path_given_with_a_tilde_is_the_home_folder_s(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """cmd.exe (and a quoted '~') leave ~ to the program: -o ~/模板.xlsx made a folder named ~ in the working folder
    and said 已写出：~/模板.xlsx (audit of the machine around the tool)."""
    from yanglao_cli.cli.app import main

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["yanglao", "template", "--output=~/模板.xlsx"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code in (0, None) and (home / "模板.xlsx").is_file() and not (tmp_path / "~").exists()
    (tmp_path / "~").mkdir()  # a folder really named ~ is that folder
    monkeypatch.setattr(sys, "argv", ["yanglao", "template", "-o", "~/模板.xlsx"])
    with pytest.raises(SystemExit):
        main()
    assert (tmp_path / "~" / "模板.xlsx").is_file()
