"""The shortcuts taken for speed (issue 9) must give exactly what the plain definitions give."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from yanglao_cli import reader, safety
from yanglao_cli.config import _key, _Matcher, default_config, strip_decorations
from yanglao_cli.models import Answer, F2Record, F3Record, FacilityRecord, Numbers, RiskLevel, YesNo
from yanglao_cli.normalize import clean_text, header_key
from yanglao_cli.rules.crossform import _Alike

CELLS = st.one_of(
    st.text(), st.floats(allow_nan=True), st.integers(-10**6, 10**6), st.booleans(), st.none(),
    st.dates(), st.datetimes(), st.sampled_from(["", " 1", "1 ", "\u3000是", "红\u200b", "a\nb", "①④"]),
    st.integers(0, 12000).map(float),
)


@given(row=st.lists(CELLS, max_size=12))
def test_row_texts_equal_clean_text_of_every_cell(row: list[object]) -> None:
    grid = reader.Grid("s", [list(row)])
    assert grid.row_texts(0) == [clean_text(v) for v in row]
    assert [grid.text(0, c) for c in range(len(row) + 2)] == [clean_text(v) for v in row] + ["", ""]


def test_header_texts_pass_the_first_character_gate() -> None:
    """`_rematch` skips cells whose first character no header key starts with: no header may be skipped."""
    for key in reader._ALL_KEYS:
        for text in (key, key.upper(), "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in key),
                     f"（{key}）", f"{key}（个）"):
            assert header_key(text) != key or text[0] in reader._KEY_STARTS or not text[0].isalnum(), text


def test_from_parsed_equals_a_validated_record() -> None:
    values = {"file": "a.xlsx", "sheet": "附件2", "row": 7, "columns": {"name": "B"}, "raw": {"name": "幸福院"},
              "name": "幸福院", "points": Numbers(items=(2, 7)), "level": RiskLevel.YELLOW}
    fast, slow = F2Record.from_parsed(dict(values)), F2Record(**values)
    assert fast == slow and fast.model_dump() == slow.model_dump()
    assert fast.cell("name") == "B7" and fast.cell("level") == ""
    a, b = FacilityRecord.from_parsed({}), FacilityRecord.from_parsed({})
    a.ticked[1] = Answer(value=YesNo.YES)
    assert b.ticked == {} and a.invalid is not b.invalid  # defaults made fresh for each record


def test_records_survive_pickling_between_processes() -> None:
    rec = F3Record.from_parsed({"file": "a.xlsx", "row": 5, "columns": {"name": "B", "measures": "F"},
                                "name": "幸福院", "measures": Numbers(items=(1, 11), other_text="约谈"),
                                "clue": Answer(value=YesNo.YES, detail="已通报"), "case_date": dt.date(2022, 6, 1),
                                "invalid": {"points"}})
    back = pickle.loads(pickle.dumps(rec, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == rec and type(back) is F3Record and back.cell("measures") == "F5"
    assert back.model_fields_set == set(rec.__dict__) == set(F3Record.model_fields)
    assert back.invalid == {"points"}
    # records without invalid fields share one empty set after the crossing, equal to the set they had
    clean = [pickle.loads(pickle.dumps(F3Record.from_parsed({"name": n}))) for n in ("甲", "乙")]
    assert clean[0].invalid == set() and clean[0].invalid is clean[1].invalid
    assert clean[0] == F3Record.from_parsed({"name": "甲"})
    from yanglao_cli.models import _rebuild

    partial = _rebuild(F3Record, {"name": "丙"})  # fewer fields than the class has: the rest get defaults
    assert partial == F3Record.from_parsed({"name": "丙"}) and set(partial.__dict__) == set(F3Record.model_fields)


def test_a_sheets_records_cross_packed_and_come_back_equal() -> None:
    """A form's records cross as one class, their field names once and each record's values (models.pack_rows);
    a list of records that are not all alike crosses one by one. Either way they come back equal, typed, with
    every field set, and those without invalid fields sharing one empty set."""
    from yanglao_cli.models import F2Record, Footer, pack_rows
    from yanglao_cli.results import FormResult

    recs = [F2Record.from_parsed({"file": "a.xlsx", "sheet": "附件2", "row": 5 + i, "columns": {"name": "B"},
                                  "name": f"幸福院{i}", "points": Numbers(items=(1, 3, 15), other_text="无证"),
                                  "level": RiskLevel.RED, "invalid": {"level"} if i == 1 else set(),
                                  "extra": {"联系人": "张三"} if i == 2 else {}}) for i in range(3)]
    fr = FormResult("F2", "汇龙镇", "附件2", recs, Footer(), rows_read=3, month="2022-06")
    assert pack_rows(recs) is not None
    back = pickle.loads(pickle.dumps(fr, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == fr and [type(r) for r in back.records] == [F2Record] * 3
    assert [r.cell("name") for r in back.records] == ["B5", "B6", "B7"]
    assert back.records[1].invalid == {"level"} and back.records[0].invalid is back.records[2].invalid == set()
    assert all(r.model_fields_set == set(F2Record.model_fields) for r in back.records)
    assert back.records[0].points == Numbers(items=(1, 3, 15), other_text="无证")
    assert [r.__dict__ for r in back.records] == [r.__dict__ for r in recs]
    mixed = FormResult("F3", "汇龙镇", "附件3", [recs[0], F3Record.from_parsed({"name": "乙"})], Footer(), 2)
    assert pack_rows(mixed.records) is None
    assert pickle.loads(pickle.dumps(mixed)) == mixed
    empty = FormResult("F2", "汇龙镇", "附件2", [], Footer(), 0)
    assert pickle.loads(pickle.dumps(empty)) == empty


def _sheet_zip(sheet_xml: str) -> tuple[zipfile.ZipFile, bytes]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    data = sheet_xml.encode()
    return zipfile.ZipFile(buf), data


@settings(max_examples=60)
@given(cells=st.lists(st.tuples(st.integers(1, 800), st.integers(1, 40), st.booleans(), st.integers(0, 3)),
                      min_size=1, max_size=40))
def test_fast_sheet_bounds_never_below_the_exact_scan(cells: list[tuple[int, int, bool, int]]) -> None:
    """The C-speed bounds may only overestimate: a far cell or long text can never slip through."""
    body = "".join(f'<c r="{safety._col(c)}{r}" s="1"/>' if blank else
                   f'<c r="{safety._col(c)}{r}" t="s"><v>{idx}</v></c>' for r, c, blank, idx in cells)
    xml = f"<worksheet><sheetData><row>{body}</row></sheetData></worksheet>"
    _, data = _sheet_zip(xml)
    lengths = [5, 50, 500, 5000]
    fast = safety._fast_scan(data, max(lengths))
    exact = safety._scan_sheet(iter((data,)), lengths)
    if fast is None:
        return  # the exact scan is used
    assert fast.max_row >= exact.max_row and fast.max_col >= exact.max_col
    assert fast.values >= exact.values and fast.text >= exact.text and fast.formulas == exact.formulas


def test_fast_sheet_bounds_refuse_namespaced_or_far_cells() -> None:
    assert safety._fast_scan(b'<x:c r="A1"><x:v>1</x:v></x:c>', 0) is None
    assert safety._fast_scan(b'<c r="AAA1"><v>1</v></c>', 0) is None
    assert safety._fast_scan(b'<c r="A1000"><v>1</v></c>', 0) is None
    assert safety._fast_scan(b"<c><v>1</v></c>", 0) is None  # position from order: exact scan


@given(text=st.text(alphabet="启东市汇龙镇南阳吕四港人民政府民政办ab12_ ", max_size=30))
def test_unit_substring_search_equals_the_plain_loop(text: str) -> None:
    cfg = default_config()
    m = _Matcher(cfg)
    key = _key(text)
    if not key or key in m.exact or strip_decorations(key) in m.exact:
        return
    plain = next((name for k, name in m.full if k and k in key), None)
    got = m.match(text).name
    if plain is not None:
        assert got == plain


def test_unit_checks_run_where_files_are_read_equal_those_run_at_the_end(tmp_path) -> None:
    """Units that one file speaks for have their row rules and cross-form checks run in the reading process;
    the findings must be exactly those of running them on the merged submissions. 北新镇 sends two files
    (checked at the end); 汇龙镇 and 南阳镇 one each, with a row error and cross-form mistakes."""
    from yanglao_cli import pipeline

    from .conftest import specs_for, write

    hl = specs_for("汇龙镇", 4, seed=3)
    del hl["F3"].rows[0]  # its 附件2 facility without disposal: DISPOSAL_MISSING
    hl["F2"].rows[1]["points"] = "2、7"  # and 黄 declared: LEVEL_UNDERRATED (a row rule)
    hl["F2"].rows[1]["level"] = "黄"
    ny = specs_for("南阳镇", 3, seed=4)
    ny["F3"].rows[1]["points"] = "13"  # POINTS_DIFFER
    bx = specs_for("北新镇", 3, seed=5)
    del bx["F3"].rows[0]
    write(tmp_path / "汇龙镇.xlsx", "汇龙镇", hl)
    write(tmp_path / "南阳镇.xlsx", "南阳镇", ny)
    write(tmp_path / "北新镇_附件1-2.xlsx", "北新镇", [bx["F1"], bx["F2"]])
    write(tmp_path / "北新镇_附件3-4.xlsx", "北新镇", [bx["F3"], bx["F4"]])
    files = pipeline.find_files([tmp_path])
    results = pipeline._read_all(files, default_config(), 2022, None, 1)
    subs: dict = {}
    for res in results:
        pipeline._merge(subs, res, "2022-06", default_config())
    done = {u: res.unit_checks[u] for res in results for u in res.unit_checks if subs[u].files == [res.display]}
    assert set(done) == {"汇龙镇", "南阳镇"}
    codes = {f.code.value for found in done.values() for f in found}
    assert {"DISPOSAL_MISSING", "POINTS_DIFFER", "LEVEL_UNDERRATED"} <= codes
    assert pipeline.check_all(subs.values(), done) == pipeline.check_all(subs.values())
    # 北新镇's first file alone lacks 附件3 (a set without it: every facility DISPOSAL_MISSING): that partial view
    # is not used; with both files, the one facility its 附件3 lacks is found
    alone = next(res.unit_checks["北新镇"] for res in results if res.display.endswith("附件1-2.xlsx"))
    assert sum(f.code.value == "DISPOSAL_MISSING" for f in alone) == 3 and "北新镇" not in done
    merged = [f for f in pipeline.check_all(subs.values(), done) if f.unit == "北新镇"]
    assert sum(f.code.value == "DISPOSAL_MISSING" for f in merged) == 1


def test_reports_written_beside_the_workbook_equal_those_written_after(tmp_path, monkeypatch) -> None:
    from pathlib import Path

    from yanglao_cli import service

    inbox = Path(__file__).parent.parent / "examples" / "2022-06"
    cfg = default_config()
    monkeypatch.setattr(service, "BESIDE_ROWS", 10**9)
    service.run_consolidate([inbox], tmp_path / "after", cfg, "2022-06", workers=1)
    monkeypatch.setattr(service, "BESIDE_ROWS", 0)  # a forked process writes them (where fork exists)
    service.run_consolidate([inbox], tmp_path / "beside", cfg, "2022-06", workers=1)
    after = sorted((tmp_path / "after").iterdir())
    assert len(after) == 3
    for p in after:
        assert p.read_bytes() == (tmp_path / "beside" / p.name).read_bytes(), p.name


def test_work_beside_falls_back_to_running_here_when_the_child_fails(tmp_path) -> None:
    import os

    from yanglao_cli.parallel import beside

    parent = os.getpid()
    target = tmp_path / "out.txt"

    def work(path) -> None:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        path.write_text("written here", encoding="utf-8")

    with beside(work, target):
        pass
    assert target.read_text(encoding="utf-8") == "written here"


def test_label_lines_are_skipped_but_a_header_titled_like_a_label_is_not() -> None:
    assert reader._is_label_row(["填报单位（盖章）：汇龙镇", "", "填报时间：2022-06-15"])
    assert reader._is_label_row(["", "填报人：张三", "负责人：李四"])
    assert not reader._is_label_row(["填报单位", "已经排查的养老服务机构及场所数量（家）", "已排查占比"])
    assert not reader._is_label_row(["备注", "名称"])


def test_two_row_header_with_a_unit_row_is_still_found() -> None:
    """The pair search is skipped only when a number stands under a header (data); a "%" or "（家）" under one is
    part of a two-row header."""
    from yanglao_cli.forms import F1

    heads = [c.header for c in F1.columns]
    total, checked = heads.index("辖区内应当排查的养老服务机构及场所总数（家）"), heads.index(
        "已经排查的养老服务机构及场所数量（家）")
    top = list(heads)
    top[total] = top[checked] = "排查情况"  # a group over two sub-headers
    low = list(heads)
    pct = heads.index("已排查占比（%）")
    top[pct], low[pct] = "已排查占比", "%"
    data = ["1", "汇龙镇", 10.0, 8.0, 0.8] + ["是"] * (len(heads) - 5)
    grid = reader.Grid("附件1", [top, low, data])
    found = reader.find_forms(grid)
    assert [m.form.key for m in found] == ["F1"] and found[0].data_start == 2
    assert found[0].columns["total"] == total and found[0].columns["checked"] == checked
    one_row = reader.Grid("附件1", [heads, data])
    assert reader.find_forms(one_row)[0].data_start == 1


@given(text=st.text(alphabet="ab 1\n养老院①—\u2e80\u2e81😀", max_size=50),
       width=st.sampled_from([1, 2, 4, 8, 12.5, 30]))
def test_printed_lines_equal_the_character_loop(text: str, width: float) -> None:
    """Row heights come from `writer._lines`; its fast paths must count as the plain loop over characters."""
    from yanglao_cli.writer import _lines

    total = 0
    for part in text.split("\n"):
        units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in part)
        total += max(1, -(-units // max(int(width) - 1, 1)))
    assert _lines(text, width) == min(total, 30)


def test_member_in_several_pieces_is_checked_whole_without_nesting() -> None:
    """The one-piece shortcut of `_check_member` must not lose the second piece of a longer member."""
    import pytest

    pieces = [b'<?xml version="1.0"?><worksheet>' + b" " * 100, b'<!DOCTYPE x [<!ENTITY a "b">]><sheetData/>',
              b"</worksheet>"]
    with pytest.raises(safety.Unreadable):
        safety._check_member(iter(pieces), nesting=False)
    with pytest.raises(safety.Unreadable):
        safety._check_member(iter([b"".join(pieces)]), nesting=False)
    safety._check_member(iter([pieces[0], b"<sheetData/>", pieces[2]]), nesting=False)



def test_parallel_reading_sends_the_configuration_once_per_worker_in_small_chunks(monkeypatch) -> None:
    """Sent with every chunk, the configuration was unpickled and its unit matcher rebuilt per chunk (2 s of CPU
    at 2,000 units), which forced chunks so large that one core idled for a second at the end."""
    from pathlib import Path

    from yanglao_cli import parallel

    seen: dict[str, object] = {}

    class InProcess:  # the pool's contract, without processes: what crosses to a worker is pickled
        def __init__(self, max_workers, initializer, initargs) -> None:
            seen["initargs"] = initargs
            initializer(*pickle.loads(pickle.dumps(initargs)))

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            return None

        def shutdown(self, wait: bool = True) -> None:
            return None

        def map(self, fn, jobs, chunksize):
            jobs = list(jobs)
            seen["jobs"], seen["chunksize"] = jobs, chunksize
            return [fn(pickle.loads(pickle.dumps(j))) for j in jobs]

    class Result:
        def __init__(self, display, unit, year, rules) -> None:
            self.display, self.unit, self.year, self.rules = display, unit, year, rules

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", InProcess)
    monkeypatch.setattr("yanglao_cli.pipeline.load_file",
                        lambda path, display, config, year, rules: Result(display, config.reporting_unit, year, rules))
    files = [(Path(f"/收件/{i}.xlsx"), f"{i}.xlsx") for i in range(2000)]
    import signal

    saved = signal.getsignal(signal.SIGINT)
    try:
        out = parallel.read_parallel(files, default_config(), 2022, None, 2, rules=False)
    finally:
        signal.signal(signal.SIGINT, saved)  # (the worker's initializer ran here: it ignores Ctrl-C)
    assert [r.display for r in out] == [d for _, d in files]
    assert {(r.unit, r.year, r.rules) for r in out} == {("启东市民政局", 2022, False)}
    assert all(job == f for job, f in zip(seen["jobs"], files, strict=True))  # no configuration in a job
    assert seen["chunksize"] <= parallel.CHUNK_FILES


def _plain_candidates(form_key: str, key: str) -> tuple[str, ...]:
    """reader._candidates as first written: every column's every key, exact, contained, then near (≥ 0.8)."""
    import difflib

    from yanglao_cli.forms import BY_KEY

    if not key or len(key) > 60:
        return ()
    cols = BY_KEY[form_key].columns
    keys = {c.field: reader._KEYS[(form_key, c.field)] for c in cols}
    exact = [c.field for c in cols if key in keys[c.field]]
    if reader._QUALIFIED.search(key):  # another figure (上月…): only a header the form itself knows
        return tuple(exact)
    contained = [c.field for c in cols if c.field not in exact and any(
        len(k) >= 4 and (k in key or (len(key) >= 4 and key in k)) for k in keys[c.field])]
    near = [(-difflib.SequenceMatcher(None, key, k).ratio(), c.field) for c in cols
            if c.field not in exact and c.field not in contained for k in keys[c.field]
            if len(k) >= 3 and difflib.SequenceMatcher(None, key, k).ratio() >= 0.8]
    found = exact + contained + [f for _, f in sorted(near)]
    if form_key == "FAC" and (point := reader.point_by_number(key)):  # (its own tests: test_classify)
        rest = key[reader._NUMBERED_POINT.match(key).end():]
        facts = [c.field for c in cols if rest in keys[c.field] and not c.field.startswith("p")]
        found = facts + [point] + [f for f in found if f != point and f not in facts]
    if form_key == "FAC" and reader._PERSON_ONLY.fullmatch(key):  # (法定代表人: a person, no point)
        found = [f for f in found if not (f[0] == "p" and f[1:].isdigit())]
    if form_key == "FAC" and len(key) <= 16 and (point := reader.point_by_words(key)) and point not in found:
        found = [*found, point]  # (a point in a clerk's short words, last: test_classify)
    found = [f for f in found if f != "name" or not reader._NOT_THE_FACILITY.match(key)]
    if "name" in found and "name" not in exact and (tail := next(
            (c.field for c in cols if c.field != "name" and any(len(k) >= 2 and key.endswith(k) for k in keys[c.field])),
            None)) is not None:  # (the column a header ends with: 养老机构及场所类别)
        found = [tail] + [f for f in found if f not in (tail, "name")]
    if "total" in found and form_key == "F1" and reader._CHECKED.search(key):  # (已排查机构总数: those checked)
        found = [f for f in found if f != "total"]
    return tuple(found)


