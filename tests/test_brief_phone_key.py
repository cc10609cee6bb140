"""A briefing's phone key names each front layer and the ringed claims in the reader's language."""

from __future__ import annotations

import pytest

from components.briefing.key import key_rows
from geo.language.languages import Language
from geo.language.words import words_for

NAMES = {
    Language.EN: ("ISW: assessed Russian advances in Kursk", "ringed: the claims this step is about", "faded: "),
    Language.UK: ("ISW: оцінка просування РФ на Курщині", "в кільці: заяви, про які цей крок", "бліді: "),
    Language.RU: ("ISW: оценка продвижения ВС РФ на Курщине", "в кольце: заявления, о которых этот шаг", "бледные: "),
}


@pytest.mark.parametrize("language", list(NAMES))
def test_every_row_of_the_phone_key_reads_in_the_readers_language(bundled, language: Language) -> None:
    story = bundled.stories["nk-troops-kursk"]
    words = words_for(language)
    for step in story.steps:
        shown = bundled.visible_on(step.as_of)
        rows = " ".join(key_rows(step, bundled.fronts, words, shown))
        english = " ".join(key_rows(step, bundled.fronts, words_for(Language.EN), shown))
        assert "Ukrainian-held area" not in rows or language == Language.EN, step.title
        assert rows and (rows != english) == (language != Language.EN), step.title
    last = " ".join(key_rows(story.steps[-1], bundled.fronts, words, bundled.visible_on(story.steps[-1].as_of)))
    assert all(name in last for name in NAMES[language])
