"""Shared CLI pieces: the Typer app, options reused by every command, consoles and rendering of findings.

Heavy modules (openpyxl, xlsxwriter, calamine, jinja2) are imported inside commands, so `--help` starts fast.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from rich.console import Console

    from ..config import Config
    from ..findings import Finding
    from ..report import Report

NO_FILES = "没有找到电子表格文件（.xlsx/.xlsm/.xls/.xlsb/.ods/.et）"

# Click's own options speak English ("Show this message and exit."); a clerk's help is Chinese throughout.
_BUILTIN_HELP = {
    "help": "显示本帮助并退出",
    "install_completion": "为当前 shell 安装命令补全（按 Tab 键补全命令和选项）",
    "show_completion": "显示当前 shell 的命令补全脚本，可复制后自行安装",
}


class _ChineseBuiltins:
    def get_help_option(self, ctx: Any) -> Any:
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:
            opt.help = _BUILTIN_HELP["help"]
        return opt

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        for p in params:
            if p.name in _BUILTIN_HELP:
                p.help = _BUILTIN_HELP[p.name]
            if hasattr(p, "display_type_rich"):
                _chinese_type_label(p)
        return params


    def get_help(self, ctx: Any) -> str:
        from .zh import help_text

        return help_text(super().get_help(ctx))  # type: ignore[misc]

    def get_usage(self, ctx: Any) -> str:
        from .zh import help_text

        return help_text(super().get_usage(ctx))  # type: ignore[misc]


def _chinese_type_label(param: Any) -> None:
    """The value label in the help (<dir> → <文件夹>), once per parameter object."""
    if getattr(param, "_chinese_label", False):
        return
    from .zh import type_label

    english = param.display_type_rich
    named = getattr(param, "param_type_name", "") == "argument" and bool(getattr(param, "metavar", None))

    def display_type_rich(ctx: Any) -> str | None:
        label = english(ctx=ctx)
        return type_label(label, named) if label else label

    param.display_type_rich = display_type_rich
    param._chinese_label = True


def _wide_context() -> type:
    """Click's help laid out in console columns: a Chinese character is two columns wide, not one."""
    base = TyperCommand.context_class

    class WideFormatter(base.formatter_class):  # type: ignore[name-defined,misc]
        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            from .zh import write_dl

            write_dl(self, rows, col_max, col_spacing)

        def write_text(self, text: str) -> None:
            from .zh import write_text

            write_text(self, text)

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            from .zh import write_usage

            write_usage(self, prog, args, prefix)

    class WideContext(base):  # type: ignore[valid-type,misc]
        formatter_class = WideFormatter

    return WideContext


_WideContext = _wide_context()


INTERRUPTED: list[bool] = []  # not empty once Ctrl-C ended the command (app.main ends the process at once)
WRITTEN: list[str] = []  # the outputs in place while the findings are still being printed


def interrupted_text() -> str:
    """What a Ctrl-C is said as: once the outputs are in place, that they are (the findings are printed after;
    it said the run had not finished, as if last period's outputs were kept; audit of interruptions)."""
    from ..entry import INTERRUPTED_TEXT

    if WRITTEN:
        return f"\n已中断显示；输出已全部写出：{'、'.join(WRITTEN)}\n"
    return INTERRUPTED_TEXT


_PATH_OPTIONS = ("--output", "-o", "--annotate", "-a", "--previous", "--config", "-c")
_VALUE_OPTIONS = ("--format", "-f", "--period", "-p", "--points", "--category", "--unit", "-u", "--kind", "-k")


def empty_path_text(argv: Sequence[str]) -> str | None:
    """A file or folder named "" (a script's unset variable: -o "$OUT") is refused: Path("") is the current folder,
    into which consolidate and check -a wrote their outputs, and from which check read every file."""
    i, options = 0, True
    if "explain" in argv[:1]:
        return None  # its argument is a code, said wrong by explain itself
    while i < len(argv):
        tok = argv[i]
        if options and tok == "--":
            options = False
        elif options and tok.startswith("--") and "=" in tok:
            name, value = tok.split("=", 1)
            if name in _PATH_OPTIONS and not value.strip():
                return _empty_option_text(name)
        elif options and tok in _PATH_OPTIONS:
            if i + 1 < len(argv) and not argv[i + 1].strip():
                return _empty_option_text(tok)
            i += 1
        elif options and tok in _VALUE_OPTIONS:
            i += 1
        elif not tok.strip():
            return "命令行中有一个空的文件或文件夹名（\"\"），多半是脚本中的变量没有赋值；请写明要读取的文件或文件夹"
        i += 1
    return None


