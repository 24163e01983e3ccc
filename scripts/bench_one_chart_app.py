"""The yardstick of scripts/bench_pages.py: a minimal Streamlit page with one Plotly chart, a title and a caption."""

import plotly.graph_objects as go
import streamlit as st

st.title("Satu grafik")
figure = go.Figure(go.Scatter(x=[2016, 2020, 2024], y=[563, 369, 444], mode="lines+markers"))
st.plotly_chart(figure, width="stretch", theme=None)
st.caption("Sumber: Antara Jatim, 12 Juli 2016")
