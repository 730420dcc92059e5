"""The chain map as the app shows it, in one place: 产业链图谱 and 产业链工作台 draw through this module."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from present.layout import LayoutError, MapView, draw, legend_svg
from ui.graph_view import map_page

MAP_HEIGHT = 740  # px; taller maps scroll inside the frame, under a legend and stage headers that stay put
T = TypeVar("T")


@dataclass(frozen=True)
class FramedMap:
    """A map laid out and put in its page, ready to show (or to keep in a cache: it is plain text)."""

    page: str
    height: int  # px of the page's frame


def framed_map(
    view: MapView, title: str, *, coloured: bool, hits: Sequence[str] = (), show_equips: bool = False
) -> FramedMap:
    """Lay out `view` with Graphviz and put it with its legend and stage headers in a page; raises LayoutError."""
    drawing = draw(view, coloured=coloured, hits=hits, show_equips=show_equips)
    legend = legend_svg(coloured=coloured, show_equips=show_equips)
    height = min(MAP_HEIGHT, int(drawing.height) + 110)
    return FramedMap(map_page(drawing, legend, title, searching=bool(hits), height=height), height)


def laid_out(make: Callable[[], T]) -> T:
    """What `make` lays out, or the layout failure's plain message and a stopped page."""
    try:
        return make()
    except LayoutError as exc:
        st.error(str(exc))
        st.stop()


def show_framed(framed: FramedMap) -> str:
    """Show a laid-out map; returns its page (offered for download as it is shown)."""
    st.iframe(framed.page, height=framed.height + 4)
    return framed.page
