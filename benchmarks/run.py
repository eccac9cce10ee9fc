#!/usr/bin/env python
"""Benchmark `yanglao check` and `yanglao consolidate` on a synthetic inbox, against the floor (issue 9).

    python benchmarks/run.py --units 15
    python benchmarks/run.py --units 2000 --repeat 3 --json bench-2000.json

The inbox holds N units (测试0001镇, 测试0002镇, …), one workbook each with 附件1–4 and `--facilities`
facilities on 附件2 and 附件3, laid out exactly as `yanglao_cli.sample.write_sheet` lays them out. Most units
are clean; every tenth unit carries one of three typical mistakes (see MISTAKES). The inbox and its
yanglao.toml are cached under --workdir and reused by later runs with the same parameters.

Measured, each as its own process (wall time from start to exit, so interpreter start-up counts everywhere):
  check         yanglao check INBOX --config yanglao.toml --format json
  consolidate   yanglao consolidate INBOX -o OUT --config yanglao.toml --format json
  read-1p       python-calamine reading every cell of every sheet of the same files, one process
  read-2p       the same with 2 worker processes
  write         xlsxwriter writing the rows of 附件2 + 附件3 of all units, 9 styled columns
Floor for check = the faster read; floor for consolidate = the faster read + write.

Peak RSS is exact (wait4: the largest single process of the tree); "tree" is the sampled peak of the sum
of PSS over the process and all its descendants (the real memory use with worker processes).

yanglao is measured as `pip install .` leaves it, with its modules byte-compiled: an editable install run with
PYTHONDONTWRITEBYTECODE set (as on some CI machines) would compile ~13,000 lines from source in every process
(~0.2 s), which no installed copy does. The script compiles them once if they are not (`compileall`, what pip
does at install) and says so in the output.

Only the standard library is imported at module level: the floor processes import python-calamine or
xlsxwriter and nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

GEN_VERSION = 1  # bump when the generated inbox changes, to invalidate cached inboxes
SEED = 2022
DATE = "2022-06-15"
REPORTING_UNIT = "测试市民政局"
ROWS_PER_UNIT_FIXED = 2  # 附件1 and 附件4: one data row each
TARGETS = {"consolidate_over_floor": 1.5, "check_over_read": 2.0, "peak_mb_at_2000": 500.0}
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# unit number % 10 -> the mistake that unit makes (the others are clean)
MISTAKES = {3: "underrated", 6: "full_width", 9: "circled_no_level"}


def unit_name(i: int) -> str:
    return f"测试{i:04d}镇"


# ---- the inbox ---------------------------------------------------------------------------------------


def unit_specs(i: int, facilities: int) -> list[Any]:
    """The four SheetSpecs of unit i: sample.clean_rows, with the unit's typical mistake if it has one."""
    from yanglao_cli.forms import F1, F2, F3, F4
    from yanglao_cli.sample import SheetSpec, clean_rows

    unit = unit_name(i)
    rows = clean_rows(unit, facilities, SEED)
    kind = MISTAKES.get(i % 10)
    if kind == "underrated":  # 黄 declared for points 2、7 (7 is 橙): LEVEL_UNDERRATED, weak measures
        rows["F2"][0].update(points="2、7", level="黄")
        rows["F3"][0].update(points="2、7", measures="1、2", clue="否")
    elif kind == "full_width":  # digits typed with a Chinese input method, units and % typed in
        f1 = rows["F1"][0]
        f1.update(total=f"{str(f1['total']).translate(FULL_WIDTH)}家", checked=str(f1["checked"]).translate(FULL_WIDTH),
                  percent=f"{f1['percent']}%")
        for key in ("F2", "F3"):
            rows[key][1]["points"] = str(rows[key][1]["points"]).translate(FULL_WIDTH)
    elif kind == "circled_no_level":  # circled numbers, no level typed, measures described in words
        rows["F2"][2].update(points="①④", level=None)
        rows["F3"][2].update(points="1、4", measures="风险提示、增加抽查检查频次")
    unit_line = f"{unit}人民政府" if i % 20 == 0 else None  # the matcher strips the decoration
    return [SheetSpec(form, rows[form.key], footer_date=DATE, unit_line=unit_line) for form in (F1, F2, F3, F4)]