def _empty_option_text(name: str) -> str:
    return f"{name} 的值是空的（\"\"），多半是脚本中的变量没有赋值；请写明文件或文件夹（当前文件夹写 .）"


class ChineseGroup(_ChineseBuiltins, TyperGroup):
    context_class = _WideContext

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its whole first paragraph, wrapped: Click cuts a Chinese sentence, which has no
        spaces to cut at, down to "..." on a narrow console."""
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def _single_dashed(self, argv: list[str]) -> str | None:
        """-format json, -period 2022-06: a long option typed with one dash was read as -f ormat ("ormat" not a
        choice) or -p eriod, its value then a missing file (audit of a first-time clerk)."""
        command = self.commands.get(argv[0]) if argv else None
        if command is None:
            return None
        longs = {o for p in command.params for o in getattr(p, "opts", []) if o.startswith("--")}
        # (an option's value is no option: -o -output names a folder; review)
        valued = {o for p in command.params if getattr(p, "param_type_name", "") == "option"
                  and not getattr(p, "is_flag", False) for o in getattr(p, "opts", [])}
        for before, a in zip(argv, argv[1:], strict=False):
            if a == "--":
                break
            name = a.split("=", 1)[0]
            if a[:1] == "-" and a[1:2].isalpha() and f"-{name}" in longs and before not in valued:
                return f"长选项要写两个短横：{name} 应写作 -{name}"
        return None

    def invoke(self, ctx: Any) -> Any:
        WRITTEN.clear()  # (this command's outputs only: tests run many in one process)
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # (explain, init's and template's words read by `head`: nothing found wrong; click said exit 1)
            stdout_gone()
            return 0
        except KeyboardInterrupt:
            # Typer ends a Ctrl-C with status 130 and no word: the clerk saw the prompt come back, nothing said
            sys.stderr.write(interrupted_text())
            INTERRUPTED.append(True)
            raise

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Click's usage errors ("No such option", "Missing argument"…) said in Chinese, exit status 2."""
        standalone = kwargs.pop("standalone_mode", True)
        _ON_FAILURE.clear()  # (one process may run several commands: tests)
        _JSON_WRITTEN.clear()
        if standalone:
            argv = kwargs.get("args", args[0] if args else None)
            argv = sys.argv[1:] if argv is None else list(argv)
            empty = empty_path_text(argv) or self._single_dashed(argv)
            if empty:
                command = json_asked(argv)
                if command:
                    write_json(_failure_json(_shape_of(command)))
                sys.stderr.write(f"错误：{empty}\n")
                sys.exit(2)
        try:
            rv = super().main(*args, **{**kwargs, "standalone_mode": False})  # (popped from kwargs above)
        except SystemExit as e:
            if e.code == 1 and isinstance(e.__context__, BrokenPipeError):
                # --help or --version read by a reader that stopped early: Typer ends that with 1, as if errors
                # were found (commands' own output is kept to its status in invoke)
                stdout_gone()
                sys.exit(0)
            raise
        except Exception as e:
            from .zh import is_help_request, is_usage_error, usage_error_text

            if standalone and is_help_request(e):
                ctx = getattr(e, "ctx", None)
                sys.stderr.write((ctx.get_help() if ctx is not None else str(e)) + "\n")
                sys.exit(getattr(e, "exit_code", 2))
            if standalone and is_usage_error(e):
                argv = kwargs.get("args", args[0] if args else None)
                argv = sys.argv[1:] if argv is None else list(argv)
                command = json_asked(argv)
                if command and not _JSON_WRITTEN:  # (found while parsing, before the command could say it wants JSON)
                    write_json(_failure_json(_shape_of(command)))
                sys.stderr.write(usage_error_text(e, argv))
                sys.exit(getattr(e, "exit_code", 2))
            if standalone and type(e).__name__ == "Abort":
                sys.stderr.write("已取消\n")
                sys.exit(1)
            raise
        if not standalone:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)


class ChineseCommand(_ChineseBuiltins, TyperCommand):
    context_class = _WideContext