_HEADER_KEYS = sorted(reader._ALL_KEYS)


@settings(max_examples=400, deadline=None)
@given(base=st.sampled_from(_HEADER_KEYS), edits=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 60),
                                                                   st.sampled_from(sorted(set("".join(_HEADER_KEYS))))),
                                                         max_size=3),
       tail=st.sampled_from(["", "（家）", "名称", "情况说明", "1"]))
def test_header_candidates_equal_the_plain_definition(base: str, edits: list[tuple[int, int, str]],
                                                      tail: str) -> None:
    """The index that rules out most cell texts before any character is counted (a 75-sheet workbook with no
    form took 6 s in header matching, 2 s with it) finds what trying every key finds, in the same order."""
    from yanglao_cli.forms import ALL_FORMS

    text = list(base)
    for op, at, ch in edits:  # a header typed a little differently: a character changed, added or left out
        at = at % (len(text) + 1)
        if op == 0 and at < len(text):
            text[at] = ch
        elif op == 1:
            text.insert(at, ch)
        elif at < len(text):
            del text[at]
    key = "".join(text) + tail
    for form in ALL_FORMS:
        assert reader._candidates(form.key, key) == _plain_candidates(form.key, key), (form.key, key)


@settings(max_examples=300)
@given(st.lists(st.text(alphabet="松鹤福寿康", max_size=5), max_size=12), st.text(alphabet="松鹤福寿康", max_size=6))
def test_renamed_facilities_index_equals_comparing_every_pair(names: list[str], name: str) -> None:
    # _renamed asks whether exactly one name of a list is alike a name (one begins with the other, both two
    # characters or more); the index answers as comparing every pair did, without its time at 10,000 rows
    def alike(a: str, b: str) -> bool:
        return len(a) >= 2 and len(b) >= 2 and (a.startswith(b) or b.startswith(a))

    every = [i for i, n in enumerate(names) if alike(n, name)]
    found = _Alike(names).of(name)
    assert (len(found) == 1) == (len(every) == 1)
    assert set(found) <= set(every)
    if len(every) == 1:
        assert found == every