def write_unit_xlsxwriter(path: Path, unit: str, specs: list[Any]) -> None:
    """sample.write_workbook, with xlsxwriter (about 2.5× faster than openpyxl); checked by verify_layout."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    center = wb.add_format({"align": "center"})
    wrap = wb.add_format({"text_wrap": True})
    for spec in specs:
        _xw_sheet(wb.add_worksheet(spec.sheet_name or f"附件{spec.form.number}"), spec, unit, center, wrap)
    wb.close()


def _xw_put(ws: Any, r: int, c: int, v: Any, fmt: Any = None) -> None:
    if isinstance(v, int | float) and not isinstance(v, bool):
        ws.write_number(r, c, v, fmt)
    else:
        ws.write_string(r, c, str(v), fmt)


def _xw_sheet(ws: Any, spec: Any, unit: str, center: Any, wrap: Any) -> None:
    """sample.write_sheet's layout, 0-based (write_sheet's row r is row r-1 here)."""
    if (spec.columns or spec.extra_columns or spec.header_override or spec.merge_lead_unit or not spec.title
            or spec.start_col != 1):
        raise NotImplementedError("the benchmark's writer covers only write_sheet's default layout")
    form = spec.form
    fields = [c.field for c in form.columns]
    headers = [c.header for c in form.columns]
    ncols = len(headers)
    unit_text = f"{form.unit_label}{spec.unit_line if spec.unit_line is not None else unit}"
    _xw_put(ws, 0, 0, f"附件{form.number}：")
    ws.merge_range(1, 0, 1, ncols - 1, form.title, center)
    if form.key == "F4":
        _xw_put(ws, 2, ncols - 2, f"填报时间：{spec.footer_date}")
        ws.merge_range(2, 0, 2, ncols - 3, unit_text)
    else:
        ws.merge_range(2, 0, 2, min(ncols, 4) - 1, unit_text)
    r = 3
    if form.header_rows == 2:
        i = 0
        while i < ncols:
            g = form.columns[i].group
            if g:
                j = i
                while j + 1 < ncols and form.columns[j + 1].group == g:
                    j += 1
                if j > i:
                    ws.merge_range(r, i, r, j, g)
                else:
                    _xw_put(ws, r, i, g)
                for k in range(i, j + 1):
                    _xw_put(ws, r + 1, k, headers[k])
                i = j + 1
            else:
                ws.merge_range(r, i, r + 1, i, headers[i])
                i += 1
        r += 2
    else:
        for i, h in enumerate(headers):
            _xw_put(ws, r, i, h, wrap)
        r += 1
    for n, row in enumerate(spec.rows, start=1):
        for i, f in enumerate(fields):
            v = row.get(f, n if f == "seq" else None)
            if v is not None:
                _xw_put(ws, r, i, v)
        r += 1
    for k in range(spec.blank_rows):
        if "seq" in fields:
            _xw_put(ws, r, fields.index("seq"), len(spec.rows) + k + 1)
        r += 1
    labels = list(form.footer)
    _xw_put(ws, r, 0, f"{labels[0]}：张三")
    _xw_put(ws, r, 2, f"{labels[1]}：李四")
    _xw_put(ws, r, 3, f"{labels[2]}：0513-83123456")
    if form.key != "F4":
        _xw_put(ws, r, min(5, ncols - 1), f"{labels[3]}：")
        _xw_put(ws, r, min(6, ncols - 1) if ncols > 6 else ncols, spec.footer_date)
    r += 2
    if form.notes:
        for line in form.notes.splitlines()[:6]:
            _xw_put(ws, r, 0, line)
            r += 1


def file_name(i: int) -> str:
    return f"{unit_name(i)}_2022年6月_附件1-4.xlsx"


def _generate_one(job: tuple[str, int, int, str]) -> int:
    folder, i, facilities, generator = job
    path = Path(folder) / file_name(i)
    specs = unit_specs(i, facilities)
    if generator == "openpyxl":
        from yanglao_cli.sample import write_workbook

        write_workbook(path, unit_name(i), specs)
    else:
        write_unit_xlsxwriter(path, unit_name(i), specs)
    return i


def config_text(n: int) -> str:
    names = ",\n".join(f'  "{unit_name(i)}"' for i in range(1, n + 1))
    return f'reporting_unit = "{REPORTING_UNIT}"\nunits = [\n{names},\n]\n'


def prepare_inbox(workdir: Path, n: int, facilities: int, generator: str, jobs: int, fresh: bool
                  ) -> tuple[Path, Path, dict[str, Any]]:
    """The cached inbox for these parameters, generated when missing. Returns (inbox, config, facts)."""
    params = {"units": n, "facilities": facilities, "generator": generator, "version": GEN_VERSION,
              "seed": SEED}
    base = workdir / f"inbox-{n}u-{facilities}f-{generator}-v{GEN_VERSION}"
    inbox, config, manifest = base / "inbox", base / "yanglao.toml", base / "manifest.json"
    cached = False
    if manifest.is_file() and not fresh:
        try:
            cached = json.loads(manifest.read_text(encoding="utf-8"))["params"] == params
        except (OSError, ValueError, KeyError):
            cached = False
        cached = cached and len(list(inbox.glob("*.xlsx"))) == n
    gen_s = None
    if not cached:
        if base.exists():
            shutil.rmtree(base)
        inbox.mkdir(parents=True)
        config.write_text(config_text(n), encoding="utf-8")
        t0 = time.perf_counter()
        work = [(str(inbox), i, facilities, generator) for i in range(1, n + 1)]
        if jobs > 1 and n >= 8:
            import multiprocessing

            with multiprocessing.Pool(jobs) as pool:
                for _ in pool.imap_unordered(_generate_one, work, chunksize=max(1, n // (jobs * 16))):
                    pass
        else:
            for job in work:
                _generate_one(job)
        gen_s = time.perf_counter() - t0
        manifest.write_text(json.dumps({"params": params, "generation_s": gen_s}), encoding="utf-8")
    files = sorted(inbox.glob("*.xlsx"))
    facts = {"dir": str(inbox), "config": str(config), "cached": cached, "generation_s": gen_s,
             "files": len(files), "bytes": sum(p.stat().st_size for p in files),
             "data_rows": n * (2 * facilities + ROWS_PER_UNIT_FIXED)}
    return inbox, config, facts


def verify_layout(facilities: int) -> None:
    """The xlsxwriter inbox must read exactly like sample.write_workbook's (a clean unit and each mistake)."""
    from yanglao_cli import reader
    from yanglao_cli.sample import write_workbook

    with tempfile.TemporaryDirectory(prefix="yanglao-bench-verify-") as tmp:
        for i in (1, 3, 6, 9, 20):
            a, b = Path(tmp) / f"o{i}.xlsx", Path(tmp) / f"x{i}.xlsx"
            write_workbook(a, unit_name(i), unit_specs(i, facilities))
            write_unit_xlsxwriter(b, unit_name(i), unit_specs(i, facilities))
            ga, gb = reader.open_workbook(a, "a").sheets, reader.open_workbook(b, "b").sheets
            for sa, sb in zip(ga, gb, strict=True):
                if (sa.name, _trimmed(sa.rows), sa.merged_origin) != (sb.name, _trimmed(sb.rows), sb.merged_origin):
                    raise SystemExit(f"benchmark writer differs from sample.write_sheet: unit {i}, sheet {sa.name}")


