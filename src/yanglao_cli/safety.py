"""Guards before any parser sees a file, and atomic output.

Zip containers (.xlsx/.xlsm/.xlsb/.ods) are inspected before any reader expands them (docs/reliability.md):

- the central directory is bounded before it is parsed (entry count and size), then the declared sizes
  (total, per-entry expansion ratio), encryption and the compression method are checked;
- every member is decompressed once, as a stream, by this module: a member that expands beyond the size it
  declares (a lying header), or is damaged, is refused without ever holding more than one chunk of it;
- XML parts that declare a DOCTYPE or ENTITY (entity expansion, XXE) or nest elements deeper than
  MAX_XML_DEPTH are refused;
- worksheets are scanned for what the reader will allocate: the rectangle from A1 to the farthest cell that
  holds a value (python-calamine allocates it whole, and aborts the process when it cannot), the number of
  value cells, and the text that shared strings expand to when many cells repeat one long string; ODS
  spreadsheets likewise, with their number-rows/columns-repeated counts;
- the same pass finds formula cells that carry no cached value, which the fast reader silently drops.

Every refusal is a `Unreadable` with a one-line Chinese reason (FILE_UNREADABLE), never a crash of the run.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import itertools
import os
import re
import shutil
import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from .oserrors import why as os_why

MAX_FILE_BYTES = 100 * 1024 * 1024
# An .xls is read whole into memory (7–8 bytes of memory per byte of file): a 100 MB one took 750 MB in each
# reading process before its cells could be counted. A township's .xls is well under 1 MB; 65,536 rows of the
# forms are about 10 MB.
MAX_OLE_BYTES = 32 * 1024 * 1024
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_ENTRY_RATIO = 250  # per entry of more than RATIO_FLOOR bytes (real sheets of repeated cells reach 121:1)
RATIO_FLOOR = 2 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_DIRECTORY_BYTES = 4 * 1024 * 1024  # the zip's central directory, read whole by zipfile before any check
MAX_XML_DEPTH = 100  # real OOXML/ODF parts nest about 10 deep
EXCEL_MAX_ROWS, EXCEL_MAX_COLS = 1_048_576, 16_384
MAX_CELLS = 6_000_000  # per workbook: the sum over sheets of rows x columns from A1 to the farthest value
MAX_TEXT_BYTES = 200 * 1024 * 1024  # per workbook: text that shared-string cells expand to
MAX_ODS_TEXT = 50_000_000  # per .ods: characters its repeated cells and counted spaces expand to
EXCEL_MAX_TEXT = 32_767  # characters a cell holds in Excel (and in the consolidated workbook)
MAX_EDIT_CELLS = 300_000  # cell elements above which openpyxl (annotated copies) is too slow and too big
CHUNK = 4 * 1024 * 1024


class Unreadable(Exception):
    """The file cannot be read; the message is a Chinese reason for FILE_UNREADABLE."""


@dataclass
class ZipFacts:
    formulas_without_value: dict[str, set[str]] = field(default_factory=dict)  # sheet name -> {"E5", ...}
    # of those, their formulas (the reader evaluates the simple ones): sheet name -> {"B5": "附件2!B5"}
    formula_texts: dict[str, dict[str, str]] = field(default_factory=dict)
    formula_errors: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet name -> {"E5": "#DIV/0!"}
    defined_names: frozenset[str] = frozenset()  # the workbook's defined names (<definedName name="总数">)
    cells: int = 0  # area allocated by the reader, summed over sheets
    cell_elements: int = 0  # <c> elements in all worksheets (styled blanks included): the cost of openpyxl
    merged_cells: int = 0  # cells that merges cover (openpyxl makes an object for each): its cost too
    merges: dict[str, list] = field(default_factory=dict)  # ODS: sheet name -> merged ranges (see _ods_cells)
    # ODS: sheet name -> {"D5": "1\t3"}: text cells holding a tab or line break, which python-calamine drops
    ods_texts: dict[str, dict[str, str]] = field(default_factory=dict)
    hidden_columns: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # sheet -> 0-based spans
    # sheet -> cells ("E5") whose number format is a percentage (0.85 shows 85%), for the sheets where that is
    # known (.xlsx, .ods; .xls from its records: biff); python-calamine gives values without their formats
    percent_cells: dict[str, frozenset[str]] = field(default_factory=dict)
    # sheet -> cell -> the sections of its number format, where a number shows as text ("是";"是";"否")
    shown_formats: dict[str, dict[str, tuple[_Section, ...]]] = field(default_factory=dict)
    shown_texts: dict[str, dict[str, str]] = field(default_factory=dict)  # the same, as an .ods shows it ("C5": 是)
    format: str = ""  # what the archive holds, whatever the file is named: .xlsx (also .xlsm), .xlsb or .ods
    props: dict[str, bytes] = field(default_factory=dict)  # the document property parts as named (small_part)
    date1904: bool = False  # dates count from 1904 (<workbookPr date1904="1"/>, old Mac Excel): reader._dates_1904
    hidden_rows: dict[str, frozenset[int]] = field(default_factory=dict)  # sheet -> rows hidden (1-based)
    # sheet -> cell -> (struck text, the text not struck), ("", "") for all of it (1、~~3~~、7: ("3", "1、7")): a
    # clerk's way of deleting, which python-calamine does not give (.xlsx only)
    struck: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    notes: bool = False  # the package holds cell comments (批注): cell_notes reads them
    # sheet part -> the part without its cells beyond those that show something, where cells showing nothing reach
    # too far to be read (a formula giving "" filled down a whole column): read instead (trimmed_package)
    trimmed: dict[str, bytes] = field(default_factory=dict)


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

_CORRUPT = "文件已损坏或不完整（压缩包结构错误），请对方重新发送"
_BOMB = "文件解压后体积异常（疑似“压缩炸弹”），已拒绝读取"
_UNSAFE_XML = "文件包含不安全的 XML 声明（DOCTYPE/实体），已拒绝读取"
_DOCTYPE_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY")
                       for enc in ("ascii", "utf-16-le", "utf-16-be"))
# (any prefix: a program writing through .NET's Open XML SDK writes <x:c><x:f>; its formulas saved without a
# result were passed over unsaid, the cells read blank; blind audit of other producers)
_CELL_WITH_F = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_F_TAG = re.compile(rb"<(?:\w+:)?f\b")
_REF = re.compile(rb'\br="([A-Z]{1,3}[0-9]{1,7})"')
_V = re.compile(rb"<(?:\w+:)?v>[^<]+</(?:\w+:)?v>|<(?:\w+:)?is>")
_V_OPEN = re.compile(rb"<(?:\w+:)?v\b")
_ZERO_V = re.compile(rb"<(?:\w+:)?v>0</(?:\w+:)?v>")
_DEFINED_NAME = re.compile(rb'<(?:\w+:)?definedName\b[^>]*?\bname="([^"]{1,255})"')
_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=[\"'](?:1|true)[\"']")
_FULL_CALC = re.compile(rb"<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad=[\"'](?:1|true)[\"']")
_STR_TYPE = re.compile(rb'\bt="str"')


# Files in a searched folder that may hold a township's report without being one: reported, not passed over
ARCHIVE_SUFFIXES = (".zip", ".rar", ".7z")


def is_archive(name: str) -> bool:
    """A zip/rar/7z by its name: to be unpacked into the inbox, not sent again."""
    return Path(name).suffix.lower() in ARCHIVE_SUFFIXES
ARCHIVE_REASON = "这是压缩包，没有读取其中的文件；请解压后把其中的 Excel 报表放入收件夹再运行"


def spreadsheets_inside(path: Path) -> int:
    """How many spreadsheets a plain zip (no workbook's parts: inspect_zip's format "") holds by their names."""
    try:
        with zipfile.ZipFile(path) as zf:
            return sum(1 for n in zf.namelist() if n.lower().endswith((".xlsx", ".xlsm", ".xls", ".et", ".ods")))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return 0


# the part that makes a zip another office program's document: a Word document (.docx), a presentation
_OFFICE_PARTS = (("word/document.xml", "Word 文档"), ("ppt/presentation.xml", "演示文稿"))
_ODF_KINDS = ((b"opendocument.text", "文字文档"), (b"opendocument.presentation", "演示文稿"))  # (.odt, .odp)


def office_document_inside(path: Path) -> str:
    """What office document a zip holding no workbook is, "" where none: a Word document named .xlsx was told it was
    incomplete, to be saved again from Excel (blind audit of exported files); an .odt by its mimetype (an .ods's
    says spreadsheet)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist()[:10_000])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return ""
    kind = next((kind for part, kind in _OFFICE_PARTS if part in names), "")
    if not kind and "mimetype" in names:
        mime = small_part(path, "mimetype", 256) or b""
        kind = next((kind for said, kind in _ODF_KINDS if said in mime), "")
    return kind
# FILE_UNREADABLE reasons that are this computer's (permissions, a broken link, a path too deep): the file may
# be whole — nothing to ask the township to send again (blind audit of the machine around the tool)
_THIS_MACHINE = ("无法访问文件（", "文件夹无法打开（", "无法打开文件（", "这是快捷方式（符号链接）", "路径过长")


def this_machine(message: str) -> bool:
    return any(reason in message for reason in _THIS_MACHINE)


def sniff(path: Path) -> str:
    """'zip', 'ole', or raise Unreadable with the reason."""
    try:
        st = path.stat()
    except OSError as e:
        if e.errno == errno.ENOENT and path.is_symlink():
            raise Unreadable("这是快捷方式（符号链接），指向的文件或文件夹不存在（网络盘未连接？），其中的报表没有读取") from None
        if e.errno == errno.ENAMETOOLONG:  # (a folder nested past the system's limit, an archive unpacked in itself)
            raise Unreadable("路径过长（文件夹层次太深或名称太长），其中的报表没有读取；请把报表移到较浅的文件夹后重新运行") from None
        raise Unreadable(f"无法访问文件（{os_why(e)}）") from None
    if path.is_dir():
        try:
            with os.scandir(path) as entries:
                next(entries, None)
        except OSError as e:  # a sub-folder of a searched folder that could not be opened (pipeline.find_files)
            raise Unreadable(f"文件夹无法打开（{os_why(e)}），其中的报表都没有读取；请检查文件夹权限后重新运行") from None
        raise Unreadable("这是一个文件夹，不是文件")
    if not stat.S_ISREG(st.st_mode):  # a pipe or a device has no size: it was read as empty, or without end
        raise Unreadable("这不是普通文件（设备、管道或套接字），未读取")
    if is_lock_file(path.name) and st.st_size < 4096:  # (a 0-byte one was said 文件为空, as if a town's report)
        raise Unreadable(_LOCK_FILE)
    if st.st_size == 0:
        raise Unreadable("文件为空（0 字节），请对方重新发送")
    if st.st_size > MAX_FILE_BYTES:
        raise Unreadable(f"文件过大（{st.st_size // 1024 // 1024} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）")
    try:
        with path.open("rb") as fh:
            lead = fh.read(12)  # (12: a phone's photo is told by its 9th–12th bytes)
    except OSError as e:
        raise Unreadable(f"无法打开文件（{os_why(e)}），请检查文件权限") from None
    head = lead[:8]
    what = _NOT_A_SHEET.get(path.suffix.lower()) or (_SYSTEM_FILE if is_system_file(path.name) else "")
    if what and path.suffix.lower() in _MISNAMED and holds_workbook(path):
        what = ""  # a workbook saved under a document's name (汇龙镇.wps, .docx): read by its content (audit of files)
    if what:  # a Word document, a picture, Thumbs.db named on the command line (收件箱/*): it was told to be
        # opened in Excel and saved as .xlsx (audit of a real inbox)
        raise Unreadable(f"{what}，不是 Excel 报表，未读取")
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if is_lock_file(path.name):
        raise Unreadable(_LOCK_FILE)
    if head == OLE_MAGIC:
        if _ole_encrypted(path):
            raise Unreadable("文件已加密，请去掉密码后重新发送")
        if st.st_size > MAX_OLE_BYTES:  # python-calamine reads a whole .xls before any sheet can be refused
            raise Unreadable(f"文件过大（.xls 格式 {st.st_size // 1024 // 1024} MB，上限 {MAX_OLE_BYTES // 1024 // 1024} MB）；"
                             "报表不会有这么大，请删除不需要的工作表后另存为 .xlsx")
        return "ole"
    suffix = path.suffix.lower()
    if suffix in ARCHIVE_SUFFIXES and not head.startswith(ZIP_MAGIC):
        raise Unreadable(ARCHIVE_REASON)
    if suffix == ".csv":
        raise Unreadable("这是 CSV 文本文件，不是 Excel 报表（只有一张表，没有表头格式和合并单元格），请对方用市局下发的模板"
                         "填好后以 .xlsx 重新报送")
    if head.startswith(b"%PDF"):
        raise Unreadable("这是 PDF 文件，不是电子表格，请发送 Excel 文件")
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8")) or _photo(lead):  # (it was told to save it as .xlsx)
        raise Unreadable("这是图片（照片或截图），不是 Excel 文件；请对方发送填好的 Excel 报表原文件")
    if suffix == ".fods":
        raise Unreadable("这是 LibreOffice 平面 XML 表格（.fods），请在 LibreOffice 中另存为 .ods 或 .xlsx 后发送")
    if (said := _text_export(path)) is not None:
        raise Unreadable(said)
    if head[:2] in _OLD_BOF and 2 <= int.from_bytes(head[2:4], "little") <= 16:  # a worksheet of Excel 2.x–4.0
        raise Unreadable("这是 Excel 4.0 或更早版本的旧格式文件，本工具不能读取；请用 Excel 或 WPS 打开后另存为 .xlsx")
    raise Unreadable("不是 Excel 文件（可能是改了扩展名的文本或其他文件），请用 Excel 另存为 .xlsx")


def _photo(head: bytes) -> bool:
    """A phone's photo by a file's first 12 bytes: WebP (WeChat) or HEIC (iPhone)."""
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP" or head[4:8] == b"ftyp" and head[8:12] in (
        b"heic", b"heix", b"mif1", b"msf1", b"hevc")


