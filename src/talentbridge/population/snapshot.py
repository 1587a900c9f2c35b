"""A Parquet snapshot of persons in the rules kernel's schema, streamed in batches.

The file has `person_id`, `residence` and one column per rules input (`SNAPSHOT_SCHEMA`), so
`talentbridge.rules.simulate.simulate` runs on it as it is. Each batch of persons is read by id
range (runs occupy contiguous id blocks), turned into rules inputs with polars and written as one
part file; polars then streams the parts into the output, so memory stays bounded by the batch
size whatever the population size. The finished file replaces the target in one rename, so a
reader never sees a half-written snapshot.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import polars as pl
from django.db.models import F, FloatField, Max, Min, QuerySet
from django.db.models.functions import Cast

from talentbridge.population.models import ContributionPeriod, Licence, Person, PopulationRun
from talentbridge.population.rules_inputs import rules_inputs
from talentbridge.rules.simulate import SNAPSHOT_COLUMNS

SNAPSHOT_BATCH = 100_000
# The snapshot file's columns: who (person id, residence), then every rules input.
SNAPSHOT_SCHEMA: dict[str, pl.DataType] = {"person_id": pl.Int64(), "residence": pl.String(), **SNAPSHOT_COLUMNS}

PERSON_SCHEMA = {
    "person_id": pl.Int64, "number": pl.Int64, "seed": pl.Int64, "as_of": pl.Date, "residence": pl.String,
    "sex": pl.String, "birth_date": pl.Date, "education": pl.String, "professional_title": pl.String,
    "work_city": pl.String, "employer_kind": pl.String, "monthly_wage": pl.Float64,
}  # fmt: skip
PERSON_FIELDS = (
    "id", "number", "run__seed", "run__as_of", "residence", "sex", "birth_date", "education", "professional_title",
    "work_city__code", "kind", "wage",
)  # fmt: skip
LICENCE_SCHEMA = {"person_id": pl.Int64, "profession": pl.String, "years": pl.Int64}
PERIOD_SCHEMA = {"person_id": pl.Int64, "scheme": pl.String, "start": pl.Date, "end": pl.Date, "wage": pl.Float64}


def _frame(rows: list[tuple[object, ...]], schema: Mapping[str, pl.DataType | type[pl.DataType]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema, orient="row")


def _people(run_id: int | None) -> QuerySet[Person]:
    return Person.objects.all() if run_id is None else Person.objects.filter(run_id=run_id)


def _persons(lo: int, hi: int, run_id: int | None) -> pl.DataFrame:
    rows = (
        _people(run_id)
        .filter(id__gte=lo, id__lt=hi)
        .order_by("id")
        .annotate(wage=Cast("monthly_wage", FloatField()), kind=F("employer__kind"))
        .values_list(*PERSON_FIELDS)
    )
    return _frame(list(rows), PERSON_SCHEMA)


def _licences(lo: int, hi: int) -> pl.DataFrame:
    rows = Licence.objects.filter(person_id__gte=lo, person_id__lt=hi).values_list(
        "person_id", "profession__code", "years_of_practice"
    )
    return _frame(list(rows), LICENCE_SCHEMA)


def _periods(lo: int, hi: int) -> pl.DataFrame:
    rows = (
        ContributionPeriod.objects.filter(person_id__gte=lo, person_id__lt=hi)
        .annotate(wage=Cast("monthly_wage", FloatField()))
        .values_list("person_id", "scheme", "start", "end", "wage")
    )
    return _frame(list(rows), PERIOD_SCHEMA)


def snapshot_batches(*, run_id: int | None = None, batch_size: int = SNAPSHOT_BATCH) -> Iterator[pl.DataFrame]:
    """The snapshot, one frame of at most `batch_size` persons at a time, in person order."""
    bounds = _people(run_id).aggregate(lo=Min("id"), hi=Max("id"))
    if bounds["lo"] is None:
        return
    for lo in range(bounds["lo"], bounds["hi"] + 1, batch_size):
        hi = lo + batch_size
        persons = _persons(lo, hi, run_id)
        if persons.height:
            yield rules_inputs(persons, _licences(lo, hi), _periods(lo, hi))


def snapshot_count(*, run_id: int | None = None) -> int:
    return _people(run_id).count()


def snapshot_write(
    path: str | Path,
    *,
    run_id: int | None = None,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = SNAPSHOT_BATCH,
) -> int:
    """Write the snapshot (of one run, or of every person) to a Parquet file; returns the row count."""
    if run_id is not None and not PopulationRun.objects.filter(pk=run_id).exists():
        raise ValueError(f"no population run {run_id}")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".snapshot-") as parts:
        for index, frame in enumerate(snapshot_batches(run_id=run_id, batch_size=batch_size)):
            frame.write_parquet(Path(parts) / f"part-{index:06d}.parquet")
            rows += frame.height
            if on_progress:
                on_progress(rows)
        finished = Path(parts) / "snapshot.parquet"
        if rows:
            pl.scan_parquet(Path(parts) / "part-*.parquet").sink_parquet(finished)
        else:
            pl.DataFrame(schema=SNAPSHOT_SCHEMA).write_parquet(finished)
        os.replace(finished, target)
    return rows
