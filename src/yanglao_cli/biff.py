"""What python-calamine does not say about an .xls (BIFF8) workbook: which columns are hidden (a hidden copy of
last month's column must not be read for the one the clerk sees: reader) and which cells show a formula's error
(#N/A, #DIV/0!: calamine reads them as empty, and an empty required cell is a different finding).

Only what that needs is read: the compound file's directory, the Workbook stream's sheet list, each sheet's
COLINFO records (before its cells) and its FORMULA/BOOLERR records holding an error. Anything unexpected gives
nothing, never an error: the cells themselves are read (and refused when damaged) by python-calamine.
"""

from __future__ import annotations

import struct
from pathlib import Path

from .safety import _col

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_MAX_BYTES = 64 * 1024 * 1024  # the safety guard bounds .xls files far below this


Hidden = dict[str, tuple[tuple[int, int], ...]]  # sheet name -> 0-based (first, last) spans of hidden columns
Errors = dict[str, dict[str, str]]  # sheet name -> {"E5": "#N/A"}
Rows = dict[str, frozenset[int]]  # sheet name -> rows hidden (1-based, as Excel numbers them)


def hidden_columns(path: Path) -> Hidden:
    return read(path)[0]


def read(path: Path) -> tuple[Hidden, Errors, bool, Rows]:
    """The hidden columns and the cells showing an error, by sheet, whether dates count from 1904, and the
    hidden rows by sheet; nothing when unreadable."""
    try:
        data = path.read_bytes()
        if len(data) > _MAX_BYTES:
            return {}, {}, False, {}
        stream = _workbook_stream(data)
        rows: Rows = {}
        return (*_from_biff(stream, rows), _date1904(stream), rows) if stream else ({}, {}, False, {})
    except (OSError, ValueError, IndexError, struct.error, UnicodeDecodeError, KeyError):
        return {}, {}, False, {}


