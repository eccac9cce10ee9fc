"""What python-calamine does not say about an .xls (BIFF8) workbook: which columns are hidden (a hidden copy of
last month's column must not be read for the one the clerk sees: reader) and which cells show a formula's error
(#N/A, #DIV/0!: calamine reads them as empty, and an empty required cell is a different finding).

Only what that needs is read: the compound file's directory, the Workbook stream's sheet list, each sheet's
COLINFO records (before its cells), its FORMULA/BOOLERR records holding an error, and its formulas that are one
cell's reference saved with 0 (a text formula LibreOffice did not recalculate before saving). Anything unexpected gives
nothing, never an error: the cells themselves are read (and refused when damaged) by python-calamine.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

from .safety import EXCEL_MAX_COLS, EXCEL_MAX_ROWS, _col, literal_sections

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_MAX_BYTES = 64 * 1024 * 1024  # the safety guard bounds .xls files far below this


Hidden = dict[str, tuple[tuple[int, int], ...]]  # sheet name -> 0-based (first, last) spans of hidden columns
Errors = dict[str, dict[str, str]]  # sheet name -> {"E5": "#N/A"}
Rows = dict[str, frozenset[int]]  # sheet name -> rows hidden (1-based, as Excel numbers them)
Formats = dict[str, dict[str, Any]]  # sheet name -> {"D5": sections of a format showing numbers as text}
Cells = dict[str, dict[str, bool]]  # sheet name -> {"E5": a date (True) or a number (False), ...}
Refs = dict[str, dict[str, str]]  # sheet name -> {"B5": "=附件2!B5"}


def hidden_columns(path: Path) -> Hidden:
    return read(path)[0]


def read(path: Path) -> tuple[Hidden, Errors, bool, Rows, Formats, Cells]:
    """The hidden columns and the cells showing an error, by sheet, whether dates count from 1904, the hidden rows,
    the numbers shown as text and the cells python-calamine reads otherwise than their formats show them (dates
    taken for numbers and numbers for dates: _misread_xfs) by sheet; nothing when unreadable."""
    try:
        return read_bytes(path.read_bytes())
    except OSError:
        return {}, {}, False, {}, {}, {}


def read_bytes(data: bytes, zero_refs: Refs | None = None, percents: dict[str, set[str]] | None = None
               ) -> tuple[Hidden, Errors, bool, Rows, Formats, Cells]:
    """read, of a compound file's bytes (an .xls decrypted in memory: decrypted); with `zero_refs`, the formulas
    that are one cell's reference and saved 0 as their result, as Excel writes them (=附件2!B5), by sheet; with
    `percents`, every worksheet's number cells formatted as a percentage (0.85 shown 85%), where the records could
    be read."""
    try:
        if len(data) > _MAX_BYTES:
            return {}, {}, False, {}, {}, {}
        stream = _workbook_stream(data)
        rows: Rows = {}
        formats: Formats = {}
        numbers: Cells = {}
        if not stream:
            return {}, {}, False, {}, {}, {}
        hidden, errors = _from_biff(stream, rows, formats, numbers, zero_refs, percents)
        return hidden, errors, _date1904(stream), rows, formats, numbers
    except (OSError, ValueError, IndexError, struct.error, UnicodeDecodeError, KeyError):
        return {}, {}, False, {}, {}, {}


def _workbook_stream(data: bytes, top_only: bool = False) -> bytes | None:
    """The Workbook (or Book) stream of a compound file; None without one. `top_only`: one at the file's top, not an
    Excel object embedded in another program's document (a .doc's ObjectPool/…/Workbook; review)."""
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
    seen: set[int]
    difat, seen = struct.unpack_from("<I", data, 0x44)[0], set()
    while difat < _END and difat not in seen and len(seen) < n_sectors:
        seen.add(difat)
        links = struct.unpack(f"<{size // 4}I", sector(difat))
        fat_sectors += [s for s in links[:-1] if s < _END]
        difat = links[-1]
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
    top = _children(entries, 0) if top_only else None
    for k, entry in enumerate(entries):
        if top is not None and k not in top:
            continue
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


def _children(entries: list[bytes], parent: int) -> set[int]:
    """The directory entries directly under `parent` (a red-black tree of siblings below its child)."""
    out: set[int] = set()
    stack = [struct.unpack_from("<I", entries[parent], 0x4C)[0]]
    while stack:
        k = stack.pop()
        if k >= len(entries) or k in out:
            continue
        out.add(k)
        stack += struct.unpack_from("<II", entries[k], 0x44)  # left and right siblings
    return out


_DATEMODE = 0x0022
_BOF, _EOF, _BOUNDSHEET, _COLINFO, _DIMENSIONS, _FILEPASS = 0x0809, 0x000A, 0x0085, 0x007D, 0x0200, 0x002F
_WORKSHEET = 0x0010  # a BOF's substream type: a worksheet (0x0005 the workbook's globals)
# a sheet's COLINFO records (at most one per column) come within its first few hundred records, before its
# cells; a sheet list pointing many sheets at one long body must not make each walk all of it
_HEAD_RECORDS = 2048
_MAX_SHEETS = 1024
_ALL_RECORDS = 2_000_000  # records walked for error cells over all sheets (a hostile list of sheets sharing a body)
_FORMULA, _BOOLERR, _ROW, _EXTERNSHEET = 0x0006, 0x0205, 0x0208, 0x0017
_FORMAT, _XF, _NUMBER, _RK, _MULRK = 0x041E, 0x00E0, 0x0203, 0x027E, 0x00BD
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


def decrypted(path: Path) -> bytes | None:
    """An .xls encrypted with Excel's built-in password (structure protected: default_password_only) as a compound
    file python-calamine reads: its Workbook stream decrypted, FILEPASS made a record no reader acts on. None for
    anything else — a password the township set is theirs to take away."""
    found = _built_in_keys(path)
    try:
        return _compound_file(_decrypt(*found)) if found else None
    except (ValueError, IndexError, struct.error):
        return None


def encrypted(path: Path) -> bool | None:
    """Whether an .xls carries a FILEPASS record (encrypted or XOR-obfuscated) before its globals end; None where
    its Workbook stream cannot be found."""
    try:
        data = path.read_bytes()
        if len(data) > _MAX_BYTES:
            return None
        stream = _workbook_stream(data)
    except (OSError, ValueError, IndexError, struct.error):
        return None
    if stream is None:
        return None
    return any(typ == _FILEPASS for typ, _ in _records(stream, 0, (_EOF,), 4096))


def default_password_only(path: Path) -> bool:
    """An .xls encrypted with Excel's built-in password (VelvetSweatshop): saved with its structure protected
    (审阅→保护工作簿), it opens without asking for one — the township set no password to take away. RC4 (as
    LibreOffice and Excel 97 write it) and RC4 CryptoAPI (Excel 2002 on); False for anything else."""
    return _built_in_keys(path) is not None


def _built_in_keys(path: Path) -> tuple[bytes, Any] | None:
    """The Workbook stream and its block keys where its FILEPASS record accepts the built-in password."""
    try:
        data = path.read_bytes()
        stream = _workbook_stream(data) if len(data) <= _MAX_BYTES else None
        if not stream:
            return None
        for typ, body in _records(stream, 0, (_EOF,)):
            if typ == _FILEPASS:
                keys = _block_keys(body, "VelvetSweatshop".encode("utf-16-le"))
                return (stream, keys) if keys else None
    except (OSError, ValueError, IndexError, struct.error, KeyError):
        pass
    return None


_CLEAR = frozenset((_BOF, _FILEPASS, 0x0194, 0x0195, 0x00E1, 0x0138, 0x0196))  # BOF, FilePass, UsrExcl, FileLock,
# InterfaceHdr, RRDInfo, RRDHead: never encrypted ([MS-XLS] 2.2.10)


def _decrypt(stream: bytes, keys: Any) -> bytes:
    """RC4 over record bodies, the key changed every 1024 bytes of the stream (headers take keystream too)."""
    pad = bytearray()
    for block in range((len(stream) + 1023) // 1024):
        pad += _rc4(keys(block), bytes(1024))
    out = bytearray(stream)
    at = 0
    while at + 4 <= len(stream):
        typ, length = struct.unpack_from("<HH", stream, at)
        start, end = at + 4, min(at + 4 + length, len(stream))
        if typ == _FILEPASS:
            out[at:at + 2] = b"\xff\x0f"  # (a record type no reader knows: read past, as the file now opens plainly)
        elif typ not in _CLEAR:
            if typ == _BOUNDSHEET:
                start += 4  # its lbPlyPos stays clear
            out[start:end] = (int.from_bytes(stream[start:end], "little") ^ int.from_bytes(pad[start:end], "little")
                              ).to_bytes(end - start, "little")
        at += 4 + length
    return bytes(out)


def _compound_file(stream: bytes) -> bytes:
    """A compound file (512-byte sectors) holding one stream, Workbook: sectors of the stream, one of the
    directory, then the FAT's own."""
    stream = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\0")  # (4096 up: no mini stream)
    n = len(stream) // 512
    fat_sectors = 1
    while (n + 1 + fat_sectors) > fat_sectors * 128:
        fat_sectors += 1
    if fat_sectors > 109:
        raise ValueError("too large")
    fat = list(range(1, n)) + [_END] + [_END] + [0xFFFFFFFD] * fat_sectors
    fat += [_FREE] * (fat_sectors * 128 - len(fat))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1) + struct.pack("<III", _FREE, _FREE, child)
                + bytes(16 + 4 + 16) + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, _END, 0) + entry("Workbook", 2, _FREE, 0, len(stream))
                 + entry("", 0, _FREE, 0, 0) * 2)
    difat = list(range(n + 1, n + 1 + fat_sectors)) + [_FREE] * (109 - fat_sectors)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIII", 0, fat_sectors, n, 0, 4096, _END, 0, _END) + struct.pack("<I", 0)
              + struct.pack("<109I", *difat))
    return header + stream + directory + struct.pack(f"<{len(fat)}I", *fat)