# what a township may send instead of its workbook (a stamped scan, a photo of the printed form): said unreadable
# when named on the command line; passed over in a searched folder, but named where the unit's forms are missing
# (status, 汇总)
_DOCUMENT_KINDS = {suffix: kind for kinds, kind in (
    ((".pdf",), "PDF 文件"),
    ((".doc", ".docx", ".wps", ".rtf"), "文字文档"), ((".jpg", ".jpeg", ".png", ".gif", ".bmp", ".heic", ".webp"), "图片"),
    ((".ppt", ".pptx", ".dps"), "演示文稿"), ((".txt",), "文本文件"), ((".mp4", ".mov", ".avi"), "视频"),
    ((".eml", ".msg"), "邮件文件"), ((".ofd",), "版式文件"), ((".lnk",), "快捷方式")) for suffix in kinds}
SHORTCUT = "快捷方式"  # a .lnk to a report (dragged with Alt, 发送到→桌面快捷方式): said where its unit is missing
# (a PDF is told by its content below: a workbook saved as .pdf by mistake is still read)
_NOT_A_SHEET = {suffix: f"这是{kind}（{suffix}）" for suffix, kind in _DOCUMENT_KINDS.items() if suffix != ".pdf"}
_SYSTEM_FILE = "这是 Windows 或苹果电脑自动生成的系统文件"
_LOCK_FILE = "这是 Excel/WPS 打开文件时生成的临时锁定文件，不是报表；请关闭表格程序后发送原文件"


# document names a workbook is saved under by mistake (WPS offers .wps beside .et; 另存为 keeps the last type chosen)
_MISNAMED = frozenset((".doc", ".docx", ".wps", ".txt", ".rtf"))


def workbook_inside(path: Path) -> bool | None:
    """Whatever the file is named: True for a zip with a workbook's part (not a Word document's) or a compound file
    with a Workbook stream at its top (not a .doc's, nor an Excel object pasted into one: ObjectPool/…/Workbook);
    False for another zip or compound file; None for anything else. OSError where it cannot be read."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(ZIP_MAGIC):
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist()[:10_000])
        return "xl/workbook.xml" in names or "xl/workbook.bin" in names or "content.xml" in names \
            and b"spreadsheet" in (small_part(path, "mimetype", 256) or b"")
    if head == OLE_MAGIC:
        from .biff import _workbook_stream

        return path.stat().st_size <= MAX_OLE_BYTES and _workbook_stream(path.read_bytes(), top_only=True) is not None
    return None


def holds_workbook(path: Path) -> bool:
    """A workbook, whatever the file is named (workbook_inside); False where it cannot be told."""
    try:
        return workbook_inside(path) is True
    except Exception:  # (not to be opened, a damaged zip: said as what its name says)
        return False


def misnamed_workbook(name: str, path: Path) -> bool:
    """A file named as a document (.wps, .docx …) that holds a workbook (its content looked at for those names only)."""
    return Path(name).suffix.lower() in _MISNAMED and holds_workbook(path)


def document_kind(name: str) -> str:
    """PDF 文件 / 图片 / 文字文档 … for a document that is no spreadsheet, by its name; '' for anything else."""
    return _DOCUMENT_KINDS.get(Path(name).suffix.lower(), "")


_SYSTEM_NAMES = frozenset(("thumbs.db", "desktop.ini", ".ds_store", "ehthumbs.db"))


def _head_text(path: Path) -> tuple[bytes, str] | None:
    """A file's first 2 KB, and as text (UTF-16 by its byte-order mark, else UTF-8); None where it cannot be read."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(2048)
    except OSError:
        return None
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw, raw[2:].decode("utf-16-le" if raw[:1] == b"\xff" else "utf-16-be", "ignore")
    return raw, raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "ignore")


