"""A story's slides: one 1920×1080 PNG per step, in order, in one zip."""

from __future__ import annotations

import io
import zipfile

from PIL import Image

from geo.publishing.slides import story_slides
from geo.reading.dataset import Dataset


def test_every_step_is_a_full_hd_slide(bundled: Dataset) -> None:
    story = bundled.stories["nk-troops-kursk"]
    archive = zipfile.ZipFile(io.BytesIO(story_slides(story, bundled, bundled.grade_all())))
    names = archive.namelist()
    assert names == [f"nk-troops-kursk-step-{number:02d}.png" for number in range(1, len(story.steps) + 1)]
    for name in names:
        image = Image.open(io.BytesIO(archive.read(name)))
        assert image.format == "PNG" and image.size == (1920, 1080)
        assert len(image.getcolors(1 << 16) or range(1 << 16)) > 50  # a map and words, not a blank page
