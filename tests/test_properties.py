"""Typed reads of stored properties: what an analysis gets from a node whatever the file held."""

import pytest

from graph.model import PropertyValue, number_prop, text_prop, texts_prop

PROPS: dict[str, PropertyValue] = {
    "name": "电机",
    "empty": "",
    "capital": 500,
    "ratio": 0.5,
    "flag": True,
    "keywords": ["电机", "马达"],
    "code": 600000,
}


@pytest.mark.parametrize(
    ("key", "text", "number", "texts"),
    [
        ("name", "电机", None, ["电机"]),
        ("empty", None, None, []),
        ("absent", None, None, []),
        ("capital", "500", 500.0, ["500"]),
        ("ratio", "0.5", 0.5, ["0.5"]),
        ("flag", "True", None, ["True"]),
        ("keywords", None, None, ["电机", "马达"]),
        ("code", "600000", 600000.0, ["600000"]),
    ],
)
def test_typed_reads(key: str, text: str | None, number: float | None, texts: list[str]) -> None:
    assert text_prop(PROPS, key) == text
    assert number_prop(PROPS, key) == number
    assert texts_prop(PROPS, key) == texts
