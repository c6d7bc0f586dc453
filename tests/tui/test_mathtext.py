"""Inline math in card text becomes Unicode; code and money are left alone."""

from __future__ import annotations

import pytest

from quizapp.tui.mathtext import latex_to_unicode, plain_math, render_math


@pytest.mark.parametrize(
    ("latex", "unicode"),
    [
        (r"\beta_1", "β₁"),
        (r"\hat{m}_t", "m̂ₜ"),
        (r"\theta_{t-1}", "θₜ₋₁"),
        (r"x^2", "x²"),
        (r"e^{-1}", "e⁻¹"),
        (r"W^T", "Wᵀ"),
        (r"\sqrt{\hat{v}_t}+\epsilon", "√(v̂ₜ)+ε"),
        (r"\hat{m}_t = \frac{m_t}{1-\beta_1^t}", "m̂ₜ = mₜ/(1−β₁ᵗ)"),
        (r"\sum_{i=1}^{n} w_i", "∑ᵢ₌₁ⁿ wᵢ"),
        (r"a \times b", "a × b"),
        (r"\alpha_t = \frac{1}{2}\ln\frac{1-\epsilon_t}{\epsilon_t}", "αₜ = (1/2)·ln((1−εₜ)/εₜ)"),
        # Meaning kept: norms, grouped fractions, binomials, bars, hats, roots.
        (r"\|w\|", "‖w‖"),
        (r"\lVert w\rVert_2", "‖w‖₂"),
        (r"\ln\frac{1-\epsilon}{\epsilon}", "ln((1−ε)/ε)"),
        (r"\frac{a+b}{c}d", "((a+b)/c)·d"),
        (r"2\frac{1}{3}", "2·(1/3)"),
        (r"\frac{a}{b} + c", "a/b + c"),
        (r"\binom{n}{k}", "C(n, k)"),
        (r"\overline{x}", "x\u0305"),
        (r"\hat{y}", "ŷ"),
        (r"\sqrt{x+y}", "√(x+y)"),
        (r"x_i^2", "xᵢ²"),
        # No subscript form for "w": spelled out rather than half converted.
        (r"x_{new}", "x_(new)"),
        (r"x_\theta", "x_θ"),
    ],
    ids=lambda value: value,
)
def test_latex_to_unicode(latex: str, unicode: str) -> None:
    assert latex_to_unicode(latex) == unicode


def test_inline_math_in_markdown_is_converted() -> None:
    text = r"What are Adam's default $\beta_1$ and $\beta_2$?"
    assert render_math(text) == "What are Adam's default β₁ and β₂?"


def test_converted_math_is_escaped_for_markdown() -> None:
    # A bare `*` would start emphasis in Markdown.
    assert render_math(r"the optimum $x^*$ here") == r"the optimum x\* here"


def test_money_is_not_math() -> None:
    assert render_math("It costs $5 and $10 today.") == "It costs $5 and $10 today."


def test_code_is_not_math() -> None:
    text = 'Use `$x_1$` or\n\n```python\nprint("$a_b$")\n```\n'
    assert render_math(text) == text


def test_display_math_gets_its_own_paragraph() -> None:
    assert render_math(r"so $$\beta_2$$ then") == "so \n\nβ₂\n\n then"


def test_plain_math_does_not_escape() -> None:
    assert plain_math(r"$x^*$ and $a_i$") == "x* and aᵢ"


def test_text_without_dollars_is_returned_as_is() -> None:
    assert render_math("plain *text*") == "plain *text*"


def _narrow_lines(markdown: str, width: int) -> list[str]:
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(width=width, record=True, color_system=None)
    console.print(Markdown(markdown))
    return console.export_text().splitlines()


@pytest.mark.parametrize(
    ("source", "formula"),
    [
        (r"The update is $\hat m_t = m_t / (1 - \beta_1^t)$ in Adam.", "m̂ₜ=mₜ/(1−β₁ᵗ)"),
        (r"Error is $\mathrm{Bias}^2 + \mathrm{Var} + \sigma^2$ here.", "Bias²+Var+σ²"),
        (r"Weight $\alpha = \frac{1}{2} \ln \frac{1-\epsilon}{\epsilon}$ ok.", None),
    ],
)
def test_a_narrow_render_keeps_each_formula_on_one_line(source: str, formula: str | None) -> None:
    expected = formula or latex_to_unicode(source.split("$")[1]).replace(" ", "")
    lines = _narrow_lines(render_math(source), width=len(expected) + 4)
    assert any(expected in line for line in lines), lines
    # The text around the formula did wrap: the width really was narrow.
    assert len(lines) > 1
