"""Per-participant rate limit for answer submissions: a token bucket kept in memory.

A phone that sends a burst (a participant tapping every option, a page stuck in a loop, a
script) must not crowd out the rest of the room. Each participant gets ``capacity`` sends, then
one more every ``period / capacity`` seconds; beyond that the server answers 429 with the time to
wait. Normal use (a dozen questions, a few changes of mind) never reaches it.

Memory only, per server process: a limit that survives a restart or is shared between processes
would need the database, for no benefit in a webinar (a restart refills every bucket, a second
process at most doubles one participant's allowance). Keys are participant ids, never IP
addresses, and idle buckets are dropped so memory stays bounded by the active participants.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """``capacity`` requests per ``period`` seconds per key, refilled continuously."""

    def __init__(
        self,
        capacity: int = 10,
        period: float = 10.0,
        *,
        max_keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity < 1 or period <= 0:
            raise ValueError("capacity must be ≥ 1 and period > 0")
        self.capacity = capacity
        self.rate = capacity / period
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str) -> float:
        """Take one token for ``key``: 0.0 if allowed, else the seconds to wait before retrying."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self.max_keys:
                    self._prune(now)
                bucket = self._buckets[key] = _Bucket(float(self.capacity), now)
            else:
                elapsed = max(0.0, now - bucket.updated)
                bucket.tokens = min(self.capacity, bucket.tokens + elapsed * self.rate)
                bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    def __len__(self) -> int:
        return len(self._buckets)

    def _prune(self, now: float) -> None:
        """Drop buckets that have refilled completely: forgetting them changes nothing."""
        full_after = self.capacity / self.rate
        for key in [k for k, b in self._buckets.items() if now - b.updated >= full_after]:
            del self._buckets[key]
        if len(self._buckets) >= self.max_keys:  # all active: drop the oldest half
            ordered = sorted(self._buckets, key=lambda k: self._buckets[k].updated)
            for key in ordered[: len(ordered) // 2]:
                del self._buckets[key]
