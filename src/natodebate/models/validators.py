"""The one place where the models check their arguments.

Each check takes the parameter's name, so the ``ValueError`` it raises says
which argument is wrong, what it was and what is allowed, written the way
the call was: ``prior=1.2: must be a probability between 0 and 1``,
``credence['K33']=2: must be a number between 0 and 1``. Scalars stay
scalars (``float``); arrays and lists become float ``numpy`` arrays, checked
element by element (the message shows the first bad element).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from math import isfinite

import numpy as np

__all__ = [
    "check_fraction",
    "check_unit_interval",
    "check_number",
    "as_float_array",
    "check_probability",
    "check_nonnegative",
    "check_positive",
    "check_at_least",
    "check_choice",
    "check_count",
    "scalar_or_array",
]


def as_float_array(name: str, value) -> np.ndarray:
    """``value`` as a float array; raises ``ValueError`` naming ``name`` for
    text, ``None`` and other values that are not numbers."""
    if isinstance(value, (str, bytes)) or value is None:
        raise ValueError(f"{name}={value!r}: must be a number")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r}: must be a number or an array of numbers") from None
    return array


def _first_bad(name: str, array: np.ndarray, bad: np.ndarray, allowed: str, given=None) -> None:
    """Raise for the first element where ``bad`` holds; a scalar is shown as given."""
    if np.any(bad):
        if array.ndim == 0:
            shown = given if isinstance(given, (int, float)) and not isinstance(given, bool) else array.item()
            raise ValueError(f"{name}={shown!r}: {allowed}")
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        where = index[0] if len(index) == 1 else index
        raise ValueError(f"{name}[{where}]={array[index].item()!r}: {allowed}")


def check_probability(name: str, value) -> np.ndarray:
    """Probabilities in [0, 1] (NaN not allowed), as a float array (0-d for a scalar)."""
    array = as_float_array(name, value)
    _first_bad(name, array, ~np.isfinite(array) | (array < 0) | (array > 1), "must be a probability between 0 and 1 (NaN not allowed)", value)
    return array


def check_nonnegative(name: str, value, unit: str = "") -> np.ndarray:
    """Finite numbers ≥ 0 (costs, gains, losses), as a float array."""
    array = as_float_array(name, value)
    what = f"must be a number ≥ 0{' (' + unit + ')' if unit else ''}; negative values and NaN are not allowed"
    _first_bad(name, array, ~np.isfinite(array) | (array < 0), what, value)
    return array


def check_positive(name: str, value, unit: str = "") -> np.ndarray:
    """Finite numbers > 0, as a float array."""
    array = as_float_array(name, value)
    what = f"must be a number > 0{' (' + unit + ')' if unit else ''}; zero, negative values and NaN are not allowed"
    _first_bad(name, array, ~np.isfinite(array) | (array <= 0), what, value)
    return array


def check_at_least(name: str, value, minimum: float, unit: str = "") -> np.ndarray:
    """Finite numbers ≥ ``minimum``, as a float array."""
    array = as_float_array(name, value)
    what = f"must be a number ≥ {minimum:g}{' (' + unit + ')' if unit else ''}; NaN is not allowed"
    _first_bad(name, array, ~np.isfinite(array) | (array < minimum), what, value)
    return array


def check_count(name: str, value, minimum: int = 1) -> int:
    """A whole number ≥ ``minimum`` (runs, periods, samples)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and isfinite(value) and float(value).is_integer():
            value = int(value)
        else:
            raise ValueError(f"{name}={value!r}: must be a whole number ≥ {minimum}")
    if value < minimum:
        raise ValueError(f"{name}={value!r}: must be a whole number ≥ {minimum}")
    return int(value)


def check_choice(name: str, value, allowed: Iterable, source: str = "") -> object:
    """``value`` if it is one of ``allowed``, else a ``ValueError`` listing
    them (and ``source``, the table they come from, when the data decide)."""
    allowed = tuple(allowed)
    try:
        known = value in allowed
    except TypeError:  # unhashable
        known = False
    if not known:
        origin = f" (the values in {source})" if source else ""
        raise ValueError(f"{name}={value!r}: expected one of {', '.join(repr(a) for a in allowed)}{origin}")
    return value


def check_fraction(name: str, value) -> float:
    """One number in [0, 1] (a probability or a weight), as a ``float``."""
    if isinstance(value, bool):
        raise ValueError(f"{name}={value!r}: must be a number between 0 and 1")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r}: must be a number between 0 and 1") from None
    if not isfinite(number) or not 0.0 <= number <= 1.0:
        raise ValueError(f"{name}={value!r}: must be a number between 0 and 1 (NaN not allowed)")
    return number


def check_unit_interval(name: str, values: Mapping[str, float], known_ids: Iterable[str]) -> dict[str, float]:
    """``{claim id: number in [0, 1]}`` (credences or importances), checked:
    unknown ids, non-numbers, NaN and values outside [0, 1] raise a
    ``ValueError`` naming the parameter, the claim and what is allowed."""
    if not isinstance(values, Mapping):
        raise ValueError(f"{name} must be a mapping of claim id -> number in [0, 1], got {type(values).__name__}")
    known = set(known_ids)
    checked = {}
    for claim_id, value in values.items():
        if claim_id not in known:
            shown = ", ".join(sorted(known)[:3]) + (" …" if len(known) > 3 else "")
            raise ValueError(f"{name}: unknown claim id {claim_id!r}; allowed ids are this map's claims ({shown})")
        checked[claim_id] = check_fraction(f"{name}[{claim_id!r}]", value)
    return checked


def check_number(name: str, value, minimum: float | None = None, maximum: float | None = None, strict_min: bool = False) -> float:
    """One finite number, optionally ≥ ``minimum`` (> with ``strict_min``)
    and ≤ ``maximum``, as a ``float``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not isfinite(value):
        raise ValueError(f"{name}={value!r}: expected a finite number")
    if minimum is not None and (value <= minimum if strict_min else value < minimum):
        relation = ">" if strict_min else ">="
        raise ValueError(f"{name}={value!r}: expected a number {relation} {minimum}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name}={value!r}: expected a number <= {maximum}")
    return float(value)


def scalar_or_array(result: np.ndarray):
    """A 0-d result as a Python ``float``, anything else unchanged."""
    result = np.asarray(result)
    return float(result) if result.ndim == 0 else result
