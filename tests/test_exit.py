"""A run with a province's data ends without freeing it object by object (issue 9: 0.2 s after the answer was
printed), and its answer, its files and its exit status are whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "2022-06"
_RUN = ("import atexit, sys; atexit.register(lambda: sys.stderr.write('ATEXIT')); sys.argv = ['yanglao'] + "
        "sys.argv[1:]; from yanglao_cli.entry import main; main()")


def _yanglao(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=300)


def test_consolidate_ends_at_once_with_its_answer_whole(tmp_path):
    res = _yanglao("consolidate", str(EXAMPLES), "-o", str(tmp_path / "out"), "--format", "json")
    assert res.returncode == 1  # the examples hold errors
    data = json.loads(res.stdout)  # every byte of the answer, through a pipe
    assert data["summary"]["outputs"] and all(Path(p).is_file() for p in data["summary"]["outputs"])
    assert "ATEXIT" not in res.stderr  # ended without the interpreter's clean-up
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(Path(p).name for p in
                                                                           data["summary"]["outputs"])


def test_check_ends_at_once_with_its_answer_whole_in_text_too():
    res = _yanglao("check", str(EXAMPLES))
    assert res.returncode == 1
    assert "错误" in res.stdout and res.stdout.rstrip().splitlines()[-1]  # the summary's last line is there
    assert "ATEXIT" not in res.stderr
    data = json.loads(_yanglao("check", str(EXAMPLES), "--format", "json").stdout)
    assert data["summary"]["files"] == len([p for p in EXAMPLES.rglob("*.xls*") if p.is_file()])


def test_a_run_that_read_nothing_ends_as_usual(tmp_path):
    res = _yanglao("check", str(tmp_path))  # an empty folder: a usage error, before any data is held
    assert res.returncode == 2
    assert "ATEXIT" in res.stderr


def test_a_run_with_its_output_closed_keeps_its_exit_status(tmp_path):
    """`yanglao check … >&-`: Python gives None for a closed stdout, and writing to it was an internal error
    (AttributeError), exit 2 (blind audit of check). The answer is dropped, the exit status stands."""
    import os

    for fmt in ("json", "text"):
        res = subprocess.run([sys.executable, "-c", _RUN, "check", str(EXAMPLES), "--format", fmt],
                             stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                             timeout=300, preexec_fn=lambda: os.close(1))
        assert res.returncode == 1 and "内部错误" not in res.stderr, res.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs a device that is always full")
def test_a_console_that_cannot_be_written_after_the_outputs_says_they_are_written(tmp_path):
    """consolidate > a log on a full disk: the outputs were whole, and it said only 无法写入（磁盘已满）, as if the
    consolidation had failed (audit of the machine around the tool)."""
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-c", _RUN, "consolidate", str(EXAMPLES), "-o", str(tmp_path / "out")],
                             stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=300)
    outputs = sorted((tmp_path / "out").iterdir())
    assert res.returncode == 2 and len(outputs) == 3
    assert "输出已全部写出" in res.stderr and all(p.name in res.stderr for p in outputs), res.stderr
