"""Configuration: one frozen dataclass whose field names are the CLI flags and the
TOML keys (``--base-url`` is ``base_url``). Precedence: CLI > ``--config`` file >
``[tool.article-cleanup]`` in the nearest ``pyproject.toml`` > defaults."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

    def replace(self, **changes: Any) -> CleanupConfig:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


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
                if "article-cleanup" not in raw:
                    return None  # the usual case, decided without parsing TOML
                data = tomllib.loads(raw)
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                return None
            return candidate if "article-cleanup" in data.get("tool", {}) else None
    return None
