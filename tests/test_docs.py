"""The generated docs (docs/findings.md, docs/cli.md) are current, and the catalogue of codes matches SPEC.md."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from yanglao_cli.findings import CATALOGUE, EXTRA_CODES, Code

ROOT = Path(__file__).resolve().parents[1]
SPEC = Path(__file__).resolve().parents[2] / "shared" / "SPEC.md"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _load_gen_docs():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_docs = _load_gen_docs()
STALE = "已过期：运行 python scripts/gen_docs.py 重新生成后提交"


@pytest.fixture(scope="module")
def generated() -> dict[Path, str]:
    return gen_docs.generate()


def test_findings_md_is_current(generated: dict[Path, str]) -> None:
    path = gen_docs.FINDINGS_MD
    assert path.exists(), STALE
    assert path.read_text(encoding="utf-8") == generated[path], STALE


def test_cli_md_is_current(generated: dict[Path, str]) -> None:
    path = gen_docs.CLI_MD
    assert path.exists(), STALE
    assert path.read_text(encoding="utf-8") == generated[path], STALE


def test_generation_is_stable(generated: dict[Path, str]) -> None:
    assert gen_docs.generate() == generated


def test_check_flag_exits_1_when_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    findings, cli = tmp_path / "findings.md", tmp_path / "cli.md"
    findings.write_text("甲\n", encoding="utf-8")
    cli.write_text("乙\n手工改动\n", encoding="utf-8")
    monkeypatch.setattr(gen_docs, "ROOT", tmp_path)
    monkeypatch.setattr(gen_docs, "generate", lambda: {findings: "甲\n", cli: "乙\n"})
    assert gen_docs.main(["--check"]) == 1
    assert cli.read_text(encoding="utf-8") == "乙\n手工改动\n"  # --check never writes
    assert gen_docs.main([]) == 0
    assert cli.read_text(encoding="utf-8") == "乙\n"
    assert gen_docs.main(["--check"]) == 0


def _spec_codes() -> dict[str, str]:
    if not SPEC.exists():
        pytest.skip(f"{SPEC} 不存在")
    rows = re.findall(r"^\|\s*([A-Z][A-Z_]+)\s*\|\s*(error|warning|info)\s*\|", SPEC.read_text(encoding="utf-8"),
                      flags=re.M)
    assert len(rows) >= 30, "SPEC.md 的校验问题代码表未能解析"
    return dict(rows)


def _doc_codes() -> dict[str, str]:
    """Code → severity from the table at the top of docs/findings.md."""
    text = gen_docs.FINDINGS_MD.read_text(encoding="utf-8")
    rows = re.findall(r"^\|\s*\[?([A-Z][A-Z_]+)\]?(?:\([^)]*\))?\s*\|[^|]*?[（(](error|warning|info)[)）]", text,
                      flags=re.M)
    return dict(rows)


def test_findings_md_lists_every_spec_code_with_its_severity() -> None:
    spec, docs = _spec_codes(), _doc_codes()
    assert sorted(set(spec) - set(docs)) == [], "SPEC 中的代码未出现在 docs/findings.md"
    assert {c: docs[c] for c in spec} == spec
    text = gen_docs.FINDINGS_MD.read_text(encoding="utf-8")
    for code in spec:
        assert f"\n## {code}\n" in text


def test_catalogue_matches_spec() -> None:
    spec = _spec_codes()
    assert {c.value: i.severity.value for c, i in CATALOGUE.items() if c not in EXTRA_CODES} == spec


@pytest.mark.parametrize("code", list(Code), ids=str)
def test_catalogue_row_is_complete(code: Code) -> None:
    info = CATALOGUE[code]
    for field in ("title", "template", "clause", "fix", "wrong", "right"):
        value = getattr(info, field)
        assert value.strip(), f"{code} 缺少 {field}"
        if field != "template":
            assert CJK.search(value) or field in ("wrong", "right"), f"{code}.{field} 不含中文"
    assert CJK.search(info.wrong + info.right), code
    assert info.wrong != info.right, code


def test_docs_show_examples_and_fix_of_every_code() -> None:
    text = gen_docs.FINDINGS_MD.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## ([A-Z_]+)\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S))
    assert set(sections) == {c.value for c in Code}
    for code, body in sections.items():
        info = CATALOGUE[Code(code)]
        for label, value in (("如何修改", info.fix), ("依据", info.clause), ("错误示例", info.wrong),
                             ("正确示例", info.right)):
            assert f"**{label}**：{value}" in body, (code, label)


def test_cli_md_has_every_command_and_option() -> None:
    import typer.main

    from yanglao_cli.cli.app import app

    text = gen_docs.CLI_MD.read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    for name, cmd in root.commands.items():
        assert f"\n## yanglao {name}\n" in text
        section = text.split(f"\n## yanglao {name}\n", 1)[1].split("\n## ", 1)[0]
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in section, (name, opt)


def test_cli_md_has_no_trailing_spaces_or_colour_codes() -> None:
    text = gen_docs.CLI_MD.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert not [line for line in text.splitlines() if line != line.rstrip()]
