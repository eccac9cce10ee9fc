#!/usr/bin/env python
"""Render the README's pictures from the shipped examples:

    docs/images/附件2.png  — the 附件2 page of the consolidated workbook, as LibreOffice prints it (A4 landscape)
    docs/images/report.png — the HTML report, as headless Chromium shows it

    python scripts/render_images.py [--out docs/images] [--dpi 80]

Needs LibreOffice (soffice), poppler (pdftotext, pdftoppm) and Chromium on PATH
(Debian: apt-get install libreoffice-calc poppler-utils chromium). Nothing is written into examples/.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "2022-06"
PERIOD = "2022-06"
F2_MARKERS = ("风险管控名单", "附件2")  # text on the 附件2 page; the first page holding the first marker wins
CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "chrome")


def _tool(*names: str) -> str:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit(f"找不到 {names[0]}，请先安装（见本脚本开头的说明）")


def _run(cmd: list[str], timeout: float = 180) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise SystemExit(f"命令失败（{proc.returncode}）：{' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return proc


def consolidate(work: Path) -> dict[str, Path]:
    """Consolidate the shipped examples into `work`; returns the written workbook and report."""
    from yanglao_cli.config import default_config
    from yanglao_cli.service import run_consolidate

    report, _ = run_consolidate([EXAMPLES], work, default_config(), PERIOD, workers=1)
    outputs = {Path(p).suffix: Path(p) for p in report.outputs}
    if ".xlsx" not in outputs or ".html" not in outputs:
        raise SystemExit(f"汇总没有写出工作簿和报告：{report.outputs}")
    return {"xlsx": outputs[".xlsx"], "html": outputs[".html"]}


def to_pdf(xlsx: Path, work: Path) -> Path:
    soffice = _tool("soffice", "libreoffice")
    profile = (work / "lo-profile").resolve().as_uri()
    _run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
          "--outdir", str(work), str(xlsx)], timeout=300)
    pdf = work / (xlsx.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"LibreOffice 没有写出 {pdf.name}")
    return pdf


def page_count(pdf: Path) -> int:
    out = _run([_tool("pdfinfo"), str(pdf)]).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 1


def find_page(pdf: Path, markers: tuple[str, ...] = F2_MARKERS) -> int:
    """The first page holding the first marker (else the next marker); page 2 when none is found."""
    pdftotext = _tool("pdftotext")
    texts = [_run([pdftotext, "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"]).stdout
             for n in range(1, page_count(pdf) + 1)]
    for marker in markers:
        for n, text in enumerate(texts, start=1):
            if marker in text.replace(" ", ""):
                return n
    return 2


def render_page(pdf: Path, page: int, target: Path, dpi: int) -> Path:
    prefix = target.with_suffix("")
    _run([_tool("pdftoppm"), "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
          str(pdf), str(prefix)])
    return prefix.with_suffix(".png")


def screenshot(html: Path, target: Path, work: Path, size: str = "1200,1600") -> Path:
    chromium = _tool(*CHROMIUM)
    profile = work / "chromium-profile"
    profile.mkdir(exist_ok=True)
    target.unlink(missing_ok=True)
    _run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
          f"--user-data-dir={profile}", f"--screenshot={target}", f"--window-size={size}",
          html.resolve().as_uri()], timeout=120)
    if not target.exists():
        raise SystemExit(f"Chromium 没有写出 {target}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成 README 中的图片 docs/images/附件2.png 和 report.png")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images", help="输出文件夹")
    parser.add_argument("--dpi", type=int, default=80, help="附件2 页面的分辨率")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="yanglao-images-") as tmp:
        work = Path(tmp)
        outputs = consolidate(work / "输出")
        pdf = to_pdf(outputs["xlsx"], work)
        page = find_page(pdf)
        f2 = render_page(pdf, page, args.out / "附件2.png", args.dpi)
        print(f"已写出 {f2}（PDF 第 {page} 页，共 {page_count(pdf)} 页）")
        report = screenshot(outputs["html"], args.out / "report.png", work)
        print(f"已写出 {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
