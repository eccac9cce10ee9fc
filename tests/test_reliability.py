"""Issue 7: every hazard of reading what people send, and of writing what we produce, proven by a test.

docs/reliability.md lists each hazard with the limit or behaviour chosen and the test below that proves it.
Hostile files are built here, cheaply (a 2 GB zip bomb is a few MB and a tenth of a second), and run through
the real CLI in a subprocess with a memory limit and a timeout: a Rust abort or a MemoryError would kill the
whole run, which only a subprocess can show.
"""

from __future__ import annotations

import base64
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from yanglao_cli import pipeline, safety
from yanglao_cli.config import default_config
from yanglao_cli.forms import F1, F2, F3, F4
from yanglao_cli.pipeline import load
from yanglao_cli.sample import SheetSpec, clean_rows, write_workbook
from yanglao_cli.service import run_consolidate

from .conftest import run, run_json, specs_for, write

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "2022-06"
XLS = Path(__file__).parent / "data" / "汇龙镇_附件2.xls"
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the CLI under test
HANG = 300.0  # seconds: a run still going is a hang (a bomb expanded, a loop); speed itself is benchmarks/'
GOOD_ROWS = 8  # 附件1 1 + 附件2 3 + 附件3 3 + 附件4 1


# ---- running the CLI ----------------------------------------------------------------------------------


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cli(*args: object, timeout: float = HANG) -> tuple[int, str, str, float]:
    """Run `yanglao ARGS` in a subprocess under a memory limit: (exit code, stdout, stderr, seconds)."""
    cmd = [sys.executable, "-m", "yanglao_cli", *[str(a) for a in args]]
    limit = _limit_memory if sys.platform.startswith("linux") else None
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    start = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, timeout=timeout, preexec_fn=limit, env=env)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), \
        time.monotonic() - start


def cli_json(*args: object, timeout: float = HANG) -> tuple[int, dict, str, float]:
    code, out, err, secs = cli(*args, "--format", "json", timeout=timeout)
    assert "Traceback" not in err and "Traceback" not in out, err[-2000:]
    assert code in (0, 1, 2), (code, err[-2000:])  # a negative code is a signal: the process was killed
    return code, json.loads(out), err, secs


def by_file(data: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in data["findings"]:
        out.setdefault(Path(f["file"]).name, []).append(f)
    return out


# ---- building files -----------------------------------------------------------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '<Override PartName="/xl/sharedStrings.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
       '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       f'<workbook {_NS} xmlns:r="{_REL}"><sheets><sheet name="附件2" sheetId="1" r:id="rId1"/></sheets>'
       "</workbook>")
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')
_SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}>'
_EMPTY_SST = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {_NS} count="0" uniqueCount="0"/>'


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _write_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip written by hand: (name, raw deflate data, CRC-32, declared uncompressed size) per member."""
    with path.open("wb") as fh:
        directory = []
        for name, data, crc, size in members:
            raw = name.encode()
            offset = fh.tell()
            fh.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x800, 8, 0, 0x21, crc, len(data), size,
                                 len(raw), 0) + raw)
            fh.write(data)
            directory.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0x800, 8, 0, 0x21, crc,
                                         len(data), size, len(raw), 0, 0, 0, 0, 0, offset) + raw)
        start = fh.tell()
        blob = b"".join(directory)
        fh.write(blob)
        n = len(directory)
        fh.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, n, n, len(blob), start, 0))
    return path


def _member(name: str, data: str | bytes) -> tuple[str, bytes, int, int]:
    raw = data.encode() if isinstance(data, str) else data
    return name, _deflate(raw), zlib.crc32(raw), len(raw)


def raw_xlsx(path: Path, sheet_xml: str | bytes, shared: str | bytes = _EMPTY_SST,
             sheet_member: tuple[str, bytes, int, int] | None = None, workbook: str = _WB) -> Path:
    """A minimal .xlsx whose one sheet (and shared strings) is exactly the XML given."""
    return _write_zip(path, [
        _member("[Content_Types].xml", _CT), _member("_rels/.rels", _RELS), _member("xl/workbook.xml", workbook),
        _member("xl/_rels/workbook.xml.rels", _WB_RELS), _member("xl/sharedStrings.xml", shared),
        sheet_member or _member("xl/worksheets/sheet1.xml", sheet_xml),
    ])


def rewrite(path: Path, changes: dict[str, Callable[[bytes], bytes]], extra: dict[str, bytes] | None = None,
            level: int = 6) -> Path:
    """Rewrite members of a workbook in place (and add members)."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in items:
            z.writestr(name, changes[name](data) if name in changes else data)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


# CRC-32 of a long repetition without reading it: zlib's crc32_combine, in Python (GF(2) matrices).
def _gf2_times(mat: list[int], vec: int) -> int:
    s, i = 0, 0
    while vec:
        if vec & 1:
            s ^= mat[i]
        vec >>= 1
        i += 1
    return s


def _gf2_square(mat: list[int]) -> list[int]:
    return [_gf2_times(mat, mat[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def _crc_repeat(unit: bytes, times: int) -> int:
    out, part, part_len = 0, zlib.crc32(unit), len(unit)
    while times:
        if times & 1:
            out = crc32_combine(out, part, part_len)
        times >>= 1
        if times:
            part = crc32_combine(part, part, part_len)
            part_len *= 2
    return out


def _bomb_sheet(gigabytes: float) -> tuple[bytes, int, int, bytes]:
    """sheet1.xml of `gigabytes` of empty rows, deflated: (data, CRC, size, first bytes). Each block is
    compressed once, flushed to a byte boundary with no back-reference, and repeated: valid deflate."""
    head = (_SHEET_HEAD + "<sheetData>").encode()
    unit = b"<row/>" * (1 << 18)  # 1.5 MB, deflates to 2 KB
    tail = b"</sheetData></worksheet>"
    times = int(gigabytes * (1 << 30) / len(unit))
    blocks = []
    for part, final in ((head, False), (unit, False), (tail, True)):
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        blocks.append(c.compress(part) + (c.flush() if final else c.flush(zlib.Z_FULL_FLUSH)))
    data = blocks[0] + blocks[1] * times + blocks[2]
    size = len(head) + len(unit) * times + len(tail)
    crc = crc32_combine(crc32_combine(zlib.crc32(head), _crc_repeat(unit, times), len(unit) * times),
                        zlib.crc32(tail), len(tail))
    return data, crc, size, head + unit


def zip_bomb(path: Path) -> Path:
    """sheet1.xml declares and really expands to 2.2 GB (3 MB on disk)."""
    data, crc, size, _ = _bomb_sheet(2.2)
    assert size > 2 * 1024**3 and len(data) < 5 * 1024**2
    return raw_xlsx(path, "", sheet_member=("xl/worksheets/sheet1.xml", data, crc, size))


def zip_bomb_lying(path: Path) -> Path:
    """The same 2.2 GB stream, but the header declares a small size and the CRC of that small prefix: a
    reader that trusts the header and reads to the end of the stream expands gigabytes."""
    data, _, _, start = _bomb_sheet(2.2)
    declared = 2 * len(data)
    return raw_xlsx(path, "", sheet_member=("xl/worksheets/sheet1.xml", data, zlib.crc32(start[:declared]),
                                            declared))


_LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
_BILLION = f'<!DOCTYPE lolz [<!ENTITY lol0 "lol">{_LAUGHS}]>'


def billion_laughs(path: Path) -> Path:
    """Entity expansion in the sheet: 10^9 'lol' from 1 KB."""
    return raw_xlsx(path, f'<?xml version="1.0"?>{_BILLION}<worksheet {_NS}><sheetData><row r="1">'
                          '<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


def entities_after_long_comment(path: Path) -> Path:
    """The same declaration in the shared strings, after 64 KB of comment: not in the first bytes of the part."""
    sst = (f'<?xml version="1.0"?><!--{"x" * 65536}-->{_BILLION}<sst {_NS} count="1" uniqueCount="1">'
           "<si><t>&lol9;</t></si></sst>")
    return raw_xlsx(path, f'{_SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                          "</sheetData></worksheet>", shared=sst)


def deep_nesting(path: Path) -> Path:
    """200,000 nested elements (random names, so that the zip's expansion ratio stays ordinary)."""
    rnd = random.Random(7)
    names = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(200_000)]
    nest = "".join(f"<{n}>" for n in names) + "".join(f"</{n}>" for n in reversed(names))
    return raw_xlsx(path, f'{_SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
                          f"</row></sheetData><extLst>{nest}</extLst></worksheet>")


def far_apart_values(path: Path) -> Path:
    """Two values, at A1 and XFD1048576: the reader would allocate 17 billion cells (python-calamine aborts
    the whole process when it cannot)."""
    return raw_xlsx(path, f'{_SHEET_HEAD}<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                          '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>')


def far_apart_values_odd_path(path: Path) -> Path:
    """The same, with the sheet stored as XL\\WORKSHEETS\\SHEET1.XML, which python-calamine still finds."""
    _, data, crc, size = _member("x", f'{_SHEET_HEAD}<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                                      '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>'
                                      "</worksheet>")
    return raw_xlsx(path, "", sheet_member=("XL\\WORKSHEETS\\SHEET1.XML", data, crc, size))


def row_beyond_excel(path: Path) -> Path:
    """One value at row 4,000,000,000 (Excel stops at 1,048,576): the grid would start 4e9 rows down."""
    return raw_xlsx(path, f'{_SHEET_HEAD}<sheetData><row r="4000000000"><c r="A4000000000"><v>1</v></c></row>'
                          "</sheetData></worksheet>")


def lying_string_count(path: Path) -> Path:
    """sharedStrings announcing 4,000,000,000 strings in a part of a few bytes: python-calamine reserved room for
    them all and the process aborted — no finding, no output, the inbox's consolidation lost (hostile audit)."""
    sst = f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="1" uniqueCount="4000000000"><si><t>甲</t></si></sst>'
    return raw_xlsx(path, f'{_SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
                    shared=sst)


def negative_string_index(path: Path) -> Path:
    """A shared-text cell numbered -1: python-calamine read the first shared text (a facility named 附件1： on the
    consolidated list, blamed on the township as DISPOSAL_MISSING; hostile audit)."""
    sst = f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="2" uniqueCount="2"><si><t>附件1：</t></si>' \
          '<si><t>甲</t></si></sst>'
    return raw_xlsx(path, f'{_SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s">'
                          '<v>-1</v></c></row></sheetData></worksheet>', shared=sst)


def column_beyond_any_sheet(path: Path) -> Path:
    """A cell at column ZZZZZZZ (no reference the scan counted): python-calamine sized its grid by it and aborted."""
    return raw_xlsx(path, f'{_SHEET_HEAD}<sheetData><row r="7"><c r="ZZZZZZZ7"><v>1</v></c></row></sheetData></worksheet>')


def row_of_eleven_digits(path: Path) -> Path:
    """A cell at row 99,999,999,999 (more digits than the scan read): the same abort."""
    return raw_xlsx(path, f'{_SHEET_HEAD}<sheetData><row r="7"><c r="A99999999999"><v>1</v></c></row></sheetData>'
                          "</worksheet>")


def xls_directory_loop(path: Path) -> Path:
    """A real .xls whose directory's sector chain points back at itself (one FAT entry changed): python-calamine
    followed it without end, to 24 GB, and the run was killed — the good files beside it lost (hostile audit)."""
    data = bytearray((Path(__file__).parent / "data" / "汇龙镇_附件2.xls").read_bytes())
    size = 1 << struct.unpack_from("<H", data, 30)[0]
    fat0, first = struct.unpack_from("<I", data, 76)[0], struct.unpack_from("<I", data, 48)[0]
    struct.pack_into("<I", data, size + fat0 * size + 4 * first, first)
    path.write_bytes(bytes(data))
    return path


def xls_claiming_far_rows(path: Path) -> Path:
    """A real .xls whose DIMENSIONS record says the sheet ends at row 4,294,967,295: the same abort."""
    data = bytearray((Path(__file__).parent / "data" / "汇龙镇_附件2.xls").read_bytes())
    at = data.find(b"\x00\x02\x0e\x00")  # DIMENSIONS, 14 bytes: first row, last row + 1, first col, last col + 1
    struct.pack_into("<I", data, at + 8, 0xFFFFFFFF)
    path.write_bytes(bytes(data))
    return path


def shared_string_amplification(path: Path) -> Path:
    """One 5 MB shared string referenced by 2,000 cells: 10 GB of text once every cell holds its copy."""
    text = base64.b64encode(random.Random(3).randbytes(3_750_000)).decode()
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="2000" uniqueCount="1">'
           f"<si><t>{text}</t></si></sst>")
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="s"><v>0</v></c></row>' for i in range(1, 2001))
    return raw_xlsx(path, f"{_SHEET_HEAD}<sheetData>{rows}</sheetData></worksheet>", shared=sst)


def ods_repeat_bomb(path: Path) -> Path:
    """An .ods whose one cell is repeated over 16,384 columns and 1,048,576 rows: 17 billion cells from 1 KB."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="附件2">'
               '<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
               'table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
               "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
               "</office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _ods(path: Path, table: str) -> Path:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="附件2">{table}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def ods_counted_spaces(path: Path) -> Path:
    """One cell of 150 million spaces written as a count (<text:s text:c="150000000"/>): 1 KB, 1.5 GB read (audit)."""
    return _ods(path, '<table:table-row><table:table-cell office:value-type="string"><text:p>幸福<text:s '
                      'text:c="150000000"/>养老院</text:p></table:table-cell></table:table-row>')


def ods_repeated_text(path: Path) -> Path:
    """A row of 100 cells of 1,000 characters, repeated down 1,500 rows: under the cell cap, 150 million
    characters (1.5 GB read; audit of hostile input)."""
    return _ods(path, '<table:table-row table:number-rows-repeated="1500"><table:table-cell '
                      f'table:number-columns-repeated="100" office:value-type="string"><text:p>{"康" * 1000}</text:p>'
                      "</table:table-cell></table:table-row>")


def sheet_pointing_at_styles(path: Path) -> Path:
    """附件1's relationship pointing at xl/styles.xml: read as an empty sheet, its row lost unsaid (audit)."""
    good = good_workbook(path.with_name("_good_" + path.name))
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"worksheets/sheet1.xml", b"styles.xml", 1)
            out.writestr(name, data)
    good.unlink()
    return path


def many_entries(path: Path) -> Path:
    """100,000 directory entries (5 MB of directory) in front of one tiny member."""
    data = b"x"
    crc = zlib.crc32(data)
    entries = []
    for i in range(100_000):
        name = f"xl/media/{i:06d}.bin".encode()
        entries.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 0, 0, 0x21, crc, 1, 1,
                                   len(name), 0, 0, 0, 0, 0, 0) + name)
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 0, 0, 0x21, crc, 1, 1, 19, 0) \
        + b"xl/media/000000.bin" + data
    blob = b"".join(entries)
    path.write_bytes(local + blob + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries) & 0xFFFF,
                                                 len(entries) & 0xFFFF, len(blob), len(local), 0))
    return path


