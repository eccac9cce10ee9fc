"""xlsxwriter's worksheet with its innermost loops specialised for the cells this tool writes.

At province scale the consolidated workbook has a million cells; xlsxwriter spends most of its time in two
generic per-cell methods (storing a cell, and writing its XML at close). The subclass does the same for the
plain cases — a formatted string, number or blank, shared strings, not constant_memory — and leaves every
other case to xlsxwriter. The XML is byte for byte what xlsxwriter writes (tests/test_xlsxfast.py compares
both on every kind of cell); where this xlsxwriter lacks the internals relied on, the stock class is used.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter import worksheet as _ws
from xlsxwriter.utility import xl_col_to_name

_STRING = getattr(_ws, "CellStringTuple", None) or getattr(_ws, "cell_string_tuple", None)
_NUMBER = getattr(_ws, "CellNumberTuple", None) or getattr(_ws, "cell_number_tuple", None)
_BLANK = getattr(_ws, "CellBlankTuple", None) or getattr(_ws, "cell_blank_tuple", None)
_COLS = [xl_col_to_name(c) for c in range(64)]
_INF = float("inf")


class FastWorksheet(_ws.Worksheet):
    def _write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> int:
        if (self.constant_memory or len(string) > 8000 or not 0 <= row < self.xls_rowmax
                or not 0 <= col < self.xls_colmax):
            return super()._write_string(row, col, string, cell_format)
        self._grow(row, col)
        self.table[row][col] = _STRING(self.str_table._get_shared_string_index(string), cell_format)  # type: ignore[misc]
        return 0

    def put_row(self, row: int, cells: list[tuple[Any, Any]]) -> None:
        """Cells (value, format) of one row from column 0, as write_string/write_number/write_blank would store
        them: a non-empty str is a shared string, an int or a finite float a number, "" or None a blank."""
        if self.constant_memory or not 0 <= row < self.xls_rowmax or len(cells) > 64:
            return self._put_one_by_one(row, cells)
        table_row = self.table[row]
        index = self.str_table._get_shared_string_index
        first = last = -1  # columns stored: the sheet's dimensions grow by these only, as xlsxwriter's would
        for col, (v, fmt) in enumerate(cells):
            cls = v.__class__
            if cls is str and v and len(v) <= 8000:
                table_row[col] = _STRING(index(v), fmt)  # type: ignore[misc]
            elif (cls is int or cls is float) and -_INF < v < _INF:
                table_row[col] = _NUMBER(v, fmt)  # type: ignore[misc]
            elif v is None or v == "":
                if fmt is None:
                    continue  # xlsxwriter writes no blank cell without a format
                table_row[col] = _BLANK(fmt)  # type: ignore[misc]
            else:
                self._put_one_by_one(row, [(v, fmt)], col)
                continue
            if first < 0:
                first = col
            last = col
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
        if self.constant_memory or self.dim_colmax >= 64:
            return super()._write_rows()
        self._calculate_spans()
        table, comments, row_info, spans = self.table, self.comments, self.row_info, self.row_spans
        cmin, cmax = self.dim_colmin, self.dim_colmax
        write = self.fh.write
        for row_num in range(self.dim_rowmin, self.dim_rowmax + 1):
            cells = table.get(row_num)
            if not (cells or row_num in row_info or row_num in comments):
                continue
            span = spans.get(row_num // 16)
            if not cells:
                self._write_empty_row(row_num, span, row_info.get(row_num))
                continue
            self._write_row(row_num, span, row_info.get(row_num))
            r = row_num + 1
            parts = []
            for col in sorted(cells):
                if not cmin <= col <= cmax:
                    continue
                cell = cells[col]
                fmt = cell.format
                cls = cell.__class__
                if fmt is not None and cls is _STRING:
                    parts.append(f'<c r="{_COLS[col]}{r}" s="{fmt._get_xf_index()}" t="s"><v>{cell.string}</v></c>')
                elif fmt is not None and cls is _NUMBER:
                    parts.append(f'<c r="{_COLS[col]}{r}" s="{fmt._get_xf_index()}"><v>{cell.number:.16G}</v></c>')
                elif fmt is not None and cls is _BLANK:
                    parts.append(f'<c r="{_COLS[col]}{r}" s="{fmt._get_xf_index()}"/>')
                else:
                    write("".join(parts))
                    parts.clear()
                    self._write_cell(row_num, col, cell)
            parts.append("</row>")
            write("".join(parts))
        return None


    def _calculate_spans(self) -> None:
        # the same spans (columns used per block of 16 rows) with min/max over each row's cells
        if self.constant_memory:
            return super()._calculate_spans()
        spans: dict[int, str] = {}
        lo = hi = -1
        cmin, cmax = self.dim_colmin, self.dim_colmax
        last = self.dim_rowmax
        for row_num in range(self.dim_rowmin, last + 1):
            for source in (self.table, self.comments):
                cols = source.get(row_num)
                if cols:
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


def worksheet_class() -> type:
    """The fast class where this xlsxwriter has the internals it relies on, else xlsxwriter's own."""
    needed = ("_write_string", "_write_cell", "_check_dimensions")
    if None in (_STRING, _NUMBER, _BLANK) or not all(hasattr(_ws.Worksheet, n) for n in needed):
        return _ws.Worksheet
    return FastWorksheet