def _text_export(path: Path) -> str | None:
    """What a text file named as a workbook is, said so (web systems export an HTML table as .xls; Excel saves
    SpreadsheetML 2003, single-file web pages and Unicode text): the UTF-16 text was called XML/HTML, an HTML table
    after a byte-order mark "not an Excel file" (blind audit of odd files). None: none of these."""
    if (read := _head_text(path)) is None:
        return None
    raw, text = read
    head = text.lstrip().lower()
    again = "请用 Excel 打开后另存为 .xlsx（文件→另存为→Excel 工作簿）重新发送"
    if head.startswith("mime-version") or "multipart/related" in head[:600]:
        return f"这是单个文件网页（MHTML）格式，不是真正的 Excel 文件；{again}"
    if head.startswith(("<html", "<!doctype html", "<table", "<meta", "<head", "<body", "<style")) or \
            head.startswith("<?xml") and "<html" in head:
        return f"这是网页（HTML）格式的表格（网上系统导出的“Excel”常是这样），不是真正的 Excel 文件；{again}"
    if head.startswith("<?xml") or head.startswith("<workbook"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in head or "<workbook" in head:
            return f"这是 Excel 2003 XML 表格格式，不是 .xlsx/.xls 文件；{again}"
        return f"这是 XML 格式的文件，不是真正的 Excel 文件；{again}"
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        kind = "制表符分隔的 Unicode 文本" if "\t" in text else "Unicode 文本"
        return f"这是{kind}（Excel“另存为 Unicode 文本”或系统导出的文本），不是 Excel 文件；{again}"
    if _looks_like_csv(raw):
        # the commonest export of an online system, named .xls (it was “可能是改了扩展名的文本”; blind audit of odd
        # files); columns parted by tabs are no CSV (blind audit of exported files)
        first = text.lstrip().split("\n", 1)[0]
        kind = "制表符分隔的文本" if "\t" in first and "," not in first and "，" not in first else "逗号分隔的 CSV 文本"
        return f"这是{kind}（网上系统导出的“Excel”常是这样），不是真正的 Excel 文件；{again}"
    return None


def spreadsheet_xml(path: Path) -> bool:
    """An .xml file that is Excel 2003's XML workbook (SpreadsheetML, which Excel opens as a workbook): a township's
    report, said unreadable (_text_export says what it is) — in a searched folder it was passed over, the township
    said 未报送 without a word (blind audit of exported files)."""
    text = (_head_text(path) or (b"", ""))[1]
    return "urn:schemas-microsoft-com:office:spreadsheet" in text or 'progid="excel.sheet"' in text.lower()


def _looks_like_csv(raw: bytes) -> bool:
    """Text (UTF-8 or GB18030) of two lines or more, each with a comma or a tab, no control bytes: a CSV export."""
    if b"\x00" in raw:
        return False
    body = raw.removeprefix(b"\xef\xbb\xbf")
    for codec in ("utf-8", "gb18030"):
        try:
            text = body.decode(codec)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = body[:-4].decode("gb18030", "ignore") if len(body) == 2048 else ""  # (cut mid-character at the end)
    lines = [ln for ln in text.replace("\r", "").split("\n")[:20] if ln.strip()]
    return len(lines) >= 2 and all(("," in ln or "，" in ln or "\t" in ln) for ln in lines[:-1] or lines) and \
        not any(ch < " " and ch not in "\t" for ln in lines for ch in ln)


def is_lock_file(name: str) -> bool:
    """The file Excel/WPS (~$汇龙镇.xlsx) or LibreOffice (.~lock.汇龙镇.xlsx#) keeps while a workbook is open."""
    return name.startswith(("~$", ".~lock"))


def is_system_file(name: str) -> bool:
    """Thumbs.db, desktop.ini, .DS_Store, a Mac's ._汇龙镇.xlsx beside a copied file: no one's report."""
    return name.lower() in _SYSTEM_NAMES or name.startswith("._")


_OLD_BOF = (b"\x09\x00", b"\x09\x02", b"\x09\x04")  # BOF records of BIFF2, BIFF3, BIFF4 (no OLE container)


# An OLE directory entry of the stream that holds an encrypted .xlsx (whatever the file is named): the name
# in UTF-16, padded to 64 bytes, then its length (34 bytes) and type (2 = stream).
_ENCRYPTED_ENTRY = "EncryptedPackage\0".encode("utf-16-le").ljust(64, b"\0") + b"\x22\x00\x02"


def _ole_encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            tail = b""
            while chunk := fh.read(CHUNK):
                if _ENCRYPTED_ENTRY in tail + chunk:
                    return True
                tail = chunk[-len(_ENCRYPTED_ENTRY):]
    except OSError:
        return False
    return False


def _sheet_parts(blobs: dict[str, bytes]) -> tuple[dict[str, str], str | None]:
    """Sheet name -> zip path of its XML, and the shared-strings part, from workbook.xml and its rels."""
    if "xl/workbook.xml" not in blobs:
        return {}, None
    parts, shared = _sheet_parts_of(blobs["xl/workbook.xml"], blobs.get("xl/_rels/workbook.xml.rels"))
    return dict(parts), shared


@functools.lru_cache(maxsize=64)
def _sheet_parts_of(workbook_xml: bytes, rels_xml: bytes | None) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """Cached on the bytes: the workbooks of one inbox come from the same few templates."""
    from defusedxml import ElementTree as SafeET

    try:
        wb = SafeET.fromstring(workbook_xml)
        rels = SafeET.fromstring(rels_xml) if rels_xml is not None else None
    except Exception:  # malformed XML: the reader will report it
        return (), None
    targets: dict[str, str] = {}
    shared: str | None = None
    if rels is not None:
        for rel in rels:
            rid, target = rel.get("Id"), rel.get("Target") or ""
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = str(PurePosixPath("xl") / target)
            path = os.path.normpath(path).replace("\\", "/")
            if rid:
                targets[rid] = path
            if (rel.get("Type") or "").endswith("/sharedStrings"):
                shared = path
    out: dict[str, str] = {}
    for el in wb.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            name = el.get("name") or ""
            if rid in targets:
                out[name] = targets[rid]
    return tuple(out.items()), shared


# ---- the archive ----------------------------------------------------------------------------------------


def _check_directory(path: Path) -> None:
    """Bound the central directory from the end record, before zipfile parses every entry of it."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 65536 - 22))
            tail = fh.read()
    except OSError as e:
        raise Unreadable(f"无法打开文件（{os_why(e)}）") from None
    i = tail.rfind(b"PK\x05\x06")
    if i < 0 or len(tail) - i < 22:
        raise Unreadable(_CORRUPT)
    _, _, _, _, entries, cd_size, _, _ = struct.unpack("<4s4H2LH", tail[i:i + 22])
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF:  # ZIP64: the real counts are in the zip64 end record
        j = tail.rfind(b"PK\x06\x06", 0, i)
        if j >= 0 and len(tail) - j >= 56:
            entries, cd_size = struct.unpack("<QQ", tail[j + 32:j + 48])  # total entries, directory size
    if entries > MAX_ENTRIES:
        raise Unreadable(f"文件内部条目过多（{entries}），超出安全上限")
    if cd_size > MAX_DIRECTORY_BYTES:
        raise Unreadable(f"文件目录区过大（{cd_size // 1024} KB），超出安全上限")


def _members(fh: BinaryIO, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes in chunks, decompressed here so that its declared size is enforced."""
    if info.compress_type == zipfile.ZIP_STORED:
        with zf.open(info) as f:  # zipfile checks size and CRC of a stored member
            while chunk := f.read(CHUNK):
                yield chunk
        return
    fh.seek(info.header_offset)
    head = fh.read(30)
    if len(head) < 30 or head[:4] != ZIP_MAGIC:
        raise Unreadable(_CORRUPT)
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size
    d = zlib.decompressobj(-15)
    total, crc = 0, 0
    while not d.eof:
        if d.unconsumed_tail:
            data = d.unconsumed_tail
        else:
            if left <= 0:
                break
            data = fh.read(min(CHUNK, left))
            if not data:
                break
            left -= len(data)
        out = d.decompress(data, CHUNK)
        total += len(out)
        if total > info.file_size:
            raise Unreadable(_BOMB + "（实际解压体积超过文件声明的大小）")
        crc = zlib.crc32(out, crc)
        if out:
            yield out
    if not d.eof or total != info.file_size or crc != info.CRC:
        raise Unreadable("文件已损坏或不完整（压缩数据校验失败），请对方重新发送")


def _pieces(chunks: Iterator[bytes], cuts: tuple[bytes, ...] = (b">",)) -> Iterator[bytes]:
    """Re-chunk XML so that each piece ends just after one of `cuts` (tags, and cells if asked, are whole)."""
    carry = b""
    for chunk in chunks:
        buf = carry + chunk if carry else chunk
        end = -1
        for cut in cuts:
            i = buf.rfind(cut)
            if i >= 0:
                end = i + len(cut)
                break
        if end < 0 and len(buf) < 4 * CHUNK:
            carry = buf
            continue
        if end < 0:
            end = len(buf)
        yield buf[:end]
        carry = buf[end:]
    if carry:
        yield carry


# Nesting depth without a recursive parser: every tag becomes one byte, '(' or ')', and adjacent pairs "()"
# are removed pass after pass. A balanced run of depth d is gone after d passes; what cannot be reduced is
# always ")))(((": closes of elements opened in earlier pieces, then elements still open. Only C-speed bytes
# operations: a 40 MB sheet takes a fraction of a second.
_NEUTRAL = bytes.maketrans(b"()", b"  ")
_OPEN = bytes.maketrans(b"<", b"(")
_MARKUP = bytes(b for b in range(256) if b not in b"<)>\x01")
_TOO_DEEP = f"文件内部 XML 嵌套层数过深（超过 {MAX_XML_DEPTH} 层），已拒绝读取"


def _parens(piece: bytes) -> bytes:
    """'(' per start tag, ')' per end tag; empty-element tags, comments, declarations and text vanish."""
    p = piece.translate(_NEUTRAL).replace(b"<!", b"").replace(b"<?", b"")
    p = p.replace(b"</", b")").replace(b"/>", b"\x01").translate(None, _MARKUP)
    # now "<>" start tag, ")>" end tag, "<\x01" empty element, ">" the rest of a comment or declaration
    return p.replace(b"<\x01", b"").translate(_OPEN, b">\x01")


def _nest(piece: bytes, open_before: int) -> int:
    """Elements still open after `piece`, given those open before it; refuses nesting over MAX_XML_DEPTH."""
    parens = _parens(piece)
    passes = 0
    while True:
        shorter = parens.replace(b"()", b"")
        if len(shorter) == len(parens):
            break
        parens = shorter
        passes += 1
        if open_before + passes > MAX_XML_DEPTH:
            raise Unreadable(_TOO_DEEP)
    closes = len(parens) - len(parens.lstrip(b")"))
    still_open = max(open_before - closes, 0) + len(parens) - closes
    if still_open > MAX_XML_DEPTH:
        raise Unreadable(_TOO_DEEP)
    return still_open


def _looks_like_xml(head: bytes) -> str:
    """'utf8' or 'utf16' when the member is XML, else ''."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        return "utf16"
    return "utf8" if head.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"<") else ""


def _check_member(chunks: Iterator[bytes], nesting: bool = True, read: bool = False) -> None:
    """Read a member through (its size and checksum are verified on the way); if it is XML, refuse any
    DOCTYPE/ENTITY declaration and (when `nesting`) nesting deeper than MAX_XML_DEPTH. `read`: a part the reader
    parses (a sheet, the shared strings, the workbook), refused in UTF-16 — python-calamine read such sheets
    blank, and the township was told its forms were not there (FORM_NOT_FOUND; blind audit of other producers)."""
    first = next(chunks, b"")
    if read and _looks_like_xml(first[:64]) == "utf16":
        raise Unreadable("文件内部的表格数据用了 UTF-16 编码，本工具无法读取；请用 Excel 或 WPS 打开后另存为 .xlsx 再发送")
    head: tuple[bytes, ...] = (first,)
    if not nesting and first:
        second = next(chunks, None)
        if second is None:
            _check_small_xml(first)  # the common case, a member that came in one piece: a few C-speed scans
            return
        head = (first, second)  # more than one piece: the streaming check below sees every one
    stream = itertools.chain(head, chunks)
    kind = _looks_like_xml(first[:64])
    if not kind:
        for _ in stream:
            pass
        return
    tail = b""
    still_open = 0
    for piece in _pieces(stream):
        window = tail + piece[:64] if tail else piece
        if any(m in window for m in _DOCTYPE_MARKS) or any(m in piece for m in _DOCTYPE_MARKS):
            raise Unreadable(_UNSAFE_XML)
        tail = piece[-32:]
        if kind == "utf8" and nesting:
            still_open = _nest(piece, still_open)


def _check_small_xml(data: bytes) -> None:
    kind = _looks_like_xml(data[:64])
    if kind == "utf8":
        if b"<!" in data and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
            raise Unreadable(_UNSAFE_XML)
    elif kind and any(m in data for m in _DOCTYPE_MARKS):
        raise Unreadable(_UNSAFE_XML)


def _biggest_sheet(zf: zipfile.ZipFile, fh: BinaryIO, infos: list[zipfile.ZipInfo]) -> str:
    """The name of the sheet whose part is the largest member, for the clerk to know where to delete: "" when the
    largest is no sheet or the workbook part cannot tell (only small parts are read, their sizes enforced)."""
    biggest = max(infos, key=lambda i: i.file_size)
    if not _part(biggest.filename).startswith("xl/worksheets/"):
        return ""
    blobs: dict[str, bytes] = {}
    for info in infos:
        part = _part(info.filename)
        if part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels") and info.file_size <= CHUNK:
            try:
                blobs[part] = b"".join(_members(fh, zf, info))
            except Exception:  # a damaged small part: the message goes without the sheet's name
                return ""
    sheets, _ = _sheet_parts(blobs)
    return next((name for name, path in sheets.items() if _part(path) == _part(biggest.filename)), "")


def inspect_zip(path: Path, deep: bool = False) -> ZipFacts:
    """Bound the archive and every member, refuse unsafe XML, bound what the reader will allocate.

    `deep` is for openpyxl, which parses every part into trees, recursively: then every member is read
    through and nesting is bounded everywhere. python-calamine parses XML with a streaming, non-recursive
    reader and never opens themes, pictures or document properties, so for it those parts are bounded by
    their declared sizes only, and nesting is checked only in the small parts (workbook, styles, rels)."""
    _check_directory(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error, NotImplementedError):
        raise Unreadable(_CORRUPT) from None  # (NotImplementedError: a "zip file version" no writer uses)
    except OSError as e:
        raise Unreadable(f"无法打开文件（{os_why(e)}）") from None
    with zf, path.open("rb") as fh:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise Unreadable(f"文件内部条目过多（{len(infos)}），超出安全上限")
        total = 0
        for info in infos:
            total += info.file_size
            if info.flag_bits & 0x1:
                raise Unreadable("文件已加密，请去掉密码后重新发送")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_ENTRY_RATIO * max(info.compress_size, 1):
                raise Unreadable(_BOMB)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise Unreadable("文件使用了 Excel 不使用的压缩方式，请用 Excel 打开后另存为 .xlsx")
        if total > MAX_UNCOMPRESSED:
            # (what to do about it: a few rows of data behind borders on 50 万 empty cells was this, unexplained; audit)
            sheet = _biggest_sheet(zf, fh, infos)
            raise Unreadable(f"文件解压后过大（{total // 1024 // 1024} MB，上限 {MAX_UNCOMPRESSED // 1024 // 1024} MB）；"
                             "常见原因是大片空白单元格设了边框或格式，请删除" + (f"工作表“{sheet}”" if sheet else "表格")
                             + "下方和右侧多余的行列后另存")
        names = {i.filename for i in infos}
        if "EncryptedPackage" in names:
            raise Unreadable("文件已加密，请去掉密码后重新发送")
        try:
            facts = _inspect_members(zf, fh, infos, deep)
            facts.format = (".ods" if "content.xml" in names else ".xlsb" if "xl/workbook.bin" in names
                            else ".xlsx" if any(n.startswith("xl/") for n in names) else "")  # "": a plain .zip
            if not deep:
                _remember_props(path, facts.props)
            return facts
        except Unreadable:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, zipfile.LargeZipFile, zlib.error) as e:
            # (the reason in words: “(error)”, zlib's exception's name, told a clerk nothing; audit)
            why = "压缩数据出错" if isinstance(e, zlib.error) else "压缩包结构出错" if isinstance(e, zipfile.BadZipFile) \
                else "内容被截断" if isinstance(e, EOFError) else type(e).__name__
            raise Unreadable(f"文件已损坏或不完整（{why}），请对方重新发送") from None
        except RecursionError:
            raise Unreadable("文件结构嵌套过深，已拒绝读取") from None
        except Exception as e:  # anything else from a damaged member
            raise Unreadable(f"文件已损坏（{type(e).__name__}），请对方重新发送") from None


_KEEP = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml")
# parts python-calamine never opens (pictures, themes, printer settings, document properties, macros, charts)
_NOT_READ = ("docprops/", "xl/theme/", "xl/media/", "xl/printersettings/", "xl/drawings/", "xl/charts/",
             "customxml/", "xl/vbaproject", "xl/activex/", "xl/embeddings/", "xl/diagrams/", "thumbnails/",
             "configurations2/", "pictures/", "meta.xml", "settings.xml")
# an .ods's macros and dialogs (LibreOffice Basic, a converted .xlsm's VBA): XML with a DOCTYPE naming the OpenOffice
# DTD, never opened by the reader — the whole file was refused as unsafe (corpus sweep). Of an .ods only: an .xlsx
# may keep a sheet anywhere its relationships say (review)
_ODS_NOT_READ = ("basic/", "dialogs/", "scripts/")
KEEP_BYTES = 64 * 1024 * 1024  # decompressed sheets kept for the second look, so small ones are inflated once


def _big_part(part: str) -> bool:
    """Worksheets and shared strings: the bulk of a workbook, read by python-calamine without recursion."""
    return part.startswith("xl/worksheets/") or part.endswith("sharedstrings.xml") or part == "content.xml"


def _part(name: str) -> str:
    """A member name as the reader looks it up: '/' separators, any case (python-calamine accepts both)."""
    return name.replace("\\", "/").lower()


def _inspect_members(zf: zipfile.ZipFile, fh: BinaryIO, infos: list[zipfile.ZipInfo], deep: bool = False
                     ) -> ZipFacts:
    blobs: dict[str, bytes] = {}
    by_part: dict[str, zipfile.ZipInfo] = {}
    props: dict[str, bytes] = {}
    kept = 0
    skipped: list[zipfile.ZipInfo] = []  # parts the reader never opens, unless the workbook names one a sheet
    names = {_part(i.filename) for i in infos}
    ods = "content.xml" in names and "xl/workbook.xml" not in names
    info: zipfile.ZipInfo | None  # (a sheet's part below, None when absent)
    for info in infos:
        if info.is_dir():
            continue
        part = _part(info.filename)
        if part in by_part:  # which one would a reader take? none: no real workbook has two
            raise Unreadable("文件内部有重名的部件，文件已损坏，请用 Excel 打开后另存为 .xlsx")
        by_part[part] = info
        if part in _PROPERTY_PARTS and info.file_size <= SMALL_PART_BYTES and not deep:
            # (kept for small_part: our outputs are told by them, and the archive was opened twice more per file)
            with contextlib.suppress(Exception):  # (a damaged part the reader never opens: as before, no mark)
                props[info.filename] = b"".join(_members(fh, zf, info))
            continue
        if not deep and (part.startswith(_NOT_READ) or ods and part.startswith(_ODS_NOT_READ)):
            skipped.append(info)
            continue
        chunks = _members(fh, zf, info)
        big = _big_part(part)
        if part in _KEEP or (big and info.file_size < CHUNK and kept + info.file_size <= KEEP_BYTES):
            data = b"".join(chunks)
            blobs[part] = data
            kept += len(data) if part not in _KEEP else 0
            chunks = iter((data,))
        _check_member(chunks, nesting=deep or not big, read=big or part == "xl/workbook.xml")
    facts = ZipFacts()
    facts.props = props
    sheets, shared = _sheet_parts(blobs)
    shared = _part(shared) if shared else "xl/sharedstrings.xml"
    lengths_: list[list[int]] = []

    def lengths() -> list[int]:  # only the exact scan needs each string's length
        if not lengths_:
            if shared in blobs:
                lengths_.append(_shared_string_lengths(iter((blobs[shared],))))
            else:
                lengths_.append(_shared_string_lengths(_members(fh, zf, by_part[shared])) if shared in by_part else [])
        return lengths_[0]

    # no shared string is longer than the part that holds them all
    longest = by_part[shared].file_size if shared in by_part else 0
    if shared in by_part:
        head = blobs[shared][:4096] if shared in blobs else next(_members(fh, zf, by_part[shared]), b"")[:4096]
        said = _SST_UNIQUE.search(head)
        # each string takes 5 bytes at least (<si/>): a count beyond that is a lie, and python-calamine reserves
        # room for every string it announces — 4,000,000,000 aborted the whole run, no finding, no output (audit)
        if said is not None and int(said[1]) > longest // 5 + 16:
            raise Unreadable("共享字符串表声明的字符串个数与实际不符，文件已损坏或被改动；请对方用 Excel/WPS 打开后另存为 .xlsx 重新发送")
    # the sheets the workbook names, then any other worksheet part a reader might still open
    targets = [(name, _part(path)) for name, path in sheets.items()]
    for name, path in targets:
        # a sheet whose part is another part of the package (styles, the workbook, calcChain, customXml):
        # python-calamine read it as an empty sheet, its rows lost without a word (audit of hostile input); a part
        # outside the sheets' folders is looked at (a writer may keep its sheets elsewhere)
        if path in by_part and not path.startswith(_SHEET_FOLDERS) and not _SHEET_ROOT.search(
                blobs[path][:4096] if path in blobs else next(_members(fh, zf, by_part[path]), b"")[:4096]):
            raise Unreadable(f"工作表“{name}”指向的不是工作表内容（文件已损坏或被改动），请对方用 Excel/WPS 打开后另存为 .xlsx 重新发送")
    named = {path for _, path in targets}
    for info in skipped:
        if _part(info.filename) in named:  # a sheet kept where nothing else is read (docProps/, …): checked (review)
            _check_member(_members(fh, zf, info), nesting=False, read=True)
    targets += [(by_part[p].filename, p) for p in by_part
                if p not in named and p.startswith("xl/worksheets/") and p.endswith(".xml")]
    text = 0
    recalc = _FULL_CALC.search(blobs.get("xl/workbook.xml", b"")) is not None
    facts.date1904 = _DATE1904.search(blobs.get("xl/workbook.xml", b"")) is not None
    # (a formula naming one, =总数, is a formula, not words typed after an =: reader._recompute)
    facts.defined_names = frozenset(n.decode("utf-8", "replace") for n in
                                    _DEFINED_NAME.findall(blobs.get("xl/workbook.xml", b"")))
    # None: no styles part where Excel puts it, so no cell's format is known (the reader guesses, as for .xls);
    # a package with no styles part at all (pylightxl) has every cell General, as Excel shows it: 0.85 is 0.85 %
    # (it was read as 85 % by that guess; blind audit of other programs' files)
    percent_styles = _percent_styles(blobs["xl/styles.xml"]) if "xl/styles.xml" in blobs \
        else None if any("style" in p for p in by_part) else frozenset()
    literal_styles = _literal_styles(blobs["xl/styles.xml"]) if "xl/styles.xml" in blobs else {}
    strike_styles = _number_styles(blobs["xl/styles.xml"])[2] if "xl/styles.xml" in blobs else frozenset()
    # (rich text's runs: read when some run or some cell style is struck)
    struck_strings = _rich_strings(blobs[shared]) if shared in blobs and b"<r>" in blobs[shared] and (
        strike_styles or b"strike" in blobs[shared]) else {}
    blanks: list[frozenset[int]] = []

    def blank_strings() -> frozenset[int]:  # asked only of a sheet too large to read as it is
        if not blanks:
            blanks.append(_blank_strings(blobs[shared] if shared in blobs else b"".join(_members(fh, zf, by_part[shared]))
                                         if shared in by_part else b""))
        return blanks[0]

    def exact(info: zipfile.ZipInfo) -> _SheetScan:
        scan = _scan_sheet(_members(fh, zf, info), lengths(), zero_unreliable=recalc)
        if scan.slow:
            scan = _scan_sheet(_members(fh, zf, info), lengths(), slow=True, zero_unreliable=recalc)
        return scan

    def trim(info: zipfile.ZipInfo, scan: _SheetScan, budget: int) -> tuple[bytes, _SheetScan] | None:
        """The sheet part without its far cells showing nothing, and its scan; None where that saves little or
        does not fit `budget`."""
        shown = _visible_bounds(_members(fh, zf, info), blank_strings(), budget)
        if shown is None:
            return None
        from .findings import col_index, row_of

        rows, cols = shown
        # a formula saved without its result may show something once calculated: it is kept, and bounds the area
        for ref in scan.formulas:
            rows, cols = max(rows, row_of(ref) or 0), max(cols, col_index(ref))
        if rows * cols > budget or 2 * rows * cols > scan.max_row * scan.max_col:
            return None
        data = _trim_part(b"".join(_members(fh, zf, info)), rows, cols)
        cut = _scan_sheet(iter((data,)), lengths(), zero_unreliable=recalc)
        if cut.slow:
            cut = _scan_sheet(iter((data,)), lengths(), slow=True, zero_unreliable=recalc)
        cut.exact_refs = data.count(b'<c r="') == data.count(b"<c ") + data.count(b"<c>") and b":c " not in data
        return data, cut

    bounded: list[tuple[zipfile.ZipInfo, int, int]] = []  # sheets counted by their bounds: (part, cells, text)
    for sheet, part in targets:
        info = by_part.get(part)
        if info is None:
            continue
        scan = _fast_scan(blobs[part], longest, recalc) if part in blobs else None
        fast = scan is not None
        if scan is not None and not _over_bounds(scan, facts, text):  # (fast)
            bounded.append((info, scan.max_row * scan.max_col, scan.text))
        else:
            if scan is None:
                scan = exact(info)  # the exact scan
            if bounded and _over_bounds(scan, facts, text):
                # the sheets before counted exactly first: 232 small sheets (one 排查表 per facility) were refused
                # as 600 万 cells, each counted as Z999 (blind audit; also before a long sheet: review)
                for earlier, cells, written in bounded:
                    got = exact(earlier)
                    facts.cells += got.max_row * got.max_col - cells
                    text += got.text - written
                bounded.clear()
            if fast and _over_bounds(scan, facts, text):
                scan = exact(info)
        if part in blobs and b't="s"' in blobs[part] and _BAD_SHARED.search(blobs[part]):
            # python-calamine took <v>-1</v> for the first shared text: a facility named 附件1： written without a
            # word (audit of hostile files); an index past the end it refuses
            raise Unreadable(f"工作表“{sheet}”有单元格的文字编号损坏（文件已损坏），请对方用 Excel 打开后另存为 .xlsx 再发送")
        if scan.max_row > EXCEL_MAX_ROWS or scan.max_col > EXCEL_MAX_COLS:
            far = f"第 {scan.max_row} 行" if scan.max_row > EXCEL_MAX_ROWS else f"第 {_col(scan.max_col)} 列"
            raise Unreadable(f"工作表“{sheet}”有单元格超出 Excel 的行列范围（{far}），"
                             "文件可能已损坏")
        area = scan.max_row * scan.max_col
        if (facts.cells + area > MAX_CELLS or area > EAGER_TRIM) and part.startswith("xl/worksheets/") and \
                not scan.slow and (cut := trim(info, scan, MAX_CELLS - facts.cells)) is not None:
            # what extends the sheet so far shows nothing (a formula giving "" filled down the whole column, a
            # space typed at row 1,048,576): read without those cells (trimmed_package), not refused whole; its
            # facts (struck, percent, hidden rows) are read from the part as trimmed
            blobs[part], cut[1].elements = cut[0], scan.elements  # (openpyxl would still load every element)
            scan = cut[1]
            facts.trimmed[info.filename] = cut[0]
        facts.cells += scan.max_row * scan.max_col
        facts.cell_elements += scan.elements
        if deep and part in blobs and b"mergeCell" in blobs[part]:
            facts.merged_cells += _merged_area(blobs[part])
        text += scan.text
        if facts.cells > MAX_CELLS or scan.values > MAX_CELLS:
            raise Unreadable(f"工作表“{sheet}”的数据区域过大（A1:{_col(scan.max_col)}{scan.max_row}），"
                             f"全部工作表合计超过 {MAX_CELLS // 10000} 万个单元格；"
                             "请删除远处多余的内容后另存")
        if text > MAX_TEXT_BYTES:
            raise Unreadable(f"文件中的文字展开后过大（超过 {MAX_TEXT_BYTES // 1024 // 1024} MB，"
                             "疑似大量单元格重复引用超长文本），已拒绝读取")
        if scan.formulas and sheet in sheets:
            facts.formulas_without_value[sheet] = scan.formulas
            if scan.refs:
                facts.formula_texts[sheet] = scan.refs
        if sheet in sheets and (spans := _hidden_columns(blobs[part] if part in blobs
                                                         else next(_members(fh, zf, info), b""))):
            facts.hidden_columns[sheet] = spans
        if scan.errors and sheet in sheets:
            facts.formula_errors[sheet] = scan.errors
        if sheet in sheets and part in blobs and (rows := _hidden_rows(blobs[part])):
            facts.hidden_rows[sheet] = rows
        if sheet in sheets and percent_styles is not None and (not percent_styles or (part in blobs and scan.exact_refs)):
            facts.percent_cells[sheet] = _styled_cells(blobs[part], percent_styles) if percent_styles else frozenset()
        if sheet in sheets and literal_styles and part in blobs and scan.exact_refs and \
                (styled := _cell_styles(blobs[part], literal_styles)):
            facts.shown_formats[sheet] = {ref: literal_styles[i] for ref, i in styled.items()}
        if sheet in sheets and part in blobs and scan.exact_refs and \
                (strike_styles or struck_strings or b"strike" in blobs[part]) and \
                (struck := _struck_cells(blobs[part], strike_styles, struck_strings)):
            facts.struck[sheet] = struck
    facts.notes = any("comment" in p for p in by_part)
    if not sheets and "content.xml" in by_part:
        # LibreOffice stores every formula's value, a "" result as no value at all: only another writer's formula
        # without one is FORMULA_NO_VALUE (=IF(E5="红","重点关注","") was said unvalued; review)
        meta = next(_members(fh, zf, by_part["meta.xml"]), b"")[:8192] if "meta.xml" in by_part else b""
        valued = _OFFICE_SUITES.search(meta) is not None
        percents: dict[str, set[str]] = {}
        facts.cells = _ods_cells(_members(fh, zf, by_part["content.xml"]), facts.merges, facts.hidden_columns,
                                 facts.formula_errors, facts.ods_texts, facts.hidden_rows,
                                 None if valued else facts.formula_texts, facts.shown_texts, percents)
        # (0.85 in a percentage cell is 85%, as an .xlsx's is read: it was guessed from the counts, a PERCENT_MISMATCH
        # the .xlsx had gone in the .ods LibreOffice saved of it; audit of formats)
        facts.percent_cells = {sheet: frozenset(cells) for sheet, cells in percents.items()}
        facts.formulas_without_value = {sheet: set(cells) for sheet, cells in facts.formula_texts.items()}
    return facts


_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_SHEET_FOLDERS = ("xl/worksheets/", "xl/chartsheets/", "xl/dialogsheets/", "xl/macrosheets/")
_SHEET_ROOT = re.compile(rb"<(?:\w+:)?(?:worksheet|chartsheet|dialogsheet|macrosheet)\b")
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_COL_HIDDEN = re.compile(rb'\bhidden=["\'](?:1|true)["\']')
_COL_SPAN = re.compile(rb'\bmin=["\']([0-9]{1,5})["\'][^>]*?\bmax=["\']([0-9]{1,5})["\']'
                       rb'|\bmax=["\']([0-9]{1,5})["\'][^>]*?\bmin=["\']([0-9]{1,5})["\']')


def _hidden_columns(data: bytes) -> tuple[tuple[int, int], ...]:
    """The hidden columns a sheet part declares before its cells, as 0-based (first, last) spans: python-calamine
    does not say which columns the clerk sees, and a hidden copy of last month's column must not be read for the
    one on screen."""
    m = _SHEET_DATA.search(data)
    head = data[:m.start()] if m else data[:65536]
    if b"hidden" not in head:
        return ()
    spans = []
    for col in _COL.finditer(head):
        attrs = col.group(1)
        if _COL_HIDDEN.search(attrs) and (span := _COL_SPAN.search(attrs)):
            lo, hi = (span.group(1), span.group(2)) if span.group(1) else (span.group(4), span.group(3))
            if 1 <= int(lo) <= int(hi):
                spans.append((int(lo) - 1, int(hi) - 1))
    return tuple(spans)


_ROW_HIDDEN = re.compile(rb'<(?:\w+:)?row\b([^>]*?\bhidden=["\'](?:1|true)["\'][^>]*)>')
_ROW_NUMBER = re.compile(rb'\br=["\']([0-9]{1,7})["\']')


def _hidden_rows(data: bytes) -> frozenset[int]:
    """The rows a sheet part hides (hidden by hand or filtered out by an autoFilter), as Excel numbers them: a
    finding there must say the row is hidden, or the clerk finds nothing at the cell named (audit of WPS files)."""
    if b"hidden" not in data:
        return frozenset()
    return frozenset(int(n.group(1)) for m in _ROW_HIDDEN.finditer(data) if (n := _ROW_NUMBER.search(m.group(1))))


def _xml_text(raw: bytes) -> str:
    import html

    return html.unescape(raw.decode("utf-8", "replace"))


def _col(n: int) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s or "A"


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


_SI_START = re.compile(rb"<(?:\w+:)?si(?=[\s>/])")
_SST_UNIQUE = re.compile(rb'<(?:\w+:)?sst\b[^>]{0,2000}?\buniqueCount="([0-9]{1,20})"')


def _shared_string_lengths(chunks: Iterator[bytes]) -> list[int]:
    """Bytes of each shared string (from one <si> to the next: markup included, so never less)."""
    starts: list[int] = []
    offset = 0
    for piece in _pieces(chunks):
        starts.extend(offset + m.start() for m in _SI_START.finditer(piece))
        offset += len(piece)
    starts.append(offset)
    return [b - a for a, b in zip(starts, starts[1:], strict=False)]


# (bounded: neither its attributes nor its body run past the next element's start, so an element left open costs
# one look ahead, not a scan to the end for each of thousands; reviews)
_SI = re.compile(rb"<(?:\w+:)?si\b[^<>]*?(?:/>|>([^<]*(?:<(?!(?:\w+:)?si\b|/(?:\w+:)?si>)[^<]*)*)</(?:\w+:)?si>)")
_T_TEXT = re.compile(rb"<(?:\w+:)?t\b[^>]*>([^<]*)<")
_CELL_BOUNDED = re.compile(rb"<(?:\w+:)?c\b([^<>]*?)(?:/>|>([^<]*(?:<(?!(?:\w+:)?c\b|/(?:\w+:)?c>)[^<]*)*)"
                           rb"</(?:\w+:)?c>)")


def _blank_strings(data: bytes) -> frozenset[int]:
    """The indices of the shared strings that show nothing: empty, or spaces only (none where the part is not
    read whole as written: then no index can be trusted)."""
    found = list(_SI.finditer(data))
    if len(found) != len(_SI_START.findall(data)):
        return frozenset()
    return frozenset(i for i, m in enumerate(found) if b"CDATA" not in (m.group(1) or b"")
                     and not _xml_text(b"".join(_T_TEXT.findall(m.group(1) or b""))).strip())


_CELL_REF = re.compile(rb'\br="([A-Z]{1,4})([0-9]{1,10})"')
_SHOWN_TEXT = re.compile(rb"<(?:\w+:)?(?:v|t)\b[^>/]*>([^<]*)<")  # a value's or inline text's content
_SHARED_TYPE = re.compile(rb'\bt="s"')
_SOME_TEXT = re.compile(rb"<(?:\w+:)?(?:v|t)\b[^>/]*>\s*[^<\s]|<!\[CDATA\[")
_ROW_AT = re.compile(rb'<(?:\w+:)?row\b[^<>]*?\br="([0-9]{1,10})"')
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData>")
_VALUED_AT = re.compile(rb'<c r="([A-Z]{1,4})([0-9]{1,10})"[^<>]*(?<!/)>')  # a cell with a body, as Excel writes it
EAGER_TRIM = 2_000_000  # cells of one sheet above which its far cells showing nothing are looked for anyway


def _visible_bounds(chunks: Iterator[bytes], blank: frozenset[int], budget: int) -> tuple[int, int] | None:
    """Rows x columns to the farthest cell that shows something: a value other than empty text or spaces (a
    formula's own text shows nothing). None when a cell has no reference to place it by, or once the area
    passes `budget` (a sheet truly that large is refused without reading the rest)."""
    max_row = max_col = 0
    for piece in _pieces(chunks, (b"</row>", b"</c>", b">")):
        if not _SOME_TEXT.search(piece):
            continue  # (C speed: a million formulas giving "" are skipped here)
        if blank and len(blank) <= 16 and b'"s"' in piece and b"CDATA" not in piece and \
                (said := sum(piece.count(b't="s"><v>%d</v>' % i) for i in blank)) and \
                said == len(_SOME_TEXT.findall(piece)):
            continue  # every value of the piece a blank shared string (spaces filled down a column): C speed
        if (not blank or b't="s"' not in piece) and b"CDATA" not in piece and b":c>" not in piece and \
                b"<!--" not in piece and piece.count(b"</c") == piece.count(b"</c>") and \
                piece.count(b"<c ") == piece.count(b'<c r="') and \
                piece.count(b"</c>") == len(_SOME_TEXT.findall(piece)) == len(letters := _VALUED_AT.findall(piece)):
            # every cell of the piece shows its one value (a sheet of figures): its bounds at C speed (a sheet truly
            # too large took 4.7 times as long to refuse cell by cell; review)
            max_col = max(max_col, max(_col_number(c) for c in {c for c, _ in letters}))
            max_row = max(max_row, max(int(r) for r in {r for _, r in letters}))
            if max_row * max_col > budget:
                return None
            continue
        for m in _CELL_BOUNDED.finditer(piece):
            body = m.group(2)
            if not body:
                continue
            ref = _CELL_REF.search(m.group(1))
            if ref is None:
                return None
            texts = _SHOWN_TEXT.findall(body)
            if b"CDATA" in body:
                shows = True
            elif _SHARED_TYPE.search(m.group(1)):
                shows = any(t.strip().isdigit() and int(t) not in blank for t in texts)
            else:
                shows = any(_xml_text(t).strip() for t in texts)
            if shows:
                row = int(ref.group(2))
                col = _col_number(ref.group(1))
                max_row = row if row > max_row else max_row
                max_col = col if col > max_col else max_col
        if max_row * max_col > budget:
            return None
    return max_row, max_col


def _trim_part(data: bytes, rows: int, cols: int) -> bytes:
    """A sheet part without its cells beyond `rows` x `cols` (ZipFacts.trimmed)."""
    def cell(m: re.Match[bytes]) -> bytes:
        ref = _CELL_REF.search(m.group(1))
        inside = ref is None or int(ref.group(2)) <= rows and _col_number(ref.group(1)) <= cols
        return m.group(0) if inside else b""

    # the rows after `rows`, found by halving as programs write rows in order, are cut at once where every row
    # from there on comes after `rows`; otherwise (rows out of order) the cells are taken out one by one
    lo, hi = 0, len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        m = _ROW_AT.search(data, mid)
        if m is None or int(m.group(1)) > rows:
            hi = mid
        else:
            lo = mid + 1
    start = _ROW_AT.search(data, lo)
    end = _SHEET_DATA_END.search(data, start.start()) if start else None
    if start and end and all(int(m.group(1)) > rows for m in _ROW_AT.finditer(data, start.start(), end.start())) \
            and data.count(b"<c", start.start(), end.start()) == data.count(b'<c r="', start.start(), end.start()):
        # (each cell placed: nothing there shows (_visible_bounds), not even a formula saved without its result)
        data = data[:start.start()] + data[end.start():]
    return _CELL_BOUNDED.sub(cell, data)


def trimmed_package(path: Path, parts: dict[str, bytes]) -> bytes:
    """The package with the sheet parts of `parts` as trimmed (ZipFacts.trimmed): python-calamine gives a sheet
    as rows x columns to its farthest cell, and one "" at K1048576 is eleven million of them. Only the parts
    python-calamine reads are copied; inspect_zip has bounded the archive."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for info in zf.infolist():
            name = info.filename.replace("\\", "/").lower()
            if name != "[content_types].xml" and not name.startswith(("_rels/", "xl/_rels/", "xl/worksheets/")) \
                    and not (name.startswith("xl/") and name.count("/") == 1):  # (workbook, styles, shared strings)
                continue  # (pictures, pivot caches, custom XML: up to 256 MB held twice for nothing; review)
            z.writestr(info.filename, parts[info.filename] if info.filename in parts else zf.read(info))
    return out.getvalue()


# the error values python-calamine knows; Excel 365 writes others (#SPILL!, #CALC!, #FIELD!, #BUSY! …) and one of
# them in any cell stopped the whole workbook ("Unsupported cell error value": FILE_UNREADABLE)
_KNOWN_ERRORS = frozenset((b"#DIV/0!", b"#N/A", b"#NAME?", b"#NULL!", b"#NUM!", b"#REF!", b"#VALUE!"))
_ERROR_VALUE = re.compile(rb'(<(?:\w+:)?c\b[^>]*?\bt="e"[^>/]*>(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>)([^<]{1,40})(?=<)',
                          re.DOTALL)


def known_errors_package(path: Path, trimmed: dict[str, bytes]) -> bytes | None:
    """The package with every error value python-calamine does not know written #N/A in its sheet parts, or None
    where there is none. The cell's own value (#SPILL!) is ZipFacts.formula_errors', read by inspect_zip: the
    cell is VALUE_INVALID as one showing #N/A is, and the rest of the workbook is read (blind audit of how cells
    are stored: one blocked spill made the file FILE_UNREADABLE, called an Excel 95 file)."""
    def known(m: re.Match[bytes]) -> bytes:
        return m.group(0) if m.group(2).strip() in _KNOWN_ERRORS else m.group(1) + b"#N/A"

    return _mended_sheets(path, trimmed, lambda data: _ERROR_VALUE.sub(known, data) if b't="e"' in data else data)


def _mended_sheets(path: Path, trimmed: dict[str, bytes], mend: Callable[[bytes], bytes]) -> bytes | None:
    """The package with `mend` applied to each sheet part (over what the guard trimmed), or None where it changed
    none: a package python-calamine stopped on, read again."""
    parts = dict(trimmed)
    changed = False
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if not info.filename.replace("\\", "/").lower().startswith("xl/worksheets/"):
                    continue
                data = parts.get(info.filename)
                data = zf.read(info) if data is None else data
                if (fixed := mend(data)) != data:
                    parts[info.filename] = fixed
                    changed = True
    except (OSError, ValueError, zipfile.BadZipFile, NotImplementedError, EOFError):
        return None
    return trimmed_package(path, parts) if changed else None


# a number cell (t="n", or no type: a number), its formula if any, and its value written directly: the value, to be
# told a number or not (quotes of either kind, as XML allows)
_NUMBER_CELL = re.compile(rb'<((?:\w+:)?)c\b((?:(?!\bt=["\'])[^<>/])*?)(?:\s+t=(["\'])n\3)?((?:(?!\bt=["\'])[^<>/])*)>'
                          rb'(\s*<\1f\b[^<>]*?(?:/>|>[^<]*</\1f>))?\s*<\1v\b([^<>]*)>([^<]*)</\1v>\s*</\1c>')
# what python-calamine reads as a number (Rust's f64 parse, as spreadsheets write one)
_NUMBER_TEXT = re.compile(rb"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def text_numbers_package(path: Path, trimmed: dict[str, bytes]) -> bytes | None:
    """The package with every number cell that holds text (<c t="n"><v>25家</v>, as some web exporters write a
    count) written as the text it holds, or None where there is none. python-calamine stops at such a cell ("Parse
    float error") and the whole workbook was FILE_UNREADABLE, said in English (blind audit of exported files); read
    as text, the cell is read as a clerk typed it (25家 is 25)."""
    def as_text(m: re.Match[bytes]) -> bytes:
        ns, value = m.group(1), m.group(7)
        if _NUMBER_TEXT.fullmatch(value):
            return m.group(0)
        # a formula's text result (t="str"): its formula kept, its value read as the text it is
        return (b"<" + ns + b"c" + m.group(2) + m.group(4) + b' t="str">' + (m.group(5) or b"") + b"<" + ns + b"v"
                + m.group(6) + b">" + value + b"</" + ns + b"v></" + ns + b"c>")

    return _mended_sheets(path, trimmed, lambda data: _NUMBER_CELL.sub(as_text, data))


@dataclass
class _SheetScan:
    max_row: int = 0
    max_col: int = 0
    values: int = 0  # cells that hold something (the reader stores them)
    elements: int = 0  # every <c> element
    text: int = 0  # bytes of shared-string text the cells expand to
    formulas: set[str] = field(default_factory=set)
    refs: dict[str, str] = field(default_factory=dict)  # see ZipFacts.formula_texts
    shared: dict[bytes, tuple[str, str]] = field(default_factory=dict)  # si -> (anchor cell, formula): _shared_formula
    errors: dict[str, str] = field(default_factory=dict)
    slow: bool = False  # some cells lack r="A1" as first attribute: positions must be followed row by row
    exact_refs: bool = False  # every cell is written <c r="A1" …> (_fast_scan): a cell's reference can be searched


# a cell's or row's reference beyond any sheet: four letters or more (its column), eight digits or more (its row)
_BEYOND_ANY_SHEET = re.compile(rb'<(?:\w+:)?(?:c|row)\b[^<>]*?\br="(?:([A-Za-z]{4,})|[A-Za-z]{0,3}[0-9]{8,})')
_CELL_VALUED_R = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,4})([0-9]{1,10})"[^<>]*(?<!/)>')
# a shared-text cell whose index is no whole number (-1, 1e10, 2.5); (no \b before it: with one, the literal is not
# searched for first, 20 ms a megabyte)
_BAD_SHARED = re.compile(rb't="s"[^<>]*>\s*<(?:\w+:)?v>(?!\s*[0-9]{1,10}\s*</)')
_SHARED_CELL = re.compile(rb'<(?:\w+:)?c(?=\s)[^<>]*?\bt="s"[^<>]*>\s*<(?:\w+:)?v>\s*([0-9]{1,10})\s*<')
_TOKEN = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s>/])([^<>]*?)(/?)>")
_ATTR_R = re.compile(rb'\br="([A-Z]{0,4})([0-9]{1,10})"')


