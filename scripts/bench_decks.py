"""How long the Hari Koperasi deck takes to build: prints figures, asserts nothing.

    .venv/bin/python scripts/bench_decks.py [--tahun 2016] [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from koperasi_data import deck, images, metrics, slides  # noqa: E402
from koperasi_data.load import load_dataset  # noqa: E402


def timed(label: str, func, runs: int):
    """Run ``func`` ``runs`` times; print the first and the best time in milliseconds."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
    size = f"{len(result) / 1024:,.0f} KiB" if isinstance(result, bytes) else f"{len(result)} salindia"
    print(f"{label:<34} pertama {times[0]:8.0f} ms   terbaik {min(times):8.0f} ms   ({size})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tahun", type=int, default=2016)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    dataset = load_dataset()
    values = metrics.published_values(dataset)
    print(f"tahun {args.tahun}, {args.runs} kali; Chromium tersedia: {images.chromium_available()}")
    items = timed("slides.deck (data)", lambda: slides.deck(dataset, values, args.tahun), args.runs)
    timed("deck.pptx_bytes (grafik asli)", lambda: deck.pptx_bytes(items), args.runs)
    # The first PDF starts kaleido's browser; later ones reuse it.
    timed("deck.pdf_bytes (grafik PNG)", lambda: deck.pdf_bytes(items), args.runs)


if __name__ == "__main__":
    main()
