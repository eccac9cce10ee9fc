"""Click's own words in Chinese: the help layout (Usage/Options/[required]…) and its usage errors.

A clerk who mistypes an option must read what went wrong in the language of every other message. Click's
errors are recognised by class name (typer vendors Click from 0.16; older typers use the click package) and
re-worded from their attributes; an unknown English message is still shown, after a Chinese lead-in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

_HEADINGS = {"Usage:": "用法：", "Arguments:": "参数：", "Options:": "选项：", "Commands:": "命令："}
_HEADING = re.compile(r"^(Usage:|Arguments:|Options:|Commands:)", re.M)
_DEFAULT = re.compile(r"\[default: ([^\]]*)\]")


def help_text(text: str) -> str:
    text = _HEADING.sub(lambda m: _HEADINGS[m.group(1)], text)
    text = text.replace("用法： ", "用法：").replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
    text = text.replace("[required]", "[必填]")
    return _DEFAULT.sub(lambda m: f"[默认：{m.group(1)}]", text)


# Typer's value labels (<str>, <dir>…) in the clerk's words; a list argument already named by its metavar needs none
_TYPE_WORDS = {"<str>": "<文字>", "<int>": "<整数>", "<float>": "<数字>", "<dir>": "<文件夹>", "<file>": "<文件>",
               "<path>": "<路径>", "<datetime>": "<日期>"}


def type_label(label: str | None, named: bool = False) -> str | None:
    """`named`: an argument with a Chinese name of its own (收件文件夹), which says what it takes."""
    if not label or named:
        return ""
    return _TYPE_WORDS.get(label, label)


# ---- help laid out by display width: a Chinese character takes two columns of the console --------------------

_NO_LINE_START = set("，。、；：？！）》」』”’%")
_NO_LINE_END = set("（《「『“‘")
# a bracketed note ([默认：text], {收件文件夹}...), a run of printable ASCII (a word, an option), blanks, one
# character
_TOKENS = re.compile(r"\[[^\]\n]{1,40}\](?:\.\.\.)?|\{[^}\n]{1,40}\}(?:\.\.\.)?|[!-~]+|\s+|.", re.S)


def columns(text: str) -> int:
    """Console columns of `text`: East Asian wide and full-width characters count two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns (one overlong word stays whole); Chinese text breaks between any two
    characters, but a closing mark (，。）…) never starts a line and an opening one (（《…) never ends one: the
    character before or after goes with it. Existing line breaks are kept."""
    lines: list[str] = []
    for para in text.split("\n"):
        toks: list[str] = []  # the current line's tokens
        used = 0
        for tok in _TOKENS.findall(para):
            if tok.isspace():
                if toks and used + len(tok) < width:
                    toks.append(tok)
                    used += len(tok)
                continue
            w = columns(tok)
            if used + w > width and any(not t.isspace() for t in toks):
                carried: list[str] = []
                if tok in _NO_LINE_START or toks[-1] in _NO_LINE_END:
                    carried = [toks.pop()]  # the last character goes down with the mark
                    if toks and toks[-1] in _NO_LINE_END:
                        carried.insert(0, toks.pop())
                if any(not t.isspace() for t in toks):
                    lines.append("".join(toks).rstrip())
                    toks = [t for t in carried if not t.isspace()]
                else:  # nothing would be left on the line: keep it whole, past the width
                    toks += carried
                used = sum(columns(t) for t in toks)
            toks.append(tok)
            used += w
        lines.append("".join(toks).rstrip())
    return lines


def write_usage(formatter: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
    """Click's HelpFormatter.write_usage with the Chinese heading, measured in console columns."""
    head = f"{'':>{formatter.current_indent}}{'用法：' if prefix is None else prefix}{prog} "
    room = formatter.width - formatter.current_indent - columns(head)
    if room >= 20:
        lines = wrap(args, room)
        formatter.write(head + lines[0] + "\n")
        for line in lines[1:]:
            formatter.write(" " * columns(head) + line + "\n")
    else:  # a long command path: the arguments on the lines below
        formatter.write(head.rstrip() + "\n")
        indent = " " * (formatter.current_indent + 4)
        for line in wrap(args, max(formatter.width - len(indent), 10)):
            formatter.write(indent + line + "\n")


def write_text(formatter: Any, text: str) -> None:
    """Click's HelpFormatter.write_text (paragraphs rewrapped, a paragraph after a \\b line kept as it is),
    measured in console columns."""
    indent = " " * formatter.current_indent
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip("\n")):
        lines = para.split("\n")
        if lines[0].strip() == "\b":
            body = lines[1:]
        else:
            body = wrap(" ".join(line.strip() for line in lines), max(formatter.width - len(indent), 10))
        out.append("\n".join(indent + line if line else "" for line in body))
    formatter.write("\n\n".join(out) + "\n")


