"""Static PNG images of Plotly figures, drawn by kaleido with the server's Chromium."""

from __future__ import annotations

import threading

import plotly.graph_objects as go

UNAVAILABLE_TEXT = "PNG tidak tersedia: Chromium tidak terpasang di server"

# kaleido's sync server answers through one shared queue: one caller at a time.
_LOCK = threading.Lock()


class ImageUnavailable(RuntimeError):
    """No Chromium-based browser on this machine, so no image can be drawn."""


def chromium_available() -> bool:
    """Whether kaleido can find a Chromium-based browser (Debian's /usr/bin/chromium on PATH)."""
    from choreographer.browsers.chromium import Chromium

    try:
        return Chromium.find_browser(skip_local=False) is not None
    except Exception:  # noqa: BLE001 - a broken lookup means the same as no browser
        return False


def _ensure_server() -> None:
    """One long-lived kaleido browser: the first image costs ~2 s, the next ~0.1 s."""
    import kaleido

    kaleido.start_sync_server(mathjax=False, silence_warnings=True)


def png_bytes(figure: go.Figure, width: int, height: int, scale: float = 2) -> bytes:
    """The figure as a PNG of ``width`` × ``height`` CSS pixels (× ``scale`` real pixels)."""
    if not chromium_available():
        raise ImageUnavailable(UNAVAILABLE_TEXT)
    import kaleido

    with _LOCK:
        _ensure_server()
        return kaleido.calc_fig_sync(figure.to_dict(), opts=dict(format="png", width=width, height=height,
                                                                 scale=scale))
