"""Anki's field HTML to quizapp's Markdown, with media references pointed at the copied files.

Anki fields are HTML with MathJax math (``\\(...\\)``, ``\\[...\\]``) and sound tags
(``[sound:x.mp3]``); quizapp's text is Markdown with ``$...$`` math. Underscores are not escaped,
so math such as ``$x_1$`` survives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_SRC = re.compile(
    r"""(<img\b[^>]*?\bsrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE
)
_BREAK = re.compile(r"<\s*(br|/div|/p|/li)\b[^>]*>", re.IGNORECASE)
_SOUND = re.compile(r"\[sound:([^\]]+)\]")
_INLINE_MATH = re.compile(r"\\\((.+?)\\\)", re.DOTALL)
_DISPLAY_MATH = re.compile(r"\\\[(.+?)\\\]", re.DOTALL)


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text) or _ENTITY.search(text))


#: Text holding none of these is already Markdown as it stands (most spreadsheet cells).
_PLAIN_TEXT = re.compile(r"[^<&\\\r\n\xa0]*")


def html_to_markdown(text: str, *, html: bool = True) -> str:
    """`text` as Markdown. With `html=False` the text is taken as plain and only tidied."""
    if _PLAIN_TEXT.fullmatch(text):
        return text.strip()
    if html and looks_like_html(text):
        from markdownify import markdownify

        text = markdownify(
            text,
            escape_underscores=False,
            escape_asterisks=False,
            heading_style="ATX",
            newline_style="backslash",
        )
        text = text.replace("\\\n", "\n")
    text = _DISPLAY_MATH.sub(lambda m: f"$${m.group(1)}$$", text)
    text = _INLINE_MATH.sub(lambda m: f"${m.group(1)}$", text)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\xa0", " ").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def media_references(text: str) -> list[str]:
    """File names a field refers to: `<img src=...>` and `[sound:...]`, in order."""
    names = [_src(m) for m in _SRC.finditer(text)]
    names += [m.group(1) for m in _SOUND.finditer(text)]
    return names


def rewrite_media(text: str, target: Callable[[str], str | None]) -> tuple[str, int]:
    """Point media references at their copies: `target(name)` gives the new relative path (or
    None to leave a reference alone). Sounds become Markdown links, since quizapp plays none.
    Returns the new text and the number of sound references turned into links."""
    from urllib.parse import unquote

    def image(match: re.Match[str]) -> str:
        new = target(unquote(_src(match)))
        if new is None:
            return match.group(0)
        return f'{match.group(1)}"{quote(new)}"'

    sounds = 0

    def sound(match: re.Match[str]) -> str:
        nonlocal sounds
        new = target(match.group(1))
        if new is None:
            return match.group(0)
        sounds += 1
        # Escaped so that markdownify keeps the link as written.
        return f'<a href="{quote(new)}">▶ {match.group(1)}</a>'

    text = _SRC.sub(image, text)
    text = _SOUND.sub(sound, text)
    return text, sounds


def _src(match: re.Match[str]) -> str:
    return match.group(2) or match.group(3) or match.group(4) or ""


def strip_html(text: str) -> str:
    """Plain text of a field, on one line: for typed answers, which are compared as text."""
    import html

    text = _TAG.sub("", _BREAK.sub(" ", text))
    return " ".join(html.unescape(text).split())