def _block_keys(body: bytes, password: bytes) -> Any:
    """The RC4 key of each 1024-byte block (a function of the block's number) when the FILEPASS record's verifier
    accepts the password, else None. RC4 with MD5 (Excel 97, LibreOffice) and RC4 CryptoAPI with SHA-1 (Excel
    2002 on); XOR obfuscation (Excel 95) has no default to try."""
    import hashlib

    kind, major, minor = struct.unpack_from("<HHH", body, 0)
    if kind != 1:
        return None
    if (major, minor) == (1, 1):
        salt, sealed = body[6:22], body[22:54]
        h1 = hashlib.md5((hashlib.md5(password).digest()[:5] + salt) * 16).digest()[:5]

        def md5_key(block: int) -> bytes:
            return hashlib.md5(h1 + struct.pack("<I", block)).digest()

        plain = _rc4(md5_key(0), sealed)
        return md5_key if hashlib.md5(plain[:16]).digest() == plain[16:32] else None
    if major in (2, 3, 4) and minor == 2:
        size = struct.unpack_from("<I", body, 10)[0]
        bits = struct.unpack_from("<I", body, 14 + 16)[0] or 40
        v = body[14 + size:]
        salt_size = struct.unpack_from("<I", v, 0)[0]
        salt, verifier = v[4:4 + salt_size], v[4 + salt_size:20 + salt_size]
        hash_size = struct.unpack_from("<I", v, 20 + salt_size)[0]
        h0 = hashlib.sha1(salt + password).digest()

        def sha_key(block: int) -> bytes:
            key = hashlib.sha1(h0 + struct.pack("<I", block)).digest()[:bits // 8]
            return key.ljust(16, b"\0") if bits == 40 else key

        plain = _rc4(sha_key(0), verifier + v[24 + salt_size:24 + salt_size + hash_size])
        return sha_key if hash_size == 20 and hashlib.sha1(plain[:16]).digest() == plain[16:36] else None
    return None


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 255
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) & 255
        j = (j + s[i]) & 255
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) & 255])
    return bytes(out)


