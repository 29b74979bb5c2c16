"""Data that travels: the tables as files for R, Stata, a spreadsheet or another program.

:func:`roll_call_table` gives the roll calls long (a row per member and
motion: ``motion, date, body, iso3, member, regional_group, vote,
vote_label``) or wide (a row per member, a column per motion);
:func:`partial_table` the votes known only from news reports, with their
confidence and source; :func:`context_table` the General Assembly context
votes (once the data wing has them); :func:`ideal_point_table` the ideal point
of each member in each GA session, a computed table fitted from the context
(not a data file, so not in :func:`all_exports`); :func:`declared_table` any
bundled table as declared in :data:`analysis.data.schema.TABLES`. :func:`write_table` writes
a frame as CSV, JSON or Parquet. The layouts are declared in
:mod:`analysis.data.exports`, so the data package descriptor describes them too.

Every export is deterministic (sorted rows, no timestamp in any file) and reads
back to the same table: a CSV export through
:func:`analysis.data.schema.read_table` with its layout, and the ``motion,
iso3, vote`` columns of a long export form a valid project-layout vote file
(:func:`analysis.read_votes`, or ``votes.csv`` of a data folder for
:func:`analysis.load_votes`). Names and codes are the API's: ISO3 codes, the
UN names of ``members.csv``, vote codes Y/N/A/X. In CSV, dates are
``YYYY-MM-DD``, yes/no columns ``yes``/``no`` (as in ``data/``) and a missing
value is an empty cell; in JSON a list of records (``null`` for missing); in
Parquet typed columns (dates as dates).
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pandas as pd

from ..data.bodies import body_of
from ..data.exports import CONTEXT, FORMATS, IDEAL_DECIMALS, IDEAL_POINTS, PARTIAL, ROLL_CALLS, wide_table
from ..data.schema import TABLES, VOTE_LABELS, Table, VoteDataError, read_table
from .terminal import json_records

if TYPE_CHECKING:
    from ..data.tables import Tables

#: The bundle attribute that holds each declared table, where the name differs (the loaders check more than
#: read_table: a roll call its roster and tally, a partial record its motion); other tables are read by read_table.
BUNDLE = {"partial_votes": "partial", "blocs": "bloc_membership", "blocs_2025": "blocs", "sc_2022_sources": "sc_sources",
          "context_votes": "context"}


@dataclass(frozen=True)
class Export:
    """One exported table: its layout (a :class:`~analysis.data.schema.Table`) and its rows."""

    table: Table
    frame: pd.DataFrame

    def file(self, fmt: str = "csv") -> str:
        """Its file name in a folder of exports, e.g. ``roll_calls.parquet``."""
        return str(Path(self.table.file).with_suffix(f".{fmt}"))


# ---------------------------------------------------------------------------------------------- tables


def _long(votes: pd.DataFrame, motions: pd.DataFrame | None, members: pd.DataFrame, layout: Table) -> pd.DataFrame:
    """``votes`` (``motion, iso3, vote`` and maybe more) with the motion's date and body and the member's name
    and group, in ``layout``'s columns, sorted by date, motion and member."""
    frame = votes.copy()
    facts = [c for c in ("date", "body") if c not in frame.columns]
    if facts and motions is not None:
        frame = frame.merge(motions[["motion"] + facts], on="motion", how="left", validate="many_to_one")
    if "date" not in frame.columns:
        frame["date"] = pd.NaT
    frame["body"] = frame["body"].fillna(frame["motion"].map(body_of)) if "body" in frame else \
        frame["motion"].map(body_of)
    people = members.set_index("iso3")
    frame["member"] = frame["iso3"].map(people["name"]).fillna(frame["iso3"])  # a former seat: its code
    frame["regional_group"] = frame["iso3"].map(people["regional_group"])
    frame["vote_label"] = frame["vote"].map(VOTE_LABELS)
    frame = frame.sort_values(["date", "motion", "iso3"], kind="stable", na_position="last")
    return frame[layout.columns].reset_index(drop=True)


def _chosen(votes: pd.DataFrame, motions: Iterable[str] | None, motion_table: pd.DataFrame | None) -> pd.DataFrame:
    """The rows of the motions picked by id in any usual spelling (a draft symbol too), or all."""
    if not motions:
        return votes
    from ..data.ids import motion_id, resolve_in

    ids = []
    for text in motions:
        try:
            ids.append(motion_id(text, motion_table) if motion_table is not None else text)
        except VoteDataError:  # not in the motions table: resolve_in names the closest recorded ids
            ids.append(text)
    return votes[votes["motion"].isin(resolve_in(votes, ids))]


