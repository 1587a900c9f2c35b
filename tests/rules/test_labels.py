"""The kernel's presenter: references become citations, codes become labels, values read plainly."""

from __future__ import annotations

import pytest

from talentbridge.rules import labels


@pytest.mark.parametrize(
    ("reference", "title", "provisional"),
    [
        (
            "Guangdong HRSS annual notice of the pension calculation base. Values are placeholders of the right "
            "order of magnitude [unverified]; replace with the published figures.",
            "Guangdong HRSS annual notice of the pension calculation base.",
            True,
        ),
        (
            "Qianhai measures for HK/Macao construction professionals, 14 professional types, revised 2023-06-27 "
            "[src: arb.org.hk]; that this profession is among the 14 types [unverified].",
            "Qianhai measures for HK/Macao construction professionals, 14 professional types, revised 2023-06-27 "
            "(arb.org.hk)",
            True,
        ),
        ("State Council Guofa [2005] No. 38 [src].", "State Council Guofa [2005] No. 38.", False),
        ("Shared DOMAIN.md, section 1: cross-border professional practice", "", False),
        ("Nansha local measures [unverified]", "Nansha local measures.", True),
        (
            "NIA announcement [src: NIA announcement reposts; hk01]. GD-DHURD used until listed [unverified].",
            "NIA announcement (NIA announcement reposts; hk01).",
            True,
        ),
        (None, "", False),
    ],
)
def test_a_reference_becomes_a_citation_without_markers_or_notes(reference, title, provisional) -> None:
    cited = labels.source(reference)
    assert (cited["title"], cited["provisional"], cited["url"]) == (title, provisional, None)


def test_a_reference_with_a_link_keeps_it_as_the_citations_url() -> None:
    cited = labels.source("Guangdong Health Commission notice https://wsjkw.gd.gov.cn/a/b.html [src].")
    assert cited == {
        "title": "Guangdong Health Commission notice.",
        "url": "https://wsjkw.gd.gov.cn/a/b.html",
        "provisional": False,
    }


def test_provisional_is_said_in_plain_words_in_three_languages() -> None:
    reference = "Guangdong HRSS annual notice [unverified]"
    assert labels.source_text(reference, "en") == (
        "Guangdong HRSS annual notice. (provisional — not yet confirmed by an official notice)"
    )
    assert labels.source_text(reference, "zh_hans").endswith("(暂定——尚未经官方通告确认)")
    assert labels.source_text(reference, "zh_hant").endswith("(暫定——尚未經官方通告確認)")


@pytest.mark.parametrize(
    ("value", "language", "shown"),
    [
        (True, "en", "yes"),
        (False, "zh_hant", "否"),
        ("examination_licence", "en", "Examination-based licence"),
        ("hong_kong", "zh_hans", "香港特别行政区"),
        ("nine_cities", "zh_hant", "內地九市"),
        (2.0, "en", "2"),
        (None, "en", "no rule"),
        ([1, 2], "en", "1, 2"),
    ],
)
def test_values_read_plainly(value, language, shown) -> None:
    assert labels.show(value, language) == shown


def test_every_category_code_of_the_kernel_has_a_label_in_three_languages() -> None:
    from talentbridge.rules.categories import ENUMS

    for enum in ENUMS.values():
        for code in enum.__members__:
            label = labels.code_label(code)
            assert set(label) == set(labels.LANGUAGES) and all(label.values()), code


def test_a_share_reads_as_a_percentage_and_needs_no_unit_after_it() -> None:
    assert labels.show(0.6, "en", unit="/1") == "60%"
    assert labels.show(3, "zh_hans", unit="/1") == "300%"
    assert labels.show(0.08, "en", unit="/1") == "8%"
    assert not labels.unit_needed(0.6, "/1")
    assert labels.unit_needed(15, "year")


def test_no_unit_is_written_after_no_rule() -> None:
    # "no rule years" read as nonsense on the what-if's parameter list.
    assert not labels.unit_needed(None, "year")


def test_every_text_value_of_every_parameter_has_a_label_in_three_languages() -> None:
    from pathlib import Path

    import yaml

    from talentbridge.rules import params
    from talentbridge.rules.system import rulebook

    # Authority codes are named by reference data, which the pages pass to the presenter.
    authorities_file = Path(labels.__file__).parents[1] / "reference" / "data" / "authorities.yaml"
    authorities = {row["code"]: row for row in yaml.safe_load(authorities_file.read_text(encoding="utf-8"))}
    for leaf in params.leaves(rulebook().parameters):
        for instant in leaf.values_list:
            value = instant.value
            if isinstance(value, str) and value in authorities:
                assert all(authorities[value][language] for language in ("en", "zh_hans", "zh_hant")), value
            elif isinstance(value, str):
                label = labels.code_label(value)
                assert set(label) == set(labels.LANGUAGES) and all(label.values()), (leaf.name, value)