# name -> (builder, words the one-line reason must contain)
HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "zip_bomb.xlsx": (zip_bomb, "压缩炸弹"),
    "zip_bomb_lying_header.xlsx": (zip_bomb_lying, "压缩炸弹"),
    "billion_laughs.xlsx": (billion_laughs, "DOCTYPE"),
    "entities_after_comment.xlsx": (entities_after_long_comment, "DOCTYPE"),
    "far_apart_values.xlsx": (far_apart_values, "数据区域过大"),
    "far_apart_values_odd_path.xlsx": (far_apart_values_odd_path, "数据区域过大"),
    "row_beyond_excel.xlsx": (row_beyond_excel, "超出 Excel 的行列范围"),
    "lying_string_count.xlsx": (lying_string_count, "字符串个数与实际不符"),
    "negative_string_index.xlsx": (negative_string_index, "文字编号损坏"),
    "column_beyond_any_sheet.xlsx": (column_beyond_any_sheet, "超出 Excel 的行列范围"),
    "row_of_eleven_digits.xlsx": (row_of_eleven_digits, "超出 Excel 的行列范围"),
    "xls_claiming_far_rows.xls": (xls_claiming_far_rows, "超出 Excel 的范围"),
    "xls_directory_loop.xls": (xls_directory_loop, "扇区链首尾相接"),
    "shared_string_amplification.xlsx": (shared_string_amplification, "文字展开后过大"),
    "ods_repeat_bomb.ods": (ods_repeat_bomb, "数据区域过大"),
    "ods_counted_spaces.ods": (ods_counted_spaces, "文字展开后过大"),
    "sheet_pointing_at_styles.xlsx": (sheet_pointing_at_styles, "指向的不是工作表"),
    "ods_repeated_text.ods": (ods_repeated_text, "文字展开后过大"),
    "many_entries.xlsx": (many_entries, "条目过多"),
}


def good_workbook(path: Path, unit: str = "汇龙镇") -> Path:
    return write(path, unit, specs_for(unit))


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    for name, (build, _) in HOSTILE.items():
        build(d / name)
    good_workbook(d / "汇龙镇.xlsx")
    return d


# ---- hostile archives and XML ------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_file_is_refused_and_the_run_goes_on(hostile_dir: Path, name: str) -> None:
    code, data, err, _ = cli_json("check", hostile_dir / name, hostile_dir / "汇龙镇.xlsx")
    found = by_file(data)
    assert [f["code"] for f in found[name]] == ["FILE_UNREADABLE"], found[name]
    message = found[name][0]["message"]
    assert HOSTILE[name][1] in message and "\n" not in message and len(message) < 200, message
    assert "汇龙镇.xlsx" not in found  # the good file beside it was read completely
    assert data["summary"]["rows_read"] == GOOD_ROWS and data["summary"]["units"] == 1
    assert code == 1


def test_all_hostile_files_in_one_folder_with_parallel_reading(hostile_dir: Path, tmp_path: Path) -> None:
    """≥ 8 files: read by two worker processes; a crash in a worker would break the whole run."""
    code, data, _, _ = cli_json("check", hostile_dir)
    found = by_file(data)
    assert {n: [f["code"] for f in fs] for n, fs in found.items()} == {n: ["FILE_UNREADABLE"] for n in HOSTILE}
    assert data["summary"]["files"] == len(HOSTILE) + 1 and data["summary"]["rows_read"] == GOOD_ROWS
    assert code == 1
    # consolidate: outputs still written for the readable file
    code, data, _, _ = cli_json("consolidate", hostile_dir, "-o", tmp_path / "out", "--period", "2022-06")
    assert code == 1 and len(data["summary"]["outputs"]) == 3
    assert data["summary"]["rows_written"] == GOOD_ROWS
    # annotated copies: one for the readable file, none for the refused ones
    code, data, _, _ = cli_json("check", hostile_dir, "--annotate", tmp_path / "marked")
    assert [Path(p).name for p in data["summary"]["outputs"]] == ["汇龙镇_校验标注.xlsx"]


def test_only_hostile_files_exit_2(hostile_dir: Path) -> None:
    code, data, _, _ = cli_json("check", hostile_dir / "zip_bomb.xlsx", hostile_dir / "billion_laughs.xlsx")
    assert code == 2 and {f["code"] for f in data["findings"]} == {"FILE_UNREADABLE"}


def test_absurd_dimension_with_few_cells_is_read_normally(tmp_path: Path) -> None:
    """<dimension ref="A1:XFD1048576"/> is only a claim: the grid is sized by the cells that hold values."""
    p = good_workbook(tmp_path / "汇龙镇.xlsx")
    dim = re.compile(rb'<dimension ref="[^"]*"\s*/>')
    rewrite(p, {f"xl/worksheets/sheet{i}.xml": lambda d: dim.sub(b'<dimension ref="A1:XFD1048576"/>', d)
                for i in range(1, 5)})
    with zipfile.ZipFile(p) as z:
        assert b"A1:XFD1048576" in z.read("xl/worksheets/sheet2.xml")
    code, data, _, _ = cli_json("check", p)
    assert (code, data["findings"], data["summary"]["rows_read"]) == (0, [], GOOD_ROWS)


@pytest.fixture(scope="module")
def blank_rows_workbook(tmp_path_factory) -> Path:
    """A clean submission whose 附件2 sheet has 1,000,000 formatted blank rows below the form."""
    p = good_workbook(tmp_path_factory.mktemp("blank") / "汇龙镇.xlsx")
    rows = "".join(f'<row r="{n}"><c r="A{n}" s="1"/></row>' for n in range(1001, 1_001_001)).encode()
    return rewrite(p, {"xl/worksheets/sheet2.xml": lambda d: d.replace(b"</sheetData>", rows + b"</sheetData>")},
                   level=1)


def test_a_million_styled_blank_rows_are_read(blank_rows_workbook: Path) -> None:
    code, data, _, _ = cli_json("check", blank_rows_workbook)
    assert (code, data["findings"], data["summary"]["rows_read"]) == (0, [], GOOD_ROWS)


def test_openpyxl_is_not_used_for_a_million_cell_elements(blank_rows_workbook: Path) -> None:
    """safety.editable(): the cheap count annotate needs to avoid openpyxl on such a file."""
    assert not safety.editable(blank_rows_workbook)
    assert safety.editable(EXAMPLES / "王鲍.xlsx")


def test_annotating_a_million_styled_blank_rows_does_not_use_openpyxl(blank_rows_workbook: Path, tmp_path: Path,
                                                                     monkeypatch) -> None:
    from yanglao_cli.annotate import annotate_one

    opened = []

    def refuse(path, *args, **kwargs):
        opened.append(path)
        raise MemoryError("openpyxl would build a million cells")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    annotate_one(blank_rows_workbook, "汇龙镇.xlsx", tmp_path / "汇龙镇_校验标注.xlsx", [])
    assert opened == []


def test_oversized_odd_and_ambiguous_archives_are_refused(tmp_path: Path) -> None:
    """Size on disk (a sparse 101 MB file: refused before a byte is read), a compression method Excel never
    uses (zipfile would decompress bzip2 without bounds), and two parts a reader would both take for one."""
    big = tmp_path / "过大.xlsx"
    with big.open("wb") as fh:
        fh.write(safety.ZIP_MAGIC)
        fh.truncate(101 * 1024 * 1024)
    bz = good_workbook(tmp_path / "bzip2.xlsx")
    with zipfile.ZipFile(bz) as z:
        items = [(n, z.read(n)) for n in z.namelist()]
    with zipfile.ZipFile(bz, "w", zipfile.ZIP_BZIP2) as z:
        for name, data in items:
            z.writestr(name, data)
    twice = good_workbook(tmp_path / "重名.xlsx")
    with zipfile.ZipFile(twice, "a") as z:
        z.writestr("XL/Worksheets/Sheet1.xml", f"{_SHEET_HEAD}<sheetData/></worksheet>")
    loaded, _ = load([big, bz, twice], default_config(), "2022-06")
    reasons = {Path(f.file).name: f.message for f in loaded.findings}
    assert "文件过大" in reasons["过大.xlsx"]
    assert "压缩方式" in reasons["bzip2.xlsx"]
    assert "重名" in reasons["重名.xlsx"]
    assert loaded.unreadable_files == 3


