"""Benchmarks (python -m bench). Separate from the tests; tests never assert timings."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def samples(fn: Callable[[], object], runs: int, warmup: int = 3) -> list[float]:
    """Milliseconds of `runs` calls after `warmup` unmeasured ones, sorted."""
    for _ in range(warmup):
        fn()
    found = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        found.append((time.perf_counter() - t0) * 1000)
    return sorted(found)


def median_p95(found: list[float]) -> tuple[float, float]:
    """(median, p95) of sorted samples."""
    return statistics.median(found), found[min(len(found) - 1, int(round(0.95 * (len(found) - 1))))]


def timed(fn: Callable[[], object], runs: int, warmup: int = 3) -> tuple[float, float]:
    """(median, p95) in milliseconds."""
    return median_p95(samples(fn, runs, warmup))
