"""Files → sheets → located forms → raw rows with cell positions.

python-calamine reads .xlsx/.xlsm/.xls/.ods values (macros never run); `safety` bounds the archive first and
finds formula cells without cached values. Forms are found by their header signature, whatever the sheet's
name or position; header texts come only from `forms`.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import difflib
import functools
import io
import operator
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from sys import intern
from typing import Any

from . import safety
from .findings import WORDS_READ
from .forms import (
    ALL_FORMS,
    BY_KEY,
    FINDINGS_HEADS,
    FOOTER_FIELDS,
    FOOTER_MARKERS,
    HELPER_TITLE,
    NAME_VARIANTS,
    NOTE_MARKERS,
    OUR_SHEET_HEADS,
    RESULTS_HEADS,
    SEQ_VARIANTS,
    SUMMARY_HEADS,
    TOTAL_MARKERS,
    Column,
    FormDef,
    Kind,
)
from .normalize import (
    HAS_LOOKALIKE,
    IDEOGRAPH,
    UNSURE,
    clean_text,
    header_key,
    header_key_cached,
    level_alone,
    to_halfwidth,
    unify_lookalikes,
    zoned_in_china,
)

SCAN_ROWS = 40  # a header is expected within the first rows of a sheet
SCAN_AFTER = 120  # the next form stacked on the same sheet, after a footer and a 填报说明 of a line per row
MAX_MERGE_FILL = 200_000  # cells a single merge may fill (a merge over a whole sheet is clipped to data)


def col_letter(c: int) -> str:
    """0-based column index -> Excel letters."""
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


_LETTERS = [col_letter(c) for c in range(256)]
_WHOLE = {float(i): str(i) for i in range(10000)}  # 序号, counts, years: python-calamine returns floats


def ref(r: int, c: int) -> str:
    """0-based (row, col) -> A1 reference."""
    return f"{_LETTERS[c] if c < 256 else col_letter(c)}{r + 1}"


EXCEL_MAX_TEXT = safety.EXCEL_MAX_TEXT


# first characters of a text clean_text changes: an export's apostrophe ('红), 问卷星's (空) / (跳过)
_CLEANED_FIRST = frozenset("'(（")


def cell_text(v: Any) -> str:
    """`clean_text` with a fast path for the common cell: plain text that needs no cleaning."""
    if v.__class__ is str:
        return v if not v or (v[0] > " " and v[0] not in _CLEANED_FIRST and v[-1] > " " and v[-1] != "〗"
                              and v.isprintable()) else clean_text(v)
    return "" if v is None else clean_text(v)


@dataclass
class Grid:
    """A sheet's values, 0-based from A1, with merged cells filled from their top-left cell."""

    name: str
    rows: list[list[Any]]
    hidden: bool = False
    formulas_without_value: set[str] = field(default_factory=set)
    formula_errors: dict[str, str] = field(default_factory=dict)  # "E5" -> "#DIV/0!" (the cell reads empty)
    merged_origin: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    hidden_columns: tuple[tuple[int, int], ...] = ()  # 0-based (first, last) spans the clerk does not see
    percent_cells: frozenset[str] | None = None  # cells formatted as a percentage; None: not known (.xls, .ods)
    # "B5" -> how a formula saved without its result was evaluated, as FORMULA_NO_VALUE says it (_recompute)
    followed: dict[str, str] = field(default_factory=dict)
    date1904: bool = False  # the workbook counts its dates from 1904 (old Mac Excel): _dates_1904
    hidden_rows: frozenset[int] = frozenset()  # rows (1-based) hidden or filtered out: findings there say so
    # "C5" -> the text a number shows through its cell's format ("是";"是";"否": 1 shows 是), read as that text
    # in the columns that take words (_shown)
    shown: dict[str, str] = field(default_factory=dict)
    two_facilities: bool = False  # a paper 排查表 holding two facilities' blocks (read_vertical_facility)
    ticked: bool = False  # an 附件2/附件3 by its title laid out as the 排查表, an item a column ticked (scan)
    too_long: dict[str, int] = field(default_factory=dict)  # "G5" -> its length, over Excel's 32,767 characters
    # "B7" -> (its struck text, "" for all of it; the cell's text as written), of cells struck through (.xlsx)
    struck: dict[str, tuple[str, str]] = field(default_factory=dict)

    def get(self, r: int, c: int) -> Any:
        if 0 <= r < len(self.rows):
            row = self.rows[r]
            if 0 <= c < len(row):
                return row[c]
        return ""

    def row_texts(self, r: int) -> list[str]:
        """Every cell of row r as text, cleaned once: header search, data-end search and parsing all read
        the same cells, often several times."""
        texts = self._texts.get(r)
        if texts is None:
            # the two commonest cells inline (plain text, a whole number); cell_text for the rest
            # short texts interned: 是/否/红/1、2 repeat on every row; one object each is less memory here, in
            # the records and in what crosses between processes
            texts = [(intern(v) if len(v) <= 8 else v)
                     if v.__class__ is str and (not v or (v[0] > " " and v[0] not in _CLEANED_FIRST and v[-1] > " "
                                                          and v[-1] != "〗" and v.isprintable()))
                     else _WHOLE.get(v, None) or cell_text(v) if v.__class__ is float else cell_text(v)
                     for v in self.rows[r]] if 0 <= r < len(self.rows) else []
            self._texts[r] = texts
        return texts

    def text(self, r: int, c: int) -> str:
        texts = self.row_texts(r)
        return texts[c] if 0 <= c < len(texts) else ""

    @property
    def width(self) -> int:
        if self._width is None:
            self._width = max((len(r) for r in self.rows), default=0)
        return self._width

    _width: int | None = None
    _texts: dict[int, list[str]] = field(default_factory=dict)
    _firsts: dict[int, str] = field(default_factory=dict)  # reader._first_text


@dataclass
class Workbook:
    path: Path
    display: str  # path as reported in findings
    sheets: list[Grid]
    # forms on hidden sheets beside a visible sheet of the same form (scan): left out, and said so
    leftovers: list[FormSheet] = field(default_factory=list)
    notes: bool = False  # cell comments (批注) in the package (safety.ZipFacts.notes)
    # a workbook consolidate wrote (its 汇总 or 校验问题 sheet and its document property): its rows are records
    consolidated: bool = False
    annotated: bool = False  # with the 校验结果 sheet check --annotate puts first: a copy of ours
    copy_of: str = ""  # the file name that sheet's title says the copy was made of


def open_workbook(path: Path, display: str) -> Workbook:
    """Read every sheet, or raise safety.Unreadable with a Chinese reason."""
    kind = safety.sniff(path)
    facts = safety.inspect_zip(path) if kind == "zip" else safety.ZipFacts()
    if kind == "zip" and not facts.format and path.suffix.lower() in safety.ARCHIVE_SUFFIXES:
        raise safety.Unreadable(safety.ARCHIVE_REASON)  # a .zip that is no renamed workbook
    if kind == "zip" and not facts.format and (other := safety.office_document_inside(path)):
        raise safety.Unreadable(_other_document(other, path))
    if kind == "zip" and not facts.format and (inner := safety.spreadsheets_inside(path)):
        # an inbox zipped and named .xlsx: said damaged, to be saved again from Excel (blind audit of files)
        raise safety.Unreadable(f"这是压缩包（扩展名改成了{path.suffix}），其中有 {inner} 个表格文件，没有读取；"
                                "请解压后把其中的 Excel 报表放入收件夹再运行")
    budget = safety.CellBudget()
    try:
        with _rust_quiet():
            return _read_sheets(path, display, kind, facts, budget, safety.trimmed_package(path, facts.trimmed) if facts.trimmed
                                else None)
    except safety.Unreadable:
        raise
    except BaseException as e:  # calamine raises its own errors, and PanicException (a BaseException)
        if isinstance(e, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        if kind == "ole" and type(e).__name__ == "PasswordError":
            return _read_protected(path, display, facts, e)
        if kind == "ole" and path.suffix.lower() not in (".xls", ".et", ".xlt", ".ett"):
            from . import biff

            # an encrypted .xls renamed .xlsx: python-calamine cannot tell its kind, and the township was told to
            # save it again as .xlsx, not to take its password away (blind audit of exported files)
            if biff.encrypted(path):
                return _read_protected(path, display, facts, e)
        if facts.format == ".ods" and (other := safety.office_document_inside(path)):
            raise safety.Unreadable(_other_document(other, path)) from None  # (an .odt: asked only when unread)
        # the package mended where python-calamine stops on it: error values it does not know (#SPILL!), an .ods
        # whose cells are indented
        low = str(e).lower()
        mended = safety.known_errors_package(path, facts.trimmed or {}) if kind == "zip" and \
            "unsupported cell error value" in low else \
            safety.text_numbers_package(path, facts.trimmed or {}) if kind == "zip" and facts.format != ".ods" \
            and "float" in low else \
            _ods_compacted(path) if facts.format == ".ods" else None
        if mended is not None and (again := _read_again(path, display, kind, facts, mended)) is not None:
            return again
        if kind == "ole" and "codepage" in str(e).lower():
            from . import biff

            raise safety.Unreadable(_calamine_reason(e, biff.encrypted(path))) from None
        raise safety.Unreadable(_calamine_reason(e)) from None


def _other_document(other: str, path: Path) -> str:
    """FILE_UNREADABLE's reason for another office program's document under a workbook's name."""
    lead = "这是 " if other[0].isascii() else "这是"
    return f"{lead}{other}（扩展名改成了{path.suffix}），不是 Excel 报表；请对方发送填好的 Excel 报表原文件"


def _read_again(path: Path, display: str, kind: str, facts: safety.ZipFacts, data: bytes) -> Workbook | None:
    """The workbook read from `data` (open_workbook's mended package), or None where that fails too."""
    try:
        with _rust_quiet():
            return _read_sheets(path, display, kind, facts, safety.CellBudget(), data)
    except safety.Unreadable:
        raise
    except BaseException as again:
        if isinstance(again, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        return None


# whitespace between an .ods's table elements (indented XML), and at a paragraph's end: no cell's text (a cell's
# text is stripped when read)
_ODS_LAYOUT = re.compile(rb">[ \t\r\n]+<(?=/?(?:table:|office:|text:p[ />]))")


def _ods_compacted(path: Path) -> bytes | None:
    """The .ods with its content part's layout whitespace taken out, or None. SheetJS and Gnumeric indent the
    cells of a row; python-calamine then stops at the first indented cell ("Expecting 'table-cell'"), and the
    file LibreOffice opens was FILE_UNREADABLE (blind audit of other programs' files). The archive was bounded
    by safety.inspect_zip before this is read."""
    import zipfile

    try:
        out = io.BytesIO()
        with zipfile.ZipFile(path) as zf, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
            for info in zf.infolist():
                data = zf.read(info)
                if info.filename == "content.xml":
                    compact = _ODS_LAYOUT.sub(b"><", data)
                    if compact == data:
                        return None  # nothing to take out: the reader's failure is another
                    data = compact
                z.writestr(info.filename, data)
        return out.getvalue()
    except (OSError, ValueError, zipfile.BadZipFile, NotImplementedError, EOFError):
        return None


def _read_protected(path: Path, display: str, facts: safety.ZipFacts, e: BaseException) -> Workbook:
    """An .xls saved with its structure protected (审阅→保护工作簿) is encrypted with Excel's built-in password and
    opens without asking for one: read decrypted in memory. It was FILE_UNREADABLE, the township told to take away
    a password it never set, its figures missing from the consolidation (blind audit of formats)."""
    from . import biff

    plain = biff.decrypted(path)
    if plain is None:
        raise safety.Unreadable(_PROTECTED_XLS if biff.default_password_only(path) else _ENCRYPTED
                                if type(e).__name__ != "PasswordError" and biff.encrypted(path)
                                else _calamine_reason(e, biff.encrypted(path))) from None
    try:
        with _rust_quiet():
            return _read_sheets(path, display, "ole", facts, safety.CellBudget(), plain)
    except safety.Unreadable:
        raise
    except BaseException as again:
        if isinstance(again, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise safety.Unreadable(_PROTECTED_XLS) from None


_ENCRYPTED = "文件已加密或设有打开密码，请去掉密码后重新发送"
_PROTECTED_XLS = ("这个 .xls 文件设置了“保护工作簿”，Excel 保存时按默认方式加密（打开时不需要密码），本工具无法读取；"
                  "请对方用 Excel/WPS 打开后另存为 .xlsx（或在“审阅”中取消“保护工作簿”后保存）重新发送")


@contextlib.contextmanager
def _rust_quiet():
    """python-calamine panics on some damaged .xls/.xlsx; Rust's panic hook writes its message (and a backtrace
    under RUST_BACKTRACE) straight to file descriptor 2 before the panic reaches Python as an exception, which
    becomes a FILE_UNREADABLE finding. The clerk must see that finding, not Rust's text (mutation fuzz)."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield  # no descriptor 2 to hide (an embedding without one)
        return
    try:
        os.dup2(_devnull(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@functools.cache
def _devnull() -> int:
    return os.open(os.devnull, os.O_WRONLY)


def _read_sheets(path: Path, display: str, kind: str, facts: safety.ZipFacts, budget: safety.CellBudget,
                 plain: bytes | None = None) -> Workbook:
    """Every sheet of the file; `plain`: an encrypted .xls's bytes decrypted (_read_protected), read instead."""
    import python_calamine as pc

    suffix = path.suffix.lower()
    suffix_kind = {".xls": "ole", ".et": "ole"}.get(suffix, "zip")
    renamed = kind == "zip" and facts.format and facts.format != {".xlsm": ".xlsx"}.get(suffix, suffix)
    xls = b""  # an .xls's bytes, read once: its records are looked at before and after calamine opens it
    if kind == "ole":
        from . import biff

        try:
            xls = plain if plain is not None else path.read_bytes()
        except OSError:
            pass
        if biff.chain_loops(xls):
            raise safety.Unreadable("文件内部结构已损坏（扇区链首尾相接），请对方用 Excel/WPS 打开后另存为 .xlsx 重新发送")
        if (bad := biff.bad_sheet(xls)) is not None:
            said = "记录的行列数超出 Excel 的范围" if bad[1] == "far" else "在文件中的位置不是工作表"
            raise safety.Unreadable(f"工作表“{bad[0]}”{said}，文件已损坏或被改动；"
                                    "请对方用 Excel/WPS 打开后另存为 .xlsx 重新发送")
    try:
        if plain is not None:
            wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(plain))
        elif kind != suffix_kind or renamed or suffix not in (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et") \
                or not str(path).isascii() and not is_utf8(str(path)):
            with path.open("rb") as fh:  # an .xls/.ods renamed .xlsx (or the reverse): calamine sniffs the bytes
                wb = pc.CalamineWorkbook.from_filelike(fh)
        else:
            wb = pc.CalamineWorkbook.from_path(str(path))
    except pc.CalamineError as e:
        # an Excel 4.0 macro sheet (宏表) beside the forms: python-calamine refuses the whole workbook, which was
        # FILE_UNREADABLE, "XML 已损坏" (blind audit of odd files); read without it, as a chart sheet is
        if kind != "zip" or "macrosheet" not in str(e).lower() or not (bare := _without_macro_sheets(path)):
            raise
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(bare))
    metas = {m.name: m for m in wb.sheets_metadata}
    numbers: dict[str, dict[str, bool]] = {}  # .xls cells python-calamine reads against their formats (biff)
    zero_refs: dict[str, dict[str, str]] = {}  # .xls references saved with 0 (biff.read_bytes)
    if kind == "ole":  # .xls: the guard scans no XML there; what calamine does not say is read from the records
        from . import biff

        percents: dict[str, set[str]] = {}
        facts.hidden_columns, facts.formula_errors, facts.date1904, facts.hidden_rows, facts.shown_formats, \
            numbers = biff.read_bytes(xls, zero_refs, percents)
        # (0.85 in a 0% cell is 85%, as an .xlsx's is read — it was guessed from the counts: the .xlsx's
        # PERCENT_MISMATCH gone in the .xls saved of it; audit of formats)
        facts.percent_cells = {sheet: frozenset(cells) for sheet, cells in percents.items()}
    names = wb.sheet_names
    if not names:  # no spreadsheet program saves a workbook without a sheet: its workbook part is lost (it was
        # FORM_NOT_FOUND, “无工作表”, as if the township had sent the wrong file; audit)
        wb.close()
        raise safety.Unreadable("文件中没有任何工作表（工作簿结构缺失），文件已损坏；请用 Excel 打开、修复后另存为 .xlsx，或请对方重新发送")
    if len(set(names)) < len(names):  # Excel never saves two sheets of one name: one of them could not be read
        twice = next(n for n in names if names.count(n) > 1)
        wb.close()
        raise safety.Unreadable(f"工作簿中有两个同名的工作表“{twice}”，文件已损坏；请用 Excel 打开、修复后另存为 .xlsx")
    sheets: list[Grid] = []
    for name in names:
        meta = metas.get(name)
        if meta is not None and "WorkSheet" not in str(meta.typ):
            continue  # chart sheets, dialogs, macro sheets hold no form
        ws = wb.get_sheet_by_name(name)
        budget.charge(name, ws.start, ws.height, ws.width)  # bounds .xls/.xlsb, which safety cannot scan
        sheets.append(_grid(ws, name, meta, facts.formulas_without_value.get(name, set()),
                            facts.formula_errors.get(name, {}), facts.merges.get(name), facts.ods_texts.get(name),
                            numbers.get(name), facts.date1904, facts.format == ".ods"))
        sheets[-1].hidden_columns = facts.hidden_columns.get(name, ())
        sheets[-1].percent_cells = facts.percent_cells.get(name)
        sheets[-1].date1904 = facts.date1904
        sheets[-1].hidden_rows = facts.hidden_rows.get(name, frozenset())
        if name in facts.struck:
            sheets[-1].struck = _struck(sheets[-1], facts.struck[name])
        if name in facts.shown_formats:
            sheets[-1].shown = _shown(sheets[-1], facts.shown_formats[name])
        elif name in facts.shown_texts:
            sheets[-1].shown = facts.shown_texts[name]
    wb.close()
    if kind == "ole" and _undecoded(names, sheets):
        # an Excel 95 (BIFF5) file whose Chinese is in the GBK code page: python-calamine gives � for every
        # character — it was FORM_NOT_FOUND under a sheet named ����2, the township asked to fill again a correct
        # form (blind audit of odd files)
        raise safety.Unreadable("文件是 Excel 95 等旧版格式，其中的中文无法正确读取（读出乱码）；"
                                "请对方用 Excel/WPS 打开后另存为 .xlsx 重新发送")
    if zero_refs and _zero_for_text(sheets, zero_refs):
        facts.formula_texts = zero_refs
        facts.formulas_without_value = {g.name: g.formulas_without_value for g in sheets}
    if facts.formulas_without_value:
        _recompute(sheets, facts.formula_texts, facts.defined_names)
    return Workbook(path, display, sheets, notes=facts.notes)


def _undecoded(names: list[str], sheets: list[Grid]) -> bool:
    """Sheet names, or the first rows' texts, read as U+FFFD: the file's code page was not decoded."""
    return any("\ufffd" in n for n in names) or any(
        isinstance(v, str) and "\ufffd" in v for g in sheets[:4] for row in g.rows[:12] for v in row)


_MACRO_REL = re.compile(rb'<Relationship\b[^>]*?Type="[^"]*/xl(?:Intl)?Macrosheet"[^>]*>')
_REL_ID = re.compile(rb'\bId="([^"]+)"')


def _without_macro_sheets(path: Path) -> bytes:
    """The .xlsx/.xlsm's bytes with its macro sheets left out of the workbook's sheet list and parts (b"" where it
    has none, or cannot be so read). The guard (safety) has bounded the archive already."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            rels = z.read("xl/_rels/workbook.xml.rels")
            ids = {m[1] for rel in _MACRO_REL.findall(rels) if (m := _REL_ID.search(rel))}
            if not ids:
                return b""
            book = z.read("xl/workbook.xml")
            for rid in ids:
                book = re.sub(rb'<(?:\w+:)?sheet\b[^>]*?\br?:?id="' + re.escape(rid) + rb'"[^>]*/>', b"", book)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as w:
                for info in z.infolist():
                    if info.filename.startswith(("xl/macrosheets/", "xl/intlMacrosheets/")):
                        continue
                    w.writestr(info.filename, book if info.filename == "xl/workbook.xml" else z.read(info))
            return out.getvalue()
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return b""


def _zero_for_text(sheets: list[Grid], refs: dict[str, dict[str, str]]) -> bool:
    """Of an .xls's references saved with 0 (=附件2!B5: LibreOffice saving a text formula it did not recalculate,
    read as 0 — two facilities named 0 on 附件3, each 附件2 row DISPOSAL_MISSING; audit of formats), those whose
    cell holds text: the 0 is no value (FORMULA_NO_VALUE, the text followed). A reference to a 0 is one."""
    by_name = {g.name: g for g in sheets}
    found = False
    for grid in sheets:
        for at, text in refs.get(grid.name, {}).items():
            m = _PLAIN_REF.fullmatch(text.lstrip("="))
            src = by_name.get((m[1] or "").replace("''", "'") or m[2] or grid.name) if m else None
            if m is None or src is None:
                continue
            ((row_, col),) = _split_refs({m[3] + m[4]})
            value = src.get(int(row_) - 1, col)
            if isinstance(value, str) and value.strip():
                grid.formulas_without_value = grid.formulas_without_value | {at}
                found = True
    return found


def _struck(grid: Grid, cells: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Cells of the sheet struck through, holding something -> (struck text, the text as written). A cell struck in
    part reads as the text not struck (~~黄~~橙 is 橙, the clerk's correction); findings say what was struck."""
    out: dict[str, tuple[str, str]] = {}
    for at, (part, kept) in cells.items():
        ((row_, c),) = _split_refs({at})
        r = int(row_) - 1
        if not (r < len(grid.rows) and c < len(grid.rows[r])) or grid.rows[r][c] in ("", None):
            continue
        out[at] = (part, cell_text(grid.rows[r][c]))
        if part:
            for rr, cc in [(r, c), *(cov for cov, origin in grid.merged_origin.items() if origin == (r, c))]:
                grid.rows[rr][cc] = kept
                grid._texts.pop(rr, None)
                grid._firsts.pop(rr, None)
    return out


_PLAIN_REF = re.compile(r"(?:'((?:[^']|'')+)'!|([^'!()\[\]:;,+\-*/&^<>=\s\"]+)!)?\$?([A-Z]{1,3})\$?([0-9]{1,7})")


def _recompute(sheets: list[Grid], texts: dict[str, dict[str, str]], names: frozenset[str] = frozenset()) -> None:
    """Formula cells saved without a result (a program that does not calculate wrote them; xlsxwriter's cached 0
    is no result either): the value python-calamine gives is dropped, and the formulas the clerk's Excel would
    show a value for are evaluated (formula.py) — 附件3's names =附件2!B5, 占比 =ROUND(D5/C5*100,1), 总计
    =B6+C6, =DATE(2022,6,15); SPEC: recomputed where possible. Still FORMULA_NO_VALUE (parse), saying how the
    value was found; a formula not evaluated keeps no value."""
    from .formula import NotEvaluated, Pending, evaluate

    by_name = {g.name: g for g in sheets}
    covering = {id(g): _covered_by_origin(g) for g in sheets if g.merged_origin}

    def put(grid: Grid, r: int, c: int, value: Any) -> None:
        """The value at (r, c) and at every cell a merge from it covers (SPEC: merged cells give their value)."""
        for rr, cc in ((r, c), *covering.get(id(grid), {}).get((r, c), ())):
            while len(grid.rows) <= rr:
                grid.rows.append([])
            row = grid.rows[rr]
            if len(row) <= cc:
                row.extend([""] * (cc + 1 - len(row)))
            row[cc] = value
            grid._texts.pop(rr, None)
        grid._width = None

    for grid in sheets:  # the cached value of a formula without one (xlsxwriter's 0) is no value
        for r, c in _split_refs(grid.formulas_without_value):
            if int(r) - 1 < len(grid.rows) and c < len(grid.rows[int(r) - 1]):
                put(grid, int(r) - 1, c, "")
    budget = [MAX_FORMULA_READS]

    def cell(sheet: str, r: int, c: int, grid: Grid) -> Any:
        src = by_name.get(sheet) if sheet else grid
        budget[0] -= 1
        if src is None or budget[0] < 0:
            raise NotEvaluated(sheet)
        ref_ = ref(r, c)
        if ref_ in src.formulas_without_value and ref_ not in src.followed:
            raise Pending(ref_)
        value = src.get(r, c)
        return None if value == "" else value

    for _ in range(4):  # a formula reading another, a few deep
        changed = False
        for grid in sheets:
            for at, text in texts.get(grid.name, {}).items():
                if at in grid.followed or budget[0] <= 0:
                    continue
                budget[0] -= 1  # each evaluation counts too: a sheet of a million =1+1 is bounded as well
                ((row_, col_),) = _split_refs({at})
                try:
                    value = evaluate(text, functools.partial(cell, grid=grid), (int(row_) - 1, col_))
                except NotEvaluated as e:
                    if not isinstance(e, Pending) and e.args and e.args[0] == "#DIV/0!":
                        # what Excel would show (=D5/E1*100, E1 empty): the formula is wrong, as when the error
                        # was saved (VALUE_INVALID); it passed as a warning while the calculated file failed (audit)
                        grid.formula_errors[at] = "#DIV/0!"
                        grid.followed[at] = "（按公式计算，结果为 #DIV/0!）"
                        changed = True
                    continue
                except (ValueError, OverflowError, ArithmeticError, RecursionError):
                    continue
                plain = _PLAIN_REF.fullmatch(text.lstrip("=").strip())
                grid.followed[at] = (f"（已按它引用的单元格 {plain[1] or plain[2] or grid.name}!{plain[3]}{plain[4]} 取值）"
                                     if plain else "（已按公式重新计算）")
                changed = True
                if value is None or value == "" or value is False:
                    continue
                put(grid, int(row_) - 1, col_, value)
        if not changed:
            break
    for grid in sheets:
        # words typed after an = (=见附件说明, =已整改: a program wrote them as a formula, Excel shows #NAME?) are
        # the clerk's text, read without the =: the 备注 was lost from every output (audit of other writers)
        for at, text in texts.get(grid.name, {}).items():
            if at in grid.formulas_without_value and at not in grid.followed and _WORDS_AS_FORMULA.fullmatch(text) \
                    and (typed := text.lstrip("=").strip()) not in names:
                # (read without its =: 橙 and 否 as typed; =橙 was VALUE_INVALID beside "read as the words"; review)
                ((row_, col_),) = _split_refs({at})
                put(grid, int(row_) - 1, col_, typed)
                grid.followed[at] = f"（Excel 中会显示 #NAME?；{WORDS_READ}{typed[:20]}”读取）"
        if grid.followed:
            grid.formulas_without_value = grid.formulas_without_value - grid.followed.keys()


# a formula's text that is words, not a calculation: Chinese after the =, no reference, call, operator or quote
_WORDS_AS_FORMULA = re.compile(r"=?\s*[\u4e00-\u9fff][^!()\[\]\"'+\-*/^&<>=:$,]*")
MAX_FORMULA_READS = 200_000  # evaluations and cells read, all of a workbook's formulas together (a SUM over a
# block counts each cell)


def _covered_by_origin(grid: Grid) -> dict[tuple[int, int], list[tuple[int, int]]]:
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for covered, origin in grid.merged_origin.items():
        out.setdefault(origin, []).append(covered)
    return out


def is_utf8(name: str) -> bool:
    """A path python-calamine can open by name, shown as it is (one whose bytes are not UTF-8 on disk holds
    surrogates: it is opened here instead, and pipeline.shown reads its name as GB18030)."""
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _calamine_reason(e: BaseException, encrypted: bool | None = None) -> str:
    name, text = type(e).__name__, str(e)
    low = text.lower()
    if name == "PasswordError" or "password" in low or "encrypt" in low:
        return _ENCRYPTED
    if "codepage" in low and encrypted is False:
        # a codepage of its own (an old Mac Excel's): no password to take away (it was said to be one; audit)
        return "文件用了无法识别的字符编码（如苹果电脑上旧版 Excel 的编码），请用 Excel 打开后另存为 .xlsx"
    if "codepage" in low:  # an .xls protected with the old XOR obfuscation reads as a nonsense codepage
        return "文件已加密（旧版 Excel 密码保护）或编码无法识别，请去掉密码后用 Excel 另存为 .xlsx"
    if "not found" in low:  # a part every workbook has is missing: 'META-INF/manifest.xml' file not found
        return "文件不完整，缺少表格必需的内部部件，可能已损坏或不是电子表格程序保存的文件；请用 Excel 打开后另存为 .xlsx"
    if low.startswith("cfb") or "sector" in low:  # the container of an .xls
        return "文件已损坏或不完整（.xls 内部结构错误），请对方重新发送"
    if "cannot detect" in low:
        return "无法识别的文件格式，请用 Excel 打开后另存为 .xlsx"
    if "macrosheet" in low:  # an Excel 4.0 macro sheet (XLM) in an .xlsb: a sound file, not a damaged one (robustness sweep)
        return "工作簿中有 Excel 4.0 宏表，本工具无法读取；请删除宏表后用 Excel 另存为 .xlsx 再发送"
    if name in ("ZipError",) or "zip" in low:
        return "文件已损坏或不完整（压缩包错误），请对方重新发送"
    if name == "XmlError" or "xml" in low:
        return "文件内部 XML 已损坏，请用 Excel 打开后另存为 .xlsx"
    if "unsupported" in low or "biff" in low:
        return "不支持的旧版 Excel 格式（Excel 5.0/95 及更早），请用 Excel 另存为 .xlsx"
    if name == "WorksheetNotFound":  # a sheet the workbook lists whose part is not in the package
        return f"工作表“{text[:40]}”的内容缺失（文件不完整或被改动过），请对方用 Excel 打开后另存为 .xlsx 重新发送"
    if "missing the expected row" in low or "row component" in low:  # a cell of row 0 (r="0"): written by a program
        return "文件中有不合规范的单元格位置（由其他程序生成，不是 Excel 保存的），无法解析；请用 Excel 或 WPS 打开后另存为 .xlsx"
    if name == "PanicException":  # the reader stopped on an inconsistency: its words help nobody but us
        return "文件已损坏（内部结构前后矛盾，无法解析），请对方重新发送，或用 Excel 打开后另存为 .xlsx"
    first = text.splitlines()[0][:80] if text else name
    # (not the reader's internal values: Start(BytesStart { buf: Borrowed("… helps nobody; robustness sweep)
    first = re.split(r"\s*['\"]?\w*\(?Bytes\w*|\s*Borrowed\(", first)[0].rstrip(" ,:'\"") or name
    # the library's own words last, for whoever maintains the tool: the clerk reads the sentence before them
    if "expecting" in low:  # a part laid out otherwise than the reader expects (an .ods of KSpread): not damaged
        return ("文件的内部结构与常见格式不同（可能由不常用的表格软件保存），无法解析；请用 WPS、Excel 或 LibreOffice 打开后"
                f"另存为 .xlsx（技术细节：{first}）")
    if type(e).__module__ == "builtins":  # not the reader's error (its own types, its panics) but this tool's:
        # the file may be sound, so it is not called damaged (code review)
        return ("读取时出错，可能是本工具的问题而不是文件损坏：请用 Excel 打开后另存为 .xlsx 再试，仍不行请把文件发给维护人员"
                f"（技术细节：{name}: {first}）")
    return f"文件已损坏或格式无法解析，请用 Excel 打开后另存为 .xlsx（技术细节：{first}）"


_LOGICAL = {"TRUE": True, "FALSE": False}


def _grid(ws: Any, name: str, meta: Any, formulas: set[str], errors: dict[str, str], merged: list | None = None,
          texts: dict[str, str] | None = None, numbers: dict[str, bool] | None = None, date1904: bool = False,
          ods: bool = False) -> Grid:
    data = ws.to_python()
    r0, c0 = ws.start if ws.start else (0, 0)
    rows: list[list[Any]] = [[] for _ in range(r0)]
    pad = [""] * c0
    for row in data:
        rows.append(pad + list(row) if c0 else list(row))
    for at, text in (texts or {}).items():  # ODS text with a tab or line break (safety.ZipFacts.ods_texts)
        ((row_, c),) = _split_refs({at})
        r = int(row_) - 1
        if r < len(rows) and c < len(rows[r]) and isinstance(rows[r][c], str):
            rows[r][c] = text
        elif r < len(rows) and c < len(rows[r]) and text in _LOGICAL and rows[r][c] in (0, 1):
            rows[r][c] = _LOGICAL[text]  # =TRUE() saved with the value 1: the TRUE shown, as .xlsx gives it
    # .xls cells python-calamine read by their format's id, not as the file defines it: the number a date was
    # taken for, and the date a number under a date's format is (biff._misread_xfs)
    marks = numbers or {}
    for (row_, c), at in zip(_split_refs(marks), marks, strict=True):  # (one dict, iterated twice alike)
        r = int(row_) - 1
        if not (r < len(rows) and c < len(rows[r])):
            continue
        v = rows[r][c]
        if not marks[at]:
            if (n := _serial(v, date1904)) is not None:
                rows[r][c] = n
        elif v.__class__ in (int, float) and (d := _dated(v, date1904)) is not None:
            rows[r][c] = d
    # Trim trailing empty rows (styled blank rows are common).
    while rows and all(v == "" or v is None for v in rows[-1]):
        rows.pop()
    # one search over the sheet's texts joined (C loops): a sheet copied from a PDF is rare, every sheet is looked at
    joined = "\x00".join(filter(str.__instancecheck__, chain.from_iterable(rows)))
    if HAS_LOOKALIKE.search(joined):
        rows = [[unify_lookalikes(v) if v.__class__ is str else v for v in row] for row in rows]
    if ods and _ODS_ZONED.search(joined):
        # an .ods date value with a zone (SheetJS writes UTC: 15 June typed in China is 2022-06-14T16:00:00.000Z,
        # which python-calamine gives as that text): the date and time in China (blind audits in China's time zone)
        rows = [[(zoned_in_china(v) or v) if v.__class__ is str else v for v in row] for row in rows]
    # a cell longer than Excel holds (another program wrote it): said where it is, before merges copy it around
    too_long = {ref(r, c): len(v) for r, row in enumerate(rows) for c, v in enumerate(row)
                if v.__class__ is str and len(v) > EXCEL_MAX_TEXT} if len(joined) > EXCEL_MAX_TEXT else {}
    grid = Grid(name=name, rows=rows, formulas_without_value=formulas, formula_errors=errors,
                hidden=meta is not None and str(meta.visible).rsplit(".", 1)[-1] != "Visible", too_long=too_long)
    try:
        merges = ws.merged_cell_ranges or merged or []
    except Exception:
        merges = merged or []
    _fill_merges(grid, merges)
    grid._width = None
    return grid


def _serial(v: Any, date1904: bool) -> float | None:
    """The number python-calamine read as `v`, a date, date-time or time (1900-01-01 is 1, 1900-03-01 is 61:
    it has no 29 February 1900), else None."""
    if isinstance(v, dt.time):
        return (v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6) / 86400
    if not isinstance(v, dt.date):
        return None
    at = v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 31) if at < dt.datetime(1900, 3, 1) \
        else dt.datetime(1899, 12, 30)
    n = (at - base).total_seconds() / 86400
    return int(n) if n == int(n) else round(n, 9)