class _Typer(typer.Typer):
    """Every command of the app gets ChineseCommand unless it asks for another class."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", ChineseCommand)
        return super().command(*args, **kwargs)


app = _Typer(
    name="yanglao",
    cls=ChineseGroup,
    help="打击整治养老服务诈骗专项行动报表工具：校验、分级、汇总附件1–4。",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,  # plain help: importing Rich for --help costs more than the whole startup budget
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="输出格式：text（表格）或 json",
                                           case_sensitive=False)]  # (--format JSON was refused; audit)
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="配置文件 yanglao.toml（默认：当前目录的 yanglao.toml，否则内置启东市配置）",
                 dir_okay=False),
]
PeriodOpt = Annotated[str | None, typer.Option("--period", "-p", help="报告期，如 2022-06（默认按填报日期推断）")]

_out: Console | None = None
_err: Console | None = None


def out() -> Console:
    global _out
    if _out is None:
        import os
        import sys

        from rich.console import Console

        # into a file or a pipe (a log, grep), with no COLUMNS to say otherwise: wide, so that a path or a count is
        # not cut over two lines at Rich's default 80 columns
        wide = not sys.stdout.isatty() and not os.environ.get("COLUMNS")

        class _Out(Console):
            def on_broken_pipe(self) -> None:
                # read by `head` or a pager that stopped: the rest goes nowhere and the run keeps its exit status
                # (Rich's own ends it with 1, errors found, after a clean check; blind audit of the CLI)
                self.quiet = True
                stdout_gone()

        _out = _Out(highlight=False, soft_wrap=False, width=PIPE_WIDTH if wide else None)
    return _out


PIPE_WIDTH = 200


def err() -> Console:
    global _err
    if _err is None:
        from rich.console import Console

        class _Err(Console):
            def on_broken_pipe(self) -> None:
                # (stderr read by a reader that stopped: the rest is dropped; Rich's own ended the run with 1 and,
                # for template, before its file was written; review)
                self.quiet = True

        _err = _Err(stderr=True, highlight=False, soft_wrap=True)  # (one line each: a piped stderr was cut at 80
        # columns mid-word, 启东市民政\n局; audit of the CLI)
    return _err


# With --format json, the object a command prints if it stops on a usage error (a path not found, a bad --period
# or configuration, a folder where a file is wanted, an argument left out): SPEC promises one object on stdout, and
# a script reading it got an empty stdout from some errors and an object from others (SPEC conformance audits).
# Per command, the keys beyond findings and summary: `outputs` (the summary lists none written), or classify's own.
JSON_SHAPES: dict[str, dict[str, object]] = {"check": {}, "consolidate": {"outputs": True}, "status": {"units": []},
                                             "diff": {"changes": []}, "classify": {"facilities": []}}
_PLAIN_COMMANDS = frozenset(("init", "explain", "template"))  # the commands without --format
_ON_FAILURE: list[dict[str, object]] = []
_JSON_WRITTEN: list[bool] = []  # not empty once this run's object is on stdout
HELD: list[object] = []  # keep_until_exit


def keep_until_exit(data: object) -> None:
    """Keep a run's data (a province's 120,000 rows, their records and findings) until the process ends. Let go as
    the command returned, it was freed object by object after the answer was printed: 0.2 s of a 2,000-unit
    consolidate (issue 9). The entry point ends such a run without freeing it (entry._end_if_held); one run's data
    is kept at a time (tests run many in one process)."""
    HELD[:] = [data]


def json_on_failure(fmt: object, command: str) -> None:
    """Called first by each command that has --format."""
    _ON_FAILURE.clear()
    if fmt == Format.json:
        _ON_FAILURE.append(JSON_SHAPES[command])


def _failure_json(json_extra: dict[str, object]) -> str:
    from ..report import Report

    if "facilities" in json_extra:
        return json.dumps({"facilities": [], "findings": []}, ensure_ascii=False, indent=2)
    return Report(outputs=[] if "outputs" in json_extra else None).to_json(
        **{k: v for k, v in json_extra.items() if k != "outputs"})


def _shape_of(command: str) -> dict[str, object]:
    """The JSON shape of a command, or of the one a mistyped name is nearest (consolidat: consolidate's, with
    outputs; review)."""
    if command in JSON_SHAPES:
        return JSON_SHAPES[command]
    import difflib

    near = difflib.get_close_matches(command, list(JSON_SHAPES), n=1, cutoff=0.6)
    return JSON_SHAPES[near[0]] if near else {}


def json_asked(argv: Sequence[str]) -> str | None:
    """The command of a command line that asks for --format json (in any of the ways Click takes it), else None:
    a usage error Click finds before the command runs still gets the command's object on stdout."""
    command = next((a for a in argv if not a.startswith("-")), None)  # (the group's own options take no value)
    if command not in JSON_SHAPES and (command in _PLAIN_COMMANDS or not argv or command != argv[0]):
        return None  # (a command mistyped first on the line, chek, gets check's object: findings and summary)
    for i, a in enumerate(argv):
        value = None
        if a in ("--format", "-f") and i + 1 < len(argv):
            value = argv[i + 1]
        elif a.startswith("--format="):
            value = a.partition("=")[2]
        elif a.startswith("-f") and not a.startswith("--") and len(a) > 2:
            value = a[2:]
        if value is not None and value.strip().lower() == "json":
            return command
    return None


