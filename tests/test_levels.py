"""The level table (附件2 填报说明四) for every point and for combinations; expected measures by level."""

from __future__ import annotations

import pytest

from yanglao_cli.models import RiskLevel
from yanglao_cli.rules.disposal import expected_measures
from yanglao_cli.rules.levels import level_of

Y, OR, R, G = RiskLevel.YELLOW, RiskLevel.ORANGE, RiskLevel.RED, RiskLevel.GREEN


@pytest.mark.parametrize(("point", "level"), [(p, Y) for p in range(1, 6)] + [(p, OR) for p in range(6, 10)]
                         + [(p, R) for p in range(10, 15)] + [(15, G)])
def test_each_point(point: int, level: RiskLevel) -> None:
    assert level_of([point]) == level


@pytest.mark.parametrize(("points", "level"), [
    ((), G), ((2, 7), OR), ((1, 13), R), ((5, 6), OR), ((9, 14), R), ((15, 3), Y), ((1, 2, 3, 4, 5), Y),
])
def test_highest_point_wins(points: tuple[int, ...], level: RiskLevel) -> None:
    assert level_of(points) == level


def test_order() -> None:
    assert G < Y < OR < R and max([Y, R, OR]) == R


@pytest.mark.parametrize(("level", "points", "measures"), [
    (Y, [2], [1, 2]),
    (OR, [6], [3, 4]),
    (OR, [7], [3, 4, 6]),
    (OR, [9], [3, 4, 8]),
    (R, [13], []),
    (R, [11], [7]),
    (R, [10], [5, 6]),  # 6 and one of 5/9/10
    (G, [], []),
])
def test_expected_measures(level: RiskLevel, points: list[int], measures: list[int]) -> None:
    out = expected_measures(level, points)
    assert [e.measure for e in out] == measures
    assert all(e.clause.startswith("启民发〔2022〕66号") for e in out)


def test_one_of_5_9_10_is_satisfied_by_any() -> None:
    alt = next(e for e in expected_measures(R, [10]) if e.alternatives)
    assert alt.satisfied_by([9]) and alt.satisfied_by([10]) and not alt.satisfied_by([6])