_ODS_ZONED = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^\x00]*?(?:Z|[+-]\d{2}:?\d{2})(?:\x00|$)", re.I)


def _dated(n: float, date1904: bool) -> dt.datetime | dt.date | None:
    """The date (a date-time where the number has a fraction) a serial number shows under a date format, as
    python-calamine gives one (1900-01-01 is 1, 1900-03-01 is 61: it has no 29 February 1900); None where Excel
    shows none (below 1, beyond 9999)."""
    if not (1 <= n < 2958466):
        return None
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 31) if n < 61 else dt.datetime(1899, 12, 30)
    at = base + dt.timedelta(days=n)
    return at.date() if n == int(n) else at


def _fill_merges(grid: Grid, merges: list[Any]) -> None:
    height = len(grid.rows)
    for (ra, ca), (rb, cb) in merges:
        if ra >= height:
            continue
        value = grid.get(ra, ca)
        rb = min(rb, height - 1)
        width = grid.width
        cb = min(cb, max(width - 1, ca))
        if (rb - ra + 1) * (cb - ca + 1) > MAX_MERGE_FILL:
            continue
        for r in range(ra, rb + 1):
            row = grid.rows[r]
            if len(row) <= cb:
                row.extend([""] * (cb + 1 - len(row)))
            for c in range(ca, cb + 1):
                if (r, c) != (ra, ca):
                    row[c] = value
                    grid.merged_origin[(r, c)] = (ra, ca)


# ---- header matching ----------------------------------------------------------------------------------


def _keys(col: Column) -> list[str]:
    return [k for k in (header_key(col.header), *(header_key(v) for v in col.variants)) if k]


_KEYS: dict[tuple[str, str], list[str]] = {(f.key, c.field): _keys(c) for f in ALL_FORMS for c in f.columns}
_ALL_KEYS: frozenset[str] = frozenset(k for keys in _KEYS.values() for k in keys)


_header_key = header_key_cached
# First characters a header text can start with (a key's first character, in either width or case): most data
# cells (a facility's name, a number) start with another and need no key at all.
_KEY_STARTS = frozenset(w for k in _ALL_KEYS for ch in (k[0], k[0].upper())
                        for w in (ch, chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch))


def match_header(form: FormDef, text: str, taken: set[str]) -> str | None:
    """The field of `form` whose header `text` is, or None. Exact, then containment, then near match."""
    for f in _candidates(form.key, _header_key(text)):
        if f not in taken:
            return f
    bare = _bare(text)
    if bare:
        for f in _candidates(form.key, _header_key(bare)):
            if f not in taken:
                return f
    if form.key != "FAC" and (asked := question_asked(text)) != text:
        # a question's number before it, as an online form exports its questions (2.类别（单选）, 1、乡镇：, Q4 总计,
        # *2.类别): the header after it — a long one was found inside the number, a short one was COLUMN_MISSING
        return match_header(form, asked, taken)
    return None


def question_asked(text: str) -> str:
    """A header without a question's number before it (1.所属区镇 → 所属区镇)."""
    return _QUESTION_NO.sub("", text, count=1) or text


_QUESTION_NO = re.compile(r"^\s*[*＊]?\s*(?:[QqＱ]\s*\d{1,2}\s*[.、．:：)）]?|第?\d{1,2}\s*(?:题)?\s*[.、．:：)）]"
                          # numbered in words or marks (一、类别, ①类别, ⑴名称, Ⅲ.等级, 第2题): FORM_NOT_FOUND for a
                          # list of such headers (audit of header wording)
                          r"|第?[一二三四五六七八九十]{1,3}\s*(?:题)?\s*[、.．:：)）]|第\d{1,2}题|[\u2460-\u2473\u2474-\u2487]"
                          r"|[\u2160-\u216b]+\s*[.、．:：]?"
                          # （一）名称, (1)名称 (a repeat of such a header was read as a facility; audit of layouts)
                          r"|[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）])\s*")


_BRACKETED = re.compile(r"[（(【\[][^（()）【】\[\]]*[)）】\]]")


def _bare(text: str) -> str:
    """A header without its bracketed hint, to be tried too (类别（A/B/C）, 类别(填字母)); "" where there is none, or
    where the brackets name another figure (风险隐患等级（上月）: never the form's column)."""
    bare = _BRACKETED.sub("", text).strip()
    return bare if bare != text and not _QUALIFIED.search(_header_key(text)) else ""


@functools.lru_cache(maxsize=65536)
def _candidates(form_key: str, key: str) -> tuple[str, ...]:
    """Fields a header key may be, best first (cached: real sheets repeat the same texts a lot). Every cell of
    a big sheet's first rows comes here once, most of them no header at all (a 1.4 MB workbook of 75 sheets
    took 6 s): what cannot match is ruled out first by tests that run in C."""
    if not key or len(key) > 60:  # a paragraph (填报说明) is not a header
        return ()
    index = _key_index(form_key)
    exact = index.exact.get(key, [])
    if _another_figure(form_key, key):  # 上月风险隐患等级, 截至上月已排查数量, 拟采取措施, 未排查数量: another figure
        return tuple(exact)
    contained: list[str] = []
    if index.contains.search(key) or len(key) >= 4 and key in index.joined:
        contained = [f for f, keys in index.columns if f not in exact and any(
            len(k) >= 4 and (k in key or (len(key) >= 4 and key in k)) for k in keys)]
    near: list[tuple[float, str]] = []
    chars = frozenset(key)
    # a ratio of 0.8 needs 2·min(len) ≥ 0.8·(sum of lens): a key between ⅔ and 3⁄2 of the text's length
    lo, hi = bisect.bisect_left(index.lengths, len(key) / 1.5), bisect.bisect_right(index.lengths, len(key) * 1.5)
    for field_, k, kchars, kcount, most in index.near[lo:hi]:
        if field_ in exact or field_ in contained:
            continue
        # characters in common, bounded first by those of k the text has at all (a set intersection, in C)
        need = 0.4 * (len(k) + len(key))
        shared = kchars & chars
        if len(shared) * most < need or sum(kcount[ch] for ch in shared) < need:
            continue
        if sum(min(key.count(ch), n) for ch, n in kcount.items()) < need:
            continue
        sm = difflib.SequenceMatcher(None, key, k)
        if sm.real_quick_ratio() >= 0.8 and sm.quick_ratio() >= 0.8 and sm.ratio() >= 0.8:
            near.append((-sm.ratio(), field_))
    found = exact + contained + [f for _, f in sorted(near)]
    if form_key == "FAC" and (point := point_by_number(key)):
        # first — unless the words after the number are a fact's own header (7.收取大额预付费人数（人）, 6.床位数 on a
        # form of numbered lines: the number taking them made 40 payers and 30 beds vanish; review), not words of
        # the point that share a fact's (8.收费对象超过床位总数 is 8, not 床位数; review)
        rest = key[_NUMBERED_POINT.match(key).end():]  # type: ignore[union-attr]  # point_by_number matched it
        facts = [f for f in index.exact.get(rest, []) if not (f[0] == "p" and f[1:].isdigit())]
        found = facts + [point] + [f for f in found if f != point and f not in facts]
    if form_key == "FAC" and _PERSON_ONLY.fullmatch(key):
        # 法定代表人 beside the points (an export's own column): a person, not point 3 it is inside the words of —
        # it took the point's column, 张某 VALUE_INVALID and the real point-3 column dropped (audit of the 排查表)
        found = [f for f in found if not (f[0] == "p" and f[1:].isdigit())]
    if form_key == "FAC" and len(key) <= 16 and (point := point_by_words(key)) and point not in found:
        # a point's column headed in a clerk's short words (扩张过快, 虚假宣传, 超床位, 负面舆情): the sheet was read as
        # an 附件2 and consolidated into it (audit of the facility sheet) — last, after what the words name exactly
        found = [*found, point]
    if "name" in found and _NOT_THE_FACILITY.match(key):  # 运营单位名称 left of 机构名称: the operator's name
        found = [f for f in found if f != "name"]
    if "name" in found and "name" not in exact and (tail := next(
            (f for f, keys in index.columns if f != "name" and any(len(k) >= 2 and key.endswith(k) for k in keys)),
            None)) is not None:
        # 养老机构及场所类别: what the header ends with is the column (a name's words before it; review)
        found = [tail] + [f for f in found if f not in (tail, "name")]
    if "insolvent" in found and "资可抵债" in key and "资不抵债" not in key:
        found = [f for f in found if f != "insolvent"]  # 是否资可抵债: the opposite question (its 否 read as 否)
    if "total" in found and form_key == "F1" and _CHECKED.search(key):
        found = [f for f in found if f != "total"]  # 已排查机构总数: those checked, not the total (it was taken so)
    return tuple(found)


_CHECKED = re.compile(r"已(?:经)?(?:排查|查|摸排|核查|检查)")


# Words that make a header another figure than the form's column it contains (last month's level kept beside
# this month's, measures planned beside those taken, the facilities not yet checked): never that column, read
# as a column of its own (COLUMN_UNKNOWN) rather than put its values in the official column's place (blind audit
# of other counties' wording: 上月是否化解 left of 是否化解 had its 否 written as this month's answer, silently)
_QUALIFIED = re.compile(r"上月|上周|上期|前期|上次|去年|上年|调整前|原$|本周新增|本月新增"
                        # (未经登记…: the notice's own words of points 9 and 10, under 风险隐患点; audit of the 排查表)
                        r"|^(?:原(?!存量)|未(?!经|登记)|尚未|拟|下一步|下步|下月|计划|新增)"
                        # what is asked or expected, not done (应采取的措施 is what classify prints; 是否需要通报线索,
                        # 预计立案时间, 待排查数量): another figure (audit of header wording); 建议书 is a letter received, 附件4's
                        r"|^(?:应采取|需采取|应当采取|建议(?!书)|预计|待|尚待)|是否需要?|应否|是否应(?!当排查)|能否|是否能够?|是否可以"
                        # the points resolved, not those found
                        r"|(?:已化解|已整改|已消除)的?风险隐患点|线索(?:数量|条数|数)"
                        # a pivot table's figure of a column (计数项:养老服务机构及场所名称 counts names: its counts were
                        # read as facilities named 2 and 1; audit of clerks' workbooks)
                        r"|^(?:计数项|求和项|平均值项|最大值项|最小值项|乘积项|数值计数项)")
# 附件4 holds figures since the campaign began: the month's own (本月问题数, 本月正在整治, 当月整治完成) are
# another figure — read as the cumulative ones, June's totals took them silently (blind audit of 附件1/附件4)
_NOT_CUMULATIVE = re.compile(r"本月|当月")  # (not 本周: 问题数（本周） beside 问题数（上周） is the current figure)


def _another_figure(form_key: str, key: str) -> bool:
    return _QUALIFIED.search(key) is not None or form_key == "F4" and _NOT_CUMULATIVE.search(key) is not None


_NUMBERED_POINT = re.compile(r"(\d+)(?=[\u4e00-\u9fff])")


def point_by_number(key: str) -> str | None:
    """A facility sheet's point column headed by its number and words of the clerk's own (6.经济犯罪被诉、投诉举报):
    the number says which point (its 是 was lost, the facility graded lower; blind audit of classify) — where the
    words share at least three characters with the point's own (not 1月 … 12月, 1号楼, 3个月)."""
    from .models import RISK_POINTS

    m = _NUMBERED_POINT.match(key)
    if m is None or not 1 <= (n := int(m[1])) <= 15:
        return None
    words = set(key[m.end():])
    return f"p{n}" if len(words & set(RISK_POINTS[n])) >= 3 else None
_PERSON_ONLY = re.compile(r"(?:法定代表人|法人代表|法人|负责人|主要负责人|投资人|举办者|经营者|实际控制人)(?:姓名|名称)?")


def point_by_words(key: str) -> str | None:
    """A facility sheet's point column named by a short phrase of its own: the point whose words it says, else
    None (_POINT_WORDS)."""
    hits = [n for n, pattern in _POINT_WORDS if pattern.search(key)]
    return f"p{hits[0]}" if len(hits) == 1 else None


# each point by the words a clerk shortens it to (the notice's list, 启民发〔2022〕66号)
_POINT_WORDS = tuple((n, re.compile(p)) for n, p in (
    (1, r"(?:预付|预收).{0,6}(?:建设|弥补)|弥补.{0,4}(?:建设|资金)"), (2, r"扩张"),
    (3, r"频繁变更|变更(?:法定代表人|法人|登记注册地|注册地)"), (4, r"(?:虚假|夸大)(?:或夸大)?宣传"),
    (5, r"关联(?:交易|公司)"), (6, r"经济犯罪|失信|被诉|投诉举报"), (7, r"使用不规范"),
    (8, r"超(?:过)?床位|对象.{0,4}超"), (9, r"未(?:经)?登记.{0,4}(?:无|没有|未收|不收)"),
    (10, r"未(?:经)?登记.{0,4}(?:有|收取|收)(?!.{0,2}(?:无|没有))"), (11, r"非法集资|诈骗"), (12, r"资不抵债"),
    (13, r"爆雷"), (14, r"舆情|不良影响"), (15, r"^其他(?:情形|情况)?$")))
_NOT_THE_FACILITY = re.compile(r"(?:运营|举办|法定代表人|法人|经营者|负责人|联系人|主管)")


@dataclass(frozen=True)
class _KeyIndex:
    exact: dict[str, list[str]]  # key -> fields it names, in the form's column order
    columns: tuple[tuple[str, tuple[str, ...]], ...]  # (field, its keys) in column order
    contains: re.Pattern[str]  # finds a key of 4 characters or more inside a text
    joined: str  # those keys joined: a text inside one of them
    near: tuple[tuple[str, str, frozenset[str], dict[str, int], int], ...]  # (field, key, its characters, counted,
    # the most times one of them occurs)
    lengths: list[int]  # of `near`'s keys, which are sorted by it (stably: column order within a length)


@functools.cache
def _key_index(form_key: str) -> _KeyIndex:
    from collections import Counter

    columns = tuple((c.field, tuple(_KEYS[(form_key, c.field)])) for c in BY_KEY[form_key].columns)
    exact: dict[str, list[str]] = {}
    for f, keys in columns:
        for k in dict.fromkeys(keys):
            exact.setdefault(k, []).append(f)
    long = sorted({k for _, keys in columns for k in keys if len(k) >= 4}, key=lambda k: (-len(k), k))
    counted = [(f, k, dict(Counter(k))) for f, keys in columns for k in keys if len(k) >= 3]
    near = sorted(((f, k, frozenset(k), n, max(n.values())) for f, k, n in counted), key=lambda e: len(e[1]))
    return _KeyIndex(exact, columns, re.compile("|".join(map(re.escape, long)) or "(?!)"), "\0".join(long),
                     tuple(near), [len(e[1]) for e in near])


def _official_columns(form_key: str, texts: list[list[str]]) -> dict[str, int]:
    """Fields two columns could each be, and the column headed as the template heads the field (风险隐患等级, then
    类别（A/B/C）: the header with a hint): a hidden 上月风险隐患等级 or 风险隐患等级（5月）, or 上月处置进展, left of
    the current column must not take it. Fields only one column could be are left to the usual left-to-right
    match (a clerk's 机构类型 right of 类别（A/B/C） is an extra column, not 类别)."""
    able: dict[str, set[int]] = {}
    best: dict[str, tuple[int, int]] = {}
    f: str | None  # a field; None where a header is no official one
    official = _official_keys(form_key)
    for c, cands in enumerate(texts):
        for t in cands:
            if not t:
                continue
            key = _header_key(t)
            bare = _header_key(_bare(t) or t)
            for f in {*_candidates(form_key, key), *_candidates(form_key, bare)}:
                able.setdefault(f, set()).add(c)
            for f, rank in ((official.get(key), 0), (official.get(bare), 1)):
                if f is not None and (rank, c) < best.get(f, (2, 0)):
                    best[f] = (rank, c)
    chosen = {f: c for f, (_, c) in best.items() if len(able.get(f, ())) > 1}
    # none headed exactly as the template heads it, each naming its month (风险隐患等级（5月） | 风险隐患等级（6月）):
    # the latest month's
    for f, cols in able.items():
        if best.get(f, (1,))[0] != 0 and len(cols) > 1:
            months = {c: _months_in(texts[c]) for c in cols}
            if all(len(m) == 1 for m in months.values()) and len({next(iter(m)) for m in months.values()}) == len(cols):
                order = {c: next(iter(m)) for c, m in months.items()}
                if any(v == 12 for v in order.values()):  # 12月 | 1月: January's is the later
                    order = {c: v + 12 if v <= 6 else v for c, v in order.items()}
                chosen[f] = max(cols, key=order.__getitem__)
    return chosen


_MONTH_IN = re.compile(r"(?:(20[0-9]{2})\s*年\s*)?(?<![0-9])(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?!\s*[0-9])"
                       r"|(本月|当月)")
_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}


def _months_in(texts: list[str]) -> set[int]:
    """The months a header names: 5 for （5月）, （五月）, （5月份）; 2022·12+6 with its year (2022年6月); this month
    (本月, 当月) after any."""
    out = set()
    for t in texts:
        for year, month, this in _MONTH_IN.findall(t):
            if this:
                out.add(1 << 20)
                continue
            n = int(month) if month.isdecimal() else _CN_MONTH[month]
            out.add(int(year) * 12 + n if year else n)
    return out


@functools.cache
def _official_keys(form_key: str) -> dict[str, str]:
    """The template's own header of each field (its key) -> the field."""
    return {_header_key(c.header): c.field for c in BY_KEY[form_key].columns}


@dataclass
class HeaderMatch:
    form: FormDef
    header_row: int  # 0-based first header row
    data_start: int  # 0-based first data row
    columns: dict[str, int]  # field -> 0-based column
    unknown: dict[int, str]  # column -> header text of columns not in the form
    score: int
    end: int | None = None  # last 0-based data row, once known (see data_end)
    footer: int | None = None  # 0-based first footer row (填报人…) when data rows were found after it
    joins: dict[str, int] = field(default_factory=dict)  # field -> column split off it (是否立案 | 立案时间)
    top: int = 0  # first row of its head: past the data of a form above it on the same sheet
    passed: set[int] = field(default_factory=set)  # rows of a 填报说明 among the data (facilities typed below it)
    # field -> its columns, laid out a column per choice and ticked (_tick_groups); the field's column is the
    # group's first, its text the choices ticked (read_form), an answer's detail column in `joins`
    ticks: dict[str, TickGroup] = field(default_factory=dict)
    # one table holding 附件2 and 附件3 side by side in its columns (名称 | 类别 | 风险隐患点 | 等级 | 通报线索 | 措施 …):
    # the other form's key, this form's match as it was alone (the other's columns extra), and whether it was the
    # header's best match (see _combined)
    partner: str = ""
    alone: HeaderMatch | None = None
    primary: bool = False
    past_at: int = -1  # 0-based row of a heading among the data naming a past list (附：上月名单), which ends it