def test_limits_are_checked_before_reading() -> None:
    """The bounds that docs/reliability.md quotes."""
    assert safety.MAX_FILE_BYTES == 100 * 1024**2 and safety.MAX_UNCOMPRESSED == 256 * 1024**2
    assert safety.MAX_ENTRIES == 5000 and safety.MAX_XML_DEPTH == 100
    assert safety.MAX_CELLS == 6_000_000 and safety.MAX_TEXT_BYTES == 200 * 1024**2


def test_deep_nesting_is_read_by_the_streaming_reader_and_refused_to_openpyxl(tmp_path: Path) -> None:
    """python-calamine's XML reader is not recursive: 200,000 nested elements in a sheet cost it nothing, so
    `check` reads the file as usual. openpyxl parses recursively: an annotated copy or a template check
    inspects deeply first and does not hand the file to it."""
    p = deep_nesting(tmp_path / "deep_nesting.xlsx")
    safety.inspect_zip(p)  # the reader's inspection passes
    with pytest.raises(safety.Unreadable, match="嵌套"):
        safety.inspect_zip(p, deep=True)
    assert not safety.editable(p)
    code, data, err, _ = cli_json("check", p)
    assert "Traceback" not in err
    assert code in (1, 2) and [f["code"] for f in data["findings"]] == ["FORM_NOT_FOUND"]
    code, data, err, _ = cli_json("check", "--template", p)
    assert code == 2 and any("嵌套" in f["message"] for f in data["findings"] if f["code"] == "FILE_UNREADABLE")


def test_xml_depth_counts_only_real_nesting() -> None:
    deep = b"<a>" * 150 + b"</a>" * 150
    with pytest.raises(safety.Unreadable):
        safety._check_member(iter([deep]))
    wide = b'<?xml version="1.0"?><!-- (( --><w>' + b"<r><c r='A1' s='1'/><c><v>(1)</v></c></r>" * 5000 + b"</w>"
    safety._check_member(iter([wide[i:i + 1000] for i in range(0, len(wide), 1000)]))  # split anywhere


# ---- broken and odd files -----------------------------------------------------------------------------

END, FREE, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(streams: list[tuple[str, bytes]]) -> bytes:
    """A minimal OLE compound file (v3, 512-byte sectors); every stream ≥ 4096 bytes, so no mini stream."""
    sectors: list[bytes] = []
    chains = []
    for _, data in streams:
        data = data + b"\0" * (-len(data) % 512)
        chains.append((2 + len(sectors), len(data) // 512))
        sectors += [data[i:i + 512] for i in range(0, len(data), 512)]
    fat = [FATSECT, END]
    for start, n in chains:
        fat += [start + i + 1 for i in range(n - 1)] + [END]
    fat += [FREE] * (128 - len(fat))

    def entry(name: str, kind: int, child: int = NOSTREAM, right: int = NOSTREAM, start: int = END,
              size: int = 0) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1 if name else 0, NOSTREAM, right,
                                                     child) + b"\0" * 36 + struct.pack("<III", start, size, 0))

    entries = [entry("Root Entry", 5, child=1)]
    for i, ((name, data), (start, _)) in enumerate(zip(streams, chains, strict=True)):
        entries.append(entry(name, 2, right=i + 2 if i + 1 < len(streams) else NOSTREAM, start=start,
                             size=len(data)))
    entries += [entry("", 0)] * (4 - len(entries))
    header = (safety.OLE_MAGIC + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0) + struct.pack("<I", 0)
              + struct.pack("<I", FREE) * 108)
    return header + struct.pack("<128I", *fat) + b"".join(entries) + b"".join(sectors)


def encrypted_xlsx(path: Path) -> Path:
    """What Excel writes for a workbook with an open password: an OLE file holding EncryptedPackage."""
    path.write_bytes(ole_file([("EncryptionInfo", b"\x04\x00\x04\x00\x40\x00\x00\x00".ljust(4096, b"\0")),
                               ("EncryptedPackage", b"\x10\x00".ljust(4096, b"\xab"))]))
    return path


def encrypted_xls(path: Path) -> Path:
    """An .xls with an open password the township set: its Workbook stream's FILEPASS (RC4, a verifier no built-in
    password opens)."""
    def record(typ: int, body: bytes) -> bytes:
        return struct.pack("<HH", typ, len(body)) + body

    stream = (record(0x0809, struct.pack("<HH", 0x0600, 0x0005).ljust(16, b"\0"))
              + record(0x002F, struct.pack("<HHH", 1, 1, 1) + bytes(range(48))) + record(0x000A, b""))
    path.write_bytes(ole_file([("Workbook", stream.ljust(4096, b"\0"))]))
    return path


@pytest.mark.parametrize("name", ["汇龙镇.xls", "汇龙镇.xlsx"])
def test_an_xls_with_a_password_is_said_so_whatever_it_is_named(tmp_path: Path, name: str) -> None:
    """The same password-protected .xls renamed .xlsx was said 无法识别的文件格式，请用 Excel 打开后另存为 .xlsx —
    which the clerk cannot do without the password (blind audit of exported files)."""
    p = encrypted_xls(tmp_path / name)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [f.code.value for f in loaded.findings] == ["FILE_UNREADABLE"]
    assert "加密或设有打开密码，请去掉密码" in loaded.findings[0].message, loaded.findings[0].message


def macro_workbook(path: Path, unit: str) -> Path:
    """A .xlsm: a valid workbook with a VBA project part (never run: values only are read)."""
    good_workbook(path, unit)
    ct = b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    return rewrite(path, {"[Content_Types].xml": lambda d: d.replace(b"<Default ", ct + b"<Default ", 1)},
                   extra={"xl/vbaProject.bin": ole_file([("VBA", b'Attribute VB_Name = "Module1"'.ljust(4096))])})


def chart_only_workbook(path: Path) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    data = wb.add_worksheet("数据")
    data.write_column(0, 0, [1, 2, 3])
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": ["数据", 0, 0, 2, 0]})
    wb.add_chartsheet("图表").set_chart(chart)
    wb.close()
    return path


@pytest.fixture(scope="module")
def odd_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("odd")
    good = good_workbook(d / "东海镇.xlsx", "东海镇")
    (d / "空文件.xlsx").write_bytes(b"")
    (d / "截断.xlsx").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    encrypted_xlsx(d / "加密.xlsx")
    (d / "表格.xlsx").write_text("序号,养老服务机构及场所名称\n1,幸福养老院\n", encoding="utf-8")
    (d / "扫描件.xlsx").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n")
    shutil.copy(XLS, d / "汇龙镇_附件2_改名.xlsx")  # an .xls renamed .xlsx
    (d / "~$东海镇.xlsx").write_bytes(b"\x0cUser Name" + b"\0" * 150)  # Excel's lock file
    (d / ".~lock.东海镇.xlsx#").write_text("user,host", encoding="utf-8")  # LibreOffice's
    macro_workbook(d / "南阳镇_宏.xlsm", "南阳镇")
    chart_only_workbook(d / "图表.xlsx")
    (d / "旧版.xls").write_bytes(b"\x09\x04\x06\x00\x00\x00\x10\x00" + b"\0" * 120)  # an Excel 4.0 worksheet
    _indented_ods(d / "缩进.ods")
    with zipfile.ZipFile(d / "文档.xlsx", "w") as z:  # a Word document renamed .xlsx (it was "incomplete")
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    (d / "照片.xlsx").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\0" * 200)  # a photo of the form
    (d / "微信图片.xlsx").write_bytes(b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\0" * 200)  # WeChat's WebP
    with zipfile.ZipFile(d / "文稿.xlsx", "w") as z:  # an .odt (review: said 无法识别的文件格式)
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return d


def _indented_ods(path: Path) -> None:
    """An .ods whose content.xml is indented (KSpread, SheetJS, Gnumeric, hand-made ones): python-calamine cannot
    parse it as it is; read without the indentation, it holds no form."""
    import zipfile

    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">\n'
               '<office:body>\n<office:spreadsheet>\n<table:table table:name="Sheet1">\n<table:table-row>\n'
               '  <table:table-cell><text:p>1</text:p></table:table-cell>\n</table:table-row>\n</table:table>\n'
               '</office:spreadsheet>\n</office:body>\n</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">\n <manifest:file-entry '
                'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\n'
                ' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)


ODD = {  # file -> (code, words of the reason)
    "空文件.xlsx": ("FILE_UNREADABLE", "0 字节"),
    "截断.xlsx": ("FILE_UNREADABLE", "损坏"),
    "加密.xlsx": ("FILE_UNREADABLE", "加密"),
    "表格.xlsx": ("FILE_UNREADABLE", "CSV 文本"),  # (a CSV saved under an Excel name: said as one)
    "扫描件.xlsx": ("FILE_UNREADABLE", "PDF"),
    "图表.xlsx": ("FORM_NOT_FOUND", "附件1–4"),
    # not "不是 Excel 文件", not "已损坏" (registry files audit): what it is, and what to do
    "旧版.xls": ("FILE_UNREADABLE", "Excel 4.0 或更早版本的旧格式"),
    "缩进.ods": ("FORM_NOT_FOUND", "Sheet1"),
    # what each is, not "文件不完整" / "请用 Excel 另存为 .xlsx" (blind audit of exported files)
    "文档.xlsx": ("FILE_UNREADABLE", "这是 Word 文档"),
    "照片.xlsx": ("FILE_UNREADABLE", "这是图片"),
    "微信图片.xlsx": ("FILE_UNREADABLE", "这是图片"),
    "文稿.xlsx": ("FILE_UNREADABLE", "这是文字文档"),
}


def test_broken_and_odd_files_get_one_clear_line_each(odd_dir: Path, runner) -> None:
    code, data = run_json(runner, "check", str(odd_dir))
    found = by_file(data)
    names = {p.name for p in odd_dir.iterdir()}
    assert data["summary"]["files"] == len(names) - 2  # the two lock files are not submissions
    for name, (want, words) in ODD.items():
        assert [f["code"] for f in found[name]] == [want], found.get(name)
        message = found[name][0]["message"]
        assert words in message and "\n" not in message and len(message) < 200, message
    # an .xls renamed .xlsx is read, or refused with a reason; never a crash
    renamed = found.get("汇龙镇_附件2_改名.xlsx", [])
    codes = [f["code"] for f in renamed]
    assert "FILE_UNREADABLE" not in codes or codes == ["FILE_UNREADABLE"]
    assert "南阳镇_宏.xlsm" not in found  # macros are never run; the values are read like any workbook
    assert "东海镇.xlsx" not in found
    assert data["summary"]["units"] >= 2 and data["summary"]["rows_read"] >= 2 * GOOD_ROWS
    assert code == 1


def test_xls_renamed_xlsx_is_read_like_the_xls(odd_dir: Path) -> None:
    loaded, _ = load([odd_dir / "汇龙镇_附件2_改名.xlsx"], default_config(), "2022-06")
    assert loaded.rows_read > 0 and not loaded.unreadable_files


def test_only_broken_files_exit_2_and_good_files_exit_0(odd_dir: Path, runner) -> None:
    broken = [str(odd_dir / n) for n, (code, _) in ODD.items() if code == "FILE_UNREADABLE"]
    code, data = run_json(runner, "check", *broken)
    assert code == 2 and len(data["findings"]) == len(broken)
    code, data = run_json(runner, "check", str(odd_dir / "东海镇.xlsx"), str(odd_dir / "南阳镇_宏.xlsm"))
    assert code == 0 and data["findings"] == []


def test_an_excel_4_macro_sheet_beside_the_forms_is_passed_over(tmp_path: Path) -> None:
    """A correct workbook with an Excel 4.0 macro sheet (宏表, =GET.WORKBOOK(1)) added: python-calamine refused the
    whole book, FILE_UNREADABLE "XML 已损坏" (blind audit of odd files). Its forms are read, as beside a chart
    sheet."""
    p = good_workbook(tmp_path / "汇龙镇.xlsm")
    macro = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xm:macrosheet '
             b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1"><c r="A1">'
             b'<f>GET.WORKBOOK(1)</f></c></row></sheetData></xm:macrosheet>')
    rel = (b'<Relationship Id="rIdM1" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" '
           b'Target="macrosheets/sheet1.xml"/>')
    ct = (b'<Override PartName="/xl/macrosheets/sheet1.xml" '
          b'ContentType="application/vnd.ms-excel.macrosheet+xml"/>')
    rewrite(p, {"xl/_rels/workbook.xml.rels": lambda d: d.replace(b"</Relationships>", rel + b"</Relationships>"),
                "xl/workbook.xml": lambda d: re.sub(rb"</(\w+:)?sheets>", lambda m: b'<sheet name="Macro1" sheetId="99" '
                                                    b'r:id="rIdM1"/>' + m[0], d),
                "[Content_Types].xml": lambda d: d.replace(b"</Types>", ct + b"</Types>")},
            extra={"xl/macrosheets/sheet1.xml": macro})
    import python_calamine as pc

    with pytest.raises(pc.CalamineError):  # (what the reader gets round)
        pc.CalamineWorkbook.from_path(str(p))
    loaded, _ = load([p], default_config(), "2022-06")
    assert loaded.rows_read == GOOD_ROWS and not loaded.unreadable_files and loaded.findings == []


