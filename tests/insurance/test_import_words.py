"""Stored words with a count or an amount read in the reader's language and plural form, long after they were stored."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext_noop, ngettext

from talentbridge.core.models import TaskProgress, stored, stored_plural, stored_text
from talentbridge.core.tasks import progress_start, progress_update
from talentbridge.insurance import importing
from talentbridge.insurance.awards import money_text
from talentbridge.insurance.importing.common import money, reason
from talentbridge.insurance.tasks import outcome_message

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hans", "zh-hant"]


def _rows_checked(n: int):
    return stored_plural(lambda k: ngettext("%(n)s row checked.", "%(n)s rows checked.", k), n, n=n)


@pytest.mark.parametrize(("count", "said"), [(1, "1 row checked."), (2, "2 rows checked."), (0, "0 rows checked.")])
def test_a_stored_count_takes_its_plural_form_when_read(count, said) -> None:
    with translation.override("zh-hans"):  # the run's language is not the reader's
        message = _rows_checked(count)
    with translation.override("en"):
        assert stored_text(message) == said
    with translation.override("zh-hant"):
        assert stored_text(message) == f"已檢查 {count} 行。"


@pytest.mark.parametrize("count", [1, 5])
def test_a_progress_record_keeps_the_plural_and_its_count(count) -> None:
    progress = progress_start(label=stored(gettext_noop("Contribution import: %(name)s"), name="m.csv"))
    progress_update(progress.pk, message=_rows_checked(count))
    progress = TaskProgress.objects.get(pk=progress.pk)
    with translation.override("en"):
        assert progress.message_shown == (f"{count} row checked." if count == 1 else f"{count} rows checked.")
        assert progress.label_shown == "Contribution import: m.csv"
    with translation.override("zh-hans"):
        assert progress.message_shown == f"已检查 {count} 行。"


def test_a_progress_record_stored_before_still_reads() -> None:
    progress = TaskProgress.objects.create(
        label="Contribution import: %(name)s", label_params={"name": "old.csv"}, message="Started."
    )
    with translation.override("zh-hans"):
        assert "old.csv" in progress.label_shown and "Contribution import" not in progress.label_shown
        assert progress.message_shown != "Started."


@pytest.mark.parametrize(
    ("counts", "said"),
    [
        ((1, 1, 1), "1 row recorded, 1 already recorded, 1 rejected."),
        ((2, 0, 3), "2 rows recorded, 0 already recorded, 3 rejected."),
    ],
)
def test_the_outcome_of_an_import_counts_in_words(counts, said) -> None:
    progress = progress_start(label="Started.")
    progress_update(progress.pk, message=outcome_message(*counts))
    progress = TaskProgress.objects.get(pk=progress.pk)
    with translation.override("en"):
        assert progress.message_shown == said
    with translation.override("zh-hant"):
        assert progress.message_shown == f"已記錄 {counts[0]} 行，{counts[1]} 行此前已記錄，{counts[2]} 行被拒。"


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_amount_in_a_reason_reads_as_money_text_does(language) -> None:
    stored_reason = reason(
        gettext_noop("The monthly wage must be between %(low)s and %(high)s (60%%–300%% of the average wage)."),
        low=money(Decimal("4680.00")),
        high=money(Decimal("1234567.5")),
    )
    with translation.override(language):
        said = stored_text(stored_reason)
        assert money_text(Decimal("4680.00")) in said
        assert money_text(Decimal("1234567.5")) in said
        assert stored_text(money(Decimal("1234567.5"))) == money_text(Decimal("1234567.5"))


def test_a_file_of_too_many_rows_is_refused_in_the_readers_plural(settings, tmp_path) -> None:
    settings.INSURANCE_IMPORT_MAX_ROWS = 1
    path = tmp_path / "c.csv"
    path.write_text("person_email\na\nb\n")
    with translation.override("zh-hans"), pytest.raises(importing.FileFormatError) as refused:
        importing.file_check(path, "csv")
    with translation.override("en"):
        assert stored_text(refused.value.reason) == "The file has more than 1 row: split it into smaller files."
    settings.INSURANCE_IMPORT_MAX_ROWS = 1000
    path.write_text("person_email\n" + "a\n" * 1001)
    with pytest.raises(importing.FileFormatError) as refused:
        importing.file_check(path, "csv")
    with translation.override("en"):
        assert str(refused.value) == "The file has more than 1,000 rows: split it into smaller files."
