"""Guards before any parser sees a file, and atomic output.

Zip containers (.xlsx/.xlsm/.ods) are inspected from their central directory before anything is expanded:
entry count, total uncompressed size and per-entry expansion ratio are bounded, and XML parts that declare a
DOCTYPE (entity expansion, XXE) are refused. The same pass finds formula cells that carry no cached value,
which the fast reader silently drops.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_ENTRY_RATIO = 100  # per entry of more than RATIO_FLOOR bytes
RATIO_FLOOR = 2 * 1024 * 1024
MAX_ENTRIES = 5000


class Unreadable(Exception):
    """The file cannot be read; the message is a Chinese reason for FILE_UNREADABLE."""


@dataclass
class ZipFacts:
    formulas_without_value: dict[str, set[str]] = field(default_factory=dict)  # sheet name -> {"E5", ...}


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_CELL_WITH_F = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3}[0-9]{1,7})"')
_V = re.compile(rb"<v>[^<]+</v>|<is>")


def sniff(path: Path) -> str:
    """'zip', 'ole', or raise Unreadable with the reason."""
    try:
        st = path.stat()
    except OSError as e:
        raise Unreadable(f"无法访问文件（{e.strerror or e}）") from None
    if path.is_dir():
        raise Unreadable("这是一个文件夹，不是文件")
    if st.st_size == 0:
        raise Unreadable("文件为空（0 字节）")
    if st.st_size > MAX_FILE_BYTES:
        raise Unreadable(f"文件过大（{st.st_size // 1024 // 1024} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as e:
        raise Unreadable(f"无法打开文件（{e.strerror or e}），请检查文件权限") from None
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head == OLE_MAGIC:
        return "ole"
    if head.startswith(b"%PDF"):
        raise Unreadable("这是 PDF 文件，不是电子表格，请发送 Excel 文件")
    if head[:5].lower() in (b"<?xml", b"<html") or head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise Unreadable("这是 XML/HTML 格式（不是真正的 Excel 文件），请用 Excel 另存为 .xlsx")
    raise Unreadable("不是 Excel 文件（可能是改了扩展名的文本或其他文件），请用 Excel 另存为 .xlsx")


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip path of its XML, from workbook.xml and its rels (parsed safely)."""
    from defusedxml import ElementTree as SafeET

    names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        return {}
    try:
        wb = SafeET.fromstring(zf.read("xl/workbook.xml"))
        rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels")) if "xl/_rels/workbook.xml.rels" in names else None
    except Exception:  # malformed XML: the reader will report it
        return {}
    targets: dict[str, str] = {}
    if rels is not None:
        for rel in rels:
            rid, target = rel.get("Id"), rel.get("Target") or ""
            if rid:
                if target.startswith("/"):
                    path = target.lstrip("/")
                else:
                    path = str(PurePosixPath("xl") / target)
                targets[rid] = os.path.normpath(path).replace("\\", "/")
    out: dict[str, str] = {}
    for el in wb.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            name = el.get("name") or ""
            if rid in targets:
                out[name] = targets[rid]
    return out


def inspect_zip(path: Path) -> ZipFacts:
    """Bound the archive, refuse DOCTYPEs, and list formula cells without cached values."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise Unreadable("文件已损坏或不完整（压缩包结构错误），请对方重新发送") from None
    except OSError as e:
        raise Unreadable(f"无法打开文件（{e.strerror or e}）") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise Unreadable(f"文件内部条目过多（{len(infos)}），超出安全上限")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_ENTRY_RATIO * max(info.compress_size, 1):
                raise Unreadable("文件解压后体积异常（疑似“压缩炸弹”），已拒绝读取")
            if info.flag_bits & 0x1:
                raise Unreadable("文件已加密，请去掉密码后重新发送")
        if total > MAX_UNCOMPRESSED:
            raise Unreadable(f"文件解压后过大（{total // 1024 // 1024} MB，上限 {MAX_UNCOMPRESSED // 1024 // 1024} MB）")
        names = {i.filename for i in infos}
        if "EncryptedPackage" in names:
            raise Unreadable("文件已加密，请去掉密码后重新发送")
        facts = ZipFacts()
        try:
            for info in infos:
                if not info.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                with zf.open(info) as fh:
                    head = fh.read(4096)
                if _DOCTYPE.search(head):
                    raise Unreadable("文件包含不安全的 XML 声明（DOCTYPE/实体），已拒绝读取")
            for sheet, part in _sheet_parts(zf).items():
                if part not in names:
                    continue
                data = zf.read(part)
                if _DOCTYPE.search(data[:65536]):
                    raise Unreadable("文件包含不安全的 XML 声明（DOCTYPE/实体），已拒绝读取")
                if b"<f" in data:
                    missing = _formulas_without_value(data)
                    if missing:
                        facts.formulas_without_value[sheet] = missing
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, zipfile.LargeZipFile) as e:
            raise Unreadable(f"文件已损坏或不完整（{type(e).__name__}），请对方重新发送") from None
        except Exception as e:  # zlib.error and friends from damaged members
            if isinstance(e, Unreadable):
                raise
            raise Unreadable(f"文件已损坏（{type(e).__name__}），请对方重新发送") from None
        return facts


def _formulas_without_value(data: bytes) -> set[str]:
    out: set[str] = set()
    for m in _CELL_WITH_F.finditer(data):
        body = m.group(2) or b""
        if b"<f" not in body:
            continue
        if _V.search(body):
            continue
        ref = _REF.search(m.group(1))
        if ref:
            out.add(ref.group(1).decode())
    return out


# ---- output -------------------------------------------------------------------------------------------


class OutputRefused(Exception):
    """An output path that must not be written (it is an input)."""


def ensure_not_input(target: Path, inputs: list[Path]) -> None:
    t = target.resolve()
    for p in inputs:
        with contextlib.suppress(OSError):
            if p.resolve() == t:
                raise OutputRefused(f"输出文件 {target} 与输入文件相同，已拒绝覆盖输入")


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside target; on success it replaces target, on failure it is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(target: Path, text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))
