"""Reading the UN Digital Library voting-data files (General Assembly and Security Council).

The Dag Hammarskjöld Library publishes the complete voting data of both bodies
as CSV. :func:`read_undl` reads such a file into the package's tidy long table
(``motion, iso3, vote``), normalized and validated like the bundled data.

Two layouts are recognised from the header:

- **member-level** (one row per Member State per vote): ``ms_code``,
  ``ms_name``, ``ms_vote`` and the metadata columns; older releases call them
  ``ms_codes``, ``ms_names``, ``ms_votes`` and write ``NV`` for non-voting;
- **resolution-level** (one row per vote, one column per Member State holding
  Y/N/A/X): every column that is not a metadata column must name a member
  (ISO3 code or name); an empty cell means the state was not a member at the
  time, and the row count per vote is then checked against ``total_ms``.

The motion id is the ``resolution`` column. The file is parsed with pyarrow
(only the columns needed) and normalized once per distinct value, so a
360 MB file with 900,000 rows reads in seconds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .errors import VoteDataError
from .members import name_key, try_iso3
from .normalize import member_codes, normalize_codes, normalize_votes
from .tables import fail_at, line_of_record
from .validation import GA_MAX_MEMBERS, SC_MEMBERS, check_undl_totals, check_unique

#: Column names of the two generations of the member-level layout.
CODE_COLUMNS = ("ms_code", "ms_codes")
NAME_COLUMNS = ("ms_name", "ms_names")
VOTE_COLUMNS = ("ms_vote", "ms_votes")
TOTAL_COLUMNS = ("total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms")
#: Metadata columns of the Library's files (GA and SC); any other column of a
#: resolution-level file must be a Member State.
METADATA_COLUMNS = frozenset({
    "undl_id", "date", "session", "resolution", "draft", "committee_report", "meeting", "title",
    "agenda_title", "subjects", "vote_note", "undl_link", "permanent_member", "description",
    "agenda", "modality", *TOTAL_COLUMNS, *CODE_COLUMNS, *NAME_COLUMNS, *VOTE_COLUMNS,
})

_BLOCK_SIZE = 1 << 24  # 16 MiB: a field may not straddle more than one block


def _header(path: Path) -> list[str]:
    """The header fields of the file (BOM removed), read with pyarrow's own tokenizer."""
    if not path.exists():
        raise VoteDataError("file not found", file=path)
    if path.stat().st_size == 0:
        raise VoteDataError("file is empty", file=path)
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    try:
        first = head.split(b"\n", 1)[0].decode("utf-8-sig").rstrip("\r")
    except UnicodeDecodeError as exc:
        raise VoteDataError(f"header is not UTF-8 text ({exc.reason})", file=path, line=1) from None
    if not first.strip():
        raise VoteDataError("first line is empty: expected the header", file=path, line=1)
    return [c.strip().strip('"') for c in first.split(",")]


def _pick(header: list[str], names: tuple[str, ...]) -> str | None:
    return next((n for n in names if n in header), None)


def _arrow_error(path: Path, exc: Exception) -> VoteDataError:
    """Turn a pyarrow parse or conversion error into VoteDataError with a line number."""
    text = str(exc).strip().splitlines()[0]
    match = re.search(r"[Rr]ow #(\d+)", text)
    line = None
    if match:
        line = int(match.group(1))
    elif "UTF8" in text or "utf8" in text.lower():
        line = _first_bad_utf8_line(path)
        text = "not UTF-8 text (save the file as UTF-8)"
    return VoteDataError(f"cannot parse the file ({text})", file=path, line=line)


def _first_bad_utf8_line(path: Path) -> int | None:
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None


def _read_arrow(path: Path, columns: list[str], types: dict) -> pa.Table:
    try:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=_BLOCK_SIZE),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                include_columns=columns, column_types=types, strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise _arrow_error(path, exc) from None


def _is_sc(header: list[str], path: Path) -> bool:
    return "permanent_member" in header or "modality" in header