def _date1904(stream: bytes) -> bool:
    """The workbook globals' DATEMODE record says 1: dates count from 1904 (reader._dates_1904)."""
    for typ, body in _records(stream, 0, (_EOF,)):
        if typ == _DATEMODE and len(body) >= 2:
            return struct.unpack_from("<H", body, 0)[0] == 1
    return False


def _from_biff(stream: bytes, hidden_rows: Rows | None = None, formats: Formats | None = None,
               numbers: Cells | None = None, zero_refs: Refs | None = None,
               percents: dict[str, set[str]] | None = None) -> tuple[Hidden, Errors]:
    """Hidden columns and error cells by sheet; the hidden rows into `hidden_rows`, the number cells whose
    format shows them as text ("是";"是";"否") into `formats`, those python-calamine reads otherwise than their
    formats show them (_misread_xfs) into `numbers`, and the references saved with 0 (read_bytes) into
    `zero_refs`, when given."""
    sheets: list[tuple[int, str]] = []
    every: list[str] = []  # every sheet's name in the workbook's order (a 3-D reference counts charts too)
    xti: list[int] = []  # EXTERNSHEET: a 3-D reference's index -> its sheet's position (-1: another workbook's)
    codes: dict[int, str] = {}  # FORMAT: number format id -> its code
    xf_formats: list[int] = []  # XF records in order: a cell's ixfe -> its number format id
    for typ, body in _records(stream, 0, (_EOF,)):
        if formats is not None and typ == _FORMAT and len(body) >= 5:
            n, wide = struct.unpack_from("<H", body, 2)[0], body[4] & 1
            raw = body[5: 5 + n * (2 if wide else 1)]
            codes[struct.unpack_from("<H", body, 0)[0]] = raw.decode("utf-16-le") if wide else raw.decode("latin-1")
            continue
        if typ == _XF and len(body) >= 4:
            xf_formats.append(struct.unpack_from("<H", body, 2)[0])
            continue
        if typ == _BOF and struct.unpack_from("<H", body, 0)[0] != 0x0600:
            return {}, {}  # BIFF5 and older: not worth reading here
        if typ == _FILEPASS:
            return {}, {}
        if typ == _BOUNDSHEET and len(body) >= 8:
            chars, wide = body[6], body[7] & 1
            raw = body[8: 8 + chars * (2 if wide else 1)]
            every.append(raw.decode("utf-16-le") if wide else raw.decode("latin-1"))
        if typ == _BOUNDSHEET and (sheet := _worksheet(body)) is not None:
            sheets.append(sheet)
        if typ == _EXTERNSHEET and zero_refs is not None and len(body) >= 2:
            # (the first SUPBOOK is the workbook's own, as Excel and LibreOffice write it; another's sheet: -1)
            n = struct.unpack_from("<H", body, 0)[0]
            entries = (struct.unpack_from("<HH", body, 2 + 6 * k) for k in range(min(n, (len(body) - 2) // 6)))
            xti = [first if book == 0 else -1 for book, first in entries]
    hidden: Hidden = {}
    errors: Errors = {}
    literal = _literal_xfs(codes, xf_formats) if codes else {}
    misread = _misread_xfs(codes, xf_formats) if codes and numbers is not None else {}
    percent = _percent_xfs(codes, xf_formats) if percents is not None else frozenset()
    marked = literal or misread or percent
    budget = _ALL_RECORDS
    for offset, name in sheets[:_MAX_SHEETS]:
        if percents is not None:
            percents.setdefault(name, set())  # read: a sheet without one is known to have none
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
            elif zero_refs is not None and typ == _FORMULA and len(body) >= 27 and body[6:14] == bytes(8) \
                    and (text := _reference(body[20:], every, xti)) is not None:
                # =附件2!B5 saved with 0 (LibreOffice saving a text formula it did not recalculate): shown as the
                # text it refers to by every program that opens it — read as no value, followed (reader._recompute)
                row, col = struct.unpack_from("<HH", body, 0)
                zero_refs.setdefault(name, {})[f"{_col(col + 1)}{row + 1}"] = text
            elif typ == _FORMULA and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
                row, col = struct.unpack_from("<HH", body, 0)  # cached result: an error, its code in byte 8
                errors.setdefault(name, {})[f"{_col(col + 1)}{row + 1}"] = _ERROR_TEXT.get(body[8], "#错误")
            elif typ == _BOOLERR and len(body) >= 8 and body[7] == 1:  # an error typed as a constant
                row, col = struct.unpack_from("<HH", body, 0)
                errors.setdefault(name, {})[f"{_col(col + 1)}{row + 1}"] = _ERROR_TEXT.get(body[6], "#错误")
            elif marked and (typ in (_NUMBER, _RK) and len(body) >= 6
                             or typ == _FORMULA and len(body) >= 14 and body[12:14] != b"\xff\xff"):
                # (a number, or a formula's numeric result: =IF(…,1,0) under "是";"是";"否" too; review)
                row, col, xf = struct.unpack_from("<HHH", body, 0)
                if xf in percent:
                    percents.setdefault(name, set()).add(f"{_col(col + 1)}{row + 1}")  # type: ignore[union-attr]
                if xf in literal:
                    formats.setdefault(name, {})[f"{_col(col + 1)}{row + 1}"] = literal[xf]  # type: ignore[union-attr]
                if xf in misread:
                    numbers.setdefault(name, {})[f"{_col(col + 1)}{row + 1}"] = misread[xf]  # type: ignore[union-attr]
            elif marked and typ == _MULRK and len(body) >= 12:
                row, first = struct.unpack_from("<HH", body, 0)
                for k in range((len(body) - 6) // 6):
                    xf = struct.unpack_from("<H", body, 4 + 6 * k)[0]
                    if xf in percent:
                        percents.setdefault(name, set()).add(f"{_col(first + k + 1)}{row + 1}")  # type: ignore[union-attr]
                    if xf in literal:
                        formats.setdefault(name, {})[f"{_col(first + k + 1)}{row + 1}"] = literal[xf]  # type: ignore[union-attr]
                    if xf in misread:
                        numbers.setdefault(name, {})[f"{_col(first + k + 1)}{row + 1}"] = misread[xf]  # type: ignore[union-attr]
        budget -= walked
        if spans:
            hidden[name] = tuple(spans)
        if rows and hidden_rows is not None:
            hidden_rows[name] = frozenset(rows)
        if budget <= 0:
            break
    return hidden, errors


def _reference(formula: bytes, every: list[str], xti: list[int]) -> str | None:
    """A FORMULA record's parsed expression (from its cce) when it is one cell's reference, as Excel writes it
    (=B5, =附件2!B5); else None."""
    cce = struct.unpack_from("<H", formula, 0)[0]
    ptg = formula[2: 2 + cce]
    if cce == 5 and ptg[0] in (0x24, 0x44, 0x64):
        row, col = struct.unpack_from("<HH", ptg, 1)
        return f"={_col((col & 0x3FFF) + 1)}{row + 1}"
    if cce == 7 and ptg[0] in (0x3A, 0x5A, 0x7A):
        ixti, row, col = struct.unpack_from("<HHH", ptg, 1)
        at = xti[ixti] if ixti < len(xti) else -1
        if not 0 <= at < len(every):
            return None
        sheet = every[at].replace("'", "''")
        return f"='{sheet}'!{_col((col & 0x3FFF) + 1)}{row + 1}"
    return None


def chain_loops(data: bytes) -> bool:
    """A sector chain of the compound file that comes back on itself (the directory's, a stream's, the mini FAT's,
    the DIFAT's): python-calamine follows it without end, growing to gigabytes until the process is killed — no
    finding, no output, a whole inbox lost (blind audit of hostile files)."""
    try:
        if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or len(data) < 512 or len(data) > _MAX_BYTES:
            return False
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            return False
        size = 1 << shift
        n_sectors = len(data) // size - 1 + (len(data) % size > 0)
        per = size // 4

        def sector(i: int) -> bytes:
            return data[(i + 1) * size: (i + 2) * size].ljust(size, b"\0")

        def loops(start: int, table: list[int]) -> bool:
            seen: set[int] = set()
            at = start
            while at < _END and at < len(table):
                if at in seen:
                    return True
                seen.add(at)
                at = table[at]
            return False

        difat_links: list[int] = []
        at, seen = struct.unpack_from("<I", data, 0x44)[0], set()
        while at < _END and at < n_sectors:
            if at in seen:
                return True
            seen.add(at)
            links = struct.unpack(f"<{per}I", sector(at))
            difat_links += [x for x in links[:-1] if x < _END]
            at = links[-1]
        fat: list[int] = []
        for s in ([x for x in struct.unpack_from("<109I", data, 0x4C) if x < _END] + difat_links)[:n_sectors // per + 1]:
            if s < n_sectors:
                fat.extend(struct.unpack(f"<{per}I", sector(s)))
        directory_start = struct.unpack_from("<I", data, 0x30)[0]
        if loops(directory_start, fat) or loops(struct.unpack_from("<I", data, 0x3C)[0], fat):
            return True
        directory: list[bytes] = []
        at, seen = directory_start, set()
        while at < _END and at < len(fat) and at not in seen and len(directory) < 4096:
            seen.add(at)
            directory.append(sector(at))
            at = fat[at]
        mini_fat_bytes: list[bytes] = []
        at, seen = struct.unpack_from("<I", data, 0x3C)[0], set()
        while at < _END and at < len(fat) and at not in seen:
            seen.add(at)
            mini_fat_bytes.append(sector(at))
            at = fat[at]
        raw = b"".join(mini_fat_bytes)
        minifat = list(struct.unpack(f"<{len(raw) // 4}I", raw[:len(raw) // 4 * 4]))
        cutoff = struct.unpack_from("<I", data, 0x38)[0]
        entries = b"".join(directory)
        for i in range(0, len(entries) - 127, 128):
            entry = entries[i:i + 128]
            if entry[0x42] not in (1, 2, 5):  # storage, stream, root
                continue
            start, length = struct.unpack_from("<II", entry, 0x74)
            small = entry[0x42] == 2 and length < cutoff
            if loops(start, minifat if small else fat):
                return True
    except (ValueError, IndexError, struct.error):
        return False
    return False


def bad_sheet(data: bytes) -> tuple[str, str] | None:
    """The first sheet python-calamine cannot be trusted with, and why: "far" where its DIMENSIONS record claims
    more rows or columns than any sheet holds (rwMac past 1,048,576: python-calamine sizes the sheet by it and the
    process aborted — no finding, no output, a whole inbox's consolidation lost; blind audit of hostile files), or
    "elsewhere" where its offset leads to no worksheet's BOF (back into the workbook's own records: read as an
    empty sheet, its rows lost without a word; audit of hostile input). None when every sheet's is possible."""
    try:
        stream = _workbook_stream(data) if len(data) <= _MAX_BYTES else None
        if not stream:
            return None
        sheets = [sheet for typ, body in _records(stream, 0, (_EOF,))
                  if typ == _BOUNDSHEET and (sheet := _worksheet(body)) is not None]
        for offset, name in sheets[:_MAX_SHEETS]:
            first = next(_records(stream, offset, (_EOF,), 1), None)
            if first is None or first[0] != _BOF or len(first[1]) < 4 \
                    or struct.unpack_from("<H", first[1], 2)[0] != _WORKSHEET:
                return name, "elsewhere"
            for typ, body in _records(stream, offset, (_EOF,), _HEAD_RECORDS):
                if typ == _DIMENSIONS and len(body) >= 12:
                    _, last_row, _, last_col = struct.unpack_from("<IIHH", body, 0)
                    if last_row > EXCEL_MAX_ROWS or last_col > EXCEL_MAX_COLS:
                        return name, "far"
                    break
    except (OSError, ValueError, IndexError, struct.error, UnicodeDecodeError, KeyError):
        return None
    return None


def _worksheet(body: bytes) -> tuple[int, str] | None:
    """A BOUNDSHEET record's sheet (the offset of its BOF, its name), None for a chart or macro sheet."""
    if len(body) < 8 or body[5] != 0:
        return None
    offset, chars, wide = struct.unpack_from("<I", body, 0)[0], body[6], body[7] & 1
    raw = body[8: 8 + chars * (2 if wide else 1)]
    return offset, raw.decode("utf-16-le") if wide else raw.decode("latin-1")


def _literal_xfs(codes: dict[int, str], xf_formats: list[int]) -> dict[int, Any]:
    """The XF indices whose number format shows some numbers as text, with that format's sections."""
    literal = {i: sections for i, code in codes.items() if (sections := literal_sections(code)) is not None}
    return {k: literal[i] for k, i in enumerate(xf_formats) if i in literal}


def _percent_xfs(codes: dict[int, str], xf_formats: list[int]) -> frozenset[int]:
    """The XF indices whose number format shows a percentage: Excel's own 0% and 0.00% (ids 9, 10), or a format
    of the file's with a % outside its quoted text."""
    ids = {9, 10} | {i for i, code in codes.items() if "%" in _FORMAT_NOISE.sub("", code)}
    return frozenset(k for k, i in enumerate(xf_formats) if i in ids)


def _misread_xfs(codes: dict[int, str], xf_formats: list[int]) -> dict[int, bool]:
    """The XF indices whose number format, defined in the file under an id of Excel's own, python-calamine reads
    by the id instead: -> False where the format shows a number under a date's id, True where it shows a date
    under another id. Gnumeric numbers its formats from 50 (0.0 as 50), which python-calamine reads as Excel's
    East Asian dates: the template's 占比 93.3 became 1900-04-02 (VALUE_INVALID, the percentage lost); SheetJS's
    .xls puts yyyy-mm-dd at 60, an id python-calamine keeps for a Thai number format: a 填报日期 was
    44727.0004976852 (blind audits of other programs' files)."""
    kinds: dict[int, bool] = {}
    for i, code in codes.items():
        if i >= 164:
            continue  # a workbook's own formats: python-calamine reads them
        dated = bool(_SYSTEM_DATE.search(code) or _DATE_PART.search(_FORMAT_NOISE.sub("", code)))
        if dated != (i in _DATE_IDS):
            kinds[i] = dated
    return {k: kinds[i] for k, i in enumerate(xf_formats) if i in kinds}


# Excel's built-in date and time format ids (ECMA-376 18.8.30, with the East Asian ones)
_DATE_IDS = frozenset((*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)))
# what in a number format is no part of its picture: quoted and escaped text, padding, colours, conditions and
# locales ([h] and [mm], elapsed time, are kept), General, an exponent's E+
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|[_*].|\[(?![hms]+\])[^\]]*\]|general|g/通用格式|e[+-]', re.I)
# a date's or time's letters, with weekdays (aaaa), eras (ggge) and Buddhist years (bbbb)
_DATE_PART = re.compile(r"[ymdhsaegb年月日时分秒]", re.I)
_SYSTEM_DATE = re.compile(r"\[\$-F[48]00\]", re.I)  # the system's long date or time


_OBJ, _TXO, _CONTINUE, _NOTE = 0x005D, 0x01B6, 0x003C, 0x001C
_NOTE_OBJECT = 0x19  # OBJ's ftCmo object type of a cell's comment


def notes(path: Path) -> dict[str, dict[str, str]]:
    """Sheet -> cell -> the text of its comment, of an .xls (a consolidated workbook saved as .xls by Excel, WPS or
    LibreOffice keeps them: the findings it marked were read as none, and came back as this level's errors; blind
    audit of the template round trip). {} when unreadable."""
    try:
        data = path.read_bytes()
        if len(data) > _MAX_BYTES:
            return {}
        stream = _workbook_stream(data)
        return _notes(stream) if stream else {}
    except (OSError, ValueError, IndexError, struct.error, UnicodeDecodeError, KeyError):
        return {}


def _notes(stream: bytes) -> dict[str, dict[str, str]]:
    sheets: list[tuple[int, str]] = []
    for typ, body in _records(stream, 0, (_EOF,)):
        if typ == _BOF and struct.unpack_from("<H", body, 0)[0] != 0x0600 or typ == _FILEPASS:
            return {}
        if typ == _BOUNDSHEET and (sheet := _worksheet(body)) is not None:
            sheets.append(sheet)
    out: dict[str, dict[str, str]] = {}
    budget = _ALL_RECORDS
    for offset, name in sheets[:_MAX_SHEETS]:
        texts: dict[int, str] = {}  # a note's object id -> its text
        note_id: int | None = None  # the object id of the note whose TXO comes next
        reading: int | None = None  # the object id whose text the CONTINUE records carry
        want, got, parts = 0, 0, bytearray()  # UTF-16 code units: the TXO's count, read so far, their bytes
        walked = 0
        for typ, body in _records(stream, offset, (_EOF,), budget):
            walked += 1
            if typ == _OBJ and len(body) >= 8:
                ft, _, kind, oid = struct.unpack_from("<HHHH", body, 0)
                note_id = oid if ft == 0x15 and kind == _NOTE_OBJECT else None
            elif typ == _TXO and len(body) >= 12 and note_id is not None:
                want, got, parts, reading = struct.unpack_from("<H", body, 10)[0], 0, bytearray(), note_id
                note_id = None
                if not want:
                    texts[reading], reading = "", None
            elif typ == _CONTINUE and reading is not None and body:
                # the text, one flag byte (16-bit characters or 8-bit) before each record's part of it; counted in
                # UTF-16 units (a character outside the BMP is two: counted as one, the formatting runs after the
                # text were read as more of it; review), joined as bytes (a pair split over two records)
                raw = body[1:]
                units = raw[: min(len(raw) // 2, want - got) * 2] if body[0] & 1 \
                    else raw[: want - got].decode("latin-1").encode("utf-16-le")
                parts += units
                got += len(units) // 2
                if got >= want:
                    text = parts.decode("utf-16-le", "replace")
                    texts[reading], reading = text.replace("\r\n", "\n").replace("\r", "\n"), None
            elif typ == _NOTE and len(body) >= 8:
                row, col, _, oid = struct.unpack_from("<HHHH", body, 0)
                if oid in texts:
                    out.setdefault(name, {})[f"{_col(col + 1)}{row + 1}"] = texts[oid]
        budget -= walked
        if budget <= 0:
            break
    return out
