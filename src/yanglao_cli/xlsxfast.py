"""xlsxwriter's workbook and worksheet with their innermost loops specialised for what this tool writes.

At province scale the consolidated workbook has a million cells; xlsxwriter spends most of its time in two
generic per-cell methods (storing a cell, and writing its XML at close). The subclass does the same for the
plain cases — a formatted string, number or blank, shared strings, not constant_memory — and leaves every
other case to xlsxwriter. The XML is byte for byte what xlsxwriter writes (tests/test_xlsxfast.py compares
both on every kind of cell); where this xlsxwriter lacks the internals relied on, the stock class is used.

At close, xlsxwriter writes every part to a temporary file and then deflates them one after the other into the
zip. FastWorkbook deflates each large worksheet in a thread as soon as its XML is written, while the next
sheet is assembled (zlib works without Python's lock, so on the other core); the zip then takes the ready
stream. zipfile's own compressor with the same settings makes it, so the file is byte for byte the same.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, cast

import xlsxwriter
from xlsxwriter import packager as _pk
from xlsxwriter import utility as _util
from xlsxwriter import workbook as _wb
from xlsxwriter import worksheet as _ws
from xlsxwriter.sharedstrings import SharedStrings, SharedStringTable
from xlsxwriter.utility import xl_col_to_name

_preserve_whitespace = getattr(_util, "_preserve_whitespace", None)

_STRING: Any = getattr(_ws, "CellStringTuple", None) or getattr(_ws, "cell_string_tuple", None)
_NUMBER: Any = getattr(_ws, "CellNumberTuple", None) or getattr(_ws, "cell_number_tuple", None)
_BLANK: Any = getattr(_ws, "CellBlankTuple", None) or getattr(_ws, "cell_blank_tuple", None)
_ROW_INFO = getattr(_ws, "RowInfo", None)
_ROW_HEIGHTS: dict[int, Any] = {}  # height in pixels -> its RowInfo (immutable: shared by rows)
_COLS = [xl_col_to_name(c) for c in range(64)]
_INF = float("inf")


DEFLATE_AHEAD_BYTES = 1 << 20  # worksheets from this size are deflated in a thread; smaller ones take no time
# zlib's level for every part: 5 deflates a province's 50 MB of XML in half the time of the default 6, for a file
# 3 % larger (4.86 MB against 4.72 MB at 2,000 units; issue 9)
DEFLATE_LEVEL = 5


_CELL_XML = re.compile(r'<c r="([A-Z]+)[0-9]+" s="(\x01[0-9]+\x02|[0-9]+)"( t="s")?(?:><v>([^<]*)</v></c>|/>)')
_COL_OF = {name: i for i, name in enumerate(_COLS)}


class _Table(defaultdict):
    """xlsxwriter's table of cells (row -> column -> cell), which also holds rows put_row stored as their finished
    XML (`rendered`): row -> (the cells' XML with a placeholder for each format's number, first and last column,
    the row's formats in the order they appear, its numbers as given). A rendered row holds no cell objects (a province's 120,000 rows
    of 11 cells are 100 MB less); whatever asks the table for such a row gets its cells back first."""

    def __init__(self) -> None:
        super().__init__(dict)
        self.rendered: dict[int, tuple[str, int, int, tuple[Any, ...], tuple[Any, ...]]] = {}
        self.formats: list[Any] = []  # placeholder number -> format
        self.numbered: dict[str, Any] = {}  # a format numbered before its first row (writer.Styles): its number -> it
        self.mids: dict[Any, tuple[str, str, str]] = {}  # format -> XML between reference and value, per kind
        self.row_formats: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # formats per column -> distinct, shared

    def mid(self, fmt: Any) -> tuple[str, str, str]:
        # a format numbered already is written as its number; any other as a placeholder, numbered when the sheet
        # is written, in the order xlsxwriter numbers formats on first use (_numbered)
        ph = f"\x01{len(self.formats)}\x02"
        self.formats.append(fmt)
        if isinstance(getattr(fmt, "xf_index", None), int):
            ph = str(fmt.xf_index)
            self.numbered[ph] = fmt
        m = self.mids[fmt] = (f'" s="{ph}" t="s"><v>', f'" s="{ph}"><v>', f'" s="{ph}"/>')
        return m

    def __missing__(self, row: int) -> dict:
        if row in self.rendered:
            return self._cells_of(row)
        return super().__missing__(row)

    def __contains__(self, row: object) -> bool:
        return dict.__contains__(self, row) or (row in self.rendered and bool(self._cells_of(row)))  # type: ignore[arg-type]

    def get(self, row: Any, default: Any = None) -> Any:
        if not dict.__contains__(self, row) and row in self.rendered:
            return self._cells_of(row)
        return dict.get(self, row, default)

    def _cells_of(self, row: int) -> dict:
        """A rendered row as xlsxwriter's cells again (nothing this tool writes asks for one)."""
        text, _, _, _, numbers = self.rendered.pop(row)
        given = iter(numbers)  # as given, not as written: autofit measures str(number)
        cells: dict[int, Any] = {}
        for letters, k, shared, value in _CELL_XML.findall(text):
            fmt = self.formats[int(k[1:-1])] if k[0] == "\x01" else self.numbered[k]
            col = _COL_OF[letters]
            if shared:
                cells[col] = _STRING(int(value), fmt)  # type: ignore[misc]
            elif value:
                cells[col] = _NUMBER(next(given), fmt)  # type: ignore[misc]
            else:
                cells[col] = _BLANK(fmt)  # type: ignore[misc]
        dict.__setitem__(self, row, cells)
        return cells


