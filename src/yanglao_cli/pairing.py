"""Which 附件2 row of a consolidated workbook (one level down) each of its 附件3 rows belongs to: a step of reading
such a workbook, before the rules see its records (crossform.facility_id reads what it decides)."""

from __future__ import annotations

import bisect

from .models import F2Record, F3Record
from .rules.crossform import facility_key, plain_name, town_key, town_prefixes, variant_key


def pair_disposals(f2: list[F2Record], f3: list[F3Record], paired: dict[tuple[str, int], int] | None = None) -> None:
    """On a consolidated workbook, which 附件2 row each 附件3 row belongs to, so that namesakes of two townships
    are told apart. The consolidated 附件3 lists its rows in 附件2's order (a facility without a disposal left
    out, so the numbers of the two sheets need not agree): each 附件3 row takes the next 附件2 row of its name, and
    points where both have them, after the one the row before it took. Rows that do not follow that order (a sheet
    sorted by hand) take the first of that name and points not yet taken, else the first of that name not yet
    taken, else the first of that name. Sets the 附件3 row's lead_unit; a row whose name 附件2 does not list keeps
    none. Reading, not a rule: it writes its answer into the records (lead_unit, and pair_name / unlisted, which
    crossform.facility_id reads), clearing any answer of an earlier call. `paired`: (sheet, row) of an 附件3 row
    -> the 附件2 序号 its comment names (a namesake's, writer.PAIRED_NOTE), taken first where it names that facility:
    order alone cannot tell whose a namesake's row is when the other town sent none; 0 where it says 附件2 did not
    list it (no one's)."""
    for r3 in f3:
        r3.__dict__.pop("pair_name", None)
        r3.__dict__.pop("unlisted", None)
    at: dict[str, list[int]] = {}  # name -> positions on 附件2, in order
    i: int | None  # a 附件2 position; None while a 附件3 row has none
    for i, r2 in enumerate(f2):
        at.setdefault(facility_key(r2.name), []).append(i)
    taken: set[int] = set()
    late: list[tuple[F3Record, int]] = []
    after = 0  # the 附件2 position the next 附件3 row is looked for from
    by_seq = {int(s): i for i, r2 in enumerate(f2) if (s := (r2.raw.get("seq") or "").strip()).isdecimal()} \
        if paired else {}
    for r3 in f3:
        if paired and paired.get((r3.sheet, r3.row)) == 0:
            r3.__dict__["unlisted"] = True  # its comment says 附件2 did not list it: whose it is, not known
            continue
        # (a row without a name is paired with none: two townships' nameless rows were taken for one facility, an
        # 附件3 row judged by another town's orange level one level up; audit of invariants)
        positions = _own_towns(at.get(key, []), f2, r3) if (key := facility_key(r3.name)) else []
        points = set(r3.points.items)
        named = by_seq.get(paired.get((r3.sheet, r3.row), 0), -1) if paired else -1
        # (the row its comment names even where taken: a township's second disposal of one facility, said so; it
        # took a namesake's row of another town, judged at that one's level — CLUE_NOT_REPORTED one level up; audit)
        i = named if named in positions else next(
            (i for i in positions[bisect.bisect_left(positions, after):]
             if i not in taken and (not points or not f2[i].points.items or set(f2[i].points.items) == points)), None)
        if i is None:
            late.append((r3, after))
            continue
        taken.add(i)
        after = i + 1
        r3.__dict__["lead_unit"] = f2[i].lead_unit  # records are not assigned through pydantic (Row.from_parsed)
    unnamed: list[tuple[F3Record, int]] = []
    for r3, where in late:
        positions = _own_towns(at.get(key, []), f2, r3) if (key := facility_key(r3.name)) else []
        points = set(r3.points.items)
        i = next((i for i in positions if i not in taken and points and set(f2[i].points.items) == points),
                 next((i for i in positions if i not in taken), None))
        # a second disposal of a facility (DUPLICATE_FACILITY below) takes its row again — but a row numbered past
        # 附件2's is one 附件2 did not list (consolidate numbers it so): another town's namesake is not its facility
        # (paired, it gave DUPLICATE_FACILITY and CLUE_NOT_REPORTED no township had; invariant audit)
        seq = (r3.raw.get("seq") or "").strip()
        unlisted = seq.isdecimal() and int(seq) > len(f2)
        if i is None and positions and not unlisted:
            i = positions[0]
        if i is None and unlisted:
            r3.__dict__["unlisted"] = True  # whose it is the workbook does not say: no namesake's duplicate either
            continue
        if i is not None:
            taken.add(i)
            r3.__dict__["lead_unit"] = f2[i].lead_unit
        elif not positions and key:
            unnamed.append((r3, where))
    if unnamed:  # a township's 附件3 name with a remark (汇龙康乐养老院（新增）), paired there by plain name
        plain: dict[str, list[int]] = {}
        for i, r2 in enumerate(f2):
            if i not in taken:
                plain.setdefault(plain_name(r2.name, ""), []).append(i)
        variants: _Variants | None = None
        for r3, where in unnamed:
            same = [i for i in plain.get(plain_name(r3.name, ""), []) if i not in taken]
            i = _choose(same, r3, f2, where)
            if i is None and not same:  # the township's name before it on one form only (吕四港敬老院 / 吕四港镇敬老院)
                variants = variants or _Variants(f2, taken)
                i = _choose(variants.of(r3.name, taken), r3, f2, where)
            if i is not None:
                taken.add(i)
                r3.__dict__["lead_unit"] = f2[i].lead_unit
                r3.__dict__["pair_name"] = f2[i].name


