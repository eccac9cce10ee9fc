"""The `yanglao` command's entry point: light, so that an interruption while the program is still loading is said
like any other (a Ctrl-C in its first tenth of a second printed Python's KeyboardInterrupt traceback; audit of
interruptions). SIGTERM and SIGHUP (a closed terminal) end the run as Ctrl-C does: the reading processes stopped,
temporary files removed, last period's outputs kept (they were left behind, and the readers ran on)."""

from __future__ import annotations

import signal
import sys

INTERRUPTED_TEXT = "\n已中断，这次运行没有完成。\n"


def _as_interrupt(signum: int, frame: object) -> None:
    # the first one interrupts; more while the run cleans up (workers stopped, temporary files removed) would
    # break off the clean-up itself with a traceback
    _ignore()
    raise KeyboardInterrupt


def _ignore() -> None:
    _handle(signal.SIG_IGN)


def _handle(handler: object) -> None:
    """Ctrl-C, SIGTERM and SIGHUP (where the platform has them) given to `handler`."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, handler)  # type: ignore[arg-type]
            except (ValueError, OSError):  # (not the main thread)
                pass


def main() -> None:
    _handle(_as_interrupt)
    _closed_streams_to_null()
    try:
        from .cli.app import main as run
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED_TEXT)
        sys.exit(130)
    try:
        run()
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            _ignore()
            _end_if_held(e.code or 0)
        raise
    finally:
        _ignore()  # the run is over, its outputs written: a Ctrl-C now would only kill the exiting interpreter


def _closed_streams_to_null() -> None:
    """Started with stdout or stderr closed (`yanglao check … >&-`, a service without a console), Python gives None:
    writing to it was an internal error (AttributeError), exit 2 (blind audit of check). What would be said is
    dropped, the exit status stands."""
    import os

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the run)


def _end_if_held(code: int) -> None:
    """The command is done and its answer printed: a run that holds a province's data (cli.common.keep_until_exit)
    ends without freeing it object by object (0.2 s of a 2,000-unit consolidate; issue 9). Nothing is left for exit
    handlers — the reading processes, the report's process and the deflating thread have ended, the outputs are
    in place. Here, not in cli.app.main, which tests call in-process."""
    common = sys.modules.get("yanglao_cli.cli.common")
    if getattr(common, "HELD", None):
        end_now(code)


def end_now(code: int) -> None:
    """End the process at once with `code`, what stdout and stderr hold written first (a closed pipe: nothing more
    can be said on it). No exit handler runs, no object is freed."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001
            pass
    os._exit(code)
