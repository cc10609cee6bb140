"""In-app help: the two grading scales and the rule, in plain words for viewers and briefers."""

from __future__ import annotations

import functools

import streamlit as st

from geo.model.confidence import CREDIBILITY, LIKELIHOOD, RELIABILITY, ConfidenceLevel, Status
from geo.paths import DOCS_DIR

GRADING_DOC = DOCS_DIR / "grading.md"
RULE_HEADING = "## The rule in plain words"


@functools.cache
def rule_in_plain_words() -> str:
    """The rule as docs/grading.md states it: the app and the document say the same, from one text."""
    text = GRADING_DOC.read_text(encoding="utf-8")
    section = text.split(RULE_HEADING, 1)[1]
    return section.split("\n## ", 1)[0].strip()


def grading_help() -> None:
    """A folded explanation under the map: what A–F, 1–6, High/Moderate/Low and the terms mean."""
    with st.expander("How sure are we? The grading scales and the rule", icon=":material/help:"):
        reliability, credibility = st.columns(2)
        with reliability:
            st.markdown(
                "**Source reliability** (NATO Admiralty code): how trustworthy the source has been\n\n"
                + "\n".join(f"- **{code}** {words}" for code, words in RELIABILITY.items())
            )
        with credibility:
            st.markdown(
                "**Information credibility** (Admiralty code): how believable this piece of information "
                "is, judged separately from its source\n\n"
                + "\n".join(f"- **{code}** {words}" for code, words in CREDIBILITY.items())
            )
        confidence, likelihood = st.columns(2)
        with confidence:
            st.markdown(
                "**Confidence** (US ICD 203): how much confidence the claim deserves\n\n"
                + "\n".join(f"- **{level.value}**: {level.meaning}" for level in ConfidenceLevel)
            )
        with likelihood:
            st.markdown(
                "**Likelihood** (ICD 203): how probable the claim is; always said in its own sentence, "
                "apart from confidence\n\n" + "\n".join(f"- *{term}*: {chance}" for term, chance in LIKELIHOOD.items())
            )
        st.markdown(
            "**Status** of a claim against the others\n\n"
            + "\n".join(f"- **{status.value}**: {status.meaning}" for status in Status)
        )
        st.markdown(
            "**The rule**, applied the same way to every claim (nothing is typed in by hand; the full text, "
            "with where it follows the professional standards and worked examples, is docs/grading.md)\n\n"
            + rule_in_plain_words()
        )
