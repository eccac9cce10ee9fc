"""The command line's paths → the files to read: folders searched (this tool's own outputs, lock files and
untouched annotated copies passed over), archives said, names shown as Windows wrote them. Usage errors (exit 2)
are raised here and by every command."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import reader, safety
from .annotate import ANNOTATED_STEM, SUFFIX, is_untouched_copy
from .findings import Finding
from .oserrors import why as os_why

# read (templates filled in too: .xltx, .xlt, WPS .ett)
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et", ".xltx", ".xltm", ".xlt", ".ett", ".ots")
# not read, but a township's report may be inside or behind them: FILE_UNREADABLE says what to do (PDF scans and
# photos beside the workbooks are passed over)
REPORTED_SUFFIXES = (".zip", ".rar", ".7z", ".csv", ".fods")
# Files this tool writes that must not be read back as submissions when a folder is searched.
OWN_OUTPUT_SUFFIXES = ("_变化.xlsx",)
DEFAULT_OUTPUT = "输出"  # consolidate's output folder when -o is not given


def default_output_unless_named(paths: Iterable[Path | str]) -> list[Path]:
    """check and status pass over consolidate's default output folder in a folder searched, as consolidate does —
    not when that folder is the one named (check 输出 found nothing; review): the one here, and the one inside
    each folder named (consolidate . run in the inbox wrote 收件夹/输出; checked from the folder above, its workbook
    was UNIT_UNKNOWN, 请把它移出收件夹 — the same inbox said otherwise by where it was run from; hostile audit)."""
    paths = list(paths)
    outs = [Path(DEFAULT_OUTPUT), *outputs_inside(paths)]
    try:
        named = {Path(p).resolve() for p in paths}
        return [out for out in outs if out.resolve() not in named]
    except (OSError, RuntimeError):
        return outs


def outputs_inside(paths: Iterable[Path | str]) -> list[Path]:
    """The default output folder inside each folder named (where consolidate . run there wrote)."""
    out = []
    for p in paths:
        try:
            if Path(p).is_dir():
                out.append(Path(p) / DEFAULT_OUTPUT)
        except OSError:
            continue
    return out
OWN_CONSOLIDATED_SUFFIX = "_汇总.xlsx"  # skipped only inside the output folder: one level up reads them
# An annotated copy (check --annotate) found in a folder is skipped while it is as this tool wrote it (see
# annotate.is_untouched_copy) and its original was found too (_without_copies_beside_originals); otherwise — a
# township's corrected copy, or one sent back as it was — it is a submission and is read.
ANNOTATED_SUFFIX = SUFFIX


class UsageError(Exception):
    """A problem with the command line itself (exit 2). `findings`: what reading a named file found (a workbook
    given to diff that cannot be read), for --format json to carry as check's would."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []

    def __reduce__(self) -> tuple[object, ...]:  # raised in a reading process, raised again here with its findings
        return (type(self), (str(self), self.findings))


class Found(list[tuple[Path, str]]):
    """find_files' answer: (path, path shown) of each file to read; `documents`, the paths shown of the PDF scans,
    photos and other documents passed over in a folder (safety.document_kind) — a unit that sent only those is told
    so where its forms are missing."""

    documents: list[str]
    own: list[str]  # this tool's own outputs passed over (输出/…_汇总.xlsx, 变化.xlsx): said where nothing else is found
    locks: list[str]  # Excel's lock files passed over (~$汇龙镇.xlsx): said where nothing else is found
    copies: list[str]  # our untouched annotated copies passed over beside their originals (passed_over_note)
    empty: list[str]  # folders named on the command line holding no file at all (passed_over_note)