def json_after_failure() -> None:
    """Under --format json, the command's empty object on stdout when it stops on an error the command did not
    catch (an output folder that cannot be made; its stdout was empty: audit of a clerk's environment)."""
    if _ON_FAILURE and not _JSON_WRITTEN:
        try:
            write_json(_failure_json(_ON_FAILURE[0]))
        except Exception:  # (stdout itself may be what failed)
            pass


def fail(message: str, code: int = 2) -> NoReturn:
    """One clear Chinese line on stderr, then exit (2 = usage error); under --format json, the empty object on
    stdout first unless the command wrote its own."""
    if _ON_FAILURE:
        write_json(_failure_json(_ON_FAILURE[0]))
    err().print(f"[bold red]错误：[/]{_escape(message)}", soft_wrap=True)  # one line, whatever the width
    raise typer.Exit(code)


def fail_no_files(fmt: object, command: str, documents: Sequence[str] = (), own: Sequence[str] = (),
                  locks: Sequence[str] = (), empty: Sequence[str] = ()) -> NoReturn:
    """Nothing to read (exit 2, one line on stderr); with --format json stdout still holds the one object SPEC
    promises, with no files (a script reading it gets the summary, not an empty stdout). `documents`: the PDF
    scans, photos … passed over (pipeline.Found), said: the clerk sees what did come."""
    json_on_failure(fmt, command)
    if documents:
        from ..safety import document_kind

        kinds = "、".join(dict.fromkeys(document_kind(d) for d in documents))
        first = Path(documents[0]).name
        fail(f"{NO_FILES}；只找到 {len(documents)} 个{kinds}（如 {first}），本工具只读取 Excel 报表，请对方另发 Excel 文件")
    if own:
        # (only consolidate's own workbook there, passed over: "no spreadsheet" puzzled a clerk who saw one; audit)
        fail(f"{NO_FILES}：只找到本工具写出的 {len(own)} 个文件（如 {own[0]}），不是区镇报表，已跳过；"
             "要检查它，请直接写出它的文件名")
    if locks:
        # (a folder holding only ~$汇龙镇.xlsx: "no spreadsheet" puzzled a clerk who saw one; blind audit of files)
        fail(f"{NO_FILES}：只找到 {len(locks)} 个表格程序（Excel、WPS、LibreOffice）打开文件时生成的临时锁定文件（如 {Path(locks[0]).name}），"
             "不是报表，原文件不在这里；请把报表文件本身放入文件夹")
    if empty:  # (which: a folder named 汇龙镇.xlsx, an inbox not yet filled — the line named none; audit of files)
        fail(f"{NO_FILES}：所给的文件夹 {'、'.join(empty)} 中没有表格文件")
    fail(NO_FILES)


def _escape(text: object) -> str:
    """Text from a file, a path or the command line, printed through Rich: [/] or [v2] in it is not markup, and
    a control character is shown, not obeyed (a file name or a cell holding ESC [2J cleared the clerk's screen;
    blind audit)."""
    from rich.markup import escape

    from ..normalize import visible_controls

    return escape(visible_controls(str(text)))


esc = _escape


