"""In-app help: the two grading scales and the rule, in plain words for viewers and briefers."""

from __future__ import annotations

import streamlit as st

from geo.confidence import CREDIBILITY, LIKELIHOOD, RELIABILITY, ConfidenceLevel, Status

RULE_STEPS = [
    "Start from how reliable the original source is (A best, E worst; F when it cannot be judged).",
    "Claims that assert the same thing form one group (`same_as`) and share whatever agrees or disagrees "
    "with any of them.",
    "Count agreeing claims only from origins independent of it, once per origin: a state's ministries, "
    "forces, leaders and state media are one origin, and repeats of one source count once. When a party to "
    "the war describes its enemy's losses or weakness, or its own gains, agreement from its own side or its "
    "allies (declared in the data) does not count either.",
    "An independent analytic source (such as ISW) that agrees makes the claim *assessed*.",
    "A source speaking against its own side's interest is more believable; a source with a stake in the claim is less.",
    "A claim is *refuted* when its own source retracts it, or a reliable source with more independent "
    "support contradicts it; other contradictions make it *disputed*.",
    "Credibility 1 (confirmed) needs an independent source graded A or B, or two graded C or better (one "
    "for a claimant graded A or B). A claim resting only on sources graded D–F is at best *possibly true*.",
    "Confidence follows: *high* needs corroboration and a source graded A or B behind the claim; *low* "
    "comes with doubtful or refuted claims and with claims resting only on D–F sources. So low confidence "
    "never comes with *likely* or better, and each card says why for that claim.",
    "An analyst may override the result, in writing; the panel then shows both.",
]


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
            "**The rule**, applied the same way to every claim (nothing is typed in by hand)\n\n"
            + "\n".join(f"{number}. {step}" for number, step in enumerate(RULE_STEPS, start=1))
        )
