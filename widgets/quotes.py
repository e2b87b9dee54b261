"""Quoted figures as a learner reads them: « **42 %** — label (source : title : « quote ») ».

Every number of the course comes from ``data/seed_figures.csv`` with the exact sentence of its
source; this is how the editions print one in the text of a module.
"""

from __future__ import annotations

import pandas as pd

from widgets.french import NBSP, format_number
from widgets.loaders.sources import source_title


def french_amount(value: float, unit: str) -> str:
    """« 1,2 million de partenariats », « 42 % », « 8,5 points », « 675 000 partenariats »."""
    if unit == "%":
        return f"{format_number(value)}{NBSP}%"
    if value >= 1_000_000 and value % 100_000 == 0:
        millions = format_number(value / 1_000_000)
        word = "million" if value < 2_000_000 else "millions"
        return f"{millions} {word} de {unit}" if unit else f"{millions} {word}"
    return f"{format_number(value)} {unit}".strip()


def figure_sentence(figure_id: str, figures: pd.DataFrame) -> str:
    """Markdown: the value in bold, its label, and its source with the exact quote."""
    row = figures.loc[figure_id]
    amount = french_amount(float(row["value"]), str(row["unit"]))
    title = source_title(str(row["source_document"]))
    return (
        f"**{amount}** — {row['label_fr']} "
        f"*(source{NBSP}: {title}{NBSP}: "
        f"«{NBSP}{str(row['quote']).replace('**', '').strip()}{NBSP}»)*"
    )
