"""Reading the size of a group: a desired count inside a minimum-to-maximum range."""

from __future__ import annotations

from typing import Any

from pulumi_aihw.contracts import UNKNOWN
from pulumi_aihw.rules.facts.scale import Basis, Scale
from pulumi_aihw.rules.facts.values import number

_UNKNOWN_SCALE: object = UNKNOWN


def _int(value: Any) -> int | None:
    n = number(value)
    return None if n is None else int(n)


def scale_from(
    desired: Any,
    minimum: Any,
    maximum: Any,
    *,
    unit: str = "node",
    default: Scale | None = None,
    multiplier: int = 1,
    note: str = "",
    desired_basis: str = Basis.DESIRED,
) -> Scale | object | None:
    """The group's :class:`Scale`: the desired count as the figure, else the minimum;
    :data:`UNKNOWN` when the count that decides it is unknown during preview; ``default``
    when the resource sets no size at all. ``multiplier`` scales per-zone counts;
    ``desired_basis`` names the count in messages (GKE's ``initialNodeCount`` is "initial")."""
    figure_value = desired if desired is not None else minimum
    if figure_value is UNKNOWN:
        return _UNKNOWN_SCALE
    lo, hi, figure = _int(minimum), _int(maximum), _int(figure_value)
    if figure is None and lo is None and hi is None:
        return default
    basis = desired_basis if desired is not None else Basis.MINIMUM
    if (lo is None and hi is None) or (lo == hi == figure):
        basis = Basis.FIXED
        lo = hi = figure

    def times(n: int | None) -> int | None:
        return None if n is None else n * multiplier

    return Scale(times(figure), times(lo), times(hi), basis, unit, note)


def units_of(scale: Scale | object | None) -> Any:
    """What :func:`raw_hardware` takes as ``units``: the figure, or UNKNOWN."""
    if scale is UNKNOWN:
        return UNKNOWN
    return scale.figure if isinstance(scale, Scale) else None


def as_scale(scale: Scale | object | None) -> Scale | None:
    return scale if isinstance(scale, Scale) else None