def sent_units(loaded: Any) -> list[str]:
    """The units whose forms hold rows (a blank template sent back is none)."""
    return [u for u, sub in loaded.submissions.items() if sub.f1 or sub.f2 or sub.f3 or sub.f4]


def hinted(fmt: object, text: Callable[[], None], hint: str, note: str = "") -> Callable[[], None]:
    """The text output with a hint after it on stderr, where a clerk looks last (before the JSON object, which
    stays alone on stdout); the text alone without one. `note` first (Report.note)."""
    hint = "\n".join(h for h in (note, hint) if h)
    if not hint:
        return text
    if fmt != Format.text:
        err().print(esc(hint), soft_wrap=True)
        return text

    def both() -> None:
        text()
        err().print(esc(hint), soft_wrap=True)
    return both


def load_config_or_fail(path: Path | None) -> Config:
    from ..config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as e:
        fail(str(e))


def check_period(period: str | None) -> str | None:
    import re

    if period is None:
        return None
    import unicodedata

    p = unicodedata.normalize("NFKC", period).strip()  # ２０２２－０６: typed with the input method in full width
    m = re.fullmatch(r"(\d{4})[-./年]?(\d{1,2})月?", p)
    if m and not 1 <= int(m.group(2)) <= 12:
        fail(f"报告期“{period}”的月份不对（应为 1–12 月），请写成如 2022-06")
    if not m or not 1900 <= int(m.group(1)) <= 2999:
        fail(f"报告期“{period}”格式不对，应写成 2022-06")
    import datetime as dt

    last = dt.date.today().year + 1
    # (2021-06, a slip of the year, as the 填报日期 before the campaign is: every unit 未报送; audit of the CLI)
    first = 2022  # 启民发〔2022〕66号: the campaign began in 2022 (parse.CAMPAIGN_YEAR, not imported at start-up)
    if not first <= int(m.group(1)) <= last:
        # 1922-06 or 2099-06 wrote a whole consolidation with every unit 未报送 (audit of the CLI as typed)
        fail(f"报告期“{period}”的年份不对（专项行动始于 {first} 年，应在 {first}–{last} 年之间），请写成如 2022-06")
    return f"{m.group(1)}-{int(m.group(2)):02d}"


SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


NO_FILE = "（报送情况等，不属于某个文件）"  # what heads findings of no file: the submission status's


_SINCE_LAST = frozenset(("FACILITY_DROPPED", "STATS_DECREASED"))  # found comparing with a consolidated workbook


def render_findings(findings: list[Finding], console: Console | None = None, no_file: str = NO_FILE,
                    order: Callable[[Finding], tuple] | None = None) -> None:
    """Findings grouped by file: a table per file and one summary line each; `no_file` heads those of none;
    within a file by cell, or by `order`."""
    from rich.table import Table

    from ..findings import counts

    console = console or out()
    by_file: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=order or (lambda f: f.sort_key())):
        by_file.setdefault(f.file or no_file, []).append(f)
    many = len(findings) > MANY_FINDINGS
    for file, items in by_file.items():
        if many or _too_narrow(console.width, items):
            _render_lines(console, file, items)
            continue
        table = Table(title=_escape(file), title_justify="left", show_lines=False, expand=False, pad_edge=False)
        table.add_column("位置", no_wrap=True)
        table.add_column("级别", no_wrap=True)
        table.add_column("代码", no_wrap=True)
        table.add_column("说明", overflow="fold")
        for f, where, about in _described(file, items):
            table.add_row(_escape(where), f"[{SEVERITY_STYLE[f.severity.value]}]{f.severity.label}[/]",
                          f.code.value, _escape(about))
        console.print(table)
        c = counts(items)
        console.print(f"  {_escape(file)}：错误 {c['errors']}，警告 {c['warnings']}，提示 {c['infos']}\n")


def _where(f: Finding) -> str:
    return f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.sheet or (f"第{f.row}行" if f.row else ""))


def _described(file: str, items: list[Finding]) -> Iterator[tuple[Finding, str, str]]:
    """Each finding with its place and its message as shown. A consolidated workbook's findings are several
    townships': each says whose (its FACILITY_DROPPED of a 幸福养老院 read as false beside another township's
    幸福养老院 still listed; audit of periods)."""
    several = len({f.unit for f in items if f.unit}) > 1
    for f in items:
        about = f.about()
        if f.unit and not about.startswith(f.unit) and (several or f.code.value in _SINCE_LAST and f.unit not in file):
            about = f"{f.unit}：{about}"
        yield f, _where(f), about


