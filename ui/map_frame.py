"""The chain map as the app shows it, in one place: 产业链图谱 and 产业链工作台 draw through `show_map`."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from present.layout import LayoutError, MapView, draw, legend_svg
from ui.graph_view import map_page

MAP_HEIGHT = 740  # px; taller maps scroll inside the frame, under a legend and stage headers that stay put


def show_map(view: MapView, title: str, *, coloured: bool, hits: Sequence[str] = (), show_equips: bool = False) -> str:
    """Lay out `view` with Graphviz, show it with its legend and stage headers, and return the page
    (offered for download as it is shown); a layout failure stops the page with its plain message."""
    try:
        drawing = draw(view, coloured=coloured, hits=hits, show_equips=show_equips)
        legend = legend_svg(coloured=coloured, show_equips=show_equips)
    except LayoutError as exc:
        st.error(str(exc))
        st.stop()
    height = min(MAP_HEIGHT, int(drawing.height) + 110)
    page = map_page(drawing, legend, title, searching=bool(hits), height=height)
    st.iframe(page, height=height + 4)
    return page
