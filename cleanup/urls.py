"""URL safety: which link targets may be published.

Browsers ignore ASCII whitespace and control characters inside a scheme and match
it case-insensitively, and entities are decoded before the URL is read, so the
scheme is checked after all of that (``jav&#x09;ascript:`` is ``javascript:``)."""

from __future__ import annotations

import html

import regex

from cleanup.lazy_pattern import LazyPattern

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "ftp", "ftps"})
SAFE_IMAGE_DATA = LazyPattern(r"^data:image/(?:png|gif|jpeg|jpg|webp|avif);", regex.IGNORECASE)
_SCHEME = LazyPattern(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE = LazyPattern(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see, lower-cased, or None for a relative URL."""
    decoded = url
    for _ in range(3):  # entities may be nested (&amp;#x6A;)
        nxt = html.unescape(decoded)
        if nxt == decoded:
            break
        decoded = nxt
    cleaned = _INVISIBLE.sub("", decoded)
    m = _SCHEME.match(cleaned)
    if m:
        return m.group(1).lower()
    if ":" in cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return cleaned.split(":", 1)[0].lower() or "invalid"
    return None


def is_safe_url(url: str, *, image: bool = False) -> bool:
    """True for relative URLs and http(s)/mailto/tel/ftp; data: only for images."""
    scheme = url_scheme(url)
    if scheme is None:
        return True
    if scheme in SAFE_SCHEMES:
        return True
    return image and scheme == "data" and bool(SAFE_IMAGE_DATA.match(_INVISIBLE.sub("", html.unescape(url))))