_FAR_CELL = re.compile(rb'<c r="(?:[A-Z]{3}|[A-Z]{1,2}[0-9]{4})')  # column beyond ZZ or row beyond 999
_WIDE_CELL = re.compile(rb'<c r="[A-Z]{2}')  # column beyond Z


def _fast_scan(data: bytes, longest: int, zero_unreliable: bool = False) -> _SheetScan | None:
    """Upper bounds for a whole sheet part in a few C-speed passes, or None when only the exact scan will do.

    When every cell is written <c r="A1" ...> (as every spreadsheet program writes it) and no reference goes
    beyond column ZZ or row 999, the farthest value is within ZZ999 (Z999 without two-letter columns); the
    text expanded from shared strings is at most (shared-string cells) × (longest shared string). A sheet
    whose bounds come out too large is scanned exactly before anything is refused."""
    elements = data.count(b"<c ") + data.count(b"<c>")
    if data.count(b'<c r="') != elements or b":c " in data or b":c>" in data or _FAR_CELL.search(data):
        return None
    s = _SheetScan(max_row=999 if elements else 0, max_col=(702 if _WIDE_CELL.search(data) else 26) if elements
                   else 0, values=data.count(b"</c>"), elements=elements, exact_refs=True)
    if longest:
        s.text = data.count(b't="s"') * longest
    if _has_formula(data):
        s.formulas = _formulas_without_value(data, zero_unreliable, s.refs, s.shared)
    if b't="e"' in data:
        s.errors = _error_cells(data)
    return s