@functools.lru_cache(maxsize=4096)  # (asked of each row for each form while headers are looked for)
def _options_in_one_row(tops: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A header row where cells read QUESTION:OPTION or QUESTION(OPTION) — three options or more of one question,
    or its 是 | 否: (the questions, the options) as two header rows, each other cell the same in both (merged
    down); else None."""
    if sum(1 for t in tops if ":" in t or "：" in t or t.endswith((")", "）"))) < 2:
        return None  # (most header rows: asked of each)
    split = [_OPTION_HEAD.fullmatch(t) or _OPTION_BRACKETED.fullmatch(t) for t in tops]
    asked: dict[str, list[str]] = {}
    for m in split:
        if m:
            asked.setdefault(m[1], []).append(m[2].strip())
    # three options or more of one question; or 是 | 否 (是否通报线索:是 | 是否通报线索:否)
    many = {q for q, options in asked.items() if len(options) >= 3 or len(options) == 2 and set(options) <= _YES_NO}
    if not many:
        return None
    return (tuple(m[1] if m and m[1] in many else t for m, t in zip(split, tops, strict=True)),
            tuple(m[2] if m and m[1] in many else t for m, t in zip(split, tops, strict=True)))


_YES_NO = frozenset(("是", "否", "有", "无", "已", "未", "不涉及"))


_OPTION_HEAD = re.compile(r"\s*(.{2,40}?)\s*[:：]\s*(.{1,120}?)\s*")
_OPTION_BRACKETED = re.compile(r"\s*([^(（]{2,40}?)\s*[(（](.{1,120})[)）]\s*")  # 风险隐患点(4.虚假或夸大宣传)


def _match_rows(form: FormDef, grid: Grid, r: int) -> HeaderMatch | None:
    """Header of `form` at row r: one row, or two when the second adds headers (附件4, split headers)."""
    tops = tuple(grid.row_texts(r))
    match_cells = _match_cells if len(tops) <= 200 else _match_cells.__wrapped__  # keep the cache small
    if (options := (_options_in_one_row if len(tops) <= 200 else _options_in_one_row.__wrapped__)(tops)) is not None:
        # 风险隐患点（可多选）:虚假或夸大宣传 | …, an option per column as an online form exports a multiple choice:
        # read as the two-row header it stands for, the question over its options (the first option column was
        # taken for the whole field, its 0 for no points, the rest extra columns; blind audit of exports)
        pair = match_cells(form.key, *options)
        if pair is not None and pair[3]:
            return _joined(HeaderMatch(form, r, r + 1, pair[0], pair[1], pair[2], ticks=pair[3]), _lowest(*options))
    single = match_cells(form.key, tops, None)
    if single is None or single[2] < 2:
        return None  # a two-row header's first row names most columns itself; a unit line names none
    lows = grid.row_texts(r + 1)
    # a blank row left between the two header rows (附件4's 正在整治 | 整治完成 | 总计 a row further down): the pair is
    # tried across it — read as a one-row header, the sub-headers were a row of data, or 问题数 the 总计 column
    # (blind audit of 附件1/附件4)
    gap = 0
    if not any(lows) and any(further := grid.row_texts(r + 2)):
        gap, lows = 1, further
    for _ in range(2):
        # Under a header cell of a two-row header there is the same merged text, a sub-header, a unit such as "%"
        # or nothing, never a number: a number there means row r+1 is already data (the usual one-row header, its
        # 序号 1), so the pair is not tried.
        figures = [c for c in single[0].values()
                   if c < len(lows) and lows[c] != tops[c] and _looks_like_value(lows[c]) and _HAS_DIGIT.search(lows[c])]
        if figures and not set(figures) <= _numbered_points(tops, tuple(lows)).keys() | {
                g.first for _, g in _tick_groups(form.key, tops, tuple(lows))}:
            pair = None
        else:
            pair = match_cells(form.key, tops, tuple(lows))
        if pair is not None and (pair[2] > single[2] or pair[2] == single[2] and _continues_header(form, tops, lows)) \
                and not (gap and pair[2] == single[2]):
            return _joined(HeaderMatch(form, r, _past_merged_down(grid, r, r + 2 + gap), pair[0], pair[1], pair[2],
                                       ticks=pair[3]), _lowest(tops, lows))
        if not gap:
            break
        gap, lows = 0, grid.row_texts(r + 1)  # (nothing gained across the blank row: as without it)
    if (third := _third_row(form, grid, r, tops, lows, max(single[2], pair[2] if pair else 0))) is not None:
        return third
    merged = grid.merged_origin
    if pair is not None and pair[2] >= single[2] and merged and _under_merged_across(grid, r):
        # questions merged across over 是否 | 具体情况: sub-headers, not a row of data (it was read as one: eight
        # VALUE_INVALID of 是否，具体情况; blind audit)
        return _details_beside(grid, r, _joined(HeaderMatch(form, r, r + 2, pair[0], pair[1], pair[2], ticks=pair[3]),
                                                 _lowest(tops, lows)))
    if not merged or pair is None and not _merged_down(grid, r, r + 1):
        return _joined(HeaderMatch(form, r, r + 1, *_group_in_order(form, tops, single), ticks=single[3]), tops)
    # a tall header: rows whose every cell is row r's merged down (or across) are the header's too, not a second
    # form found on them (whose footer would be the date's) …
    below = 1
    while below <= 3 and (texts := grid.row_texts(r + below)) and \
            all(merged.get((r + below, c), (-1,))[0] == r for c in range(len(texts)) if texts[c]):
        below += 1
    # … and so is the row under them holding sub-headers (是否立案 | 立案时间, 通报线索 | 纳入处非 under 处置情况)
    # where most of its cells are row r's merged down
    subs = grid.row_texts(r + below)
    # (1 … 15 under 风险隐患点: the items ticked below, not figures)
    items = {c for _, g in _tick_groups(form.key, tops, tuple(subs)) for c in g.columns}
    if (_merged_down(grid, r, r + below) or _under_groups(grid, r, r + below)) and not any(
            t and _HAS_DIGIT.search(t) and _looks_like_value(t) and c not in items  # a number: data, not a header
            for c, t in enumerate(subs)):
        deeper = match_cells(form.key, tops, tuple(subs))
        if deeper is not None and deeper[2] >= single[2]:
            return _joined(HeaderMatch(form, r, r + below + 1, deeper[0], deeper[1], deeper[2], ticks=deeper[3]),
                           _lowest(tops, subs))
    if not items and (bands := _banded(form, grid, r, r + below)) is not None:
        return bands
    return _joined(HeaderMatch(form, r, r + below, *_group_in_order(form, tops, single), ticks=single[3]), tops)


def _third_row(form: FormDef, grid: Grid, r: int, tops: tuple[str, ...], lows: list[str], best: int
               ) -> HeaderMatch | None:
    """A header typed over three rows with nothing merged, a part named on the second heading its own parts on the
    third (问题数 | 总计 其中 | 正在整治 整治完成): the third row was read as data — 整治完成 COLUMN_MISSING, two columns
    without a header and the sub-headers VALUE_INVALID (audit). Each text of the third row sits under a blank cell
    or under 其中, none is a figure, and the three rows name more of the form's columns than two did."""
    subs = grid.row_texts(r + 2)
    if not any(subs) or not any(_parts_head(t) for t in lows):
        return None
    if any(t and (not (c >= len(lows) or not lows[c] or _parts_head(lows[c]))
                  or _HAS_DIGIT.search(t) and _looks_like_value(t)) for c, t in enumerate(subs)):
        return None
    width = max(len(lows), len(subs))
    joined = tuple((subs[c] if c < len(subs) and subs[c] else "") or
                   ("" if c >= len(lows) or _parts_head(lows[c]) else lows[c]) for c in range(width))
    deeper = _match_cells(form.key, tops, joined)
    if deeper is None or deeper[2] <= best:
        return None
    return _joined(HeaderMatch(form, r, _past_merged_down(grid, r, r + 3), deeper[0], deeper[1], deeper[2],
                               ticks=deeper[3]), _lowest(tops, joined))


def _parts_head(text: str) -> bool:
    return text.replace(" ", "").rstrip(":：") in ("其中", "(其中)", "（其中）")


def _past_merged_down(grid: Grid, r: int, start: int) -> int:
    """The first data row of a two-row header at r: `start`, or past rows (three at most) holding nothing but header
    cells merged down to them — 附件4's headers merged over rows 5–7 with its 问题数 sub-headers on row 6 alone: the
    blank row 7 was read as a header of its own, 正在整治/整治完成/总计 COLUMN_MISSING (blind audit of values)."""
    merged = grid.merged_origin
    if not merged:
        return start
    row = start
    while row < start + 3 and (texts := grid.row_texts(row)) and any(texts) and all(
            r <= merged.get((row, c), (-1,))[0] < start for c in range(len(texts)) if texts[c]):
        row += 1
    return row


def _under_merged_across(grid: Grid, r: int) -> bool:
    """Each of row r+1's cells is row r's header merged down, or sits under one of row r's headers merged across
    columns, none of them a figure; at least one of the latter: row r+1 holds sub-headers."""
    merged = grid.merged_origin
    subs = 0
    for c, t in enumerate(grid.row_texts(r + 1)):
        if not t or merged.get((r + 1, c), (-1,))[0] == r:
            continue
        above = merged.get((r, c)) or ((r, c) if merged.get((r, c + 1)) == (r, c) else None)  # (an origin is no key)
        if above is None or above[0] != r or _looks_like_value(t) or not (
                above[1] != c or merged.get((r, c + 1)) == above):
            return False
        subs += 1
    return subs > 0


_ANSWER_KINDS = frozenset((Kind.ANSWER, Kind.ANSWER_NA, Kind.CASE, Kind.RESOLVED))


def _details_beside(grid: Grid, r: int, m: HeaderMatch) -> HeaderMatch:
    """An extra column under the same merged question as the answer's column left of it (是否 | 具体情况 under
    是否成立了专项行动领导小组…): the answer's detail, read with it (it was COLUMN_UNKNOWN, and DETAIL_MISSING said
    beside the detail written in it; blind audit)."""
    merged = grid.merged_origin
    at = {c: f for f, c in m.columns.items()}
    joins = dict(m.joins)
    lows = grid.row_texts(r + 1)
    for c in sorted(m.unknown):
        # 是否 | 主要负责人及职务 under 是否成立了专项行动领导小组: the detail's column took the question (header and
        # sub-header make the official text); 是否 is the answer's column, the other its detail
        f = at.get(c + 1)
        if f and f not in joins and c < len(lows) and _header_key(lows[c]) in _YES_NO_HEADS and \
                m.form.column(f).kind in _ANSWER_KINDS and merged.get((r, c + 1)) in ((r, c), merged.get((r, c))):
            m.columns = {**m.columns, f: c}
            joins[f] = c + 1
            at = {c_: f_ for f_, c_ in m.columns.items()}
    for c in sorted(m.unknown):
        if c in joins.values() or c in at:
            continue
        f = at.get(c - 1)
        if f and f not in joins and m.form.column(f).kind in _ANSWER_KINDS and \
                merged.get((r, c)) is not None and merged.get((r, c)) in (merged.get((r, c - 1)), (r, c - 1)):
            joins[f] = c
    if len(joins) > len(m.joins):
        m.joins = joins
        m.unknown = {c: h for c, h in m.unknown.items() if c not in joins.values() and c not in at}
    return m


def _banded(form: FormDef, grid: Grid, r: int, row: int) -> HeaderMatch | None:
    """风险隐患点 over a row of bands (黄色（1-5）| 橙色（6-9）…) over the items 1 … 15, ticked: the header's three rows,
    the group read from the first and the third, every other cell of the band row the first's merged down."""
    third = tuple(grid.row_texts(row + 1))
    groups = _tick_groups(form.key, tuple(grid.row_texts(r)), third) if third else ()
    if not groups:
        return None
    span = {c for _, g in groups for c in range(min(g.columns), max(g.columns) + 1)}
    merged = grid.merged_origin
    if any(t and c not in span and merged.get((row, c), (-1,))[0] != r for c, t in enumerate(grid.row_texts(row))):
        return None
    tops = tuple(grid.row_texts(r))
    found = _match_cells(form.key, tops, third)
    if found is None or not found[3]:
        return None
    return _joined(HeaderMatch(form, r, row + 2, found[0], found[1], found[2], ticks=found[3]), _lowest(tops, third))


def _lowest(tops: Sequence[str], lows: Sequence[str]) -> tuple[str, ...]:
    """Each column's header as its lowest header row gives it."""
    return tuple(lows[c] if c < len(lows) and lows[c] else t for c, t in enumerate(tops)) + tuple(lows[len(tops):])


def _continues_header(form: FormDef, tops: tuple[str, ...], lows: list[str]) -> bool:
    """Row r+1 carries on row r's header texts, typed over two rows without merging (养老服务机构 | 及场所名称,
    是否立案及 | 立案时间): each of its cells under a header cell and holding no figure, most of them completing
    that header to one of the forms' own. A facility's row under the header completes none."""
    filled = joined = neutral = hints = 0
    for c, low in enumerate(lows):
        if not low:
            continue
        top = tops[c] if c < len(tops) else ""
        if not top or _HAS_DIGIT.search(low):
            return False
        filled += 1
        # (级(红橙黄) under 风险隐患等: the header's end, then a hint in brackets)
        core = _HINT_AFTER.sub("", low)
        field_ = match_header(form, top, set())
        form_column = field_ is not None
        if _header_key(top + low) in _ALL_KEYS or core and (_header_key(top + core) in _ALL_KEYS
                                                             or _closer_header(form, field_, top, core)):
            joined += 1
        elif not core and form_column:
            neutral += 1  # a hint in brackets under the form's header (（填编号）)
        elif not form_column and len(low) <= 8 and not _looks_like_value(low):
            neutral += 1
            hints += not core
    # (one cell alone, completing its header: 养老服务机构 | 及场所名称 was read as a facility named 及场所名称 — the
    # README's own example; blind audit of a large inbox.) A few words under an extra column's header beside it
    # (统一社会信 | 用代码), or a unit in brackets alone under extra columns (预付费金额 | （元）): the header's too
    # (audit of layouts) — but not words alone under extra columns: a contact's name, a 黄色名单 heading typed
    # in an extra first column are a row of the list (review)
    return joined >= 2 and 2 * joined >= filled or joined == filled - neutral >= 1 or 0 < hints == filled


_HINT_AFTER = re.compile(r"\s*[（(【\[][^（()）【】\[\]]*[)）】\]]\s*$")


def _header_split(tops: tuple[str, ...], c: int, low: str) -> bool:
    """`low` goes on with the words of column c's own header (统一社会信 | 用代码), not a sub-header under a header
    merged across columns."""
    top = tops[c]
    if not low or low == top or _looks_like_value(low) or _HAS_DIGIT.search(low) or (
            c + 1 < len(tops) and tops[c + 1] == top):
        return False
    # a unit in brackets (（元）), or the end of words the header broke off (统一社会信 | 用代码) — not a sub-header
    # under a group typed in its first cell alone (其他 over 约谈 | 罚款: 其他, as before; review)
    return _BRACKETED.fullmatch(low) is not None or len(top) >= 4 and len(low) <= 4


def _closer_header(form: FormDef, field_: str | None, top: str, low: str) -> bool:
    """`top + low` is nearer the header of `field_` (the field `top` names) than `top` alone (养老服务机构 | （场所）名称:
    the name's header written with its words moved; a level 黄 under 风险隐患等级 takes it further away)."""
    if field_ is None:
        return False
    alone, whole = _header_key(top), _header_key(top + low)
    return any(difflib.SequenceMatcher(None, whole, k).ratio() > max(0.8, difflib.SequenceMatcher(None, alone, k).ratio())
               for k in _KEYS[(form.key, field_)])


def _merged_down(grid: Grid, r: int, row: int) -> bool:
    """Most of `row`'s cells, but not all, are row r's merged down: sub-headers beside them, one header."""
    merged = grid.merged_origin
    texts = grid.row_texts(row)
    # (a note in brackets under its header, （填编号）, is neither: two of them beside four sub-headers made the
    # row a facility's; grader audit)
    filled = [c for c in range(len(texts)) if texts[c] and not _BRACKETED.fullmatch(texts[c])]
    copies = sum(merged.get((row, c), (-1,))[0] == r for c in filled)
    return bool(merged and filled) and len(filled) > copies and 2 * copies >= len(filled)


def _under_groups(grid: Grid, r: int, row: int) -> bool:
    """Each of `row`'s cells is row r's merged down or sits right under a group header of row r merged across
    columns and down to the row above (处置情况 over D4:H5, 通报线索 … 是否立案 in D6:H6): sub-headers, however many
    of them there are beside the cells merged down."""
    merged = grid.merged_origin
    texts = grid.row_texts(row)
    subs = 0
    for c, t in enumerate(texts):
        if not t or merged.get((row, c), (-1,))[0] == r:
            continue
        above = merged.get((row - 1, c))
        if above is None or above[0] != r or row - 1 == r or not (
                above[1] != c or merged.get((row - 1, c + 1)) == above):
            return False
        subs += 1
    return subs > 0


@functools.cache  # (the forms' definitions do not change; callers only read it)
def _companions(form_key: str) -> dict[str, str]:
    return {header_key(h): col.field for col in BY_KEY[form_key].columns for h in col.companions}


def _joined(m: HeaderMatch, heads: Sequence[str] = ()) -> HeaderMatch:
    """Columns split off a matched one (_split_off), and an answer's detail after its ticked 是 | 否 (TickGroup)."""
    m = _split_off(m, heads)
    details = {f: g.detail for f, g in m.ticks.items() if g.detail >= 0}
    if details:
        m.joins = {**m.joins, **details}
    return m


def _split_off(m: HeaderMatch, heads: Sequence[str] = ()) -> HeaderMatch:
    """A column split off a matched one (立案时间 beside 是否立案): read with it, not as unknown. Right of it, or
    left of it under a header of its own (化解情形 | 存量风险是否已有效化解), or the two the other way round with the
    detail's header taken for the field's (立案时间 | 是否立案: 立案时间 is a header of the field too). `heads`:
    each column's header text."""
    if not m.unknown:
        return m
    companions = _companions(m.form.key)
    joins: dict[str, int] = {}
    at = {col: f for f, col in m.columns.items()}
    # a question merged over 是否 | its detail (是否成立了专项行动领导小组 over 是否 | 主要负责人及职务): the header's
    # text and the detail's make the official one, so the detail column took the question and 是否 was an extra
    # column — the answers 否 lost, VALUE_REQUIRED on their blank details (blind audit of county layouts)
    moved = {at[c + 1]: c for c, h in m.unknown.items()
             if _header_key(h) in _YES_NO_HEADS and at.get(c + 1) in companions.values() and c + 1 not in m.unknown}
    if moved:
        m.columns = {f: moved.get(f, col) for f, col in m.columns.items()}
        joins = {f: c + 1 for f, c in moved.items()}
        unknown = {c: h for c, h in m.unknown.items() if c not in moved.values()}
        at = {col: f for f, col in m.columns.items()}
    else:
        unknown = m.unknown
    # 风险隐患点N | 说明: the point's note (15's case; blind audit of classify); a point left blank beside it stays
    # unanswered (parse_row), so a remark column after 15 (存在问题) makes no 是 (review)
    notes = {c: left for c, h in unknown.items() if m.form.key == "FAC" and (left := at.get(c - 1, "")).startswith("p")
             and left[1:].isdigit() and (_header_key(h) in _POINT_NOTE_HEADS or left == "p15" and _OTHER_NOTE_HEAD.search(
                 _header_key(h)) and not _NOT_A_CASE_HEAD.search(h))}
    claimed: set[int] = set()  # a column that turned out to be its field's (立案时间 | 是否立案)
    for c, h in unknown.items():
        f = companions.get(_header_key(h))
        if f is None and c in notes:
            f = notes[c]
        if f is None and at.get(c - 1) in companions.values() and at[c - 1] in _candidates(m.form.key, _header_key(h)):
            f = at[c - 1]  # the second column under its header merged across two (是否立案及立案时间 over 是 | 日期)
            asked = m.columns[f]  # the question's column
            if f not in joins and asked < len(heads) and companions.get(_header_key(heads[asked])) == f \
                    and _header_key(h) not in companions:
                # 立案时间 | 是否立案: the question's column is the field's, the date its detail (the date first read
                # as the answer, CASE_DATE_MISSING at the 是 beside the blank date; blind audit of layouts)
                m.columns = {**m.columns, f: c}
                joins[f] = asked
                claimed.add(c)
                continue
        if f and f in m.columns and f not in joins and (
                c > m.columns[f] or c == m.columns[f] - 1 and companions.get(_header_key(h)) == f):
            joins[f] = c
    if joins:
        m.joins = joins
        m.unknown = {c: h for c, h in unknown.items() if c not in joins.values() and c not in claimed}
    return m


_POINT_NOTE_HEADS = frozenset(map(header_key, ("说明", "情况说明", "具体情况", "具体说明", "情况", "备注说明", "存在问题",
                                               "具体问题", "问题描述", "描述")))
# right of 15 (其他情形): its case, however headed (其他情形具体说明, 第15项具体情形, 15说明 — they were extra columns, 15
# POINT_OTHER_UNDESCRIBED beside its case; blind audit of classify), not another figure (整改情况, 排查日期)
_OTHER_NOTE_HEAD = re.compile(r"情形|情况|说明|内容|描述")
_NOT_A_CASE_HEAD = re.compile(r"整改|处置|措施|进展|排查人|日期|时间|电话")
_YES_NO_HEADS = frozenset(map(header_key, ("是否", "是/否", "是或否", "有无", "有/无", "是否（是/否）")))


@functools.lru_cache(maxsize=4096)
def _match_cells(form_key: str, tops: tuple[str, ...], lows: tuple[str, ...] | None
                 ) -> tuple[dict[str, int], dict[int, str], int, dict[str, TickGroup]] | None:
    """Columns of form `form_key` named by one header row (or two). Cached on the texts: every township's
    header rows are the same few texts, so a whole inbox computes each only once. Callers must not
    modify the dicts returned. The last: the columns laid out a column per choice (_tick_groups)."""
    ticks = dict(_tick_groups(form_key, tops, lows or ()))
    found = _columns_of(form_key, tops, lows, ticks)
    if ticks and (found is None or any(found[0].get(f) != g.first for f, g in ticks.items())):
        found = _columns_of(form_key, tops, lows, {})  # the group's header read as another column: not a group
    return found


# a form's columns are among a header row's first 256 (Excel 97's width); texts beyond are extra columns, not asked
# what field they may be — a header typed on to column XFD took 30 s (audit of hostile files)
_MATCHED_WIDTH = 256


def _columns_of(form_key: str, tops: tuple[str, ...], lows: tuple[str, ...] | None,
                ticks: dict[str, TickGroup]) -> tuple[dict[str, int], dict[int, str], int, dict[str, TickGroup]] | None:
    form = BY_KEY[form_key]
    lows = lows or ()
    columns: dict[str, int] = {}
    unknown: dict[int, str] = {}
    used: set[str] = set()
    width = max(len(tops), len(lows))
    heads = [(tops[c] if c < len(tops) else "", lows[c] if c < len(lows) else "") for c in range(width)]
    # (a sub-header under a group that names what it counts, 检察 | 司法 | 监察 under 接收建议书: 检察建议书 — the
    # group alone was taken for 司法's column, the 检察 figure put under 司法; audit of headers)
    texts = [[low, *(low + top[-k:] for k in (3, 2) if len(top) >= k), top, top + low]
             if low and low != top and not _looks_like_value(low) else [top] for top, low in heads]
    for c, n in (_numbered_points(tops, lows) or _numbered_heads(tops)).items():
        texts[c] = [f"风险隐患点{n}"]
    ticking: set[int] = set()  # the group's columns after its first, which stands for the field
    for f, g in ticks.items():
        texts[g.first] = [form.column(f).header]
        ticking.update(g.columns[1:])
        for c in g.stray:  # known by its own sub-header (频繁变更登记注册地): an extra column
            unknown[c] = lows[c]
            ticking.add(c)
    for c in ticking:
        texts[c] = []  # (the group's header over them is its first column's alone)
    # under a group naming another figure (本周新增 | 累计, 问题数（上周）| 问题数（本周）): none of the form's columns
    # or itself naming one under a group of the form's (拟正在整治, 原整治完成 under 问题数)
    other = {c for c, (top, low) in enumerate(heads) if top and low and low != top
             and (_another_figure(form_key, _header_key(top)) or _another_figure(form_key, _header_key(low)))}
    # beside the form's group as the template heads it (问题数), another group naming it with more words (截至5月底问题数,
    # 本周问题数, 问题数（5月）): another figure — left of it, it took the form's columns (audit of header wording)
    groups = {_header_key(col.group) for col in form.columns if col.group}
    if groups & {_header_key(top) for top, low in heads if top and low}:
        other |= {c for c, (top, low) in enumerate(heads) if top and low and low != top  # (a group over its own)
                  and _header_key(top) not in groups and any(g in _header_key(top) for g in groups)}
    for c in (*other, *range(_MATCHED_WIDTH, width)):
        texts[c] = []
    official = _official_columns(form_key, texts)
    # a sub-header left blank under the form's group merged over several (问题数 over 正在整治 | 整治完成 | 总计, B6
    # blank): not an extra column 问题数 with its field said missing at the next column (mutation audit) — the part
    # the others do not name, below
    under_group = {c for c, (top, low) in enumerate(heads) if top and not low and lows and _header_key(top) in groups
                   and any(t == top and lw for k, (t, lw) in enumerate(heads) if k != c)}
    for c, (top, low) in enumerate(heads):
        if not top and not low or c in ticking or c in under_group:
            continue
        if c in other:
            unknown[c] = top + low
            continue
        field_ = None
        for t in texts[c]:
            if t and t not in used:  # one merged cell across columns is one header, not many
                field_ = match_header(form, t, set(columns) | {f for f, at in official.items() if at != c})
                if field_:
                    used.add(t)
                    break
        if field_:
            columns[field_] = c
        elif top and not _looks_like_value(top):
            # under a header merged across columns (是否立案及立案时间 over 是否立案 | 立案时间) a column is known by
            # its own sub-header: 立案时间 is then read with 是否立案 (_joined), not taken for an extra column
            shared = c > 0 and tops[c - 1] == top and low and low != top and not _looks_like_value(low)
            # (its header typed over two rows, 统一社会信 | 用代码: said whole; audit of layouts)
            unknown[c] = low if shared else top + low if _header_split(tops, c, low) else top
    for group in {_header_key(heads[c][0]) for c in under_group}:
        # by elimination: the one part of the group not named, in the one column under it without a sub-header
        blank = [c for c in under_group if _header_key(heads[c][0]) == group]
        parts = [col.field for col in form.columns if col.group and _header_key(col.group) == group]
        missing = [f for f in parts if f not in columns]
        if len(blank) == 1 and len(missing) == 1:
            columns[missing[0]] = blank[0]
    if not columns:
        return None
    # (each item's column counts: fifteen ticked points are the list's, not the 排查表's fifteen 是/否 columns)
    return columns, unknown, len(columns) + sum(len(g.columns) - 1 for g in ticks.values()), ticks


def _group_in_order(form: FormDef, tops: tuple[str, ...],
                    single: tuple[dict[str, int], dict[int, str], int, dict[str, TickGroup]]
                    ) -> tuple[dict[str, int], dict[int, str], int]:
    """A one-row header's columns, with 问题数 alone over as many columns as the template has under it (its row of
    正在整治 | 整治完成 | 总计 deleted) read as those columns in the template's order, as the notice lays them out.
    Read as 总计 from its first column, the other two were columns without a header and 正在整治/整治完成
    COLUMN_MISSING (audit). Only where the table goes on past them: three columns closing a table may be one figure
    and two stray ones; and only when no row below names them (asked after the two-row header was tried)."""
    columns, unknown, count = single[0], single[1], single[2]
    for group in dict.fromkeys(col.group for col in form.columns if col.group):
        parts = [col.field for col in form.columns if col.group == group]
        at = [c for c, top in enumerate(tops) if _header_key(top) == _header_key(group)
              and not (c and tops[c - 1] == top)]  # (a merged cell's text repeated across it: one header)
        if len(at) != 1 or sum(p in columns for p in parts) != 1 or columns.get(
                next(p for p in parts if p in columns)) != at[0]:
            continue
        c = at[0]
        if not all(k < len(tops) and tops[k] in ("", tops[c]) for k in range(c + 1, c + len(parts))) \
                or max(columns.values()) < c + len(parts):
            continue
        columns = {f: at_ for f, at_ in columns.items() if f not in parts} | {p: c + k for k, p in enumerate(parts)}
        unknown = {k: t for k, t in unknown.items() if not c <= k < c + len(parts)}
        count += len(parts) - 1
    return columns, unknown, count


_POINT_NUMBER = re.compile(r"第?(\d{1,2})项?")


def _head_number(text: str) -> int | None:
    """The number a column's header is alone: 3, 第3项, 3., （3）, ③ — else None."""
    t = text.strip().strip("（）()").rstrip(".、．")
    if len(t) == 1 and "\u2460" <= t <= "\u2473":
        return ord(t) - 0x245F
    m = _POINT_NUMBER.fullmatch(t)
    return int(m[1]) if m else None


def _numbered_points(tops: tuple[str, ...], lows: tuple[str, ...]) -> dict[int, int]:
    """Columns headed by a point's number alone (1 … 15, 第1项 …) under a 风险隐患点 header merged across them (a
    facility sheet laid out by hand): column -> point. Numbers under any other header are data or column numbers."""
    out: dict[int, int] = {}
    if not any("隐患点" in t for t in tops):
        return out  # (asked of every header's row below it: most have no such header)
    for c, low in enumerate(lows):
        n = _head_number(low) if low else None
        if n is not None and c < len(tops) and "隐患点" in tops[c] and 1 <= n <= 15:
            out[c] = n
    # the 1–15 in order, each once: not one figure under a 风险隐患点 column (a data row's 6)
    return out if len(out) >= 3 and list(out.values()) == list(range(1, len(out) + 1)) else {}


@dataclass(frozen=True)
class TickGroup:
    """A column of the form laid out as a column per choice, ticked (√ under the ones that apply)."""

    kind: str  # points, measures (as many as apply); answer, level, category (one)
    cells: tuple[tuple[int, str], ...]  # (column, what a tick there says: "2", "是", "红", "A")
    detail: int = -1  # an answer's detail in the group's last column (是 | 否 | 具体情况): read as the answer's
    # columns among the items whose sub-header names none (频繁变更登记注册地 between 2 and 4): extra columns, their
    # ticks kept in 备注 and said (COLUMN_UNKNOWN), not lost with the items after them
    stray: tuple[int, ...] = ()

    @property
    def first(self) -> int:
        return self.cells[0][0]

    @property
    def columns(self) -> list[int]:
        """The group's columns read as the field's (not the stray ones)."""
        return [c for c, _ in self.cells] + ([self.detail] if self.detail >= 0 else [])


# the kinds of column a township may lay out as ticks, and how many choices make a group
_TICK_KINDS = {Kind.POINTS: "points", Kind.MEASURES: "measures", Kind.ANSWER: "answer", Kind.ANSWER_NA: "answer",
               Kind.CASE: "answer", Kind.RESOLVED: "answer", Kind.LEVEL: "level", Kind.CATEGORY: "category"}
_MANY = frozenset(("points", "measures"))
_TICK_FORMS = ("F1", "F2", "F3")


@functools.cache
def _tick_fields(form_key: str) -> dict[str, str]:
    if form_key not in _TICK_FORMS:
        return {}
    return {c.field: _TICK_KINDS[c.kind] for c in BY_KEY[form_key].columns if c.kind in _TICK_KINDS}


def _tick_groups(form_key: str, tops: tuple[str, ...], lows: tuple[str, ...]) -> tuple[tuple[str, TickGroup], ...]:
    """_ticked_columns, asked only of the forms that have such columns and of rows a form's header can be (a row
    200 cells wide is none: it is neither looked at cell by cell nor kept in the cache)."""
    if form_key not in _TICK_FORMS or len(tops) > 200 or len(lows) > 200:
        return ()
    return _ticked_columns(form_key, tops, lows)


@functools.lru_cache(maxsize=1024)
def _ticked_columns(form_key: str, tops: tuple[str, ...], lows: tuple[str, ...]) -> tuple[tuple[str, TickGroup], ...]:
    """Columns of the form laid out a column per choice, ticked in the rows: 风险隐患点 over 1 … 15 or the points'
    words, 打击整治措施 over the measures' (as many as apply, three columns at least); a question over 是 | 否 (and its
    detail after them), 风险隐患等级 over 红 | 橙 | 黄, 类别 over A | B | C (one of them). (field, group) for each.
    A clerk's common rendering of a choice; it was read as the 排查表, as one column and the rest extra ones, or
    the sub-headers as a data row (grader audit of layouts)."""
    fields = _tick_fields(form_key)
    if not fields:
        return ()
    form = BY_KEY[form_key]
    out: list[tuple[str, TickGroup]] = []
    if not lows:
        # one header row: the fifteen points headed 1 … 15 after the list's own columns, or a run of columns each
        # headed by an item's words (风险提示 | 增加抽查检查频次 | 警示约谈 …) that are no column's of the form
        for numbered in _numbered_runs(tops):
            # (1 … 15 or 1 … 11 headed bare: the list the form has no column of its own for; 附件3 with its
            # 风险隐患点 column beside 1 … 11 has them as measures)
            named = {match_header(form, t, set()) for t in tops if t and not _looks_like_value(t)}
            can = [name for name, kind in fields.items() if kind in _MANY and name not in named
                   and len(numbered) <= (15 if kind == "points" else 11)]
            if len(can) == 1:
                return ((can[0], TickGroup(fields[can[0]], tuple((c, str(n)) for c, n in numbered))),)
        for name, kind in fields.items():
            if kind not in _MANY:
                continue
            items = [_item_headed(form, top, name, kind) for top in tops]
            i = 0
            while i < len(items):
                j, seen = i, set()
                while j < len(items) and items[j] is not None and items[j] not in seen:
                    seen.add(items[j])
                    j += 1
                if j - i >= 3:
                    # (not where the field has a column of its own beside them: 1.风险提示 … are measures, not
                    # points, on a 附件3 with its 风险隐患点 column)
                    if not any(top and match_header(form, top, set()) == name
                               for c, top in enumerate(tops) if not i <= c < j):
                        out.append((name, TickGroup(kind, tuple((c, n) for c, n in enumerate(items[i:j], i) if n))))
                    break
                i = max(j, i + 1)
        taken = [c for _, g in out for c in g.columns]
        return tuple(out) if len(taken) == len(set(taken)) else ()  # (其他 alone is both kinds': not twice)
    c, width = 0, min(len(tops), len(lows))
    # a group is two sub-headers side by side or more under one head (merged across, or blank beside it): a header
    # over its first row of data has none — said without a look at each column's choices (asked of every form
    # found, its data row a new key for the cache each time: 4 % of reading a township's workbook)
    if not any(tops[c] and lows[c] and lows[c] != tops[c] and lows[c + 1] and tops[c + 1] in (tops[c], "")
               and lows[c + 1] != tops[c] for c in range(width - 1)):
        return ()
    while c < width:
        top = tops[c]
        field_ = match_header(form, top, set()) if top and lows[c] and lows[c] != top else None
        if field_ not in fields or any(f == field_ for f, _ in out):
            c += 1
            continue
        kind = fields[field_]  # type: ignore[index]  # (field_ in fields)
        run: list[tuple[int, str]] = []
        stray: list[int] = []
        k = c
        # under the group: its text merged across (every cell of the merge holds it) or left blank beside it; a
        # sub-header naming no item among those naming one is a stray column of the group (many-choice kinds)
        while k < width and lows[k] and (k == c or tops[k] in (top, "")) and lows[k] != top:
            choice = _choice(lows[k], kind)
            if choice is not None:
                run.append((k, choice))
            elif kind in _MANY:
                stray.append(k)
            else:
                break
            k += 1
        while stray and (not run or stray[-1] > run[-1][0] and tops[stray[-1]] != top):
            stray.pop()  # (after the last item, not under the group's merge: a column of its own, read as usual)
        if stray and run:
            run, stray = _placed(run, stray, 15 if kind == "points" else 11)
        end = max([run[-1][0]] + stray) + 1 if run else k
        if run and kind in _MANY and end < width and tops[end] and tops[end] == lows[end] and \
                _choice(tops[end], kind) == str(int(run[-1][1]) + 1):
            run.append((end, _choice(tops[end], kind)))  # type: ignore[arg-type]  # (15.其他 merged down beside 1 … 14)
            end += 1
        if len(run) >= (3 if kind in _MANY else 2) and len({choice for _, choice in run}) == len(run) \
                and len(stray) < len(run) and not (_all_numbers(lows, run) and _data_beside(form, tops, lows, c, end)):
            detail = end if kind == "answer" and end < width and lows[end] and tops[end] in (top, "") \
                and lows[end] != top else -1
            out.append((field_, TickGroup(kind, tuple(run), detail, tuple(stray))))  # type: ignore[arg-type]
            c = max(end, detail + 1)
        else:
            c = max(k, c + 1)  # (the columns looked at are this group's, or none's: not looked at again)
    return tuple(out)


def _all_numbers(lows: tuple[str, ...], run: list[tuple[int, str]]) -> bool:
    return all(_looks_like_value(lows[c]) for c, _ in run if c < len(lows))


def _data_beside(form: FormDef, tops: tuple[str, ...], lows: tuple[str, ...], start: int, end: int) -> bool:
    """Row `lows` holds data outside the columns start … end: a cell that is neither blank, nor its header merged
    down, nor a sub-header of the form's (立案时间, 风险提示, 是) — a facility's name under 名称. A row of numbers under
    风险隐患点 is then a facility's points one a cell, not the items' numbers (a township's first row was swallowed
    as a header; review)."""
    for c, low in enumerate(lows):
        if start <= c < end or not low or low == (tops[c] if c < len(tops) else ""):
            continue
        if _looks_like_value(low) or match_header(form, low, set()) is None and _header_key(low) not in _ALL_KEYS \
                and not any(_choice(low, kind) for kind in ("points", "measures", "answer")):
            return True
    return False


def _placed(run: list[tuple[int, str]], stray: list[int], last: int) -> tuple[list[tuple[int, str]], list[int]]:
    """Sub-headers in a township's own words among the items in the notice's order (1 | 2 | 负责人涉经济犯罪 | 4 …): each
    the item its place gives, where the items around it leave exactly room for it — the gap between its neighbours
    as wide as the columns in it, none of them taken. The others stay stray (COLUMN_UNKNOWN, kept in 备注)."""
    cells = sorted([(c, int(n)) for c, n in run] + [(c, 0) for c in stray])
    items = [n for _, n in cells]
    known = [i for i, n in enumerate(items) if n]
    if [items[i] for i in known] != sorted(items[i] for i in known):
        return run, stray  # not in the notice's order: the place says nothing
    bounds = [(-1, 0)] + [(i, items[i]) for i in known] + [(len(items), last + 1)]
    for (i, a), (j, b) in zip(bounds, bounds[1:], strict=False):
        if j - i > 1 and b - a == j - i and (j < len(items) or all(  # (past the last item: under the merge only)
                cells[x][0] == cells[x - 1][0] + 1 for x in range(i + 1, j))):
            for x in range(i + 1, j):
                items[x] = a + (x - i)
    placed = [(c, str(n)) for (c, _), n in zip(cells, items, strict=True) if n]
    return placed, [c for (c, _), n in zip(cells, items, strict=True) if not n]


def _numbered_runs(tops: tuple[str, ...]) -> list[list[tuple[int, int]]]:
    """Runs of at least three columns side by side headed 1, 2, 3 … (or 第1项 …), not from the first column (a row
    numbering the columns): [(column, number), …] each."""
    cells = [(c, n) for c, t in enumerate(tops) if t and (n := _head_number(t)) is not None]
    runs = []
    for i, (c, n) in enumerate(cells):
        if n != 1 or c == 0:
            continue
        run = [(c, 1)]
        for c2, n2 in cells[i + 1:]:
            if c2 != run[-1][0] + 1 or n2 != run[-1][1] + 1:
                break
            run.append((c2, n2))
        if len(run) >= 3:
            runs.append(run)
    return runs


_ANSWER_LABELS = {"YES": "是", "NO": "否", "NA": "不涉及"}
_ITEM_LABEL = re.compile(r"[(（]?第?(\d{1,2})项?[)）.、．:：]?")  # 3 | 3. | （3） | 第3项 before an item's words


def _choice(text: str, kind: str) -> str | None:
    """What a tick under the sub-header `text` says, for a column of `kind`: the item's number, 是/否/不涉及, the
    level's 红/橙/黄/绿, the category's letter; None where the sub-header is none of them."""
    from .normalize import parse_answer, parse_category, parse_numbers

    if kind in _MANY:
        # its number alone (3, 第3项, ③), its words, or both (3.频繁变更…): never a number inside other words (问题1,
        # 1号楼, 密码区1 are no items; review)
        half = to_halfwidth(text).replace(" ", "")
        label = _ITEM_LABEL.match(half)
        words = half[label.end():] if label else half
        if _HAS_DIGIT.search(words):
            return None
        said = parse_numbers(words if label and words else text, kind)
        ok = said.ok and said.value is not None and len(said.value.items) == 1 and not said.value.other_text
        if not ok and label and words:
            # 1.收取预付费用于设施建设: numbered, in the township's own words — the number says which, where the words
            # share three characters with the item's (its tick was lost, the facility's only point; audit of exports)
            from .models import MEASURES, RISK_POINTS

            n, table = int(label[1]), RISK_POINTS if kind == "points" else MEASURES
            return str(n) if n in table and len(set(words) & set(table[n])) >= 3 else None
        if not ok:
            return None
        item = str(said.value.items[0])  # type: ignore[union-attr]  # (ok: value set)
        return item if label is None or label[1] == item else None
    if kind == "answer":
        if len(text) > 3:
            return None  # 是 | 否 | 不涉及, never a question's words (是否立案)
        answer = parse_answer(text, allow_na=True)
        return _ANSWER_LABELS[answer.value.value] if answer.ok and answer.value is not None and \
            not answer.value.detail else None
    if kind == "level":
        level = level_alone(text)
        return level.label if level is not None else None
    category = parse_category(text)
    return category.value.value if category.ok and category.value is not None else None


def _item_headed(form: FormDef, text: str, field_: str, kind: str) -> str | None:
    """The one item a header of words names (风险提示, 4.虚假或夸大宣传), not another column of the form's (其他说明 is
    备注's; 11.其他规范整治措施 is the group's own) nor a bare number (a row of figures)."""
    if not text or len(_NUMERALS.sub("", text)) < 2 or match_header(form, text, set()) not in (None, field_):
        return None  # (一 | 二 | 三 numbering columns, 1 | 2 | 3 figures: no words naming an item)
    return _choice(text, kind)


_NUMERALS = re.compile(r"[\d第项一二三四五六七八九十\W_]")


def _numbered_heads(tops: tuple[str, ...]) -> dict[int, int]:
    """One header row whose point columns are headed 1 … 15 (or 第1项 …) side by side after the facility's own
    columns: column -> point. All fifteen in order, not from the first column (a row numbering the columns), and
    no numbered column right after them."""
    for run in _numbered_runs(tops):
        after = run[-1][0] + 1
        if len(run) == 15 and not (after < len(tops) and tops[after] and _head_number(tops[after]) is not None):
            return dict(run)
    return {}


_VALUE_LIKE = re.compile(r"[\d.\s%]+")
_HAS_DIGIT = re.compile(r"\d")


def _looks_like_value(text: str) -> bool:
    return _VALUE_LIKE.fullmatch(text) is not None


def find_forms(grid: Grid) -> list[HeaderMatch]:
    """Every form on the sheet (usually one), by header signature; best match per header row."""
    found: list[HeaderMatch] = []
    r = 0
    limit = len(grid.rows)
    scan_to = min(SCAN_ROWS, limit)
    while r < scan_to:
        row = grid.row_texts(r)[:60]
        texts = set(row) - {""}
        if len([t for t in texts if not _looks_like_value(t)]) < 2 or _is_label_row(row):
            r += 1  # no header has fewer distinct texts, or starts with 填报单位 / 填报人
            continue
        best: HeaderMatch | None = None
        for form in ALL_FORMS:
            m = _match_rows(form, grid, r)
            if m and m.score >= form.min_match and _enough_required(m) and (best is None or _better(m, best)):
                best = m
        if best is None or _option_list(grid, best):
            r += 1
            continue
        if grid.hidden_columns:
            best = _shown_first(grid, best)
        if grid.merged_origin and (best.unknown or best.joins):
            best = _one_field_two_columns(grid, best)
        if best.unknown:
            best = _notes_beside(grid, best)
        if found:
            # past the form above and its footer: the 填报日期 of the list above is not this one's (a corrected list
            # pasted under the first with only its header read the first one's date; review)
            top = (found[-1].end or 0) + 1
            while top < best.header_row and (not any(grid.row_texts(top)) or is_footer_row(grid, top) and not
                                             _first_text(grid, top).replace(" ", "").startswith(_UNIT_LABELS)):
                top += 1  # (a 填报单位 line is this form's head, not the footer above)
            best.top = top
        pair = _combined(grid, best) if best.form.key in JOINED else None
        found.extend(pair or (best,))
        end = max(data_end(grid, m) for m in pair or (best,))
        r = end + 1
        scan_to = min(end + 1 + SCAN_AFTER, limit)
    if len(found) > 1:
        # a group's header read alone (附件4's 问题数 over sub-headers naming another figure, 本月新增正在整治…) right
        # above the two-row header it heads, no row under it: no form of its own — its missing columns were said
        # again at the group (five COLUMN_MISSING for three; blind audit of 附件1/附件4)
        # (…or its first two rows read so above the third, 问题数 | 总计 其中 over 正在整治 | 整治完成: 其中 two extra
        # columns and its two figures COLUMN_MISSING; blind audit of the figures)
        found = [m for m, below in zip(found, [*found[1:], None], strict=True)
                 if not (below is not None and below.form is m.form and below.header_row <= max(m.header_row + 1,
                                                                                             m.data_start)
                         and m.end is not None and m.end < m.data_start)]
    return found


# forms a township may join in one table, the first of each pair first: the fields both read in one column
# (the second's own name for it), and whether each has enough of its own columns to be there
JOINED = {"F2": "F3", "F3": "F2", "F1": "F4", "F4": "F1"}
_SHARED = {"F2": (("name", "name"), ("points", "points")), "F1": (("township", "label"),)}
_F2_OWN = frozenset(("name", "category", "points", "level"))
_F3_OWN = frozenset(("clue", "fundraising", "measures", "progress", "case", "resolved"))
_F1_ANSWERS = frozenset(("group", "task_force", "publicity", "info_sharing", "complaints"))
_F4_OWN = frozenset(("early", "obvious", "referred", "police_letters", "procuratorate", "judicial", "supervision"))


def _both_there(first: dict[str, int], second: dict[str, int], key: str) -> bool:
    if key == "F2":  # 类别 and 等级: an 附件3 with 等级 copied beside it is 附件3; an 附件2 with 通报线索 and 进展 added
        # is 附件2; one of 附件3's six left out is its COLUMN_MISSING
        return _F2_OWN <= first.keys() and len(_F3_OWN & second.keys()) >= 4 and "name" in second \
            and "points" in second
    return {"township", "total", "checked"} <= first.keys() and len(_F1_ANSWERS & first.keys()) >= 3 \
        and {"ongoing", "done", "total"} <= second.keys() and len(_F4_OWN & second.keys()) >= 3


def _combined(grid: Grid, best: HeaderMatch) -> tuple[HeaderMatch, HeaderMatch] | None:
    """Two forms in one table, read from the same rows, each without the other's columns for extra ones: 附件2 and
    附件3 (a township joins the two lists of the same facilities: 名称 | 类别 | 风险隐患点 | 等级 | 牵头排查单位 | 通报线索
    | 处非 | 措施 | 进展 | 立案 | 化解), or 附件1 and 附件4 (its one row of figures: 乡镇 | 总数 | 已排查 | … | 正在整治 |
    整治完成 | 总计 | …). Read as the one that matched best, the other was lost unsaid — no level checked, nothing
    on the consolidated 附件2, the township 未报送 附件1 (review). Each form's own columns must be there
    (_both_there), the shared ones (name and points; 乡镇) in the same column for both."""
    other = BY_KEY[JOINED[best.form.key]]
    m = _match_rows(other, grid, best.header_row)
    if m is None and best.data_start - best.header_row >= 2:
        # the other form's columns named on the second header row, under a group heading over them (分类处置情况:
        # no header of its own there; the table was read as 附件2 alone, review)
        m = _match_rows(other, grid, best.header_row + 1)
        if m is not None and m.data_start != best.data_start:
            return None
    if m is None or not (_both_there(best.columns, m.columns, best.form.key) if best.form.key in _SHARED
                         else _both_there(m.columns, best.columns, m.form.key)):
        return None  # (most forms: the other's own columns are not there; asked before the costlier steps below)
    if grid.hidden_columns:
        m = _shown_first(grid, m)
    if grid.merged_origin and (m.unknown or m.joins):
        m = _one_field_two_columns(grid, m)
    first, second = (best, m) if best.form.key in _SHARED else (m, best)
    c1, c2 = first.columns, second.columns
    shared = _SHARED[first.form.key]
    if not _both_there(c1, c2, first.form.key) or any(
            f1 not in c1 or c2.get(f2, c1[f1]) != c1[f1] for f1, f2 in shared):
        return None
    # two forms set side by side with no gap between them, each with its own name and points: not one table (its
    # 附件3 part took the 附件2 part's names, each disposal another facility's; review)
    common = {c for c in (*(c1[f1] for f1, _ in shared), c1.get("seq", -1)) if c >= 0}
    # (a group title merged across a shared column and the form's own, 风险管控名单（附件2） over 类别 … 牵头排查单位,
    # is no header of the shared column: the joined table was taken for two side by side, 附件2 lost; audit)
    merged = grid.merged_origin
    heads = {_header_key(grid.text(r, c)) for c in common for r in range(first.header_row, first.data_start)
             if not (merged and ((o := merged.get((r, c), (r, c)))[1] != c or merged.get((o[0], o[1] + 1)) == o))
             } - {""}
    if any(_header_key(t) in heads for c, t in (*first.unknown.items(), *second.unknown.items()) if c not in common):
        return None
    own1 = _own_columns(first, {f1 for f1, _ in shared})
    own2 = _own_columns(second, {f2 for _, f2 in shared})
    if own1 & own2:
        return None
    start = max(first.data_start, second.data_start)
    # (a column of neither form, 地址 or 联系人, is the first form's extra column alone: said once, kept once)
    return (replace(first, unknown={c: t for c, t in first.unknown.items() if c not in own2}, data_start=start,
                    partner=second.form.key, alone=first, primary=first is best, end=None),
            replace(second, unknown={c: t for c, t in second.unknown.items() if c not in own1 and c not in first.unknown},
                    data_start=start, partner=first.form.key, alone=second, primary=second is best, end=None))


def _own_columns(m: HeaderMatch, shared: set[str]) -> set[int]:
    """The columns a form of a joined table reads that the other does not: its fields' but the shared ones and 序号,
    the columns split off them, its ticked choices."""
    # (a shared field's ticked choices are both forms': 风险隐患点 a column per option in an export joining the two
    # lists — they were taken for the two forms' overlap, the table read as 附件3 alone; audit of exports)
    return {c for f, c in m.columns.items() if f != "seq" and f not in shared} | set(m.joins.values()) | {
        c for f, g in m.ticks.items() if f not in shared for c, _ in g.cells}


_NOTES_HEAD = ("填报说明", "填表说明")
_NOTES_LINE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]\s*\S|[A-C][.．、]|[(（][一二三四五六七八九十\d]{1,2}[)）])")


