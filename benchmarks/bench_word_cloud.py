"""The word cloud of a room's short answers: its cost against a bare word count, in one run.

    .venv/bin/python benchmarks/bench_word_cloud.py [--answers 10000] [--rounds 7]

The cloud (:func:`widgets.room.words.word_cloud`: NFC, elisions, stop words, case and plural
grouping, one count per answer) is computed for every change pushed to a revealed room, at most
twice a second. The baseline is what any cloud does at least: split on spaces, fold the case,
count. Answers are 4 words drawn from a French vocabulary with elisions, capitals and plurals,
all distinct or repeated (a room that writes the same few answers). Medians of ``--rounds``,
alternating baseline and cloud so both see the same load on a shared machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from widgets.room.words import word_cloud  # noqa: E402

VOCABULARY = [
    "économie",
    "Économie",
    "confiance",
    "acteurs",
    "acteur",
    "l'alliance",
    "d’acteurs",
    "de",
    "la",
    "réseau",
    "réseaux",
    "territoire",
    "proximité",
    "coopération",
    "qu'il",
    "élus",
]


def baseline(answers: list[str]) -> Counter[str]:
    return Counter(word.casefold() for answer in answers for word in answer.split())


def timed(function: Callable[[list[str]], object], answers: list[str]) -> float:
    start = time.perf_counter()
    function(answers)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    draw = random.Random(16)
    distinct = [" ".join(draw.choices(VOCABULARY, k=4)) for _ in range(options.answers)]
    repeated = [draw.choice(distinct[:50]) for _ in range(options.answers)]
    for name, answers in (("distinct", distinct), ("50 answers repeated", repeated)):
        bare, cloud = [], []
        for _ in range(options.rounds):
            bare.append(timed(baseline, answers))
            cloud.append(timed(word_cloud, answers))
        b, c = statistics.median(bare), statistics.median(cloud)
        print(
            f"{options.answers} answers, {name}: cloud {1000 * c:.0f} ms, "
            f"bare count {1000 * b:.0f} ms, ratio {c / b:.1f}"
        )


if __name__ == "__main__":
    main()