_BUILTIN_PERCENT = frozenset((9, 10))  # 0% and 0.00%
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, an escaped character, [Red] / [$-804]


def _percent_code(code: str) -> bool:
    """A number format that shows the value × 100 with a % sign: a % outside quotes, escapes and brackets in its
    first section (0.0"%" and 0.0\\% only print the sign)."""
    first = _LITERAL.sub("", code).split(";", 1)[0]
    return "%" in first


# one section of a number format: its conditions ([=1]) and the text it shows, or None when it shows the number
_Section = tuple[tuple[tuple[str, float], ...], str | None]
_FORMAT_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].|;|.', re.S)
_CONDITION = re.compile(r"\[(<=|>=|<>|<|>|=)\s*(-?[0-9]+(?:\.[0-9]*)?)\]")
_SHOWS_NUMBER = frozenset("0#?@.,%eE/")  # digit places, text, exponent, fraction; letters are dates or General


@functools.lru_cache(maxsize=256)
def _sections(code: str) -> tuple[_Section, ...]:
    """A number format's sections as their conditions and the literal text each shows (None: it shows the
    number, a date or the text)."""
    out: list[_Section] = []
    conditions: list[tuple[str, float]] = []
    shown: list[str] | None = []
    for tok in itertools.chain(_FORMAT_TOKEN.findall(code), ";"):
        if tok == ";":
            out.append((tuple(conditions), None if shown is None else "".join(shown)))
            conditions, shown = [], []
        elif tok[0] == '"':
            if shown is not None:
                shown.append(tok[1:-1])
        elif tok[0] == "\\" and len(tok) == 2:
            if shown is not None:
                shown.append(tok[1])
        elif tok[0] == "[":
            if m := _CONDITION.fullmatch(tok):
                conditions.append((m.group(1), float(m.group(2))))
        elif tok[0] in "_*" and len(tok) == 2:
            continue  # a space as wide as a character, a fill: no text
        elif tok in _SHOWS_NUMBER or tok.isascii() and tok.isalpha():
            shown = None
        elif shown is not None:
            shown.append(tok)
    return tuple(out)


def literal_sections(code: str) -> tuple[_Section, ...] | None:
    """A number format's sections where one of them shows a number as literal text ("是";"是";"否"), else None:
    the formats shown_text reads (.xlsx styles, .xls FORMAT records)."""
    sections = _sections(code)
    return sections if any(text for _, text in sections[:3]) else None


def _meets(value: float, conditions: tuple[tuple[str, float], ...]) -> bool:
    op, at = conditions[0]
    return {"=": value == at, "<>": value != at, "<": value < at, ">": value > at, "<=": value <= at,
            ">=": value >= at}[op]


def shown_text(sections: tuple[_Section, ...], value: float) -> str | None:
    """The text a number shows under a format whose section for it is literal text ("是";"是";"否" shows 1 as 是,
    0 as 否), as Excel picks the section; None when that section shows the number itself."""
    numbered = sections[:3]
    if any(c for c, _ in numbered[:2]):  # [=1]"是";[=0]"否";General: the first condition met, else the rest
        for conditions, text in numbered[:2]:
            if conditions and _meets(value, conditions):
                return text
        rest = [s for s in numbered if not s[0]]
        return rest[0][1] if rest else None
    if len(numbered) == 1:
        text = numbered[0][1]
        return text if text is None or value >= 0 else "-" + text
    if value < 0:
        return numbered[1][1]
    return numbered[2][1] if len(numbered) == 3 and value == 0 else numbered[0][1]


def _percent_styles(styles: bytes) -> frozenset[int] | None:
    """The cell style indices (a cell's s="…") whose number format is a percentage; None when the styles part
    cannot be read (every cell's format unknown, not General)."""
    return _number_styles(styles)[0]


def _struck_cells(data: bytes, styles: frozenset[int], strings: dict[int, tuple[_Run, ...]]
                  ) -> dict[str, tuple[str, str]]:
    """Cells of a sheet part struck through -> (struck text, the text not struck): ("", "") for a cell struck by
    its style or through all of its text; the struck runs of a rich text (1、~~3~~、7: ("3", "1、7")), shared or
    written in the cell. A rich text's runs decide over its cell's style (LibreOffice gives the cell its first
    run's font, struck, when only that run is; review): a run without properties of its own takes the cell's."""
    styled = _cell_styles(data, styles) if styles else {}
    out = dict.fromkeys(styled, ("", ""))
    if strings:
        for m in _STRING_CELL.finditer(data):
            if b't="s"' in m[2] and (i := int(m[3])) in strings:
                ref = m[1].decode()
                if (said := _said_struck(strings[i], ref in styled)) is None:
                    out.pop(ref, None)
                else:
                    out[ref] = said
    if b"strike" in data:  # rich text written in the cell itself (openpyxl and some other programs)
        for m in _INLINE_CELL.finditer(data):
            if b"strike" in m[2] and (runs := _inline_runs(b"<is" + _NS + m[2] + b"</is>")) is not None:
                ref = m[1].decode()
                if (said := _said_struck(runs, ref in styled)) is not None:
                    out[ref] = said
    return out


