"""The one pager of the core and its plugins: page numbers moved into range, pages of ids and of lists."""
from __future__ import annotations

from hypothesis import given, strategies as st

from netevents.services.pagination import Page, page_number, page_of_list


@given(page=st.integers(-10**20, 10**20), total=st.integers(0, 10**6), per_page=st.integers(1, 500))
def test_a_page_number_is_always_one_of_the_pages(page, total, per_page):
    number = page_number(page, total, per_page)
    assert 1 <= number <= Page([], 1, per_page, total).pages


def test_a_list_in_memory_pages_like_a_query():
    first, last, beyond = (page_of_list(list(range(7)), page, 3) for page in (1, 3, 99))
    assert (first.items, first.total, first.pages, first.has_next, first.has_previous) == ([0, 1, 2], 7, 3, True,
                                                                                              False)
    assert last.items == beyond.items == [6] and beyond.page == 3 and not beyond.has_next
    assert page_of_list([], 5, 3).items == [] and page_of_list([], 5, 3).page == 1
