"""Reading files on several cores. Works with the spawn start method (Windows): workers import this module."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .config import Config

CHUNK_FILES = 16  # files a worker takes at a time: 16 are ~0.1 s of work, so both cores finish together


_JOB: tuple[Config, int | None, bool] | None = None  # a worker's configuration, year and rules, sent once


def _start(config: Config, year: int | None, rules: bool) -> None:
    global _JOB
    _JOB = (config, year, rules)
    quiet_child()


def quiet_child() -> None:
    """What every child process does first. Ctrl-C reaches every process of the terminal's group: the main process
    alone answers it and stops the children (a worker interrupted mid-file broke the pool while the main process
    shut it down: tracebacks from concurrent.futures, and now and then a run that never ended; blind audit).
    SIGTERM gets its default back (the main process's, inherited by a fork, makes it an interruption), and on
    Linux a child ends when the main process does (killed, its readers ran on for minutes; audit of interrupts)."""
    import signal
    import sys

    with contextlib.suppress(ValueError, OSError, AttributeError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _read(args: tuple[Path, str]):
    from .pipeline import load_file

    assert _JOB is not None
    config, year, rules = _JOB
    return load_file(args[0], args[1], config, year, rules)


def read_parallel(files: list[tuple[Path, str]], config: Config, year: int | None,
                  progress: Callable[[int, int, str], None] | None, workers: int, rules: bool = True) -> list:
    """Results in input order, so output stays deterministic."""
    out = []
    # the configuration goes to each worker once: sent with every chunk, each chunk unpickled a new Config and
    # built its unit matcher again (at 2,000 units 2 s of CPU in chunks of 25), which forced chunks so large
    # (250 files, a second of work) that one core idled while the other finished the last one
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start, initargs=(config, year, rules))
    try:
        chunk = max(1, min(CHUNK_FILES, len(files) // (workers * 4)))
        for i, res in enumerate(pool.map(_read, files, chunksize=chunk)):
            out.append(res)
            if progress:
                progress(i + 1, len(files), res.display)
    except BaseException:
        _stop(pool)  # Ctrl-C (or a failure): the workers end now, not after the files they were given
        raise
    pool.shutdown()
    return out


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers at once. Executor.map has cancelled the futures left: concurrent.futures' own thread,
    finding the pool broken, fails to mark them (InvalidStateError, CPython's) — said nowhere, the process is
    ending; without the workers stopped, the run could wait on them for ever (blind audit)."""
    import threading
    from concurrent.futures import InvalidStateError

    previous = threading.excepthook

    def quiet(args: threading.ExceptHookArgs) -> None:
        if not issubclass(args.exc_type, InvalidStateError):
            previous(args)

    threading.excepthook = quiet
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.terminate()
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.join(timeout=5)
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False)


class Forked:
    """`fn(*args)` in a forked process, on the other core. Only on Linux with more than one CPU (macOS allows
    fork but system frameworks may not survive it; Windows has none) and when `worth_it`; otherwise, or when
    the fork fails, `started` is False and the caller does the work itself. `wait()` is True when the child
    finished without error."""

    def __init__(self, fn: Callable[..., None], *args: object, worth_it: bool = True) -> None:
        import multiprocessing
        import os
        import sys

        self.child = None
        if worth_it and (os.cpu_count() or 1) > 1 and sys.platform.startswith("linux"):
            child = multiprocessing.get_context("fork").Process(target=_run_and_exit, args=(fn, args), daemon=True)
            try:
                child.start()
                self.child = child
            except OSError:
                pass

    @property
    def started(self) -> bool:
        return self.child is not None

    def wait(self) -> bool:
        if self.child is None:
            return False
        self.child.join()
        return self.child.exitcode == 0

    def stop(self) -> None:
        """End the child now (the `with` block failed or was interrupted: what it writes is not wanted, and it
        must not write into temporary files already removed; review)."""
        if self.child is not None:
            with contextlib.suppress(Exception):
                self.child.terminate()
                self.child.join(timeout=5)


@contextlib.contextmanager
def beside(fn: Callable[..., None], *args: object, worth_it: bool = True) -> Iterator[None]:
    """Run `fn(*args)` in a forked process while the `with` block runs, on the other core (the HTML and
    Markdown reports while the workbook is written). Where that is not done (see Forked), or the child fails,
    `fn` runs here after the block instead — the result is the same files."""
    forked = Forked(fn, *args, worth_it=worth_it)
    try:
        yield
    except BaseException:
        forked.stop()
        raise
    if not forked.wait():
        fn(*args)


def _run_and_exit(fn: Callable[..., None], args: tuple[object, ...]) -> None:
    import os

    quiet_child()
    try:
        fn(*args)
    except BaseException:
        os._exit(1)  # the parent runs it again and reports what goes wrong
    os._exit(0)  # no atexit handlers, no second flush of the parent's buffered output
