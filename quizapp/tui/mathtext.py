"""Inline `$...$` math in card text, turned into Unicode for the terminal (β₁, m̂ₜ, √(v̂ₜ)).

pylatexenc does the symbol work (Greek letters, accents, operators); it leaves sub- and
superscripts as ``_1`` and drops their braces (``\\theta_{t-1}`` would read ``θ_t-1``), so those
are turned into Unicode sub/superscript characters here first, falling back to ``_(t-1)`` when a
character has no small form. Code spans and fenced code blocks are left alone: a ``$`` in code is
code. The result is Markdown again, with the converted math escaped so that ``x^*`` or ``a_b``
cannot turn into emphasis.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MINUS = "\u2212"

_SUBSCRIPTS = dict(
    zip(
        "0123456789+-−=()aehijklmnoprstuvxβγρφχ",
        "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
        strict=True,
    )
)
_SUPERSCRIPTS = dict(
    zip(
        "0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡ",
        strict=True,
    )
)
#: A superscript that reads better as a plain symbol than as ``^(...)``.
_SUPERSCRIPT_WORDS = {"*": "*", "′": "′", "'": "′", "T": "ᵀ", "⊤": "ᵀ", "-1": "⁻¹", "−1": "⁻¹"}

# `$$...$$` (display) or `$...$` (inline, no space just inside the dollars, so "$5 and $10" is
# money, as in Pandoc), a code span, or a fenced code block.
_TOKEN = re.compile(
    r"(?P<fence>^(?P<ticks>```+|~~~+)[^\n]*\n.*?(?:^(?P=ticks)[ \t]*$|\Z))"
    r"|(?P<code>(?P<bt>`+).+?(?P=bt))"
    r"|(?P<display>\$\$(?P<dmath>.+?)\$\$)"
    r"|(?P<inline>(?<![\\$])\$(?P<imath>[^\s$`](?:[^$`\n]*?[^\s\\$`])?)\$(?!\d))",
    re.DOTALL | re.MULTILINE,
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


@lru_cache(maxsize=1)
def _converter() -> Any:
    # Imported on first use: pylatexenc is not needed for the home screen's first frame.
    from pylatexenc.latex2text import LatexNodes2Text

    # "based-on-source" keeps the spaces the author wrote (`a \\times b` stays `a × b`).
    return LatexNodes2Text(math_mode="text", strict_latex_spaces="based-on-source")


def _argument(source: str, start: int) -> tuple[str, int]:
    """The argument of ``_`` or ``^`` starting at `start`: a {group}, a \\command or one char."""
    if start >= len(source):
        return "", start
    if source[start] == "{":
        depth = 0
        for index in range(start, len(source)):
            if source[index] == "{":
                depth += 1
            elif source[index] == "}":
                depth -= 1
                if depth == 0:
                    return source[start + 1 : index], index + 1
        return source[start + 1 :], len(source)
    if source[start] == "\\":
        match = re.match(r"\\(?:[A-Za-z]+|.)", source[start:])
        assert match is not None  # a backslash always matches `\\.` at least
        return match.group(0), start + match.end()
    return source[start], start + 1


_FUNCTIONS = {
    "\\ln",
    "\\log",
    "\\exp",
    "\\sin",
    "\\cos",
    "\\tan",
    "\\max",
    "\\min",
    "\\arg",
    "\\det",
}
_FRACTIONS = {"\\frac", "\\dfrac", "\\tfrac"}
_BINOMIALS = {"\\binom", "\\dbinom", "\\tbinom"}
_OVERLINES = {"\\overline"}
#: \| and the Vert delimiters: a norm, ‖w‖ (pylatexenc drops \|).
_NORMS = {"\\|", "\\Vert", "\\lVert", "\\rVert"}
#: Symbols written as the course text writes them (ε, as in the solutions, for \epsilon).
_SYMBOLS = {"\\epsilon": "ε", "\\varepsilon": "ε"}


def _skip_spaces(source: str, index: int) -> int:
    while index < len(source) and source[index] == " ":
        index += 1
    return index


def _operand(argument: str) -> str:
    text = latex_to_unicode(argument)
    return f"({text})" if re.search(r"[-+−·×/ ]", text) else text


def _small(text: str, table: dict[str, str], mark: str) -> str:
    if mark == "^" and text in _SUPERSCRIPT_WORDS:
        return _SUPERSCRIPT_WORDS[text]
    if text and all(ch in table for ch in text):
        return "".join(table[ch] for ch in text)
    if len(text) == 1:
        return mark + text
    return f"{mark}({text})"


def _scripts_to_unicode(source: str) -> str:
    """Replace every ``_x``/``^{...}`` in a LaTeX fragment by Unicode small characters."""
    out: list[str] = []
    index = 0
    while index < len(source):
        ch = source[index]
        if ch == "\\" and index + 1 < len(source):
            # Keep commands whole, so the `_` of `\_` is not read as a subscript.
            match = re.match(r"\\(?:[A-Za-z]+|.)", source[index:])
            assert match is not None
            command = match.group(0)
            index += match.end()
            if command in _FRACTIONS:
                # pylatexenc writes \frac{1-a}{b} as "1-a/b"; parentheses keep the meaning.
                top, index = _argument(source, _skip_spaces(source, index))
                bottom, index = _argument(source, _skip_spaces(source, index))
                fraction = _operand(top) + "/" + _operand(bottom)
                after = _skip_spaces(source, index)
                # A fraction taken by a function, or multiplied by what follows it, is one
                # operand: ln((1−ε)/ε), ((a+b)/c)·d; bare, "ln(1−ε)/ε" would mean another thing.
                before = len(out)
                while before and out[before - 1] == " ":
                    before -= 1
                after_function = bool(before) and out[before - 1] in _FUNCTIONS
                followed = (
                    after < len(source)
                    and (source[after].isalnum() or source[after] in "\\({")
                    and not source.startswith(("\\cdot", "\\times"), after)
                )
                if after_function:
                    del out[before:]
                    fraction = f"({fraction})"
                else:
                    # 2\frac{1}{3} is 2·(1/3), not "21/3".
                    preceded = bool(before) and (
                        out[before - 1][-1:].isalnum() or out[before - 1][-1:] in ")]"
                    )
                    if preceded:
                        del out[before:]
                    if preceded or followed:
                        fraction = f"{'·' if preceded else ''}({fraction}){'·' if followed else ''}"
                out.append("{}" + fraction)
                continue
            if command in _BINOMIALS:
                top, index = _argument(source, _skip_spaces(source, index))
                bottom, index = _argument(source, _skip_spaces(source, index))
                out.append(f"{{}}C({latex_to_unicode(top)}, {latex_to_unicode(bottom)})")
                continue
            if command in _OVERLINES:
                # pylatexenc drops \overline: a combining overline on each character keeps it.
                inner, index = _argument(source, _skip_spaces(source, index))
                text = latex_to_unicode(inner)
                out.append("{}" + "".join(ch + "\u0305" for ch in text if not ch.isspace()))
                continue
            if command in _NORMS:
                # ‖w‖, not "‖ w ‖": the spaces a macro name needs are no part of the norm.
                while out and out[-1] == " ":
                    out.pop()
                out.append("{}‖")
                index = _skip_spaces(source, index)
                continue
            if command in _SYMBOLS:
                out.append("{}" + _SYMBOLS[command])
                continue
            if command in _FUNCTIONS and out and (out[-1][-1:].isalnum() or out[-1][-1:] in ")}"):
                out.append(" ")
            out.append(command)
            if command in _FUNCTIONS and index < len(source) and source[index] not in " ([{_^":
                out.append(" ")  # `\\ln\\frac..` would otherwise run into what follows: "ln1/2"
            continue
        if ch in "_^":
            argument, index = _argument(source, index + 1)
            inner = latex_to_unicode(argument).replace(" ", "")
            table = _SUBSCRIPTS if ch == "_" else _SUPERSCRIPTS
            # "{}" ends a preceding macro name: pylatexenc would read `\\thetaₜ` as one name.
            out.append("{}" + _small(inner, table, ch))
            continue
        out.append(ch)
        index += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def latex_to_unicode(source: str) -> str:
    """One math fragment (without its dollars) as plain Unicode text."""
    prepared = _scripts_to_unicode(source)
    try:
        text: str = _converter().latex_to_text(prepared)
    except Exception:  # pylatexenc is lenient, but a learner's typo must never crash a review
        return source
    # A minus sign, not a hyphen, as the exercises' solutions print it.
    return re.sub(r"[ \t]+", " ", text).strip().replace("-", MINUS)


# A space next to an operator or bracket inside a formula ("a × b", "β₁ = 0.9").
_OPERATOR_SPACE = re.compile(r" +(?=[^\w\s])|(?<=[^\w\s]) +")


def _unbreakable(text: str) -> str:
    """A formula as one unit for Rich, which wraps at every space (NBSP included).

    Spaces beside operators go ("a×b", "β₁=0.9"); a space between two words ("ln x") stays a
    no-break space, the one place Rich may still break a formula that is wider than the screen.
    """
    return _OPERATOR_SPACE.sub("", text).replace(" ", "\u00a0")


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def render_math(markdown: str) -> str:
    """Card Markdown with every inline or display math span replaced by its Unicode reading."""
    if "$" not in markdown:
        return markdown

    def replace(match: re.Match[str]) -> str:
        if match.group("fence") is not None or match.group("code") is not None:
            return match.group(0)
        if match.group("display") is not None:
            display = _unbreakable(latex_to_unicode(match.group("dmath")))
            return "\n\n" + _escape(display) + "\n\n"
        return _escape(_unbreakable(latex_to_unicode(match.group("imath"))))

    return _TOKEN.sub(replace, markdown)


def plain_math(text: str) -> str:
    """Like `render_math`, for text shown as plain text (choices, items): nothing escaped."""
    if "$" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        if match.group("display") is not None:
            return _unbreakable(latex_to_unicode(match.group("dmath")))
        if match.group("inline") is not None:
            return _unbreakable(latex_to_unicode(match.group("imath")))
        return match.group(0)

    return _TOKEN.sub(replace, text)