def read_undl_full(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a UN Digital Library voting file: (votes, motions).

    ``votes`` is the long table ``motion, iso3, vote`` (as :func:`read_undl`);
    ``motions`` has one row per motion: ``motion``, ``body``, ``date``,
    ``title``, and the official ``yes``/``no``/``abstain``/``non_voting``/
    ``members`` from the file's own total columns.
    """
    path = Path(path)
    header = _header(path)
    if "resolution" not in header:
        raise VoteDataError("not a UN Digital Library voting file: no 'resolution' column; header is",
                            file=path, line=1, value=",".join(header[:12]))
    vote_column = _pick(header, VOTE_COLUMNS)
    if vote_column is not None:
        frame = _read_member_level(path, header, vote_column)
    else:
        frame = _read_resolution_level(path, header)
    body = "SC" if _is_sc(header, path) else "GA"
    _check_sizes(frame, body, path)
    check_unique(frame, path)
    check_undl_totals(frame, path)
    votes = frame[["motion", "iso3", "vote"]].reset_index(drop=True)
    return votes, _motions(frame, body)


def read_undl(path: str | Path) -> pd.DataFrame:
    """Read a UN Digital Library voting file (GA or SC, either layout) into ``motion, iso3, vote``.

    Member codes are checked against the 193 members plus the historical seats
    (``YUG``, ``CSK``, ...), which are kept as they are. A row whose code is
    empty is identified by its name; a name that contradicts its code is an
    error. Vote codes become Y/N/A/X (``NV`` and lower case tolerated). Each
    motion's rows must match the file's own ``total_*`` columns. Any problem
    raises VoteDataError naming the file, line and value.
    """
    return read_undl_full(path)[0]


def _read_member_level(path: Path, header: list[str], vote_column: str) -> pd.DataFrame:
    code_column, name_column = _pick(header, CODE_COLUMNS), _pick(header, NAME_COLUMNS)
    if code_column is None and name_column is None:
        raise VoteDataError("no member column (ms_code or ms_name); header is", file=path, line=1,
                            value=",".join(header[:12]))
    totals = [c for c in TOTAL_COLUMNS if c in header]
    wanted = ["resolution", vote_column, *(c for c in (code_column, name_column, "date") if c), *totals]
    dictionary = pa.dictionary(pa.int32(), pa.string())
    types = {c: dictionary for c in wanted if c not in totals}
    types.update({c: pa.int64() for c in totals})
    table = _read_arrow(path, wanted, types)
    if table.num_rows == 0:
        raise VoteDataError("no vote rows (header only)", file=path, line=1)
    frame = pd.DataFrame({"motion": _text(table["resolution"])})
    if (frame["motion"].str.strip() == "").any():
        position = int((frame["motion"].str.strip() == "").to_numpy().argmax())
        fail_at(path, position, "empty resolution (motion id)", "")
    frame["vote"] = normalize_votes(_text(table[vote_column]), path)
    frame["iso3"] = _member_ids(
        _text(table[code_column]) if code_column else None,
        _text(table[name_column]) if name_column else None, path)
    if "date" in table.column_names:
        frame["date"] = _text(table["date"])
    for column in totals:
        frame[column] = table[column].to_pandas(types_mapper=pd.ArrowDtype).astype("Int64")
    return frame


def _text(column: pa.ChunkedArray) -> pd.Series:
    """A dictionary-encoded arrow column as a pandas Categorical (cheap) of its text."""
    return column.to_pandas()


def _member_ids(codes: pd.Series | None, names: pd.Series | None, path: Path) -> pd.Series:
    """ISO3 (or historical seat code) per row: from the code, from the name where the code is empty.

    A name that is a known member name but disagrees with its code is an error;
    an unknown name beside a valid code is accepted (historical names such as
    "ZAIRE" are not in the alias table, and the code is authoritative).
    """
    if codes is None:
        return normalize_names_or_fail(names, path)
    blank = codes.astype(str).str.strip() == ""
    if blank.any():
        if names is None:
            fail_at(path, int(blank.to_numpy().argmax()), "empty member code and no ms_name column", "")
        result = pd.Series("", index=codes.index, dtype=object)
        result[~blank] = normalize_codes(codes[~blank].astype(str), None, historical=True) if (~blank).any() else []
        result[blank] = normalize_names_or_fail(names[blank], path)
        ids = result.astype(str)
    else:
        try:
            ids = normalize_codes(codes, None, historical=True)
        except VoteDataError as exc:
            position = int(codes.astype(str).eq(str(exc.value)).to_numpy().argmax())
            fail_at(path, position, exc.problem, exc.value)
    if names is not None:
        pairs = pd.DataFrame({"code": ids, "name": names.astype(str)}).drop_duplicates()
        for code, name in zip(pairs["code"], pairs["name"]):
            said = try_iso3(name)
            if said is not None and said != code:
                position = int(((ids == code) & (names.astype(str) == name)).to_numpy().argmax())
                fail_at(path, position, f"ms_name {name!r} is {said}, but the member code says", code)
    return ids


def normalize_names_or_fail(names: pd.Series, path: Path) -> pd.Series:
    """Names to ISO3, errors located in ``path`` (positions are the Series' own positions in the file)."""
    from .members import to_iso3

    mapping = {}
    for raw in pd.unique(names.astype(str)):
        try:
            mapping[raw] = to_iso3(raw)
        except VoteDataError as exc:
            position = int(names.index[names.astype(str) == raw][0])
            fail_at(path, position, exc.problem, raw)
    return names.astype(str).map(mapping)


def _read_resolution_level(path: Path, header: list[str]) -> pd.DataFrame:
    member_columns = [c for c in header if c not in METADATA_COLUMNS]
    if not member_columns:
        raise VoteDataError("neither a member-level (ms_vote) nor a resolution-level (member columns) file; "
                            "header is", file=path, line=1, value=",".join(header[:12]))
    codes = {}
    known = member_codes(historical=True)
    for column in member_columns:
        code = column.strip().upper() if column.strip().upper() in known else try_iso3(column)
        if code is None:
            raise VoteDataError("column is neither a metadata column nor a Member State", file=path, line=1,
                                value=column)
        codes[column] = code
    totals = [c for c in TOTAL_COLUMNS if c in header]
    wanted = ["resolution", *(["date"] if "date" in header else []), *member_columns, *totals]
    types = {c: pa.string() for c in wanted if c not in totals}
    types.update({c: pa.int64() for c in totals})
    table = _read_arrow(path, wanted, types)
    if table.num_rows == 0:
        raise VoteDataError("no vote rows (header only)", file=path, line=1)
    wide = table.to_pandas()
    wide["_record"] = range(len(wide))
    keep = ["resolution", "_record", *(["date"] if "date" in wide else []), *totals]
    long = wide.melt(id_vars=keep, value_vars=member_columns, var_name="_column", value_name="_raw")
    long = long[long["_raw"].str.strip() != ""]  # empty cell: not a member at the time
    long = long.sort_values(["_record", "_column"], kind="stable")
    records = long["_record"].to_numpy()
    try:
        votes = normalize_votes(long["_raw"].reset_index(drop=True))
    except VoteDataError as exc:
        bad = int((long["_raw"].astype(str) == str(exc.value)).to_numpy().argmax())
        column = long["_column"].iat[bad]
        raise VoteDataError(f"{exc.problem} in column {column}", file=path,
                            line=line_of_record(path, int(records[bad])), value=exc.value) from None
    frame = pd.DataFrame({
        "motion": long["resolution"].to_numpy(),
        "iso3": long["_column"].map(codes).to_numpy(),
        "vote": votes.to_numpy(),
    })
    if "date" in long:
        frame["date"] = long["date"].to_numpy()
    for column in totals:
        frame[column] = long[column].astype("Int64").to_numpy()
    return frame


def _check_sizes(frame: pd.DataFrame, body: str, path: Path) -> None:
    """No GA vote may list more than 193 members, no SC vote more than 15."""
    limit = GA_MAX_MEMBERS if body == "GA" else SC_MEMBERS
    sizes = frame.groupby("motion", sort=False, observed=True).size()
    if (sizes > limit).any():
        motion = sizes.idxmax()
        raise VoteDataError(
            f"{int(sizes[motion])} members voted; a {'General Assembly' if body == 'GA' else 'Security Council'} "
            f"vote has at most {limit}", file=path, motion=motion)


def _motions(frame: pd.DataFrame, body: str) -> pd.DataFrame:
    """One row per motion with the file's own totals."""
    first = frame.drop_duplicates("motion")
    out = pd.DataFrame({"motion": first["motion"].astype(str).to_numpy(), "body": body})
    out["date"] = pd.to_datetime(first["date"].astype(str), errors="coerce").to_numpy() if "date" in first else pd.NaT
    for source, target in (("total_yes", "yes"), ("total_no", "no"), ("total_abstentions", "abstain"),
                           ("total_non_voting", "non_voting"), ("total_ms", "members")):
        out[target] = first[source].to_numpy() if source in first else pd.NA
        out[target] = out[target].astype("Int64")
    out["roll_call"] = True
    return out
