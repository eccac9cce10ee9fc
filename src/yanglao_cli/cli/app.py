"""Entry point: registers the commands and keeps tracebacks away from the user."""

from __future__ import annotations

import contextlib
import sys
from typing import Annotated

import typer

from .. import __version__
from . import check as _check  # noqa: F401  (registers the command)
from . import classify as _classify  # noqa: F401
from . import consolidate as _consolidate  # noqa: F401
from . import misc as _misc  # noqa: F401
from . import periods as _periods  # noqa: F401
from . import template as _template  # noqa: F401
from .common import HELD, app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"yanglao {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", help="显示版本号并退出", callback=_version,
                                          is_eager=True)] = False,
) -> None:
    """打击整治养老服务诈骗专项行动报表工具：校验、分级、汇总附件1–4。"""


_OUTPUT_OPTIONS = frozenset(("-o", "--output", "-a", "--annotate"))


def _given_as_input(name: str) -> bool:
    """`name` is a path on the command line, not an output option's value."""
    args = sys.argv[1:]
    return any(a == name and (i == 0 or args[i - 1] not in _OUTPUT_OPTIONS) for i, a in enumerate(args)) and \
        not any(a.startswith(tuple(f"{o}=" for o in _OUTPUT_OPTIONS if o.startswith("--"))) and a.split("=", 1)[1] == name
                for a in args)


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        # a township's text outside the console's code page (GBK: ✓, emoji) must not crash the output
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    HELD.clear()  # (only this run's data: entry.main ends a run that holds some at once)
    sys.argv[1:] = [_home(a) for a in sys.argv[1:]]
    try:
        app()
    except SystemExit as e:
        if e.code == 130:
            _interrupted()
        raise
    except KeyboardInterrupt:
        _interrupted()
    except OSError as e:  # an output folder that cannot be made or written (read errors are findings)
        from ..oserrors import why
        from .common import json_after_failure

        json_after_failure()
        reason = why(e)
        from .common import WRITTEN

        if WRITTEN and not (e.filename or e.filename2):  # the console or a redirected log, after the outputs
            sys.stderr.write(f"错误：结果无法显示或写入重定向的文件（{reason}）；输出已全部写出："
                             f"{'、'.join(WRITTEN)}\n")
            sys.exit(2)
        # a temporary file renamed onto the output: the output is what the clerk knows
        name = e.filename2 or e.filename
        if name and _given_as_input(str(name)):
            # a file given to read (diff's, classify's, a name too long to open): not to be written — the clerk was
            # told to look at the output folder and the disk (blind audit of the command line)
            sys.stderr.write(f"错误：无法访问：{name}（{reason}）\n")
            sys.exit(2)
        where = f" {name}" if name else ""
        sys.stderr.write(f"错误：无法写入{where}（{reason}）。请检查输出位置是否存在、是否有写入权限、磁盘是否已满。\n")
        sys.exit(2)
    except Exception as e:  # last resort: one line, never a traceback
        from ..safety import OutputRefused
        from .common import json_after_failure

        if _caused_by_interrupt(e):  # (an interruption inside a library's own code, said as something else)
            _interrupted()
        json_after_failure()
        if isinstance(e, UnicodeEncodeError):
            # a Chinese file name under a locale that cannot write it (LANG=C on some systems, ISO-8859-1)
            sys.stderr.write("错误：系统的区域设置不支持中文文件名或文字（UnicodeEncodeError）；"
                             "请把区域设置改为 UTF-8（如 export LANG=C.UTF-8）后重新运行。\n")
            sys.exit(2)
        if isinstance(e, OutputRefused):  # an output that must not be written: said as it is
            sys.stderr.write(f"错误：{e}\n")
            sys.exit(2)
        sys.stderr.write(f"错误：程序内部错误（{type(e).__name__}: {str(e)[:200]}）。请把命令和文件发给维护人员。\n")
        sys.exit(2)


def _home(arg: str) -> str:
    """~/桌面/输出 as the home folder's, where no shell expanded it (cmd.exe, a quoted '~'): it made a folder named ~
    in the working folder and said 已写出：~/桌面/… (audit of the machine around the tool). --output=~/x alike."""
    import os

    option, eq, value = arg.partition("=") if arg.startswith("--") else ("", "", arg)
    if not (value == "~" or value.startswith(("~/", "~\\"))) or os.path.lexists("~"):  # (a folder named ~ is that)
        return arg
    return f"{option}{eq}{os.path.expanduser(value)}"


def _interrupted() -> None:
    """Ctrl-C, SIGTERM or a closed terminal (entry.py): said once, and the process ends at once — the reading
    workers are stopped, but concurrent.futures' thread may wait for ever on a result one of them was sending,
    and the interpreter's exit joins it."""
    from ..entry import end_now
    from .common import INTERRUPTED, interrupted_text

    with contextlib.suppress(Exception):
        sys.stdout.flush()  # (what the run printed before the message, as before)
    if not INTERRUPTED:
        with contextlib.suppress(Exception):
            sys.stderr.write(interrupted_text())
    end_now(130)


def _caused_by_interrupt(e: BaseException) -> bool:
    seen = 0
    cause: BaseException | None = e
    while cause is not None and seen < 20:
        if isinstance(cause, KeyboardInterrupt):
            return True
        cause, seen = cause.__context__, seen + 1
    return False
