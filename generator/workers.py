"""Spread per-file work over the machine's cores (two on CI); small jobs stay in this process."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL_ITEMS = 400
"""Below this, starting processes costs more than it saves."""


def worker_count() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def map_in_workers(function: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``[function(i) for i in items]``, in worker processes when there is enough work; order is kept."""
    items = list(items)
    workers = worker_count()
    if len(items) < MIN_PARALLEL_ITEMS or workers < 2:
        return [function(item) for item in items]
    # fork: workers start with the parent's imported modules, so no start-up import cost.
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(items) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(function, items, chunksize=chunk))
