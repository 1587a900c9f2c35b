"""The page sweep on the test client: each demo role, in each language, on every page it can reach.

The rules (what is swept, what counts as a raw code, the one documented redirect) are in
tests/sweep.py; the browser's half (no sideways scrolling at 390 px) is tests/e2e/test_page_sweep.py.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tests import sweep


@pytest.fixture(scope="module")
def demo_site(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The demo exactly as `make demo` loads it (and one what-if run), once for the module, then undone."""
    snapshots = Path(tmp_path_factory.mktemp("snapshots"))
    with django_db_blocker.unblock(), override_settings(SNAPSHOT_ROOT=snapshots), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        sweep.demo_extras()
        yield
        transaction.set_rollback(True)


def test_sweep_finds_the_pages_of_each_role_from_its_navigation(demo_site: None, db: None) -> None:
    # the reviewer's navigation leads to the queue, and the queue to the demo cases' pages
    routes = {visit.route for visit in sweep.crawl(sweep.role_client("reviewer", "en"), depth=1, per_route=2)}
    assert {"web:home", "web:review_queue", "web:verifications", "web:case_detail"} <= routes
    # the anonymous visitor's to the public pages only
    public = {visit.route for visit in sweep.crawl(sweep.role_client("anonymous", "en"), depth=0)}
    assert {"web:home", "web:pathways", "web:practice_register", "web:certificate_verify"} <= public
    assert "web:review_queue" not in public


def test_the_sweep_reads_what_a_person_reads_and_names_each_raw_code(demo_site: None, db: None) -> None:
    vocab = sweep.vocabulary()
    page = sweep.read_page(
        '<html><head><title>Case</title><style>.hong_kong{}</style></head><body data-x="nine_cities">'
        "<script>var True = 1;</script><p>Zone: shenzhen, by GD-DHURD</p><p>None</p>"
        '<input value="lump_sum"><input type="submit" value="Send to GD-DNR"><textarea>my_note</textarea><p>structural_engineer [unverified]</p>'
        "<p>Licence HK-ERB-DEMO-DRAFT, e-mail chan_tai@demo.example, see https://x.example/a_b</p>"
        "<p>Attached: (home_licence.pdf, 45 bytes)</p>"
        "<p>draft</p><p>practice.pathways.lawyer.minimum_years</p><p>See www.arb.org.hk.</p>"
        "<p>Approval revoked: the home registration was suspended.</p>"
        "<p>Rules <code>benefit_claim@1.1.0</code>, from <code>insurance.pension.calculation_base</code></p></body></html>"
    )
    english = [hit for hit, _text in sweep.offending_tokens(page.texts, "en", vocab)]
    assert english == [
        "code: GD-DHURD",
        "place code: shenzhen",
        "Python value: None",
        "code: GD-DNR",
        "internal marker: [unverified",
        "snake_case code: structural_engineer",
        "parameter path: practice.pathways.lawyer.minimum_years",
    ]
    # on a Chinese page a lone English code word is a code too; an English sentence is someone's words
    chinese = [hit for hit, _text in sweep.offending_tokens(page.texts, "zh-hant", vocab)]
    assert chinese == [*english[:6], "code or English word on a Chinese page: draft", english[6]]
    # a literal (<code>) may be an identifier, never a parameter path
    literals = [hit for hit, _text in sweep.offending_tokens(page.literals, "en", vocab, literal=True)]
    assert literals == ["parameter path: insurance.pension.calculation_base"]


def test_the_one_expected_redirect_is_an_anonymous_visitor_sent_to_sign_in(demo_site: None, db: None) -> None:
    signed_out = sweep.open_page(sweep.role_client("anonymous", "en"), "/applications/")
    assert (signed_out.status, sweep.status_problem(signed_out, anonymous=True)) == (302, None)
    # a page a signed-in person is linked to but may not open is a problem, named with its status
    forbidden = sweep.open_page(sweep.role_client("analyst", "en"), "/review/")
    assert sweep.status_problem(forbidden, anonymous=False) == f"status {forbidden.status}"
    assert forbidden.status in {403, 404}


def test_every_page_of_every_demo_role_in_every_language_reads_as_plain_words(demo_site: None, db: None) -> None:
    started = time.monotonic()
    offences, pages = sweep.sweep(sweep.role_keys())

    assert pages > 200, pages  # the sweep reached the demo's pages
    assert not offences, sweep.report(offences, pages=pages) + f"\n({time.monotonic() - started:.0f} s)"