def find_files(paths: Iterable[Path | str], exclude: Iterable[Path] = ()) -> Found:
    """Files named on the command line, and spreadsheets found under folders (sorted by the path shown, lock files
    skipped). Each is reported as the path given on the command line joined with the path found under it (SPEC:
    `file`), as typed: ./收件 stays ./收件/汇龙镇.xlsx."""
    excluded = {_real(p) for p in exclude}
    paths = list(paths)
    out: list[tuple[Path, str]] = []
    documents: list[str] = []
    own: list[str] = []
    locks: list[str] = []
    searched: set[Path] = set()  # annotated copies found while searching a folder (not named themselves)
    empty: list[str] = []
    seen: set[object] = set()  # a file named twice (a folder and a file in it, or the folder twice) is read once
    for arg in paths:
        if not os.fspath(arg).strip():
            # "" from a script's empty variable (yanglao check "$f"): Path("") is the current folder, which was read
            # whole, 178 files of findings (audit of 附件1)
            raise UsageError("命令行中有一个空的文件或文件夹名（\"\"），多半是脚本中的变量没有赋值；请写明要读取的文件或文件夹")
        p, given = Path(arg), shown(os.fspath(arg))
        try:
            there = p.exists() or p.is_symlink()
        except OSError as e:  # a name too long for the system (the run stopped as if an output could not be written)
            raise UsageError(f"无法访问：{given}（{os_why(e)}）") from None
        if not there:
            raise UsageError(f"找不到文件或文件夹：{given}{_missing_hint(p, given)}")
        if p.is_dir():  # (searched whatever its name: 汇龙镇报表.xlsx/ was refused as "a folder, not a file"; audit)
            entries, closed = _walk(p)
            before = len(out) + len(documents) + len(own) + len(locks)
            for q in sorted(entries, key=lambda x: str(x)):
                # (a broken link to a workbook is read, and said unreadable: it was passed over unsaid; audit)
                # (hidden files: .~lock.*#, a Mac's ._ copies, .DS_Store)
                try:
                    broken = q.is_symlink() and not q.exists()
                    listed = q.is_file() or broken
                except OSError:
                    broken, listed = False, True  # (a path too long to look at: read, and said unreadable)
                suffix = _suffix_of(q.name)
                # (a workbook named .xlsx alone is read)
                if listed and safety.is_lock_file(q.name):
                    locks.append(os.path.join(given, shown(str(q.relative_to(p)))))
                    continue
                if not listed or q.name.startswith(".") and q.name.lower() not in SPREADSHEET_SUFFIXES:
                    continue
                # (a broken link named like a folder, 北新镇 → an unmounted share: said, not passed over; review)
                bytes_say = _workbook_bytes(q) if not suffix and not broken else None
                # (a workbook saved as 汇龙镇.wps or .docx: read by its content — passed over as a document; audit)
                misnamed = not broken and (safety.misnamed_workbook(q.name, q)
                                           or suffix == ".xml" and safety.spreadsheet_xml(q))
                if not (broken and not q.suffix) and (suffix not in SPREADSHEET_SUFFIXES + REPORTED_SUFFIXES
                                                      or q.name.endswith(OWN_OUTPUT_SUFFIXES)) \
                        and bytes_say is not True and not misnamed:
                    # (a workbook whose name lost its extension, 王鲍镇报表 downloaded from a chat, is read by its
                    # bytes; it was passed over and the town said 未报送; audit of a clerk's day) — a Word
                    # document so named is said as a document, as one named .docx is (review)
                    if safety.document_kind(q.name) or bytes_say is False:
                        documents.append(os.path.join(given, shown(str(q.relative_to(p)))))
                    continue
                if safety.is_archive(q.name) and _unpacked(q, entries):
                    continue  # unpacked beside itself (近海镇报表.zip and 近海镇报表/): its files are read there (audit)
                if q.name.endswith(OWN_CONSOLIDATED_SUFFIX) and _real(q).parent in excluded \
                        and reader.marked_consolidated(q):
                    # our own previous output in the output folder, not a submission; a township's file of that
                    # name is read, and then not written over (it was skipped and replaced, unsaid; audit)
                    own.append(os.path.join(given, shown(str(q.relative_to(p)))))
                    continue
                real = _real(q) if excluded else q  # (one look at the file system per file)
                if real in excluded:
                    continue  # (a file named to be left out: the --previous workbook kept in the inbox)
                if (real.parent in excluded or "变化" in q.name) and reader.marked_diff(q):
                    # what diff -o wrote (输出/变化.xlsx, as the README's step 8 names it): it was FORM_NOT_FOUND, an
                    # error in every later check of the inbox (blind audit of diff)
                    own.append(os.path.join(given, shown(str(q.relative_to(p)))))
                    continue
                if _first_time(q, seen):
                    out.append((q, os.path.join(given, shown(str(q.relative_to(p))))))
                    if q.name.endswith(ANNOTATED_SUFFIX):
                        searched.add(q)
                else:
                    before -= 1  # (read under another name given: the folder is not empty)
            # a folder that cannot be opened (no permission): rglob passes over it without a word, and its
            # townships would look as if they had sent nothing (audit); read as a file, it is said unreadable
            for d in closed:
                if _first_time(d, seen):
                    out.append((d, given if d == p else os.path.join(given, shown(str(d.relative_to(p))))))
            if before == len(out) + len(documents) + len(own) + len(locks) and not closed and given not in empty:
                empty.append(given)  # (passed over unsaid beside other files; named where nothing is found: audit)
        elif len(paths) > 1 and (safety.is_system_file(p.name) or safety.is_lock_file(p.name)):
            continue  # (收件箱/* typed: Thumbs.db and Excel's lock files are passed over as in a searched folder)
        elif _first_time(p, seen):
            out.append((p, given))
    copies: list[str] = []
    if searched:
        kept = _without_copies_beside_originals(out, searched)
        left = set(kept)  # (a set: 8,000 files a province)
        copies = sorted(shown_ for p, shown_ in out if (p, shown_) not in left)
        out = kept
    # in one order whatever the order they were named in: the same files give the same outputs (SPEC), and
    # which of two equal reports counts does not depend on how the command line was typed
    found = Found(sorted(out, key=lambda x: x[1]))
    found.documents = sorted(documents)
    found.own = sorted(own)
    found.locks = sorted(locks)
    found.copies = copies
    found.empty = empty
    return found