# findings above which they are listed one per line, not in tables: a table took 1 ms a row to lay out (64,000
# findings of a province's inbox of wrong files, 55 s), and one of thousands of rows is read by no one
MANY_FINDINGS = 500
NARROW = 80  # columns below which a table's 说明 column had no width left (every message gone; audit at 60, 40)
MESSAGE_WIDTH = 30  # the least the 说明 column is given; else the findings are listed line by line


def _too_narrow(width: int, items: list[Finding]) -> bool:
    """The table leaves 说明 too little room: a narrow window, or a long sheet name (附件2 named with the form's
    whole title took the column away at 84; review)."""
    if width < NARROW:
        return True
    from rich.cells import cell_len

    place = max((cell_len(_where(f)) for f in items), default=0)
    code = max((len(f.code.value) for f in items), default=0)
    return width - (place + 4 + code + 13) < MESSAGE_WIDTH  # (4: 错误/警告; 13: the borders and padding)


def _render_lines(console: Console, file: str, items: list[Finding]) -> None:
    """A narrow console's findings: each one's place, severity and code on a line, its message below, wrapped by
    the terminal (soft wrap: a path or a cell reference is never cut by Rich)."""
    from rich.text import Text

    from ..findings import counts
    from ..normalize import visible_controls

    # one Text printed once, no markup to parse: 0.07 ms a finding, against 0.6 ms printed line by line
    text = Text(visible_controls(file) + "\n")
    for f, where, about in _described(file, items):
        text.append(f"· {visible_controls(where)} ")
        text.append(f.severity.label, style=SEVERITY_STYLE[f.severity.value])
        text.append(f" {f.code.value}\n  {visible_controls(about)}\n")
    c = counts(items)
    text.append(f"  {visible_controls(file)}：错误 {c['errors']}，警告 {c['warnings']}，提示 {c['infos']}\n")
    console.print(text, soft_wrap=True)


def render_summary(report: Report, console: Console | None = None) -> None:
    console = console or out()
    s = report.summary()
    replaced = f"（其中 {s['rows_superseded']} 行属于被较新报表取代的旧报表）" if s.get("rows_superseded") else ""
    facilities = f"；另有排查表 {s['facility_rows']} 个机构，只校验、不汇总（分级用 yanglao classify）" \
        if s.get("facility_rows") else ""
    console.print(
        f"共 {s['files']} 个文件，{s['units']} 个单位；读取 {s['rows_read']} 行 = 写出 {s['rows_written']} 行"
        f" + 无法读取 {s['rows_unreadable']} 行{replaced}{facilities}；错误 {s['errors']}，警告 {s['warnings']}，"
        f"提示 {s['infos']}",
        soft_wrap=True,  # (the terminal wraps it: Rich cut it mid-figure at 60 columns)
    )


def write_json(text: str) -> None:
    """JSON on stdout that stays valid on any console: characters the console's code page (GBK on a Chinese
    Windows) cannot show become JSON escapes (\\uXXXX, surrogate pairs beyond U+FFFF) rather than the
    backslash escapes of the stream's error handler, which JSON does not know."""
    _ON_FAILURE.clear()  # the command's own object is out: a failure after it adds no second one
    _JSON_WRITTEN.append(True)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = "".join(ch if _encodable(ch, encoding) else json.dumps(ch)[1:-1] for ch in text)
    sys.stdout.write(text + "\n")


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def emit(report: Report, fmt: Format, render_text: object = None, **json_extra: object) -> NoReturn:
    """Print the report in the chosen format and exit with the SPEC's status."""
    with reader_may_stop():
        if fmt == Format.json:
            write_json(report.to_json(**json_extra))
        elif callable(render_text):
            render_text()
    raise typer.Exit(report.exit_code())


@contextlib.contextmanager
def reader_may_stop() -> Iterator[None]:
    """What the command prints, read by a pager or `head` that may stop early: the rest is dropped and the run
    keeps its own exit status (a clean check piped into `head` exited 1, errors found; blind audit of the CLI)."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_gone()


def stdout_gone() -> None:
    """The reader of stdout has gone: what is still buffered, and anything printed later, goes nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass
