"""The per-participant token bucket, on a fake clock."""

from __future__ import annotations

import pytest

from widgets.live.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_ten_in_ten_seconds_then_wait() -> None:
    clock = Clock()
    limiter = RateLimiter(10, 10.0, clock=clock)
    assert [limiter.acquire("a") for _ in range(10)] == [0.0] * 10
    assert limiter.acquire("a") == pytest.approx(1.0)
    assert limiter.acquire("b") == 0.0  # someone else is not affected
    clock.now = 1.0
    assert limiter.acquire("a") == 0.0
    assert limiter.acquire("a") > 0


def test_a_full_bucket_does_not_grow() -> None:
    clock = Clock()
    limiter = RateLimiter(3, 3.0, clock=clock)
    clock.now = 1000.0
    assert [limiter.acquire("a") for _ in range(4)][-1] > 0


def test_memory_stays_bounded() -> None:
    clock = Clock()
    limiter = RateLimiter(2, 2.0, max_keys=100, clock=clock)
    for index in range(1000):
        clock.now = index / 10
        limiter.acquire(f"p{index}")
    assert len(limiter) <= 100


def test_invalid_settings() -> None:
    with pytest.raises(ValueError):
        RateLimiter(0, 1.0)
