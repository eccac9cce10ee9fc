"""Reading files on several cores. Works with the spawn start method (Windows): workers import this module."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .config import Config


def _read(args: tuple[Path, str, Config, int | None]):
    from .pipeline import load_file

    path, display, config, year = args
    return load_file(path, display, config, year)


def read_parallel(files: list[tuple[Path, str]], config: Config, year: int | None,
                  progress: Callable[[int, int, str], None] | None, workers: int) -> list:
    """Results in input order, so output stays deterministic."""
    jobs = [(p, d, config, year) for p, d in files]
    out = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for i, res in enumerate(pool.map(_read, jobs, chunksize=max(1, len(jobs) // (workers * 8) or 1))):
            out.append(res)
            if progress:
                progress(i + 1, len(files), res.display)
    return out
