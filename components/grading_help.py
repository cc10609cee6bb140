"""In-app help: the two grading scales and the rule, in plain words for viewers and briefers."""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

from geo.language.languages import DEFAULT, Language
from geo.language.scales import confidence_name, status_name
from geo.language.words import Words
from geo.model.confidence import CREDIBILITY, LIKELIHOOD, RELIABILITY, ConfidenceLevel, Status
from geo.paths import DOCS_DIR

GRADING_DOC = DOCS_DIR / "grading.md"
RULE_HEADING = "## The rule in plain words"


@functools.cache
def rule_in_plain_words(language: Language = DEFAULT) -> str:
    """The rule as docs/grading.md states it: the app and the document say the same, from one text. In Ukrainian
    and Russian, its translation beside it (docs/grading_rule.<language>.md), point for point."""
    if language is not DEFAULT:
        return rule_translation(language).read_text(encoding="utf-8").strip()
    text = GRADING_DOC.read_text(encoding="utf-8")
    section = text.split(RULE_HEADING, 1)[1]
    return section.split("\n## ", 1)[0].strip()


def rule_translation(language: Language) -> Path:
    return DOCS_DIR / f"grading_rule.{language.value}.md"


def grading_help(words: Words) -> None:
    """A folded explanation under the map: what A–F, 1–6, High/Moderate/Low and the terms mean. The scales'
    own words come from geo.model.confidence and are said through `words`, so they read translated wherever
    their catalogue has them."""
    with st.expander(words.gettext("How sure are we? The grading scales and the rule"), icon=":material/help:"):
        reliability, credibility = st.columns(2)
        with reliability:
            st.markdown(
                words.gettext("**Source reliability** (NATO Admiralty code): how trustworthy the source has been")
                + "\n\n"
                + "\n".join(f"- **{code}** {words.gettext(meaning)}" for code, meaning in RELIABILITY.items())
            )
        with credibility:
            st.markdown(
                words.gettext(
                    "**Information credibility** (Admiralty code): how believable this piece of information "
                    "is, judged separately from its source"
                )
                + "\n\n"
                + "\n".join(f"- **{code}** {words.gettext(meaning)}" for code, meaning in CREDIBILITY.items())
            )
        confidence, likelihood = st.columns(2)
        with confidence:
            st.markdown(
                words.gettext("**Confidence** (US ICD 203): how much confidence the claim deserves")
                + "\n\n"
                + "\n".join(
                    f"- **{confidence_name(level, words)}**: {words.gettext(level.meaning)}"
                    for level in ConfidenceLevel
                )
            )
        with likelihood:
            st.markdown(
                words.gettext(
                    "**Likelihood** (ICD 203): how probable the claim is; always said in its own sentence, "
                    "apart from confidence"
                )
                + "\n\n"
                + "\n".join(f"- *{words.gettext(term)}*: {chance}" for term, chance in LIKELIHOOD.items())
            )
        st.markdown(
            words.gettext("**Status** of a claim against the others")
            + "\n\n"
            + "\n".join(
                f"- **{status_name(status, words).lower()}**: {words.gettext(status.meaning)}" for status in Status
            )
        )
        st.markdown(
            words.gettext(
                "**The rule**, applied the same way to every claim (nothing is typed in by hand; the full text, "
                "with where it follows the professional standards and worked examples, is docs/grading.md)"
            )
            + "\n\n"
            + rule_in_plain_words(words.language)
        )
