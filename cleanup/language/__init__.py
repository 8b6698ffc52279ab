"""A small offline language layer for the ``stray`` filter.

- :mod:`~cleanup.language.scripts`: Unicode script census and script runs;
- :mod:`~cleanup.language.homoglyphs`: Cyrillic/Greek/Latin lookalike letters;
- :mod:`~cleanup.language.english`: English word forms (clarify → clarification), verified
  against wordfreq;
- :mod:`~cleanup.language.cedict`: a compact, cached sqlite index of every CC-CEDICT entry;
- :mod:`~cleanup.language.translate`: the translator protocol, the dictionary translator and
  the user glossary.

Everything here is offline and deterministic; heavy resources load on first use.
"""