def wide(long: pd.DataFrame, layout: Table = ROLL_CALLS) -> Export:
    """A long export turned wide: a row per member (sorted by code), a column per motion in date order."""
    order = list(dict.fromkeys(long["motion"]))
    people = long.drop_duplicates("iso3")[["iso3", "member", "regional_group"]].sort_values("iso3")
    votes = long.pivot(index="iso3", columns="motion", values="vote").reindex(columns=order)
    frame = people.merge(votes, left_on="iso3", right_index=True, how="left", validate="one_to_one")
    frame.columns.name = None
    return Export(wide_table(order, layout), frame.reset_index(drop=True))


def roll_call_export(tables: Tables, motions: Iterable[str] | None = None, wide_form: bool = False) -> Export:
    """The roll calls of ``tables`` as an :class:`Export` (see :func:`roll_call_table`).

    ``motions`` picks roll calls by id in any usual spelling (default: all); an id without a country-level
    record raises :class:`VoteDataError` naming the closest recorded ones. For a UN Digital Library file's
    votes, pass ``tables.replace(votes=..., motions=...)``.
    """
    long = _long(_chosen(tables.votes, motions, tables.motions), tables.motions, tables.members, ROLL_CALLS)
    return wide(long) if wide_form else Export(ROLL_CALLS, long)


def roll_call_table(tables: Tables, motions: Iterable[str] | None = None, wide: bool = False) -> pd.DataFrame:
    """The roll calls long (``motion, date, body, iso3, member, regional_group, vote, vote_label``, sorted by
    date, motion and code) or ``wide`` (``iso3, member, regional_group`` and a column of votes per motion).

    Examples:
        >>> from analysis import load_tables
        >>> long = roll_call_table(load_tables(), ["ES-11/7"])
        >>> len(long), list(long.iloc[0])[3:]
        (193, ['AFG', 'Afghanistan', 'Asia-Pacific', 'X', 'Not voting'])
    """
    return roll_call_export(tables, motions, wide).frame


def partial_table(tables: Tables, motions: Iterable[str] | None = None) -> pd.DataFrame:
    """The votes known only from news reports, long, with ``confidence`` and ``source`` (never a roll call)."""
    partial = tables.partial
    if motions:
        from ..data.ids import motion_id

        ids = {motion_id(m, tables.motions) for m in motions}
        partial = partial[partial["motion"].isin(ids)]
    return _long(partial, tables.motions, tables.members, PARTIAL)


