"""Annotated copies to send back to a township: problem cells filled, an Excel comment on each, and a first
sheet 校验结果 listing every finding with a link to its cell. The original file is never touched.
"""

from __future__ import annotations

import errno
import re
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

from .findings import F3_BLANK, HIDDEN_ROW, HIDDEN_ROW_SHOWN, Code, Finding, Severity, row_of
from .safety import EXCEL_MAX_TEXT, InputGuard, atomic_path

FILL = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
SUFFIX = "_校验标注.xlsx"
ANNOTATED_STEM = re.compile(r"(?:_校验标注(?:_\d+)?)+$")  # the suffix (and its _2, _3) _target adds


def _legal(text: str) -> str:
    """Text XML can carry: a comment quoting a cell of “\x08” made the copy's comments part no well-formed XML."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _text(cell: Any, value: object) -> None:
    """Set a cell to literal text: never let openpyxl take a leading '=' for a formula, nor refuse a control
    character a township's cell carried into a finding's message."""
    if isinstance(value, str):
        value = _legal(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _target(out_dir: Path, display: str, used: set[str], unit: str = "", guard: InputGuard | None = None,
            folders: dict[str, str] | None = None) -> Path:
    """The copy's path: the file's name, with its unit before it where the name does not say it (收件/南阳镇/附件1-4.xlsx →
    南阳镇_附件1-4_校验标注.xlsx: several townships send files of one name, and the township checking the copy again
    has its unit in the name); _2, _3 … after a name already taken, or one an input has (a returned copy in the
    folder the copies go to)."""
    from .service import safe_name

    # a copy of our copy (checked again after the township corrected it) keeps one suffix, not _校验标注_校验标注
    stem = safe_name(ANNOTATED_STEM.sub("", Path(display).stem) or Path(display).stem)
    if unit and unit not in stem and not (len(unit) > 2 and unit[:-1] in stem):  # (汇龙_6月 says 汇龙镇)
        stem = safe_name(f"{unit}_{stem}")
    name = f"{stem}{SUFFIX}"
    folder = Path(display).parent.name
    if folders is not None and name in used and folder and folders.get(name) not in (None, folder) \
            and folder not in stem:
        # files of one name in two folders (周报/2022-06-08/东海镇_附件4.xlsx and …/2022-06-15/…): told apart by their
        # folder, not by _2 and _3, which say nothing of which week a copy is (audit of a clerk's month)
        name = f"{safe_name(f'{stem}_{folder}')}{SUFFIX}"
    n = 2
    while name in used or (guard is not None and guard.is_input(out_dir / name)) or _in_use(out_dir / name):
        name = f"{stem}_{n}{SUFFIX}"
        n += 1
    used.add(name)
    if folders is not None:
        folders.setdefault(name, folder)
    return out_dir / name


def _in_use(path: Path) -> bool:
    """Last round's copy that cannot be replaced: open in Excel (Windows locks it) or made read-only. The copy goes
    beside it under the next name; it stopped the whole run, exit 2, the other copies half written and no finding
    shown (blind audit of the outputs)."""
    try:
        with open(path, "r+b"):
            return False
    except PermissionError:  # (Excel's lock on Windows, a read-only copy)
        return True
    except OSError as e:
        # a path through a file or a link to itself (--annotate 报表.xlsx/退回) is no copy in use: every next name
        # failed alike and the run never ended (audit of the CLI); the folder's own error is said where it is made
        return e.errno in (errno.EBUSY, errno.ETXTBSY, errno.EISDIR)  # (a folder of its name: not to be replaced)


ANNOTATE_PARALLEL_FILES = 8  # from this many copies the work is shared between processes (~35 ms each)


_EACH_COLUMN = "，填写风险隐患点、通报线索、打击整治措施和当月处置进展等各栏"  # (as DISPOSAL_MISSING's own message)


def said_here(f: Finding, elsewhere: bool, ref: str = "") -> str:
    """A finding's message as the other cell it marks says it (Finding.also): where the finding is, not the words
    pointing at this very cell (附件3's note said 附件3 第5行写的相同 of itself; review). The pointer the message ends
    with (pipeline.check_rows: "；附件3 第N行写的相同，请一并改正") is dropped."""
    where = f"文件 {f.file} 的“{f.sheet}”{f.cell}" if elsewhere else f"“{f.sheet}”{f.cell}"
    if f.code == Code.DISPOSAL_MISSING:  # (the row to add: marked under 附件3's last row, whatever that cell holds)
        if F3_BLANK in f.message:  # (an 附件3 of no row: marked under its header — maybe on its footer's line)
            return f"“{f.facility}”已列入附件2（{where}），但附件3 没有它的处置记录，请在本表表头下逐家补行{_EACH_COLUMN}"
        after = f"第{n - 1}行（最后一家机构）之后" if (n := row_of(ref) or 0) > 1 else "本表"
        return f"“{f.facility}”已列入附件2（{where}），但附件3 没有它的处置记录，请在{after}补一行{_EACH_COLUMN}"
    if f.code == Code.DUPLICATE_ACROSS_UNITS:  # (the first unit's row: the same facility, listed by the other too)
        # (by the unit and its row, not the bureau's path to another township's file, which this one never saw)
        return f"{f.message}（{f.unit}报送的“{f.sheet}”第{f.row}行）"
    if f.code == Code.GREEN_IN_LIST:  # (its 附件3 row: to get the same points, or to go with 附件2's)
        return f"{f.message}（附件2 的这一行见{where}）"
    return f.message.rsplit("；", 1)[0] + f"（本格写的相同：问题见{where}，请一并改正）"


def annotate_files(loaded: Any, out_dir: Path, findings: list[Finding], workers: int = 1) -> list[str]:
    """One annotated copy per readable file; returns the paths written. Every target is checked against the
    inputs before the first copy is written, so a refused one leaves no half-written set behind."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[f.file].append(f)
        for other_file, sheet, ref in f.also:
            if other_file != f.file:  # (附件3 in a file of its own: its copy says it at its cell; review)
                by_file[other_file].append(f.model_copy(update={
                    "file": other_file, "sheet": sheet, "cell": ref, "row": row_of(ref), "also": (),
                    "message": said_here(f, elsewhere=True, ref=ref)}))
    unreadable = {f.file for f in findings if f.code.value == "FILE_UNREADABLE"}
    guard = InputGuard(loaded.paths.values())
    units: dict[str, set[str]] = defaultdict(set)  # file -> the units it holds forms of
    for sub in loaded.submissions.values():
        for file in sub.files:
            units[file].add(sub.unit)
    for file, held in loaded.facility_files.items():  # a 排查表 (never consolidated): its own unit (it was 排查表_2)
        if file not in units:
            units[file] |= held
    for f in findings:  # a file another replaced is its unit's too (two towns' 附件1-4.xlsx were told apart by _2)
        if f.code.value == "SUBMISSION_SUPERSEDED" and f.unit and f.file not in units:
            units[f.file].add(f.unit)
    # 附件1 占比 cells read as a fraction (0.85 as 85 %: the counts decide in an .xls/.ods): a rebuilt copy shows them
    # so, or 0.85 in a General cell was 0.85 % when the copy was checked again — an error the township never made
    # (blind audit of other programs' files)
    percents: dict[str, dict[tuple[str, str], float]] = defaultdict(dict)
    for sub in loaded.submissions.values():
        for row in sub.f1:
            if row.percent is not None and row.cell("percent"):
                percents[row.file][(row.sheet, row.cell("percent"))] = row.percent
    # a file whose name, 填报单位 and 乡镇 disagree keeps its name: 南阳镇.xlsx signed 北新镇 became
    # 北新镇_南阳镇_校验标注.xlsx, a name of two units that says none, and checked again its UNIT_CONFLICT was gone
    conflicted = {f.file for f in findings if f.code.value == "UNIT_CONFLICT"}
    jobs: list[tuple[Path, str, Path, list[Finding], dict[tuple[str, str], float]]] = []
    used: set[str] = set()
    # the names go first to the files that count: the township's copy sent back beside its original keeps its name
    # (南阳镇_校验标注.xlsx), the original it replaced takes _2 — the other way round, the copy to send back again was
    # the _2 one (blind audit of the send-back loop)
    counted = {file for sub in loaded.submissions.values() for file in sub.files}
    targets: dict[str, Path] = {}
    folders: dict[str, str] = {}  # a copy's name -> the folder of the file it was made of
    for display in sorted(loaded.files, key=lambda d: d not in counted):  # (a stable sort: the files' order within)
        if display in unreadable:
            continue
        unit = next(iter(units[display])) if len(units.get(display, ())) == 1 and display not in conflicted else ""
        targets[display] = _target(out_dir, display, used, unit, guard, folders)
        guard.check(targets[display])
    for display in loaded.files:
        if display in targets:
            jobs.append((loaded.paths[display], display, targets[display],
                         sorted(by_file.get(display, []), key=lambda f: f.sort_key()), percents.get(display, {})))
    if workers > 1 and len(jobs) >= ANNOTATE_PARALLEL_FILES:
        from concurrent.futures import ProcessPoolExecutor

        from .parallel import quiet_child

        with ProcessPoolExecutor(max_workers=workers, initializer=quiet_child) as pool:
            # a copy is ~45 ms of work: a few at a time keep both cores busy to the end (chunks of a quarter of
            # the files left one core idle for seconds at the end)
            list(pool.map(_annotate_job, jobs, chunksize=max(1, min(4, len(jobs) // (workers * 4)))))
    else:
        for job in jobs:
            _annotate_job(job)
    return [str(target) for _, _, target, _, _ in jobs]


def _annotate_job(job: tuple[Path, str, Path, list[Finding], dict[tuple[str, str], float]]) -> None:
    annotate_one(*job)


def _load(src: Path, sheets: set[str] | frozenset[str] = frozenset(),
          percents: dict[tuple[str, str], float] | None = None) -> tuple[Any, bool, dict[str, str]]:
    """The workbook to mark, whether it had to be rebuilt from the values read (see _rebuild), and the sheets the
    rebuilt copy had to rename (original name -> name in the copy). `sheets`: those
    the findings name; openpyxl not seeing one of them (members named xl\\worksheets\\…, targets in other
    letter case) rebuilds too — the copy held 校验结果 alone, unsaid (blind audit of other producers)."""
    import openpyxl

    from .safety import editable

    if src.suffix.lower() in (".xlsx", ".xlsm") and editable(src) and not _strict(src):
        try:
            with warnings.catch_warnings():  # openpyxl's English notes on odd parts are not for the clerk's console
                warnings.simplefilter("ignore")
                wb = openpyxl.load_workbook(src, keep_vba=False, rich_text=True)
            if all(name in wb.sheetnames for name in sheets):
                return wb, False, {}
        except Exception:  # openpyxl cannot edit it: rebuild from the values we read
            pass
    wb, renamed = _rebuild(src, percents or {})
    return wb, True, renamed


# (what the rebuilt copy keeps, said as it is: hidden rows, columns and sheets stay hidden; the township's own
# comments are not kept — the note said the hidden rows were lost and was silent on the comments; blind audit)
REBUILT_NOTE = ("注意：原文件是 .xls/.ods 等格式（或过大、无法原样编辑），本副本按读出的内容重建为 .xlsx，只保留了"
                "各单元格的值、合并单元格和隐藏的行、列、工作表，原表的格式、列宽、下拉列表、公式和原有批注未保留。"
                "请对照本副本的标注，在原文件中修改后重新发送。")


MACRO_NOTE = "注意：原文件是含宏的 .xlsm，本副本存为 .xlsx，宏未保留；请对照本副本的标注，在原文件中修改后重新发送。"


RENAMED_NOTE = ("本副本中以下工作表改了名（原名 Excel 不允许：超过 31 个字、与另一张表重名、含 [ ] : * ? / \\ 或以 ' 开头结尾、"
                "名为 History）：")


_NOTE_RULE = "\n——\n"  # between the township's own note and ours


def _their_note(comment: Any) -> str:
    """The township's own note in a cell's comment: all of it, or, in a copy of ours checked again, what stood
    above our findings and any reply typed under them (our findings of the last check are out of date; Excel
    keeps our name as the comment's author when the township types into it)."""
    if comment is None or not comment.text.strip():
        return ""
    if not _ours(comment):
        return comment.text.strip()
    return _without_ours(comment.text, _OUR_LINE.match)


def _without_ours(text: str, ours: Any) -> str:
    """A comment's text without the findings of ours under the township's note (`ours(line)`: a line of one)."""
    above, _, below = text.rpartition(_NOTE_RULE) if _NOTE_RULE in text else ("", "", text)
    # a reply typed on our line, after its code (…（LEVEL_UNDERRATED）已核实): the reply alone — kept whole, our
    # note came twice (audit of copies)
    lines = [m[2] if (m := _OUR_LINE_THEN.match(line)) and m[1] in _CODES else line for line in below.splitlines()]
    replies = [line for line in lines
               if line.strip() and not ours(line) and not _OUR_MORE.fullmatch(line.strip())]
    return "\n".join(t for t in (above.strip(), *replies) if t)


def township_note(text: str) -> str:
    """_their_note of a comment's text alone (cell_notes gives no author): the township's words, our findings'
    lines (a copy of ours sent back with its comments) left out."""
    said = _without_ours(_threaded(text), our_line).strip()
    first, _, rest = said.partition("\n")
    if rest and len(first) <= 30 and first.endswith((":", "：")) and " " not in first.strip():
        said = rest.strip()  # Excel's note begins with its author's name (Administrator:), not the township's words
    return said


def our_line(line: str) -> bool:
    """A line of a finding of ours (its code one of ours: 【提示】整改材料已上传（PDF） is the township's)."""
    m = _OUR_LINE.match(line)
    return m is not None and (m.group(1) or m.group(2)) in _CODES


_THREAD_LABEL = re.compile(r"^\s*(?:Comment|Reply|评论|回复)\s*[:：]\s*$")


def _threaded(text: str) -> str:
    """Excel 365's threaded comment as older readers see it ([Threaded comment], a paragraph on Excel versions,
    Comment: / Reply: and the words indented): the words alone."""
    if not text.lstrip().startswith("[Threaded comment]"):
        return text
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _THREAD_LABEL.match(line)), len(lines))
    return "\n".join(line.strip() for line in lines[start:] if line.strip() and not _THREAD_LABEL.match(line))


# a finding as our comments write it — 【错误】message（CODE）, or [CODE] message as copies of earlier versions have it
_OUR_LINE = re.compile(r"\[([A-Z_]+)\] |【(?:错误|警告|提示)】.*（([A-Z_]+)）\s*$")
_OUR_LINE_THEN = re.compile(r"【(?:错误|警告|提示)】.*（([A-Z_]+)）\s*(\S.*)$")


def _ours(comment: Any) -> bool:
    """A comment of ours: by its author, or by a line of a finding of ours in it — where a program saved the copy
    without authors (LibreOffice writes none), or the township's name took ours when it typed a reply under our
    note (our note was kept and said again below it, and stayed on a cell put right since; audit of copies)."""
    if comment.author == "yanglao":
        return True
    return any(m and (m.group(1) or m.group(2)) in _CODES or (t := _OUR_LINE_THEN.match(line)) and t[1] in _CODES
               for line in comment.text.splitlines() for m in (_OUR_LINE.match(line),))


_CODES = frozenset(c.value for c in Code)


def _clear_old_marks(wb: Any) -> None:
    """A copy of ours, corrected and sent back: our marks of the last check come off (a cell put right since must
    not still look wrong); the township's own notes stay. The cells its 校验结果 sheet links to lose our fill too,
    where the township deleted our note or replaced it with its reply."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    ours = {f"00{c}" for c in FILL.values()} | {f"FF{c}" for c in FILL.values()}
    # the cells our last check marked, as its 校验结果 sheet links to them: a township's own fill of our colours
    # elsewhere stays (Excel's 差/适中 styles, a light-blue header: stripped from every workbook filled in our
    # template, whose creator is ours too; audit of copies)
    marked = _marked_before(wb) if wb.properties.creator == "yanglao" else set()
    # a consolidated workbook's own notes and colours (DUPLICATE_ACROSS_UNITS, a level filled in, 校验问题's
    # severities) are what it carries up, not marks of a check: they were stripped from its annotated copy, and
    # one level up its notes were gone (audit of copies)
    consolidated = {"汇总", "校验问题"} <= set(wb.sheetnames)
    for ws in wb.worksheets:
        if marked and ws.merged_cells.ranges:
            # a finding inside a merge was marked on the merge's first cell, its link to its own (review)
            mine_here = {ref for sheet, ref in marked if sheet == ws.title}
            for rng in ws.merged_cells.ranges:
                if any(rng.min_row <= r <= rng.max_row and rng.min_col <= c <= rng.max_col
                       for r, c in map(_row_col, mine_here)):
                    marked.add((ws.title, f"{get_column_letter(rng.min_col)}{rng.min_row}"))
        for cell in list(getattr(ws, "_cells", {}).values()):
            listed = (ws.title, cell.coordinate) in marked
            mine = cell.comment is not None and _ours(cell.comment) and (listed or not consolidated)
            if not mine and not listed:
                continue
            if mine:
                theirs = _their_note(cell.comment)
                cell.comment = Comment(_legal(theirs), "区镇") if theirs else None
            # (a cell marked whose note the township replaced with its reply: the reply stays, our fill goes)
            if cell.fill.fill_type == "solid" and str(cell.fill.start_color.rgb).upper() in ours:
                cell.fill = PatternFill(fill_type=None)


def _row_col(ref: str) -> tuple[int, int]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(ref)
    return row, column_index_from_string(letters)


_LINK = re.compile(r"^'?((?:[^']|'')+?)'?!\$?([A-Z]{1,3})\$?(\d{1,7})$")


def _marked_before(wb: Any) -> set[tuple[str, str]]:
    """(sheet, cell) of each mark of ours an earlier check made, by the links of its 校验结果 sheet."""
    out: set[tuple[str, str]] = set()
    for ws in wb.worksheets:
        if not _results_sheet_of_ours(ws):
            continue
        for row in ws.iter_rows(min_row=3, min_col=5, max_col=5):
            link = row[0].hyperlink
            m = _LINK.match(link.location or "") if link is not None else None
            if m:
                out.add((m[1].replace("''", "'"), m[2] + m[3]))
    return out


_RESULTS_TITLE = re.compile(r".* 校验结果：错误 \d+ 条，警告 \d+ 条$")


def _results_sheet_of_ours(ws: Any) -> bool:
    """The 校验结果 sheet an earlier check wrote (its title line and heads), not a township's own sheet of that name."""
    return bool(_RESULTS_TITLE.match(str(ws.cell(1, 1).value or ""))) and ws.cell(2, 1).value == "序号"


def _strict(src: Path) -> bool:
    """Saved as "Strict Open XML" (an Excel option): openpyxl opens it without its sheets, so it is rebuilt."""
    import zipfile

    try:
        with zipfile.ZipFile(src) as z, z.open("xl/workbook.xml") as fh:
            return b"purl.oclc.org/ooxml" in fh.read(4096)
    except (KeyError, OSError, zipfile.BadZipFile, EOFError, ValueError):
        return False


def _rebuild(src: Path, percents: dict[tuple[str, str], float] | None = None) -> tuple[Any, dict[str, str]]:
    """A fresh workbook holding the values of every sheet (for .xls/.ods and files openpyxl cannot edit), and the
    sheets it renamed (see _sheet_titles); a 占比 read as a fraction of 1 (`percents`) formatted as a percentage."""
    import openpyxl

    from .reader import _covered_by_origin, open_workbook

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    grids = open_workbook(src, str(src)).sheets
    if any(grid.date1904 for grid in grids):
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        # (its dates kept as plain numbers count from 1904 as in the original: 43265 written into a 1900 workbook
        # was read as no date, a 填报日期 VALUE_INVALID the original had not)
        wb.epoch = CALENDAR_MAC_1904
    titles = _sheet_titles([grid.name for grid in grids])
    for grid in grids:
        ws = wb.create_sheet(titles[grid.name])
        for r, row in enumerate(grid.rows, start=1):
            for c, v in enumerate(row, start=1):
                if v not in ("", None) and (r - 1, c - 1) not in grid.merged_origin:
                    _text(ws.cell(r, c), v)
        # what the township saw, not what lay under it: a number shown as a word through its format (0 shown 黄,
        # 85 in a 0% cell shown 8500%) and a formula's error (#N/A) — written as the number, or left blank, the copy
        # checked otherwise than its original (errors added, or the ones it marks gone; blind audit of cells)
        for at, seen in (*grid.shown.items(), *grid.formula_errors.items()):
            _text(ws[at], seen)
        for at in grid.percent_cells or ():
            if ws[at].value.__class__ in (int, float):
                ws[at].number_format = "0%"  # (85 in a 0% cell, 8500%: written as 85 it was read as 85 %)
        for (sheet, at), percent in (percents or {}).items():
            v = ws[at].value if sheet == grid.name else None
            # (above 100 % too: 1.1 of 22 checked of 20 shown 1.1, a PERCENT_MISMATCH the copy's check added; audit)
            if v.__class__ in (int, float) and v > 0 and abs(v * 100 - percent) < 1e-6:
                ws[at].number_format = "0.0%"
        # the merges too: a 否 merged down three facilities written in the first of them only would be two blanks
        # when the copy is checked again
        for (r0, c0), covered in _covered_by_origin(grid).items():
            r1, c1 = max(r0, *(r for r, _ in covered)), max(c0, *(c for _, c in covered))
            if (r1, c1) != (r0, c0):
                ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        # what was hidden stays hidden: a leftover sheet shown in the copy was read when it was checked again
        # (last month's facilities listed twice; blind audit of formats); a mark on it shows it (_show_row_and_sheet)
        if grid.hidden:
            ws.sheet_state = "hidden"
        for hidden in grid.hidden_rows:
            ws.row_dimensions[hidden].hidden = True
        for first, last in grid.hidden_columns:
            from openpyxl.utils import get_column_letter

            ws.column_dimensions.group(get_column_letter(first + 1), get_column_letter(last + 1), hidden=True)
    if wb.worksheets and all(ws.sheet_state != "visible" for ws in wb.worksheets):
        wb.worksheets[0].sheet_state = "visible"  # (a workbook must show one sheet)
    return wb, {name: title for name, title in titles.items() if title != name}


def _hidden_column(ws: Any, col: int) -> bool:
    for dim in ws.column_dimensions.values():
        if dim.hidden and dim.min is not None and dim.max is not None and dim.min <= col <= dim.max:
            return True
    return False


def _seen_cell(ws: Any, cell: Any) -> tuple[Any, str]:
    """Where a mark can be seen: the cell itself, or for a cell in a hidden column (last month's copy set aside,
    （隐藏列）) the nearest shown cell of its row, the comment saying which column — the column stays hidden, as
    showing it would make the copy, checked again, read last month's values for this month's."""
    if not _hidden_column(ws, cell.column):
        return cell, ""
    from openpyxl.utils import get_column_letter

    for step in range(1, 64):
        for col in (cell.column + step, cell.column - step):
            if col >= 1 and not _hidden_column(ws, col):
                near = ws.cell(cell.row, col)
                if type(near).__name__ != "MergedCell":
                    return near, f"（隐藏的 {get_column_letter(cell.column)} 列）"
    return cell, ""


def _show_row_and_sheet(ws: Any, row: int) -> None:
    """A marked cell in a hidden row (a filter left on) or on a hidden sheet (the only 附件4, hidden): shown in
    the copy, or the clerk would see the finding listed and its mark nowhere (rows and sheets shown are read alike)."""
    dim = ws.row_dimensions.get(row) if hasattr(ws.row_dimensions, "get") else None
    if dim is not None and dim.hidden:
        dim.hidden = False
    if ws.sheet_state != "visible":
        ws.sheet_state = "visible"


SHEET_TITLE_MAX = 31  # Excel's longest sheet name


def _sheet_title(name: str) -> str:
    """A name Excel takes: none of []:*?/\\, 31 characters at most, no ' first or last, not History (reserved)."""
    for ch in "[]:*?/\\":
        name = name.replace(ch, "_")
    name = name[:SHEET_TITLE_MAX].strip("'") or "Sheet"
    return f"{name}_" if name.lower() == "history" else name


def _sheet_titles(names: list[str]) -> dict[str, str]:
    """Each sheet's name in a rebuilt copy: one Excel takes (_sheet_title), and its own whatever the letter case. Two
    .ods names alike in their first 31 characters were cut to one: 附件3's findings were marked on 附件2's cells
    (blind audit of Excel's limits). A name Excel takes as it is keeps it; the others get _2, _3 … where taken."""
    titles: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        if _sheet_title(name) == name and name.lower() not in taken:
            titles[name] = name
            taken.add(name.lower())
    for name in names:
        if name in titles:
            continue
        title = base = _sheet_title(name)
        n = 2
        while title.lower() in taken:
            head = base[:SHEET_TITLE_MAX - len(f"_{n}")].rstrip("'")
            title, n = f"{head}_{n}", n + 1
        titles[name] = title
        taken.add(title.lower())
    return titles


ROW_HEIGHT_MAX = 409  # Excel's highest row, in points

COMMENT_MAX = 32767  # Excel's most characters in a comment: past it, Excel repairs the file and drops the comment


def _utf16(text: str) -> int:
    """Characters as Excel counts them (UTF-16 units: a character past U+FFFF is two)."""
    return len(text.encode("utf-16-le")) // 2


def _within_limit(lines: list[str], ranks: list[int], room: int) -> list[str]:
    """A comment's lines within `room` characters: all where they fit; else the most serious first (errors, then
    warnings, each in their order), as many as fit, and a last line saying how many more and where they all are.
    150 facilities merged down one 措施 cell put 300 findings on one comment, 53,067 characters, which Excel dropped
    (blind audit of Excel's limits)."""
    if _utf16("\n".join(lines)) <= room:
        return lines
    room -= _utf16(_more(len(lines))) + 1
    kept: list[str] = []
    for i in sorted(range(len(lines)), key=lambda i: ranks[i]):
        room -= _utf16(lines[i]) + 1
        if room < 0:
            break
        kept.append(lines[i])
    return [*kept, _more(len(lines) - len(kept))]


def _more(n: int) -> str:
    return f"……另有 {n} 条，见“校验结果”工作表"


_OUR_MORE = re.compile(r"……另有 \d+ 条，见“校验结果”工作表")  # (ours too in a copy checked again, not a reply)


def _comment_cell(ws: Any, ref: str) -> Any:
    cell = ws[ref]
    if type(cell).__name__ != "MergedCell":
        return cell
    for rng in ws.merged_cells.ranges:
        if ref in rng and type(top := ws.cell(rng.min_row, rng.min_col)).__name__ != "MergedCell":
            return top
    return None


_TOML_ADVICE = re.compile(r"（确属应报的单位请由(.+?)在 yanglao\.toml 中添加）")


def annotate_one(src: Path, display: str, target: Path, findings: list[Finding],
                 percents: dict[tuple[str, str], float] | None = None) -> None:
    """`percents`: (sheet, cell) -> the 附件1 占比 read there (see annotate_files)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    wb, rebuilt, renamed = _load(src, {f.sheet for f in findings if f.sheet}, percents)
    # a marked row is shown in the copy: its note no longer tells the township to unhide it (audit of copies)
    findings = [f.model_copy(update={"message": f.message.replace(HIDDEN_ROW.format(row=f.row),
                                                                  HIDDEN_ROW_SHOWN.format(row=f.row))})
                if f.row and f.sheet and f.cell and f.code != Code.SUBMISSION_SUPERSEDED else f for f in findings]
    # the bureau's own part of UNIT_UNKNOWN (add it to yanglao.toml) is no township's to do: said to it as whom to
    # call (a development zone's copy named a file it has never seen; audit of the send-back loop)
    findings = [f.model_copy(update={"message": _TOML_ADVICE.sub(r"（单位名称无误、确属应报单位的，请与\1联系）", f.message)})
                if f.code == Code.UNIT_UNKNOWN else f for f in findings]
    _clear_old_marks(wb)  # (by its 校验结果 sheet's links; it may have been deleted before the copy was sent back)
    for old in [ws for ws in wb.worksheets if _results_sheet_of_ours(ws)]:
        wb.remove(old)  # a corrected copy of ours sent back: its old results are out of date

    def sheet_of(name: str) -> str | None:
        """The sheet in the copy: a rebuilt .ods/.xls sheet may have had to change its name (附件2[6月])."""
        return title if (title := renamed.get(name, name)) in wb.sheetnames else None

    # per cell that takes the comment: a merge's top-left one for every cell the merge covers (通报线索 否 merged
    # down three facilities: their findings share one comment, none overwrites another)
    per_cell: dict[tuple[str, str], list[tuple[Finding, str]]] = defaultdict(list)
    aside: dict[int, str] = {}  # finding (id) -> the cell its mark went to: beside a hidden column, a merge's corner
    for f in findings:
        if f.sheet and f.cell and (sheet := sheet_of(f.sheet)):
            cell = _comment_cell(wb[sheet], f.cell)
            if cell is not None:  # None: merges overlapping each other (a damaged file): 校验结果 still lists it
                cell, where = _seen_cell(wb[sheet], cell)
                per_cell[(sheet, cell.coordinate)].append((f, where))
                if where or cell.coordinate != f.cell:
                    aside[id(f)] = cell.coordinate  # (a merge's lower row: its corner, where the mark is; audit)
        for other_file, other_sheet, ref in f.also:  # the same points on 附件3, to change with 附件2's
            if other_file == f.file and (sheet := sheet_of(other_sheet)) and \
                    (cell := _comment_cell(wb[sheet], ref)) is not None:
                cell, where = _seen_cell(wb[sheet], cell)
                per_cell[(sheet, cell.coordinate)].append(
                    (f.model_copy(update={"message": said_here(f, elsewhere=False, ref=ref)}), where))
    for (sheet, ref), marked in per_cell.items():
        ws = wb[sheet]
        cell = ws[ref]
        if isinstance(cell.value, str) and len(cell.value) > EXCEL_MAX_TEXT:
            # a text over Excel's limit (written by another program): cut in the copy sent back, as on the
            # consolidated forms — kept whole, Excel asked to repair our own copy (blind audit of hostile files)
            tail = f"……（以下略，原文共 {len(cell.value):,} 字）"
            cell.value = cell.value[:EXCEL_MAX_TEXT - len(tail)] + tail
        # (one extra column of a sheet holding every township's rows is said to each: one line in the comment)
        firsts: dict[tuple[object, ...], tuple[Finding, str]] = {}
        for said_f, said_where in marked:
            firsts.setdefault((said_f.code, said_f.message, said_f.row, said_where), (said_f, said_where))
        marked = list(firsts.values())
        items = [f for f, _ in marked]
        worst = min((f.severity for f in items), key=lambda s: s.rank)
        cell.fill = PatternFill("solid", start_color=FILL[worst], end_color=FILL[worst])
        # one line per finding (a value quoted with a line break kept on it): a reply typed under them is told apart
        # one merged cell over several rows (通报线索 否 merged down three facilities): say whose each line is, also
        # when only a lower row's is wrong — the comment sits on the top row, another facility's
        rows = len({f.row for f in items}) > 1
        # severity first and in Chinese, the code last: a township cannot run `explain`, and the first thing it read
        # was an English token (clerk review)
        said = [f"【{f.severity.label}】{where}"
                + (f"第{f.row}行{f.facility}：" if rows or f.row and f.row != cell.row else "")
                + " ".join(f.message.split()) + f"（{f.code.value}）" for f, where in marked]
        theirs = _their_note(cell.comment)
        if _utf16(theirs) > COMMENT_MAX // 2 and _utf16(f"{theirs}{_NOTE_RULE}" + "\n".join(said)) > COMMENT_MAX:
            theirs = theirs[:COMMENT_MAX // 4] + "……"  # (a note as long, another program's, leaves ours room)
        said = _within_limit(said, [f.severity.rank for f in items],
                             COMMENT_MAX - (_utf16(f"{theirs}{_NOTE_RULE}") if theirs else 0))
        text, lines = "\n".join(said), len(said)
        if theirs:  # the township's own note on the cell (待复核) stays, above ours
            text = f"{theirs}{_NOTE_RULE}{text}"
            lines += 1 + theirs.count("\n")
        comment = Comment(_legal(text), "yanglao")  # (a message quotes the cell: its control characters too)
        comment.width, comment.height = 320, 40 + 40 * lines
        cell.comment = comment
        if any(f.code != Code.SUBMISSION_SUPERSEDED for f in items):
            # (a hidden leftover copy of a form, not read beside the one shown, stays hidden: shown, the copy checked
            # again read it — last month's facilities listed twice and new errors; blind audit of formats)
            for row in {cell.row, *(f.row for f in items if f.row)}:
                _show_row_and_sheet(ws, row)

    # (a township's own sheet named 校验结果, its self-check notes, stays: ours is named beside it)
    ws = wb.create_sheet("校验结果" if "校验结果" not in wb.sheetnames else "校验结果（本次）", 0)
    from .forms import RESULTS_HEADS

    heads = list(RESULTS_HEADS)
    widths = [6, 8, 26, 12, 8, 80]
    title = f"{Path(display).name} 校验结果：错误 {sum(f.severity == Severity.ERROR for f in findings)} 条，" \
            f"警告 {sum(f.severity == Severity.WARNING for f in findings)} 条"
    _text(ws.cell(1, 1), title)
    ws.cell(1, 1).font = Font(bold=True, size=13)
    for i, (h, w) in enumerate(zip(heads, widths, strict=True), start=1):
        _text(ws.cell(2, i), h)
        ws.cell(2, i).font = Font(bold=True)
        ws.column_dimensions[chr(64 + i)].width = w
    top = 3
    if rebuilt:
        _text(ws.cell(3, 1), REBUILT_NOTE)
        ws.cell(3, 1).font = Font(bold=True, color="C00000")
        top = 4
    elif src.suffix.lower() == ".xlsm":  # (its macros were dropped unsaid; blind audit of the outputs)
        _text(ws.cell(3, 1), MACRO_NOTE)
        ws.cell(3, 1).font = Font(bold=True, color="C00000")
        top = 4
    if renamed:  # the clerk finds the sheet in their own file by its own name (the list below says it)
        _text(ws.cell(top, 1), RENAMED_NOTE + "；".join(f"“{a}”改为“{b}”" for a, b in renamed.items())
              + "。下面“工作表”一列写的是原文件中的名称。")
        ws.cell(top, 1).font = Font(bold=True, color="C00000")
        top += 1
    if not findings:
        _text(ws.cell(top, 1), "未发现问题。")
    for n, f in enumerate(findings, start=1):
        r = n + top - 1
        values: list[Any] = [n, f.severity.label, f.code.value, f.sheet, f.cell, f.about()]
        for i, v in enumerate(values, start=1):
            _text(ws.cell(r, i), v)
        ws.cell(r, 2).fill = PatternFill("solid", start_color=FILL[f.severity], end_color=FILL[f.severity])
        for c in range(1, 7):
            ws.cell(r, c).alignment = Alignment(wrap_text=c == 6, vertical="top")
        # rows are not grown by LibreOffice when the file is opened: a long 说明 showed its last line only; no higher
        # than Excel's 409 points (a facility's name of 3,000 characters made it 1,215; blind audit of Excel's limits)
        units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in values[5])
        ws.row_dimensions[r].height = min(ROW_HEIGHT_MAX, 15 * max(1, -(-units // (widths[5] - 8))))
        if f.sheet and f.cell and sheet_of(f.sheet):
            link = ws.cell(r, 5)
            quoted = (sheet_of(f.sheet) or "").replace("'", "''")  # 附件4'战果 is '附件4''战果'!D7
            # (to the mark: a cell in a hidden column is marked beside it, and the link went where nothing shows;
            # blind audit of WPS-made layouts)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!{aside.get(id(f), f.cell)}",
                                       display=f.cell)
            link.font = Font(color="0563C1", underline="single")
    ws.freeze_panes = "A3"
    # printed (townships print what is sent back): one page wide, landscape, the heads on every page — the
    # 说明 column fell alone onto a second page, its long texts cut (clerk review)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "2:2"
    results = {} if rebuilt else _formula_results(wb, src, display)
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False
    wb.properties.creator = "yanglao"
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp:
        save_stable(wb, tmp, results)


def _formula_results(wb: Any, src: Path, display: str) -> dict[str, dict[str, object]]:
    """Sheet -> formula cell -> the result the township's file holds for it (or the reader evaluated): openpyxl
    writes formulas without their results, so the copy's 占比, 总计 and =附件2!B5 names showed blank on a phone and,
    checked again, were FORMULA_NO_VALUE (or unreadable) though the original was fine."""
    # the cells the sheet holds (iter_rows would make every cell of a used range declared A1:XFD1048576)
    formulas = {ws.title: [c.coordinate for c in getattr(ws, "_cells", {}).values() if c.data_type == "f"]
                for ws in wb.worksheets if not _results_sheet_of_ours(ws)}
    formulas = {k: v for k, v in formulas.items() if v}
    if not formulas:
        return {}
    from openpyxl.utils.cell import coordinate_to_tuple

    from .reader import open_workbook
    from .safety import Unreadable

    try:
        grids = {g.name: g for g in open_workbook(src, display).sheets}
    except Unreadable:
        return {}
    out: dict[str, dict[str, object]] = {}
    for title, refs in formulas.items():
        grid = grids.get(title)
        if grid is None:
            continue
        got: dict[str, object] = {}
        for ref in refs:
            r, c = coordinate_to_tuple(ref)
            if ref in grid.formula_errors:
                got[ref] = _Error(grid.formula_errors[ref])
            elif (v := grid.get(r - 1, c - 1)) not in ("", None):
                got[ref] = v
            elif ref not in grid.formulas_without_value:
                got[ref] = ""  # calculated to the empty text (=IF(B5="","",…)): it was written without, unvalued
        if got:
            out[title] = got
    return out


class _Error(str):
    """A formula's result that is an error (#DIV/0!)."""


_FORMULA_CELL = re.compile(r'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)>(<f[^>]*/>|<f[^>]*>[^<]*</f>)<v ?/></c>')


def _with_results(xml: str, results: dict[str, object], epoch: Any = None) -> str:
    """A worksheet as openpyxl wrote it, each formula cell given its result (see _formula_results); a date's as a
    serial of the workbook's `epoch` (1904 counted from 1900 showed =DATE(2022,6,15) as 2026-06-16; audit)."""
    from xml.sax.saxutils import escape

    from openpyxl.utils.datetime import to_excel

    def put(m: re.Match[str]) -> str:
        ref, attrs, formula = m.groups()
        v = results.get(ref)
        if v is None or " t=" in attrs:
            return m.group(0)
        if isinstance(v, _Error):
            kind, text = ' t="e"', escape(v)
        elif isinstance(v, bool):
            kind, text = ' t="b"', "1" if v else "0"
        elif isinstance(v, int | float):
            kind, text = "", repr(float(v)) if isinstance(v, float) and not v.is_integer() else str(int(v))
        elif isinstance(v, str):
            kind, text = ' t="str"', escape(_xstring(v))
        else:
            try:
                kind, text = "", repr(float(to_excel(v, epoch) if epoch is not None else to_excel(v)))
            except (TypeError, ValueError, AttributeError):
                return m.group(0)
        return f'<c r="{ref}"{attrs}{kind}>{formula}<v>{text}</v></c>'

    return _FORMULA_CELL.sub(put, xml)


_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xstring(text: str) -> str:
    """A string as a workbook part holds it: a control character XML cannot carry written _x000C_, as Excel does,
    and a literal _x000C_ kept so (_x005F_x000C_). Raw, the copy was no well-formed XML (=CHAR(12)&"已约谈")."""
    return _NOT_XML.sub(lambda m: f"_x{ord(m[0]):04X}_", _ESCAPED.sub(r"_x005F_\1", text))


def is_untouched_copy(path: Path) -> bool:
    """An annotated copy as this tool wrote it: creator yanglao and the fixed save time below. Excel and WPS
    stamp their own time when a township saves its corrections, so a corrected copy is not untouched."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > 64 * 1024:
                return False
            core = zf.read(info).decode("utf-8", "replace")
    except Exception:  # not a zip, no core part, damaged: let the reader say what it is
        return False
    return ">yanglao<" in core and re.search(r"<dcterms:modified[^>]*>1980-01-01T00:00:00Z?<", core) is not None


# openpyxl stamps the save time into docProps/core.xml and every zip entry: the same inputs would give other
# bytes on every run. A fixed time (the zip format's first date) keeps copies byte-identical.
STABLE_TIME = (1980, 1, 1, 0, 0, 0)


def save_stable(wb: Any, path: Path, results: dict[str, dict[str, object]] | None = None) -> None:
    """`results`: sheet -> formula cell -> its result, written with the formula (_formula_results)."""
    import datetime as dt
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    class StableZip(zipfile.ZipFile):
        def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
            if results and isinstance(zinfo_or_arcname, str) and zinfo_or_arcname.startswith("xl/worksheets/"):
                ws = next((ws for ws in wb.worksheets if ws.path[1:] == zinfo_or_arcname), None)
                if ws is not None and ws.title in results:
                    text = data.decode("utf-8") if isinstance(data, bytes) else data
                    data = _with_results(text, results[ws.title], wb.epoch).encode("utf-8")
            if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
                info = zipfile.ZipInfo(zinfo_or_arcname, date_time=STABLE_TIME)
                info.compress_type = self.compression
                info.external_attr = 0o600 << 16
                zinfo_or_arcname = info
            super().writestr(zinfo_or_arcname, data, *args, **kwargs)

        def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
            with open(filename, "rb") as fh:  # openpyxl's worksheets come from temporary files
                self.writestr(arcname or Path(filename).name, fh.read())

    stamp = dt.datetime(*STABLE_TIME)
    wb.properties.created = wb.properties.modified = stamp
    if results:
        # the original's results are written back (_with_results): no recalculation asked on opening, which also
        # told a later check that a saved 0 was a placeholder (FORMULA_NO_VALUE added; blind audit of cells)
        wb.calculation.fullCalcOnLoad = False
    with StableZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
