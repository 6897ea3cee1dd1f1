"""A chart's caption names its sources legibly, whatever the script of their names."""

from __future__ import annotations

import pytest

import guizhou_bigdata as gb

pytest.importorskip("matplotlib")


@pytest.fixture
def agg() -> None:
    import matplotlib

    matplotlib.use("Agg")


def test_the_caption_names_every_source_in_characters_the_fonts_draw(
    agg: None, recwarn: pytest.WarningsRecorder
) -> None:
    """Guizhou's GDP draws on Chinese pages: no source may come out as empty boxes."""
    from matplotlib import font_manager, ft2font

    series = gb.metrics.gdp.series("guizhou")
    ax = series.plot()
    (caption,) = [text for text in ax.texts if text.get_gid() == "caption"]
    text = caption.get_text()
    glyphs = ft2font.FT2Font(font_manager.findfont(font_manager.FontProperties())).get_charmap()
    assert all(ord(char) in glyphs or char.isspace() for char in text), text
    sources = {c.source.id: c.source for fact in series for c in fact.citations}
    assert len(sources) > 1
    for source in sources.values():
        named = f"{source.publisher or source.title}, {source.published}"
        assert named in text or f"{source.id}, {source.published}" in text
    ax.figure.canvas.draw()
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


def test_an_axis_in_a_chinese_scale_word_is_labelled_legibly(agg: None) -> None:
    from matplotlib import font_manager, ft2font

    ax = gb.metrics.gdp.series("guizhou").plot()
    label = ax.get_ylabel()
    glyphs = ft2font.FT2Font(font_manager.findfont(font_manager.FontProperties())).get_charmap()
    if all(ord(char) in glyphs for char in "亿"):
        assert label == "亿 yuan"
    else:
        assert label == "10^8 yuan"
