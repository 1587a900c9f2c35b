"""The registry of official sources: every rule cites one, by its title in en, 简体 and 繁體."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from talentbridge.rules import citations, labels, params, rulebook

LATIN = re.compile(r"[A-Za-z]")


def _rule_references() -> list[tuple[str, Any]]:
    tbs = rulebook()
    found: list[tuple[str, Any]] = []
    for leaf in params.leaves(tbs.parameters):
        found.append((leaf.name, (leaf.metadata or {}).get("reference")))
    for name, variable in tbs.variables.items():
        found.append((name, variable.reference))
    return found


def test_every_parameter_and_variable_reference_cites_a_registered_source_with_three_titles() -> None:
    unregistered = []
    for name, reference in _rule_references():
        cited = labels.source(reference)
        titles = cited.get("titles") or {}
        if not all(str(titles.get(language) or "").strip() for language in labels.LANGUAGES):
            unregistered.append((name, reference))
    assert unregistered == [], "register these references' sources in rules/sources.yaml"


def test_an_unregistered_reference_has_no_titles_so_the_registry_check_fails_for_it() -> None:
    # A new rule citing a source nobody registered has no titles: the check above names it.
    assert "titles" not in labels.source("Shenzhen measures nobody has registered [src].")
    assert "titles" not in labels.source(None)


def test_every_registered_source_has_three_titles_and_chinese_titles_read_in_chinese() -> None:
    registry = citations.sources()
    assert len(registry) >= 20
    for source_id, entry in registry.items():
        assert all(entry["title"][language] for language in labels.LANGUAGES), source_id
        for language in ("zh_hans", "zh_hant"):
            assert not LATIN.search(entry["title"][language]), (source_id, language)
        assert entry["title"]["zh_hans"] != entry["title"]["en"]


def test_no_two_sources_claim_the_same_words() -> None:
    seen: dict[str, str] = {}
    for source_id, entry in citations.sources().items():
        for prefix in entry["prefixes"]:
            assert prefix not in seen, (prefix, source_id, seen.get(prefix))
            seen[prefix] = source_id


def test_the_work_injury_regulation_has_its_official_chinese_names() -> None:
    cited = labels.source(
        "Regulation on Work-Related Injury Insurance (State Council, 2010 revision, in force 2011-01-01) [src]."
    )
    assert (
        cited["title"]
        == "Regulation on Work-Related Injury Insurance (State Council, 2010 revision, in force 2011-01-01)."
    )
    assert cited["titles"] == {
        "en": "Regulation on Work-Related Injury Insurance (State Council, 2010 revision)",
        "zh_hans": "《工伤保险条例》（2010年修订）",
        "zh_hant": "《工傷保險條例》（2010年修訂）",
    }


def test_an_article_number_is_kept_in_every_language() -> None:
    reference = rulebook().variables["work_injury_one_off_subsidy"].reference
    titles = labels.source(reference)["titles"]
    assert titles["en"].endswith(", Art. 35-37")
    assert titles["zh_hans"] == "《工伤保险条例》（2010年修订）第35-37条"
    assert titles["zh_hant"] == "《工傷保險條例》（2010年修訂）第35-37條"
    assert labels.source("Guangdong Unemployment Insurance Regulations, Art. 17")["titles"]["zh_hant"] == (
        "《廣東省失業保險條例》第17條"
    )


def test_an_article_of_another_text_in_the_same_reference_is_not_given_to_the_source() -> None:
    reference = (
        "Guangdong DHURD interim guidelines, effective 1 Jan 2021 (record filing); EU European Professional Card "
        "model for tacit recognition (Directive 2005/36/EC Art. 4d) [unverified for Guangdong]"
    )
    titles = labels.source(reference)["titles"]
    assert titles == citations.sources()["construction_professionals_measures"]["title"]
    assert "4d" not in titles["zh_hans"]


def test_the_longest_match_wins_the_hetao_route_is_its_own_source() -> None:
    base = "National Immigration Administration announcement, talent endorsement (in force 20 Feb 2023)"
    hetao = base + "; Hetao Shenzhen Park staff from 5 Nov 2025, after filing with the park's management"
    assert labels.source(base)["titles"]["zh_hans"].startswith("国家移民管理局公告")
    assert "河套" not in labels.source(base)["titles"]["zh_hans"]
    assert "河套深港科技创新合作区" in labels.source(hetao)["titles"]["zh_hans"]


def test_source_text_and_source_title_use_the_languages_title() -> None:
    reference = "State Council Guofa [2005] No. 38 [src]."
    assert labels.source_text(reference, "en") == "State Council Guofa [2005] No. 38."
    assert (
        labels.source_text(reference, "zh_hans")
        == "《国务院关于完善企业职工基本养老保险制度的决定》（国发〔2005〕38号）"
    )
    assert (
        labels.source_title(reference, "zh_hant")
        == "《國務院關於完善企業職工基本養老保險制度的決定》（國發〔2005〕38號）"
    )
    provisional = "Guangdong HRSS annual notice of the pension calculation base [unverified]."
    assert labels.source_text(provisional, "zh_hant") == (
        "廣東省人力資源和社會保障廳基本養老金計發基數年度通知 (暫定——尚未經官方通告確認)"
    )


def test_a_reference_that_is_only_a_note_reads_by_its_registered_english_title() -> None:
    reference = "Shared DOMAIN.md, section 1: cross-border professional practice"
    assert labels.source(reference)["title"] == ""  # the note itself is not shown
    assert labels.source_title(reference, "en") == citations.sources()["cross_border_practice_measures"]["title"]["en"]
    assert "DOMAIN" not in labels.source_text(reference, "zh_hans")


def test_an_unregistered_reference_reads_in_its_english_text() -> None:
    reference = "Guangdong Health Commission notice https://wsjkw.gd.gov.cn/a/b.html [src]."
    assert labels.source_title(reference, "zh_hans") == "Guangdong Health Commission notice."


def test_a_registered_link_is_the_citations_link_unless_the_reference_has_its_own() -> None:
    scheme = citations.sources()["youth_employment_scheme"]["url"]
    assert scheme and labels.source("HK Labour Department, GBA Youth Employment Scheme")["url"] == scheme
    own = labels.source("HK Labour Department, GBA Youth Employment Scheme https://www.labour.gov.hk/x.html")
    assert own["url"] == "https://www.labour.gov.hk/x.html"


def test_a_semicolon_in_brackets_does_not_cut_the_title() -> None:
    reference = (
        "Guangdong Unemployment Insurance Regulations (in force 2002-10-01; revised 2013, in force 2014-07-01), "
        "Art. 17 [src]: at least one year of contributions. The same condition under the 2002 text [unverified]."
    )
    assert labels.source(reference)["title"] == (
        "Guangdong Unemployment Insurance Regulations (in force 2002-10-01; revised 2013, in force 2014-07-01), "
        "Art. 17: at least one year of contributions."
    )
    assert labels.source(reference)["titles"]["zh_hans"] == "《广东省失业保险条例》第17条"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{title: {en: A, zh_hans: 甲}, match: [A]}", "no title in zh_hant"),
        ("{title: {en: A, zh_hans: 甲, zh_hant: 甲}}", "no `match` or `pattern`"),
        ("{title: {en: A, zh_hans: 甲, zh_hant: 甲}, match: [A], note: x}", "unknown keys"),
    ],
)
def test_a_registry_entry_without_three_titles_or_a_match_is_refused(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(f"sources:\n  broken: {entry}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        citations.load_sources(path)