def _notes_beside(grid: Grid, m: HeaderMatch) -> HeaderMatch:
    """The form's 填报说明 set beside the table from its header row down (一、排查范围 …, or one tall merged cell): no
    column — its lines were read as facilities without a name, or added to every 备注. A column so headed holding
    each row's own short text stays an extra column."""
    taken = sorted({*m.columns.values(), *m.unknown})  # (a header typed on to column XFD: not a scan per column)
    for c in sorted(m.unknown):
        head = m.unknown[c]
        if _HEAD_NOTE.match(head) and _empty_below(grid, m, c):
            # a note typed on the header row (注：占比保留一位小数, （单位：家）) with nothing under it: no column (it was
            # COLUMN_UNKNOWN, “其内容已保留” of nothing; audit of headers)
            return _notes_beside(grid, replace(m, unknown={k: t for k, t in m.unknown.items() if k != c}))
        # (set apart by an empty column and headed by its first line, 填报说明 above it in the title rows — or by a
        # numbered line of it, where the header is printed again down the list: its lines were facilities,
        # VALUE_REQUIRED; blind audit of layouts. A township's own column beside the table, 1.整改情况, stays one;
        # so does one under an instruction merged across the sheet's top: review)
        if not head.startswith(_NOTES_HEAD) and not (
                c - (taken[i - 1] if (i := bisect.bisect_left(taken, c)) else c) >= 2
                and (_NOTES_LINE.match(head) or any(
                    (r, c) not in grid.merged_origin and grid.text(r, c).startswith(_NOTES_HEAD)
                    for r in range(max(0, m.header_row - 3), m.header_row)))):
            continue
        below = [grid.text(r, c) for r in range(m.data_start, min(len(grid.rows), m.data_start + 12))]
        merged = grid.merged_origin.get((m.data_start, c))
        if merged is not None and merged[0] < m.data_start or any(
                t and (_NOTES_LINE.match(t) or len(t) > 40) for t in below):
            return replace(m, unknown={k: t for k, t in m.unknown.items() if k < c})
    return m


_HEAD_NOTE = re.compile(r"^[(（]?\s*(?:注|说明|单位)\s*[:：]")


def _empty_below(grid: Grid, m: HeaderMatch, c: int) -> bool:
    """Column c holds nothing from the data's first row down to the footer (200 rows looked at)."""
    for r in range(m.data_start, min(len(grid.rows), m.data_start + 200)):
        if is_footer_row(grid, r):
            return True
        if grid.text(r, c):
            return False
    return True


def _shown_first(grid: Grid, m: HeaderMatch) -> HeaderMatch:
    """A field matched in a hidden column while a column the clerk sees has the same header (last month's 风险隐患等级
    copied and hidden beside this month's): the visible one is the field — with the column split off it (立案时间
    beside 是否立案) taken from beside the visible one too — and the hidden ones are extra columns; every extra
    column the clerk cannot see is said to be hidden."""
    hidden = _hidden_among(grid.hidden_columns, {*m.columns.values(), *m.unknown, *m.joins.values()})
    columns, unknown, joins = dict(m.columns), dict(m.unknown), dict(m.joins)  # the matcher's are cached

    def set_aside(c: int, fallback: str) -> None:
        text = next((t for r in reversed(range(m.header_row, m.data_start)) if (t := grid.text(r, c))), fallback)
        unknown[c] = f"{text}（隐藏列）"

    for c in unknown:
        if c in hidden:
            unknown[c] = f"{unknown[c]}（隐藏列）"
    for f, c in m.columns.items():
        if c not in hidden:
            continue
        taken = set(columns) - {f}
        shown = next((c2 for c2, text in sorted(unknown.items())
                      if c2 not in hidden and match_header(m.form, text, taken) == f), None)
        if shown is None:
            continue
        columns[f] = shown
        set_aside(c, unknown.pop(shown))
        if f in joins:  # its detail column: the one as far right of the visible column, else none
            beside = shown + joins[f] - c
            set_aside(joins[f], "")
            if beside in unknown and beside not in hidden:
                joins[f] = beside
                del unknown[beside]
            else:
                del joins[f]
    if columns == m.columns and unknown == m.unknown:
        return m
    return replace(m, columns=columns, unknown=dict(sorted(unknown.items())), joins=joins)


# how far down a column is looked at to tell a field two grid columns wide from a split one (_one_field_two_columns)
_WIDE_ROWS = 500


def _one_field_two_columns(grid: Grid, m: HeaderMatch) -> HeaderMatch:
    """A field two grid columns wide (a table pasted from Word: the header and every cell merged across two
    columns): the covered column is no extra column (COLUMN_UNKNOWN) and no detail split off the field (立案时间
    beside 是否立案), which would put the field's findings on a cell the merge hides. A split column keeps values
    of its own under the merged header; this one holds only the copies the merges give it, or nothing."""
    merged = grid.merged_origin
    fields = set(m.columns.values())
    last = min(data_end(grid, m) + 1, m.data_start + _WIDE_ROWS)  # the data rows (a footer's 负责人 is no value)

    def covered(c: int) -> bool:
        heads = [merged.get((r, c)) for r in range(m.header_row, m.data_start)]
        if any(o is None and grid.text(r, c) for r, o in zip(range(m.header_row, m.data_start), heads, strict=True)):
            return False  # a sub-header of its own (立案时间 under 是否立案及立案时间): a split column
        # the lowest header row's merge: a group header above (问题数 over 正在整治 | 整治完成 | 总计, as 附件4 is
        # printed) spans other fields' columns too (整治完成's covered half was COLUMN_UNKNOWN, its copy of the
        # value kept in 备注; blind audit of layouts)
        origin = next((o for o in reversed(heads) if o is not None), None)
        if origin is None or origin[1] not in fields or origin[1] >= c:
            return False
        col = origin[1]
        for r in range(m.data_start, last):
            o = merged.get((r, c))
            if not (o is not None and o[1] == col) and grid.text(r, c):
                return False  # a value of its own: a split column (是 | 2022-06-10), or an extra one
        return True  # the field's cells merged over it, or nothing (the header alone merged, data typed left)

    drop = {c for c in (*m.unknown, *m.joins.values()) if covered(c)}
    if not drop:
        return m
    return replace(m, unknown={c: t for c, t in m.unknown.items() if c not in drop},
                   joins={f: c for f, c in m.joins.items() if c not in drop})


def _hidden_among(spans: tuple[tuple[int, int], ...], cols: set[int]) -> set[int]:
    """The columns of `cols` within a hidden span (spans sorted and searched: a sheet may declare thousands)."""
    ordered = sorted(spans)
    starts: list[int]
    ends: list[int]
    starts, ends, reach = [], [], -1
    for lo, hi in ordered:  # merged, so that a column's span is the last one starting at or before it
        if lo <= reach + 1 and starts:
            reach = max(reach, hi)
            ends[-1] = reach
        else:
            starts.append(lo)
            ends.append(hi)
            reach = hi
    out = set()
    for c in cols:
        i = bisect.bisect_right(starts, c) - 1
        if i >= 0 and c <= ends[i]:
            out.add(c)
    return out


_LABELS = ("填报单位", "报送单位", "报表单位", "上报单位", *FOOTER_MARKERS)
_ALL_MARKERS = (*FOOTER_MARKERS, *TOTAL_MARKERS)
_SIGN_MARKERS = tuple(m for m in _ALL_MARKERS if m not in TOTAL_MARKERS)  # a signature's or note's label
# names of the sheets clerks keep their drop-downs' choices on
_OPTION_SHEET = re.compile(r"字典|下拉|选项|数据源|有效性|辅助|参数|序列|list|dict", re.IGNORECASE)
_FORM_SHEET = re.compile(r"附件|名单|进度|处置|清单|报表")


def _option_list(grid: Grid, m: HeaderMatch) -> bool:
    """A sheet of drop-down choices (字典: 风险隐患等级 | 类别 | 风险隐患点 … with 红/橙/黄, A./B./C. under them):
    no facility-name column, no title or unit line above, and named as a dictionary (not 附件2…), or hidden with no
    choice twice in a column (a list repeats 红, 是, A). Not a 附件2/附件3 list; anything short of that is read as one."""
    if m.form.key not in ("F2", "F3") or "name" in m.columns:
        return False
    if not (grid.hidden or _OPTION_SHEET.search(grid.name)) or _FORM_SHEET.search(grid.name):
        return False
    above = [t for r in range(m.header_row) for t in grid.row_texts(r)[:20] if t]
    if any(_title_of(t) or t.replace(" ", "").startswith(("附件", *_LABELS[:2])) for t in above):
        return False
    if _OPTION_SHEET.search(grid.name):
        return True  # named as the dictionary it is (a point-to-level table repeats its levels)
    rows = range(m.data_start, min(len(grid.rows), m.data_start + 100))
    for c in m.columns.values():
        values = [t for t in (grid.text(r, c) for r in rows) if t]
        if len(values) != len(set(values)):
            return False
    return True


def _is_label_row(row: list[str]) -> bool:
    """A unit line or a footer row (填报单位：…, 填报人：…): never a header, and unique to each township. A header
    cell never holds a colon, so a column a township titled 填报单位 or 备注 is still taken for a header."""
    first = next((t for t in row if t), "").replace(" ", "")
    return first.startswith(_LABELS) and ("：" in first or ":" in first)


def _enough_required(m: HeaderMatch) -> bool:
    """Most of a form's required columns must be there; a few missing ones are COLUMN_MISSING findings."""
    req = m.form.required
    return sum(1 for c in req if c.field in m.columns) >= 0.6 * len(req)


def _better(a: HeaderMatch, b: HeaderMatch) -> bool:
    """More required columns matched wins; then more columns; then fewer unknown columns."""
    ra = sum(1 for c in a.form.required if c.field in a.columns)
    rb = sum(1 for c in b.form.required if c.field in b.columns)
    fa = ra / max(len(a.form.required), 1)
    fb = rb / max(len(b.form.required), 1)
    return (a.score + fa, -len(a.unknown)) > (b.score + fb, -len(b.unknown))


def _first_text(grid: Grid, r: int) -> str:
    """The row's first text; past a pre-printed 序号 when a note or a footer follows it (a template's numbered
    row used for 注：… or 以下空白 is no facility). Kept per row: the data-end search and the reading of the
    rows each ask two or three times."""
    first = grid._firsts.get(r)
    if first is None:
        first = grid._firsts[r] = _first_of(grid, r)
    return first


def _first_of(grid: Grid, r: int) -> str:
    row = grid.row_texts(r)
    # (most rows have their first two cells filled: those are the first two texts, without a filter over the row)
    texts = iter(row[:2]) if len(row) > 1 and row[0] and row[1] else filter(None, islice(row, 60))
    first = next(texts, "")
    if not first:
        return first
    if len(first) <= 4 and first[0].isdigit() and first.rstrip(".、").isdecimal():
        markers = FOOTER_MARKERS
    # a number, a telephone number or a date before the footer's signatures: the 填报人 cell overwritten was read
    # as a nameless facility, then one level up as the footer again — a row lost (mutation testing, review). Not a
    # name (序号 | 联系人 heads a table of contacts), nor before a note
    elif first[0].isdigit() and _NUMBER_OR_DATE.fullmatch(first.replace(" ", "")) is not None:
        markers = _SIGNATURE_MARKERS
    elif len(first) <= 12 and ("：" in first or ":" in first) and _UNIT_LABEL.match(first) is None \
            and not first.replace(" ", "").startswith(FOOTER_MARKERS):
        # a clerk's note in the margin left of the table (核对：李) on the signature line: the 填报人 row was read
        # as a facility, and 附件1's as a second township (blind audit of layouts). Not a head line's 填报单位：汇龙镇
        # before its 填报人 (review: the head was then taken for a form above's footer, its unit and date lost)
        markers = _SIGNATURES
    else:
        return first
    second = next(texts, "")
    if second and second.replace(" ", "").startswith(markers):
        return second
    return first


# a signature label the lists above lack (监督人：, 核实员：): a person's title of a few characters and its colon
_PERSON_LABEL = re.compile(r"[\u4e00-\u9fff]{1,4}(?:人|员|领导)(?:签字|签名)?[:：]")


# the stamp block an official form ends with instead of (or under) the signatures: 汇龙镇民政办（盖章）, then the date
# alone; both were read as facilities (类别 汇龙镇民政办（盖章）, VALUE_INVALID; blind audit of county variants)
_STAMP = re.compile(r"(.*?)[(（\[]?(?:单位)?(?:盖章|公章|签章|印章)[)）\]]?[:：]?")
_LONE_DATE = re.compile(r"\d{4}[年./-]\d{1,2}[月./-]\d{1,2}[日号]?(?:\d{1,2}:\d{2}(?::\d{2})?)?|"
                        r"(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
                        r"[一二三四五六七八九十]{1,3}日")


_DATE_ENDS = frozenset("日号0123456789")
_NUMBER_OR_DATE = re.compile(rf"\d+(?:\.\d+)?|\d{{3,4}}-\d{{7,8}}|{_LONE_DATE.pattern}")
_SIGNATURE_MARKERS = tuple(m for m in FOOTER_MARKERS if m not in NOTE_MARKERS and not m.startswith("以下"))


def is_footer_row(grid: Grid, r: int) -> bool:
    first = _first_text(grid, r)
    if not first:
        return False
    plain = first.replace(" ", "")
    if not plain.startswith(FOOTER_MARKERS):
        if _PERSON_LABEL.match(plain) is not None:
            return True
        # (most data rows: a 序号 or a name, no stamp nor date — said without a call)
        return ("章" in plain or len(plain) > 3 and plain[-1] in _DATE_ENDS) and bool(_stamp_kind(grid, r, plain))
    return not _named_like_a_label(first, FOOTER_MARKERS, grid.row_texts(r))


def _stamp_kind(grid: Grid, r: int, plain: str) -> str:
    """'stamp' for a row holding a unit's stamp line (…（盖章）) alone, 'date' for one holding a date alone, else ''.
    Its first text (`plain`, without spaces) decides, before the rest of the row is looked at (asked of every data
    row; a 序号 of 1–3 digits, the first text of most, is no date)."""
    if "章" in plain and _STAMP.fullmatch(plain):
        kind = "stamp"
    elif len(plain) > 3 and plain[-1] in _DATE_ENDS and _LONE_DATE.fullmatch(plain):
        kind = "date"
    else:
        return ""
    alone = len({t.replace(" ", "").replace("\u3000", "") for t in grid.row_texts(r) if t}) == 1
    return kind if alone else ""


# how a facility's name ends (养老院, 照料中心, 老年公寓, 托老所, 服务站, 之家, 有限公司 …): narrower than _FACILITY_END,
# whose bare 家/部/点 a count (合计两家) or a note also ends with
NAME_ENDINGS = ("院", "中心", "公寓", "所", "站", "之家", "家园", "机构", "公司", "服务社", "驿站", "会所", "馆", "堂",
                 "店", "工作室", "商行", "经营部", "门市部", "服务点", "托养点", "照料点", "助餐点", "养老点", "活动点")  # (保健品店 and the like: the campaign's category C)


def _named_like_a_label(text: str, markers: tuple[str, ...], row: list[str]) -> bool:
    """A facility whose name begins with a footer's, note's or total's word (注意力康养中心, 合计老年公寓, 备注养老院,
    填报人家庭托老所): the word runs on, without a space or mark, into a name that ends as a facility's does, on a
    row filled like a facility's — two cells or more besides, none of them a footer's label. It was dropped without a
    word. 填报人 张三, 填报人张三, 注意事项, 合计两家, 小计黄色 stay what they are."""
    marker = next(m for m in markers if text.replace(" ", "").startswith(m))
    rest = text[len(marker):] if text.startswith(marker) else ""
    if len(rest) < 2 or not ("\u4e00" <= marker[-1] <= "\u9fff" and "\u4e00" <= rest[0] <= "\u9fff"):
        return False
    plain = text.replace(" ", "")
    # (a note merged across the row is one text; a pre-printed 序号 fills no cell of a facility's)
    cells = [t.replace(" ", "") for t in row if t]
    if cells and cells[0].isdecimal() and cells[0] != plain:
        cells = cells[1:]
    filled = set(cells) - {plain}
    # (合计 or 小计 typed in its 备注 or 类别 is no signature: the facility went for a total row; audit of lost rows)
    if any(t.startswith(_SIGN_MARKERS) for t in filled):
        return False
    if rest.endswith(NAME_ENDINGS) and len(rest) >= 3:
        # its points and level (总计老年公寓 | | 12 | 红), or its short name alone typed in its own cell: a facility
        # still to be filled in (both were dropped unsaid; audit of lost rows)
        return len(filled) >= 2 or len(rest) <= 12 and _NOTE_WORDS.search(rest) is None and (
            bool(filled) or cells.count(plain) == 1)
    # without a facility's ending, a row filled as one (注意力康养 | A | 4 | 黄 | 汇龙镇民政办): three words or more
    # beside the name, not figures (小计黄色 | 2 | 1 | 3 stays a subtotal)
    return len(rest) >= 3 and _NOTE_WORDS.search(rest) is None and sum(not t.isdecimal() for t in filled) >= 3


# what a note's or a signature line's words hold and a facility's name does not (注意事项 | 类别填A/B/C | …)
_NOTE_WORDS = re.compile(r"事项|填|请|应|须|按|以上|以下|上述|如下|签字|签名|审核|盖章|均|为|是|的")


def data_end(grid: Grid, m: HeaderMatch) -> int:
    """Last 0-based row of the form's data area (exclusive of footers)."""
    if m.end is not None:
        return m.end
    r = m.data_start
    last = m.data_start - 1
    while r < len(grid.rows):
        if is_footer_row(grid, r):
            more = _data_after(grid, r, m)
            if more is None:
                break
            if m.footer is None and not _is_note(grid, r):
                m.footer = r
            r = more  # a note among the rows, or a facility typed under the 填报人 line: the data goes on
            continue
        if _rematch(grid, r, m) or _level_table(grid.row_texts(r)):
            break
        if _past_list_heading(grid.row_texts(r)):
            m.past_at = r
            break
        last = r
        r += 1
    m.end = last
    return last


def _past_list_heading(texts: list[str]) -> bool:
    """A heading across the list naming another, past one (附：上月名单（已化解，仅供参考）): the list ends there, as
    under the 填报说明 (merged, it was read as a facility named so and the rows below it counted; audit) — not a
    section of this list (一、红色名单, 新增机构)."""
    said = {t for t in texts if t}
    if len(said) != 1:
        return False
    (t,) = said
    t = t.replace(" ", "")
    # a list, a table or 附 named, and a past one: 上月已列入机构, 本月新增机构, 6月已整改到位 are this list's own
    # parts and notes (review)
    return len(t) <= 30 and (_PAST_LIST.search(t) is not None and (_TABLE_WORDS.search(t) is not None
                                                                    or t.startswith("附"))
                             or _OUT_OF_LIST.search(t) is not None and _LIST_HINT.search(t) is not None
                             # 附：5月份名单, 附：2022年5月风险管控名单: another month's, appended (review)
                             or t.startswith("附") and _MONTH_NAMED.search(t) is not None
                             and _TABLE_WORDS.search(t) is not None)


_MONTH_NAMED = re.compile(r"\d{1,2}\s*月")


_PAST_LIST = re.compile(r"上月|上期|往期|以前|之前|已销号|备查|仅供参考|不再管控|不再列入|已退出")
# facilities taken off the list (5月份已销号机构, 以下为已化解、不再管控的, 已退出管控的机构): not this list's part —
# 已化解 / 已整改到位 facilities stay on it (附件3 says 已化解: 是; review)
_OUT_OF_LIST = re.compile(r"销号|不再管控|不再列入|退出管控|已退出|移出名单|调出名单")


# a count by level (a breakdown of a total, or a small table under the list): 其中红色名单, 红色：2家, 橙色3家
_LEVEL_COUNT = re.compile(r"(?:其中|含)?[:：,，]?[红橙黄绿]色?(?:名单|榜|等级)?[:：]?(?:\d+[家个处]?)?")
_LEVEL_HEADS = frozenset(("红", "橙", "黄", "绿", "红色", "橙色", "黄色", "绿色", "红色名单", "橙色名单", "黄色名单", "绿色名单",
                          "红榜", "橙榜", "黄榜", "合计", "小计", "总计", "共计"))


def _level_counts(text: str) -> bool:
    """A count by level, or several in one cell (其中：红色0家，橙色2家，黄色0家: it was a facility; audit)."""
    bare = text.replace(" ", "")
    if _LEVEL_COUNT.fullmatch(bare):
        return True
    if _TWO_LEVELS.search(bare) is None:
        return False  # (asked of every facility's name: most hold no two levels apart, and are passed at once)
    parts = [p for p in _COUNT_SEP.split(bare) if p]
    return all(_LEVEL_COUNT.fullmatch(p) and any(ch in p for ch in "红橙黄绿") for p in parts)


_TWO_LEVELS = re.compile(r"[红橙黄绿].*?[,，、;；].*?[红橙黄绿]")
_COUNT_SEP = re.compile(r"[,，、;；]")


# what begins a breakdown of the row above in 附件1/附件4 (其中：养老机构, （其中）A类, 含：日间照料中心)
_BREAKDOWN = ("其中", "(其中)", "（其中）", "含:", "含：")


def _kind_only(label: str) -> bool:
    """A label naming a kind of place or a part (A类, 养老机构, 城区, 农村, 2.未登记场所), not a place: a breakdown goes
    on."""
    return not _GENERIC.sub("", _NUMBERING.sub("", to_halfwidth(label)).replace("城区", "").replace("镇区", ""))


def _keep_part(owner: RawRow | None, texts: list[str]) -> None:
    """A breakdown row kept with the row it is of (其中：1.已登记 | 13 | 12): not added, not lost either (it went
    without a trace; audit of hand-edited workbooks going up)."""
    if owner is not None and (said := " | ".join(t for t in texts if t)):
        owner.parts = [*(owner.parts or ()), said]


def _institution_kind(label: str) -> bool:
    """A label naming a kind of institution (1.养老机构, （2）未登记场所, A类), not of place: a unit may be named 城区,
    社区 or 农村 (its row under another unit's was taken for that unit's breakdown; review)."""
    bare = _NUMBERING.sub("", to_halfwidth(label).replace(" ", "")).replace("社区", "")
    return "区" not in bare and (bare in ("A", "B", "C") or any(w in bare for w in _INSTITUTION_WORDS)) \
        and _kind_only(label)


# (登记, 备案: 1.已登记 | 2.未登记, the split of the total to check; 城镇 | 农村 — a unit is not named so)
_INSTITUTION_WORDS = ("机构", "场所", "设施", "院", "中心", "站", "公寓", "类", "照料", "互助", "登记", "备案", "城镇", "农村")
# a part's own number before its kind (1.养老机构, (2)未登记场所, ②社区): no place's name
_NUMBERING = re.compile(r"^(?:\d{1,2}\s*[.、]|\(\d{1,2}\)|[\u2460-\u2473]|[一二三四五六七八九十]\s*[、.])")


def _level_table(texts: list[str]) -> bool:
    """The head of a small table of counts by level under the list (风险等级 | 红色 | 橙色 | 黄色 | 合计, its
    row of figures below): the data has ended. A facility's row holds one level word, never two."""
    if len(_LEVEL_HEADS.intersection(texts)) < 3 and " " not in "".join(texts):
        return False  # (asked of every data row: fewer than three words of a head and no space to take out)
    cells = [t.replace(" ", "") for t in texts if t]
    # distinct words: a heading 红色名单 merged over the row gives every cell its text (a part of the list, read on)
    return len(cells) >= 3 and len({t for t in cells if t in _LEVEL_HEADS}) >= 3 and \
        sum(t not in _LEVEL_HEADS for t in cells) <= 1


def _is_note(grid: Grid, r: int, first: str = "") -> bool:
    """A note line (注：/说明：/备注：/※): `first` is the row's first text when the caller has it at hand."""
    return (first or _first_text(grid, r)).replace(" ", "").startswith(NOTE_MARKERS)


# How far past a note, or past the footer of a list, rows are looked at for more data
_NOTE_REACH = 30
_FOOTER_REACH = 6
_NOTES_REACH = 60  # past the 填报说明's first line
_UNIT_LABELS = ("填报单位", "报送单位", "报表单位", "上报单位")
# the heading of another table under the notes (上月名单（备查）, 附：上月名单, 5月份已销号机构): short, not a numbered
# line of the notes, not a sentence, naming a list, a table or facilities
_TABLE_WORDS = re.compile(r"名单|表|备查|清单|台账")
# facilities resolved or out of the list, said with what heads a list (以下为已化解、不再管控的; 5月份已整改到位;
# 已退出（仅供参考）) — not the notes' own 存量风险已化解的情形
_RESOLVED_HEAD = re.compile(r"已化解|不再管控|不再列入|已退出|退出管控|整改到位|已销号|仅供参考")
_LIST_HINT = re.compile(r"以下|机构|场所|\d+\s*月份?|仅供参考|参考")
_PAST_WORDS = re.compile(r"上月|上期|往期|以前|之前|已销号|销号|已化解|备查|\d+月份")
# a header row of another small table under the notes (whoever to contact): its cells, not facilities
_OTHER_HEADS = frozenset(("序号", "联系人", "联系电话", "电话", "职务", "姓名", "手机", "手机号码", "单位"))


