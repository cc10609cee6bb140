"""A story's steps as slides: one PNG per step, the step's map beside its title, date and caption, in a zip.

For a room without the app (a projector fed from a laptop that cannot run it, or slides pasted into a deck): the
map is the handout's (geo.publishing.handout.step_map), so a slide and a printed page show the same thing.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from collections.abc import Mapping

from geo.grading.rule import Grade
from geo.language.words import ENGLISH, Words
from geo.model.stories import Story
from geo.reading.dataset import Dataset

SLIDE_INCHES = (16.0, 9.0)
SLIDE_DPI = 120  # 1920 × 1080 pixels
MAP_HEIGHT_MM = 110.0
CAPTION_COLUMNS = 44  # characters to a line of the caption at its size, beside the map


def slide_png(story: Story, number: int, dataset: Dataset, grades: Mapping[str, Grade], words: Words) -> bytes:
    """One step as a 16:9 PNG: its map on the left, what to say on the right, in the reader's language."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # matplotlib: only when a slide is drawn
    from matplotlib.figure import Figure
    from PIL import Image

    from geo.publishing.handout import step_map

    step = story.steps[number - 1]
    said = step.words_in(words.language)
    picture = Image.open(io.BytesIO(step_map(step, dataset, grades, MAP_HEIGHT_MM)))
    figure = Figure(figsize=SLIDE_INCHES, dpi=SLIDE_DPI)
    FigureCanvasAgg(figure)
    figure.patch.set_facecolor("#111111")
    on_map = figure.add_axes((0.01, 0.02, 0.62, 0.96))
    on_map.imshow(picture)
    on_map.set_axis_off()
    text = figure.add_axes((0.65, 0.02, 0.34, 0.96))
    text.set_axis_off()
    heading = words.gettext("Step {number} of {steps}", number=number, steps=len(story.steps))
    text.text(0, 0.98, heading, color="#ffd166", fontsize=15, va="top")
    text.text(0, 0.92, "\n".join(textwrap.wrap(said.title, 26)), color="#ffd166", fontsize=26, va="top", weight="bold")
    text.text(0, 0.78, words.date(step.as_of, "long"), color="#ffffff", fontsize=17, va="top")
    text.text(
        0,
        0.71,
        "\n".join(textwrap.wrap(said.caption, CAPTION_COLUMNS)),
        color="#ffffff",
        fontsize=15.5,
        va="top",
        linespacing=1.4,
    )
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor=figure.get_facecolor())
    return out.getvalue()


def story_slides(story: Story, dataset: Dataset, grades: Mapping[str, Grade], words: Words = ENGLISH) -> bytes:
    """Every step's slide, named by its number, in one zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # PNGs are compressed already
        for number in range(1, len(story.steps) + 1):
            archive.writestr(f"{story.id}-step-{number:02d}.png", slide_png(story, number, dataset, grades, words))
    return out.getvalue()