def _trimmed(rows: list[list[Any]]) -> list[list[Any]]:
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] in ("", None):
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


# ---- floors (run as child processes: python run.py --floor read|write ...) ---------------------------


def _read_cells(path: str) -> tuple[int, int]:
    import python_calamine as pc

    rows = cells = 0
    wb = pc.CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        data = wb.get_sheet_by_name(name).to_python()
        rows += len(data)
        cells += sum(len(r) for r in data)
    wb.close()
    return rows, cells


def floor_read(list_file: Path, procs: int) -> dict[str, Any]:
    files = list_file.read_text(encoding="utf-8").splitlines()
    t0 = time.perf_counter()
    if procs > 1:
        import multiprocessing

        with multiprocessing.Pool(procs) as pool:
            counts = pool.map(_read_cells, files, chunksize=max(1, len(files) // (procs * 8)))
    else:
        counts = [_read_cells(p) for p in files]
    return {"work_s": time.perf_counter() - t0, "sheet_rows": sum(r for r, _ in counts),
            "cells": sum(c for _, c in counts)}


def floor_write(n: int, facilities: int, target: Path) -> dict[str, Any]:
    """附件2 and 附件3 of all units: n × facilities rows each, 9 columns, one bordered wrapped format."""
    import xlsxwriter

    base = ("幸福养老院", "2、4", "否", "不涉及", "1、2", "已进行风险提示", "否", "否")
    t0 = time.perf_counter()
    wb = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False, "strings_to_numbers": False,
                                           "strings_to_urls": False})
    fmt = wb.add_format({"font_name": "宋体", "font_size": 10, "valign": "vcenter", "border": 1,
                         "text_wrap": True})
    written = 0
    limit = 1_048_575
    for sheet in ("附件2", "附件3"):
        ws, r, part = wb.add_worksheet(sheet), 0, 0
        for i in range(1, n + 1):
            prefix = unit_name(i)[:6]
            for k in range(facilities):
                if r >= limit:
                    part += 1
                    ws, r = wb.add_worksheet(f"{sheet}（续{part}）"), 0
                ws.write_number(r, 0, (i - 1) * facilities + k + 1, fmt)
                ws.write_string(r, 1, f"{prefix}{base[0]}{k + 1}号", fmt)
                for c in range(2, 9):
                    ws.write_string(r, c, base[c - 1], fmt)
                r += 1
                written += 1
    wb.close()
    return {"work_s": time.perf_counter() - t0, "rows": written, "bytes": target.stat().st_size}