def write_dl(formatter: Any, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
    """Click's HelpFormatter.write_dl, measured in console columns instead of characters."""
    rows = [(first, help_text(second)) for first, second in rows]  # [默认：…] measured as it will be shown
    indent = formatter.current_indent
    first_col = min(max((columns(a) for a, _ in rows), default=0), col_max) + col_spacing
    for first, second in rows:
        formatter.write(f"{'':>{indent}}{first}")
        if not second:
            formatter.write("\n")
            continue
        w = columns(first)
        if w <= first_col - col_spacing:
            formatter.write(" " * (first_col - w))
        else:
            formatter.write("\n" + " " * (first_col + indent))
        lines = wrap(second, max(formatter.width - first_col - indent - 1, 10))
        formatter.write(lines[0] + "\n")
        for line in lines[1:]:
            formatter.write(f"{'':>{first_col + indent}}{line}\n")


def is_usage_error(e: BaseException) -> bool:
    return any(c.__name__ == "ClickException" for c in type(e).__mro__)


def is_help_request(e: BaseException) -> bool:
    """`yanglao` alone: Click answers with the help, as an error (exit status 2)."""
    return type(e).__name__ == "NoArgsIsHelpError"


def _kind(e: BaseException) -> str:
    names = [c.__name__ for c in type(e).__mro__]
    for name in ("MissingParameter", "NoSuchOption", "BadOptionUsage", "BadArgumentUsage", "BadParameter",
                 "FileError", "UsageError"):
        if name in names:
            return name
    return "ClickException"


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "argument":
        return str(getattr(param, "metavar", None) or param.name or "").rstrip(".")
    return " / ".join(getattr(param, "opts", []) or [param.name or ""])


_NO_COMMAND = re.compile(r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")
_NOT_ONE_OF = re.compile(r"'(.*?)' is not one of (.*?)\.?$")
_PATH = re.compile(r"(?:File|Directory|Dir|Path) '(.*)' (does not exist|is a directory|is a file|is not readable"
                   r"|is not writable)", re.I)
_PATH_WORDS = {"does not exist": "不存在", "is a directory": "是文件夹，这里需要文件", "is a file": "是文件，这里需要文件夹",
               "is not readable": "无法读取", "is not writable": "无法写入"}
_NOT_NUMBER = re.compile(r"'(.*?)' is not a valid (integer|float)")


def _value_problem(message: str) -> str:
    m = _NOT_ONE_OF.search(message)
    if m:
        choices = "、".join(re.findall(r"'(.*?)'", m.group(2)))
        return f"“{m.group(1)}”不是可选的值，只能是 {choices}"
    m = _PATH.search(message)
    if m:
        return f"“{m.group(1)}”{_PATH_WORDS[m.group(2)]}"
    m = _NOT_NUMBER.search(message)
    if m:
        return f"“{m.group(1)}”不是{'整数' if m.group(2) == 'integer' else '数字'}"
    return message


def _commands_with(ctx: Any, option: str, argv: Sequence[str]) -> list[str]:
    """The commands that have `option`, when it was given to `yanglao` itself (before the command): the one typed
    in `argv` if it has it, else all that do. It said "没有选项 --period，是否为 --version？"."""
    group = getattr(ctx, "command", None)
    commands = getattr(group, "commands", None)
    if not option or not commands or getattr(ctx, "parent", None) is not None:
        return []
    owners = [n for n, c in commands.items() if not getattr(c, "hidden", False)
              and any(option in p.opts or option in p.secondary_opts for p in c.params)]
    typed = [a for a in argv if a in owners][:1]
    return typed or owners


def error_message(e: BaseException, argv: Sequence[str] = ()) -> str:
    """One Chinese line saying what is wrong with the command line (`argv`: what was typed after yanglao)."""
    kind = _kind(e)
    message = str(getattr(e, "message", "") or "")
    param = getattr(e, "param", None)
    if kind == "MissingParameter":
        help_ = (getattr(param, "help", "") or "").split("（")[0]
        what = "选项" if getattr(param, "param_type_name", "") == "option" else "参数"
        return f"缺少{what}“{_param_name(param)}”" + (f"：{help_}" if help_ else "")
    if kind == "NoSuchOption":
        name = getattr(e, "option_name", "")
        owners = _commands_with(getattr(e, "ctx", None), name, argv)
        if owners:  # yanglao --period 2022-06 consolidate …: a command's option typed before the command
            return (f"{name} 是 {'、'.join(owners)} 命令的选项，要写在命令名之后，例如："
                    f"yanglao {owners[0]} … {name} …")
        options = sorted(getattr(e, "possibilities", None) or [])
        return f"没有选项 {name}" + (f"，是否为 {'、'.join(options)}？" if options else "")
    if kind == "BadOptionUsage":
        name = getattr(e, "option_name", "")
        if "requires an argument" in message or "requires" in message:
            return f"选项 {name} 后面要写一个值"
        return f"选项 {name} 用法不对：{message}"
    if kind == "BadParameter":
        hint = getattr(e, "param_hint", None)
        name = (" / ".join(hint) if isinstance(hint, list | tuple) else hint) or _param_name(param)
        if not name:
            return f"值不对：{_value_problem(message)}"
        # an option is named as typed (--format 的值不对); an argument by its Chinese name, quoted (“文件”的值不对)
        return f"{name} 的值不对：{_value_problem(message)}" if name.startswith("-") else \
            f"“{name}”的值不对：{_value_problem(message)}"
    if kind == "FileError":
        return f"无法打开文件“{getattr(e, 'ui_filename', '')}”：{message}"
    m = _NO_COMMAND.search(message)
    if m:
        return f"没有命令“{m.group(1)}”" + (f"，是否为 {m.group(2)}？" if m.group(2) else "")
    if message.startswith("Missing command"):
        return "缺少命令"
    m = _EXTRA.search(message)
    if m:
        return f"多余的参数：{m.group(1)}"
    return f"命令用法不对：{message}" if kind != "ClickException" else message


def usage_error_text(e: BaseException, argv: Sequence[str] = ()) -> str:
    """What is printed for a usage error: the problem, the command's usage line, where to find help."""
    lines = [f"错误：{error_message(e, argv)}"]
    ctx = getattr(e, "ctx", None)
    if ctx is not None and _kind(e) != "ClickException":
        lines.append(help_text(ctx.get_usage()))
        names = getattr(ctx, "help_option_names", None) or ["--help"]
        lines.append(f"查看帮助：{ctx.command_path} {names[0]}")
    return "\n".join(lines) + "\n"
