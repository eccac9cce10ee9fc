"""Outputs and special files under stress (blind audits of hostile inputs and of a clerk's environment): a set of
outputs replaced together or not at all, a full disk said as one, pipes and devices refused wherever a path is
taken, many small sheets read, control characters shown and not obeyed, Ctrl-C said and ended."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import stat
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from yanglao_cli import safety
from yanglao_cli.config import ConfigError, load_config
from yanglao_cli.normalize import visible_controls

from .conftest import run
from .test_reliability import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "2022-06"
NANYANG = EXAMPLES / "南阳镇_2022年6月_附件1-4.xlsx"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---- a set of outputs is replaced together -----------------------------------------------------------------


@pytest.mark.parametrize("failing", ["workbook", "reports"])
def test_a_failed_consolidate_leaves_last_periods_outputs_as_they_were(tmp_path: Path, runner, monkeypatch,
                                                                         failing: str) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(EXAMPLES, inbox)
    out = tmp_path / "out"
    assert run(runner, "consolidate", str(inbox), "-o", str(out)).exit_code in (0, 1)
    before = _outputs(out)
    assert len(before) == 3
    (inbox / "南阳镇_2022年6月_附件1-4.xlsx").unlink()  # this run's outputs would differ

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    import yanglao_cli.render
    import yanglao_cli.writer

    if failing == "workbook":
        monkeypatch.setattr(yanglao_cli.writer, "write_consolidated", full)
    else:
        monkeypatch.setattr(yanglao_cli.render, "write_reports", full)
    from yanglao_cli.cli.app import app

    result = runner.invoke(app, ["consolidate", str(inbox), "-o", str(out)])  # (the OSError: app.main says it)
    assert result.exit_code != 0 and isinstance(result.exception, OSError)
    # the report of this run never stands beside last period's workbook, and no temporary file is left
    assert _outputs(out) == before


def test_atomic_paths_replace_every_target_or_none(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a")
    with pytest.raises(OSError) as caught, safety.atomic_paths([a, b]) as (ta, tb):
        ta.write_text("new a")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.filename == str(tmp_path)  # a write names no file: the outputs' folder is said
    assert a.read_text() == "old a" and not b.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    with safety.atomic_paths([a, b]) as (ta, tb):
        ta.write_text("new a")
        tb.write_text("new b")
    assert (a.read_text(), b.read_text()) == ("new a", "new b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_workbook_that_cannot_be_written_raises_the_os_error_naming_the_output(tmp_path: Path, capfd) -> None:
    import xlsxwriter

    from yanglao_cli.xlsxfast import close_workbook

    target = tmp_path / "missing" / "out.xlsx"  # (xlsxwriter cannot create it: the same path as a full disk)
    wb = xlsxwriter.Workbook(str(target))
    wb.add_worksheet().write_string(0, 0, "x")
    with pytest.raises(OSError) as caught:
        close_workbook(wb, target)
    assert caught.value.errno == errno.ENOENT and caught.value.filename == str(target)
    # (the CLI said 程序内部错误 for xlsxwriter's FileCreateError; a finaliser's traceback followed on a full disk)
    assert "Traceback" not in capfd.readouterr().err


# ---- pipes and devices ------------------------------------------------------------------------------------


@needs_fifo
def test_a_pipe_is_no_spreadsheet_no_configuration_and_no_output(tmp_path: Path) -> None:
    pipe = tmp_path / "上期.xlsx"
    os.mkfifo(pipe)
    with pytest.raises(safety.Unreadable, match="不是普通文件"):
        safety.sniff(pipe)
    assert safety.small_part(pipe, "docProps/core.xml") is None  # (opened as a zip, it waited for a writer)
    with pytest.raises(ConfigError, match="不是普通文件"):
        load_config(pipe)
    with pytest.raises(safety.OutputRefused, match="设备或管道"):
        safety.write_text_atomic(pipe, "x")
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # --force or not, the pipe is not replaced by a file


@needs_fifo
def test_previous_and_config_given_a_pipe_end_at_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(EXAMPLES, inbox)
    pipe = tmp_path / "p.xlsx"
    os.mkfifo(pipe)
    code, _, err, _ = cli("consolidate", inbox, "-o", tmp_path / "out", "--previous", pipe, timeout=60)
    assert code == 2 and "不是普通文件" in err and "Traceback" not in err
    code, _, err, _ = cli("check", inbox, "--config", pipe, timeout=60)
    assert code == 2 and "不是普通文件" in err
    code, _, err, _ = cli("init", "-o", pipe, "--force", timeout=60)
    assert code == 2 and "设备或管道" in err and "内部错误" not in err
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="no pipes or /dev/zero")
def test_a_pipe_or_a_device_named_as_a_workbook_is_refused_at_once(tmp_path: Path) -> None:
    """A pipe named 南阳镇.xlsx given to check, status, diff or classify, and a link named .xlsx to /dev/zero: each
    refused as no ordinary file — the file's digest read the pipe for ever and /dev/zero past 2 GB (audit of
    hostile input)."""
    pipe = tmp_path / "南阳镇.xlsx"
    os.mkfifo(pipe)
    zero = tmp_path / "汇龙镇.xlsx"
    zero.symlink_to("/dev/zero")
    for args in (("check", pipe), ("status", pipe), ("diff", pipe, NANYANG), ("check", zero), ("classify", pipe)):
        code, out, err, _ = cli(*args, timeout=60)
        assert code == 2 and "不是普通文件" in out + err and "Traceback" not in err, args


def test_a_configuration_too_large_to_be_one_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "yanglao.toml"
    big.write_text("# " + "x" * (2 * 1024 * 1024))
    with pytest.raises(ConfigError, match="过大"):
        load_config(big)


# ---- many small sheets ------------------------------------------------------------------------------------


def _small_sheets(n: int, rows: int, cols: int) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.active.title = "S0"
    for i in range(n):
        ws = wb.active if i == 0 else wb.create_sheet(f"S{i}")
        for r in range(1, rows + 1):
            for c in range(1, cols + 1):
                ws.cell(r, c, f"{i}-{r}-{c}")
    return wb


def test_many_small_sheets_are_counted_as_they_are(tmp_path: Path) -> None:
    """One 排查表 sheet per facility: 240 sheets of a few cells were refused as 600 万 cells, each counted as the
    fast bound Z999."""
    wb = _small_sheets(240, 18, 7)
    path = tmp_path / "many.xlsx"
    wb.save(path)
    assert 240 * 26 * 999 > safety.MAX_CELLS  # (the bounds alone would refuse it)
    facts = safety.inspect_zip(path)  # read: the bounds of the sheets before were made exact when they added up
    assert 240 * 18 * 7 <= facts.cells <= safety.MAX_CELLS


def test_a_sheet_too_large_is_still_refused_after_small_ones(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    for i in range(3):
        wb.create_sheet(f"S{i}")["B2"] = "y"
    far = wb.create_sheet("far")
    far["A1"] = "x"
    far["XFD1048576"] = "z"
    path = tmp_path / "far.xlsx"
    wb.save(path)
    with pytest.raises(safety.Unreadable, match="行列范围|600 万"):
        safety.inspect_zip(path)


# ---- control characters -----------------------------------------------------------------------------------


def test_control_characters_are_shown_not_sent() -> None:
    assert visible_controls("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible_controls("康乐\t养老院\n") == "康乐\t养老院\n"  # tab and newline are text
    assert visible_controls("\x07\x7f\x9b") == "\\x07\\x7f\\x9b"
    assert visible_controls("普通文本") == "普通文本"


def test_a_file_name_with_escapes_does_not_reach_the_terminal(tmp_path: Path, runner) -> None:
    name = tmp_path / "x\x1b[2J\x1b[31m南阳镇\x07.xlsx"
    shutil.copy(NANYANG, name)
    result = run(runner, "check", str(name))
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b[2J" in result.output


def test_the_reports_carry_no_control_characters(tmp_path: Path, runner) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    wb = openpyxl.load_workbook(NANYANG)
    ws = wb["附件2"]
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.endswith(("院", "中心")):
                cell.value = cell.value + "_x001B_[31m"  # (OOXML's escape: read back as ESC)
                break
    wb.save(inbox / NANYANG.name)
    out = tmp_path / "out"
    run(runner, "consolidate", str(inbox), "-o", str(out))
    texts = [report.read_text(encoding="utf-8") for report in (*out.glob("*.html"), *out.glob("*.md"))]
    assert len(texts) == 2 and not any("\x1b" in text for text in texts)
    assert any("\\x1b[31m" in text for text in texts)  # (the name is in a finding: the escape is shown)


# ---- Ctrl-C -----------------------------------------------------------------------------------------------


def test_reading_workers_leave_ctrl_c_to_the_main_process() -> None:
    from yanglao_cli.config import default_config
    from yanglao_cli.parallel import _start

    saved = signal.getsignal(signal.SIGINT)
    try:
        _start(default_config(), 2022, True)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, saved)


def test_ctrl_c_is_said(tmp_path: Path, runner, monkeypatch) -> None:
    import yanglao_cli.cli.check as check_cli

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(check_cli, "run_check", interrupted, raising=False)
    monkeypatch.setattr("yanglao_cli.pipeline.load", interrupted)
    result = run(runner, "check", str(NANYANG))
    assert result.exit_code == 130
    assert "已中断" in result.output


def test_ctrl_c_once_the_outputs_are_in_place_says_they_are(tmp_path: Path, runner, monkeypatch) -> None:
    """The findings are printed after the outputs replaced last period's: a Ctrl-C then said the run had not
    finished, and a clerk believed last period's set was kept (audit of determinism)."""
    import yanglao_cli.cli.consolidate as consolidate_cli

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(consolidate_cli, "render_findings", interrupted)
    out = tmp_path / "out"
    result = run(runner, "consolidate", str(EXAMPLES), "-o", str(out))
    assert result.exit_code == 130 and len(list(out.iterdir())) == 3
    said = result.output.strip().splitlines()[-1]
    assert said.startswith("已中断显示；输出已全部写出：") and all(str(p) in said for p in out.iterdir())
    result = run(runner, "check", str(NANYANG))  # the next command in the same process says nothing of them
    assert "输出已全部写出" not in result.output


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals to a process group: Linux")
def test_ctrl_c_while_two_processes_read_ends_the_run_without_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import time

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = sorted(EXAMPLES.glob("*.xlsx"))
    for i in range(1000):  # the two reading processes (from 48 files), busy for a few seconds
        src = names[i % len(names)]
        shutil.copy(src, inbox / f"{i:03d}_{src.name}")
    cmd = [sys.executable, "-m", "yanglao_cli", "check", str(inbox)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    time.sleep(1.2)
    os.killpg(proc.pid, signal.SIGINT)  # as the terminal sends it: to every process of the group
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    text = err.decode("utf-8", "replace")
    assert "Traceback" not in text
    assert proc.returncode in (130, 0, 1)  # (a fast machine may have finished first)
    if proc.returncode == 130:
        assert "已中断" in text


# ---- from the review of the mends ---------------------------------------------------------------------------


@pytest.mark.parametrize("had_old", [True, False])
def test_a_set_is_put_back_when_a_later_output_cannot_be_replaced(tmp_path: Path, monkeypatch, had_old: bool) -> None:
    """Windows: the report open in a browser or Word refuses its rename after the workbook's was done: the
    workbook gets its old file back, or is removed where there was none."""
    a, b = tmp_path / "汇总.xlsx", tmp_path / "报告.html"
    if had_old:
        a.write_text("old a")
        b.write_text("old b")
    real = os.replace

    def locked(src, dst) -> None:
        if str(dst) == str(b):
            raise PermissionError(13, "另一个程序正在使用此文件", str(dst))
        real(src, dst)

    monkeypatch.setattr(safety.os, "replace", locked)
    with pytest.raises(safety.OutputRefused, match="浏览器"), safety.atomic_paths([a, b]) as (ta, tb):
        ta.write_text("new a")
        tb.write_text("new b")
    monkeypatch.setattr(safety.os, "replace", real)
    if had_old:
        assert (a.read_text(), b.read_text()) == ("old a", "old b")  # last period's set
    assert sorted(p.name for p in tmp_path.iterdir()) == (["报告.html", "汇总.xlsx"] if had_old else [])  # no .tmp/.old


def test_small_sheets_before_a_long_one_are_counted_exactly(tmp_path: Path) -> None:
    wb = _small_sheets(231, 3, 3)
    last = wb.create_sheet("附件2")
    for r in range(1, 1201):  # past row 999: this sheet needs the exact scan
        last.cell(r, 1, r)
    path = tmp_path / "many_then_long.xlsx"
    wb.save(path)
    assert safety.inspect_zip(path).cells <= safety.MAX_CELLS  # (refused as 600 万, blaming 附件2)


def test_classify_shows_control_characters_too(tmp_path: Path, runner) -> None:
    wb = openpyxl.load_workbook(NANYANG)
    for row in wb["附件2"].iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.endswith("护理院"):
                cell.value = cell.value + "_x001B_[2J"
    path = tmp_path / "南阳镇.xlsx"
    wb.save(path)
    result = run(runner, "classify", str(path))
    assert "\x1b" not in result.output and "\\x1b[2J" in result.output


@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2, reason="forked child")
def test_the_report_child_is_stopped_when_the_workbook_fails() -> None:
    import time

    from yanglao_cli.parallel import Forked

    forked = Forked(time.sleep, 60)
    assert forked.started
    forked.stop()
    assert not forked.child.is_alive()


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="/dev/fd")
def test_a_configuration_from_a_scripts_pipe_is_read() -> None:
    r, w = os.pipe()
    os.write(w, 'reporting_unit = "启东市民政局"\nunits = ["汇龙镇"]\n'.encode())
    os.close(w)
    try:
        assert [u.name for u in load_config(Path(f"/dev/fd/{r}")).units] == ["汇龙镇"]  # --config <(…)
    finally:
        os.close(r)


def test_a_thousand_nested_folders_are_walked_without_recursion(tmp_path: Path) -> None:
    from yanglao_cli.inbox import find_files

    shutil.copy(NANYANG, tmp_path / NANYANG.name)
    deep = tmp_path
    here = os.getcwd()
    try:
        os.chdir(tmp_path)
        for _ in range(1100):  # (os.walk recursed once per level: RecursionError, 程序内部错误)
            os.mkdir("a")
            os.chdir("a")
        shutil.copy(NANYANG, "深处.xlsx")
    finally:
        os.chdir(here)
    try:
        found = [d for _, d in find_files([deep])]
        assert any(d.endswith(NANYANG.name) for d in found) and any(d.endswith("深处.xlsx") for d in found)
    finally:
        _remove_nested(tmp_path / "a")  # (pytest's own clean-up of old runs recurses too: RecursionError)


def _remove_nested(top: Path) -> None:
    """Remove a chain of nested folders without recursion."""
    here = os.getcwd()
    try:
        depth = 0
        os.chdir(top)
        while Path("a").is_dir():
            os.chdir("a")
            depth += 1
        for name in os.listdir("."):
            os.remove(name)
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("a")
    finally:
        os.chdir(here)
    top.rmdir()


def test_a_mistyped_command_gets_the_nearest_commands_json_shape(runner) -> None:
    import json

    from yanglao_cli.cli.app import app

    res = runner.invoke(app, ["consolidat", "收件箱", "--format", "json"])
    assert res.exit_code == 2 and json.loads(res.stdout)["summary"]["outputs"] == []
    res = runner.invoke(app, ["clasify", "x.xlsx", "--format", "json"])
    assert json.loads(res.stdout) == {"facilities": [], "findings": []}