# ---- measuring a child process -----------------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _memory_kb(pid: int) -> int:
    """PSS of one process (shared pages split among their users), or its RSS without smaps_rollup."""
    for name, key in (("smaps_rollup", b"Pss:"), ("status", b"VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}", "rb") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


class TreeSampler(threading.Thread):
    """Peak over time of Σ PSS of the descendants of `pid` (not `pid` itself): sampled every `interval`
    seconds for the first 2 s, then every 5 × `interval` (reading smaps_rollup of a large process costs)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.done = threading.Event()
        self.available = os.path.isdir("/proc")

    def run(self) -> None:
        t0 = time.perf_counter()
        while self.available and not self.done.is_set():
            kids = _children_map()
            todo, total = list(kids.get(self.pid, ())), 0
            while todo:
                p = todo.pop()
                total += _memory_kb(p)
                todo.extend(kids.get(p, ()))
            self.peak_kb = max(self.peak_kb, total)
            self.done.wait(self.interval if time.perf_counter() - t0 < 2 else 5 * self.interval)


# Started with `python -S -c LAUNCHER RESULT CMD...`: runs CMD and writes its wall time, exit code and
# ru_maxrss to RESULT. A process started directly from this (large) benchmark process would report this
# process's own peak as its ru_maxrss (Linux carries the high-water mark over fork and exec); the small
# launcher in between leaves its ~10 MB as the least a measurement can show.
LAUNCHER = """
import json, os, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[2:])
if hasattr(os, "wait4"):
    _, status, usage = os.wait4(p.pid, 0)
    code, maxrss = os.waitstatus_to_exitcode(status), usage.ru_maxrss
    maxrss = maxrss // 1024 if sys.platform == "darwin" else maxrss
    cpu = usage.ru_utime + usage.ru_stime
else:
    code, maxrss, cpu = p.wait(), None, None
p.returncode = code
wall = time.perf_counter() - t0
with open(sys.argv[1], "w") as fh:
    json.dump({"wall_s": wall, "exit": code, "maxrss_kb": maxrss, "cpu_s": cpu}, fh)