def _biff5_gbk(path: Path) -> Path:
    """An Excel 95 (BIFF5) .xls of a correct 附件2 whose texts are in the GBK code page (CODEPAGE 936)."""
    def rec(t: int, body: bytes = b"") -> bytes:
        return struct.pack("<HH", t, len(body)) + body

    def text(v: str, width: str) -> bytes:
        b = v.encode("gbk")
        return struct.pack(width, len(b)) + b

    rows: list[list[object]] = [["附件2："], ["养老服务诈骗风险隐患“红橙黄”风险管控名单"], ["填报单位（盖章）：汇龙镇"],
                                ["序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "牵头排查单位", "备注"],
                                [1, "汇龙镇幸福养老院", "A", "1、2", "黄", "汇龙镇民政办"]]

    def bof(kind: int) -> bytes:
        return rec(0x0809, struct.pack("<HHHH", 0x0500, kind, 0x0DBB, 0x07CC))

    glob = bof(5) + rec(0x42, struct.pack("<H", 936))
    for _ in range(5):
        glob += rec(0x31, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0x86, 0) + text("Arial", "<B"))
    for i in range(17):
        glob += rec(0xE0, struct.pack("<8H", 0, 0, 0xFFF5 if i < 16 else 1, 0x20, 0, 0, 0, 0))
    at = len(glob) + 4
    glob += rec(0x85, struct.pack("<IBB", 0, 0, 0) + text("附件2", "<B")) + rec(0x0A)
    sheet = bof(0x10) + rec(0x00, struct.pack("<4H", 0, len(rows), 0, 7))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            sheet += rec(0x203, struct.pack("<HHHd", r, c, 16, v)) if isinstance(v, int) else \
                rec(0x204, struct.pack("<HHH", r, c, 16) + text(str(v), "<H"))
    book = bytearray(glob + sheet + rec(0x0A))
    struct.pack_into("<I", book, at, len(glob))
    path.write_bytes(ole_file([("Book", bytes(book).ljust(4096, b"\0"))]))
    return path


def test_an_excel_95_file_in_gbk_is_said_old_not_formless(tmp_path: Path) -> None:
    """python-calamine reads an Excel 95 .xls's GBK texts as U+FFFD: FORM_NOT_FOUND under a sheet named ����2, the
    township asked to fill a correct form again (blind audit of odd files). FILE_UNREADABLE: an old format, to be
    saved as .xlsx."""
    p = _biff5_gbk(tmp_path / "汇龙镇.xls")
    loaded, _ = load([p], default_config(), "2022-06")
    assert [f.code.value for f in loaded.findings] == ["FILE_UNREADABLE"] and "Excel 95" in loaded.findings[0].message
    assert "\ufffd" not in loaded.findings[0].message


@pytest.mark.parametrize(("data", "said"), [
    (b"<html><head><meta charset='gb2312'></head><body><table><tr><td>\xd0\xf2\xba\xc5</td></tr></table></body></html>",
     "网页（HTML）格式的表格"),
    (b"\xef\xbb\xbf<table><tr><td>1</td></tr></table>", "网页（HTML）格式的表格"),  # (after a BOM: "not Excel")
    ("序号\t养老服务机构及场所名称\r\n1\t幸福养老院\r\n".encode("utf-16"), "制表符分隔的 Unicode 文本"),  # (was XML/HTML)
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", "单个文件网页（MHTML）"),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
     "Excel 2003 XML 表格"),
    # a CSV, the commonest export, in GBK or UTF-8 with its BOM (it was “可能是改了扩展名的文本”; blind audit)
    ("序号,养老服务机构及场所名称,类别\r\n1,幸福养老院,A\r\n2,康乐老年公寓,B\r\n".encode("gbk"), "逗号分隔的 CSV 文本"),
    ("\ufeff序号,名称\n1,幸福养老院\n".encode("utf-8"), "逗号分隔的 CSV 文本"),
    ("序号\t名称\n1\t幸福养老院\n".encode(), "制表符分隔的文本"),  # (was called a CSV; audit of exports)
])
def test_a_text_export_named_xls_is_said_what_it_is(tmp_path: Path, data: bytes, said: str) -> None:
    """What web systems and Excel's other 另存为 types write under .xls: each named, with how to save it as .xlsx
    (blind audit of odd files: the Unicode text was called XML/HTML, the HTML table after a BOM not Excel)."""
    p = tmp_path / "汇龙镇.xls"
    p.write_bytes(data)
    with pytest.raises(safety.Unreadable, match=re.escape(said)):
        safety.sniff(p)


def test_an_excel_2003_xml_workbook_in_a_folder_is_said_not_passed_over(tmp_path: Path, runner) -> None:
    """汇龙镇附件1-4.xml, Excel 2003's XML workbook (Excel opens it as one), in a searched folder was passed over:
    the township said 未报送, nothing about the file that came (blind audit of exported files). It is FILE_UNREADABLE
    as under .xls; another XML file beside it is no report and is still passed over."""
    good_workbook(tmp_path / "收件" / "南阳镇.xlsx", "南阳镇")
    (tmp_path / "收件" / "汇龙镇附件1-4.xml").write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', encoding="utf-8")
    (tmp_path / "收件" / "config.xml").write_text('<?xml version="1.0"?><settings/>', encoding="utf-8")
    code, data = run_json(runner, "check", str(tmp_path / "收件"))
    assert [(f["code"], Path(f["file"]).name) for f in data["findings"]] == [("FILE_UNREADABLE", "汇龙镇附件1-4.xml")]
    assert "Excel 2003 XML" in data["findings"][0]["message"] and code == 1 and data["summary"]["files"] == 2


def test_a_folder_named_like_a_workbook(tmp_path: Path, runner) -> None:
    folder = tmp_path / "收件" / "汇龙镇.xlsx"
    good_workbook(folder / "南阳镇.xlsx", "南阳镇")
    code, data = run_json(runner, "check", str(folder))  # named explicitly: searched too (SPEC: folders are searched)
    assert code == 0 and data["summary"]["files"] == 1 and data["summary"]["units"] == 1
    code, data = run_json(runner, "check", str(tmp_path / "收件"))  # found while searching: looked into
    assert code == 0 and data["summary"]["files"] == 1 and data["summary"]["units"] == 1


def test_a_file_that_cannot_be_opened(tmp_path: Path, monkeypatch) -> None:
    p = good_workbook(tmp_path / "汇龙镇.xlsx")
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        p.chmod(0)
    else:  # root reads anything: deny it the way the OS would
        real_open = Path.open

        def deny(self: Path, *args, **kwargs):
            if self.name == p.name:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", deny)
    try:
        loaded, _ = load([p], default_config(), "2022-06")
    finally:
        p.chmod(0o644)
    assert [f.code.value for f in loaded.findings] == ["FILE_UNREADABLE"]
    assert "权限" in loaded.findings[0].message and loaded.unreadable_files == 1


def test_annotated_copy_of_a_macro_workbook_holds_no_macro(odd_dir: Path, tmp_path: Path, runner) -> None:
    res = run(runner, "check", str(odd_dir / "南阳镇_宏.xlsm"), "--annotate", str(tmp_path))
    assert res.exit_code == 0
    copy = tmp_path / "南阳镇_宏_校验标注.xlsx"
    with zipfile.ZipFile(copy) as z:
        assert not any("vbaProject" in n for n in z.namelist())


# ---- formula injection --------------------------------------------------------------------------------

PAYLOADS = ['=HYPERLINK("http://x","点击")', "=cmd|' /C calc'!A0", "+1+1", "@SUM(1)", "-2+3"]
SCRIPT = "<script>alert(1)</script>"
NAMES = [*PAYLOADS, SCRIPT]
RED = {"category": "C", "points": "10", "level": "红", "measures": "3、4、6、10", "clue": "是", "fundraising": "是",
       "case": "否", "resolved": "否"}


def injection_workbook(path: Path, unit: str = "汇龙镇", names: list[str] = NAMES, date: str = "2022-06-15") -> Path:
    """Every facility RED (so that it is listed in the reports), named, noted and progressed with payloads;
    the cells are text in the township's file, as a clerk's typed '=…' is."""
    rows = clean_rows(unit, len(names), seed=1)
    f2 = [{**r, **{k: RED[k] for k in ("category", "points", "level")}, "name": n,
           "note": PAYLOADS[i % len(PAYLOADS)]} for i, (r, n) in enumerate(zip(rows["F2"], names, strict=False))]
    disposal = {k: v for k, v in RED.items() if k not in ("category", "level")}
    f3 = [{**r, **disposal, "name": n, "progress": PAYLOADS[i % len(PAYLOADS)]}
          for i, (r, n) in enumerate(zip(rows["F3"], names, strict=False))]
    rows["F1"][0].update(total=30, checked=30, percent=100)
    specs = [SheetSpec(form, {"F2": f2, "F3": f3}.get(form.key, rows[form.key]), footer_date=date)
             for form in (F1, F2, F3, F4)]
    write_workbook(path, unit, specs)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in PAYLOADS:
                    cell.data_type = "s"  # openpyxl took '=…' for a formula; the clerk's cell is text
    wb.save(path)
    return path