def _table_heading(text: str) -> bool:
    """A line under the 填报说明 heading another table, which ends the list (not 续表, 以下为模板行不够续填的机构:
    the same list going on)."""
    t = text.replace(" ", "")
    return len(t) <= 20 and not _NOTES_LINE.match(t) and not t.endswith(("；", ";", "。")) and "续" not in t and (
        _TABLE_WORDS.search(t) is not None or ("机构" in t or "场所" in t) and _PAST_WORDS.search(t) is not None
        or _RESOLVED_HEAD.search(t) is not None and _LIST_HINT.search(t) is not None)


# forms of one row a facility: a facility typed under the 填报人 line or the 填报说明 is read (on the 排查表 template
# too: a red facility typed there was dropped unsaid; audit of the template)
_LISTS = ("F2", "F3", "FAC")


def _data_after(grid: Grid, r: int, m: HeaderMatch) -> int | None:
    """The next data row after the note or footer line r, when rows like the form's data follow before the
    signatures, another form or the reach; else None (r ends the data). Only a note is looked past in any
    form; a footer only in the lists (附件2/附件3, the 排查表), whose late-added facility would otherwise be lost."""
    note = _is_note(grid, r)
    if not note and m.form.key not in _LISTS:
        return None
    # inside the 填报说明 (the template's runs to 30 lines): under the footer, or this line its heading — its lines
    # were read as facilities where one was typed between the signatures and it (audit of the template)
    notes = note and _first_text(grid, r).replace(" ", "").startswith(_NOTES_HEAD)
    end = min(len(grid.rows), r + 1 + (_NOTES_REACH if notes else _NOTE_REACH if note else _FOOTER_REACH))
    s = r
    turned = False  # past a page's number or this form's title printed again
    while s + 1 < end:
        s += 1
        if not note and not notes and _first_text(grid, s).replace(" ", "").startswith(_NOTES_HEAD):
            # facilities typed under the 填报说明 are read on (they were lost): its lines are passed over
            notes, end = True, min(len(grid.rows), s + 1 + _NOTES_REACH)
            continue
        if is_footer_row(grid, s):
            if note and not _is_note(grid, s):
                # the signatures after a note: the data had ended — but for a facility of 附件2/附件3 typed under them,
                # as under signatures right after the list (补报 under 注：… and 填报人 was lost unsaid; audit)
                more = _data_after(grid, s, m) if m.form.key in _LISTS else None
                if more is not None and m.footer is None:
                    m.footer = s
                return more
            continue
        if _data_like(grid, s, m):
            # (…or after a page turn: 第2页 then 序号 | 姓名 | 职务 | 联系电话 is a table of contacts; review)
            if _rematch(grid, s, m) or (notes or turned) and _OTHER_HEADS & {t.replace(" ", "") for t in
                                                                             grid.row_texts(s)}:
                return None  # (under the notes, a small table's header: 序号 | 联系人 | 联系电话 | 职务; review)
            if notes:
                m.passed.update(range(r + 1, s))
            return s
        texts = grid.row_texts(s)
        if note or not any(texts):
            continue
        if notes and len({t for t in texts if t}) <= 1 and not _table_heading(_first_text(grid, s)):
            continue  # a line of the 填报说明 (one text, merged across the row), not the heading of another table
        if _page_turn(texts, m.form):
            turned = True
            continue  # 第1页/共2页 or the title printed again on the next page: facilities typed below are still the
            # list's (they were dropped unsaid, the red one among them; blind audit of converted tables)
        return None  # a title or a table of something else under the footer
    return None


def _wrapped(above: RawRow, texts: list[str], columns: dict[str, int]) -> bool:
    """`texts` the rest of the facility `above`, wrapped onto the next line: no 序号 of its own where the row above has
    one, its name a fragment (4 characters at most) ending a name cut short (汇龙镇幸福 + 养老院: only the two together
    end as a facility's name does), no 类别 or 等级 of its own, each of its other cells the end of a cell above, a list
    of items only after a separator (10、 + 11). 夕阳红 over 康宁护理院 | 2 are two facilities (review)."""
    n, m = len(texts), len(above.texts)
    name_c, seq_c = columns["name"], columns["seq"]
    tail = texts[name_c].replace(" ", "") if name_c < n else ""
    if not tail or len(tail) > 4 or seq_c >= m or not above.texts[seq_c] or seq_c < n and texts[seq_c]:
        return False
    head = above.texts[name_c] if name_c < m else ""
    if not head or head.endswith(NAME_ENDINGS) or not (head + tail).endswith(NAME_ENDINGS):
        return False
    if any(f in columns and columns[f] < n and texts[columns[f]] for f in ("category", "level")):
        return False
    listed = {columns[f] for f in ("points", "measures") if f in columns}
    return all(c < m and above.texts[c] and (c not in listed or above.texts[c].rstrip()[-1:] in "、,，;；")
               for c, t in enumerate(texts) if t and c != name_c)


def _join_wrapped(above: RawRow, texts: list[str]) -> None:
    """Each cell of the wrapped line appended to the one above it, as the page printed them (no separator)."""
    above.texts, above.values = list(above.texts), list(above.values)
    for c, t in enumerate(texts):
        if t:
            above.texts[c] = above.texts[c] + t
            above.values[c] = above.texts[c]


# what a 序号 cell holds before anyone fills the row: a number as printed or typed (1, 1., （1）, 第1, 一、, ①)
_PRINTED_SEQ = re.compile(r"[(\[]?第?\d{1,5}(?:\.0)?[号项条]?[)\].、,]?|[(]?[一二三四五六七八九十百零〇]{1,4}[)、.]?|[\u2460-\u24ff]")


def row_in_seq(text: str) -> bool:
    """A 序号 cell holding what a row holds: three parts or more apart (1  幸福养老院  A  1、7  橙, or tabs), one of
    them a facility's or a township's name and another a category, a level or figures — not a heading (二、橙色名单 共1家
    见下), a note (注 以下 为 新增), a total (全镇 合计 3家) nor a 序号 with its remark (2 补报 6月; review)."""
    parts = text.split()
    if len(parts) < 3:
        return False
    plain = to_halfwidth("".join(parts))
    if plain.startswith((*TOTAL_MARKERS, *FOOTER_MARKERS, *_BLANK_WORDS, "注")) or _NOT_A_ROW.search(plain):
        return False
    return any(p.endswith((*NAME_ENDINGS, "镇", "乡", "街道", "社区")) and IDEOGRAPH.search(p) for p in parts) \
        and any(_ROW_VALUE.fullmatch(to_halfwidth(p)) for p in parts[1:])  # (parts[0]: the 序号 itself)


_NOT_A_ROW = re.compile(r"合计|总计|小计|共计|名单|以下|以上|新增|补报|说明")
# a value of a row's own: a category, a level, points or figures (A, 橙, 1、7, 10, 90%)
_ROW_VALUE = re.compile(r"[ABCabc]|[红橙黄绿]色?|\d+(?:[、,.]\d+)*[、,]?%?|是|否")


def _page_turn(texts: list[str], form: FormDef) -> bool:
    """A row of what a printed page repeats or marks: its number (第1页/共2页, - 1 -), this form's title or its 附件2：
    label (not another form's: 附件3 under 附件2's signatures is a form of its own; review)."""
    said = {t.replace(" ", "") for t in texts if t}
    if len(said) != 1:
        return False
    (only,) = said
    if only[:1] in _PAGE_FIRST and _PAGE_MARK.fullmatch(only) is not None:
        return True
    if (label := _FORM_LABEL.match(only)) is not None:
        return label[0].strip().rstrip(":：").endswith(str(form.number))
    return _title_row(texts, list(range(len(texts))), None) and _title_of(only) is form


def _data_like(grid: Grid, r: int, m: HeaderMatch) -> bool:
    """A row with two cells of its own in the form's data columns (a list's with the facility named), or a
    facility's name alone that ends as a home's does (阳光养老院 typed under the 填报人 line, its cells to come: it was
    passed over unsaid; audit of edge rows)."""
    texts = grid.row_texts(r)
    n = len(texts)
    merged = grid.merged_origin
    prefilled = _PREFILLED[m.form.key]
    own = [f for f, c in m.columns.items() if f not in prefilled and c < n and texts[c] and (r, c) not in merged]
    if own == ["name"]:
        name = texts[m.columns["name"]].replace(" ", "")
        return len(name) >= 4 and name.endswith(HOME_ENDINGS) and not name.startswith(_ALL_MARKERS)
    return len(own) >= 2 and ("name" in own or "name" not in m.columns)


# what only a home for the elderly is called (养老院, 老年公寓, 照料中心): a name alone under the signatures is one
HOME_ENDINGS = ("养老院", "敬老院", "护理院", "颐养院", "福利院", "老年公寓", "养老公寓", "照料中心", "养老中心",
                 "养老服务中心", "养老服务站", "托老所", "养老驿站", "老年之家", "康养中心")


class _HeaderWords(dict):
    """Text -> 1 when it is one of the forms' header words, else 0; asked of every cell of every data row, and the
    same answers, levels and places recur on every row."""

    def __missing__(self, t: str) -> int:
        if len(self) >= 200_000:
            self.clear()  # (bounded: a province's facility names are each asked once or twice)
        word = self[t] = int(bool(t) and len(t) <= 60 and (
            (t[0] in _KEY_STARTS or not t[0].isalnum()) and _header_key(t) in _ALL_KEYS
            # a header numbered as the first was (1.序号, （一）名称, ①类别): its repeat on a second page was a
            # facility named 2.养老服务机构及场所名称 (audit of layouts); not a number alone (1、3 is points)
            or len(q := question_asked(t)) >= 2 and q != t and not q.isdigit() and _header_key(q) in _ALL_KEYS))
        return word


_HEADER_WORD = _HeaderWords()


def _rematch(grid: Grid, r: int, m: HeaderMatch) -> bool:
    """A second header (another form on the same sheet) ends the data area."""
    if r == m.data_start and _is_hint_row(_own_texts(grid, r), len(m.columns)):
        return False  # the header's last row of units (（家）（%）) under headers merged down: still the header
    if sum(map(_HEADER_WORD.__getitem__, set(grid.row_texts(r)[:40]))) < 3:
        return False  # data rows hold at most a stray header word; a header holds several
    for form in ALL_FORMS:
        hm = _match_rows(form, grid, r)
        if hm and hm.score >= max(form.min_match, 3) and _enough_required(hm):
            return True
    return False


# ---- rows ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class RawRow:
    """One data row: its 1-based worksheet row as Excel shows it, and the sheet's own lists of the row's
    values and cleaned texts (shared with the grid, not copied). Columns come from the form's HeaderMatch;
    a cell's position is its column letter and `row`."""

    row: int
    values: list[Any]
    texts: list[str]
    # column -> the row its value was typed on, where that is not `row`: a facility merged over two rows, its
    # cells typed on the lower line (findings pointed at the empty upper one; blind audit of layouts)
    at: dict[int, int] | None = None
    # the rows of its breakdown below it (其中：养老机构 | 12 | 12): not added to it, kept in its record's extra
    parts: list[str] | None = None
    # column -> (field, why, its text): a cell of a tick group to say something of (_ticked_items): "doubt" (？,
    # 待核实), "struck", "formula" (saved without its result), "followed" (recomputed)
    doubts: dict[int, tuple[str, str, str]] | None = None
    ticked: frozenset[str] = frozenset()  # fields composed from tick columns: no cell's own facts at their column
    notes: list[str] | None = None  # words written in an ordinary item's tick cell (6月10日已约谈): kept in 备注
    # 附件2's part of the list the row stands in, headed by a level (一、红色名单), or its sheet of one level's:
    # (红, “一、红色名单” or 工作表“红色名单” as a message names it, how the heading is numbered)
    section: tuple[str, str, str] | None = None
    # column -> (row, text) of each line a facility over several rows joined in that column (_continue_row): a
    # finding of one line's text at its own cell (a slip on the second line was said at the first's)
    pieces: dict[int, list[tuple[int, str, Any]]] | None = None  # (row, text, value)
    through: int = 0  # the last sheet row (1-based) joined to it, where it spans several
    said: dict[int, str] | None = None  # column -> 同上 (〃, 同第1家) typed there, the value taken from the row it names
    in_seq: bool = False  # the whole row typed in its 序号 cell (row_in_seq)
    said_apart: bool = False  # a ditto typed under another township's row (not copied)


@dataclass
class FormSheet:
    """One form found on one sheet: where, its unit line, footer and data rows."""

    workbook: Workbook
    grid: Grid
    match: HeaderMatch
    unit_text: str = ""
    unit_ref: str = ""
    unit_label_ref: str = ""  # the 填报单位 label's cell (where a unit left unwritten is to be written)
    title: str = ""
    title_ref: str = ""  # its cell (UNIT_CONFLICT where a title names another unit is said there)
    footer: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (value text, ref)
    # label (填报单位 or a footer key) -> the cell beside it holding a formula saved without its result, where no
    # value could be read for the label (=TODAY(), =VLOOKUP(…)): FORMULA_NO_VALUE there, not silence
    blank_formulas: dict[str, str] = field(default_factory=dict)
    rows: list[RawRow] = field(default_factory=list)
    blank_rows: int = 0
    said_none: bool = False  # a row saying the list has none (无, 本月无新增): a report of no facility, not a blank form
    helper_typed: set[int] = field(default_factory=set)  # the template's level helper, typed over on some rows
    total_rows: list[int] = field(default_factory=list)  # 0-based rows of 合计/小计 lines among the data
    # a form read from another layout (a vertical facility sheet): its fields sit in one synthetic row, and
    # this maps each synthetic reference to the real cell, for the findings and the record
    cell_map: dict[str, str] = field(default_factory=dict)
    past: str = ""  # the heading naming this table a past list under this month's (附：上月名单): a leftover
    past_row: int = -1  # 0-based row of that heading when it stands among the data (the rows below it), else -1
    continues: str = ""  # the sheet whose list this one's rows go on with, read with its header (_continuation)

    @property
    def form(self) -> FormDef:
        return self.match.form

    @property
    def file(self) -> str:
        return self.workbook.display

    @property
    def sheet(self) -> str:
        return self.grid.name

    def header_row_of(self, c: int) -> int:
        """0-based row of column c's own header: the second row of a two-row header where the first is a parent
        merged over several columns (机构基本情况 over 名称 | 地址 | 类别, 问题数 over 正在整治 | 整治完成 | 总计) or
        blank. COLUMN_UNKNOWN named C4, a cell inside the parent's merge, for 地址 written in C5 (blind audit)."""
        grid, hr = self.grid, self.match.header_row
        if self.match.data_start - hr < 2 or not grid.text(hr + 1, c):
            return hr
        merged = grid.merged_origin
        low = merged.get((hr + 1, c))
        if low is not None and low[0] != hr + 1:
            return hr  # the header merged down over both rows
        top = merged.get((hr, c))
        parent = top is not None and top[0] == hr and top[1] != c or merged.get((hr, c + 1)) == (hr, c) \
            or not grid.text(hr, c)
        return hr + 1 if parent else hr


_UNIT_LABEL = re.compile(r"^\s*(填报单位|报送单位|报表单位|上报单位|单位名称|单位(?=\s*(?:\(盖章\)|（盖章）)?\s*[:：]))\s*(\(盖章\)|（盖章）|\[盖章\])?\s*[:：]?\s*")
# what a bare 单位： line gives when it is the figures' unit of measure (附件4's 单位：个), not the township
_MEASURE_WORDS = re.compile(r"[个家人元件起处次户张份项条万%％、,，/\s]*")


_SIGNATURES = FOOTER_FIELDS["填报人"] + FOOTER_FIELDS["负责人"]
_ALL_FOOTER_LABELS = tuple(label for labels in FOOTER_FIELDS.values() for label in labels)
_KEY_OF_LABEL = {lab: k for k, labels in FOOTER_FIELDS.items() for lab in labels}
# every footer label, longest first: .match at a cell's start (制表日期 before 制表), .search for the next one
_ANY_LABEL = re.compile("|".join(map(re.escape, sorted(_KEY_OF_LABEL, key=len, reverse=True))))


_SEQ_HEADS = frozenset({"序号", *SEQ_VARIANTS, *(v.upper() for v in SEQ_VARIANTS), *(v.lower() for v in SEQ_VARIANTS)})


def added_seq_columns(m: HeaderMatch) -> set[int]:
    """Columns headed 序号 on a form that has none of its own (附件4): numbering, no data, no extra column."""
    if "seq" in m.columns or not m.unknown:
        return set()
    return {c for c, h in m.unknown.items() if _header_key(h) in _SEQ_HEADS or h.strip() in _SEQ_HEADS}


def read_form(workbook: Workbook, grid: Grid, m: HeaderMatch) -> FormSheet:
    fs = FormSheet(workbook, grid, m)
    _read_head(fs)
    end = data_end(grid, m)
    _read_footer(fs, end + 1 if m.footer is None else m.footer)
    if "填报日期" not in fs.footer and fs.title and (in_title := _DATE_IN_TITLE.search(fs.title.replace(" ", ""))):
        # …排查工作进度表（填报日期：2022年6月25日）, no 填报日期 below: the title's (it was undated, its lateness never
        # said; audit of values)
        fs.footer["填报日期"] = (in_title[1] or in_title[2], fs.title_ref)
    if grid.date1904:
        _dates_1904(fs, end)
    # What a template carries before anyone fills it does not make a row data: the pre-printed 序号, the unit's
    # own name (附件1 乡镇, 附件4's first column), a 牵头排查单位 copied down, a formula never calculated.
    prefilled = _PREFILLED[m.form.key]
    # (an extra column the clerk cannot see, a helper =ROW() or =C5&D5 filled down the template, makes no row data)
    unseen = _hidden_among(grid.hidden_columns, set(m.unknown)) if grid.hidden_columns and m.unknown else set()
    # a 序号 column a clerk added to a form without one (附件4): pre-numbered like the others' (its blank rows 2, 3
    # were two rows of 20 VALUE_REQUIRED; blind audit of county layouts)
    unseen = unseen | added_seq_columns(m)
    data_cols = [c for f, c in m.columns.items() if f not in prefilled] + [c for c in m.unknown if c not in unseen] \
        + list(m.joins.values()) + [c for g in m.ticks.values() for c, _ in g.cells[1:]]
    known = len(m.columns) - len(prefilled & m.columns.keys())
    # a figure the template computes from the others (占比) showing 0 makes no row data: a blank template
    # saved as .xls keeps its =IF(…,"") as the number 0 (found by the template audit: 7 VALUE_REQUIRED, exit 1)
    derived = {c for f, c in m.columns.items() if f in _DERIVED.get(m.form.key, ())}
    uncalculated = {(int(ref_row) - 1, col) for ref_row, col in _split_refs(grid.formulas_without_value)}
    name_c = m.columns.get("name") if m.form.key in ("F2", "F3", "FAC") else None
    name_merged = name_c is not None and any(c == name_c for _, c in grid.merged_origin)  # a facility over 2 rows?
    total_cols = [c for f, c in m.columns.items() if f in ("seq", "name", "township", "label")] or [0]
    label_cols = [c for f, c in m.columns.items() if f in ("township", "label")] or total_cols  # (not the 序号)
    if name_c is not None:
        # a column of its own before the name (区镇 | 名称 …, a county's layout): 合计 | 2家 is a total, not a facility
        # named 2家 (blind audit of county variants)
        total_cols += [c for c in m.unknown if c < name_c and c not in unseen]
    free_cols = {c for f, c in m.columns.items() if f in ("progress", "note")} if name_c is not None else set()
    # a second line of 措施 or 风险隐患点 alone in the row below (3、4 | then 6), 序号 and name blank: the facility's
    # too — it was a facility without a name, VALUE_REQUIRED thrice and MEASURE_MISSING for the measure it holds
    # (blind audit of layouts); with a 序号 it stays a row of its own (a pre-numbered row a name is missing from)
    listed_cols = {c for f, c in m.columns.items() if f in ("measures", "points")} if name_c is not None else set()
    seq_col = m.columns.get("seq")
    # a row consolidate wrote has its own 序号: never a second line of the row above (its row without a name, an
    # extra column's values put in 备注, was folded into that row one level up — a row and its errors lost; found
    # by mutation testing). A line a clerk inserted there without one still is
    own_seq = m.columns.get("seq") if workbook.consolidated else None
    lead_cols = [m.columns["lead_unit"]] if "lead_unit" in m.columns and name_merged else []
    # a 序号 merged over a facility's rows, its name typed again on each (one risk point and measure a row): one
    # facility, as when the name is merged too (it was DUPLICATE_FACILITY; blind audit of multi-row layouts)
    seq_c = m.columns.get("seq", -1) if name_c is not None else -1
    seq_merged = seq_c >= 0 and any(c == seq_c for _, c in grid.merged_origin)
    merged = grid.merged_origin
    # a form without names (附件1, 附件4): a subtotal is said where a row says whose it is (序号, 乡镇, 附件4's first
    # column, or a column of its own), not in a count — 共20家 typed as 附件1's 总数 is the township's figure — nor in
    # an answer (合计 typed in a yes/no column): the one row was dropped as a subtotal without a word (audits)
    word_cols = total_cols + [c for c in m.unknown if c not in unseen]  # (a 片区 column of the town's own: 小计)
    # …a column of its own only on a row that names no township: 汇龙镇 | … | 共3家 in an extra 其中未登记场所 column
    # is the town's row (its one row was dropped; review)
    unit_c = next((c for f, c in m.columns.items() if f in _UNIT_FIELDS[m.form.key]), None)
    totals: list[int] = []
    breakdown = False  # the rows after a 其中 line of 附件1/附件4, while they name kinds, not places (其中：A类 | B类)
    owner: RawRow | None = None  # the row a breakdown is of, where it stands right above it
    # rows where the test below reduces to "a data cell filled" (no merge, no uncalculated formula, no derived
    # figure): most rows of most sheets, asked once per row
    plain = not uncalculated and not derived
    merged_rows = {rr for rr, _ in merged} if merged else set()
    # 附件2 parted by level (一、红色名单 over its facilities), or a sheet of one level's (红色名单): the level of a
    # row that leaves its own cell blank (they were LEVEL_MISSING, 15 alone LEVEL_UNDETERMINED; clerk expectation)
    levelled = m.form.key == "F2" and name_c is not None
    section = (_head_level(grid, m) or _sheet_level(grid.name)) if levelled else None
    heading_cols = tuple(dict.fromkeys((0, *(c for f, c in m.columns.items() if f in ("seq", "name")))))
    # where 同上 takes the value above: every field but the 序号, and the extra columns (kept in 备注)
    ditto_cols = [c for f, c in m.columns.items() if f != "seq"] + [c for c in m.unknown if c not in unseen]
    for r in range(m.data_start, end + 1):
        texts = grid.row_texts(r)
        n = len(texts)
        if (m.footer is not None and r >= m.footer or texts and _is_note(grid, r)) and is_footer_row(grid, r) \
                or r in m.passed:
            continue  # a note, the footer or a 填报说明 among the data (see data_end)
        if name_c is None:  # (before the test of a blank row: 其中 alone on its line heads the parts below)
            label = next((texts[c].replace(" ", "") for c in label_cols if c < n and texts[c]), "")
            if label.startswith(_BREAKDOWN):
                owner = fs.rows[-1] if fs.rows and fs.rows[-1].row == r else owner if breakdown else None
                breakdown = True
                _keep_part(owner, texts)
                continue  # 其中：养老机构 under a 合计 or a township's row: a part of the row above, not one more to
                # add (its figures were taken for the township's, its 合计 dropped; review)
            if breakdown and label and _kind_only(label):
                _keep_part(owner, texts)
                continue  # 其中：A类 | B类 | C类: B类 and C类 are the same breakdown (they were added again; audit)
            breakdown = False
            if label and fs.rows and fs.rows[-1].row == r and _institution_kind(label) and not _kind_only(
                    next((above[c] for c in label_cols if c < len(above := fs.rows[-1].texts) and above[c]), "")):
                breakdown = True
                owner = fs.rows[-1]
                _keep_part(owner, texts)
                continue  # 汇龙镇 | 20 …, then 1.养老机构 | 12, 2.未登记场所 | 8 without 其中: the town's parts, not
                # more rows of it (they were added to its figures, with a VALUE_REQUIRED for each blank answer)
        # A value merged down from a row above (牵头排查单位 merged over the whole column) is not this row's own;
        # a value in an unknown column is.
        if plain and r not in merged_rows:
            own = any(c < n and texts[c] for c in data_cols)
        else:
            own = any(c < n and texts[c] and (not merged or i >= known or merged.get((r, c), (r, c))[0] == r)
                      and (not uncalculated or (r, c) not in uncalculated)
                      and (c not in derived or texts[c] not in _ZEROS) for i, c in enumerate(data_cols))
        in_seq = not own and seq_col is not None and seq_col < n and len(texts[seq_col]) >= 6 and row_in_seq(
            texts[seq_col])
        if in_seq:
            own = True  # the whole row typed in its 序号 cell (3  城东村日间照料点  C  10、11  橙): no pre-printed number — it
            # was a blank template row, the facility lost unsaid (blind audit of converted tables); parse says so
        # (lead_cols only with name_merged, so name_c is set; a type: ignore, not a check: asked of every row)
        if not own and lead_cols and fs.rows and _second_lead(grid, r, name_c, lead_cols[0], fs.rows[-1].row):  # type: ignore[arg-type]
            # one facility merged over two rows with a second 牵头排查单位 (民政办 | 派出所) of its own on the second:
            # it was a blank row, the 派出所 dropped unseen (blind audit of county layouts)
            _continue_row(fs.rows[-1], texts, grid.rows[r], lead_cols, r, merged)
            continue
        # a line of a facility whose name is merged down over it: its own cells (1.1, a date, 4 alone) are the
        # facility's, not a heading, a label or a 栏次 row — they were dropped unsaid (blind audit of multi-row
        # facilities)
        origin = merged.get((r, name_c)) if name_merged else None  # type: ignore[arg-type]  # name_merged: name_c set
        within = origin is not None and origin[0] < r and bool(fs.rows) and fs.rows[-1].row == origin[0] + 1
        if name_c is not None and not within:
            mine = _own_texts(grid, r)  # (a 牵头排查单位 merged down beside a line is none of its own)
            if not in_seq and (heading := _lone_heading(mine, heading_cols, name_c)):
                # 一、红色名单 or 二、其他 on a row of its own, merged or typed alone (beside its count: 2家): a heading
                if levelled:
                    section = _section_after(section, heading)
                continue
            if not in_seq and _lone_label(mine, heading_cols):
                continue  # （以下空白）, 以上共2家, a stamp or a date, 签字：, 附注：, 共2页 — in the name cell or merged
        if not own or (r - m.data_start < 2 and not within and _is_hint_row(_own_texts(grid, r), len(m.columns))) or (
                name_c is not None and not in_seq and (name_c >= n or texts[name_c] in _NO_NAME) and (
                    _only_defaults(texts, data_cols) or _filled_down(grid, r, m, texts, data_cols))) or (
                name_c is not None and name_c < n and _NOTHING_WORDS & set(texts[name_c]) and
                _says_nothing(texts[name_c], texts, data_cols, merged, r)) or (
                name_c is not None and name_c < n and texts[name_c][:1] in _PAGE_FIRST and
                _PAGE_MARK.fullmatch(texts[name_c].replace(" ", "")) and
                {texts[c] for c in data_cols if c < n and texts[c]} <= {texts[name_c], *texts[:1]}):
            # blank, a pre-printed 序号, a 栏次/hint row, drop-down defaults left in, or 无 (nothing to list)
            fs.blank_rows += 1
            if own and name_c is not None and name_c < n and not _NOTHING_WORDS.isdisjoint(texts[name_c]):
                fs.said_none = True
            continue
        if any(c < n and texts[c].replace(" ", "").startswith(TOTAL_MARKERS)
               and not _named_like_a_label(texts[c], TOTAL_MARKERS, texts) for c in total_cols):
            totals.append(r)  # 合计/小计 rows are derived, not data (but see below)
            continue
        if name_c is None and _subtotal_or_heading(texts, word_cols if unit_c is None or unit_c >= n or
                                                   not texts[unit_c] else total_cols, name_c, merged, r):
            totals.append(r)  # as a 合计 row: a township's one row, whatever its 备注 says, is still its data (below)
            continue
        if name_c is None and fs.rows and _whole_of_parts(fs, texts, label_cols, data_cols):
            totals.append(r)  # 全镇 | 本镇 | 南阳镇 under its 城区 and 农村 rows: their total, not one more part
            continue
        if name_c is not None and _subtotal_or_heading(texts, data_cols, name_c, merged, r) or (
                (name_c is None or name_c < n and ("诈骗" in texts[name_c] or "排查表" in texts[name_c]))
                and _title_row(texts, data_cols, name_c)):
            if levelled and name_c is not None and name_c < n:
                section = _section_after(section, texts[name_c])
            continue  # 一、黄色名单 heads a part of the list; a second printed page repeats the form's title
        if name_c is not None and name_c < n and _level_counts(texts[name_c]):
            continue  # 其中红色名单 | 2家, 橙色：3家 — a total's breakdown by level under the list, no facility
        if name_c is not None and name_c < n and texts[name_c][-1:] in _COUNT_ENDS and \
                _COUNT.fullmatch(texts[name_c].replace(" ", "")) and \
                any(c < n and c != name_c and texts[c] and _part_label(texts[c]) for c in total_cols):
            # 长江镇小计 | 1家, 红色名单 | 1家 in a county's 区镇 column before the name: a facility named 1家 with
            # false errors, carried one level up (audit of hand-made county workbooks)
            totals.append(r)
            continue
        if within:
            _continue_row(fs.rows[-1], texts, grid.rows[r], data_cols + lead_cols, r, merged)  # one facility over two rows
            continue
        if seq_merged and _seq_continues(merged, fs.rows, r, seq_c, name_c, texts):  # type: ignore[arg-type]
            _continue_row(fs.rows[-1], texts, grid.rows[r], data_cols + lead_cols, r, merged)
            continue
        # (free_cols only where name_c is set: no check added, asked of every row)
        # (its own cells: 否 merged down the 化解 column beside it is the facility's above; audit of layouts)
        # (right under the facility read last — under its last line where it spans several: a second line of 当月处置进展
        # under a facility itself over two rows belongs to it; blind audit of multi-row facilities)
        if name_c is not None and seq_col is not None and fs.rows and fs.rows[-1].row == r and \
                _wrapped(fs.rows[-1], texts, m.columns):
            # a row of a table converted from a PDF wrapped onto the next line (汇龙镇幸福 | … over 养老院, 10、 over 11):
            # its cells are the ends of the cells above (read as a second facility 养老院; blind audit of converted
            # tables)
            _join_wrapped(fs.rows[-1], texts)
            continue
        if (free_cols and fs.rows and not in_seq and (fs.rows[-1].through or fs.rows[-1].row) == r
                and not (name_c < n and texts[name_c])  # type: ignore[operator, index]
                and all(c in free_cols or c in listed_cols for c in data_cols if c < n and mine[c])
                and not (own_seq is not None and own_seq < n and texts[own_seq])
                and not (seq_col is not None and seq_col < n and texts[seq_col]
                         and any(c < n and mine[c] for c in listed_cols))):
            # a second line of 当月处置进展/备注 typed in the row below, the facility's cells left blank
            _continue_row(fs.rows[-1], texts, grid.rows[r], data_cols, r, merged)
            continue
        values = grid.rows[r]
        if name_c is not None and merged and (at := merged.get((r, name_c))) is not None and at[0] == r \
                and at[1] <= name_c:
            # a facility's name merged across the row by mistake (3、夕阳红 over A:G): the name, its other cells blank
            # and asked — the merge gave every field its text (read as point 3, 黄, a category 3、夕阳红; audit)
            across = [c for c in range(len(values)) if c != name_c and merged.get((r, c)) == at]
            values, texts = list(values), list(texts)
            for c in across:
                values[c], texts[c] = "", ""
        said = None
        # (not in a workbook this tool wrote: its rows were resolved below, and one of another unit stands above —
        # a township's 同上 left unresolved took a neighbour's points one level up; review)
        other_unit = False  # a ditto under another township's row: not copied, and said so
        if fs.rows and not workbook.consolidated and not _DITTO_FIRST.isdisjoint(map(_FIRST_CHAR, filter(None, texts))):
            if unit_c is None or unit_c >= n or not texts[unit_c] or unit_c >= len(fs.rows[-1].texts) \
                    or fs.rows[-1].texts[unit_c] == texts[unit_c]:
                values, texts, said = _dittos_resolved(fs.rows, values, texts, ditto_cols, seq_col, m.ticks)
            else:
                other_unit = True
        fs.rows.append(RawRow(r + 1, values, texts))
        if said:
            fs.rows[-1].said = said
        if other_unit:
            fs.rows[-1].said_apart = True
        if in_seq:
            fs.rows[-1].in_seq = True
        if section is not None:
            fs.rows[-1].section = section
    if name_c is None and len(fs.rows) >= 3 and _WHOLE_TOWN.fullmatch(next(
            (t.replace(" ", "") for c in label_cols if c < len(t_ := fs.rows[0].texts) and (t := t_[c])), "")):
        # 全镇 | 本镇 | 累计 on top of its 城区 and 农村 rows, as statistics tables put a total first: their total, not
        # one more part (合计 doubled without a word; false-positive sweep) — checked against them as below
        totals.insert(0, fs.rows[0].row - 1)
        fs.rows = fs.rows[1:]
    if m.form.key == "F4" and len(fs.rows) > 1 and not grid.hidden_rows:
        _drop_rows_of_noughts(fs, data_cols, label_cols)
    if not fs.rows and len(totals) == 1 and m.form.key in ("F1", "F4"):
        # a township's one row of figures labelled 合计 (its total of the campaign): the data, not a sum of rows
        fs.rows.append(RawRow(totals[0] + 1, grid.rows[totals[0]], grid.row_texts(totals[0])))
    else:
        fs.total_rows = totals
    if m.ticks:
        for raw in fs.rows:
            _ticked_items(raw, m.ticks, grid)
    if fs.rows and (blank := _blank_headed(fs)):
        # values under a header cell left blank (cleared by mistake): kept as an extra column's (COLUMN_UNKNOWN, in
        # 备注), not dropped without a word (audit of the CLI contract); a copy, not the cached match's own dict
        # (the template's level helper, typed over on some rows, is named by its title; template audit)
        fs.match.unknown = {**m.unknown, **{c: HELPER_TITLE if c in fs.helper_typed else BLANK_HEAD for c in blank}}
    return fs