def _real(p: Path) -> Path:
    """p's real path; as given where it cannot be had (a link to itself: RuntimeError before Python 3.13)."""
    try:
        return p.resolve()
    except (OSError, RuntimeError):
        return p.absolute()


def _suffix_of(name: str) -> str:
    """A file's extension as a program opening it sees it: 海复镇.xlsx. and 近海镇.xlsx␠ (a trailing dot or space,
    dropped by Windows, kept on a share or in a download) are .xlsx files — they were passed over, the town
    said 未报送; a name that is an extension alone (.xlsx) is one too."""
    bare = name.rstrip(". ")
    suffix = bare.lower() if bare.startswith(".") and "." not in bare[1:] else Path(bare).suffix.lower()
    # (汇龙镇报表2022.6, 南阳镇.6月报表: a dot in the name, no extension after it)
    return suffix if re.search(r"[a-z]", suffix) else ""


def _workbook_bytes(q: Path) -> bool | None:
    """A file with no extension that holds a workbook (safety.workbook_inside); False for another zip or compound
    file (a document that lost its extension), None for anything else (a note, no document of an office program)."""
    try:
        return safety.workbook_inside(q)
    except PermissionError:  # a file this account may not open: read, and said so (无法打开文件（没有权限）) —
        return True  # skipped, its township was 未报送 without a word (review)
    except OSError:  # not to be opened here (a folder past the path's limit): no document — FILE_UNREADABLE says
        return None  # (it was said a document without extension, 请对方另发; audit of scale)
    except Exception:  # a damaged zip or compound file without an extension: no workbook to say anything about
        return False


def _unpacked(archive: Path, entries: list[Path]) -> bool:
    """A zip unpacked beside itself: a folder of its name holding a spreadsheet. A folder left empty (the unpacking
    cancelled) or holding a Mac's ._ copies alone is not: the zip is said (it was passed over unsaid; audit)."""
    folder = archive.with_suffix("")
    if folder.is_dir() and any(
            e.is_relative_to(folder) and _suffix_of(e.name) in SPREADSHEET_SUFFIXES and not e.name.startswith(("~$", "."))
            for e in entries):
        return True
    # …or unpacked into the inbox itself: its spreadsheets lie beside it (it stayed FILE_UNREADABLE, exit 1; audit)
    try:
        import zipfile

        with zipfile.ZipFile(archive) as zf:
            names = [Path(n).name for n in zf.namelist()[:1000] if _suffix_of(n) in SPREADSHEET_SUFFIXES
                     and not Path(n).name.startswith(("~$", "."))]
    except Exception:  # (not a zip python reads, a damaged one: said as before)
        return False
    return bool(names) and all((archive.parent / n).is_file() for n in names)


def _missing_hint(p: Path, given: str) -> str:
    """Why a path typed is not there, where it can be told: an option typed in Chinese input mode (——period), or a
    path with a space not in quotes (收件箱 6月 read as 收件箱 and 6月; audit of the CLI as a clerk types it)."""
    if given.startswith(("—", "－", "–")):
        return f"；“{given}”像是中文输入法下打的选项，请切换到英文输入法，写成 --{given.lstrip('—－–')}"
    try:
        spaced = next((q.name for q in p.parent.iterdir() if q.name.startswith(p.name + " ")), None)
    except OSError:
        spaced = None
    return f"；路径中有空格时请给整个路径加引号，如 \"{p.parent / spaced if str(p.parent) != '.' else spaced}\"" \
        if spaced else ""