def text_cells(path: Path, sheets: tuple[str, ...]) -> dict[str, set[str]]:
    """value -> data types of the cells holding it, in the given sheets."""
    out: dict[str, set[str]] = {}
    wb = openpyxl.load_workbook(path)
    for name in sheets:
        for row in wb[name].iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    out.setdefault(cell.value, set()).add(cell.data_type)
    return out


def assert_no_formula_holds_payloads(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                for formula in re.findall(r"<f\b[^>]*>(.*?)</f>", xml, re.DOTALL):
                    assert not any(s in formula for s in ("HYPERLINK", "cmd|", "SUM(1)", "1+1", "2+3")), formula


def assert_payloads_are_text(path: Path, sheets: tuple[str, ...]) -> None:
    cells = text_cells(path, sheets)
    for value in NAMES:
        assert cells.get(value) == {"s"}, (value, cells.get(value))
    assert_no_formula_holds_payloads(path)


@pytest.fixture(scope="module")
def injection_inbox(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("inject")
    src = injection_workbook(d / "汇龙镇.xlsx")
    assert text_cells(src, ("附件2",))[PAYLOADS[0]] == {"s"}  # the input really holds text, not a formula
    return d


def test_formula_text_is_reported_at_its_cell(injection_inbox: Path, runner) -> None:
    code, data = run_json(runner, "check", str(injection_inbox), "--period", "2022-06")
    info = sorted(f"{f['sheet']}!{f['cell']}" for f in data["findings"] if f["code"] == "CELL_FORMULA_TEXT")
    assert all(f["severity"] == "info" for f in data["findings"] if f["code"] == "CELL_FORMULA_TEXT")
    # 附件2: names B5–B9 (the <script> name in B10 is plain text), notes G5–G10; 附件3: names, progress G
    want = [f"附件2!B{r}" for r in range(5, 10)] + [f"附件2!G{r}" for r in range(5, 11)] \
        + [f"附件3!B{r}" for r in range(5, 10)] + [f"附件3!G{r}" for r in range(5, 11)]
    assert info == sorted(want)


def test_formula_text_stays_text_in_every_output(injection_inbox: Path, tmp_path: Path, runner) -> None:
    import markupsafe

    from yanglao_cli.render import _md_escape

    out = tmp_path / "out"
    res = run(runner, "consolidate", str(injection_inbox), "-o", str(out), "--period", "2022-06")
    assert res.exit_code in (0, 1), res.stdout
    xlsx = out / "启东市民政局_2022-06_汇总.xlsx"
    assert_payloads_are_text(xlsx, ("附件2", "附件3"))
    html = (out / "启东市民政局_2022-06_报告.html").read_text(encoding="utf-8")
    md = (out / "启东市民政局_2022-06_报告.md").read_text(encoding="utf-8")
    assert SCRIPT not in html and SCRIPT not in md
    for value in NAMES:
        assert str(markupsafe.escape(value)) in html, value
        assert _md_escape(value) in md, value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    marked = tmp_path / "marked"
    res = run(runner, "check", str(injection_inbox), "--annotate", str(marked), "--period", "2022-06")
    assert res.exit_code in (0, 1)
    assert_payloads_are_text(marked / "汇龙镇_校验标注.xlsx", ("附件2", "附件3"))

    # diff -o: next month one facility left the list; the changes workbook names it as text
    nxt = tmp_path / "next"
    injection_workbook(nxt / "汇龙镇.xlsx", names=NAMES[1:], date="2022-07-13")
    run_consolidate([nxt], tmp_path / "out2", default_config(), "2022-07", workers=1)
    changes = tmp_path / "变化.xlsx"
    res = run(runner, "diff", str(xlsx), str(tmp_path / "out2" / "启东市民政局_2022-07_汇总.xlsx"), "-o", str(changes))
    assert res.exit_code in (0, 1)
    assert text_cells(changes, ("变化",)).get(NAMES[0]) == {"s"}
    assert_no_formula_holds_payloads(changes)


# ---- atomic, safe output ------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    d = tmp_path / "收件"
    shutil.copytree(EXAMPLES, d)
    return d


def test_a_failed_write_leaves_no_partial_file_and_keeps_the_old_one(inbox: Path, tmp_path: Path,
                                                                     monkeypatch) -> None:
    from yanglao_cli import writer

    out = tmp_path / "out"
    run_consolidate([inbox], out, default_config(), "2022-06", workers=1)
    before = _snapshot(out)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "_write_summary", boom)  # after 附件1–4 are written, before the file is closed
    with pytest.raises(RuntimeError):
        run_consolidate([inbox], out, default_config(), "2022-06", workers=1)
    assert _snapshot(out) == before  # the previous outputs, untouched; no temporary file left behind

    fresh = tmp_path / "fresh"
    with pytest.raises(RuntimeError):
        run_consolidate([inbox], fresh, default_config(), "2022-06", workers=1)
    assert list(fresh.iterdir()) == []


def test_an_output_is_on_the_disk_before_it_replaces_the_old_one(tmp_path: Path, monkeypatch) -> None:
    """Atomic across a power cut too: the new file's bytes are flushed (fsync) before its name replaces the old
    one's; renamed first, the name could be left on an empty file. A file system that cannot flush still gets
    the output."""
    import os

    from yanglao_cli import safety

    done: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (done.append(("fsync", os.fstat(fd).st_size)), real_fsync(fd)))
    monkeypatch.setattr(os, "replace", lambda a, b: (done.append(("replace", Path(b).name)), real_replace(a, b)))
    target = tmp_path / "汇总.md"
    target.write_text("旧", encoding="utf-8")
    safety.write_text_atomic(target, "新的报告")
    assert done == [("fsync", len("新的报告".encode())), ("replace", "汇总.md")]
    assert target.read_text(encoding="utf-8") == "新的报告"

    def cannot(fd: int) -> None:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(os, "fsync", cannot)
    safety.write_text_atomic(target, "再新")
    assert target.read_text(encoding="utf-8") == "再新" and [p.name for p in tmp_path.iterdir()] == ["汇总.md"]