BLANK_HEAD = "（无表头）"
# 同上 / 〃 typed for "the same as the row above", as on paper forms; cleaned of spaces and a closing 。
_DITTOS = frozenset(("同上", "同上行", "同上一行", "同上一家", "同上条", "同上述", "同上面", "见上", "如上", "上同", "同前",
                     "同前一家", "〃", "″", '"', "”", "“", "＂", "''", "′′"))
_DITTO_FIRST = frozenset(t[0] for t in _DITTOS)
_FIRST_CHAR = operator.itemgetter(0)
# 同第1家, 同1, 同序号1: the same as the row of that 序号
_SAME_AS_ROW = re.compile(r"同(?:第|序号)?(\d{1,4})(?:家|行|号|条)?")


def is_ditto(text: str) -> bool:
    """同上, 〃, 同第1家 …: a cell saying it is the same as another row's."""
    plain = to_halfwidth(text).replace(" ", "").replace("\u3000", "").rstrip("。.")
    return plain in _DITTOS or _SAME_AS_ROW.fullmatch(plain) is not None


def _dittos_resolved(rows: list[RawRow], values: list[Any], texts: list[str], cols: list[int], seq_col: int | None,
                     ticks: dict[str, TickGroup]) -> tuple[list[Any], list[str], dict[int, str]]:
    """A row's cells that say 同上 or 〃 take the value of the facility above in their column (同第1家: of the row
    numbered 1), as a merged cell gives its value to the cells it covers (clerk expectation: read as typed, 同上 was
    VALUE_INVALID as a risk point or a level, and as 牵头排查单位 it went up beside a facility of another level, red
    first). The first facility's has nothing above it and stays as typed. Copies: the row's lists are the grid's.
    Also returned: column -> what was typed there, for the messages."""
    ticked = {c for g in ticks.values() for c, _ in g.cells} if ticks else ()
    out_v: list[Any] | None = None
    out_t = texts
    said: dict[int, str] = {}
    for c in cols:
        if c >= len(texts) or c in ticked or not texts[c] or texts[c][0] not in _DITTO_FIRST:
            continue
        plain = to_halfwidth(texts[c]).replace(" ", "").replace("\u3000", "").rstrip("。.")
        source: RawRow | None = None
        if plain in _DITTOS:
            source = rows[-1]
        elif (numbered := _SAME_AS_ROW.fullmatch(plain)) and seq_col is not None:
            source = next((raw for raw in rows if seq_col < len(raw.texts)
                           and raw.texts[seq_col].rstrip(".、") == numbered[1]), None)
        if source is None:
            continue  # no ditto, or no row of that 序号: as typed (VALUE_INVALID says what it holds)
        if out_v is None:
            out_v, out_t = list(values), list(texts)
        while len(out_v) <= c:
            out_v.append("")
        said[c] = texts[c]
        out_t[c] = source.texts[c] if c < len(source.texts) else ""
        out_v[c] = source.values[c] if c < len(source.values) else ""
    return (values, texts, said) if out_v is None else (out_v, out_t, said)
# what leaves an item's column unticked: nothing, a dash, a 0, an empty box (否, 无, ×, 不涉及 by parse_answer)
_UNTICKED = frozenset(("0", "/", "\\", "-", "--", "—", "——", "–", "□", "☐", "○", "◯", "〇", "O", "o", "✕", "✖", "╳", "N/A",
                       "n/a", "NA"))
_OTHER_ITEM = {"points": "15", "measures": "11"}
_KIND_LABELS = {"points": "风险隐患点", "measures": "打击整治措施"}
# a mark that says neither ticked nor not: asked (VALUE_INVALID), not guessed
_DOUBTFUL = re.compile(r"[?？]+$|存疑|核实中|" + UNSURE.pattern)  # (待核实, 不清楚, 无法确定, 有待核实 …)
_NOT_TICKED = ("不", "非", "未", "没")  # 不符合, 不存在, 非, 未发现
_NONE_FOUND = re.compile(r"(?:未|没有?)发现|无此|无异常|未见|不存在|不适用|不符合")  # 15's cell saying there is none
_BLANK_WORDS = ("以下空白", "以下无", "此处空白", "本行空白", "空白")
_MARK_CHARS = "√✓✔☑■●★▲◆"
_OTHER_WORDS = re.compile(r"^(?:15|11)?[.、．]?其[他它](?:情形|情况|风险隐患点|风险隐患|措施|规范整治措施)?\s*[:：,，]?\s*")


def _ticked_items(raw: RawRow, ticks: dict[str, TickGroup], grid: Grid) -> None:
    """A row's choices ticked a column each (√ under 2 and 4; √ under 否): the field's text as the template's one
    column has it (2、4; 否), in the group's first column; 其他 with the words written in its column (15.其他：…),
    an answer with the words written under it (是，王某某). What the cells say besides is kept in RawRow.doubts for
    parse_row: two answers ticked, none ticked beside a written detail, a mark that says neither (？, 待核实, another
    item's number), a tick struck through (not counted), a formula without its result. The row's lists are copied:
    they are the grid's."""
    from .normalize import describes_other, parse_answer, parse_date

    texts, values = list(raw.texts), list(raw.values)
    r0, row = raw.row - 1, str(raw.row)
    merged = grid.merged_origin
    doubts: dict[int, tuple[str, str, str]] = {}
    notes: list[str] = []
    for field_, group in ticks.items():
        chosen: list[tuple[int, str]] = []
        columns = {c for c, _ in group.cells}
        labels = {choice for _, choice in group.cells}
        other = _OTHER_ITEM.get(group.kind)
        for c, choice in group.cells:
            text = texts[c] if c < len(texts) else ""
            if not text or text in _UNTICKED:
                continue
            origin = merged.get((r0, c)) if merged else None
            if origin is not None and origin[1] != c and origin[1] in columns:
                continue  # one cell merged across the items is one value, said at its first cell (not 15 ticks)
            ref_ = col_letter(c) + row
            if ref_ in grid.struck:
                doubts[c] = (field_, "struck", text)  # a tick struck through: taken back
                continue
            if ref_ in grid.formulas_without_value and ref_ not in grid.followed:
                doubts[c] = (field_, "formula", text)
                continue
            if ref_ in grid.followed:
                doubts[c] = (field_, "followed", text)
            plain = to_halfwidth(text).replace(" ", "")
            if plain.startswith(_BLANK_WORDS):
                continue  # 以下空白 across the row
            said = parse_answer(text, allow_na=True)
            answer = _ANSWER_LABELS[said.value.value] if said.ok and said.value is not None else ""
            bare = len(plain) <= 2 or plain.isdigit() or plain.lower() in ("yes", "true")  # (√, 是, 有, Y, 1, ●)
            if choice == other and not bare and not (answer in ("否", "不涉及") and (len(plain) <= 3 or _NONE_FOUND.search(
                    plain)) or plain in _UNTICKED or plain.startswith(_BLANK_WORDS)):
                # the case itself under 15 (11): its words whatever they start with (无证经营, 有群众举报, √资金链紧张)
                case = _OTHER_WORDS.sub("", text.strip().lstrip(_MARK_CHARS + ",，:：、 "), count=1)
                chosen.append((int(choice), f"{choice}.其他：{case}" if case and describes_other(case) else choice))
                continue
            if _DOUBTFUL.match(plain) or _HAS_DIGIT.search(plain) and plain not in ("1", choice) and \
                    len(_NUMERALS.sub("", plain)) < 2 and not (group.kind == "answer" and answer) \
                    and not parse_date(plain, 2000).ok or ref_ in grid.formula_errors:
                doubts[c] = (field_, "doubt", text)  # (2 under 6, 2、4 typed in a tick cell, ？, 待核实, #N/A)
                continue
            if group.kind == "answer" and answer in ("否", "不涉及") and answer != choice and answer in labels \
                    and plain[:1] in "否无未没不":  # (a word, not a mark: × under 是 is no 否 of its own)
                choice = answer  # 否 written under 是: the clerk's 否 (read as not ticked, it was “不能为空”)
            elif answer and answer != "是" and answer != choice or not answer and plain.startswith(_NOT_TICKED):
                continue  # 否, 无, ×, 不涉及, 不符合 — unless it is the column's own (否 written under 否)
            if group.kind == "answer":
                words = "" if bare else said.value.detail or text if answer else text  # type: ignore[union-attr]
                if words and answer and len(plain) > 2 and not said.value.detail:  # type: ignore[union-attr]
                    words = text  # (已清退预付费 under 是: its words, as 王某某 under 是 keeps them)
                chosen.append((0, f"{choice}，{words}" if words else choice))
            else:
                chosen.append((int(choice) if choice.isdigit() else 0, choice))
                if not bare and group.kind in _MANY:
                    # the tick's words (6月10日已约谈 under 警示约谈): no item's, kept one level up, not dropped
                    notes.append(f"{_KIND_LABELS[group.kind]}{choice}：{text}")
        chosen.sort(key=lambda nc: nc[0])  # (15 … 1 typed right to left: written 1 … 15, as the template has them)
        first = group.first
        if group.kind not in _MANY:
            picked = list(dict.fromkeys(t.split("，")[0] for _, t in chosen))
            if len(picked) > 1:
                # 是 and 否 both ticked (with the detail written or not): no answer; asked at the group's first cell
                doubts[first] = (field_, "many", "、".join(picked))
            elif not chosen and group.detail >= 0 and group.detail < len(texts) and texts[group.detail] and \
                    not any(f == field_ for f, _, _ in doubts.values()):
                doubts[first] = (field_, "none", "")  # the detail written, 是 and 否 left blank: no answer
            chosen = chosen[:1] if len(picked) == 1 else chosen
        while len(texts) <= first:
            texts.append("")
            values.append(None)
        texts[first] = values[first] = "、".join(text for _, text in chosen)
    raw.texts, raw.values = texts, values
    raw.ticked = frozenset(ticks)
    if doubts:
        raw.doubts = doubts
    if notes:
        raw.notes = notes


_EPOCH_1904 = dt.date(1904, 1, 1)
_DATE_KINDS = frozenset((Kind.DATE, Kind.CASE))


def _dates_1904(fs: FormSheet, end: int) -> None:
    """A workbook counting from 1904: a date kept as a plain number (a General-formatted 填报日期 or 立案时间) is
    days since 1904-01-01, not since 1900 — it was read four years early. Dates formatted as dates python-calamine
    converts itself; only the form's date cells are converted (a count of 30000 stays a count)."""
    grid, m = fs.grid, fs.match
    kind = {f: m.form.column(f).kind for f in m.columns}
    cols = {c for f, c in m.columns.items() if kind[f] in _DATE_KINDS} | \
        {c for f, c in m.joins.items() if kind.get(f) == Kind.CASE}
    for r in range(m.data_start, end + 1):
        for c in cols:
            _date_1904(grid, r, c)
    if "填报日期" in fs.footer:
        text, at = fs.footer["填报日期"]
        ((row_, c),) = _split_refs({at})
        if (d := _date_1904(grid, int(row_) - 1, c)) is not None and text.isdecimal():
            fs.footer["填报日期"] = (cell_text(d), at)


def _date_1904(grid: Grid, r: int, c: int) -> dt.date | None:
    v = grid.get(r, c)
    if v.__class__ not in (int, float) or not 20000 <= v < 80000 or v != int(v):
        return None
    d = _EPOCH_1904 + dt.timedelta(days=int(v))
    grid.rows[r][c] = d
    if r in grid._texts:
        grid._texts[r][c] = cell_text(d)
    return d


def _blank_headed(fs: FormSheet) -> list[int]:
    """Columns inside the table, or right of it, whose header cells are all blank but which hold values in the data
    rows; not a numbering (1, 2, 3 …) a clerk added without a header. (Right of the last header, a row's note — 6月
    10日已约谈法人 in H5 — was dropped without a word: audit of scale.)"""
    m = fs.match
    known = set(m.columns.values()) | set(m.unknown) | set(m.joins.values()) | {
        c for g in m.ticks.values() for c in g.columns}
    if not known:
        return []
    out = []
    width = max(len(row.texts) for row in fs.rows)
    for c in range(min(known) + 1, width):
        if c in known or any(fs.grid.text(r, c) for r in range(m.header_row, m.data_start)):
            continue
        values = [row.texts[c] for row in fs.rows if c < len(row.texts) and row.texts[c]]
        if any(fs.grid.text(r, c) == HELPER_TITLE for r in range(max(0, m.header_row - 3), m.header_row)):
            def result(v: str) -> bool:
                return v in _HELPER_RESULTS or len(v) <= 4 and level_alone(v) is not None

            if all(map(result, values)):
                continue  # the template's own level helper: its results (saved by Excel, WPS, LibreOffice) were
                # COLUMN_UNKNOWN, 请删除该列, on every 附件2 filled in it (blind audit of the outputs) — but what a
                # clerk typed over its formula is said and kept, as in any column (it was dropped unsaid; template
                # audit); the helper's own formulas beside it are no figure of the township's
            for row in fs.rows:  # its results beside what was typed are no words of the township's (they went
                # into every other row's 备注 as （无表头）：橙; template audit)
                if c < len(row.texts) and row.texts[c] and result(row.texts[c]):
                    row.texts[c], row.values[c] = "", None
            values = [v for v in values if not result(v)]
            fs.helper_typed.add(c)
            letter = col_letter(c)
            fs.grid.formulas_without_value = type(fs.grid.formulas_without_value)(
                ref for ref in fs.grid.formulas_without_value if ref.rstrip("0123456789") != letter)
        if values and values != [str(i) for i in range(1, len(values) + 1)]:
            out.append(c)
    return out


# what the template's level helper shows (template.level_formula): a level, or nothing
_HELPER_RESULTS = frozenset(("红", "橙", "黄", "0"))
_UNIT_FIELDS = {f.key: frozenset(c.field for c in f.columns if c.kind == Kind.UNIT) for f in ALL_FORMS}
_PREFILLED = {f.key: frozenset({"seq", "lead_unit"}) | _UNIT_FIELDS[f.key] for f in ALL_FORMS}
_DERIVED = {"F1": ("percent",)}  # (附件4's 总计 0 may be typed: "no problems" — a row, asked for the rest)
_ZEROS = frozenset(("0", "0%", "0.0", "0.0%", "0.00%"))


def _drop_rows_of_noughts(fs: FormSheet, data_cols: list[int], label_cols: list[int]) -> None:
    """附件4 rows of 0 in every cell, the first column blank, beside a row of the township's: a template filled
    with 0 down the sheet, as blank as its pre-numbered rows — read, it was the township's second row
    (DUPLICATE_FACILITY, an error for a row that adds nothing; again one level up once consolidated; review). Not
    where a row is hidden (last month's row kept under this month's zeros: said as the township's row twice)."""
    def noughts(raw: RawRow) -> bool:
        texts, n = raw.texts, len(raw.texts)
        return not any(c < n and texts[c] for c in label_cols) and all(
            c >= n or texts[c] in _ZEROS or not texts[c] for c in data_cols) and any(
            c < n and texts[c] in _ZEROS for c in data_cols)

    kept = [raw for raw in fs.rows if not noughts(raw)]
    if kept and len(kept) < len(fs.rows):
        fs.blank_rows += len(fs.rows) - len(kept)
        fs.rows = kept


_HINT_WORDS = frozenset(("栏次", "甲", "乙", "丙", "丁", "序号"))
# what a template's blank rows may come with (a drop-down's default, a helper column's 0)
_DEFAULTS = frozenset(("否", "不涉及", "/", "—", "无", "未", "0", "FALSE"))
# a name cell that names nothing: blank, or the 0 a formula (=附件2!B5) dragged past the list shows
DASHES = frozenset(("/", "／", "-", "－", "--", "—", "——", "、", "\\"))  # what a clerk writes for nothing
_NO_NAME = DASHES | {"", "0"}  # (/ and — alone: a dash for none)
# a page's mark where a name would be (a printed form's pages joined): 第1页，共2页, （此页无正文）, 接上页
_PAGE_FIRST = frozenset("第（(此本以接续见转下共0123456789-—－")
_PAGE_MARK = re.compile(r"[(（]?(?:此页无正文|本页无正文|以下无正文|第\d+页(?:[,，/／]?共\d+页)?|共\d+页[,，]?第\d+页|[-—－]\d+[-—－]|"
                        r"\d+/\d+页?|续表|续上表|接上页|见下页|转下页|下接第?\d*页?)[)）]?[。.]?")


def _is_hint_row(texts: list[str], columns: int) -> bool:
    """A row under the header that numbers the columns (栏次 1 2 3 …) or says what to write in them
    (（全称）（A/B/C）（填序号1-15）): part of the header, not a facility. Numbers alone must number (nearly)
    every column from 1: 附件4 filled 1, 2, 3 is data."""
    cells = [t for t in texts if t]
    if len(cells) == 1:
        # one cell saying what to write (（填A、B或C）under 类别 alone): a hint, not a facility without a name (it was
        # one, three errors and a nameless row one level up; mutation audit)
        t = cells[0].strip("（()）")
        return bool(_INSTRUCTION.match(t)) and len(t) <= 20
    if len(cells) < 2:
        return False
    numbers: list[int] = []
    letters: list[int] = []  # A B C …, 甲 乙 丙 … numbering the columns (the statistical forms' 栏次)
    hints = 0
    for t in cells:
        if t.isdecimal() and len(t) <= 6:
            numbers.append(int(t))
        elif (m := _COLUMN_RELATION.fullmatch(t)) is not None:
            numbers.append(int(m[1]))  # 3=1+2, 3=2/1: a column numbered with how it is made (it was a town's row)
        elif len(t) == 1 and "\u2460" <= t <= "\u2473":  # ① … ⑳
            numbers.append(ord(t) - 0x245F)
        elif len(t) == 1 and ("A" <= t.upper() <= "Z" or t in _STEMS):
            letters.append(ord(t.upper()) - 64 if t.isascii() else _STEMS.index(t) + 1)
        elif t in _HINT_WORDS or (t[0] in "（(" and t[-1] in "）)") or _INSTRUCTION.match(t):
            hints += 1
        else:
            return False
    if letters and not numbers and letters == list(range(1, len(letters) + 1)) and len(letters) >= max(3, columns - 3):
        # 栏次 | A | B | … or 甲 乙 丙 丁 …: column letters, not a facility named A or 乙 (it was one, with a dozen
        # errors and a row added one level up; blind audit of headers)
        return True
    if letters:
        # (甲 乙 before numbers, or a few of them: hint words, as before; a Latin letter among them is data)
        stems = [c for c in cells if len(c) == 1 and c in _STEMS]
        if len(stems) != len(letters) or any(c not in _HINT_WORDS for c in stems):
            return False
        hints += len(letters)
    if numbers and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return False
    return hints >= 2 or (numbers[:1] == [1] and len(numbers) >= max(3, columns - 2))


_COLUMN_RELATION = re.compile(r"(\d{1,2})\s*[=＝]\s*[\d\s+\-*/×÷%％()（）]+")
# what to write, said without brackets (填写全称 | 填A、B或C | 自动计算 | 简要写明): the row was a facility named 填写全称
# with a dozen errors, written one level up (blind audit of values); a row is hints only if every cell is one
_INSTRUCTION = re.compile(r"(?:请|需|应)?(?:填写?|选填|必填|下拉(?:选择)?|选择|勾选|输入|不填|可不填|按.{1,8}填)"
                          r"|自动(?:计算|生成|带出)|简要(?:写明|填写|说明|描述)|如实填写|公式计算|无需填写")
_STEMS = "甲乙丙丁戊己庚辛壬癸"  # the ten heavenly stems, which number a statistical form's columns


def _own_texts(grid: Grid, r: int) -> list[str]:
    """Row r's texts without those merged down from a row above (a header's cells merged over its unit row)."""
    texts = grid.row_texts(r)
    merged = grid.merged_origin
    if not merged:
        return texts
    return [t if not t or merged.get((r, c), (r, c))[0] == r else "" for c, t in enumerate(texts)]


def _whole_of_parts(fs: FormSheet, texts: list[str], label_cols: list[int], data_cols: list[int]) -> bool:
    """A township's row of 附件1/附件4 under its parts (城区 | 农村) labelled as their whole — 全镇, 本镇, 南阳镇全镇,
    累计 — or by the town's own name with the parts' sums: added as one more part, the town counted twice without
    a word (audit of 附件1/附件4). A total's row: its figures are checked against the parts (TOTAL_ROW_MISMATCH)."""
    label = next((texts[c].replace(" ", "").replace("\u3000", "") for c in label_cols if c < len(texts) and texts[c]),
                 "")
    if not label or len(label) > 16:
        return False
    if _WHOLE_TOWN.fullmatch(label):
        return True
    unit = re.sub(r"\s+", "", fs.unit_text)
    labels = {next((raw.texts[c] for c in label_cols if c < len(raw.texts) and raw.texts[c]), "") for raw in fs.rows}
    if len(fs.rows) < 2 or not unit or label in labels or not (label in unit or unit.startswith(label)):
        return False
    for c in data_cols:  # the town's own name: a total only where its figures are the parts' sums
        own = _whole_number(texts[c]) if c < len(texts) else None
        parts = [_whole_number(raw.texts[c]) if c < len(raw.texts) else None for raw in fs.rows]
        if own is not None and (None in parts or sum(p for p in parts if p is not None) != own):
            return False
    return True


# the whole of a town's parts (全镇, 本镇合计, 南阳镇全镇, 累计)
_WHOLE_TOWN = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:全镇|全乡|全街道|全区|本镇|本乡|本街道|累计)(?:合计|汇总|累计|小计|总计)?[:：]?")


def _whole_number(text: str) -> int | None:
    t = to_halfwidth(text).replace(",", "").rstrip("家个起件处")
    return int(t) if t.isdecimal() else None


def _filled_down(grid: Grid, r: int, m: HeaderMatch, texts: list[str], cols: list[int]) -> bool:
    """No facility named, no points, and every value the one above it in its column: 类别 A or 等级 绿 filled down
    the pre-numbered rows before the clerk knew how many facilities there would be — each was a facility, two
    VALUE_REQUIRED a row and nameless rows on the consolidated list (audit of values)."""
    points = m.columns.get("points")
    if r <= m.data_start or points is not None and points < len(texts) and texts[points]:
        return False
    said = [c for c in cols if c < len(texts) and texts[c]]
    if not said:
        return False
    # (the first of the run is the value of the row under it, itself nameless: its facility above has another)
    name = m.columns["name"]
    return any(all(c < len(other) and other[c] == texts[c] for c in said) and (k < 0 or name >= len(other)
                                                                             or other[name] in _NO_NAME)
               for k, other in ((-1, grid.row_texts(r - 1)), (1, grid.row_texts(r + 1))))


def _only_defaults(texts: list[str], cols: list[int]) -> bool:
    """No facility named and nothing but answers a drop-down offers (否, 不涉及): a template row left as it came."""
    n = len(texts)
    return all(not texts[c] or texts[c] in _DEFAULTS for c in cols if c < n)


# A list with nothing on it, said in the name column: 无, 暂无, 本镇无红橙黄风险隐患机构, 经排查未发现…. Never a
# facility's name: 无锡/无为/无棣/无极 are places, 无忧 a brand, 无证 a kind of site; a sentence names what is absent.
_NOTHING = re.compile(
    # (how it was found, then where: 经排查，本镇…; 经摸排，暂无 — one or both; blind audit of empty lists)
    r"(?:(?:经|通过|本次)?(?:排查|摸排|核查|检查|走访|摸底)[后了]?[，,：:]?)?"
    r"(?:(?:本|该|全|我)[镇乡区街道月周期年次社区内]*|辖区内?)?"
    r"(?:(?:暂无|无|没有|均无|空|无数据|无此项|无此类情况|无相关情况|(?:暂|尚)?未发现|未排查出|不存在)[。.]?"
    r"|(?:暂无|无|没有|均无|(?:暂|尚)?未发现有?|未排查出|不存在|尚无)(?![锡为棣极忧证照])"
    r".{0,30}?(?:红|橙|黄|风险|隐患|机构|场所|问题|情况|此类|相关|符合|数据|名单|内容|对象).{0,30})")


# 红色小计, 共计：3家, 合计3家 (in any column when no facility is named); a heading of the list by level
# (a place's own total: 汇龙镇合计, 全镇合计 under its villages' rows was added to them, the town counted twice; blind
# audit of 附件1)
_SUBTOTAL = re.compile(r"(?:[红橙黄绿]色?(?:名单|风险)?|[A-Ca-c]类|本[镇页月]|全[镇乡区县市街][道]?|"
                       r"[\u4e00-\u9fff]{0,12}?(?:镇|乡|街道|社区|村|区))?(?:小计|合计|总计|共计|汇总)[:：]?\d*[家个处]?"
                       r"|共\d+[家个处]")


_COUNT = re.compile(r"(?:共|合计|小计)?[:：]?\d+[家个处]")
_COUNT_ENDS = frozenset("家个处")


def _part_label(text: str) -> bool:
    """A subtotal's or a level part's label (长江镇小计, 红色名单, 其中：红色) in a column of its own."""
    bare = to_halfwidth(text.replace(" ", ""))
    return bool(_subtotal_word(bare) and _SUBTOTAL.fullmatch(bare) or _HEADING.fullmatch(bare)
                or _LEVEL_COUNT.fullmatch(bare) and any(ch in bare for ch in "红橙黄绿"))


def _subtotal_word(text: str) -> bool:
    """What every label _SUBTOTAL reads contains (计, 汇总 or 共): a cheap look first, asked of every row."""
    return "计" in text or "汇总" in text or "共" in text


_LEVEL_CHARS = frozenset("红橙黄绿")
# a part's heading naming a level: 一、红色名单, 红榜, 【红色】, 红色风险隐患机构（2家）, 一、高风险（红色）, 红色：2家 — the level
# and only words a heading is made of after it (红色老年公寓, 黄色港湾养老院 are facilities; blind audit of parted lists)
_HEADING = re.compile(r"(?:[一二三四五六七八九十]{1,3}[、.是]|\d{1,2}[、.]|\([一二三四五六七八九十\d]{1,3}\))?【?"
                      r"(?:(?:高|较高|中|低|重大|较大|一般)风险)?\(?[红橙黄绿]色?"
                      r"(?:风险|隐患|点|等级|名单|榜|管控|机构|场所|养老|服务|预警|级|类|的)*\)?】?"
                      r"(?:\(.*\))?(?:[:：]?共?\d+[家个处])?[:：]?")


def _heading_level(text: str) -> str | None:
    """The level a part's heading names (一、红色名单, （二）橙色风险机构, 黄色（3家）): 红/橙/黄/绿, else None."""
    if _LEVEL_CHARS.isdisjoint(text) or _HEADING.fullmatch(to_halfwidth(text.replace(" ", ""))) is None:
        return None
    return next(ch for ch in text if ch in _LEVEL_CHARS)


def _head_level(grid: Grid, m: HeaderMatch) -> tuple[str, str, str] | None:
    """The level part a list's own head names: 二、橙色名单 alone on a line right above its header (each part of the
    list with its header printed again), or its title ending （黄色名单） — the rows below stand in it as under a
    heading among them (each was LEVEL_MISSING, a point-7 facility in the yellow part quietly orange; review)."""
    # (the lines right above a header printed again are the part's, though the list above took them in as its
    # last rows; a facility's row above ends the look)
    for r in reversed(range(max(m.header_row - 4, 0), m.header_row)):
        said = {t for t in grid.row_texts(r)[:30] if t}
        if len(said) >= 3:
            break
        if len(said) != 1:
            continue
        (t,) = said
        inner = _TITLE_LEVEL.search(t)
        level = _heading_level(t) or (_heading_level(inner[1]) if inner else None)
        if level is not None:
            return level, f"“{t.strip()}”", _numbering(t)
    return None


_TITLE_LEVEL = re.compile(r"[（(]([^（）()]{1,12})[）)]\s*$")


def _numbering(text: str) -> str:
    """How a heading is numbered (一、 / 一是 / （一） / 1. / none): a heading numbered alike ends the part before it."""
    bare = to_halfwidth(text.replace(" ", ""))
    if re.match(r"[一二三四五六七八九十]{1,3}[、.]", bare):
        return "一、"
    if re.match(r"[一二三四五六七八九十]{1,3}是", bare):
        return "一是"
    if re.match(r"\([一二三四五六七八九十\d]{1,3}\)", bare):
        return "(一)"
    return "1." if re.match(r"\d{1,2}[、.]", bare) else ""


def _section_after(section: tuple[str, str, str] | None, heading: str) -> tuple[str, str, str] | None:
    """The level part the rows below `heading` stand in: its own when it names a level; none after a heading
    numbered as the level's was (四、其他 after 三、黄色名单); the same under a sub-heading ((一)新增机构)."""
    level = _heading_level(heading)
    if level is not None:
        return level, f"“{heading.strip()}”", _numbering(heading)
    if section is not None and _numbering(heading) == section[2]:
        return None
    return section


def _lone_heading(texts: list[str], cols: tuple[int, ...], name_c: int) -> str:
    """A part's heading on a row of its own — merged across or not, typed in the first, 序号 or name column `cols`,
    maybe beside its count (一、红色名单 | … | 2家): the heading, else "". One naming a level, or a numbered one that
    names no facility (二、其他, 1.新增机构; not 1、康乐养老院, nor 1、夕阳红 alone in the name column). `texts`: the
    row's own (_own_texts), as for _lone_label."""
    n = len(texts)
    head = ""
    for c in cols:
        if c < n and (head := texts[c]) and not head.isdigit():
            break
    else:
        return ""
    across = n > name_c and texts[name_c] == head and sum(t == head for t in texts) > 1
    if _LEVEL_CHARS.isdisjoint(head) and head.lstrip(" ")[:1] not in _SECTION_FIRST and not (
            head[:1] in _BRACKETS or _PART_WORD.search(head) and _status_heading(head)):
        return ""  # (a facility's row: asked of each)
    if any(t and t != head and not _COUNT_ONLY.fullmatch(t.replace(" ", "")) and not (i in cols and t.isdecimal())
           for i, t in enumerate(texts)):
        return ""  # (a pre-printed 序号 beside it is none of its own)
    if _heading_level(head) is not None or _status_heading(head):
        return head
    bare = to_halfwidth(head.replace(" ", ""))
    m = _SECTION.fullmatch(bare)
    if m is not None and _PLACE_HEADING.fullmatch(m[1]):
        return head  # ((一)汇龙镇, 1.东兴村 typed alone in the name cell: a part by place; audit of the new rules)
    if m is None or c == name_c and not across and (_GENERIC.sub("", m[1]) or _FACILITY_END.search(bare)):
        return ""  # (alone in the name column: a heading only of words naming no place, 二、其他 — not 一、敬老院)
    return head if _section_named(bare, m) else ""


def _status_heading(head: str) -> bool:
    """A part of the list by when it came, unnumbered, alone in its column: 新增机构, 上月延续机构, 【新增】, 〔延续〕 —
    it was a facility of that name, VALUE_REQUIRED and DISPOSAL_MISSING (audit of values). Only words naming no
    place, one of them saying when."""
    bare = to_halfwidth(head.replace(" ", "")).strip("【】〔〕[]()")
    return len(bare) <= 20 and _PART_WORD.search(bare) is not None and not _GENERIC.sub("", bare)