class FastWorksheet(_ws.Worksheet):
    # set by FastWorkbook while it stores the workbook: called with the path of this sheet's finished XML
    xml_written: Callable[[str], None] | None = None
    _xml_path: str | None = None
    # xlsxwriter's own: the sheet's extent so far, None before a cell is stored
    dim_rowmin: int | None
    dim_rowmax: int | None
    dim_colmin: int | None
    dim_colmax: int | None

    def __init__(self) -> None:
        super().__init__()
        self.table = _Table()

    def _set_xml_writer(self, filename: Any) -> None:
        super()._set_xml_writer(filename)
        self._xml_path = filename if isinstance(filename, str) else None  # a StringIO when in_memory

    def _assemble_xml_file(self) -> None:
        super()._assemble_xml_file()
        if self.xml_written is not None and self._xml_path is not None:
            self.xml_written(self._xml_path)

    def _write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> int:
        if (self.constant_memory or len(string) > 8000 or not 0 <= row < self.xls_rowmax
                or not 0 <= col < self.xls_colmax):
            return super()._write_string(row, col, string, cell_format)
        self._grow(row, col)
        self.table[row][col] = _STRING(self.str_table._get_shared_string_index(string), cell_format)  # type: ignore[misc]
        return 0

    def put_row(self, row: int, cells: list[tuple[Any, Any]]) -> None:
        """Cells (value, format) of one row from column 0, as write_string/write_number/write_blank would store
        them: a non-empty str is a shared string, an int or a finite float a number, "" or None a blank. A new
        row of formatted cells is kept as its XML (see _Table); the shared strings are numbered now, as
        write_string numbers them, and the formats when the sheet is written, in the order xlsxwriter would."""
        if self.constant_memory or not 0 <= row < self.xls_rowmax or len(cells) > 64:
            return self._put_one_by_one(row, cells)
        table = self.table
        if cells and isinstance(table, _Table) and not dict.__contains__(table, row) and row not in table.rendered:
            return self._render_row(table, row, cells)
        return self._store_row(row, cells)

    def _render_row(self, table: _Table, row: int, cells: list[tuple[Any, Any]]) -> None:
        """The row as its XML when every cell is a formatted string of at most 8,000 characters, a finite int or
        float, or a blank; else stored as cells (_store_row). Strings new to the shared table are numbered only
        once the row is known to render, in column order, as write_string would have numbered them."""
        known = self.str_table.string_table
        mids = table.mids
        r = row + 1
        parts: list[Any] = []
        numbers = []
        fmts = []
        fresh = []  # (part, column, XML before the index) of strings not yet in the shared table
        hits = 0  # strings already in the shared table: counted as _get_shared_string_index counts them
        col = 0
        for v, fmt in cells:
            if fmt is None:
                return self._store_row(row, cells)  # a cell without a format takes its row's or column's
            m = mids.get(fmt) or table.mid(fmt)
            cls = v.__class__
            if cls is str:
                if not v:
                    parts.append(f'<c r="{_COLS[col]}{r}{m[2]}')
                elif len(v) > 8000:
                    return self._store_row(row, cells)
                else:
                    i = known.get(v)
                    if i is None:
                        fresh.append((len(parts), col, m[0]))
                        parts.append(v)
                    else:
                        hits += 1
                        parts.append(f'<c r="{_COLS[col]}{r}{m[0]}{i}</v></c>')
            elif (cls is int or cls is float) and -_INF < v < _INF:
                parts.append(f'<c r="{_COLS[col]}{r}{m[1]}{v:.16G}</v></c>')
                numbers.append(v)
            elif v is None:
                parts.append(f'<c r="{_COLS[col]}{r}{m[2]}')
            else:
                return self._store_row(row, cells)  # xlsxwriter's path for anything else
            fmts.append(fmt)
            col += 1
        sst = self.str_table
        if fresh:
            index = sst._get_shared_string_index
            for at, c, before in fresh:
                v = parts[at]
                i = known.get(v)  # (the same new string twice in the row: numbered by the first)
                if i is None:
                    i = index(v)
                else:
                    hits += 1
                parts[at] = f'<c r="{_COLS[c]}{r}{before}{i}</v></c>'
        sst.count += hits
        key = tuple(fmts)
        formats = table.row_formats.get(key)
        if formats is None:
            formats = table.row_formats[key] = tuple(dict.fromkeys(key))
        last = col - 1
        table.rendered[row] = ("".join(parts), 0, last, formats, tuple(numbers) if numbers else ())
        # (_grow for columns 0 and `last`, inline: asked for every row)
        if self.dim_rowmin is None or row < self.dim_rowmin:
            self.dim_rowmin = row
        if self.dim_rowmax is None or row > self.dim_rowmax:
            self.dim_rowmax = row
        if self.dim_colmin is None or self.dim_colmin > 0:
            self.dim_colmin = 0
        if self.dim_colmax is None or last > self.dim_colmax:
            self.dim_colmax = last
        return None

    def _store_row(self, row: int, cells: list[tuple[Any, Any]]) -> None:
        table_row = self.table[row]
        sst = self.str_table
        index, known = sst._get_shared_string_index, sst.string_table
        new = tuple.__new__  # what the cell namedtuples' own __new__ calls, without its Python frame
        first = last = -1  # columns stored: the sheet's dimensions grow by these only, as xlsxwriter's would
        hits = 0  # strings already in the shared table: counted as _get_shared_string_index counts them
        try:
            for col, (v, fmt) in enumerate(cells):
                cls = v.__class__
                if cls is str and v and len(v) <= 8000:
                    i = known.get(v)
                    if i is None:
                        i = index(v)
                    else:
                        hits += 1
                    table_row[col] = new(_STRING, (i, fmt))
                elif (cls is int or cls is float) and -_INF < v < _INF:
                    table_row[col] = new(_NUMBER, (v, fmt))
                elif v is None or v == "":
                    if fmt is None:
                        continue  # xlsxwriter writes no blank cell without a format
                    table_row[col] = new(_BLANK, (fmt,))
                else:
                    self._put_one_by_one(row, [(v, fmt)], col)
                    continue
                if first < 0:
                    first = col
                last = col
        finally:
            sst.count += hits
        if first >= 0:
            self._grow(row, first)
            self._grow(row, last)
        if not table_row:
            del self.table[row]  # xlsxwriter's table has no entry for a row without cells
        return None

    def _put_one_by_one(self, row: int, cells: list[tuple[Any, Any]], first: int = 0) -> None:
        for col, (v, fmt) in enumerate(cells, start=first):
            if isinstance(v, str) and v:
                self._write_string(row, col, v, fmt)
            elif isinstance(v, int | float) and not isinstance(v, bool):
                self._write_number(row, col, v, fmt)
            elif v is None or v == "":
                self._write_blank(row, col, None, fmt)
            else:
                raise TypeError(f"put_row: {v!r}")

    def set_row(self, row: int, height: float | None = None, cell_format: Any = None,
                options: dict[str, Any] | None = None) -> int:
        """A row's height alone (every data row gets one) stored as set_row_pixels stores it, without its
        option handling; anything else goes to xlsxwriter."""
        if (height is None or not height > 0 or cell_format is not None or options or self.constant_memory
                or not 0 <= row < self.xls_rowmax or _ROW_INFO is None):
            return super().set_row(row, height, cell_format, options)
        pixels = int(height * 4.0 / 3.0 + 0.5)
        if pixels == 0:  # a height that rounds to nothing hides the row: xlsxwriter's path
            return super().set_row(row, height, cell_format, options)
        lo, hi, first = self.dim_rowmin, self.dim_rowmax, self.dim_colmin
        # (a row put already is inside the dimensions; hi is set with lo: no check added, asked for every row)
        if lo is None or not lo <= row <= hi or first is None:  # type: ignore[operator]
            self._grow(row, first if first is not None else 0)  # as set_row_pixels checks it
        info = _ROW_HEIGHTS.get(pixels)  # one per height: a province's 120,000 rows have a few dozen heights
        if info is None:
            info = _ROW_HEIGHTS[pixels] = _ROW_INFO(height=pixels, row_format=None, hidden=False, level=0,
                                                    collapsed=False)
        self.row_info[row] = info
        self.row_sizes[row] = [pixels, False]
        return 0

    def _grow(self, row: int, col: int) -> None:
        # _check_dimensions for a cell already known to be inside the sheet
        if self.dim_rowmin is None or row < self.dim_rowmin:
            self.dim_rowmin = row
        if self.dim_rowmax is None or row > self.dim_rowmax:
            self.dim_rowmax = row
        if self.dim_colmin is None or col < self.dim_colmin:
            self.dim_colmin = col
        if self.dim_colmax is None or col > self.dim_colmax:
            self.dim_colmax = col

    def _write_rows(self) -> None:
        # xlsxwriter's loop over rows and cells, with the plain cells' XML made here in one piece per row
        # (xlsxwriter writes rows only when the dimensions are set)
        if self.constant_memory or cast(int, self.dim_colmax) >= 64:
            return super()._write_rows()
        self._calculate_spans()
        table, comments, row_info, spans = self.table, self.comments, self.row_info, self.row_spans
        rendered: dict[int, tuple[str, int, int, tuple[Any, ...], tuple[Any, ...]]] = getattr(table, "rendered", {})
        cmin, cmax = self.dim_colmin, self.dim_colmax
        write = self.fh.write
        # the XML between a cell's reference and its value, per format; filled on a format's first cell so that
        # formats are numbered (_get_xf_index) in the order xlsxwriter numbers them
        s_mid: dict[Any, str] = {}
        n_mid: dict[Any, str] = {}
        b_end: dict[Any, str] = {}
        batch: list[str] = []  # rendered rows, their formats numbered, written with their numbers in one piece
        numbered: set[int] = set()  # the rendered rows' format tuples (shared) whose formats are numbered

        def flush() -> None:
            if batch:
                write(_numbered("".join(batch), table.formats))
                batch.clear()

        for row_num in range(cast(int, self.dim_rowmin), cast(int, self.dim_rowmax) + 1):
            cells = dict.get(table, row_num)
            done = rendered.pop(row_num, None) if not cells else None  # written once: let it go
            if not (cells or done or row_num in row_info or row_num in comments):
                continue
            span = spans.get(row_num // 16)
            info = row_info.get(row_num)
            if done is not None:
                start = self._row_start(row_num, span, info)
                if start is None:
                    flush()
                    self._write_row(row_num, span, info)
                    start = ""
                text, _, _, formats, _ = done  # its columns are within the dimensions: _render_row grew them
                if id(formats) not in numbered:  # as xlsxwriter numbers them: in the order cells are written
                    for fmt in formats:
                        fmt._get_xf_index()
                    numbered.add(id(formats))
                batch.append(f"{start}{text}</row>")
                if len(batch) >= 512:  # a few hundred KB at a time: the sheet is never held twice
                    flush()
                continue
            flush()
            if not cells:
                self._write_empty_row(row_num, span, info)
                continue
            start = self._row_start(row_num, span, info)
            if start is None:
                self._write_row(row_num, span, info)
                parts = []
            else:
                parts = [start]
            r = row_num + 1
            for col in sorted(cells):
                if not cmin <= col <= cmax:
                    continue
                cell = cells[col]
                fmt = cell.format
                cls = cell.__class__
                if fmt is not None and cls is _STRING:
                    mid = s_mid.get(fmt)
                    if mid is None:
                        mid = s_mid[fmt] = f'" s="{fmt._get_xf_index()}" t="s"><v>'
                    parts.append(f'<c r="{_COLS[col]}{r}{mid}{cell.string}</v></c>')
                elif fmt is not None and cls is _NUMBER:
                    mid = n_mid.get(fmt)
                    if mid is None:
                        mid = n_mid[fmt] = f'" s="{fmt._get_xf_index()}"><v>'
                    parts.append(f'<c r="{_COLS[col]}{r}{mid}{cell.number:.16G}</v></c>')
                elif fmt is not None and cls is _BLANK:
                    end = b_end.get(fmt)
                    if end is None:
                        end = b_end[fmt] = f'" s="{fmt._get_xf_index()}"/>'
                    parts.append(f'<c r="{_COLS[col]}{r}{end}')
                else:
                    write("".join(parts))
                    parts.clear()
                    self._write_cell(row_num, col, cell)
            parts.append("</row>")
            write("".join(parts))
        flush()
        return None

    def _row_start(self, row_num: int, span: str | None, info: Any) -> str | None:
        """The <row> tag xlsxwriter's _write_row writes, for a row with no format, outline or hiding; else None."""
        if info is not None and (info.row_format is not None or info.hidden or info.level or info.collapsed):
            return None
        if self.excel_version == 2010:
            return None
        height = info.height if info is not None and info.height is not None else self.default_row_height
        tag = f'<row r="{row_num + 1}" spans="{span}"' if span else f'<row r="{row_num + 1}"'
        if height != self.original_row_height or height != self.default_row_height:
            tag += f' ht="{height * 0.75:.16g}" customHeight="1"'
        return tag + ">"

    def _calculate_spans(self) -> None:
        # the same spans (columns used per block of 16 rows) with min/max over each row's cells
        if self.constant_memory:
            return super()._calculate_spans()
        spans: dict[int, str] = {}
        lo = hi = -1
        cmin, cmax = self.dim_colmin, self.dim_colmax
        last = cast(int, self.dim_rowmax)  # (called with rows to write: the dimensions are set)
        rendered = getattr(self.table, "rendered", {})
        for row_num in range(cast(int, self.dim_rowmin), last + 1):
            for source in (self.table, self.comments, rendered):
                cols = dict.get(source, row_num)
                if cols:
                    if source is rendered:
                        a, b = cols[1], cols[2]
                        lo, hi = (a, b) if lo < 0 else (min(lo, a), max(hi, b))
                        continue
                    a, b = min(cols), max(cols)
                    if a < cmin or b > cmax:
                        inside = [c for c in cols if cmin <= c <= cmax]
                        if not inside:
                            continue
                        a, b = min(inside), max(inside)
                    if lo < 0:
                        lo, hi = a, b
                    else:
                        lo, hi = min(lo, a), max(hi, b)
            if (row_num + 1) % 16 == 0 or row_num == last:
                if lo >= 0:
                    spans[row_num // 16] = f"{lo + 1}:{hi + 1}"
                    lo = -1
        self.row_spans = spans
        return None


class FastWorkbook(xlsxwriter.Workbook):
    """xlsxwriter's Workbook with FastWorksheet sheets (where this xlsxwriter allows) and large sheets
    deflated ahead, in a thread, while the rest of the package is assembled."""

    def __init__(self, filename: Any = None, options: dict[str, Any] | None = None) -> None:
        super().__init__(filename, options)
        self.worksheet_class = worksheet_class()

    def _store_workbook(self) -> None:
        fast_sst = _can_write_sst_fast()
        if fast_sst:  # xlsxwriter's packager makes its SharedStrings by this module-level name: ours meanwhile
            _pk.SharedStrings = FastSharedStrings  # type: ignore[misc]
        try:
            self._store()
        finally:
            if fast_sst:
                _pk.SharedStrings = SharedStrings  # type: ignore[misc]

    def _store(self) -> None:
        if not _can_deflate_ahead() or self.in_memory:
            return super()._store_workbook()
        ready: dict[str, Future[bytes]] = {}
        with ThreadPoolExecutor(max_workers=1) as pool:

            def xml_written(path: str) -> None:
                try:
                    big = os.path.getsize(path) >= DEFLATE_AHEAD_BYTES
                except OSError:
                    return
                if big:
                    ready[path] = pool.submit(_deflate_file, path)

            sheets = [ws for ws in self.worksheets() if isinstance(ws, FastWorksheet)]
            for ws in sheets:
                ws.xml_written = xml_written
            saved = _wb.ZipFile
            # xlsxwriter opens its zip by this module-level name: ours for the duration of this call only
            _wb.ZipFile = lambda *a, **k: _DeflatedAheadZip(  # type: ignore[assignment]
                *a, ready=ready, compresslevel=DEFLATE_LEVEL, **k)
            try:
                super()._store_workbook()
            finally:
                _wb.ZipFile = saved
                for ws in sheets:
                    ws.xml_written = None
                for fut in ready.values():
                    fut.cancel()
        return None


@contextlib.contextmanager
def part_files() -> Iterator[str]:
    """A folder for xlsxwriter's part files (its `tmpdir`), removed with them however the write ends: xlsxwriter
    deletes them only once the zip is complete, and an interrupted run left them in the temporary folder — a
    diff's holding facility names (audit of determinism)."""
    with tempfile.TemporaryDirectory(prefix="yanglao-") as folder:
        yield folder


def close_workbook(wb: xlsxwriter.Workbook, target: Any) -> None:
    """wb.close(); a file that cannot be written (a full disk, a size limit) raises the OSError it is, naming
    `target` (xlsxwriter wraps it in FileCreateError, which the CLI took for an internal error), and the zip left
    half-written is let go quietly: its finaliser tried to finish it on the full disk and printed a traceback."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        wb.close()
    except FileCreateError as e:
        inner = e.args[0] if e.args and isinstance(e.args[0], OSError) else None
        _let_go(e)
        if inner is None:
            raise
        raise OSError(inner.errno, inner.strerror, str(target)) from None


def _let_go(e: BaseException) -> None:
    """Drop what the failed write's frames hold (the open zip), its finaliser's complaint unprinted."""
    import sys
    import traceback

    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        seen: set[int] = set()
        while e is not None and id(e) not in seen:
            seen.add(id(e))
            if e.__traceback__ is not None:
                traceback.clear_frames(e.__traceback__)
            e = e.__context__  # type: ignore[assignment]
    finally:
        sys.unraisablehook = hook


def _numbered(text: str, formats: list[Any]) -> str:
    """Rendered rows with each format's placeholder replaced by its number (formats already numbered)."""
    if "\x01" not in text:
        return text
    for k, fmt in enumerate(formats):
        ph = f"\x01{k}\x02"
        # a format already numbered is replaced without searching first (the search scanned megabytes again);
        # one not yet numbered only where it is used, as _get_xf_index numbers it on first use
        if getattr(fmt, "xf_index", None) is not None or ph in text:
            text = text.replace(ph, str(fmt._get_xf_index()))
    return text


# what makes xlsxwriter's shared-string writer change a string or add to its element: XML's specials, control
# characters (and the _xHHHH_ escapes Excel would take for them), non-characters; rich strings start with <r>
_SST_SPECIAL = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")


class FastSharedStrings(SharedStrings):
    """xlsxwriter's sharedStrings.xml writer with the strings it writes unchanged (most: a province's 65,000
    names and answers) joined in one piece; every other string goes through xlsxwriter's own _write_si."""

    def _write_sst_strings(self) -> None:
        special, preserve, write = _SST_SPECIAL.search, _preserve_whitespace, self.fh.write
        plain: list[str] = []
        for string in self.string_table.string_array:
            if string.__class__ is str and special(string) is None and not preserve(string):  # type: ignore[misc]
                plain.append(string)
                continue
            if plain:
                write("<si><t>" + "</t></si><si><t>".join(plain) + "</t></si>")
                plain = []
            self._write_si(string)
        if plain:
            write("<si><t>" + "</t></si><si><t>".join(plain) + "</t></si>")


def _can_write_sst_fast() -> bool:
    return (_preserve_whitespace is not None and getattr(_pk, "SharedStrings", None) is SharedStrings
            and hasattr(SharedStrings, "_write_si") and hasattr(SharedStrings, "_write_sst_strings"))


def _deflate_file(path: str) -> bytes:
    comp = zipfile._get_compressor(zipfile.ZIP_DEFLATED, DEFLATE_LEVEL)  # type: ignore[attr-defined]  # private; zipfile's own settings: the same stream
    out = []
    with open(path, "rb") as f:  # in pieces: a 25 MB sheet is not held whole (deflate's output is the same)
        while piece := f.read(1 << 20):
            out.append(comp.compress(piece))
    out.append(comp.flush())
    return b"".join(out)


def _can_deflate_ahead() -> bool:
    return (hasattr(zipfile, "_get_compressor") and hasattr(zipfile.ZipFile, "_open_to_write")
            and hasattr(_wb, "ZipFile") and _wb.ZipFile is zipfile.ZipFile)


class _DeflatedAheadZip(zipfile.ZipFile):
    """A ZipFile that writes a member's deflate stream made beforehand instead of deflating it again."""

    def __init__(self, *args: Any, ready: dict[str, Future[bytes]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ready = ready
        self._next: Future[bytes] | None = None

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        self._next = self._ready.pop(filename, None) if compress_type is None and compresslevel is None else None
        try:
            super().write(filename, arcname, compress_type, compresslevel)
        finally:
            self._next = None

    def _open_to_write(self, zinfo: zipfile.ZipInfo, force_zip64: bool = False) -> Any:
        dest = super()._open_to_write(zinfo, force_zip64)  # type: ignore[misc]  # private (_can_deflate_ahead)
        level = getattr(zinfo, "compress_level", getattr(zinfo, "_compresslevel", None))
        if (self._next is not None and zinfo.compress_type == zipfile.ZIP_DEFLATED and level == DEFLATE_LEVEL
                and getattr(dest, "_compressor", None) is not None):
            try:
                stream = self._next.result()
            except Exception:  # noqa: BLE001 - unreadable temp file, no memory: deflated here as usual
                return dest
            dest._compressor = _Deflated(stream, zinfo.file_size)
        return dest


class _Deflated:
    """Stands in for zipfile's compressor: the stream is ready; the data passing through is only counted (zipfile
    still computes the CRC from it), and must be exactly the file that was deflated."""

    def __init__(self, stream: bytes, size: int) -> None:
        self._stream, self._size, self._seen = stream, size, 0

    def compress(self, data: Any) -> bytes:
        self._seen += len(data)
        return b""

    def flush(self) -> bytes:
        if self._seen != self._size:
            raise RuntimeError("deflated-ahead worksheet changed before it was zipped")
        return self._stream


def worksheet_class() -> type:
    """The fast class where this xlsxwriter has the internals it relies on, else xlsxwriter's own."""
    needed = ("_write_string", "_write_cell", "_check_dimensions")
    if None in (_STRING, _NUMBER, _BLANK) or not all(hasattr(_ws.Worksheet, n) for n in needed):
        return _ws.Worksheet
    sst = SharedStringTable()
    if not (isinstance(getattr(sst, "string_table", None), dict) and isinstance(getattr(sst, "count", None), int)):
        return _ws.Worksheet
    return FastWorksheet