def test_a_failed_annotated_copy_leaves_nothing(inbox: Path, tmp_path: Path, monkeypatch) -> None:
    from yanglao_cli import annotate
    from yanglao_cli.annotate import annotate_one

    real_save = annotate.save_stable

    def half_then_fail(wb, filename, *rest):
        real_save(wb, filename, *rest)
        Path(filename).write_bytes(Path(filename).read_bytes()[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(annotate, "save_stable", half_then_fail)
    out = tmp_path / "marked"
    with pytest.raises(OSError):
        annotate_one(inbox / "王鲍.xlsx", "王鲍.xlsx", out / "王鲍_校验标注.xlsx", [])
    assert list(out.iterdir()) == []


def test_outputs_get_ordinary_permissions(inbox: Path, tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    old = os.umask(0o022)
    try:
        run_consolidate([inbox], tmp_path / "out", default_config(), "2022-06", workers=1)
    finally:
        os.umask(old)
    for p in (tmp_path / "out").iterdir():
        assert p.stat().st_mode & 0o777 == 0o644, p  # not mkstemp's private 0600


def test_an_output_that_names_an_input_is_refused(inbox: Path, tmp_path: Path, runner) -> None:
    out = tmp_path / "out"
    run_consolidate([inbox], out, default_config(), "2022-06", workers=1)
    old = out / "启东市民政局_2022-06_汇总.xlsx"
    new = tmp_path / "本期.xlsx"
    shutil.copy(old, new)
    a = good_workbook(tmp_path / "标注" / "汇龙镇.xlsx")
    b = good_workbook(tmp_path / "标注" / "汇龙镇_校验标注.xlsx")
    before = _snapshot(tmp_path)
    res = run(runner, "diff", str(old), str(new), "-o", str(new))
    assert res.exit_code == 2 and "输入" in res.stderr
    # consolidate whose output would overwrite the --previous workbook
    res = run(runner, "consolidate", str(inbox), "-o", str(out), "--period", "2022-06", "--previous", str(old))
    assert res.exit_code == 2 and "输入" in res.stderr
    assert _snapshot(tmp_path) == before
    # an annotated copy whose name is another input's (a returned copy in the folder): written under another name,
    # the findings printed (the whole check was refused, nothing said)
    res = run(runner, "check", str(a), str(b), "--annotate", str(a.parent))
    assert res.exit_code == 0 and "汇龙镇_2_校验标注.xlsx" in res.stdout
    after = _snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before
    # (the copy of the returned copy keeps one suffix: both are numbered after the input's name)
    assert {Path(k).name for k in set(after) - set(before)} == {"汇龙镇_2_校验标注.xlsx", "汇龙镇_3_校验标注.xlsx"}


def test_a_townships_file_named_as_the_output_is_read_not_replaced(tmp_path: Path, runner) -> None:
    """A township's workbook in the inbox under the consolidated workbook's very name, -o the inbox: it was taken for
    our own earlier output — never read (the unit SUBMISSION_MISSING) and then written over (blind audit). Only a
    workbook consolidate wrote is passed over there; this one is read and, being an input, never replaced."""
    inbox = tmp_path / "收件"
    named = good_workbook(inbox / "启东市民政局_2022-06_汇总.xlsx")
    good_workbook(inbox / "北新镇.xlsx", "北新镇")
    before = _snapshot(inbox)
    res = run(runner, "consolidate", str(inbox), "-o", str(inbox), "--period", "2022-06")
    assert res.exit_code == 2 and "输入" in res.stderr
    assert _snapshot(inbox) == before and named.exists()
    # our own output there is still passed over when consolidating again into the same folder
    named.rename(inbox / "汇龙镇.xlsx")
    assert run(runner, "consolidate", str(inbox), "-o", str(inbox), "--period", "2022-06").exit_code in (0, 1)
    code, data = run_json(runner, "consolidate", str(inbox), "-o", str(inbox), "--period", "2022-06")
    assert data["summary"]["files"] == 2 and data["summary"]["units"] == 2


def test_annotating_into_the_input_folder_never_overwrites_an_input(inbox: Path, runner) -> None:
    before = _snapshot(inbox)
    res = run(runner, "check", str(inbox), "--annotate", str(inbox), "--period", "2022-06")
    assert res.exit_code == 1
    after = _snapshot(inbox)
    assert {k: v for k, v in after.items() if k in before} == before
    assert all(k.endswith("_校验标注.xlsx") for k in set(after) - set(before))
    code, data = run_json(runner, "check", str(inbox), "--period", "2022-06")  # copies are not read back
    assert data["summary"]["files"] == len(before)


def test_inputs_are_never_modified(inbox: Path, tmp_path: Path, runner) -> None:
    out = tmp_path / "out"
    run_consolidate([inbox], out, default_config(), "2022-06", workers=1)
    snapshot = out / "启东市民政局_2022-06_汇总.xlsx"
    run_consolidate([inbox], tmp_path / "out5", default_config(), "2022-05", workers=1)
    last = tmp_path / "out5" / "启东市民政局_2022-05_汇总.xlsx"  # --previous: a period before this one
    f2 = inbox / "北新镇" / "北新镇_附件2.xlsx"
    before = _snapshot(tmp_path)
    commands = [
        ("check", str(inbox)),
        ("check", str(inbox), "--annotate", str(tmp_path / "marked")),
        ("consolidate", str(inbox), "-o", str(inbox / "汇总"), "--period", "2022-06", "--previous", str(last)),
        ("status", str(inbox), "--period", "2022-06"),
        ("diff", str(last), str(snapshot), "-o", str(tmp_path / "变化.xlsx")),
        ("classify", str(f2)),
    ]
    for args in commands:
        res = run(runner, *args)
        assert res.exit_code in (0, 1), (args, res.stdout[-500:], res.stderr[-500:])
    after = _snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before


def test_consolidate_into_the_inbox_itself_reads_every_input(inbox: Path) -> None:
    files = len(_snapshot(inbox))
    report, _ = run_consolidate([inbox], inbox, default_config(), "2022-06", workers=1)
    assert report.files == files and report.rows_read > 0
    again, _ = run_consolidate([inbox], inbox, default_config(), "2022-06", workers=1)
    assert again.files == files and again.units == report.units  # its own output is not read back


# ---- determinism --------------------------------------------------------------------------------------


def test_two_runs_give_byte_identical_outputs(tmp_path: Path) -> None:
    for name in ("a", "b"):
        report, _ = run_consolidate([EXAMPLES], tmp_path / name, default_config(), "2022-06", workers=1)
        assert len(report.outputs) == 3
        if name == "a":
            time.sleep(1.1)  # a second apart: no clock may leak into the files
    for suffix in ("汇总.xlsx", "报告.html", "报告.md"):
        a, b = (tmp_path / d / f"启东市民政局_2022-06_{suffix}" for d in ("a", "b"))
        assert a.read_bytes() == b.read_bytes(), suffix


def test_finding_messages_have_no_unfilled_placeholder(tmp_path: Path) -> None:
    report, _ = run_consolidate([EXAMPLES], tmp_path, default_config(), "2022-06", workers=1)
    assert report.findings
    unfilled = [f.message for f in report.findings if re.search(r"\{\w+\}", f.message)]
    assert unfilled == []


def test_an_output_place_that_cannot_be_written_is_one_chinese_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    blocker = tmp_path / "不是文件夹.txt"
    blocker.write_text("x", encoding="utf-8")
    examples = Path(__file__).resolve().parents[1] / "examples" / "2022-06"
    proc = subprocess.run([sys.executable, "-m", "yanglao_cli", "consolidate", str(examples), "-o",
                           str(blocker / "输出")], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "程序内部错误" not in proc.stderr
    assert "无法写入" in proc.stderr and "路径中有同名文件" in proc.stderr


def test_an_output_name_taken_by_a_folder_is_named_in_chinese(tmp_path: Path) -> None:
    """The workbook's name taken by a folder: the message names the output (not the temporary file renamed onto
    it) and says why in Chinese (was 'Is a directory')."""
    import subprocess
    import sys

    examples = Path(__file__).resolve().parents[1] / "examples" / "2022-06"
    out = tmp_path / "输出"
    (out / "启东市民政局_2022-06_汇总.xlsx" / "里面").mkdir(parents=True)
    proc = subprocess.run([sys.executable, "-m", "yanglao_cli", "consolidate", str(examples), "-o", str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2
    line = proc.stderr.strip()
    assert "已有同名的文件夹" in line and "启东市民政局_2022-06_汇总.xlsx（" in line and ".tmp" not in line, line


@pytest.mark.parametrize("name", ["汇龙镇.ods", "汇龙镇.xlsb", "汇龙镇.xlsm", "汇龙镇.wps", "汇龙镇.docx", "汇龙镇.doc"])
def test_an_xlsx_renamed_is_read_by_its_content(tmp_path: Path, name: str) -> None:
    src = good_workbook(tmp_path / "src" / "汇龙镇.xlsx")
    renamed = tmp_path / "in" / name
    renamed.parent.mkdir()
    renamed.write_bytes(src.read_bytes())
    loaded, _ = load([renamed], default_config(), "2022-06")
    expected, _ = load([src], default_config(), "2022-06")
    assert loaded.rows_read == expected.rows_read > 0
    assert [f.code.value for f in loaded.findings] == [f.code.value for f in expected.findings]


def test_an_ods_renamed_xlsx_is_read_by_its_content(tmp_path: Path) -> None:
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not on PATH")
    src = good_workbook(tmp_path / "src" / "汇龙镇.xlsx")
    subprocess.run([soffice, "--headless", "--convert-to", "ods", "--outdir", str(tmp_path / "src"), str(src)],
                   capture_output=True, timeout=120, check=True)
    renamed = tmp_path / "in" / "汇龙镇.xlsx"
    renamed.parent.mkdir()
    renamed.write_bytes((tmp_path / "src" / "汇龙镇.ods").read_bytes())
    loaded, _ = load([renamed], default_config(), "2022-06")
    assert not loaded.unreadable_files and loaded.rows_read > 0


# ---- found by fuzzing every command (each was an internal error or a hang) ----------------------------------


def test_values_no_count_can_be_are_unreadable_not_an_overflow(tmp_path: Path, runner) -> None:
    """1.79e308 (a number Excel accepts) as two rows' 总数/已排查 overflowed the sums and the percentage; a 5,000-digit
    序号 passed str.isdecimal() and int() refused it."""
    row = {"township": "汇龙镇", "total": 1.79e308, "checked": 1.79e308, "group": "是，王某", "task_force": "是",
           "publicity": "是，微信", "info_sharing": "是，公安", "complaints": "是，12345", "percent": 100}
    p = write_workbook(tmp_path / "汇龙镇.xlsx", "汇龙镇", [
        SheetSpec(F1, [row, dict(row, township="汇龙镇")]),
        SheetSpec(F2, [{"seq": "1" * 5000, "name": "甲养老院", "category": "A", "points": "2", "level": "黄"}])])
    code, out = run_json(runner, "consolidate", p, "-o", tmp_path / "o")
    assert code == 1
    found = out["findings"]
    assert {(f["code"], f["cell"]) for f in found if "数值过大" in f["message"]} == {
        ("VALUE_INVALID", "C5"), ("VALUE_INVALID", "D5"), ("VALUE_INVALID", "C6"), ("VALUE_INVALID", "D6")}


def test_odd_options_and_settings_are_usage_errors_not_a_hang(tmp_path: Path, runner) -> None:
    """--period 0000-06 made the monthly deadline loop for ever; weekly = "Wed 25:00" crashed at the first 附件4."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    res = run(runner, "status", p, "--period", "0000-06")
    assert res.exit_code == 2 and "报告期" in res.output
    cfg = tmp_path / "yanglao.toml"
    cfg.write_text('units = ["汇龙镇"]\n[deadlines]\nweekly = "Wed 25:00"\n', encoding="utf-8")
    res = run(runner, "status", p, "--period", "2022-06", "--config", cfg)
    assert res.exit_code == 2 and "weekly" in res.output and "内部错误" not in res.output


def test_a_control_character_in_a_cell_does_not_stop_the_annotated_copy(tmp_path: Path, runner) -> None:
    """A cell holding U+0001 (text pasted from elsewhere) quoted in a finding: openpyxl refused it in 校验结果."""
    import xlsxwriter  # writes the character as Excel does (_x0001_), where openpyxl refuses it

    p = tmp_path / "汇龙镇.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    ws = wb.add_worksheet("附件2")
    ws.write_string(0, 0, F2.title)
    ws.write_string(1, 0, "填报单位（盖章）：汇龙镇")
    for i, c in enumerate(F2.columns):
        ws.write_string(2, i, c.header)
    for i, v in enumerate(["1", "甲养老院", "A\x01B", "2", "黄", "汇龙镇民政办", ""]):
        ws.write_string(3, i, v)
    wb.close()
    res = run(runner, "check", p, "--annotate", tmp_path / "a")
    assert res.exit_code == 1 and "内部错误" not in res.output
    assert list((tmp_path / "a").glob("*_校验标注.xlsx"))


def test_a_long_file_name_still_gets_its_annotated_copy(tmp_path: Path, runner) -> None:
    """A name near the 255-byte limit plus _校验标注 (and the temporary file's prefix) was too long to write: exit 2,
    no findings printed."""
    p = write(tmp_path / ("龙" * 80 + ".xlsx"), "汇龙镇", specs_for("汇龙镇"))
    code, out = run_json(runner, "check", p, "--annotate", tmp_path / "a")
    assert code == 0 and out["summary"]["files"] == 1
    assert len(list((tmp_path / "a").glob("*_校验标注.xlsx"))) == 1


def test_an_error_cell_without_a_value_takes_none_from_the_next_cell() -> None:
    """<c t="e"/> with no value: the error-cell scan must not read on into the next cell's value."""
    data = (b'<row r="5"><c r="A5" t="e"/><c r="B5" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
            b'<c r="C5" s="1"><v>3</v></c><c r="D5" t="e"><v>#REF!</v></c></row>')
    assert safety._error_cells(data) == {"B5": "#DIV/0!", "D5": "#REF!"}
    assert safety._error_cells(b'<x:c r="D6" t="e"><x:f>B6+C6</x:f><x:v>#VALUE!</x:v></x:c>') == {"D6": "#VALUE!"}


def test_an_output_that_is_another_name_of_an_input_is_refused(tmp_path: Path) -> None:
    from yanglao_cli.safety import InputGuard, OutputRefused

    src = good_workbook(tmp_path / "in" / "汇龙镇.xlsx")
    hard = tmp_path / "out" / "硬链接.xlsx"
    hard.parent.mkdir()
    os.link(src, hard)
    soft = tmp_path / "out" / "软链接.xlsx"
    soft.symlink_to(src)
    guard = InputGuard([src, tmp_path / "in" / "不存在.xlsx"])
    for target in (src, tmp_path / "in" / ".." / "in" / "汇龙镇.xlsx", hard, soft):
        with pytest.raises(OutputRefused):
            guard.check(target)
    guard.check(tmp_path / "out" / "汇龙镇_校验标注.xlsx")  # a new file: allowed
    guard.check(tmp_path / "in" / "另一个.xlsx")


def test_markdown_report_shows_entities_and_tildes_as_written() -> None:
    """A facility named …&amp; or ~~…~~: in the Markdown report a renderer showed & and struck the name through."""
    from yanglao_cli.render import _md_escape

    assert _md_escape("<b>x</b>&amp;") == "\\<b\\>x\\</b\\>\\&amp;"
    assert _md_escape("~~旧院~~") == "\\~\\~旧院\\~\\~"


def test_an_output_that_cannot_be_written_is_named_as_asked_and_said_in_chinese(tmp_path: Path,
                                                                                monkeypatch) -> None:
    """A file where the output's folder should be (EEXIST) is said in Chinese; a folder where no file may be made
    names the file the clerk asked for, not the temporary one written beside it."""
    import errno
    import subprocess
    import sys
    import tempfile

    from yanglao_cli.safety import atomic_path

    blocker = tmp_path / "报表.xlsx"
    blocker.write_bytes(b"x")
    # (check --annotate through a file ran for ever, every next copy's name failing alike; audit of the CLI)
    book = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    for args in (["init", "-o", str(blocker / "yanglao.toml")], ["template", "-o", str(blocker / "模板.xlsx")],
                 ["check", str(book), "--annotate", str(blocker / "退回")]):
        proc = subprocess.run([sys.executable, "-m", "yanglao_cli", *args], capture_output=True, text=True,
                              encoding="utf-8")
        assert proc.returncode == 2 and "路径中有同名文件" in proc.stderr and "File exists" not in proc.stderr

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".yanglao.x1y2.toml.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    target = tmp_path / "yanglao.toml"
    with pytest.raises(OSError) as caught, atomic_path(target):
        pass
    assert caught.value.filename == str(target) and caught.value.errno == errno.EACCES


@pytest.mark.parametrize(("code", "percent"), [
    ("0%", True), ("0.00%", True), ("0.0%;[Red]-0.0%", True), ("[$-804]0.0%", True),
    ('0.0"%"', False), ("0.0\\%", False), ("0.0", False), ("General", False), ('"完成"0%', True),
    ("[Red]0.0", False), ('0;-0;0;"%"@', False),
])
def test_a_percent_number_format_is_told_from_a_percent_sign_as_text(code: str, percent: bool) -> None:
    assert safety._percent_code(code) is percent


def test_the_percent_styles_of_a_workbook_are_its_cell_styles_numbered_in_order() -> None:
    styles = (b'<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/>'
              b'<numFmt formatCode="0.0&quot;%&quot;" numFmtId="165"/></numFmts>'
              b'<cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs>'
              b'<cellXfs count="5"><xf numFmtId="0" fontId="0"/><xf numFmtId="164"><alignment/></xf>'
              b'<xf numFmtId="165"/><xf numFmtId="10"/><xf fontId="1"/></cellXfs></styleSheet>')
    assert safety._percent_styles(styles) == {1, 3}
    sheet = b'<sheetData><row r="5"><c r="D5" s="2"><v>1</v></c><c r="E5" s="1" t="n"><v>0.5</v></c></row></sheetData>'
    assert safety._styled_cells(sheet, frozenset({1, 3})) == {"E5"}


def test_styles_written_otherwise_are_still_read_or_left_unknown() -> None:
    """Single-quoted attributes and a raw > in a format code are XML too (a review's files): read, not taken for
    'no percent style anywhere' — that made every 0.85 showing 85% a PERCENT_MISMATCH."""
    styles = (b"<styleSheet><numFmts><numFmt numFmtId='164' formatCode='[>=1]0%;0.0%'/></numFmts>"
              b"<cellXfs><xf numFmtId='0'/><xf numFmtId='164'/><xf numFmtId='9'/></cellXfs></styleSheet>")
    assert safety._percent_styles(styles) == {1, 2}
    assert safety._percent_styles(b"<styleSheet><cellXfs><xf numFmtId='9'") is None  # broken: unknown
    assert safety._percent_styles(b"<styleSheet/>") is None


# ---- damaged files a mutation fuzz of every command found (2026-12-03) ----------------------------------


def test_sheets_of_one_name_are_an_unreadable_file_not_an_internal_error(tmp_path: Path, runner) -> None:
    """Excel never saves two sheets of one name; a file that has them lost one of them (the second was never
    read, silently) or stopped the run with an internal error."""
    path = rewrite(good_workbook(tmp_path / "王鲍镇.xlsx", "王鲍镇"),
                   {"xl/workbook.xml": lambda d: re.sub(rb'(<sheet [^>]*?name=")[^"]*"', rb'\1X"', d)})
    for command in ("check", "consolidate"):
        extra = ("-o", str(tmp_path / "out")) if command == "consolidate" else ()
        res = run(runner, command, str(path), *extra, "--format", "json")
        data = json.loads(res.stdout)
        assert res.exit_code == 2, res.output
        unreadable = [f for f in data["findings"] if f["code"] != "SUBMISSION_MISSING"]  # (consolidate's)
        assert [(f["code"], f["file"]) for f in unreadable] == [("FILE_UNREADABLE", str(path))]
        assert "同名的工作表“X”" in unreadable[0]["message"]


def test_a_zip_version_no_writer_uses_is_an_unreadable_file(tmp_path: Path, runner) -> None:
    path = good_workbook(tmp_path / "王鲍镇.xlsx", "王鲍镇")
    raw = bytearray(path.read_bytes())
    at = raw.index(b"PK\x01\x02")  # the first entry of the central directory: "version needed to extract"
    raw[at + 6:at + 8] = struct.pack("<H", 143)
    path.write_bytes(bytes(raw))
    code, data = run_json(runner, "check", str(path))
    assert code == 2 and [f["code"] for f in data["findings"]] == ["FILE_UNREADABLE"]
    assert "损坏" in data["findings"][0]["message"]


def test_a_reader_panic_on_a_damaged_xls_prints_nothing_but_the_finding(tmp_path: Path, monkeypatch) -> None:
    """python-calamine panics on this .xls (a DIFAT of free sectors only); Rust's panic hook wrote its message
    and, under RUST_BACKTRACE, a backtrace to the clerk's terminal before the finding."""
    header = (safety.OLE_MAGIC + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + b"\xff" * 4 * 109)
    path = tmp_path / "汇龙镇.xls"
    path.write_bytes(header + b"\0" * 1024)
    monkeypatch.setenv("RUST_BACKTRACE", "1")
    code, out, err, _ = cli("check", path, "--format", "json")
    assert code == 2 and err == ""
    findings = json.loads(out)["findings"]
    assert [f["code"] for f in findings] == ["FILE_UNREADABLE"]
    assert "损坏" in findings[0]["message"] and "index" not in findings[0]["message"]


def test_sheets_of_binary_formats_are_charged_to_the_cell_budget() -> None:
    """.xls/.xlsb cannot be scanned before reading: each sheet's grid (from A1 to its farthest value) is charged
    before Python lists are built — a BIFF8 sheet's whole 65,536 × 256 is over the 6 M cells of a workbook."""
    budget = safety.CellBudget()
    budget.charge("附件2", (0, 0), 60, 12)
    budget.charge("附件3", None, 60, 12)  # a sheet without values has no start
    with pytest.raises(safety.Unreadable, match="数据区域过大：读到工作表“大表”时"):
        budget.charge("大表", (65535, 255), 1, 1)


def test_a_huge_xls_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    """python-calamine reads a whole .xls before a sheet can be counted: a 100 MB one (560 sheets of real data)
    took 750 MB in each reading process, 1.8 GB for a folder of eight (registry files audit). Refused by its size."""
    monkeypatch.setattr(safety, "MAX_OLE_BYTES", len(XLS.read_bytes()) - 1)
    with pytest.raises(safety.Unreadable, match=r"文件过大（\.xls 格式"):
        safety.sniff(XLS)
    monkeypatch.setattr(safety, "MAX_OLE_BYTES", len(XLS.read_bytes()))
    assert safety.sniff(XLS) == "ole"


def test_a_workbook_without_its_workbook_part_is_unreadable_not_formless(tmp_path: Path, runner) -> None:
    """An .xlsx whose xl/workbook.xml is lost had no sheet: FORM_NOT_FOUND “（无工作表）…请使用市局下发的模板”, as if the
    township had sent the wrong file, exit 1 (audit of robustness). No program saves a workbook without a sheet."""
    import zipfile

    src = good_workbook(tmp_path / "src" / "汇龙镇.xlsx")
    broken = tmp_path / "in" / "汇龙镇.xlsx"
    broken.parent.mkdir()
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            if info.filename != "xl/workbook.xml":
                zo.writestr(info, zi.read(info))
    code, data = run_json(runner, "check", str(broken))
    assert code == 2 and [f["code"] for f in data["findings"]] == ["FILE_UNREADABLE"]
    assert "没有任何工作表" in data["findings"][0]["message"] and data["findings"][0]["unit"] == "汇龙镇"


@pytest.mark.skipif(sys.platform.startswith("win"), reason="symbolic links need privileges on Windows")
def test_a_broken_link_in_a_searched_folder_is_said_in_chinese(tmp_path: Path, runner) -> None:
    """A link to a workbook that is gone, found in a folder, was passed over without a word (named on the command
    line it was FILE_UNREADABLE); a link to itself said “Too many levels of symbolic links” (audit of robustness)."""
    inbox = tmp_path / "收件"
    good_workbook(inbox / "汇龙镇.xlsx")
    os.symlink(tmp_path / "gone.xlsx", inbox / "南阳镇.xlsx")
    os.symlink(inbox / "北新镇.xlsx", inbox / "北新镇.xlsx")
    code, data = run_json(runner, "check", str(inbox))
    unreadable = {Path(f["file"]).name: f["message"] for f in data["findings"] if f["code"] == "FILE_UNREADABLE"}
    assert set(unreadable) == {"南阳镇.xlsx", "北新镇.xlsx"} and data["summary"]["files"] == 3
    assert all(re.search(r"[A-Za-z]{4,}", m) is None for m in unreadable.values()), unreadable


@pytest.mark.skipif(sys.platform.startswith("win"), reason="symbolic links need privileges on Windows")
def test_a_link_to_itself_in_the_inbox_is_one_unreadable_file_when_consolidating(tmp_path: Path, runner) -> None:
    """consolidate and check --annotate stopped on it with 程序内部错误 (RuntimeError: Symlink loop, Python 3.11's
    Path.resolve), no output written; check alone said it (audit of the machine around the tool)."""
    inbox = tmp_path / "收件"
    good_workbook(inbox / "汇龙镇.xlsx")
    os.symlink("环.xlsx", inbox / "环.xlsx")
    code, data = run_json(runner, "consolidate", str(inbox), "-o", str(tmp_path / "out"))
    assert code == 1 and [Path(f["file"]).name for f in data["findings"] if f["code"] == "FILE_UNREADABLE"] == \
        ["环.xlsx"]
    assert len(data["summary"]["outputs"]) == 3 and all(Path(o).is_file() for o in data["summary"]["outputs"])
    code, data = run_json(runner, "check", str(inbox), "--annotate", str(tmp_path / "退回"))
    assert code == 1 and data["summary"]["files"] == 2


def test_a_windows_shortcut_to_a_report_is_said_where_its_unit_is_missing(tmp_path: Path, runner) -> None:
    """A .lnk dragged into the inbox (汇龙镇_….xlsx - 快捷方式.lnk) was passed over without a word and 汇龙镇 said
    未报送 (audit of the machine around the tool): SUBMISSION_MISSING says it is a shortcut. A shortcut beside
    the workbook it points to is passed over as a PDF is — no error (review: exit 1 on a harmless shortcut)."""
    inbox = tmp_path / "收件"
    good_workbook(inbox / "南阳镇.xlsx", "南阳镇")
    (inbox / "汇龙镇_2022年6月_附件1-4.xlsx - 快捷方式.lnk").write_bytes(b"L\0\0\0\x01\x14\x02\0" + b"\0" * 200)
    (inbox / "南阳镇.xlsx - 快捷方式.lnk").write_bytes(b"L\0\0\0\x01\x14\x02\0" + b"\0" * 200)
    code, data = run_json(runner, "status", str(inbox), "--period", "2022-06")
    assert not any(f["code"] == "FILE_UNREADABLE" for f in data["findings"])
    [missing] = [f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_MISSING" and f["unit"] == "汇龙镇"]
    assert "快捷方式.lnk是快捷方式，不是报表文件本身" in missing, missing
    code, data = run_json(runner, "check", str(inbox))
    assert code == 0 and data["summary"]["files"] == 1


def test_a_report_without_extension_this_account_cannot_open_is_said(tmp_path: Path, runner, monkeypatch) -> None:
    """王鲍镇报表 (a workbook that lost its extension) the clerk's account may not open: passed over, and 王鲍镇 said
    未报送 without a word (review). Read, and said unreadable here."""
    inbox = tmp_path / "收件"
    good_workbook(inbox / "汇龙镇.xlsx")
    closed = good_workbook(inbox / "王鲍镇报表.xlsx", "王鲍镇").rename(inbox / "王鲍镇报表")
    real = Path.open

    def opened(self, *args, **kwargs):
        if self.name == closed.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", opened)
    code, data = run_json(runner, "status", str(inbox), "--period", "2022-06")
    [unreadable] = [f for f in data["findings"] if f["code"] == "FILE_UNREADABLE"]
    assert Path(unreadable["file"]).name == "王鲍镇报表" and "没有权限" in unreadable["message"]
    [missing] = [f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_MISSING" and f["unit"] == "王鲍镇"]
    assert "王鲍镇报表在本机无法打开" in missing, missing
    assert not missing.endswith("请联系该单位尽快报送")  # (nothing the township can do about it; audit of files)
    # given alone, nothing readable: the last line does not ask the township to send it again (audit of files)
    said = run(runner, "check", str(closed)).stdout.replace("\n", "")
    assert "所给的文件都无法读取" in said and "请按上面各文件的说明处理" in said and "请对方重新发送" not in said


def test_a_folder_that_cannot_be_opened_is_said_not_passed_over(tmp_path: Path, runner, monkeypatch) -> None:
    """A sub-folder of the inbox without permission (a shared drive's) was skipped without a word: its township
    looked as if it had sent nothing (audit of robustness, run as a user other than root)."""
    inbox = tmp_path / "收件"
    good_workbook(inbox / "汇龙镇" / "汇龙镇.xlsx")
    good_workbook(inbox / "南阳镇" / "南阳镇.xlsx")
    closed = inbox / "南阳镇"
    real = os.scandir

    def scandir(path=".", *args):
        if Path(os.fsdecode(path)) == closed:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)  # (as root, a folder's mode does not keep anyone out)
    code, data = run_json(runner, "check", str(inbox))
    unreadable = [f for f in data["findings"] if f["code"] == "FILE_UNREADABLE"]
    assert len(unreadable) == 1 and data["summary"]["files"] == 2 and code == 1, data
    assert unreadable[0]["file"] == os.path.join(str(inbox), "南阳镇")
    assert "文件夹无法打开（没有权限）" in unreadable[0]["message"]
    # this computer's permissions: nothing the township can send again (it said 请对方重新发送; audit)
    assert pipeline.STALE_ADVICE not in unreadable[0]["message"]
    code, data = run_json(runner, "status", str(inbox), "--period", "2022-06")
    [missing] = [f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_MISSING" and f["unit"] == "南阳镇"]
    assert "收到的南阳镇在本机无法打开" in missing and "请对方重新发送" not in missing, missing
    monkeypatch.setattr(os, "scandir", real)
    code, data = run_json(runner, "check", str(inbox))  # the control: both folders open, nothing unreadable
    assert data["summary"]["files"] == 2 and not any(f["code"] == "FILE_UNREADABLE" for f in data["findings"])


def test_a_wildcard_of_an_inbox_passes_over_system_files_and_says_what_documents_are(tmp_path: Path, runner) -> None:
    """`yanglao check 收件箱/*` (click expands it on Windows too): Thumbs.db, desktop.ini, a Mac's ._ file and a lock
    file were errors telling the clerk to open them in Excel and save as .xlsx, and a Word document or a picture was
    told the same (audit of a real inbox). System and lock files are passed over as in a searched folder; a
    document or a picture is said to be one. Named alone, a system file is said to be one."""
    inbox = tmp_path / "收件箱"
    good_workbook(inbox / "汇龙镇.xlsx")
    (inbox / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (inbox / "desktop.ini").write_text("[.ShellClassInfo]\n", encoding="utf-8")
    (inbox / "._汇龙镇.xlsx").write_bytes(b"\x00\x05\x16\x07" + b"\0" * 80)
    (inbox / "~$汇龙镇.xlsx").write_bytes(b"\x05zhang" + b"\0" * 100)
    with zipfile.ZipFile(inbox / "情况说明.docx", "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    (inbox / "mmexport1655.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    named = sorted(str(p) for p in inbox.iterdir())
    code, data = run_json(runner, "check", *named, "--period", "2022-06")
    unreadable = {Path(f["file"]).name: f["message"] for f in data["findings"] if f["code"] == "FILE_UNREADABLE"}
    assert set(unreadable) == {"情况说明.docx", "mmexport1655.jpg"} and data["summary"]["files"] == 3, data
    assert "这是文字文档（.docx），不是 Excel 报表" in unreadable["情况说明.docx"]
    assert "这是图片（.jpg）" in unreadable["mmexport1655.jpg"]
    assert not any("另存为" in m for m in unreadable.values())
    code, data = run_json(runner, "check", str(inbox / "Thumbs.db"))
    assert code == 2 and "系统文件" in data["findings"][0]["message"]


def test_an_error_of_this_tools_own_reading_is_not_called_a_damaged_file(monkeypatch) -> None:
    """A mistake in the tool's own code while reading a sound file was said as “文件已损坏”, and the clerk would
    send it back to the township (code review): it is an unreadable file still — the rest of the inbox is read —
    but said as possibly the tool's fault, with the error's type for the maintainer."""
    from yanglao_cli import pipeline, reader
    from yanglao_cli.config import default_config

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(reader, "_grid", broken)
    path = next((Path(__file__).parent.parent / "examples" / "2022-06").glob("汇龙镇*.xlsx"))
    res = pipeline.load_file(path, path.name, default_config(), 2022)
    assert res.unreadable and [f.code.value for f in res.findings] == ["FILE_UNREADABLE"]
    message = res.findings[0].message
    assert "本工具的问题" in message and "IndexError" in message and "已损坏" not in message


def test_a_workbook_too_large_unpacked_says_what_usually_makes_it_so(tmp_path: Path, runner, monkeypatch) -> None:
    """Five facilities behind borders drawn on 50 万 empty cells: 文件解压后过大（280 MB…） and nothing on what to do
    (audit of scale). The usual cause and its remedy are said."""
    p = good_workbook(tmp_path / "汇龙镇.xlsx")
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED", 1024)
    code, data = run_json(runner, "check", str(p))
    [found] = [f["message"] for f in data["findings"] if f["code"] == "FILE_UNREADABLE"]
    assert "文件解压后过大" in found and "删除表格下方和右侧多余的行列" in found and code == 2


def test_a_workbook_too_large_unpacked_names_the_sheet_that_makes_it_so(tmp_path: Path, runner, monkeypatch) -> None:
    """The limit reached through one sheet's formatted empty cells: the message names that sheet, the place to
    delete (it named none; audit of scale)."""
    import openpyxl
    from openpyxl.styles import Border, Side

    p = good_workbook(tmp_path / "汇龙镇.xlsx")
    wb = openpyxl.load_workbook(p)
    thin = Side(style="thin")
    for row in wb["附件3"].iter_rows(min_row=40, max_row=2000, max_col=8):
        for c in row:
            c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb.save(p)
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED", 64 * 1024)
    code, data = run_json(runner, "check", str(p))
    [found] = [f["message"] for f in data["findings"] if f["code"] == "FILE_UNREADABLE"]
    assert "请删除工作表“附件3”下方和右侧多余的行列后另存" in found and code == 2


def test_a_compound_file_chain_coming_back_on_itself_is_found_before_it_is_followed(tmp_path: Path) -> None:
    """The loop is found in the file's own bytes, before python-calamine opens it (which would not come back):
    the directory's chain, and none in a good .xls."""
    from yanglao_cli import biff

    assert biff.chain_loops(xls_directory_loop(tmp_path / "环.xls").read_bytes())
    assert not biff.chain_loops((Path(__file__).parent / "data" / "汇龙镇_附件2.xls").read_bytes())


def test_a_damaged_document_property_part_does_not_make_the_workbook_unreadable(tmp_path: Path) -> None:
    """docProps/custom.xml with a bad checksum: a part the reader never opens, so the workbook was read; kept from
    the archive inspection to tell our own outputs by, it made the whole file FILE_UNREADABLE (review). Read, with
    no mark of ours."""
    from .conftest import rezip, specs_for, write

    good = write(tmp_path / "good.xlsx", "东海镇", specs_for("东海镇"))
    props = b'<?xml version="1.0"?><Properties><property name="note"><vt:lpwstr>' + b"x" * 400 + \
        b"</vt:lpwstr></property></Properties>"
    bad = rezip(good, tmp_path / "in" / "东海镇.xlsx", lambda name, data: (name, data))
    with zipfile.ZipFile(bad, "a", zipfile.ZIP_STORED) as zf:
        zf.writestr("docProps/custom.xml", props)
    raw = bytearray(bad.read_bytes())
    at = raw.find(b"x" * 400)
    raw[at + 10] ^= 0x01  # (stored: the data is the bytes as written, its CRC now wrong)
    bad.write_bytes(bytes(raw))
    loaded, _ = pipeline.load([bad], default_config(), "2022-06")
    assert loaded.readable_files == 1 and not [f for f in loaded.findings if f.code.value == "FILE_UNREADABLE"]
    assert not safety.small_part(bad, "docProps/custom.xml")


def test_a_folder_given_without_a_spreadsheet_is_named(tmp_path: Path, runner) -> None:
    """A folder named 汇龙镇.xlsx, an inbox not yet filled: the error named neither; beside a good file both were
    passed over without a word, exit 0 (audit of files)."""
    (tmp_path / "汇龙镇.xlsx").mkdir()
    (tmp_path / "南阳镇6月").mkdir()
    write(tmp_path / "北新镇.xlsx", "北新镇", specs_for("北新镇"))
    for command in ("check", "status"):
        res = run(runner, command, str(tmp_path / "汇龙镇.xlsx"))
        assert res.exit_code == 2 and f"所给的文件夹 {tmp_path / '汇龙镇.xlsx'} 中没有表格文件" in res.stderr.replace("\n", "")
    res = run(runner, "consolidate", str(tmp_path / "南阳镇6月"), "-o", str(tmp_path / "out"))
    assert res.exit_code == 2 and "南阳镇6月 中没有表格文件" in res.stderr.replace("\n", "")
    res = run(runner, "check", str(tmp_path / "北新镇.xlsx"), str(tmp_path / "汇龙镇.xlsx"), str(tmp_path / "南阳镇6月"))
    assert res.exit_code == 0
    said = res.stderr.replace("\n", "")
    assert f"提示：所给的文件夹 {tmp_path / '汇龙镇.xlsx'}、{tmp_path / '南阳镇6月'} 中没有表格文件" in said
    # a folder whose files were read under another name given is not empty
    res = run(runner, "check", str(tmp_path), str(tmp_path))
    assert res.exit_code == 0 and "中没有表格文件" not in res.stderr


def test_a_workbook_saved_under_a_documents_name_is_read_in_a_folder_and_a_document_is_not(tmp_path: Path,
                                                                                        runner) -> None:
    """汇龙镇.wps holding the workbook (WPS's 另存为 kept the last type chosen): refused as 这是文字文档 when named, and
    passed over in a folder, the town 未报送 (audit of files). Read by its content; a real .docx is still said."""
    src = good_workbook(tmp_path / "src" / "汇龙镇.xlsx")
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "汇龙镇.wps").write_bytes(src.read_bytes())
    with zipfile.ZipFile(inbox / "情况说明.docx", "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    code, data = run_json(runner, "status", str(inbox), "--period", "2022-06")
    units = {u["unit"]: u for u in data["units"]}
    assert units["汇龙镇"]["missing"] == [] and data["summary"]["files"] == 1
    code, data = run_json(runner, "check", str(inbox / "情况说明.docx"))
    assert code == 2 and "这是文字文档（.docx）" in data["findings"][0]["message"]