"""


def _busy_s() -> float | None:
    """CPU seconds spent by the whole machine so far (all processes, all CPUs), from /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            ticks = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_quiet(limit_s: float, threshold: float = 0.2) -> float:
    """Wait (at most limit_s) until other processes use under `threshold` CPUs for a second; returns the wait."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit_s:
        b0 = _busy_s()
        time.sleep(1.0)
        b1 = _busy_s()
        if b0 is None or b1 is None or b1 - b0 < threshold:
            break
    return time.perf_counter() - t0


def run_child(cmd: list[str], stdout: Path, cwd: Path) -> dict[str, Any]:
    """Wall time, CPU time, exit code, exact peak RSS (largest process of the tree), sampled tree peak, and
    the CPU seconds that processes outside this measurement used meanwhile (other_cpu_s)."""
    result = stdout.with_suffix(".rusage")
    busy0, self0 = _busy_s(), time.process_time()
    with open(stdout, "wb") as out, open(stdout.with_suffix(".err"), "wb") as err:
        proc = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, str(result), *cmd], stdout=out, stderr=err,
                                cwd=cwd)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        launcher_cpu = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            launcher_cpu = usage.ru_utime + usage.ru_stime  # the launcher and everything under it
        else:
            proc.wait()
        sampler.done.set()
        sampler.join()
    busy1, self1 = _busy_s(), time.process_time()
    try:
        r = json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SystemExit(f"could not run {cmd[0]} (exit {proc.returncode})") from None
    other = None
    if busy0 is not None and busy1 is not None and launcher_cpu is not None:
        other = max(busy1 - busy0 - launcher_cpu - (self1 - self0), 0.0)
    return {"wall_s": r["wall_s"], "cpu_s": r["cpu_s"], "exit": r["exit"], "other_cpu_s": other,
            "peak_rss_mb": r["maxrss_kb"] / 1024 if r["maxrss_kb"] else None,
            "tree_peak_mb": sampler.peak_kb / 1024 if sampler.available and sampler.peak_kb else None}


def yanglao_cmd() -> list[str]:
    exe = Path(sys.executable).parent / ("yanglao.exe" if os.name == "nt" else "yanglao")
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "yanglao_cli"]


def ensure_bytecode() -> str:
    """Byte-compile yanglao's modules where their bytecode is missing (see the module's docstring)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("yanglao_cli")
    if spec is None or not spec.submodule_search_locations:
        return "yanglao_cli not found"
    pkg = Path(next(iter(spec.submodule_search_locations)))
    sources = [p for p in pkg.rglob("*.py") if "__pycache__" not in p.parts]
    missing = [p for p in sources if not Path(importlib.util.cache_from_source(str(p))).is_file()]
    if not missing:
        return "present"
    ok = compileall.compile_dir(str(pkg), quiet=1)
    return f"compiled here ({len(missing)} of {len(sources)} modules had none)" if ok else "could not be compiled"


def _summary(stdout: Path) -> dict[str, Any]:
    try:
        return json.loads(stdout.read_text(encoding="utf-8"))["summary"]
    except (OSError, ValueError, KeyError):
        return {}


# ---- the run -----------------------------------------------------------------------------------------


def measure_all(inbox: Path, config: Path, facts: dict[str, Any], scratch: Path, args: argparse.Namespace
                ) -> dict[str, list[dict[str, Any]]]:
    me = [sys.executable, str(Path(__file__).resolve())]
    list_file = scratch / "files.txt"
    files = sorted(inbox.glob("*.xlsx"))
    list_file.write_text("\n".join(str(p) for p in files), encoding="utf-8")
    for p in files:  # warm the page cache: every measurement reads the files from memory
        p.read_bytes()
    fmt = args.cli_format
    cmds = {
        "check": yanglao_cmd() + ["check", str(inbox), "--config", str(config), "--format", fmt],
        "consolidate": yanglao_cmd() + ["consolidate", str(inbox), "-o", str(scratch / "out"), "--config",
                                        str(config), "--format", fmt],
        "read-1p": me + ["--floor", "read", "--files", str(list_file), "--procs", "1"],
        "read-2p": me + ["--floor", "read", "--files", str(list_file), "--procs", "2"],
        "write": me + ["--floor", "write", "--units", str(args.units), "--facilities", str(args.facilities),
                       "--out", str(scratch / "floor_write.xlsx")],
    }
    runs: dict[str, list[dict[str, Any]]] = {k: [] for k in cmds}
    for rep in range(args.repeat):
        for name, cmd in cmds.items():  # interleaved, so that drift affects all alike
            if name == "consolidate" and (scratch / "out").exists():
                shutil.rmtree(scratch / "out")
            stdout = scratch / f"{name}.out"
            waited = wait_quiet(args.wait_quiet) if args.wait_quiet > 0 else 0.0
            res = run_child(cmd, stdout, scratch)
            res["waited_s"] = waited
            if name in ("check", "consolidate"):
                res["summary"] = _summary(stdout) if fmt == "json" else {}
                if res["exit"] not in (0, 1):
                    err = stdout.with_suffix(".err").read_text(encoding="utf-8", errors="replace")[-2000:]
                    raise SystemExit(f"{name} failed (exit {res['exit']}):\n{err}")
            else:
                if res["exit"] != 0:
                    err = stdout.with_suffix(".err").read_text(encoding="utf-8", errors="replace")[-2000:]
                    raise SystemExit(f"floor {name} failed (exit {res['exit']}):\n{err}")
                res.update(json.loads(stdout.read_text(encoding="utf-8")))
            runs[name].append(res)
            _progress(f"  run {rep + 1}/{args.repeat} {name:<12} {res['wall_s']:8.2f} s")
    out_xlsx = sorted((scratch / "out").glob("*_汇总.xlsx"))
    facts["consolidated_bytes"] = out_xlsx[0].stat().st_size if out_xlsx else None
    return runs