# ---- interruptions at every moment (audit of interruptions) ----------------------------------------------


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="signals held: POSIX")
def test_signals_are_held_while_a_set_is_renamed_into_place() -> None:
    saved = signal.signal(signal.SIGINT, signal.default_int_handler)
    reached = False
    try:
        with pytest.raises(KeyboardInterrupt), safety._signals_held():
            os.kill(os.getpid(), signal.SIGINT)
            reached = True  # (delivered only once the renames are done: the set is whole, old or new)
    finally:
        signal.signal(signal.SIGINT, saved)
    assert reached


def test_an_output_whose_bytes_did_not_reach_the_disk_does_not_replace_the_old(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "汇总.xlsx"
    target.write_text("old")

    def failing(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(safety.os, "fsync", failing)
    with pytest.raises(OSError) as caught, safety.atomic_path(target) as tmp:
        tmp.write_text("new")
    assert caught.value.errno == errno.EIO and caught.value.filename == str(target)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["汇总.xlsx"]


def test_a_child_process_leaves_interruptions_to_the_main_process() -> None:
    from yanglao_cli.parallel import quiet_child

    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        signal.signal(signal.SIGTERM, lambda *_: None)  # (the main process's, inherited by a fork)
        quiet_child()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        for s, h in saved.items():
            signal.signal(s, h)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups: Linux")
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
def test_sigterm_or_a_closed_terminal_ends_the_run_like_ctrl_c(tmp_path: Path, sig: str) -> None:
    import subprocess
    import time

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    names = sorted(EXAMPLES.glob("*.xlsx"))
    for i in range(1000):
        src = names[i % len(names)]
        shutil.copy(src, inbox / f"{i:03d}_{src.name}")
    cmd = [sys.executable, "-m", "yanglao_cli", "consolidate", str(inbox), "-o", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    time.sleep(1.2)
    proc.send_signal(getattr(signal, sig))  # to the main process only: its readers were left running
    try:
        _, err = proc.communicate(timeout=60)
        time.sleep(0.5)
        with pytest.raises(ProcessLookupError):
            os.killpg(proc.pid, 0)  # nothing of the run is left
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    text = err.decode("utf-8", "replace")
    assert "Traceback" not in text
    if proc.returncode == 130:
        assert "已中断" in text and not (out.exists() and any(out.iterdir()))


def test_an_interrupted_write_leaves_no_part_files_in_the_temporary_folder(tmp_path: Path, monkeypatch) -> None:
    """xlsxwriter removes its XML part files only once the zip is complete: a Ctrl-C while zipping left them in
    the system's temporary folder (a diff's held facility names; audit of determinism)."""
    import tempfile
    import zipfile

    from yanglao_cli.template import write_template

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(zipfile.ZipFile, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_template(tmp_path / "out" / "模板.xlsx")
    assert list(scratch.iterdir()) == [] and list((tmp_path / "out").iterdir()) == []


def test_temporary_files_a_killed_run_left_are_cleared_by_the_next(tmp_path: Path) -> None:
    """A run killed while writing (SIGKILL: nothing can clean up) left .启东市民政局_2022-06_汇总.x1y2z3w4.xlsx.tmp beside
    the outputs, and no later run removed it (audit of determinism). The next run writing there removes such files
    older than a run takes; a fresh one (another run writing now) and the clerk's own files stay."""
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".启东市民政局_2022-06_汇总.x1y2z3w4.xlsx.tmp"
    old_second = out / ".启东市民政局_2022-06_报告.ab_cd123.html.old"
    fresh = out / ".启东市民政局_2022-06_报告.k9k9k9k9.md.tmp"
    mine = out / ".我的笔记.txt"
    for p in (stale, old_second, fresh, mine):
        p.write_bytes(b"x")
    hour_ago = time.time() - 3600
    for p in (stale, old_second, mine):
        os.utime(p, (hour_ago, hour_ago))
    with safety.atomic_paths([out / "启东市民政局_2022-06_汇总.xlsx"]) as (tmp,):
        tmp.write_bytes(b"new")
    assert sorted(p.name for p in out.iterdir()) == sorted([fresh.name, mine.name, "启东市民政局_2022-06_汇总.xlsx"])