def _workbook_stream(data: bytes) -> bytes | None:
    if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or len(data) < 512:
        return None
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        return None
    size = 1 << shift
    n_sectors = len(data) // size - 1 + (len(data) % size > 0)  # the header fills sector -1 (512 or 4096 bytes)

    def sector(i: int) -> bytes:
        if i >= n_sectors:
            raise ValueError("sector out of range")
        return data[(i + 1) * size: (i + 2) * size]

    # the FAT's own sectors: 109 in the header, the rest in a chain of DIFAT sectors
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _END]
    difat, seen = struct.unpack_from("<I", data, 0x44)[0], set()
    while difat < _END and difat not in seen and len(seen) < n_sectors:
        seen.add(difat)
        entries = struct.unpack(f"<{size // 4}I", sector(difat))
        fat_sectors += [s for s in entries[:-1] if s < _END]
        difat = entries[-1]
    fat: list[int] = []
    for s in fat_sectors[:n_sectors // (size // 4) + 1]:  # as many as the file's sectors need, no more
        fat.extend(struct.unpack(f"<{size // 4}I", sector(s)))

    def chain(start: int, unit: int, read) -> bytes:  # noqa: ANN001 - sector or mini-sector reader
        out, seen_, at = [], set(), start
        table = fat if unit == size else minifat
        while at < _END and at not in seen_ and at < len(table):
            seen_.add(at)
            out.append(read(at))
            at = table[at]
        return b"".join(out)

    minifat: list[int] = []
    directory = chain(struct.unpack_from("<I", data, 0x30)[0], size, sector)
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        return None
    root = entries[0]
    cutoff = struct.unpack_from("<I", data, 0x38)[0]
    for entry in entries:
        name_len = struct.unpack_from("<H", entry, 0x40)[0]
        name = entry[:max(0, min(name_len, 64) - 2)].decode("utf-16-le", "replace")
        if entry[0x42] != 2 or name not in ("Workbook", "Book"):
            continue
        start, length = struct.unpack_from("<II", entry, 0x74)
        if length >= cutoff:
            return chain(start, size, sector)[:length]
        # a small stream lives in the mini stream (the root entry's chain), in 64-byte pieces
        mini = chain(struct.unpack_from("<I", root, 0x74)[0], size, sector)
        mf = chain(struct.unpack_from("<I", data, 0x3C)[0], size, sector)
        minifat = list(struct.unpack(f"<{len(mf) // 4}I", mf[:len(mf) // 4 * 4]))
        return chain(start, 64, lambda i, mini=mini: mini[i * 64:(i + 1) * 64])[:length]
    return None


_DATEMODE = 0x0022
_BOF, _EOF, _BOUNDSHEET, _COLINFO, _DIMENSIONS, _FILEPASS = 0x0809, 0x000A, 0x0085, 0x007D, 0x0200, 0x002F
# a sheet's COLINFO records (at most one per column) come within its first few hundred records, before its
# cells; a sheet list pointing many sheets at one long body must not make each walk all of it
_HEAD_RECORDS = 2048
_MAX_SHEETS = 1024
_ALL_RECORDS = 2_000_000  # records walked for error cells over all sheets (a hostile list of sheets sharing a body)
_FORMULA, _BOOLERR, _ROW = 0x0006, 0x0205, 0x0208
_ERROR_TEXT = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A"}


def _records(stream: bytes, at: int, stop: tuple[int, ...], limit: int = 1 << 30):  # noqa: ANN202 - (type, body)
    while at + 4 <= len(stream) and limit > 0:
        limit -= 1
        typ, length = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4: at + 4 + length]
        at += 4 + length
        yield typ, body
        if typ in stop:
            return


def _date1904(stream: bytes) -> bool:
    """The workbook globals' DATEMODE record says 1: dates count from 1904 (reader._dates_1904)."""
    for typ, body in _records(stream, 0, (_EOF,)):
        if typ == _DATEMODE and len(body) >= 2:
            return struct.unpack_from("<H", body, 0)[0] == 1
    return False


def _from_biff(stream: bytes, hidden_rows: Rows | None = None) -> tuple[Hidden, Errors]:
    """Hidden columns and error cells by sheet; the hidden rows into `hidden_rows` when given."""
    sheets: list[tuple[int, str]] = []
    for typ, body in _records(stream, 0, (_EOF,)):
        if typ == _BOF and struct.unpack_from("<H", body, 0)[0] != 0x0600:
            return {}, {}  # BIFF5 and older: not worth reading here
        if typ == _FILEPASS:
            return {}, {}
        if typ == _BOUNDSHEET and len(body) >= 8 and body[5] == 0:  # a worksheet
            offset, chars, wide = struct.unpack_from("<I", body, 0)[0], body[6], body[7] & 1
            raw = body[8: 8 + chars * (2 if wide else 1)]
            sheets.append((offset, raw.decode("utf-16-le") if wide else raw.decode("latin-1")))
    hidden: Hidden = {}
    errors: Errors = {}
    budget = _ALL_RECORDS
    for offset, name in sheets[:_MAX_SHEETS]:
        spans = []
        walked = 0
        rows: set[int] = set()
        for typ, body in _records(stream, offset, (_EOF,), budget):
            walked += 1
            if typ == _ROW and len(body) >= 14 and body[12] & 0x20:  # fDyZero: the row is hidden
                rows.add(struct.unpack_from("<H", body, 0)[0] + 1)
                continue
            if typ == _COLINFO and walked <= _HEAD_RECORDS and len(body) >= 10 \
                    and struct.unpack_from("<H", body, 8)[0] & 1:
                first, last = struct.unpack_from("<HH", body, 0)
                if first <= last:
                    spans.append((first, min(last, 16383)))
            elif typ == _FORMULA and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
                row, col = struct.unpack_from("<HH", body, 0)  # cached result: an error, its code in byte 8
                errors.setdefault(name, {})[f"{_col(col + 1)}{row + 1}"] = _ERROR_TEXT.get(body[8], "#错误")
            elif typ == _BOOLERR and len(body) >= 8 and body[7] == 1:  # an error typed as a constant
                row, col = struct.unpack_from("<HH", body, 0)
                errors.setdefault(name, {})[f"{_col(col + 1)}{row + 1}"] = _ERROR_TEXT.get(body[6], "#错误")
        budget -= walked
        if spans:
            hidden[name] = tuple(spans)
        if rows and hidden_rows is not None:
            hidden_rows[name] = frozenset(rows)
        if budget <= 0:
            break
    return hidden, errors
