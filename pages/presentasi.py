"""Presentasi: the Hari Koperasi deck on screen, one message per slide; also bare at ?mode=presentasi."""

import streamlit as st

from koperasi_data import ui

view = ui.current_view()
items = ui.deck_slides(view.dataset, view.year)
number = ui.slide_number(len(items))
if not ui.presenting():
    st.markdown(f"**Presentasi Hari Koperasi {view.year}** · [Buka layar penuh untuk proyektor]"
                f"(?mode=presentasi&tahun={view.year}&slide={number}) · ← → untuk berpindah salindia")
ui.show_slide(items[number - 1])
ui.slide_controls(number, len(items), view.dataset, view.year)
