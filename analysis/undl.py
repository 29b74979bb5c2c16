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

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .errors import VoteDataError
from .members import to_iso3, try_iso3
from .normalize import VOTE_CODES, VOTE_PROBLEM, code_converter, map_distinct, member_codes, vote_index
from .tables import fail_at, first_malformed_record, first_record_with
from .validation import check_coded

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

def _header(path: Path) -> list[str]:
    """The header fields of the file (BOM removed); errors for a missing, empty or non-UTF-8 header."""
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
    return [c.strip() for c in next(csv.reader([first]))]


def _pick(header: list[str], names: tuple[str, ...]) -> str | None:
    return next((n for n in names if n in header), None)


def _arrow_error(path: Path, exc: Exception) -> VoteDataError:
    """Turn a pyarrow parse or conversion error into VoteDataError with the line and value.

    pyarrow's messages do not carry line numbers when it parses in parallel,
    so the line is found by reading the file again: this only happens on the
    way to an error.
    """
    text = " ".join(str(exc).split())
    if "UTF8" in text or "utf8" in text.lower():
        line, sample = _first_bad_utf8_line(path)
        return VoteDataError("not UTF-8 text (save the file as UTF-8)", file=path, line=line, value=sample)
    conversion = re.search(r"column #(\d+): CSV conversion error to (\w+): invalid value '(.*)'", text)
    if conversion:
        column, kind, value = int(conversion.group(1)), conversion.group(2), conversion.group(3)
        header = _header(path)
        name = header[column] if column < len(header) else f"#{column}"
        return VoteDataError(f"column {name} must hold {'whole numbers' if 'int' in kind else kind}",
                             file=path, line=first_record_with(path, column, value), value=value)
    if "Expected" in text and "columns" in text:
        found = first_malformed_record(path)
        if found:
            line, sample = found
            counts = re.search(r"Expected (\d+) columns, got (\d+)", text)
            detail = f"expected {counts.group(1)} fields, found {counts.group(2)}" if counts else "wrong number of fields"
            return VoteDataError(f"malformed row ({detail}; truncated or wrongly quoted?)", file=path, line=line,
                                 value=sample)
    return VoteDataError(f"cannot parse the file ({text[:200]})", file=path)


def _first_bad_utf8_line(path: Path) -> tuple[int | None, str | None]:
    """Line number and (Latin-1 decoded) text of the first line that is not valid UTF-8."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return number, raw[max(0, exc.start - 20): exc.start + 20].decode("latin-1")
    return None, None


def _read_arrow(path: Path, columns: list[str], types: dict) -> pa.Table:
    """Parse the needed columns with pyarrow, fastest settings first.

    The fast parse assumes no line breaks inside quoted fields and fields under
    4 MiB. A file that breaks either assumption fails that parse with a
    column-count or block error (a split row never has the header's field
    count), and is parsed again with quoted line breaks allowed and blocks as
    large as needed. Conversion errors (a bad number) are data errors at once.
    """
    attempts = [(False, 1 << 22), (True, 1 << 24), (True, path.stat().st_size + 1)]
    for number, (newlines, block_size) in enumerate(attempts):
        try:
            return pacsv.read_csv(
                path,
                read_options=pacsv.ReadOptions(block_size=block_size),
                parse_options=pacsv.ParseOptions(newlines_in_values=newlines),
                convert_options=pacsv.ConvertOptions(
                    include_columns=columns, column_types=types, strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            text = str(exc)
            retry = "conversion error" not in text and "UTF8" not in text
            if number == 1 and "straddl" not in text:
                retry = False
            if not retry or number == len(attempts) - 1:
                raise _arrow_error(path, exc) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _is_sc(header: list[str]) -> bool:
    return "permanent_member" in header or "modality" in header


@dataclass
class _Coded:
    """Votes as integer codes, the form in which a large file is normalized and validated.

    ``motion``/``member`` index ``motions``/``members``; ``vote`` indexes
    VOTE_CODES; ``totals`` holds the ``total_*`` columns (-1 where empty);
    ``records`` gives each row's data record in the file where rows and records
    differ (resolution-level files), else None.
    """

    motion: np.ndarray
    motions: list[str]
    member: np.ndarray
    members: list[str]
    vote: np.ndarray
    totals: dict[str, np.ndarray]
    dates: list[str] | None
    records: np.ndarray | None = None

    def record(self, position: int) -> int:
        return int(self.records[position]) if self.records is not None else position

    def frame(self) -> pd.DataFrame:
        """The tidy long table ``motion, iso3, vote`` (pyarrow-backed strings, built without Python loops)."""
        def text(indices: np.ndarray, dictionary: list[str]) -> pa.Array:
            return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(dictionary, pa.string())
                                                  ).cast(pa.string())

        table = pa.table({"motion": text(self.motion, self.motions), "iso3": text(self.member, self.members),
                          "vote": text(self.vote, list(VOTE_CODES))})
        return table.to_pandas()


def read_undl_full(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a UN Digital Library voting file: (votes, motions).

    ``votes`` is the long table ``motion, iso3, vote`` (as :func:`read_undl`);
    ``motions`` has one row per motion: ``motion``, ``body``, ``date``, and the
    official ``yes``/``no``/``abstain``/``non_voting``/``members`` from the
    file's own total columns (missing where the file leaves them empty).
    """
    path = Path(path)
    header = _header(path)
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        raise VoteDataError("the header has a single field: the file is not comma-separated", file=path, line=1,
                            value=header[0][:80])
    if "resolution" not in header:
        raise VoteDataError("not a UN Digital Library voting file: no 'resolution' column; header is",
                            file=path, line=1, value=",".join(header[:12]))
    vote_column = _pick(header, VOTE_COLUMNS)
    if vote_column is None and (_pick(header, CODE_COLUMNS) or _pick(header, NAME_COLUMNS)):
        raise VoteDataError("missing required column ms_vote (or ms_votes in the older layout); header is",
                            file=path, line=1, value=",".join(header[:12]))
    if vote_column is not None:
        coded = _read_member_level(path, header, vote_column)
    else:
        coded = _read_resolution_level(path, header)
    body = "SC" if _is_sc(header) else "GA"

    def fail(position: int, problem: str, value: object, motion: int) -> None:
        if value is None:
            value = coded.members[int(coded.member[position])]
        fail_at(path, coded.record(position), problem, value, motion=coded.motions[motion])

    check_coded(coded.motion, coded.member, coded.vote, coded.totals, body, fail)
    return coded.frame(), _motions(coded, body)


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