_BRACKETS = frozenset("【〔[")
# what says which part of the list by when it came (新增, 上月延续, 继续整治)
_PART_WORD = re.compile(r"新增|延续|继续|持续|续报|上月|本月|当月|本期|上期|存量|原有|已列入|新发现|遗留")


def _section_named(bare: str, m: re.Match[str]) -> bool:
    """Whether a numbered text (`m` of _SECTION) heads a part rather than names a facility: 四、其他, 三、未登记场所,
    一、东方红 (as before); numbered 1. / (1) / 一是 only of words naming no place (1.新增机构, not 3、夕阳红, 1.康乐:
    facilities typed with their number, merged across by mistake — audit of lost rows)."""
    generic = not _GENERIC.sub("", m[1])
    if bare[:1] in _CN_NUMERALS and bare[1:4].find("是") < 0:
        return generic or not _FACILITY_END.search(bare)
    return generic


_CN_NUMERALS = frozenset("一二三四五六七八九十")


def _lone_label(texts: list[str], cols: tuple[int, ...]) -> bool:
    """A row holding only what no facility's name is (typed beside a pre-printed 序号, or merged across the row):
    a blank mark in another wording (（以下空白）, 此页以下空白), a total (以上共2家, 累计, 红橙黄合计 | 2), a stamp or a
    date, a signature's label, a note's (附注：, 注1：, 特别说明：), a page mark (共2页), another table's heading
    (附：上月名单), the 填报说明's own (一、排查范围) — or counts by level alone (红色：1家 | 橙色：1家). They were
    facilities, a row of VALUE_REQUIRED sent back (blind audit of lines that are no facilities)."""
    said: list[str] = []
    in_field = False  # a number typed in a field of the form's own (风险隐患点 十二), not the first or 序号/name column
    for i, t in enumerate(texts):
        if not t or t in said or i in cols and t.isdecimal() or t in DASHES:
            continue  # (本月无新增 | / | /: the dashes say nothing of their own)
        if len(said) == 3:
            return False  # (a facility's row: asked of each, most leave at the fourth text)
        said.append(t)
        in_field = in_field or i not in cols and _BARE_NUMBER.fullmatch(t.replace(" ", "")) is not None
    labels = 0
    for t in said:
        if t.isdecimal():
            continue  # (a figure beside a label; alone, a facility's risk point typed before its name)
        if in_field and _SIGNED.fullmatch(_LABEL_PUNCT.sub("", to_halfwidth(t))):  # (-3 too: 3 once its mark is off)
            continue  # 十二 | 南阳镇民政办: a facility's point and 牵头排查单位, its name left out — no stamp beside a
            # page number (it vanished unsaid; a total's words beside its figure still make a label line)
        if _level_counts(t) and not _LEVEL_CHARS.isdisjoint(t) and any(ch.isdigit() for ch in t) or _label_text(t) \
                or _counts_said(t) or _NOTE_SENTENCE.match(t) is not None:
            labels += 1  # (红色：1家; not 红 alone, a facility's level on its second row)
        elif not _COUNT_ONLY.fullmatch(t.replace(" ", "")):
            return False
    return labels > 0


def _counts_said(text: str) -> bool:
    """The list counted in words: 共三家, 共3家（红1、橙1、黄1）, 共计3家，其中未登记场所1家, 其中：养老机构2家，未登记场所1家 —
    clauses of a count each, opened by 共/合计/其中 (they were facilities, VALUE_REQUIRED and DISPOSAL_MISSING; blind
    audit of leftovers). A name (共享家园养老院) holds no clause of a count."""
    bare = to_halfwidth(text).replace(" ", "").replace("\u3000", "")
    if not bare.startswith(_COUNT_OPENERS) or not _COUNT_UNIT.search(bare):
        return False
    parts = [p for p in _COUNT_CLAUSE_SEP.split(bare) if p]
    return bool(parts) and all(_COUNT_CLAUSE.fullmatch(p) for p in parts)


_COUNT_OPENERS = ("共", "合计", "总计", "其中", "含", "累计")
_COUNT_UNIT = re.compile(r"[\d一二三四五六七八九十两]+[家个处]")
_COUNT_CLAUSE_SEP = re.compile(r"[,，、;；:：()（）。]+")
_COUNT_CLAUSE = re.compile(r"(?:共计|共有|共|合计|总计|累计|其中|含)?[\u4e00-\u9fff]{0,10}?[\d一二三四五六七八九十两]*[家个处]?"
                           r"|共计|共有|共|合计|总计|累计|其中|含")
# a sentence said of the list as a whole, on a line of its own (以上3家均已纳入监管, 上述机构名单已报镇政府, 经排查，其余机构
# 未发现风险隐患, 本月新增1家（长寿养老院）): a note, no facility (blind audit of leftovers)
_NOTE_SENTENCE = re.compile(r"(?:以上|上述|其余|经排查|经核查|经摸排|此外|另有|本月新增|本月减少|本月退出|本月共)")


# a number alone, and what signs a sheet (a stamp's line, an office, a date): labels of their own, but beside a
# number in a field they are a facility's point and 牵头排查单位 (see _lone_label)
_BARE_NUMBER = re.compile(r"[一二三四五六七八九十\d]{1,3}[、.]?")
_SIGNED = re.compile(r"[一二三四五六七八九十\d]{1,3}[、.]?|[\u4e00-\u9fff]{0,12}(?:人民政府|民政办公室|民政办|办事处)")


def _label_text(text: str) -> bool:
    plain = to_halfwidth(text).replace(" ", "").replace("\u3000", "")
    bare = _LABEL_PUNCT.sub("", plain)
    return bool(bare) and _LABEL_LINE.fullmatch(bare) is not None or "章" in plain and _STAMP.fullmatch(plain) is not None \
        or plain[:1].isdigit() and _LONE_DATE.fullmatch(plain) is not None or _PAGE_MARK.fullmatch(plain) is not None \
        or _cn_date_line(plain)


def _cn_date_line(text: str) -> bool:
    """二〇二二年六月十五日 alone: a date, as a stamp's line ends."""
    from .normalize import parse_date

    return "年" in text and "月" in text and len(text) <= 14 and parse_date(text).ok


# marks around a line's words (（以下空白）, —以下空白—, ＊＊以下空白＊＊, *注：), its spaces and closing stops
_LABEL_PUNCT = re.compile(r"[\s()（）\[\]【】<>《》\-—–―~～*＊※#·.。!！]+")
_LABEL_LINE = re.compile(
    # blank marks
    r"(?:此页|本页|此行|此栏|本栏)?(?:以下)?(?:均为|为)?空白(?:行)?|(?:此页|本页)?以下(?:无|为空|均为空白|空白)|"
    # totals in other words
    r"(?:以上|本表|本页|上述)(?:合计|共计|总计|累计|共|计)?[:：]?(?:\d+[家个处])?(?:机构|场所)?|"
    r"(?:共|计|共计|累计|总数|总计|合计)[:：]?(?:\d+[家个处])?(?:机构|场所)?|"
    # signatures, notes, another table
    r"[\u4e00-\u9fff]{0,6}(?:签字|签名)[:：]?|(?:附注|注释|特别说明|填表说明|填报说明|注\d{1,2})[:：]?.*|"
    r"附(?:表|件\d{0,2})?[:：].*|附件\d{1,2}|(?:上月|上期|往期)(?:名单|清单|台账)|"
    # said of the month's list as a whole
    r"本月无新增(?:机构)?|本月无变化|无新增|"
    # a note's bare label, a month, a stamp's line without its word, a number alone, a page, the 填报说明's headings
    r"注[:：].*|\d{4}年\d{1,2}月份?|[\u4e00-\u9fff]{0,20}章|[\u4e00-\u9fff]{0,12}(?:人民政府|民政办公室|民政办|办事处)|"
    r"[一二三四五六七八九十\d]{1,3}[、.]?|共\d+页|第\d+页.*|"
    r"[一二三四五六七八九十]{1,2}[、.]?(?:排查范围|填报要求|填报说明|报送时间|报送要求|有关要求|工作要求|注意事项)|"
    r"(?:[红橙黄绿]{1,3}色?)?(?:合计|小计|总计|共计)|"
    # a part of the total said under it (其中已化解0家; 已化解 | 0家 over two cells)
    # and a part of 附件3 by how its facilities stand (（二）尚未化解的机构, 存量风险已化解, 已有效化解)
    r"其中.{0,8}\d+[家个处]|(?:[一二三四五六七八九十\d]{1,2}[、.]?)?(?:其中)?(?:本月|当月)?(?:存量风险)?(?:尚|仍)?"
    r"(?:已|未)?(?:有效)?(?:化解|整改(?:到位|完成)?|立案|通报)(?:的)?(?:机构|场所)?(?:\d+[家个处])?|正在整改")


_COUNT_ONLY = re.compile(r"(?:共|合计|计)[:：]?\d+[家个处]?|(?:共|合计|计)?[:：]?\d+[家个处]")  # (not 4: a risk point)


def _sheet_level(name: str) -> tuple[str, str, str] | None:
    """A sheet of one level's facilities (红色名单, 附件2-橙色, 黄色风险): that level; a sheet naming several (红橙黄名单)
    or none: None."""
    bare = to_halfwidth(name.replace(" ", ""))
    found = {m[1] for m in _SHEET_LEVEL.finditer(bare)}
    return (found.pop(), f"工作表“{name}”", "sheet") if len(found) == 1 and not re.search(r"[红橙黄绿]{2}", bare) else None


_SHEET_LEVEL = re.compile(r"([红橙黄绿])(?:色|榜)")


def _title_row(texts: list[str], cols: list[int], name_c: int | None) -> bool:
    """The form's title merged across the row: a second printed page pasted under the first (its 附件2： label,
    unit line and header are no data either)."""
    n = len(texts)
    first = texts[name_c] if name_c is not None and name_c < n else next((texts[c] for c in cols if c < n and texts[c]), "")
    if len(first) < 8 or "诈骗" not in first and "排查表" not in first \
            or any(texts[c] and texts[c] != first for c in cols if c < n):
        return False  # every form's title names 养老服务诈骗 (the facility sheet's, 排查表); no facility's name does
    return _title_of(first) is not None


def _merged_above(merged: dict[tuple[int, int], tuple[int, int]], r: int, c: int) -> bool:
    """Whether row r's cell in column c holds a value merged down from a row above (备注 or 是否化解 merged over
    the whole list): not the row's own, so a heading or a 无 row it crosses is still one."""
    return merged.get((r, c), (r, c))[0] != r


def _subtotal_or_heading(texts: list[str], cols: list[int], name_c: int | None,
                         merged: dict[tuple[int, int], tuple[int, int]], r: int) -> bool:
    n = len(texts)
    name = texts[name_c] if name_c is not None and name_c < n else ""
    if not name:
        return any(_subtotal_word(texts[c]) and _SUBTOTAL.fullmatch(texts[c].replace(" ", "")) for c in cols if c < n)
    if _subtotal_word(name) and _SUBTOTAL.fullmatch(name.replace(" ", "")):
        return True
    if _heading_level(name) is not None:
        # one text, merged over the row
        return all(not texts[c] or texts[c] == name or merged and _merged_above(merged, r, c) for c in cols if c < n)
    # a numbered part of the list merged across the whole row (四、其他, （二）新增机构): no facility's name
    bare = to_halfwidth(name.replace(" ", ""))
    m = _SECTION.fullmatch(bare) if name.lstrip(" ")[:1] in _SECTION_FIRST else None
    if m is None:
        # unnumbered, one text merged across the row made only of words naming kinds of place (新增机构, 日间照料中心,
        # 6月份排查发现的机构): a part's heading too (it was a facility named 新增机构) — looked at only once every
        # cell holds the name
        return len(name) <= 25 and all(c < n and (texts[c] == name or merged and _merged_above(merged, r, c))
                                       for c in cols) and (not _GENERIC.sub("", bare) or bool(_PLACE_HEADING.fullmatch(bare)))
    return (_section_named(bare, m) or bool(_PLACE_HEADING.fullmatch(m[1]))) and \
        all(c < n and (texts[c] == name or merged and _merged_above(merged, r, c)) for c in cols)


# a township's name merged across the row over its facilities ((一)汇龙镇, 常乐镇(2家), 1.三厂街道), or a county's
# (海门区) over its towns': a county's or a city's list in parts by place (each was a facility of three errors; audit
# at scale). Only a township's or a county's own short name: a row dropped as a heading is lost unsaid, and names of
# villages, communities and zones are facilities' as often (夕阳红社区, 颐和小镇, 银龄园区; reviews) — those are read,
# and flagged, as before.
_PLACE_HEADING = re.compile(r"(?!.*(?:小镇|养老|敬老|老年|康养|颐养|护理|福利|服务|中心|公司))"
                            r"(?:[\u4e00-\u9fff]{2,3}(?:镇|乡|街道)|[\u4e00-\u9fff]{2}(?:区|县|市))"
                            r"(?:\(共?\d{1,4}[家个处]\)|共\d{1,4}[家个处])?[:：]?")


# a part's heading, not a facility's name (一、康乐养老院 merged across a row is a facility: read, and flagged;
# 三、未登记场所 names a kind of place, not one)
_SECTION = re.compile(r"(?:[一二三四五六七八九十]{1,3}[、.是]|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[、.])(.{1,25})")
_SECTION_FIRST = frozenset("一二三四五六七八九十(（0123456789０１２３４５６７８９")  # (（ is ( once half-width)
_FACILITY_END = re.compile(r"[院所寓心站园家馆堂社室部点屋会]$")
# words that name a kind of place, not one place: a heading made only of them (二、社区居家养老服务站,
# 三、日间照料中心, 三、未登记场所) is a heading; with a name of its own (一、康乐养老院) it is a facility
_GENERIC = re.compile(r"未经登记但从事养老服务经营活动的|未经登记|未登记|已登记|已备案|未备案|备案|新增|其他|农村|城镇|社区|居家|互助|"
                      r"日间|照料|存量|"
                      r"养老|敬老|服务|机构|设施|场所|中心|站|点|院|公寓|[ABC]类|[ABC]|类|的|和|及|、|:|：|"
                      # when (本月新增机构, 上月已列入机构, 6月份排查发现的机构: this list's parts; review)
                      r"本月|上月|当月|本期|上期|本次|原有|以前|已列入|列入|新发现|排查|发现|已整改|整改到位|到位|已化解|"
                      # (二、上月延续, 二、继续整治: the list's part still being dealt with; audit of values)
                      r"延续|继续|持续|续报|整治|整改|跟踪|遗留|"
                      r"\d{1,2}月份?|[()]|共?\d+[家个处]")


_NOTHING_WORDS = frozenset("无没未不尚空")  # one of them is in every sentence _NOTHING reads


def _says_nothing(name: str, texts: list[str], cols: list[int], merged: dict[tuple[int, int], tuple[int, int]],
                  r: int) -> bool:
    """A row that only says the list is empty (the name cell, or one sentence merged over the row; other cells
    blank or a drop-down's default): not a facility."""
    if len(name) > 60 or _NOTHING.fullmatch(name.replace(" ", "")) is None:
        return False
    n = len(texts)
    return all(not texts[c] or texts[c] == name or texts[c] in _DEFAULTS or merged and _merged_above(merged, r, c)
               for c in cols if c < n)


def _second_lead(grid: Grid, r: int, name_c: int, lead_c: int, last_row: int) -> bool:
    """Row r continues the facility read last (its name merged down from that row) with a 牵头排查单位 of its own."""
    origin = grid.merged_origin.get((r, name_c))
    own = grid.merged_origin.get((r, lead_c), (r, lead_c))[0] == r
    return origin is not None and origin[0] < r and last_row == origin[0] + 1 and own and bool(grid.text(r, lead_c))


def _seq_continues(merged: dict[tuple[int, int], tuple[int, int]], rows: list[RawRow], r: int, seq_c: int,
                   name_c: int, texts: list[str]) -> bool:
    """Row r lies under the 序号 merged down from the facility read last, and names no other facility."""
    at = merged.get((r, seq_c))
    if at is None or at[0] >= r or not rows or rows[-1].row != at[0] + 1:
        return False
    name, above = texts[name_c] if name_c < len(texts) else "", rows[-1].texts
    return not name or name == (above[name_c] if name_c < len(above) else "")


def _continue_row(prev: RawRow, texts: list[str], values: list[Any], cols: list[int], r: int,
                  merged: dict[tuple[int, int], tuple[int, int]]) -> None:
    """A facility whose name is merged over this row too: the row's own cells (a second line of 当月处置进展)
    join the facility's first row, separated by ；, instead of listing the facility twice."""
    prev.texts = list(prev.texts)
    prev.values = list(prev.values)
    prev.through = r + 1
    for c in cols:
        if c >= len(texts) or not texts[c] or merged.get((r, c), (r, c))[0] != r:
            continue
        while len(prev.texts) <= c:
            prev.texts.append("")
            prev.values.append("")
        if not prev.texts[c]:
            prev.at = {**(prev.at or {}), c: r + 1}
        elif prev.texts[c] != texts[c]:
            if prev.pieces is None:
                prev.pieces = {}
            prev.pieces.setdefault(c, [((prev.at or {}).get(c, prev.row), prev.texts[c], prev.values[c])]).append(
                (r + 1, texts[c], values[c] if c < len(values) else texts[c]))
        joined = texts[c] if not prev.texts[c] else prev.texts[c] if prev.texts[c] == texts[c] else \
            f"{prev.texts[c]}；{texts[c]}"
        prev.texts[c] = joined
        prev.values[c] = joined if prev.values[c] != values[c] else values[c]


def _shown(grid: Grid, formats: dict[str, Any]) -> dict[str, str]:
    """The numbers of `grid` that show as text through their formats: cell -> that text."""
    out = {}
    for (row, c), ref_ in zip(_split_refs(formats), formats, strict=True):
        v = grid.get(int(row) - 1, c)
        if v.__class__ in (int, float) and (text := safety.shown_text(formats[ref_], v)) is not None:
            out[ref_] = text
    return out


def _split_refs(refs: Iterable[str]) -> list[tuple[str, int]]:
    """"E5" -> ("5", 4) for each reference."""
    out = []
    for ref_ in refs:
        i = next((k for k, ch in enumerate(ref_) if ch.isdigit()), len(ref_))
        col = 0
        for ch in ref_[:i]:
            col = col * 26 + ord(ch) - 64
        if i < len(ref_) and col:
            out.append((ref_[i:], col - 1))
    return out


def _read_head(fs: FormSheet) -> None:
    grid, m = fs.grid, fs.match
    title_keys = _title_keys(m.form.key)
    merged = grid.merged_origin
    for r in range(max(m.top, _head_top(grid, m.header_row)), m.header_row):
        for c, t in enumerate(grid.row_texts(r)[:30]):
            if not t or (merged and (r, c) in merged):
                continue  # empty, or a copy of a merged title's text
            k = _header_key(t)
            if not fs.title and any(tk and tk in k for tk in title_keys):
                fs.title, fs.title_ref = t, ref(r, c)
            _unit_cell(fs, grid, r, c, t)
            _footer_cell(fs, grid, r, c, t)
    if not fs.unit_text:
        _stamp_in_head(fs, grid)


# (…名单（2022年6月25日）: a day in brackets alone is the day it was filled in too — its lateness went unsaid; not
# （截至2022年6月25日）, the day the figures run to; blind audit of layouts)
_DATE_IN_TITLE = re.compile(r"[（(](?:(?:填报|报送|上报|填表)(?:日期|时间)[:：]([^）)]{4,30})|"
                            r"(20\d{2}年\d{1,2}月\d{1,2}日))[）)]")


def _stamp_in_head(fs: FormSheet, grid: Grid) -> None:
    """No 填报单位 line, the unit stamped above the header alone on its line (汇龙镇社会事业局（盖章）): the unit, as
    the same line under the form is (it was UNIT_UNKNOWN saying the sheet named no town; audit of values)."""
    m = fs.match
    for r in range(max(m.top, _head_top(grid, m.header_row)), m.header_row):
        merged = grid.merged_origin
        said = [(c, t) for c, t in enumerate(grid.row_texts(r)[:30]) if t and not (merged and (r, c) in merged)]
        # (alone on its line, or beside the date: 填报时间：… further right; a merged cell's copies are none)
        if not said or fs.title_ref == ref(r, said[0][0]) or any(
                not t.replace(" ", "").startswith(_LABELS) for _, t in said[1:]):
            continue
        c, t = said[0]
        stamp = _STAMP.fullmatch(t.replace(" ", ""))
        if stamp and stamp[1] and not _UNIT_LABEL.fullmatch(stamp[1]) and len(stamp[1]) <= 30 \
                and ("盖章" in t or "公章" in t or "印章" in t):
            fs.unit_text, fs.unit_ref = stamp[1].rstrip(":："), ref(r, c)
            return


def _unit_cell(fs: FormSheet, grid: Grid, r: int, c: int, t: str) -> None:
    """The 填报单位 line, in the head or (where the head has none) among the signatures under the form."""
    lm = _UNIT_LABEL.match(t.replace(" ", "") if t.replace(" ", "").startswith("填报") else t)
    if lm and lm[1] == "单位" and _MEASURE_WORDS.fullmatch(t[lm.end():]):
        lm = None  # 单位：个
    if lm and not fs.unit_text:
        fs.unit_label_ref = fs.unit_label_ref or ref(r, c)
        rest = t[lm.end():].strip() if lm.end() <= len(t) else ""
        rest = _cut_at_label(rest)
        if not rest:
            rest, rref = _next_value(grid, r, c)
            fs.unit_ref = rref if rest else ""
            if not rest and rref:
                fs.blank_formulas["填报单位"] = rref
        else:
            fs.unit_ref = ref(r, c)
            # 填报单位：汇龙镇民政办    填报日期：2022年6月28日 in one cell: the date is the form's (it was undated, judged
            # by another form's date: a false DATE_IN_FUTURE, its SUBMISSION_LATE unsaid; blind audit of the codes)
            _more_labels(fs, r, c, t)
        fs.unit_text = rest


def _head_top(grid: Grid, header_row: int) -> int:
    """The first row of a form's head: past the signature line (填报人/负责人) of a form above it on the same sheet,
    whose 填报单位 line and 填报日期 are that form's, not this one's."""
    for r in range(header_row - 1, -1, -1):
        first = _first_text(grid, r).replace(" ", "").replace("\u3000", "")
        if first.startswith(_SIGNATURES):
            return r + 1
    return 0


def _cut_at_label(text: str) -> str:
    """'汇龙镇   填报时间：2022-06-15' -> '汇龙镇': cut where the next footer label starts."""
    m = _ANY_LABEL.search(text, 1)
    if m:
        text = text[:m.start()]
    return text.strip(" \u3000:：")


def _next_value(grid: Grid, r: int, c: int) -> tuple[str, str]:
    """The text right of a label and its cell; with no text before the next label, ("", the cell of a formula saved
    without its result in between, if any: =TODAY() in 填报日期 is said, not taken for a blank)."""
    blank = ""
    unvalued, errors = grid.formulas_without_value, grid.formula_errors
    for cc in range(c + 1, min(grid.width, c + 8)):
        if grid.merged_origin.get((r, cc)) == (r, c):
            continue
        t = grid.text(r, cc)
        if not t and errors and ref(r, cc) in errors:
            # a formula that calculated to #N/A or #REF!: what the printed form shows, not a blank (a 填报日期 of
            # =VLOOKUP(…) gone wrong passed as not filled in; audit of cell types)
            return errors[ref(r, cc)], ref(r, cc)
        if t:
            if _is_label(t):
                return "", blank
            return t, ref(r, cc)
        if unvalued and not blank and ref(r, cc) in unvalued:
            blank = ref(r, cc)
    return "", blank


def _is_label(t: str) -> bool:
    t = t.replace(" ", "")
    return t.startswith(_ALL_FOOTER_LABELS) or t.startswith("填报单位")


def _read_footer(fs: FormSheet, start: int) -> None:
    grid = fs.grid
    merged = grid.merged_origin
    stamps: list[tuple[str, int, int, str]] = []
    for r in range(start, min(len(grid.rows), start + 12)):
        first = _first_text(grid, r)
        kind = _stamp_kind(grid, r, first.replace(" ", "")) if first else ""
        for c, t in enumerate(grid.row_texts(r)[:40]):
            if t and not (merged and (r, c) in merged):
                if kind:
                    stamps.append((kind, r, c, t))
                    break
                if not fs.unit_text:  # 填报单位（盖章）：汇龙镇民政办 | 填报人：… under the list (a county's layout)
                    _unit_cell(fs, grid, r, c, t)
                _footer_cell(fs, grid, r, c, t)
    for kind, r, c, t in stamps:  # a stamp block: the unit stamping, the date under it
        if kind == "date" and "填报日期" not in fs.footer:
            fs.footer["填报日期"] = (t, ref(r, c))
        # (_stamp_kind said "stamp" of this text, the row's only one: _STAMP matches it)
        elif (kind == "stamp" and not fs.unit_text
              and (unit := _STAMP.fullmatch(t.replace(" ", ""))[1])  # type: ignore[index]  # _stamp_kind matched
              and not _UNIT_LABEL.fullmatch(unit)):
            # (not a blank 填报单位（盖章）： line — the next form's, on a sheet of forms one under another: the
            # town was “填报单位”, a UNIT_CONFLICT said at the wrong form; blind audit of layouts)
            fs.unit_text, fs.unit_ref = unit, ref(r, c)
    for key in ("电话", "填报人", "负责人"):
        # a date the label before it took as its value (电话： left blank, the date typed over 填报日期： after it):
        # the 填报日期 (it was the phone number, the form undated; blind audit of the send-back loop)
        if "填报日期" not in fs.footer and key in fs.footer and (v := fs.footer[key][0].replace(" ", ""))[:1].isdigit() \
                and _LONE_DATE.fullmatch(v):
            fs.footer["填报日期"] = fs.footer.pop(key)
    if "填报日期" not in fs.footer:
        # a date alone on a signature line: typed over its 填报日期 label, or at the line's end with no label (the
        # form was undated, its lateness unsaid; blind audit of paper-form habits) — the last such, not a value
        # another label has taken
        taken = {cell for _, cell in fs.footer.values()}
        for r in range(start, min(len(grid.rows), start + 12)):
            texts = grid.row_texts(r)[:40]
            if not any(t and (t.replace(" ", "").startswith(_ALL_FOOTER_LABELS) or "时间" in t) for t in texts):
                continue
            for c, t in enumerate(texts):
                if not t or merged and (r, c) in merged:
                    continue  # (a merge's text is its first cell's: the date said where it can be marked)
                if (timed := _BARE_TIME.search(t)) is not None:
                    # 时间：… its own label, alone or after a signature in one cell (填报人：张三  时间：2022年6月25日)
                    date, own = re.sub(r"[\s\u3000]+", "", t[timed.end():]), True
                else:
                    date, own = t.replace(" ", "").replace("\u3000", ""), False
                if date[:1].isdigit() and _LONE_DATE.fullmatch(date) and (
                        own or ref(r, c) not in taken and _signed_before(texts, c, r, taken)):
                    fs.footer["填报日期"] = (date, ref(r, c))


# (时间：2022年6月15日 on the signature line, alone or after a signature; not on the head's line — review)
_BARE_TIME = re.compile(r"(?:^|(?<=[\s\u3000，,；;]))时\s*间\s*[:：]")


def _signed_before(texts: list[str], c: int, r: int, taken: set[str]) -> bool:
    """Whether the date in cell c follows nothing, a signature (a footer label and its value, or the value itself) or
    时间： — not another label (统计截止时间：, 数据截至：, 立案: a period's end or a case's day; review)."""
    k = next((k for k in range(c - 1, -1, -1) if texts[k]), None)
    if k is None or ref(r, k) in taken:
        return True
    left = texts[k].replace(" ", "").replace("\u3000", "")
    if left in ("时间：", "时间:"):
        return True
    return left.startswith(_ALL_FOOTER_LABELS) and not left.endswith((":", "：")) and "截" not in left \
        and "统计" not in left


def _footer_cell(fs: FormSheet, grid: Grid, r: int, c: int, t: str) -> None:
    compact = t.replace(" ", "").replace("\u3000", "")
    if not compact.startswith(_ALL_FOOTER_LABELS):
        return
    # the longest label the cell starts with: 制表日期 is a date, not 制表（人）
    hit = _ANY_LABEL.match(compact)
    key, label = (_KEY_OF_LABEL[hit[0]], hit[0]) if hit else ("", "")
    if not key or key in fs.footer:
        return
    # the value as written after the label (填 表 人：…, 2022-06-15 17:30 keeps its space)
    m = _spaced(label).match(t)
    rest = re.sub(r"^[:：\s\u3000]+", "", t[m.end():] if m else compact[len(label):]).strip()
    if key == "填报日期" and rest:
        # 填报日期（年月日）：2022年6月21日 — the template's hint of how to write it, not the date (it was VALUE_INVALID
        # of （年月日）：2022年6月21日, a right form sent back; audit of values) — and 填报日期：  年  月  日 left
        # unfilled: blank, not a date that cannot be read (VALUE_INVALID on every form; audit of periods)
        rest = _DATE_HINT.sub("", rest).strip()
        if _DATE_PLACEHOLDER.fullmatch(rest):
            rest = ""
    if rest:
        # several labels in one cell: 填报人：张三 电话：123
        fs.footer[key] = (_cut_at_label(rest), ref(r, c))
        _more_labels(fs, r, c, t)
    else:
        value, vref = _next_value(grid, r, c)
        if value and key == "填报日期" and _DATE_PLACEHOLDER.fullmatch(value):
            return
        if value:
            fs.footer[key] = (value, vref)
        elif vref:
            fs.blank_formulas.setdefault(key, vref)


# how the template asks for the date, after its label: （年月日）, (年/月/日), （yyyy-mm-dd）
_DATE_HINT = re.compile(r"^[（(]\s*(?:年\s*[/\-.]?\s*月\s*[/\-.]?\s*日|[yY]{2,4}[\s\-/.年]*[mM]{1,2}[\s\-/.月]*[dD]{1,2}日?)"
                        r"\s*[)）]\s*[:：]?\s*")
# the date's printed blanks left unfilled: 年 月 日, ____年__月__日, 年 月 日 时 分
_DATE_PLACEHOLDER = re.compile(r"[\s\u3000_＿]*年[\s\u3000_＿]*月[\s\u3000_＿]*[日号]?[\s\u3000_＿]*"
                               r"(?:时[\s\u3000_＿]*(?:分[\s\u3000_＿]*)?)?")


@functools.lru_cache(maxsize=64)
def _spaced(label: str) -> re.Pattern[str]:
    """The label with any spaces between its characters: 填 表 人."""
    return re.compile(r"[\s\u3000]*" + r"[\s\u3000]*".join(map(re.escape, label)))


def _more_labels(fs: FormSheet, r: int, c: int, text: str) -> None:
    for key, labels in FOOTER_FIELDS.items():
        if key in fs.footer:
            continue
        for label in labels:
            i = text.find(label)
            if i > 0:
                rest = re.sub(r"^[:：\s]+", "", text[i + len(label):])
                if rest:
                    fs.footer[key] = (_cut_at_label(rest), ref(r, c))
                break


_COPY_OF = re.compile(r"^(.+\.\w{2,5}) 校验结果：")