_STRING_CELL = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)>\s*<(?:\w+:)?v>([0-9]+)</(?:\w+:)?v>')
_INLINE_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"[^>]*\bt="inlineStr"[^>]*>\s*<is>(.*?)</is>', re.S)
_NS = b' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_Run = tuple[bool | None, str]  # a rich text's run: struck (None: no properties of its own), its text


@functools.lru_cache(maxsize=16)
def _rich_strings(sst: bytes) -> dict[int, tuple[_Run, ...]]:
    """Shared strings written as rich text (runs) -> their runs, for the strike of each."""
    from defusedxml import ElementTree as SafeET

    out: dict[int, tuple[_Run, ...]] = {}
    try:
        items = [el for el in SafeET.fromstring(sst) if el.tag.rsplit("}", 1)[-1] == "si"]
    except Exception:  # malformed: the reader reports what it must
        return out
    for i, si in enumerate(items):
        if runs := _runs(si):
            out[i] = runs
    return out


def _inline_runs(fragment: bytes) -> tuple[_Run, ...] | None:
    from defusedxml import ElementTree as SafeET

    try:
        return _runs(SafeET.fromstring(fragment))
    except Exception:  # a prefixed or malformed fragment: left as read
        return None


def _runs(si: Any) -> tuple[_Run, ...]:
    out = []
    for r in si:
        if r.tag.rsplit("}", 1)[-1] != "r":
            continue
        props = next((c for c in r if c.tag.rsplit("}", 1)[-1] == "rPr"), None)
        text = "".join(t.text or "" for t in r if t.tag.rsplit("}", 1)[-1] == "t")
        out.append((None if props is None else _strike_in(props), text))
    return tuple(out)


def _said_struck(runs: tuple[_Run, ...], cell_struck: bool) -> tuple[str, str] | None:
    """A rich text's struck text and the rest ("", "" when all of it is struck); None when nothing is."""
    on = [(cell_struck if struck is None else struck, text) for struck, text in runs]
    struck = "".join(text for s, text in on if s)
    if not struck.strip():
        return None
    kept = "".join(text for s, text in on if not s)
    if not kept.strip():
        return "", ""
    return struck.strip(" 、,，;；.。"), kept.strip(" 、,，;；")


def _strike_in(props: Any) -> bool:
    """A font or a run's properties with <strike/> on (not val="0")."""
    return any(c.tag.rsplit("}", 1)[-1] == "strike" and (c.get("val") or "1").lower() not in ("0", "false")
               for c in props)


def _literal_styles(styles: bytes) -> dict[int, tuple[_Section, ...]]:
    """The cell style indices whose number format shows some numbers as text ("是";"是";"否": 1 shows 是), with
    the format's sections."""
    return _number_styles(styles)[1]


@functools.lru_cache(maxsize=64)
def _number_styles(styles: bytes) -> tuple[frozenset[int] | None, dict[int, tuple[_Section, ...]], frozenset[int]]:
    """_percent_styles and _literal_styles from one reading of the styles part, and the cell styles whose font is
    struck through. Cached on the bytes: an inbox's workbooks come from a few templates."""
    from defusedxml import ElementTree as SafeET

    try:
        root = SafeET.fromstring(styles)
        percent = set(_BUILTIN_PERCENT)
        literal: dict[int, tuple[_Section, ...]] = {}
        xfs = None
        struck_fonts: set[int] = set()
        for el in root.iter():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "fonts":  # (the workbook's fonts, not a conditional format's <dxf><font>)
                fonts = [f for f in el if f.tag.rsplit("}", 1)[-1] == "font"]
                struck_fonts = {i for i, font in enumerate(fonts) if _strike_in(font)}
            elif tag == "numFmt":
                code = el.get("formatCode") or ""
                if _percent_code(code):
                    percent.add(int(el.get("numFmtId") or -1))
                elif (sections := literal_sections(code)) is not None:
                    literal[int(el.get("numFmtId") or -1)] = sections
            elif tag == "cellXfs":
                xfs = el
        if xfs is None:
            return None, {}, frozenset()
        cell_xfs = [xf for xf in xfs if xf.tag.rsplit("}", 1)[-1] == "xf"]
        formats = [int(xf.get("numFmtId") or 0) for xf in cell_xfs]
        return (frozenset(i for i, n in enumerate(formats) if n in percent),
                {i: literal[n] for i, n in enumerate(formats) if n in literal},
                frozenset(i for i, xf in enumerate(cell_xfs) if int(xf.get("fontId") or 0) in struck_fonts))
    except Exception:  # malformed: the reader reports what it must; the format stays unknown
        return None, {}, frozenset()


def _cell_styles(data: bytes, styles: Iterable[int]) -> dict[str, int]:
    """Reference -> style index of the cells of a sheet part written with one of `styles`."""
    ids = b"|".join(str(i).encode() for i in sorted(styles))
    cell = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3}[0-9]{1,7})"[^>]*?\bs="(' + ids + rb')"')
    return {m.group(1).decode(): int(m.group(2)) for m in cell.finditer(data)}


def _styled_cells(data: bytes, styles: frozenset[int]) -> frozenset[str]:
    """References of the cells of a sheet part written with one of `styles` (<c r="E5" s="3" …>)."""
    return frozenset(_cell_styles(data, styles))


def _over_bounds(scan: _SheetScan, facts: ZipFacts, text: int) -> bool:
    return (facts.cells + scan.max_row * scan.max_col > MAX_CELLS or text + scan.text > MAX_TEXT_BYTES)


def _scan_sheet(chunks: Iterator[bytes], lengths: list[int], slow: bool = False, zero_unreliable: bool = False
                ) -> _SheetScan:
    """Where the farthest value is, how many cells there are, and the shared-string text they expand to."""
    s = _SheetScan()
    n_strings = len(lengths)
    row = col = 0
    for piece in _pieces(chunks, (b"</row>", b"</c>", b">")):
        s.elements += piece.count(b"<c ") + piece.count(b"<c>")
        if (b'="' in piece) and (far := _BEYOND_ANY_SHEET.search(piece)):
            # a reference no sheet can hold (ZZZZZZZ7, A99999999999): python-calamine sizes its grid by it and the
            # process aborted, no finding, no output (blind audit of hostile files); refused as one beyond Excel's
            if far[1] is None:
                s.max_row = max(s.max_row, EXCEL_MAX_ROWS + 1)
            else:
                s.max_col = max(s.max_col, EXCEL_MAX_COLS + 1)
            return s
        at: dict[int, str] | None = None  # offset of a cell written without r="A1" -> its reference (slow)
        if slow:
            for m in _TOKEN.finditer(piece):
                tag, attrs, closed = m.groups()
                r = _ATTR_R.search(attrs)
                if tag == b"row":
                    row = int(r.group(2)) if r else row + 1
                    col = 0
                    continue
                if r and r.group(1):
                    col, at_row = _col_number(r.group(1)), int(r.group(2))
                else:
                    col, at_row = col + 1, row
                    if at is None:
                        at = {}
                    at[m.start()] = f"{_col(col)}{at_row}"
                if not closed:
                    s.values += 1
                    s.max_row, s.max_col = max(s.max_row, at_row), max(s.max_col, col)
        if _has_formula(piece):
            s.formulas |= _formulas_without_value(piece, zero_unreliable, s.refs, s.shared, at)
        if b't="e"' in piece:
            s.errors.update(_error_cells(piece, at))
        if n_strings and b't="s"' in piece:
            for idx in map(int, _SHARED_CELL.findall(piece)):
                if idx < n_strings:
                    s.text += lengths[idx]
        if slow:
            continue
        n_valued = piece.count(b"</c>") + piece.count(b":c>")  # a cell that is not <c .../> holds something
        if not n_valued:
            continue
        valued = _CELL_VALUED_R.findall(piece)
        if n_valued != len(valued):
            s.slow = True
            return s
        s.values += n_valued
        if valued:
            letters = {c for c, _ in valued}
            s.max_col = max(s.max_col, max(_col_number(c) for c in letters))
            s.max_row = max(s.max_row, max(int(r) for r in {r for _, r in valued}))
    return s


_ODS_TOKEN = re.compile(
    rb"<(table:table-row|table:table-cell|table:covered-table-cell|table:table-column|table:table)(?=[\s>/])"
    rb"([^>]*?)(/?)>"
    rb"|</(table:table-row)>")
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="([0-9]{1,12})"')
_COLS_REPEATED = re.compile(rb'table:number-columns-repeated="([0-9]{1,12})"')


_SPANNED = re.compile(rb'table:number-(rows|columns)-spanned="([0-9]{1,7})"')
_TABLE_NAME = re.compile(rb'table:name="([^"]*)"')
_COLLAPSED = re.compile(rb'table:visibility="(?:collapse|filter)"')
_ODS_ERROR_TEXT = re.compile(rb"\s*<text:p>([^<]{1,16})</text:p>")
_ODS_CELL_END = re.compile(rb"</table:table-cell>|<table:(?:covered-)?table-cell\b")
_ODS_SPACES = re.compile(rb'<text:s(?:\s+text:c="([0-9]{1,4})")?\s*/>')
_ODS_SPACE_COUNT = re.compile(rb'text:c="([0-9]{1,12})"')
_ODS_TAG = re.compile(rb"<[^>]*>")


def _ods_text(piece: bytes, start: int) -> str | None:
    """The text of the cell whose content begins at `start`, when it holds a tab or line break (paragraphs joined by
    line breaks, as python-calamine joins them); None otherwise, or when the cell does not end in this piece."""
    end = _ODS_CELL_END.search(piece, start)
    if end is None or not end.group().startswith(b"</"):
        return None
    body = piece[start:end.start()]
    if b"<text:tab" not in body and b"<text:line-break" not in body:
        return None
    body = re.sub(rb"<office:annotation\b.*?</office:annotation>", b"", body, flags=re.DOTALL)  # a comment's text
    body = re.sub(rb"<text:tab\s*/>", b"\t", body)
    body = re.sub(rb"<text:line-break\s*/>", b"\n", body)
    body = _ODS_SPACES.sub(lambda m: b" " * min(int(m.group(1) or 1), 1000), body)
    paragraphs = re.split(rb"</text:p>\s*<text:p\b[^>]*>", body)
    text = "\n".join(_xml_text(_ODS_TAG.sub(b"", p)) for p in paragraphs)
    return text.strip("\n")
MAX_ODS_MERGES = 100_000


_ODS_LOGICAL = re.compile(rb'table:formula="of:=(TRUE|FALSE)\(\)"')
_ODS_WORDS = re.compile(rb"\s*<text:p>([^<0-9\xef]{1,12})</text:p>")  # (\xef: a full-width digit's first byte)
_OFFICE_SUITES = re.compile(rb"<meta:generator>[^<]*(?:LibreOffice|OpenOffice|StarOffice|NeoOffice|Collabora)")
_ODS_FORMULA = re.compile(rb'table:formula="(?:[a-z]+:)?(=[^"]*)"')
_ODS_REF = re.compile(r"\[\$?(?:'((?:[^']|'')+)'|([^.\[\]:']*))\.\$?([A-Z]{1,3}\$?[0-9]{1,7})"
                      r"(?::\$?(?:'(?:[^']|'')+'|[^.\[\]:']*)?\.\$?([A-Z]{1,3}\$?[0-9]{1,7}))?\]")


def _excel_formula(text: str) -> str:
    """An ODF formula as Excel writes it: [.D5]/[.C5] → D5/C5, [$附件2.B5] → 附件2!B5, [.C5:.C9] → C5:C9, ; → ,
    (outside quotes)."""
    def ref(m: re.Match[str]) -> str:
        sheet = m.group(1) or m.group(2)
        where = (f"'{m.group(1)}'!" if m.group(1) else f"{sheet}!") if sheet else ""
        return where + m.group(3) + (f":{m.group(4)}" if m.group(4) else "")

    parts = re.split(r'("[^"]*")', _ODS_REF.sub(ref, text))
    return "".join(p if p.startswith('"') else p.replace(";", ",") for p in parts)