def load_context_votes(tables: Tables) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The adapter to the data wing's GA context votes: (votes, their motions table).

    Uses the bundle's ``context`` and ``context_motions`` tables where the bundle
    has them, else ``analysis.data.context.load_context`` and
    ``load_context_motions`` of the bundle's folder. Without either: one clear
    VoteDataError.
    """
    from ..data.tables import TABLE_NAMES  # here: the bundle is the caller's (import chain kept short)

    if "context" in TABLE_NAMES and "context_motions" in TABLE_NAMES:
        return tables.context, tables.context_motions
    try:
        from ..data.context import load_context, load_context_motions
    except ImportError as exc:
        if getattr(exc, "name", None) not in (None, "analysis.data.context") and "load_context" not in str(exc):
            raise  # the module exists and is broken: say so, do not hide it
        raise VoteDataError("--context: this version has no General Assembly context votes yet "
                            "(analysis.data.context.load_context is missing)") from None
    motions = load_context_motions(data_dir=tables.folder)
    return load_context(motions=motions, data_dir=tables.folder), motions


def context_table(tables: Tables, motions: Iterable[str] | None = None, wide_form: bool = False) -> Export:
    """The General Assembly context votes, laid out as the roll calls (long or wide)."""
    votes, motion_table = load_context_votes(tables)
    long = _long(_chosen(votes, motions, motion_table), motion_table, tables.members, CONTEXT)
    return wide(long, CONTEXT) if wide_form else Export(CONTEXT, long)


def ideal_point_table(tables: Tables, ideal: pd.DataFrame | None = None) -> Export:
    """The ideal point of each member in each GA session, laid out for export (``iso3, member, regional_group,
    session, ideal, lower, upper, n_votes``, sorted by code and session, rounded to
    :data:`~analysis.data.exports.IDEAL_DECIMALS` decimals).

    A computed table, not a data file: ``ideal`` is the output of
    :func:`analysis.measures.ideal.ideal_points`; by default it is fitted here from the bundle's GA context with
    the default settings, those of notebook 09 and ``country --positions`` (about a second for the 2014-2021
    context).

    Examples:
        >>> from analysis import load_tables
        >>> from analysis.measures.ideal import ideal_points
        >>> tables = load_tables()
        >>> session76 = ideal_points(tables.context[tables.context["session"] == 76])
        >>> usa = ideal_point_table(tables, session76).frame.set_index("iso3").loc["USA"]
        >>> usa["member"], int(usa["session"]), bool(usa["lower"] < usa["ideal"] < usa["upper"] and usa["ideal"] > 0)
        ('United States of America', 76, True)
    """
    if ideal is None:
        from ..measures.ideal import ideal_points

        ideal = ideal_points(load_context_votes(tables)[0])
    people = tables.members.set_index("iso3")
    frame = ideal[["iso3", "session", "ideal", "lower", "upper", "n_votes"]].copy()
    frame["member"] = frame["iso3"].map(people["name"]).fillna(frame["iso3"])
    frame["regional_group"] = frame["iso3"].map(people["regional_group"])
    frame[["ideal", "lower", "upper"]] = frame[["ideal", "lower", "upper"]].astype(float).round(IDEAL_DECIMALS)
    frame = frame.astype({"session": "int64", "n_votes": "int64"}).sort_values(["iso3", "session"], kind="stable")
    return Export(IDEAL_POINTS, frame[IDEAL_POINTS.columns].reset_index(drop=True))


def declared_table(tables: Tables, name: str) -> Export:
    """A bundled table as its loader gives it (checked), in its declared columns and file order."""
    if name not in TABLES:
        raise VoteDataError(f"not a table of the data (tables: {', '.join(TABLES)})", value=name)
    layout = TABLES[name]
    from ..data.tables import TABLE_NAMES

    attribute = BUNDLE.get(name, name)
    if attribute in TABLE_NAMES:
        frame = getattr(tables, attribute)
    else:
        from ..data.members import member_codes

        frame = read_table(layout, data_dir=tables.folder, codes=member_codes(data_dir=tables.folder))[0]
    return Export(layout, frame[layout.columns].reset_index(drop=True))


def all_exports(tables: Tables) -> list[Export]:
    """Everything ``export`` writes: the roll calls long and wide, the partial record long, the context votes
    (where the data has them), then every declared table."""
    long = roll_call_export(tables)
    out = [long, wide(long.frame), Export(PARTIAL, partial_table(tables))]
    # the context votes come as their declared table below (one resource of that name in the descriptor)
    return out + [declared_table(tables, name) for name in TABLES]


# ---------------------------------------------------------------------------------------------- files


def _for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as YYYY-MM-DD and yes/no columns as yes/no, as in data/."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[column] = values.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_bool_dtype(values):
            out[column] = values.map({True: "yes", False: "no"})
    return out


def table_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """``frame`` as the bytes of a CSV, JSON or Parquet file (the same bytes for the same table, every time)."""
    if fmt == "csv":
        return _for_csv(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")
    if fmt == "json":
        return (json.dumps(json_records(frame), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "parquet":
        return _parquet(frame)
    raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")


def _parquet(frame: pd.DataFrame) -> bytes:
    """Typed columns, dates as dates, no pandas metadata (R's arrow and polars read it as it is)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    fields = [pa.field(f.name, pa.date32()) if pa.types.is_timestamp(f.type) else pa.field(f.name, f.type)
              for f in table.schema]
    table = table.cast(pa.schema(fields)).replace_schema_metadata(None)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def write_table(frame: pd.DataFrame, path_or_stdout: str | Path | BinaryIO | None, fmt: str = "csv") -> None:
    """Write ``frame`` as ``fmt`` to a file path, a binary stream, or standard output (None or ``-``)."""
    data = table_bytes(frame, fmt)
    if path_or_stdout is None or str(path_or_stdout) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    elif hasattr(path_or_stdout, "write"):
        path_or_stdout.write(data)
    else:
        path = Path(path_or_stdout)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_all(exports: list[Export], folder: str | Path, fmt: str = "csv") -> list[Path]:
    """Write each export into ``folder`` under its file name; the paths written, in order."""
    written = []
    for export in exports:
        target = Path(folder) / export.file(fmt)
        write_table(export.frame, target, fmt)
        written.append(target)
    return written


def write_package(tables: Tables, folder: str | Path, fmt: str = "csv") -> list[Path]:
    """Every export (:func:`all_exports`) into ``folder``; for CSV also its ``datapackage.json`` (the same
    descriptor as ``data/``'s, of these files) and the data README. The paths written, in order."""
    from ..data.datapackage import FILE, descriptor_text

    folder = Path(folder)
    exports = all_exports(tables)
    written = write_all(exports, folder, fmt)
    if fmt == "csv":
        (folder / FILE).write_text(descriptor_text([e.table for e in exports]), encoding="utf-8")
        written.append(folder / FILE)
    readme = tables.folder / "README.md"
    if readme.is_file():
        (folder / "README.md").write_bytes(readme.read_bytes())
        written.append(folder / "README.md")
    return written