def scan(workbook: Workbook) -> tuple[list[FormSheet], list[str]]:
    """Every form in the workbook, and the names of sheets that held none."""
    out: list[FormSheet] = []
    empty: list[str] = []
    # (both of its sheets, or one and its document property: saved as .xls the property is not read here, and
    # its rows with their own 序号 were folded again; review)
    ours = [_our_head(grid) for grid in workbook.sheets]
    heads = [head in ours for head in _CONSOLIDATED_HEADS]
    workbook.consolidated = all(heads) or any(heads) and marked_consolidated(workbook.path)
    workbook.annotated = RESULTS_HEADS in ours
    for grid, head in zip(workbook.sheets, ours, strict=True):
        if head == RESULTS_HEADS and (title := _COPY_OF.match(grid.text(0, 0))):
            workbook.copy_of = title[1]  # (the file the copy was made of: a copy of a copy corrects it, however named)
    for i, (grid, head) in enumerate(zip(workbook.sheets, ours, strict=True)):
        before = workbook.sheets[i - 1] if i else None
        if head is not None:
            continue  # 校验问题, 汇总, 变化, 校验结果: what this tool wrote beside the forms, whatever the sheet is named
        matches = find_forms(grid)
        if any(m.form.key == "FAC" for m in matches) and (titled := titled_form(grid)) is not None and \
                titled[0].key in ("F2", "F3"):
            # 附件2 under its own title with 风险隐患点 as fifteen tick columns: taken for a 排查表, every unticked
            # cell was VALUE_REQUIRED and the list went unconsolidated (audit of layouts); said, not read
            grid.ticked = True
            matches = [m for m in matches if m.form.key != "FAC"]
        # forms side by side: read whole, one form's header is left unexplained beside another's
        parts = _side_by_side(grid) if grid.width >= _SIDE_BY_SIDE_WIDTH and any(
            len(m.unknown) >= 2 for m in matches) else None
        if parts:
            for part, found in parts:
                out.extend(read_form(workbook, part, m) for m in found)
            continue
        if not matches:
            vertical = read_vertical_facility(workbook, grid)
            if vertical is not None:
                out.append(vertical)
                continue
            if (carried := _continuation(grid, before, out)) is not None:
                fs = read_form(workbook, grid, carried[0])
                fs.continues = carried[1]
                out.append(fs)
                continue
            empty.append(grid.name)
        for i, m in enumerate(matches):
            fs = read_form(workbook, grid, m)
            if any(k.form.key == m.form.key for k in matches[:i]):
                fs.past = _past_heading(grid, m)
            out.append(fs)
            if m.past_at >= 0:  # the rows under a past list's heading among the data: set aside, not dropped unsaid
                out.append(_past_rows(workbook, grid, m))
    out = _without_side_lists(out, empty)
    if any(fs.match.partner for fs in out):
        out = _combined_or_alone(workbook, out)
    # a hidden sheet beside a visible one of the same form is a leftover (last month's 附件2 hidden away), not
    # a second list nobody can see; a form only on a hidden sheet is still read
    # — even when the visible one is left blank: a township with nothing on its list this month keeps last
    # month's hidden beside it as often as one fills a sheet and then hides it (SUBMISSION_SUPERSEDED says which)
    # — and so is a second table of the form under the first, headed as a past list (附：上月名单（备查）, 5月份已销号
    # 机构): read as this month's, each of its rows was DISPOSAL_MISSING or DUPLICATE_FACILITY (audit)
    shown = {fs.form.key for fs in out if not fs.grid.hidden and not fs.past}
    left = [fs for fs in out if (fs.past or fs.grid.hidden and fs.form.key in shown)]
    workbook.leftovers = [fs for fs in left if fs.rows]
    return [fs for fs in out if not any(fs is k for k in left)], empty


_CONTINUED = re.compile(r"[（(]?续(?:表|页)?\d*[)）]?")
_COPIED_SHEET = re.compile(r"(.+?)\s*[（(]\d{1,2}[)）]$")  # Excel's copy of 表二: 表二 (2)


def _first_filled(grid: Grid) -> int | None:
    """The first of a headerless sheet's first ten rows holding anything (where a list going on begins)."""
    return next((r for r in range(min(len(grid.rows), 10)) if any(grid.row_texts(r))), None)


def _numbers_on(grid: Grid, fs: FormSheet) -> bool:
    """The first row of `grid` holds, in fs's 序号 and name columns, the number after fs's last 序号 and a name: a
    list going on from fs."""
    if fs.past or fs.form.key not in ("F2", "F3") or not fs.rows or "name" not in fs.match.columns:
        return False
    seq_c, name_c = fs.match.columns.get("seq"), fs.match.columns["name"]
    if seq_c is None:
        return False
    first = _first_filled(grid)
    if first is None:
        return False
    texts = grid.row_texts(first)
    last = next((raw.texts[seq_c] for raw in reversed(fs.rows) if seq_c < len(raw.texts)
                 and raw.texts[seq_c].isdecimal()), "")
    return bool(last) and seq_c < len(texts) and texts[seq_c].isdecimal() and int(texts[seq_c]) == int(last) + 1 \
        and name_c < len(texts) and bool(texts[name_c]) and not texts[name_c].isdecimal()


def _fits(grid: Grid, fs: FormSheet) -> bool:
    """The first row of `grid` read with fs's columns says a level where 附件2 has one (红/橙/黄/绿), a yes or no
    where 附件3 has 通报线索."""
    first = _first_filled(grid)
    texts = grid.row_texts(first) if first is not None else []
    field_, says = ("level", "红橙黄绿") if fs.form.key == "F2" else ("clue", "是否已未有无√×✓")
    c = fs.match.columns.get(field_)
    return c is not None and c < len(texts) and bool(texts[c]) and texts[c].strip()[:1] in says


def _continuation(grid: Grid, before: Grid | None, out: list[FormSheet]) -> tuple[HeaderMatch, str] | None:
    """A sheet holding no header whose rows go on with the list of the sheet before it: named so (附件2（续）,
    续表, 附件2 (2)) or numbered on from its last 序号 (4, 5 after 1–3). Its rows were passed over without a word
    — a facility lost from the consolidated list (audit of values). Read with the columns of that sheet's header:
    (the match, the sheet it continues)."""
    # the list its name says (附件2（续）), else the one on the sheet right before it
    label = next((BY_KEY[k].label for k in ("F2", "F3") if BY_KEY[k].label in grid.name.replace(" ", "")), "")
    named = bool(label) or "续" in grid.name
    # 表二（续）/ Sheet2(续) added at the end of the workbook goes on with 表二, not with the sheet before it
    # (its rows were lost unsaid: metamorphic audit of layouts)
    base = _CONTINUED.sub("", grid.name).strip() if "续" in grid.name else (
        copied[1] if (copied := _COPIED_SHEET.match(grid.name)) else "")
    prev = next((fs for fs in reversed(out) if not fs.past and (fs.form.label == label if label else
                                                                fs.grid.name.strip() == base)), None) if base else None
    if prev is None:
        prev = next((fs for fs in reversed(out) if not fs.past and (fs.form.label == label if label else
                                                                    fs.grid is before)), None)
    if not named:
        # Sheet5 added at the end, numbered on from 表二's last 序号 — not the sheet before it (its rows were lost
        # unsaid; audit of the new rules): the list it numbers on, where exactly one does
        onward = [fs for fs in out if _numbers_on(grid, fs)]
        if len(onward) > 1:  # 附件2 and 附件3 of one list both end at its last 序号: the one its cells fit
            onward = [fs for fs in onward if _fits(grid, fs)]
        prev = onward[0] if len(onward) == 1 else prev
    if prev is None or prev.form.key not in ("F2", "F3") or "name" not in prev.match.columns:
        return None
    m = prev.match
    first = _first_filled(grid)
    if first is None:
        return None
    texts = grid.row_texts(first)
    name_c = m.columns["name"]
    widest = max([*m.columns.values(), *m.unknown, *m.joins.values()])
    if name_c >= len(texts) or not texts[name_c] or is_footer_row(grid, first) \
            or max(c for c, t in enumerate(texts) if t) > widest + 1 or sum(1 for t in texts if t) < 2:
        return None
    seq_c = m.columns.get("seq")
    numbered = False
    if seq_c is not None and seq_c < len(texts) and texts[seq_c].isdecimal() and prev.rows:
        last = next((raw.texts[seq_c] for raw in reversed(prev.rows) if seq_c < len(raw.texts)
                     and raw.texts[seq_c].isdecimal()), "")
        numbered = bool(last) and int(texts[seq_c]) == int(last) + 1
    if not (named or numbered):
        return None
    carried = replace(m, header_row=first, data_start=first, top=first, end=None, footer=None, past_at=-1,
                      passed=set(), partner="", alone=None, primary=False)
    return carried, prev.sheet


def _combined_or_alone(workbook: Workbook, out: list[FormSheet]) -> list[FormSheet]:
    """A table read as 附件2 and 附件3 at once (_combined), where the workbook has a sheet of its own for one of
    them (附件2, and an 附件3 with 类别 and 等级 copied beside its columns): that one is the form, and the table is
    the other one alone, the copied columns extra (COLUMN_UNKNOWN) as before."""
    regular = {fs.form.key for fs in out if not fs.match.partner and not fs.grid.hidden}
    kept: list[FormSheet] = []
    for fs in out:
        m = fs.match
        if not m.partner or not {m.form.key, m.partner} & regular:
            kept.append(fs)
        elif m.alone is not None and (m.partner in regular and m.form.key not in regular
                                      or m.form.key in regular and m.partner in regular and m.primary):
            alone = replace(m.alone, top=m.top, end=None)
            data_end(fs.grid, alone)
            kept.append(read_form(workbook, fs.grid, alone))
    return kept


def _past_rows(workbook: Workbook, grid: Grid, m: HeaderMatch) -> FormSheet:
    """The rows between a past list's heading inside a list (附：上月名单（已化解，仅供参考）) and the footer, read as
    the form: a leftover (scan), said once and counted as read — they went without a word."""
    rest = replace(m, data_start=m.past_at + 1, top=m.past_at + 1, end=None, footer=None, past_at=-1,
                   passed=set())
    data_end(grid, rest)
    fs = read_form(workbook, grid, rest)
    fs.past = next(t for t in grid.row_texts(m.past_at) if t)
    fs.past_row = m.past_at
    return fs


def _past_heading(grid: Grid, m: HeaderMatch) -> str:
    """The heading over a second table of a form on the sheet naming it a past list, or "" (a list pasted under the
    first with no such heading is read: the same list's next page, or a corrected one)."""
    for r in range(m.top, m.header_row):
        said = [t for t in dict.fromkeys(grid.row_texts(r)[:30]) if t]
        # (over a table of its own under the footer, 以下为上月报送情况 names no list and is one; so is 5月份名单 —
        # not 6月新增名单, 续表)
        if 0 < len(said) <= 2 and (hit := next((t for t in said if _past_list_heading([t]) or len(t) <= 30 and (
                _PAST_LIST.search(t.replace(" ", "")) or _MONTH_NAMED.search(t) and _TABLE_WORDS.search(t)
                and not _THIS_LIST.search(t) and not _FORM_TITLE_WORDS.search(t))), "")):
            return hit
    return ""


_THIS_LIST = re.compile(r"本月|当月|本期|新增|续|补|更正|修改|修正|调整")
# the form's own title stating its month (…风险管控名单（2022年6月）): a list of its own, maybe the corrected one
_FORM_TITLE_WORDS = re.compile(r"养老服务|诈骗|风险隐患")


_GREEN_LIST = re.compile(r"绿色?[”\"'’]?名单")


def _without_side_lists(out: list[FormSheet], empty: list[str]) -> list[FormSheet]:
    """Beside a workbook's 附件2, another sheet of facilities that is no 红橙黄 list: the township's register of what
    it checked (序号 | 机构名称 | 类别 | 地址 …, neither 风险隐患点 nor 等级) or the notice's 绿色名单 under its own title.
    Read as a second 附件2, each of its rows was DISPOSAL_MISSING (and GREEN_IN_LIST) and went onto the consolidated
    红橙黄 list (blind audit of correct workbooks). Such a sheet is passed over as other sheets that hold no form are;
    one under 附件2's own title is always read."""
    lists = [fs for fs in out if fs.form.key == "F2"]
    if len(lists) < 2:
        return out
    core = [fs for fs in lists if ("points" in fs.match.columns or "level" in fs.match.columns)
            and not _titled_green(fs.grid) and not _titled_own_record(fs.grid)]
    if not core:
        return out
    aside = []
    for fs in lists:
        if fs in core:
            continue
        titled = titled_form(fs.grid)
        if titled is None or titled[0].key != "F2" or _titled_own_record(fs.grid):
            aside.append(fs)
            empty.append(fs.grid.name)
    return [fs for fs in out if fs not in aside] if aside else out


def _titled_own_record(grid: Grid) -> bool:
    """A sheet titled as the township's own record beside its 附件2 (近海镇“红橙黄绿”四色名单汇总（内部留存）, 排查台账): its
    facilities were read as a second 附件2 — each DUPLICATE_FACILITY, its green ones on the city's list (audit of
    exports). Passed over where the workbook has its 附件2 besides."""
    for r in range(min(len(grid.rows), 4)):
        for t in grid.row_texts(r)[:12]:
            if t and len(t) <= 80 and _OWN_RECORD.search(t):
                return True
    return False


_OWN_RECORD = re.compile(r"四色|红橙黄绿|内部留存|内部掌握|留存备查|仅供参考|自存|台账")


def _titled_green(grid: Grid) -> bool:
    """A sheet titled as the 绿色名单 (惠萍镇养老服务机构“绿色”名单), in one of its first rows, naming no other level."""
    for r in range(min(len(grid.rows), 4)):
        for t in grid.row_texts(r)[:12]:
            if t and len(t) <= 60 and _GREEN_LIST.search(t) and not any(w in t for w in ("红", "橙", "黄")):
                return True
    return False


# no form is this wide (附件4: 11 columns): a sheet narrower than this holds no two forms side by side
_SIDE_BY_SIDE_WIDTH = 14
_SIDE_BY_SIDE_CELLS = 2_000_000


def _side_by_side(grid: Grid) -> list[tuple[Grid, list[HeaderMatch]]] | None:
    """Forms set side by side on one sheet (附件2 in A:G, 附件3 from J, as printed on one landscape page),
    parted by a column empty from top to bottom: each part read as a sheet of its own (the other parts' cells
    blanked, so that cell references stay the sheet's). Read whole, the right-hand form's header was taken for
    extra columns of the left one, its rows bound to the left one's facilities or lost (blind audit of layouts).
    None when fewer than two parts hold a form: a column of notes beside a form is not a form of its own. Only
    asked where the sheet read whole leaves two header cells or more unexplained: one wide form with a blank
    column inside (the facility sheet) is read whole, its left half never taken for an 附件2 (review)."""
    if sum(map(len, grid.rows)) > _SIDE_BY_SIDE_CELLS:
        return None  # (each part is a copy of the sheet)
    filled: set[int] = set()
    for row in grid.rows:
        filled.update(c for c, v in enumerate(row) if v != "" and v is not None)
    starts = sorted(c for c in filled if c - 1 not in filled)  # where each run of filled columns begins
    if len(starts) < 2:
        starts = _glued_starts(grid)
    if not 2 <= len(starts) <= 6:
        return None  # (a sheet of scattered cells is no row of forms)
    parts: list[tuple[int, Grid, list[HeaderMatch]]] = []  # (first column, the part, its forms)
    for k, lo in enumerate(starts):
        hi = starts[k + 1] if k + 1 < len(starts) else grid.width
        part = _columns_only(grid, lo, hi)
        found = [m for m in find_forms(part) if _whole_or_titled(part, m)]
        if found or not parts:
            parts.append((lo, part, found))
        else:  # columns beside a form holding none of their own: the form's extra columns after all
            first = parts[-1][0]
            merged = _columns_only(grid, first, hi)
            parts[-1] = (first, merged, [m for m in find_forms(merged) if _whole_or_titled(merged, m)])
    return [(part, found) for _, part, found in parts] if sum(bool(p[2]) for p in parts) >= 2 else None


def _glued_starts(grid: Grid) -> list[int]:
    """Where forms set side by side with no empty column between them begin: at each 序号 (or, without one, each
    名称) of a header row naming it twice or more — else at each form's own label (附件3：) right of the first. Read
    whole, the right-hand form's name and points were extra columns and its disposals went to the left-hand
    form's facilities row by row (review)."""
    labels: set[int] = set()
    for r in range(min(len(grid.rows), SCAN_ROWS)):
        row = grid.row_texts(r)[:200]
        keys = [_header_key(t) if t else "" for t in row]
        for heads in (_SEQ_KEYS, _NAME_KEYS):
            at = [c for c, k in enumerate(keys) if k in heads]
            if len(at) >= 2:
                # and each form's own label above (附件4 beside 附件3 has no 序号: it was read as 附件3's columns'
                # owner, the whole 附件3 lost; audit of layouts)
                return sorted(set(at) | labels)
        labels.update(c for c, t in enumerate(row) if c and t and _FORM_LABEL.match(t)
                      and (r, c) not in grid.merged_origin)
    return sorted({0} | labels) if labels else []


_SEQ_KEYS = frozenset(map(_header_key, _SEQ_HEADS))
_NAME_KEYS = frozenset(_header_key(h) for h in ("养老服务机构及场所名称", *NAME_VARIANTS))
_FORM_LABEL = re.compile(r"^\s*附\s*件\s*[1-4]\s*[:：]?\s*$")


def _whole_or_titled(part: Grid, m: HeaderMatch) -> bool:
    """A part of a wide sheet is a form with every required column, or under that form's own title (附件3 set
    beside 附件2 without its 风险隐患点 column): a reference list pasted beside a form (序号 | 名称 | 风险隐患点 |
    等级, 对照附件2) is not (review)."""
    if all(c.field in m.columns for c in m.form.required):
        return True
    titled = titled_form(part)
    return titled is not None and titled[0].key == m.form.key


def _columns_only(grid: Grid, lo: int, hi: int) -> Grid:
    """A copy of the sheet with only columns lo..hi-1 kept (the others blank)."""
    rows = [[v if lo <= c < hi else "" for c, v in enumerate(row)] for row in grid.rows]
    merged = {k: v for k, v in grid.merged_origin.items() if lo <= k[1] < hi and lo <= v[1] < hi}
    return replace(grid, rows=rows, merged_origin=merged, _texts={}, _firsts={}, _width=None)


_CONSOLIDATED_HEADS = (FINDINGS_HEADS, SUMMARY_HEADS)  # the sheets consolidate writes (not diff's, annotate's)


def marked_consolidated(path: Path) -> bool:
    """The document property consolidate writes (yanglao = consolidated): a workbook it wrote, not a township's
    that copied its 校验问题 sheet in, or named a sheet of its own 汇总 — and one a city sent up after deleting or
    renaming those sheets."""
    return _marked(path, b"consolidated")


def marked_diff(path: Path) -> bool:
    """The document property `diff -o` writes (yanglao = diff): the changes between two periods, no submission."""
    return _marked(path, b">diff<")


def _marked(path: Path, value: bytes) -> bool:
    """The workbook carries the document property yanglao = `value` (this tool's own outputs)."""
    # (an .ods keeps it in meta.xml: <meta:user-defined meta:name="yanglao">consolidated)
    part = safety.small_part(path, "docProps/custom.xml") or safety.small_part(path, "meta.xml")
    return part is not None and value in part and b"yanglao" in part


def written_by_us(grid: Grid) -> bool:
    """A sheet this tool wrote beside the forms (校验结果 of an annotated copy, 汇总, 校验问题, 变化)."""
    return _our_head(grid) is not None


def _our_head(grid: Grid) -> tuple[str, ...] | None:
    """The header row this tool writes beside the forms (forms.OUR_SHEET_HEADS) that a sheet has in one of its
    first three rows (汇总 and 校验结果 have a title above it), else None."""
    for r in range(min(len(grid.rows), 3)):
        texts = tuple(t for t in grid.row_texts(r)[:16] if t)
        if texts in OUR_SHEET_HEADS:
            return texts
    return None


def titled_form(grid: Grid) -> tuple[FormDef, str] | None:
    """A sheet that carries a form's title (in a cell of its own, near the top) and no header of it: the form
    laid out otherwise (vertically, headers renamed). Its form and the title's cell."""
    for r in range(min(len(grid.rows), 8)):
        for c, t in enumerate(grid.row_texts(r)[:12]):
            if not t or len(t) > 60 or (r, c) in grid.merged_origin:
                continue
            form = _title_of(t)
            if form is not None:
                return form, ref(r, c)
    return None


# a sheet named as the form itself (附件2, 附件2（6月）), not one about it (附件2填报说明; review)
_SHEET_FORM = re.compile(r"\s*附\s*件\s*([1-4])\s*(?:[（(][^（）()]*[)）])?\s*")


def labelled_form(grid: Grid) -> tuple[FormDef, str] | None:
    """A sheet named as a form (附件2) under that form's own label (附件2：) near the top, rows filled in below it,
    and neither its title nor its header to be found: the form, the label's cell. Its rows were dropped without a
    word (audit of hostile input: a title lost to a merge over it)."""
    m = _SHEET_FORM.fullmatch(grid.name)
    if m is None:
        return None
    for r in range(min(len(grid.rows), 4)):
        for c, t in enumerate(grid.row_texts(r)[:4]):
            if t and _FORM_LABEL.match(t) and t.replace(" ", "").startswith(f"附件{m[1]}"):
                # (rows of figures or names, not its signatures: a sheet left with its label and 填报人 line is none)
                filled = sum(1 for rr in range(r + 1, min(len(grid.rows), r + 30))
                             if sum(1 for x in grid.row_texts(rr) if x) >= 3 and not is_footer_row(grid, rr))
                return (BY_KEY[f"F{m[1]}"], ref(r, c)) if filled else None
    return None


def vertical_form(grid: Grid) -> tuple[FormDef, str] | None:
    """A one-row form (附件1, 附件4) typed transposed, its columns' names down one column (项目 | 数量): the form and
    the first name's cell. Not read (a clerk is asked for the template's layout), but said so: the message spoke
    of a missing title and header that were there (audit of layouts)."""
    forms = [f for f in ALL_FORMS if f.key in ("F1", "F4")]
    for c in range(min(grid.width, 6)):
        for form in forms:
            found: dict[str, int] = {}  # field -> the first row naming it
            for r in range(min(len(grid.rows), 60)):
                t = grid.text(r, c)
                if t and len(t) <= 60 and "：" not in t and ":" not in t and \
                        (f := match_header(form, t, set())) is not None:  # (not 填报单位：…, a line of its own)
                    found.setdefault(f, r)
            if len(found) >= 3:
                return form, ref(min(found.values()), c)
    return None


@functools.lru_cache(maxsize=1024)
def _title_of(text: str) -> FormDef | None:
    """The form whose title the text is (with a period or unit around it), not a 填报说明 nor a summary of
    the form (the consolidated workbook's 汇总 sheet)."""
    k = header_key(text)
    if "说明" in k or "汇总" in k:
        return None
    return next((form for form in ALL_FORMS
                 if any(tk and tk in k and len(k) <= len(tk) + 20 for tk in _title_keys(form.key))), None)


@functools.cache
def _title_keys(form_key: str) -> tuple[str, ...]:
    form = BY_KEY[form_key]
    return tuple(header_key(t) for t in (form.title, *form.title_variants))


# ---- the facility sheet laid out as an inspection form -------------------------------------------------

_FAC_FIELDS = ("name", "township", "category", "registered", "filed", "beds", "prepay_people", "insolvent", "note",
               "inspector", "date")
_ANSWER_CELL = re.compile(r"[是否有无][，,、；;:：（(\s]")
# a choice printed in the cell and ticked (√是 □否): a paper form's answer, as on a row-per-facility sheet (the
# sheet was FORM_NOT_FOUND, or each point VALUE_REQUIRED; blind audit of classify)
_PRINTED_CHOICE = re.compile(r"[√✓✔☑■□☐☒○●◎]\s*[是否有无]")
_TICKS = frozenset("√✓✔●☑")
_POINT_NO = re.compile(r"^(?:风险隐患点|第)?\s*(\d{1,2})\s*(?:项)?\s*[.、．:：)）]?\s*")


def read_vertical_facility(workbook: Workbook, grid: Grid) -> FormSheet | None:
    """The facility sheet as a paper inspection form: label–value pairs (机构名称：…, 类别 | A) and the 15 risk
    points as rows (a point's own words, with or without its number; 是/否, or a tick under a 是 or 否 column;
    a note). Read into the facility form's one row, each field keeping its real cell. None unless the sheet
    names a facility once and lists at least 10 of the 15 points by their words, one answered."""
    from .forms import FAC
    from .normalize import parse_answer

    values: dict[str, tuple[Any, str, str]] = {}  # field -> (value, text, ref)
    points: dict[int, tuple[str, str]] = {}  # n -> (answer text with its note, ref)
    listed: set[int] = set()
    unanswered: dict[int, str] = {}  # n -> the cell its answer belongs in
    yes_col = no_col = None
    height = min(len(grid.rows), 120)
    for r in range(height):
        texts = grid.row_texts(r)[:20]
        cells = [(c, t) for c, t in enumerate(texts) if t and (r, c) not in grid.merged_origin]
        if not cells:
            continue
        words = {t for _, t in cells}
        # a header with a 是 column and a 否 column next to each other among the row's cells (a form pasted from
        # Word spans each over two): ticks below — not 是否资不抵债 | 否 | 是否已备案 | 是, two answered labels
        at = {t: i for i, (_, t) in reversed(list(enumerate(cells)))}  # each text's first cell
        if {"是", "否"} <= words and len(cells) <= 6 and abs(at["是"] - at["否"]) == 1:
            yes_col, no_col = cells[at["是"]][0], cells[at["否"]][0]
            continue
        # (a row led by a field's label is that field's, whatever its value says: 机构名称 | 福寿养生馆（已爆雷） was
        # read as point 13's row and the sheet lost; blind audit of the facility sheet)
        led = match_header(FAC, cells[0][1].replace(":", "：").partition("：")[0].strip(), set()) in _FAC_FIELDS
        hit = None if led else next(((k, n) for k, (c, t) in enumerate(cells[:3]) for n in [_point_of(t)]
                                     if n is not None), None)
        if hit is None and len(cells) >= 2 and not led:
            hit = _numbered_point(cells[0][1], cells[1][1])
        if hit is not None:
            k, n = hit
            listed.add(n)
            # the answer's own column: the first after the point's words (a Word paste spans them over two)
            at_col = cells[k][0] + 1
            while grid.merged_origin.get((r, at_col)) == (r, cells[k][0]):
                at_col += 1
            answer = _point_answer(cells, k, yes_col, no_col, parse_answer, at_col)
            if answer is None:  # an answer merged down from the row above (否 over several points' rows), in the
                # answer's column or a tick column: not a 说明 merged down (/ or 无 there answers nothing)
                below = [(c, t) for c, t in enumerate(texts) if t and c in (at_col, yes_col, no_col)
                         and grid.merged_origin.get((r, c), (r, c))[0] < r]
                answer = _point_answer([cells[k], *below], 0, yes_col, no_col, parse_answer, at_col) if below else None
            if answer is None:
                # written in the answer's own column but no answer (见说明, abc): read, VALUE_INVALID — it was
                # VALUE_REQUIRED, “不能为空” of a cell filled in (blind audit of the facility sheet)
                answer = next(((c, t) for c, t in cells[k + 1:] if c == at_col and t not in _TICKS), None)
            if answer is not None and n not in points:
                c_ans, t_ans = answer
                note = "；".join(t for c, t in cells[k + 1:] if c > c_ans and t not in _TICKS)
                points[n] = (t_ans + (f"，{note}" if note else ""), ref(r, c_ans))
            elif answer is None:  # listed, answered neither way: VALUE_REQUIRED where the answer belongs
                unanswered.setdefault(n, ref(r, yes_col if yes_col is not None else at_col))
            continue
        for i, (c, t) in enumerate(cells):
            label, sep, inline = t.replace(":", "：").partition("：")
            f = match_header(FAC, label.strip(), set())
            if f not in _FAC_FIELDS:
                continue
            if f in values:
                if f == "name":
                    grid.two_facilities = True  # (FORM_NOT_FOUND says so)
                    return None  # two facilities on one sheet: not read as one
                continue
            if sep and inline.strip():
                values[f] = (inline.strip(), inline.strip(), ref(r, c))
            # (12 beds is no label for point 12; nor 福寿养生馆（已爆雷） for point 13, a point's words in a name: the
            # sheet was lost; blind audit of the facility sheet)
            elif i + 1 < len(cells) and (_looks_like_value(cells[i + 1][1]) or match_header(
                    FAC, cells[i + 1][1].partition("：")[0], set()) not in _FAC_FIELDS):
                c2, t2 = cells[i + 1]
                values[f] = (grid.rows[r][c2], t2, ref(r, c2))
    # (every point left blank: the facility read, each answer asked — it was FORM_NOT_FOUND; blind audit of the
    # facility sheet)
    if "name" not in values or len(listed) < 10 or not points and not unanswered:
        return None
    for n, where in unanswered.items():
        points.setdefault(n, ("", where))
    fields = [*(f for f in _FAC_FIELDS if f in values), *(f"p{n}" for n in sorted(points))]
    row_values: list[Any] = []
    row_texts: list[str] = []
    cell_map: dict[str, str] = {}
    for i, f in enumerate(fields):
        v, t, real = values[f] if f in values else (points[int(f[1:])][0], points[int(f[1:])][0],
                                                      points[int(f[1:])][1])
        row_values.append(v)
        row_texts.append(t)
        cell_map[f"{col_letter(i)}1"] = real
    m = HeaderMatch(FAC, 0, 0, {f: i for i, f in enumerate(fields)}, {}, len(fields))
    fs = FormSheet(workbook, grid, m, title=FAC.title, cell_map=cell_map)
    fs.rows.append(RawRow(1, row_values, row_texts))
    # its footer (填报人, 填报日期) and 填报单位 line wherever they are written, outside the cells read above: without
    # the footer an inspection dated after the report passed (DATE_IN_FUTURE), without the unit line the file's
    # name was the unit — no UNIT_UNKNOWN, no UNIT_CONFLICT with 所在区镇 (blind audits of classify)
    used = set(cell_map.values())
    for r in range(height):
        for c, t in enumerate(grid.row_texts(r)[:20]):
            if t and (r, c) not in grid.merged_origin and ref(r, c) not in used:
                _unit_cell(fs, grid, r, c, t)
                _footer_cell(fs, grid, r, c, t)
    if "township" in values and not fs.unit_text:
        fs.unit_text, fs.unit_ref = values["township"][1], values["township"][2]
    return fs


def _point_answer(cells: list[tuple[int, str]], k: int, yes_col: int | None, no_col: int | None,
                  parse_answer: Any, at_col: int) -> tuple[int, str] | None:
    """A point row's answer: a tick under the 是 or 否 column, or a 是/否 cell after the point (with its note
    after a separator) — 不涉及 or / only in the answer's own column `at_col` (in a 说明 they answer nothing) —
    or 是/否 after a colon in the point's own cell (4.虚假或夸大宣传：是)."""
    if yes_col is not None:
        marked = [c for c, t in cells[k + 1:] if (t in _TICKS or t in ("是", "否")) and c in (yes_col, no_col)]
        if len(marked) > 1:  # ticked under both: no answer to read (VALUE_INVALID at the 是 tick)
            return yes_col, "“是”“否”两栏都已勾选"
        if marked:
            return marked[0], "是" if marked[0] == yes_col else "否"
    for c, t in cells[k + 1:]:  # (不涉及, /: the point does not hold, as on the row-per-facility sheet)
        if (len(t) <= 3 or _ANSWER_CELL.match(t) or _PRINTED_CHOICE.search(t)) and \
                parse_answer(t, allow_na=c == at_col).ok and \
                parse_answer(t, allow_na=c == at_col).value:
            return c, t
    c0, t0 = cells[k]
    tail = t0.replace(":", "：").rpartition("：")[2]
    if tail and tail != t0 and len(tail) <= 3 and parse_answer(tail).ok and parse_answer(tail).value:
        return c0, tail
    return None


@functools.cache
def _point_keys() -> dict[str, int]:
    """Each risk point's words as a header key, and the short ones clerks write (爆雷, 其他)."""
    from .models import RISK_POINTS

    return {**{header_key(words): n for n, words in RISK_POINTS.items()}, "爆雷": 13, "其他": 15, "其他情形": 15}


def _numbered_point(number: str, label: str) -> tuple[int, int] | None:
    """(1, n) for a paper form's row numbered n whose label is point n's words shortened (7 | 收取大额预付费，资金使用
    不规范，但资可抵债): they were read as the 收取大额预付费人数 label, the point's answer lost (blind audit of
    classify). The label must be made, in order, of point n's own words."""
    import difflib

    from .models import RISK_POINTS

    n = number.strip().rstrip(".、．")
    if not n.isdecimal() or not 1 <= int(n) <= 15:
        return None
    key, words = header_key(label), header_key(RISK_POINTS[int(n)])
    if len(key) < 4:
        return None
    same = sum(b.size for b in difflib.SequenceMatcher(None, key, words, autojunk=False).get_matching_blocks())
    return (1, int(n)) if same >= 0.8 * len(key) else None


def _point_of(text: str) -> int | None:
    """The risk point a row is about, by its own words (with or without its number, ①, 风险隐患点8): a number
    alone is not enough, since paper forms number every line."""
    from .normalize import _CIRCLED_TABLE, to_halfwidth

    h = to_halfwidth(text).translate(_CIRCLED_TABLE).strip()
    h = h.replace(":", "：").partition("：")[0] if "：" in h.replace(":", "：") and not h.startswith("风险隐患点") else h
    m = _POINT_NO.match(h)
    number = int(m[1]) if m and m[1] else None
    if m and h.startswith("风险隐患点") and number and 1 <= number <= 15:
        return number
    key = header_key(h[m.end():] if m else h)
    if not key:
        return None
    exact = _point_keys().get(key)
    if exact is not None and (number is None or number == exact):
        return exact
    if len(key) >= 6:
        for words, n in _point_keys().items():
            if key in words and (number is None or number == n):
                return n
    return None
