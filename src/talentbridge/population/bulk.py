"""Write polars frames into model tables fast: COPY on PostgreSQL, large executemany batches on SQLite."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
from django.db import connection, models

COPY_CHUNK_ROWS = 250_000
SQLITE_CHUNK_ROWS = 50_000


def reserve_ids(model: type[models.Model], count: int) -> int:
    """Reserve `count` consecutive primary keys for `model` and return the first.

    On PostgreSQL the identity sequence is advanced past the block, so concurrent ordinary
    inserts never collide with rows written with explicit ids.
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [sequence])
            first = int(cursor.fetchone()[0])
            if count > 1:
                cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
            return first
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return int(cursor.fetchone()[0]) + 1


def _constant_default(field: models.Field[Any, Any]) -> Any:
    value = field.get_default()
    if isinstance(field, models.JSONField):
        return json.dumps(value)
    return value


def complete_frame(model: type[models.Model], frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every concrete column of `model`, in table order; missing ones take their default.

    A field someone adds later with a default keeps this writer working unchanged.
    """
    columns = []
    for field in model._meta.concrete_fields:
        name = field.attname
        if name in frame.columns:
            columns.append(pl.col(name))
        elif field.primary_key and isinstance(field, models.AutoField | models.BigAutoField):
            continue  # the database numbers rows nobody else refers to
        elif field.null:
            columns.append(pl.lit(None).alias(name))
        elif field.has_default():
            columns.append(pl.lit(_constant_default(field)).alias(name))
        else:
            raise ValueError(f"{model.__name__}.{name} has no value and no default")
    return frame.select(columns)


def _copy_postgresql(table: str, frame: pl.DataFrame) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in frame.columns)
    sql = f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN WITH (FORMAT csv)"
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
        for offset in range(0, frame.height, COPY_CHUNK_ROWS):
            chunk = frame.slice(offset, COPY_CHUNK_ROWS)
            with raw.copy(sql) as copy:
                copy.write(chunk.write_csv(include_header=False, datetime_format="%Y-%m-%dT%H:%M:%S%.f%z"))


def _sqlite_ready(frame: pl.DataFrame) -> pl.DataFrame:
    """Values as Django's SQLite backend stores them: ISO text for dates and naive-UTC datetimes."""
    converted = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype == pl.Date:
            column = column.dt.strftime("%Y-%m-%d")
        elif isinstance(dtype, pl.Datetime):
            column = column.dt.convert_time_zone("UTC").dt.strftime("%Y-%m-%d %H:%M:%S%.6f")
        elif isinstance(dtype, pl.Decimal):
            column = column.cast(pl.String)
        elif dtype == pl.Boolean:
            column = column.cast(pl.Int8)
        converted.append(column.alias(name))
    return frame.select(converted)


def _insert_sqlite(table: str, frame: pl.DataFrame) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in frame.columns)
    placeholders = ", ".join(["%s"] * frame.width)
    sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})"  # noqa: S608
    ready = _sqlite_ready(frame)
    with connection.cursor() as cursor:
        for offset in range(0, ready.height, SQLITE_CHUNK_ROWS):
            cursor.executemany(sql, ready.slice(offset, SQLITE_CHUNK_ROWS).rows())


def write_frame(model: type[models.Model], frame: pl.DataFrame) -> int:
    """Insert every row of `frame` into `model`'s table (ids included); returns the row count."""
    if frame.height == 0:
        return 0
    full = complete_frame(model, frame)
    if connection.vendor == "postgresql":
        _copy_postgresql(model._meta.db_table, full)
    else:
        _insert_sqlite(model._meta.db_table, full)
    return full.height
