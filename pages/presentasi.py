"""Presentasi: the Hari Koperasi deck on screen, one message per slide; also bare at ?mode=presentasi."""

import streamlit as st

from koperasi_data import ui
from koperasi_data.ui import presentation
from koperasi_data.i18n import _

view = ui.current_view()
items = presentation.deck_slides(view.dataset, view.year)
number = presentation.slide_number(len(items))
if not presentation.presenting():
    st.markdown(_("**Presentasi Hari Koperasi {0}** · [Buka layar penuh untuk proyektor]"
                  "(?mode=presentasi&tahun={1}&slide={2}) · ← → untuk berpindah salindia").format(view.year, view.year, number))
presentation.show_slide(items[number - 1], view.dataset, view.year)
presentation.slide_controls(number, len(items), view.dataset, view.year)
