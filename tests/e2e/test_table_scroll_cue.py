"""In a browser at 390 px: a wide table scrolls inside its box, the box shows that it scrolls, and the first column
stays in view while the rest scrolls."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

MEASURE = """() => {
  const box = document.querySelector('main .table-scroll');
  const table = box.querySelector('table');
  const first = table.querySelector('tbody tr > :first-child');
  const second = table.querySelector('tbody tr > :nth-child(2)');
  const before = {first: first.getBoundingClientRect().left, second: second.getBoundingClientRect().left};
  box.scrollLeft = box.scrollWidth;
  const after = {first: first.getBoundingClientRect().left, second: second.getBoundingClientRect().left};
  return {
    boxScrolls: box.scrollWidth > box.clientWidth,
    tableScrolls: table.scrollWidth > table.clientWidth && getComputedStyle(table).overflowX !== 'visible',
    cue: getComputedStyle(box).backgroundImage,
    page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
    before, after,
  };
}"""


def test_a_wide_table_scrolls_in_its_box_with_a_cue_and_its_first_column_stays(new_page, screenshot):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/practice/pathways/")
    seen = page.evaluate(MEASURE)
    assert seen["page"], "the page itself scrolls sideways"
    assert seen["boxScrolls"] and not seen["tableScrolls"], seen  # the box scrolls, not the table in it
    assert "gradient" in seen["cue"]  # the shadows at the box's edges
    assert seen["after"]["first"] == pytest.approx(seen["before"]["first"], abs=1)  # the first column stays put
    assert seen["after"]["second"] < seen["before"]["second"] - 20  # while the others scroll under it
    screenshot(page, "table-scroll-390")
