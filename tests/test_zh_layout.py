"""The help's layout in console columns (cli/zh.py): Chinese characters are two columns wide."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from yanglao_cli.cli.zh import _NO_LINE_END, _NO_LINE_START, columns, type_label, wrap

_TEXT = st.text(alphabet=st.sampled_from(list("养老服务机构风险隐患排查，。、（）《》：abc xlsx-20 [默认：text]\n")),
                max_size=120)


def test_columns_counts_wide_characters_twice() -> None:
    assert columns("abc") == 3
    assert columns("养老") == 4
    assert columns("附件1–4（汇总）") == 4 + 3 + 8  # the en dash is narrow, full-width brackets wide


def test_a_line_never_starts_with_a_closing_mark_nor_ends_with_an_opening_one() -> None:
    lines = wrap("配置文件 yanglao.toml（默认：当前目录的 yanglao.toml，否则内置启东市配置）", 20)
    assert all(columns(line) <= 20 for line in lines), lines
    assert not any(line[0] in _NO_LINE_START for line in lines[1:]), lines
    assert not any(line[-1] in _NO_LINE_END for line in lines), lines
    assert "".join(lines).replace(" ", "") == "配置文件yanglao.toml（默认：当前目录的yanglao.toml，否则内置启东市配置）"


def test_a_bracketed_note_is_never_split() -> None:
    lines = wrap("输出格式：text（表格）或 json  [默认：text]", 22)
    assert any(line.endswith("[默认：text]") or line == "[默认：text]" for line in lines), lines


@settings(max_examples=300)
@given(text=_TEXT, width=st.integers(8, 60))
def test_wrap_keeps_every_character_in_order_within_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert len(lines) >= text.count("\n") + 1
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)  # nothing lost, nothing reordered
    for line in lines:
        words = re.findall(r"\[[^\]\n]{1,40}\]|[!-~]+", line)
        longest = max((columns(w) for w in words), default=0)
        # only a word or note wider than the console, with its marks, may run past it
        assert columns(line) <= width or longest + 4 > width, (width, line)


def test_value_labels_in_chinese_and_none_for_a_named_argument() -> None:
    assert type_label("<dir>") == "<文件夹>" and type_label("<file>") == "<文件>" and type_label("<str>") == "<文字>"
    assert type_label("<text|json>") == "<text|json>"  # the values themselves are typed as shown
    assert type_label("<list[Path]>", named=True) == ""
