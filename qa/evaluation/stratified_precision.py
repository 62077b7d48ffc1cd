"""A precision estimated from judged samples of confidence strata (issue 11).

The extractor gives every statement a confidence; below 0.8 (a quotation that only follows a
paragraph about someone, reported speech whose subject is a pronoun, a role or an organisation)
the held-out samples found most of the errors. Judging each stratum separately and weighting by
its share of all statements estimates the precision of the whole with fewer rows than a simple
random sample (`scripts/heldout_statement_sample.py --rescore … --stratified`). Pure functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["LOW_CONFIDENCE", "Stratum", "StratifiedEstimate", "stratified_precision"]

# The strata's boundary: statements below it are the classes held-out samples 9-13 found
# error-prone (tests/data/statements/README.md, "Low-confidence statements of read articles").
LOW_CONFIDENCE = 0.8
# Two-sided 95 % normal quantile.
_Z95 = 1.96


@dataclass(frozen=True, kw_only=True)
class Stratum:
    """One confidence stratum: its share of all statements, and its judged rows."""

    name: str
    weight: float
    right: int
    judged: int


@dataclass(frozen=True, kw_only=True)
class StratifiedEstimate:
    """The weighted precision and its 95 % interval, with the strata it rests on."""

    precision: float
    low: float
    high: float
    strata: tuple[Stratum, ...]


def stratified_precision(strata: Sequence[Stratum]) -> StratifiedEstimate:
    """Sum of weight x stratum precision; the interval is normal with each stratum's variance
    taken at the Agresti-Coull proportion (right + 2) / (judged + 4), so that a stratum with no
    wrong row still counts its uncertainty. Weights must sum to 1 and every stratum be judged."""
    if not strata or any(s.judged <= 0 or s.weight < 0 for s in strata):
        raise ValueError("every stratum needs judged rows and a weight >= 0")
    if not math.isclose(sum(s.weight for s in strata), 1.0, abs_tol=1e-6):
        raise ValueError("stratum weights must sum to 1")
    p = min(1.0, sum(s.weight * s.right / s.judged for s in strata))  # no rounding above 1
    var = 0.0
    for s in strata:
        q = (s.right + 2) / (s.judged + 4)
        var += s.weight ** 2 * q * (1 - q) / (s.judged + 4)
    half = _Z95 * math.sqrt(var)
    return StratifiedEstimate(precision=p, low=max(0.0, p - half), high=min(1.0, p + half),
                              strata=tuple(strata))