def _ods_cells(chunks: Iterator[bytes], merges: dict[str, list] | None = None,
               hidden: dict[str, tuple[tuple[int, int], ...]] | None = None,
               errors: dict[str, dict[str, str]] | None = None, texts: dict[str, dict[str, str]] | None = None,
               hidden_rows: dict[str, frozenset[int]] | None = None,
               formulas: dict[str, dict[str, str]] | None = None,
               shown: dict[str, dict[str, str]] | None = None,
               percents: dict[str, set[str]] | None = None) -> int:
    """Rows x columns to the farthest value of every table of an ODS content.xml (repeats expanded). With
    `merges`, fills it with each table's merged ranges ((r0, c0), (r1, c1)), 0-based: python-calamine does not
    give them for ODS, and a 类别 merged over two facilities must count for both (SPEC); with `hidden`, each
    table's hidden column spans (see _hidden_columns); with `errors`, its cells showing a formula's error
    (#N/A, #DIV/0!), which python-calamine reads as empty (see ZipFacts.formula_errors); with `texts`, the text of
    its cells holding a tab or a line break (see ZipFacts.ods_texts); with `formulas`, the formulas saved without
    a value (no office:value-type), as Excel would write them (see ZipFacts.formula_texts); with `shown`, the
    numbers its cells show as words through their formats (1 as 是: see ZipFacts.shown_texts); with `percents`,
    every table's cells of a percentage (0.85 shown 85%: see ZipFacts.percent_cells)."""
    total = 0
    row = col = max_row = max_col = 0
    column = 0  # columns declared so far in this table
    name = b""
    spans_of: dict[bytes, list[tuple[int, int]]] = {}  # table name -> hidden column spans
    shut_of: dict[bytes, set[int]] = {}  # table name -> hidden rows (1-based)
    repeat = 1
    valued_row = False
    spans: list = []
    found = 0
    unvalued: dict[str, dict[str, str]] = {}  # formulas saved without a value (kept where no formula has one)
    valued = False
    expanded = 0  # the text of repeated cells and counted spaces, as python-calamine will expand it

    def area() -> int:
        return max_row * max_col

    for piece in _pieces(chunks):
        # (a tab or line break inside a cell's text: python-calamine reads 1<text:tab/>3 as 13; rare, looked for
        # only in a piece that holds one)
        breaks = texts is not None and (b"<text:tab" in piece or b"<text:line-break" in piece)
        # (TRUE typed in LibreOffice is saved as the formula TRUE() with the value 1: read as the TRUE shown, as the
        # .xlsx and .xls LibreOffice writes are — a 是/否 column's VALUE_INVALID in the .ods only; blind audit)
        logical = texts is not None and (b"=TRUE()" in piece or b"=FALSE()" in piece)
        # (LibreOffice stores every formula's value; another program may not: FORMULA_NO_VALUE, as in an .xlsx)
        formula = formulas is not None and b"table:formula=" in piece
        spaced = b"text:c=" in piece  # (runs of spaces written as a count: counted wherever they are)
        for m in _ODS_TOKEN.finditer(piece):
            tag, attrs, closed, end = m.groups()
            if end:  # </table:table-row>
                row += repeat
                if valued_row:
                    max_row = row
                continue
            if tag == b"table:table":
                total += area()
                row = col = max_row = max_col = 0
                n = _TABLE_NAME.search(attrs)
                name, column = (n.group(1) if n else b""), 0
                if merges is not None:
                    spans = merges.setdefault(_xml_text(name), [])
                if percents is not None:
                    percents.setdefault(_xml_text(name), set())
            elif tag == b"table:table-column":
                if column >= EXCEL_MAX_COLS:
                    continue  # past Excel's last column: nothing there is read
                c = _COLS_REPEATED.search(attrs)
                width = min(max(int(c.group(1)), 1), EXCEL_MAX_COLS) if c else 1
                if hidden is not None and _COLLAPSED.search(attrs):
                    spans_of.setdefault(name, []).append((column, min(column + width, EXCEL_MAX_COLS) - 1))
                column += width
            elif tag == b"table:table-row":
                r = _ROWS_REPEATED.search(attrs)
                repeat = int(r.group(1)) if r else 1
                col, valued_row = 0, False
                if hidden_rows is not None and repeat <= 1000 and _COLLAPSED.search(attrs):
                    # (rows hidden or filtered out: findings there say so; a collapsed run of empty rows to the
                    # sheet's end holds nothing to find)
                    shut = shut_of.setdefault(name, set())
                    if len(shut) < 100_000:
                        shut.update(range(row + 1, row + repeat + 1))
                if closed:
                    row += repeat
            else:
                if merges is not None and b"-spanned" in attrs and found < MAX_ODS_MERGES:
                    size = {k: int(v) for k, v in _SPANNED.findall(attrs)}
                    rs, cs = size.get(b"rows", 1), size.get(b"columns", 1)
                    if rs > 1 or cs > 1:
                        spans.append(((row, col), (row + rs - 1, col + cs - 1)))
                        found += 1
                if errors is not None and b'value-type="error"' in attrs and col < EXCEL_MAX_COLS \
                        and len(errors.get(_xml_text(name), ())) < MAX_ODS_MERGES:
                    error = _ODS_ERROR_TEXT.match(piece, m.end())
                    errors.setdefault(_xml_text(name), {})[f"{_col(col + 1)}{row + 1}"] = (
                        error.group(1).decode("utf-8", "replace") if error else "#错误")
                if shown is not None and not closed and tag == b"table:table-cell" \
                        and b'value-type="float"' in attrs and b'value-type="error"' not in attrs \
                        and col < EXCEL_MAX_COLS \
                        and (said := _ODS_WORDS.match(piece, m.end())) \
                        and len(shown.get(_xml_text(name), ())) < MAX_ODS_MERGES:
                    # a number shown as a word by its format ("是";"是";"否"): the word, as the clerk sees it
                    shown.setdefault(_xml_text(name), {})[f"{_col(col + 1)}{row + 1}"] = _xml_text(said.group(1))
                if percents is not None and tag == b"table:table-cell" and b'value-type="percentage"' in attrs \
                        and col < EXCEL_MAX_COLS and len(cells := percents.setdefault(_xml_text(name), set())) \
                        < MAX_ODS_MERGES:
                    cells.add(f"{_col(col + 1)}{row + 1}")
                if breaks and not closed and tag == b"table:table-cell" and b'value-type="string"' in attrs \
                        and col < EXCEL_MAX_COLS \
                        and len(texts.get(_xml_text(name), ())) < MAX_ODS_MERGES:  # type: ignore[union-attr]
                    kept = _ods_text(piece, m.end())
                    if kept is not None:
                        texts.setdefault(_xml_text(name), {})[f"{_col(col + 1)}{row + 1}"] = kept  # type: ignore[union-attr]
                if formula and tag == b"table:table-cell" and b"table:formula=" in attrs:
                    if b"office:value-type" in attrs:
                        valued = True  # a writer that stores values: a formula without one shows "" (LibreOffice)
                    elif col < EXCEL_MAX_COLS and (fm := _ODS_FORMULA.search(attrs)) \
                            and len(unvalued.get(_xml_text(name), ())) < MAX_ODS_MERGES:
                        unvalued.setdefault(_xml_text(name), {})[f"{_col(col + 1)}{row + 1}"] = \
                            _excel_formula(_xml_text(fm.group(1)))
                if logical and tag == b"table:table-cell" and col < EXCEL_MAX_COLS \
                        and (lm := _ODS_LOGICAL.search(attrs)) \
                        and len(texts.get(_xml_text(name), ())) < MAX_ODS_MERGES:  # type: ignore[union-attr]
                    texts.setdefault(_xml_text(name), {})[f"{_col(col + 1)}{row + 1}"] = lm.group(1).decode()  # type: ignore[union-attr]
                c = _COLS_REPEATED.search(attrs)
                if not closed and tag == b"table:table-cell" and (
                        1 < (copies := (int(c.group(1)) if c else 1) * repeat) <= MAX_CELLS or spaced):
                    # (more copies than cells allowed: the area's check below says so)
                    # the text a cell expands to, times its copies: <text:s text:c="150000000"/> in one cell, or a
                    # long text repeated down 1,500 rows of 100 columns, took 1.5 GB (audit of hostile input)
                    end = _ODS_CELL_END.search(piece, m.end())
                    body = piece[m.end():end.start()] if end is not None else b""
                    counts = [int(n) for n in _ODS_SPACE_COUNT.findall(body)]
                    # (what is expanded only: a cell's text counts where it is copied, its counted spaces always —
                    # a large sheet of plain cells was refused for one <text:s text:c="3"/>; review)
                    expanded += (len(body) if copies > 1 else 0) * copies + sum(counts) * copies
                    # (a cell holds 32,767 characters in Excel; text in Python takes up to four bytes a character)
                    if expanded > MAX_ODS_TEXT or any(n > EXCEL_MAX_TEXT for n in counts):
                        raise Unreadable("文件中的文字展开后过大（空格计数或重复单元格展开后超过 "
                                         f"{MAX_ODS_TEXT // 1_000_000} 百万字），疑似异常文件；请用表格软件打开后另存为 .xlsx")
                col += int(c.group(1)) if c else 1
                if tag == b"table:table-cell" and (not closed or b"office:value-type" in attrs):
                    valued_row = True
                    max_col = max(max_col, col)
            if max_row > EXCEL_MAX_ROWS or max_col > EXCEL_MAX_COLS or total + area() > MAX_CELLS:
                raise Unreadable(f"工作表的数据区域过大（重复行列展开后超过 {MAX_CELLS // 10000} 万个单元格），"
                                 "请删除多余的内容后另存")
    total += area()
    if total > MAX_CELLS:
        raise Unreadable(f"工作表的数据区域过大（重复行列展开后超过 {MAX_CELLS // 10000} 万个单元格），"
                         "请删除多余的内容后另存")
    if hidden is not None:
        for key, spans_ in spans_of.items():
            hidden[_xml_text(key)] = tuple(spans_)
    if hidden_rows is not None:
        for key, rows in shut_of.items():
            hidden_rows[_xml_text(key)] = frozenset(rows)
    if formulas is not None and not valued:
        formulas.update(unvalued)
    return total


class CellBudget:
    """A second line of defence for formats this module cannot scan (.xls, .xlsb): the reader charges every
    sheet's grid before turning it into Python lists."""

    def __init__(self, limit: int = MAX_CELLS) -> None:
        self.limit = limit
        self.used = 0

    def charge(self, sheet: str, start: tuple[int, int] | None, height: int, width: int) -> None:
        r0, c0 = start or (0, 0)
        self.used += (r0 + height) * (c0 + width)
        if self.used > self.limit:
            raise Unreadable(f"数据区域过大：读到工作表“{sheet}”时，全部工作表合计已超过 {self.limit // 10000} 万个单元格；"
                             "请删除不需要的工作表或远处多余的内容后另存")


def editable(path: Path) -> bool:
    """Whether openpyxl may open this .xlsx/.xlsm for an annotated copy within seconds (few cell elements, and
    no merge over a whole column: openpyxl makes an object for every cell a merge covers)."""
    try:
        facts = inspect_zip(path, deep=True)
    except Unreadable:
        return False
    return facts.cell_elements + facts.merged_cells <= MAX_EDIT_CELLS


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')


def _merged_area(data: bytes) -> int:
    return sum((int(r2) - int(r1) + 1) * (_col_number(c2) - _col_number(c1) + 1)
               for c1, r1, c2, r2 in _MERGE_REF.findall(data))


# A formula whose result is an error (#DIV/0!, #VALUE!, #REF!): python-calamine gives an empty cell for it. Its
# value within the same cell: an error cell written without one (<c t="e"/>) takes none from the next cell.
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?\bt="e"[^>/]*)>(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]{1,16})</',
                         re.DOTALL)


def _error_cells(data: bytes, at: dict[int, str] | None = None) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ERROR_CELL.finditer(data):
        ref = _ref_of(m, at)
        if ref:
            out[ref] = m.group(2).decode("ascii", "replace").strip()
    return out


def _ref_of(m: re.Match[bytes], at: dict[int, str] | None) -> str | None:
    """A cell's reference: its r="E5", else where a writer omitting it put the cell (_scan_sheet's `at`)."""
    ref = _REF.search(m.group(1))
    if ref:
        return ref.group(1).decode()
    return at.get(m.start()) if at else None


def total_bytes(paths: Iterable[Path]) -> int:
    """The files' sizes added up (one that cannot be read counts 0): whether spreading work over processes pays."""
    total = 0
    for p in paths:
        with contextlib.suppress(OSError):
            total += p.stat().st_size
    return total


_PROPERTY_PARTS = frozenset(("docprops/custom.xml", "meta.xml"))
SMALL_PART_BYTES = 64 * 1024
_PROPS_SEEN: dict[tuple[str, int, int], dict[str, bytes]] = {}  # the last files inspected: (path, mtime, size)


def _remember_props(path: Path, props: dict[str, bytes]) -> None:
    try:
        st = path.stat()
    except OSError:
        return
    if len(_PROPS_SEEN) >= 8:
        _PROPS_SEEN.clear()
    _PROPS_SEEN[(str(path), st.st_mtime_ns, st.st_size)] = props


