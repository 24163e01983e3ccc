"""Presentasi: the Hari Koperasi deck on screen, one message per slide; also bare at ?mode=presentasi."""

import streamlit as st

from koperasi_data import ui
from koperasi_data.ui import presentation

view = ui.current_view()
items = presentation.deck_slides(view.dataset, view.year)
number = presentation.slide_number(len(items))
if not presentation.presenting():
    st.markdown(f"**Presentasi Hari Koperasi {view.year}** · [Buka layar penuh untuk proyektor]"
                f"(?mode=presentasi&tahun={view.year}&slide={number}) · ← → untuk berpindah salindia")
presentation.show_slide(items[number - 1])
presentation.slide_controls(number, len(items), view.dataset, view.year)