def _dictionary(column: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """(row indices, distinct values) of a dictionary-encoded column."""
    array = column.combine_chunks()
    if isinstance(array, pa.ChunkedArray):  # pragma: no cover - older pyarrow
        array = array.chunk(0) if array.num_chunks else pa.array([], pa.dictionary(pa.int32(), pa.string()))
    return array.indices.to_numpy(zero_copy_only=False), array.dictionary.to_pylist()


def _totals(table: pa.Table) -> dict[str, np.ndarray]:
    return {c: pc.fill_null(table[c], -1).to_numpy() for c in TOTAL_COLUMNS if c in table.column_names}


def _member_index(codes: tuple[np.ndarray, list[str]] | None, names: tuple[np.ndarray, list[str]] | None,
                  path: Path) -> tuple[np.ndarray, list[str]]:
    """(row indices, member codes): from the code, from the name where the code is empty.

    A name that is a known member name but disagrees with its code is an error;
    an unknown name beside a valid code is accepted (historical names such as
    "ZAIRE" are not in the alias table, and the code is authoritative).
    """
    if codes is not None:
        code_indices, code_values = codes
        convert = code_converter(historical=True)
        per_value = map_distinct(code_indices, code_values, lambda raw: convert(raw) if str(raw).strip() else "",
                                 "unknown member code", path)
        empty = [i for i, code in enumerate(per_value) if code == ""]
        blank = np.flatnonzero(np.isin(code_indices, empty)) if empty else np.array([], dtype=np.int64)
    else:
        blank = np.arange(len(names[0]))
    if codes is not None and not len(blank):  # the usual case: every row has a code
        universe = sorted(set(per_value))
        member = np.searchsorted(universe, np.asarray(per_value, dtype=str))[code_indices]
    else:
        if names is None:
            fail_at(path, int(blank[0]), "empty member code and no ms_name column", "")
        row_codes = (np.asarray(per_value, dtype=object)[code_indices] if codes is not None
                     else np.empty(len(blank), dtype=object))
        name_indices, name_values = names
        per_name = map_distinct(name_indices[blank], name_values, to_iso3, "unknown country name", path, blank)
        row_codes[blank] = np.asarray(per_name, dtype=object)[name_indices[blank]]
        universe = sorted(set(row_codes.tolist()))
        member = np.searchsorted(universe, row_codes.astype(str))
    if names is not None:
        _check_names_agree(member, universe, names, path)
    return member, universe


def _check_names_agree(member: np.ndarray, universe: list[str], names: tuple[np.ndarray, list[str]],
                       path: Path) -> None:
    """Each distinct (code, name) pair once: a known member name must name the same member as the code."""
    name_indices, name_values = names
    pairs = np.unique(member.astype(np.int64) * (len(name_values) + 1) + name_indices)
    for pair in pairs.tolist():
        code, name = universe[pair // (len(name_values) + 1)], name_values[pair % (len(name_values) + 1)]
        said = try_iso3(name)
        if said is not None and said != code:
            position = int(((member == universe.index(code)) & (name_indices == name_values.index(name))).argmax())
            fail_at(path, position, f"ms_name {name!r} is {said}, but the member code says", code)


def _read_member_level(path: Path, header: list[str], vote_column: str) -> _Coded:
    code_column, name_column = _pick(header, CODE_COLUMNS), _pick(header, NAME_COLUMNS)
    totals = [c for c in TOTAL_COLUMNS if c in header]
    wanted = ["resolution", vote_column, *(c for c in (code_column, name_column, "date") if c and c in header),
              *totals]
    dictionary = pa.dictionary(pa.int32(), pa.string())
    types = {c: dictionary for c in wanted if c not in totals}
    types.update({c: pa.int64() for c in totals})
    table = _read_arrow(path, wanted, types)
    if table.num_rows == 0:
        raise VoteDataError("no vote rows (header only)", file=path, line=1)
    table = table.unify_dictionaries()
    motion, motions = _dictionary(table["resolution"])
    map_distinct(motion, motions, lambda raw: raw.strip() or None, "empty resolution (motion id)", path)
    vote, vote_values = _dictionary(table[vote_column])
    vote_lookup = np.asarray(map_distinct(vote, vote_values, vote_index, VOTE_PROBLEM, path), dtype=np.int64)
    member, members = _member_index(_dictionary(table[code_column]) if code_column else None,
                                    _dictionary(table[name_column]) if name_column else None, path)
    motion, motions = _compact(motion, motions)
    dates = None
    if "date" in table.column_names:  # the date of each motion, in the compacted motion order
        date_indices, date_values = _dictionary(table["date"])
        first = np.unique(motion, return_index=True)[1]
        dates = [date_values[i] for i in date_indices[first]]
    return _Coded(motion, motions, member, members, vote_lookup[vote], _totals(table), dates)


def _compact(indices: np.ndarray, dictionary: list[str]) -> tuple[np.ndarray, list[str]]:
    """Renumber codes 0..n-1 in order of first appearance (unused dictionary entries dropped)."""
    used, first, inverse = np.unique(indices, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[inverse].astype(np.int32), [dictionary[used[i]] for i in order]


def _read_resolution_level(path: Path, header: list[str]) -> _Coded:
    member_columns = [c for c in header if c not in METADATA_COLUMNS]
    if not member_columns:
        raise VoteDataError("neither a member-level (ms_vote) nor a resolution-level (member columns) file; "
                            "header is", file=path, line=1, value=",".join(header[:12]))
    known = member_codes(historical=True)
    codes = []
    for column in member_columns:
        code = column.strip().upper() if column.strip().upper() in known else try_iso3(column)
        if code is None:
            raise VoteDataError("column is neither a metadata column nor a Member State", file=path, line=1,
                                value=column)
        codes.append(code)
    totals = [c for c in TOTAL_COLUMNS if c in header]
    wanted = ["resolution", *(["date"] if "date" in header else []), *member_columns, *totals]
    types = {c: pa.string() for c in wanted if c not in totals}
    types.update({c: pa.int64() for c in totals})
    table = _read_arrow(path, wanted, types)
    if table.num_rows == 0:
        raise VoteDataError("no vote rows (header only)", file=path, line=1)
    cells = np.column_stack([table[c].to_numpy(zero_copy_only=False).astype(str) for c in member_columns])
    present = np.char.strip(cells) != ""  # empty cell: not a member at the time
    records, columns = np.nonzero(present)
    raw = cells[records, columns]
    raw_indices, raw_values = pd.factorize(raw)
    try:
        lookup = np.asarray(map_distinct(raw_indices, list(raw_values), vote_index, VOTE_PROBLEM), dtype=np.int64)
    except VoteDataError as exc:
        position = int((raw == exc.value).argmax())
        fail_at(path, int(records[position]), f"{exc.problem} in column {member_columns[columns[position]]}",
                exc.value)
    universe = sorted(set(codes))
    member = np.searchsorted(universe, np.asarray(codes, dtype=object)[columns].astype(str))
    motion_values = table["resolution"].to_numpy(zero_copy_only=False)
    motion, motions = pd.factorize(motion_values[records])
    dates = None
    if "date" in table.column_names:
        date_values = table["date"].to_numpy(zero_copy_only=False)
        first = np.unique(motion, return_index=True)[1]
        dates = [str(date_values[records[i]]) for i in first]
    row_totals = {c: v[records] for c, v in _totals(table).items()}
    return _Coded(motion.astype(np.int32), list(motions), member, universe, lookup[raw_indices], row_totals, dates,
                  records)


def _motions(coded: _Coded, body: str) -> pd.DataFrame:
    """One row per motion with the file's own totals."""
    first = np.unique(coded.motion, return_index=True)[1]
    out = pd.DataFrame({"motion": coded.motions, "body": body})
    out["date"] = pd.to_datetime(pd.Series(coded.dates, dtype=object), errors="coerce") if coded.dates else pd.NaT
    for source, target in (("total_yes", "yes"), ("total_no", "no"), ("total_abstentions", "abstain"),
                           ("total_non_voting", "non_voting"), ("total_ms", "members")):
        values = coded.totals.get(source)
        column = pd.array(values[first], dtype="Int64") if values is not None else pd.array([pd.NA] * len(first),
                                                                                             dtype="Int64")
        out[target] = column
        out.loc[out[target] < 0, target] = pd.NA
    out["roll_call"] = True
    return out