def small_part(path: Path, name: str, limit: int = SMALL_PART_BYTES) -> bytes | None:
    """A small part of a zip workbook (its document properties), for a bounded byte search rather than an XML
    parser; None when the part is absent or larger than `limit`, or the file is no zip. The property parts of a
    file just inspected (inspect_zip) are taken from there."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
            return None  # a pipe would be waited on for ever, a device read without end (sniff says why)
        seen = _PROPS_SEEN.get((str(path), st.st_mtime_ns, st.st_size))
        if seen is not None and name.lower() in _PROPERTY_PARTS and limit >= SMALL_PART_BYTES:
            return seen.get(name)
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(name)
            return zf.read(info) if info.file_size <= limit else None
    except Exception:  # no such part, not a zip, a damaged archive
        return None


NOTES_BYTES = 32 * 1024 * 1024  # the comments of one sheet of a province's workbook: a few MB


def cell_notes(path: Path) -> dict[str, dict[str, str]]:
    """Sheet name -> cell -> the text of its comment (Excel's notes), for a workbook `consolidate` wrote: the
    findings it marked in each cell. {} for anything unreadable (the reader says why) or not an .xlsx. Called on
    a workbook that passed inspect_zip: sizes are bounded again here all the same."""
    from defusedxml import ElementTree as SafeET

    out: dict[str, dict[str, str]] = {}
    if sniff(path) == "ole":  # an .xls: its NOTE records (a consolidated workbook saved as .xls keeps them)
        from .biff import notes

        return notes(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = {_part(i.filename): i for i in zf.infolist()}
            if "content.xml" in infos and "xl/workbook.xml" not in infos:  # an .ods (saved by LibreOffice or WPS)
                info = infos["content.xml"]
                return _ods_notes(zf.open(info)) if info.file_size <= _ODS_CONTENT_BYTES else {}

            def part(name: str, limit: int = 4 * 1024 * 1024) -> bytes | None:
                info = infos.get(_part(name))
                return zf.read(info) if info is not None and info.file_size <= limit else None

            workbook = part("xl/workbook.xml")
            if workbook is None:
                return {}
            sheets, _ = _sheet_parts_of(workbook, part("xl/_rels/workbook.xml.rels"))
            for name, sheet in sheets:
                folder, _, file = sheet.rpartition("/")
                rels = part(f"{folder}/_rels/{file}.rels")
                if rels is None:
                    continue
                for rel in SafeET.fromstring(rels):
                    target = rel.get("Target") or ""
                    if not (rel.get("Type") or "").endswith("/comments"):
                        continue
                    where = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
                    data = part(os.path.normpath(where).replace("\\", "/"), NOTES_BYTES)
                    if data is None:
                        continue
                    cells = out.setdefault(name, {})
                    # streamed, each comment let go once read: a province's workbook holds thousands
                    for _, el in SafeET.iterparse(io.BytesIO(data), events=("end",)):
                        if el.tag.rsplit("}", 1)[-1] == "comment":
                            if el.get("ref"):
                                cells[el.get("ref")] = "".join(
                                    t.text or "" for t in el.iter() if t.tag.rsplit("}", 1)[-1] == "t")
                            el.clear()
    except Exception:  # a damaged part: no notes, every finding stands as found
        return {}
    return out


_ODS_CONTENT_BYTES = 512 * 1024 * 1024  # a province's consolidated .ods: its content part, streamed
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TEXT_P = _TEXT_NS + "p"


def _ods_notes(stream: Any) -> dict[str, dict[str, str]]:
    """cell_notes of an .ods's content.xml: each office:annotation's paragraphs, one line each, at the cell holding
    it (rows and cells counted with their repeats). Streamed: each row let go once read."""
    from defusedxml import ElementTree as SafeET

    out: dict[str, dict[str, str]] = {}
    sheet, row, col, at = "", 0, 0, 0
    repeat = 1
    for event, el in SafeET.iterparse(stream, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == _TABLE + "table":
                sheet, row = el.get(_TABLE + "name") or "", 0
            elif tag == _TABLE + "table-row":
                col, repeat = 0, _repeats(el.get(_TABLE + "number-rows-repeated"))
            elif tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                at = col
            continue
        if tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            col += _repeats(el.get(_TABLE + "number-columns-repeated"))
        elif tag == _OFFICE + "annotation":
            lines = [_ods_note_text(p) for p in el if p.tag == _TEXT_P]
            if row < 1_048_576 and at < 16_384:
                out.setdefault(sheet, {})[f"{_col(at + 1)}{row + 1}"] = "\n".join(lines)
        elif tag == _TABLE + "table-row":
            row += repeat
            el.clear()
    return out


def _ods_note_text(el: Any) -> str:
    """A paragraph's text as it shows: runs of spaces (text:s, c of them), tabs and line breaks kept (itertext
    dropped them: 甲  乙 read 甲 乙; review)."""
    out = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == _TEXT_NS + "s":
            out.append(" " * _repeats(child.get(_TEXT_NS + "c")))
        elif tag == _TEXT_NS + "tab":
            out.append("\t")
        elif tag == _TEXT_NS + "line-break":
            out.append("\n")
        else:
            out.append(_ods_note_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _repeats(text: str | None) -> int:
    try:
        return max(1, min(int(text or 1), 1_048_576))
    except ValueError:
        return 1


_F_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]{1,300})</(?:\w+:)?f>")


def _formulas_without_value(data: bytes, zero_unreliable: bool = False, refs: dict[str, str] | None = None,
                            shared: dict[bytes, tuple[str, str]] | None = None,
                            at: dict[int, str] | None = None) -> set[str]:
    """Formula cells with no cached result (and, into `refs`, their formulas, which the reader evaluates where
    it can: formula.py). `zero_unreliable`: the workbook asks to be recalculated when opened (fullCalcOnLoad,
    which a program writing formulas sets and Excel never saves): its cached 0 is the writer's placeholder
    (xlsxwriter's default), not a result."""
    out: set[str] = set()
    shared = {} if shared is None else shared
    if (not zero_unreliable or b"<v>0</v>" not in data) and _all_valued(data):
        return out
    for m in _CELL_WITH_F.finditer(data):
        body = m.group(2) or b""
        if not _has_formula(body):
            continue
        anchor = _SHARED_F.search(body) if b'"shared"' in body else None
        ref = _ref_of(m, at)
        if anchor and anchor.group(2) is not None and ref:
            shared[anchor.group(1)] = (ref, _xml_text(anchor.group(2)))  # B5's =附件2!B5 for B6, B7
        v = _V.search(body)
        if v and not (zero_unreliable and _ZERO_V.fullmatch(v.group(0))):
            continue
        if _STR_TYPE.search(m.group(1)) and _V_OPEN.search(body):
            continue  # t="str" with an empty <v>: calculated, and its result is the empty string (=IF(..,"",..))
        if ref:
            out.add(ref)
            if refs is not None and (f := _F_TEXT.search(body)):
                refs[ref] = _xml_text(f.group(1))
            elif refs is not None and anchor and anchor.group(1) in shared:
                # a cell sharing the formula above it (<f t="shared" si="0"/>): that formula moved to this cell
                refs[ref] = _shared_formula(*shared[anchor.group(1)], ref)
    return out


# a cell whose formula gives the empty text (=IF(B5="","",…)), as Excel writes it: calculated, its result ""
_EMPTY_STR_CELL = re.compile(rb'<c [^<>]*\bt="str"[^<>]*>(?:<f\b[^<>]*/>|<f\b[^<>]*>[^<]*</f>)<v(?:/>|></v>)')


def _all_valued(data: bytes) -> bool:
    """Whether every formula of a piece is written as Excel writes one with its result, and none is shared
    from it (C-speed counts: a formula filled down a million rows took 6 s a sheet cell by cell)."""
    formulas = data.count(b"<f>") + data.count(b"<f ")
    if not formulas or formulas != data.count(b"<f") or b":f" in data or \
            formulas != data.count(b"</f><v>") + data.count(b"/><v>") or b'"shared"' in data and b" ref=" in data:
        return False  # (a shared formula's own cell, in any order of its attributes, is recorded cell by cell)
    empty = data.count(b"<v></v>") + data.count(b"<v/>")
    return not empty or empty == len(_EMPTY_STR_CELL.findall(data))


def _has_formula(data: bytes) -> bool:
    """Whether a part holds a formula element (<f>, or <x:f> under a prefix), at C speed for most parts."""
    return b"<f" in data or b":f" in data and _F_TAG.search(data) is not None


_SHARED_F = re.compile(rb'<(?:\w+:)?f\b[^>]*?\bt="shared"[^>]*?\bsi="(\d+)"[^>]*?(?:/>|>([^<]{1,300})</(?:\w+:)?f>)')
_A1 = re.compile(r'"[^"]*"|(?<![A-Za-z_\d$.])(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![\d(!A-Za-z_])')


def _shared_formula(anchor: str, text: str, cell: str) -> str:
    """The anchor cell's formula as Excel shares it with `cell`: its relative references moved by the distance
    between the two (=附件2!B5 in B5 is =附件2!B6 in B6), the $-fixed ones and quoted text kept."""
    a, b = _A1_CELL.fullmatch(anchor), _A1_CELL.fullmatch(cell)
    if not a or not b:
        return text
    dr, dc = int(b[2]) - int(a[2]), _col_number(b[1].encode()) - _col_number(a[1].encode())

    def move(m: re.Match[str]) -> str:
        if m[2] is None:
            return m[0]  # quoted text
        col = m[2] if m[1] else _col(_col_number(m[2].encode()) + dc)
        row = m[4] if m[3] else str(int(m[4]) + dr)
        return f"{m[1]}{col}{m[3]}{row}"
    return _A1.sub(move, text)


_A1_CELL = re.compile(r"([A-Z]{1,3})(\d{1,7})")


# ---- output -------------------------------------------------------------------------------------------


class OutputRefused(Exception):
    """An output path that must not be written (it is an input)."""


class InputGuard:
    """The inputs' real paths and file identities, gathered once: every output is checked against them (2,000
    annotated copies must not each resolve 2,000 inputs again)."""

    def __init__(self, inputs: Iterable[Path]) -> None:
        self.paths: set[Path] = set()
        self.ids: set[tuple[int, int]] = set()
        for p in inputs:
            with contextlib.suppress(OSError, RuntimeError):  # (a link to itself: RuntimeError before Python 3.13)
                self.paths.add(p.resolve())
            with contextlib.suppress(OSError):
                st = p.stat()  # another name of the same file (a hard link, a symlink to it)
                if st.st_ino:  # 0 where the file system gives no identity (some network drives)
                    self.ids.add((st.st_dev, st.st_ino))

    def check(self, target: Path) -> None:
        """Refuse an output path that names an input (the same path, or another name of the same file)."""
        if self.is_input(target):
            raise OutputRefused(f"输出文件 {target} 与输入文件相同，已拒绝覆盖输入")

    def is_input(self, target: Path) -> bool:
        same = False
        with contextlib.suppress(OSError, RuntimeError):
            same = target.resolve() in self.paths
        if not same:
            with contextlib.suppress(OSError):
                st = target.stat()
                same = bool(st.st_ino) and (st.st_dev, st.st_ino) in self.ids
        return same


def ensure_not_input(target: Path, inputs: Iterable[Path]) -> None:
    InputGuard(inputs).check(target)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside target; on success it replaces target, on failure it is removed."""
    with atomic_paths([target]) as (tmp,):
        yield tmp


@contextlib.contextmanager
def atomic_paths(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths beside each target; when the block succeeds they replace the targets (in the order given),
    else they are removed and every target is left as it was. A set of outputs read together (the consolidated
    workbook and its reports) is never half new: a report of this month beside last month's workbook when the
    disk filled up while the workbook was written (blind audit)."""
    tmps: list[Path] = []
    try:
        for target in targets:
            _not_special(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            _clear_stale(target)
            # a short prefix: the temporary name must fit where the target's own long name just fits
            try:
                fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem[:20]}.", suffix=target.suffix + ".tmp",
                                                dir=target.parent)
            except OSError as e:  # the message names the file the clerk asked for, not a temporary one
                raise OSError(e.errno, e.strerror, str(target)) from None
            os.close(fd)
            tmps.append(Path(tmp_name))
        try:
            yield list(tmps)
        except OSError as e:
            # the message names the output the clerk asked for: not a temporary file, and for a write() that names
            # none, the output or their folder
            named = {str(tmp): str(target) for tmp, target in zip(tmps, targets, strict=True)}
            if e.filename is None or str(e.filename) in named:
                where = named.get(str(e.filename)) or str(targets[0] if len(targets) == 1 else targets[0].parent)
                raise OSError(e.errno, e.strerror, where) from None
            raise
        for tmp, target in zip(tmps, targets, strict=True):
            _usual_mode(tmp)
            try:
                _flush_to_disk(tmp)
            except OSError as e:
                raise OSError(e.errno, e.strerror, str(target)) from None
        _replace_all(targets, tmps)
    except BaseException:
        for tmp in tmps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise


# a temporary file older than this beside an output is a run's that was killed (SIGKILL, power lost): no run
# takes that long to write one output, so another run writing the same output now keeps its own
_STALE_SECONDS = 15 * 60
# what atomic_paths names its temporary files (mkstemp's eight characters) and the old files' second names
_OURS = re.compile(r"\..+\.[a-z0-9_]{8}\.[A-Za-z0-9]{1,5}\.(?:tmp|old)")
_cleared: set[str] = set()  # folders already looked at by this process (an annotated copy each: one look)


def _clear_stale(target: Path) -> None:
    """Remove the temporary files (and the .old second names) a killed run left in `target`'s folder: a kill
    cannot be caught, and they piled up beside the outputs, shown on Windows (audit of determinism)."""
    import time

    folder = str(target.parent)
    if folder in _cleared:
        return
    _cleared.add(folder)
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            if entry.name.startswith(".") and _OURS.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > _STALE_SECONDS:
                        os.unlink(entry.path)


def _replace_all(targets: list[Path], tmps: list[Path]) -> None:
    """Each temporary file onto its target, each rename atomic, with the signals held (_signals_held); when one
    fails (Windows: the report open in a browser or Word), those already replaced get their old file back, kept
    until then as a second name (a copy where the file system has no links), or are removed if there was none:
    the set stays last period's (review)."""
    done: list[tuple[Path, Path | None]] = []  # targets replaced (or about to be), with their old file's second name
    with _signals_held():
        try:
            for target, tmp in zip(targets, tmps, strict=True):
                if len(targets) > 1:
                    old = None
                    if target.exists():
                        old = tmp.with_name(tmp.name[: -len(".tmp")] + ".old")
                        try:
                            os.link(target, old)
                        except OSError:
                            shutil.copy2(target, old)
                    done.append((target, old))  # (before the rename: one that happened is always undone)
                try:
                    os.replace(tmp, target)
                except PermissionError:  # Windows: the target is open in another program
                    who = "Excel/WPS" if target.suffix.lower() in (".xlsx", ".xls", ".xlsm") else "浏览器、Word 等其他程序"
                    raise OutputRefused(f"无法写入 {target}：文件可能正被{who}打开，请关闭后重试") from None
        except BaseException:
            for target, old in reversed(done):
                with contextlib.suppress(OSError):
                    if old is not None:
                        os.replace(old, target)
                    else:
                        target.unlink()
            raise
        finally:
            for _, old in done:
                if old is not None:
                    with contextlib.suppress(OSError):
                        old.unlink()


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP held back while a set of outputs is renamed into place (a few microseconds):
    delivered after, the run ends with the set whole, old or new (one landing between two renames left this month's
    workbook beside last month's reports; audit of interruptions). Where signals cannot be held (Windows), as is."""
    import signal

    held = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _not_special(target: Path) -> None:
    """A device, a pipe or a socket (or a link to one) is no output: renamed over, it would be replaced by a file
    (`init -o /dev/full --force` as root turned the device into one; blind audit)."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return  # not there yet (or not reachable: writing it says why)
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise OutputRefused(f"无法写入 {target}：它是设备或管道，不是普通文件；请换一个输出文件名")


def _flush_to_disk(path: Path) -> None:
    """The new file's bytes on the disk before its name replaces the old one's: renamed first, a power cut could
    leave the name on an empty or partial file (the old output lost, the new one unreadable). Where the file system
    cannot flush (some network shares), the rename still happens, as before; one that fails to write (EIO, a full
    disk) raises."""
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # (Windows flushes only a file open to write)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as e:
        if e.errno in (errno.EIO, errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            raise  # the bytes did not reach the disk: the old output stays (audit of interruptions)
    finally:
        os.close(fd)


def _usual_mode(path: Path) -> None:
    """mkstemp makes the file private (0600); an output gets the mode a plain open() would give it."""
    mask = os.umask(0o022)
    os.umask(mask)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o666 & ~mask)


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(target: Path, text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))
