"""Themes engine: group short entries into labelled themes, from text or from your own vectors.

>>> import partnerkit as pk
>>> t = pk.themes.aggregate(["more staff", "staffing shortages", "limited funding",
...                          "money for programs", "not enough personnel", "funding cuts"])
>>> sorted(th.label.split(", ")[0] for th in t.themes)
['funding', 'staff']

Every entry is in one theme or in ``unassigned``; ``assignments[i]`` is the theme index of entry
i (-1 when unassigned). Partial aggregates (``PartialAggregate``) normalize partitions in
parallel, serialize (``to_bytes``/``to_dict``, pickle), merge, and ``finish`` to the themes of
one run. The algorithms are in the C++ library; this module adds pandas and notebook display.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ._core import (
    Lexicon,
    PartialAggregate,
    Theme,
    Themes,
    aggregate_themes,
    english_stop_words,
    fold_text,
    normalize_terms,
    stem_word,
    tokenize_text,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Lexicon",
    "PartialAggregate",
    "Theme",
    "Themes",
    "aggregate",
    "aggregate_themes",
    "english_stop_words",
    "fold",
    "fold_text",
    "normalize_terms",
    "stem",
    "stem_word",
    "terms",
    "tokenize",
    "tokenize_text",
]


def aggregate(texts: Any, themes: int | None = None, vectors: Any = None, **options: Any) -> Themes:
    """Themes of `texts` (exactly `themes` of them if given; `vectors`: one embedding row per text).

    Other keyword options: lexicon, stem, stop_words, neighbors, resolution, min_size,
    label_words, seed, threads (see ``aggregate_themes``).
    """
    return aggregate_themes(texts, themes=themes, vectors=vectors, **options)


fold = fold_text
tokenize = tokenize_text
stem = stem_word
terms = normalize_terms


def _themes_to_pandas(self: Themes, texts: Any = None) -> pandas.DataFrame:
    """One row per theme: label, count, keywords, representative (and its text when given)."""
    import pandas

    rows = []
    for i, t in enumerate(self.themes):
        row: dict[str, Any] = {
            "theme": i,
            "label": t.label,
            "count": t.count,
            "keywords": ", ".join(t.keywords),
            "representative": t.representative,
            "cohesion": t.cohesion,
        }
        if texts is not None:
            row["representative_text"] = texts[t.representative]
        rows.append(row)
    return pandas.DataFrame(rows, columns=None if rows else ["theme", "label", "count", "keywords", "representative", "cohesion"])


def _themes_repr_html(self: Themes) -> str:
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(t.label)}</td><td>{t.count}</td><td>{escape(', '.join(t.keywords))}</td></tr>"
        for i, t in enumerate(self.themes)
    )
    return (
        f"<p>{len(self.themes)} themes, {len(self.assignments)} entries, {len(self.unassigned)} unassigned</p>"
        "<table><thead><tr><th>#</th><th>label</th><th>entries</th><th>keywords</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


Themes.to_pandas = _themes_to_pandas  # type: ignore[attr-defined]
Themes._repr_html_ = _themes_repr_html  # type: ignore[attr-defined]
