"""benchmarks/run.py is a tool users run: it must keep working (a smoke run on a tiny inbox; no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_benchmark_runs_and_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--units", "3", "--facilities", "3", "--repeat", "1",
         "--startup-runs", "0", "--workdir", str(tmp_path / "work"), "--json", str(out)],
        capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["inbox"]["files"] == 3 and data["inbox"]["data_rows"] == 3 * (2 * 3 + 2)
    results = data["results"]
    for name in ("check", "consolidate", "read-1p", "read-2p", "write", "floor-consolidate"):
        assert results[name]["wall_s"] > 0 and results[name]["peak_rss_mb"] > 0, name
    assert results["check"]["rows"] == 24
    assert set(data["ratios"]) >= {"consolidate_over_floor", "check_over_read", "peak_mb"}
    for line in ("consolidate / floor", "check / calamine read", "peak memory"):
        assert line in proc.stdout
    # measured as installed: with bytecode (pip compiles at install; PYTHONDONTWRITEBYTECODE would leave an editable
    # install compiling every module from source in every measured process)
    assert data["inbox"]["bytecode"] == "present" or data["inbox"]["bytecode"].startswith("compiled here")
    import importlib.util

    import yanglao_cli.pipeline

    assert Path(importlib.util.cache_from_source(yanglao_cli.pipeline.__file__)).is_file()