def _own_towns(positions: list[int], f2: list[F2Record], r3: F3Record) -> list[int]:
    """Of the 附件2 rows of its name, those of the 附件3 row's own township where it writes one in a column of its
    own (a county's set made by hand: 区镇 | 名称 …), else all of them."""
    own = r3.__dict__.get("own_town")
    if not own or len(positions) < 2:
        return positions
    return [i for i in positions if town_key(f2[i].lead_unit or "") == own] or positions


def _choose(same: list[int], r3: F3Record, f2: list[F2Record], where: int) -> int | None:
    """Of the 附件2 rows that may be r3's: points written alike first, else any (POINTS_DIFFER then says they differ);
    of several, the one at its place in 附件2's order (the rows before it paired)."""
    points = set(r3.points.items)
    free = [i for i in same if not points or not f2[i].points.items or set(f2[i].points.items) == points] or same
    return free[0] if len(free) == 1 else next((i for i in free if i >= where), None)


class _Variants:
    """附件2's rows not yet taken by the name their township's list may write twice (variant_key: the township's name
    before it on one form only), each with its township; built once, asked per 附件3 row (a scan of every 附件2 row
    for each took 10 s at 2,000 rows; review)."""

    def __init__(self, f2: list[F2Record], taken: set[int]) -> None:
        self.rows: dict[str, list[tuple[int, str]]] = {}
        self.prefixes: dict[str, str] = {}  # how a township stands before a name -> the township
        for i, r2 in enumerate(f2):
            if i not in taken and (town := town_key(r2.lead_unit or "")):
                self.rows.setdefault(variant_key(r2.name, town), []).append((i, town))
                for p in town_prefixes(town, ()):
                    self.prefixes.setdefault(p, town)

    def of(self, name: str, taken: set[int]) -> list[int]:
        """The rows `name` may be: by its name as written, or without a township's name it begins with (that
        township's rows only)."""
        out = [i for i, _ in self.rows.get(variant_key(name, ""), ()) if i not in taken]
        key = facility_key(name)
        for n in range(2, min(len(key), 12)):
            town = self.prefixes.get(key[:n])
            if town is not None:
                out += [i for i, t in self.rows.get(variant_key(name, town), ()) if t == town and i not in taken]
        return sorted(set(out))
