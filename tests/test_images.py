"""Chart PNGs: kaleido draws them with the server's Chromium; without one the page says so."""

from __future__ import annotations

import io
import struct

import plotly.graph_objects as go
import pytest

from koperasi_data import images

needs_chromium = pytest.mark.skipif(not images.chromium_available(), reason="no Chromium for kaleido")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", io.BytesIO(data).getbuffer()[16:24])


@needs_chromium
@pytest.mark.parametrize("width,height,scale,expected", [(600, 300, 1, (600, 300)), (600, 300, 2, (1200, 600))])
def test_png_has_the_asked_size_in_pixels(width, height, scale, expected):
    figure = go.Figure(go.Bar(x=["Waru", "Pasean"], y=[12, 7]))
    assert png_size(images.png_bytes(figure, width, height, scale=scale)) == expected


def test_without_chromium_png_bytes_raises_with_the_sentence_the_page_shows(monkeypatch):
    monkeypatch.setattr(images, "chromium_available", lambda: False)
    with pytest.raises(images.ImageUnavailable, match="Chromium tidak terpasang di server"):
        images.png_bytes(go.Figure(), 100, 100)
