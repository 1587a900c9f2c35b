"""Fill one authority's review queue with synthetic practice-registration cases, for load tests."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
from django.db import transaction

from talentbridge.accounts.models import User
from talentbridge.casework.models import Application, AuditEvent, Decision, InfoRequest, Verification
from talentbridge.core import clock
from talentbridge.core.businessdays import add_business_days
from talentbridge.population.bulk import reserve_ids, write_frame
from talentbridge.population.cases import CaseContext, cases_generate
from talentbridge.population.generate import DEFAULT_AS_OF, staff_create, tables_analyze
from talentbridge.population.models import PopulationRun
from talentbridge.population.persons import BATCH_SIZE, batch_rng
from talentbridge.reference.models import Authority
from talentbridge.reference.selectors import work_calendar_for
from talentbridge.vocabulary import NO_PROFESSIONAL_TITLE

QUEUE_STREAM = 7


def _applicants(start: int, count: int) -> pl.DataFrame:
    """HK structural engineers registered with the Engineers Registration Board."""
    numbers = np.arange(start, start + count, dtype=np.int64)
    return pl.DataFrame(
        {
            "number": numbers,
            "residence": "HK",
            "professional_title": NO_PROFESSIONAL_TITLE,
            "work_city": "shenzhen",
            "profession": "structural_engineer",
            "issuing_body": "HK-ERB",
            "licence_number": pl.Series(numbers).cast(pl.String).str.pad_start(6, "0").str.pad_start(7, "-"),
            "years_of_practice": (numbers % 25) + 3,
            "employer_name": pl.Series([None] * count, dtype=pl.String),
        }
    ).with_columns(licence_number=pl.concat_str([pl.lit("HK-ERB"), pl.col("licence_number")]))


def review_queue_fill(*, authority_code: str, cases: int, seed: int = 1, as_of: dt.date = DEFAULT_AS_OF) -> int:
    """Add `cases` practice-registration cases, in every state, to `authority_code`'s queue."""
    authority_ids = dict(Authority.objects.values_list("code", "id"))
    if authority_code not in authority_ids:
        raise ValueError(f"unknown authority {authority_code}")
    run = PopulationRun.objects.create(
        seed=seed, persons=0, applications_share=1.0, as_of=as_of, created_at=clock.now()
    )
    calendar = work_calendar_for("GD")
    context = CaseContext(
        run_id=run.pk,
        as_of=as_of,
        authority_ids=authority_ids,
        staff=staff_create(run),
        deadline_after=lambda day, days: add_business_days(day, days, calendar),
    )
    for batch, start in enumerate(range(0, cases, BATCH_SIZE)):
        count = min(BATCH_SIZE, cases - start)
        user_base, application_base = reserve_ids(User, count), reserve_ids(Application, count)
        frames = cases_generate(
            batch_rng(seed, QUEUE_STREAM, batch),
            _applicants(start, count),
            context,
            user_base,
            application_base,
            only_kind="practice_registration",
            authority_code=authority_code,
        )
        with transaction.atomic():
            write_frame(User, frames.users)
            write_frame(Application, frames.applications)
            write_frame(AuditEvent, frames.events)
            write_frame(Decision, frames.decisions)
            write_frame(InfoRequest, frames.info_requests)
            write_frame(Verification, frames.verifications)
    tables_analyze()
    run.finished_at = clock.now()
    run.save(update_fields=["finished_at"])
    return cases