def startup(runs: int, scratch: Path) -> dict[str, Any]:
    """`yanglao --help` against `python -c "import openpyxl"` (hyperfine if on PATH, else a loop)."""
    cmds = {"yanglao --help": yanglao_cmd() + ["--help"],
            "python -c 'import openpyxl'": [sys.executable, "-c", "import openpyxl"],
            "python -c 'pass'": [sys.executable, "-c", "pass"]}
    hyperfine = shutil.which("hyperfine")
    out: dict[str, Any] = {"tool": "hyperfine" if hyperfine else f"loop (median of {runs})"}
    if hyperfine:
        export = scratch / "hyperfine.json"
        subprocess.run([hyperfine, "-N", "--warmup", "3", "--runs", str(runs), "--export-json", str(export),
                        *[shlex.join(c) for c in cmds.values()]],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        data = json.loads(export.read_text(encoding="utf-8"))["results"]
        for name, res in zip(cmds, data, strict=True):
            out[name] = {"median_s": res["median"], "mean_s": res["mean"], "stddev_s": res["stddev"]}
        return out
    for name, cmd in cmds.items():
        times = []
        for k in range(runs + 2):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if k >= 2:  # two warm-up runs
                times.append(time.perf_counter() - t0)
        out[name] = {"median_s": statistics.median(times), "min_s": min(times)}
    return out


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    vals = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def summarise(runs: dict[str, list[dict[str, Any]]], facts: dict[str, Any]) -> dict[str, Any]:
    rows = facts["data_rows"]
    res: dict[str, Any] = {}
    for name, rr in runs.items():
        wall = _median(rr, "wall_s")
        entry = {"wall_s": wall, "wall_min_s": min(r["wall_s"] for r in rr), "wall_max_s": max(r["wall_s"] for r in rr),
                 "cpu_s": _median(rr, "cpu_s"), "peak_rss_mb": _median(rr, "peak_rss_mb"),
                 "tree_peak_mb": _median(rr, "tree_peak_mb"), "runs": rr}
        if name in ("check", "consolidate"):
            entry["rows"] = rr[-1].get("summary", {}).get("rows_read", rows) if rr else rows
        elif name == "write":
            entry["rows"] = rr[-1]["rows"]
            entry["work_s"] = _median(rr, "work_s")
        else:
            entry["rows"] = rows
            entry["work_s"] = _median(rr, "work_s")
        entry["rows_per_s"] = entry["rows"] / wall if wall else None
        res[name] = entry
    read = min(res["read-1p"], res["read-2p"], key=lambda e: e["wall_s"])
    floor_cons = read["wall_s"] + res["write"]["wall_s"]
    cpu = read["cpu_s"] + res["write"]["cpu_s"] if read["cpu_s"] is not None else None
    res["floor-consolidate"] = {"wall_s": floor_cons, "cpu_s": cpu, "rows": rows, "rows_per_s": rows / floor_cons,
                                "peak_rss_mb": max(res["read-2p"]["peak_rss_mb"] or 0, res["write"]["peak_rss_mb"] or 0)
                                or None,
                                "tree_peak_mb": max(res["read-2p"]["tree_peak_mb"] or 0,
                                                    res["write"]["tree_peak_mb"] or 0) or None,
                                "note": "faster read + write"}
    return res


def ratios(res: dict[str, Any], n: int) -> dict[str, Any]:
    read_best = min(res["read-1p"]["wall_s"], res["read-2p"]["wall_s"])
    cons = res["consolidate"]["wall_s"] / res["floor-consolidate"]["wall_s"]
    chk = res["check"]["wall_s"] / read_best
    peak = max(res["check"]["tree_peak_mb"] or res["check"]["peak_rss_mb"] or 0,
               res["consolidate"]["tree_peak_mb"] or res["consolidate"]["peak_rss_mb"] or 0)
    return {
        "consolidate_over_floor": {"value": cons, "target": TARGETS["consolidate_over_floor"],
                                   "met": cons <= TARGETS["consolidate_over_floor"]},
        "check_over_read": {"value": chk, "target": TARGETS["check_over_read"], "met": chk <= TARGETS["check_over_read"]},
        "check_over_read_1p": {"value": res["check"]["wall_s"] / res["read-1p"]["wall_s"]},
        "peak_mb": {"value": peak, "target": TARGETS["peak_mb_at_2000"], "met": peak <= TARGETS["peak_mb_at_2000"],
                    "applies": n >= 2000},
    }


def machine() -> dict[str, Any]:
    from importlib import metadata

    info: dict[str, Any] = {"nproc": os.cpu_count(), "platform": platform.platform(),
                            "python": platform.python_version(), "executable": sys.executable}
    if hasattr(os, "sched_getaffinity"):
        info["nproc_usable"] = len(os.sched_getaffinity(0))
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        info["cpu"] = next((ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if ln.startswith("model name")),
                           platform.processor())
        mem = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()[0]
        info["memory_gb"] = round(int(mem.split()[1]) / 1024 / 1024, 1)
    except OSError:
        info["cpu"] = platform.processor()
    versions = {}
    for dist in ("yanglao-cli", "python-calamine", "xlsxwriter", "openpyxl", "typer", "click", "pydantic", "rich",
                 "jinja2"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    info["versions"] = versions
    return info


def _mb(v: float | None) -> str:
    return f"{v:,.0f}" if v is not None else "–"


def print_table(n: int, res: dict[str, Any], rat: dict[str, Any], facts: dict[str, Any], start: dict[str, Any] | None,
                repeat: int, mach: dict[str, Any]) -> None:
    v = mach["versions"]
    print(f"\nmachine: {mach['nproc']} CPUs ({mach.get('cpu', '?')}), {mach.get('memory_gb', '?')} GB; "
          f"Python {mach['python']}; yanglao-cli {v['yanglao-cli']}, python-calamine {v['python-calamine']}, "
          f"xlsxwriter {v['xlsxwriter']}")
    print(f"{n} units, {facts['files']} files, {facts['bytes'] / 1e6:.1f} MB, {facts['data_rows']:,} data rows"
          f" (median of {repeat} run{'s' if repeat > 1 else ''})")
    head = f"{'measurement':<20}{'wall s':>9}{'CPU s':>8}{'rows/s':>11}{'peak RSS MB':>13}{'tree MB':>9}"
    print(head)
    print("-" * len(head))
    labels = {"check": "yanglao check", "consolidate": "yanglao consolidate", "read-1p": "calamine read 1p",
              "read-2p": "calamine read 2p", "write": "xlsxwriter write", "floor-consolidate": "floor consolidate"}
    for key, label in labels.items():
        e = res[key]
        cpu = f"{e['cpu_s']:.2f}" if e.get("cpu_s") is not None else "–"
        print(f"{label:<20}{e['wall_s']:>9.2f}{cpu:>8}{e['rows_per_s']:>11,.0f}{_mb(e['peak_rss_mb']):>13}"
              f"{_mb(e['tree_peak_mb']):>9}")
    print()
    for key, label in (("consolidate_over_floor", "consolidate / floor"), ("check_over_read", "check / calamine read")):
        r = rat[key]
        print(f"{label:<24}{r['value']:6.2f}×  target ≤ {r['target']}×  {'met' if r['met'] else 'MISSED'}")
    p = rat["peak_mb"]
    verdict = ("met" if p["met"] else "MISSED") if p["applies"] else "(target applies at 2000 units)"
    print(f"{'peak memory (tree)':<24}{p['value']:6.0f} MB target ≤ {p['target']:.0f} MB  {verdict}")
    other = [(r["other_cpu_s"], r["wall_s"]) for k in ("check", "consolidate", "read-1p", "read-2p", "write")
             for r in res[k]["runs"] if r.get("other_cpu_s") is not None]
    busy = max((o / w for o, w in other if w > 0), default=0.0)
    if busy > 0.15:
        print(f"WARNING: other processes used up to {busy:.1f} CPUs during a measurement: wall times are inflated "
              "(CPU s much less so); rerun on a quiet machine")
    s = res["check"]["runs"][-1].get("summary", {})
    if s:
        print(f"check: {s.get('files')} files, {s.get('units')} units, {s.get('rows_read')} rows read; "
              f"errors {s.get('errors')}, warnings {s.get('warnings')}, infos {s.get('infos')}")
    if start:
        print(f"\nstart-up ({start['tool']}):")
        for name, v in start.items():
            if isinstance(v, dict):
                print(f"  {name:<30}{v['median_s'] * 1000:8.0f} ms")


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=15, help="units in the inbox (default 15)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the median is reported")
    ap.add_argument("--workdir", type=Path, help="where the inbox is cached and runs write "
                                                 "(default: <tmp>/yanglao-bench)")
    ap.add_argument("--keep", action="store_true", help="keep this run's outputs (consolidated workbook, "
                                                        "floor workbook, CLI output); the inbox is always cached")
    ap.add_argument("--json", type=Path, help="also write the results to this JSON file")
    ap.add_argument("--facilities", type=int, default=30, help="facilities per unit on 附件2 and 附件3 (default 30)")
    ap.add_argument("--generator", choices=("xlsxwriter", "openpyxl"), default="xlsxwriter",
                    help="xlsxwriter (fast, checked against sample.write_sheet) or sample.write_workbook itself")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="processes generating the inbox")
    ap.add_argument("--fresh", action="store_true", help="regenerate the inbox even if cached")
    ap.add_argument("--cli-format", choices=("json", "text"), default="json",
                    help="--format given to check and consolidate (text adds the Rich rendering of findings)")
    ap.add_argument("--wait-quiet", type=float, default=0, metavar="S",
                    help="before each measurement wait up to S seconds for other processes to leave the CPUs idle")
    ap.add_argument("--startup-runs", type=int, default=20, help="runs of the start-up comparison (0: skip)")
    ap.add_argument("--floor", choices=("read", "write"), help=argparse.SUPPRESS)
    ap.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--procs", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.floor == "read":
        print(json.dumps(floor_read(args.files, args.procs)))
        return 0
    if args.floor == "write":
        print(json.dumps(floor_write(args.units, args.facilities, args.out)))
        return 0
    if args.units < 1 or args.repeat < 1 or args.facilities < 3:
        ap.error("--units and --repeat must be ≥ 1, --facilities ≥ 3")

    workdir = (args.workdir or Path(tempfile.gettempdir()) / "yanglao-bench").resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    if args.generator == "xlsxwriter":
        verify_layout(args.facilities)
    _progress(f"inbox: {args.units} units under {workdir}")
    inbox, config, facts = prepare_inbox(workdir, args.units, args.facilities, args.generator, args.jobs,
                                         args.fresh)
    _progress("  cached" if facts["cached"] else f"  generated in {facts['generation_s']:.1f} s")
    facts["bytecode"] = ensure_bytecode()
    _progress(f"yanglao bytecode: {facts['bytecode']}")
    scratch = Path(tempfile.mkdtemp(prefix="run-", dir=workdir))
    try:
        runs = measure_all(inbox, config, facts, scratch, args)
        start = startup(args.startup_runs, scratch) if args.startup_runs > 0 else None
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    res = summarise(runs, facts)
    rat = ratios(res, args.units)
    s = res["check"]["runs"][-1].get("summary", {})
    complete = not s or (s.get("units") == args.units and s.get("rows_read") == facts["data_rows"])
    mach = machine()
    print_table(args.units, res, rat, facts, start, args.repeat, mach)
    if not complete:
        print(f"WARNING: check read {s.get('units')} units and {s.get('rows_read')} rows; "
              f"expected {args.units} and {facts['data_rows']}")
    if args.keep:
        print(f"\noutputs kept in {scratch}")
    if args.json:
        data = {"params": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
                           if k not in ("floor", "files", "procs", "out")},
                "machine": mach, "inbox": facts, "results": res, "ratios": rat, "startup": start,
                "complete": complete, "when": time.strftime("%Y-%m-%d %H:%M:%S")}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"results written to {args.json}")
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
