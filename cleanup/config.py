"""Configuration: one frozen dataclass whose field names are the CLI flags and the
TOML keys (``--base-url`` is ``base_url``). Precedence: CLI > ``--config`` file >
``[tool.article-cleanup]`` in the nearest ``pyproject.toml`` > defaults."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

CONFIG_ERROR_TEXT = "cannot read config {path}: {detail}"


@dataclass(frozen=True)
class CleanupConfig:
    """Every option of article-cleanup.

    input_format: ``auto`` sniffs text, Markdown or HTML (CLI ``--from``).
    to: output format; None follows the input (text and Markdown in give Markdown).
    lang: BCP-47 language of the document; None detects it.
    preset: ``default``, ``minimal`` (encoding only) or ``cms``.
    enable / disable: filter names added to or removed from the preset.
    anchors: ``repair`` | ``strip`` | ``flag`` for broken links.
    base_url: site base used to rebuild or resolve links.
    stray: ``translate`` | ``flag`` | ``remove`` | ``keep`` for mixed-language leaks.
    mark: wrap flagged stray tokens in ``<mark>`` in the output.
    glossary: TOML or CSV file of term translations that always win.
    chinese: OpenCC conversion (``auto``, ``s2t``, ``t2s``, ``s2twp``, … or ``off``).
    protected_terms: terms the chinese filter never converts.
    footer: ``keep`` (lift into metadata, keep a clean footer) | ``remove`` | ``off``.
    bold_labels: bold the ``Label:`` of ``Label: text`` list items.
    max_bytes: refuse inputs larger than this (0: no limit).
    timeout: seconds one document may take (0: no limit).
    filter_options: per-filter option tables, ``{name: {option: value}}``.
    """

    input_format: str = "auto"
    to: str | None = None
    lang: str | None = None
    preset: str = "default"
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    anchors: str = "repair"
    base_url: str | None = None
    stray: str = "translate"
    mark: bool = False
    glossary: str | None = None
    chinese: str = "auto"
    protected_terms: tuple[str, ...] = ()
    footer: str = "keep"
    bold_labels: bool = False
    max_bytes: int = 50 * 1024 * 1024
    timeout: float = 0
    filter_options: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check(self)

    def replace(self, **changes: Any) -> CleanupConfig:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


_INPUT_FORMATS = ("auto", "text", "markdown", "html")
_LANG_TAG = regex.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")
_OUTPUT_FORMATS = ("text", "markdown", "html", "json", "auto")


def _check(c: CleanupConfig) -> None:
    """A wrong value is a clear ValueError here, not a traceback deep inside a filter."""
    import math

    def bad(name: str, value: Any, want: str) -> ValueError:
        return ValueError(f"option {name}: {value!r} is not {want}")

    if c.input_format not in _INPUT_FORMATS:
        raise bad("from", c.input_format, "one of " + ", ".join(_INPUT_FORMATS))
    if c.to is not None and c.to not in _OUTPUT_FORMATS:
        raise bad("to", c.to, "one of " + ", ".join(_OUTPUT_FORMATS[:-1]))
    for name in ("lang", "base_url", "glossary"):
        value = getattr(c, name)
        if value is not None and not isinstance(value, str):
            raise bad(name, value, "a string")
    if c.lang is not None and not _LANG_TAG.fullmatch(c.lang):
        raise bad("lang", c.lang, "a BCP 47 language tag such as en, zh-Hans or pt-BR")
    for name in ("input_format", "preset", "anchors", "stray", "chinese", "footer"):
        if not isinstance(getattr(c, name), str):
            raise bad(name, getattr(c, name), "a string")
    for name in ("enable", "disable", "protected_terms"):
        value = getattr(c, name)
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise bad(name, value, "a list of strings")
    if isinstance(c.max_bytes, bool) or not isinstance(c.max_bytes, int) or c.max_bytes < 0:
        raise bad("max_bytes", c.max_bytes, "a whole number of bytes >= 0 (0: no limit)")
    if isinstance(c.timeout, bool) or not isinstance(c.timeout, (int, float)) or not math.isfinite(c.timeout) \
            or c.timeout < 0 or c.timeout > 1e6:
        raise bad("timeout", c.timeout, "a number of seconds >= 0 (0: no limit)")
    if not isinstance(c.filter_options, dict) or not all(isinstance(v, dict) for v in c.filter_options.values()):
        raise bad("filters", c.filter_options, "a table of per-filter tables")


_FIELDS = {f.name: f for f in dataclasses.fields(CleanupConfig)}
_ALIASES = {"from": "input_format"}


def config_from_mapping(data: dict[str, Any], base: CleanupConfig | None = None, where: str = "config") -> CleanupConfig:
    """Build a config from a TOML table; unknown keys are an error, not a silent no-op."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = _ALIASES.get(key, key.replace("-", "_"))
        if name == "filters":
            name = "filter_options"
        if name not in _FIELDS:
            raise ValueError(f"{where}: unknown option {key!r}")
        if name in ("enable", "disable", "protected_terms") and isinstance(value, (list, tuple)):
            value = tuple(str(v) for v in value)
        values[name] = value
    return dataclasses.replace(base or CleanupConfig(), **values)


def load_config_file(path: str | Path, base: CleanupConfig | None = None) -> CleanupConfig:
    import tomllib  # here, not at import: most runs read no configuration file

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(CONFIG_ERROR_TEXT.format(path=path, detail=exc)) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("article-cleanup", {})
    elif "tool" in data and "article-cleanup" in data.get("tool", {}):
        data = data["tool"]["article-cleanup"]
    return config_from_mapping(data, base, str(path))


def find_pyproject_config(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml upward from ``start`` with a [tool.article-cleanup] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            import tomllib

            try:
                raw = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            if "article-cleanup" not in raw:
                return None  # the usual case, decided without parsing TOML
            try:
                data = tomllib.loads(raw)
            except tomllib.TOMLDecodeError as exc:
                if "[tool.article-cleanup" in raw:  # our table in a broken file: say so
                    raise ValueError(CONFIG_ERROR_TEXT.format(path=candidate, detail=exc)) from None
                return None
            return candidate if "article-cleanup" in data.get("tool", {}) else None
    return None