def _walk(p: Path) -> tuple[list[Path], list[Path]]:
    """Every entry under p, as p.rglob("*") gives them, and the folders that could not be listed (no permission, a
    path past the system's length). Without recursion (a thousand nested folders ended os.walk in RecursionError;
    review) and without stopping at such a folder (one 40 levels deep stopped the whole run; audit). A link to a
    folder elsewhere (a township's shared folder) is walked into, once; one to the inbox itself or above it is not
    (it would read the inbox twice, or what lies beside it) — rglob passed over links to folders without a word."""
    try:
        top = p.resolve()
    except (OSError, RuntimeError):
        top = p
    entries: list[Path] = []
    closed: list[Path] = []
    walked: set[tuple[int, int]] = set()
    stack = [p]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                found = list(it)
        except OSError:
            closed.append(folder)
            continue
        for entry in found:
            q = folder / entry.name
            entries.append(q)
            try:
                if not entry.is_dir():
                    continue
                if entry.is_symlink():
                    real, st = q.resolve(), q.stat()
                    if real == top or real in top.parents or (st.st_ino and (st.st_dev, st.st_ino) in walked):
                        continue
                    if st.st_ino:
                        walked.add((st.st_dev, st.st_ino))
            except (OSError, RuntimeError):
                continue  # (a link that cannot be followed: read as named, and said unreadable)
            stack.append(q)
    return entries, closed


def _without_copies_beside_originals(found: list[tuple[Path, str]], copies: set[Path]) -> list[tuple[Path, str]]:
    """An annotated copy found in a folder is skipped while it is as this tool wrote it (annotate.is_untouched_copy)
    and its original was found too (the copies written into the inbox): the same report twice. A copy the
    township sent back as it was, alone or beside other townships' reports, is their report and is read (it was
    skipped silently: audit of annotated copies)."""
    # an original may itself be a copy a township corrected and returned: the copy of it is named as the copy of
    # its original was (annotate._target), so that name is looked for too — never the copy's own
    from .service import safe_name

    def names(p: Path) -> set[str]:
        # (and as the copy's name was made of it: a space before .xlsx dropped, a long name cut to 60 characters —
        # such a copy written into the inbox was read as the township's newer report, its original superseded; audit)
        base = ANNOTATED_STEM.sub("", p.stem)
        return {p.stem, base, safe_name(base or p.stem)}

    counted = Counter(s for p, _ in found for s in names(p))

    def original_found(copy: Path) -> bool:
        base = copy.name[: -len(ANNOTATED_SUFFIX)]
        own = names(copy)

        def other(s: str) -> bool:
            return counted[s] > (s in own)

        # the copy's name: the original's stem, its unit put before it where the name did not say it, _2 … after
        # a name already taken (annotate._target)
        for b in (base, re.sub(r"_\d+$", "", base)):
            if other(b) or any(other(b[i + 1:]) for i, ch in enumerate(b) if ch == "_"):
                return True
        return False

    return [(p, shown_) for p, shown_ in found
            if p not in copies or not (original_found(p) and is_untouched_copy(p))]


def passed_over_note(copies: list[str], empty: Sequence[str] = ()) -> str:
    """A line saying the untouched annotated copies passed over beside their originals: the summary counted one file
    fewer than the folder held, unsaid (blind audit of the send-back loop); and one naming the folders given that
    held no file (passed over unsaid beside other files, exit 0; audit of files)."""
    lines = []
    if copies:
        lines.append(f"提示：另有 {len(copies)} 个本工具写出、未改动的标注副本与原文件在一起（如 {Path(copies[0]).name}），"
                     "已跳过；区镇改好寄回的副本照常读取")
    if empty:
        lines.append(f"提示：所给的文件夹 {'、'.join(empty)} 中没有表格文件")
    return "\n".join(lines)


def _first_time(p: Path, seen: set[object]) -> bool:
    # the file's identity (device, inode) from one stat: resolving every path walked each folder of it again,
    # 0.1 s at 2,000 files; where a file system gives no inode (0: some Windows shares), its resolved path
    try:
        st = p.stat()
        key: object = (st.st_dev, st.st_ino) if st.st_ino else p.resolve()
    except (OSError, RuntimeError, ValueError):  # a broken link, a loop: read as named (its reading says why)
        return True
    if key in seen:
        return False
    seen.add(key)
    return True


def shown(name: str) -> str:
    """A path as findings show it. A name that is not UTF-8 on disk (a Windows zip unpacked on Linux, a Samba
    share: GBK bytes) is read as GB18030, which Chinese Windows wrote it in, not shown as escapes."""
    if _UTF8_NAMES and reader.is_utf8(name):
        return name
    raw = os.fsencode(name)
    try:  # UTF-8 bytes under a locale that is not (LC_ALL=C, zh_CN.GBK): the name as written, not mojibake
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


_UTF8_NAMES = sys.getfilesystemencoding().lower().replace("-", "") == "utf8"
