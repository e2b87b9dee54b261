"""The regions the course speaks of: codes of the 13 metropolitan regions and the national rate.

Core, at the bottom: the data validator and the scoring both need them, and neither may import
the other.
"""

from __future__ import annotations

#: INSEE codes of the 13 metropolitan regions (2016 boundaries), in code order.
REGION_CODES: tuple[str, ...] = (
    "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94",
)  # fmt: skip
#: Code of the national rate (France métropolitaine), placed on the scale but never defining it.
NATIONAL_CODE = "FM"
