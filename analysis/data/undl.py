"""Reading the UN Digital Library voting-data files (General Assembly and Security Council).

The Dag Hammarskjöld Library publishes the complete voting data of both bodies as
CSV. :func:`read_undl` reads such a file into the package's tidy long table
(``motion, iso3, vote``). This module only knows the Library's layouts; the rules
every roll call must meet are :func:`analysis.votes.check_roll_calls`.

Layouts, recognised from the header (names compared without case, spaces or
separators, :func:`~analysis.data.schema.header_key`: ``TOTAL_YES``, ``Total Yes``
and ``total_yes`` are one role; one column per role, so a repeated name or two
generations' names for one role are refused, and a name holding an invisible
character is refused, never ignored):

- **member-level**, one row per Member State per vote. Version 3 (2025) names
  ``resolution, ms_code, ms_name, ms_vote, total_yes, total_no,
  total_abstentions, total_non_voting, total_ms``; version 1 (September 2024)
  names ``resolutions, ms_codes, ms_names, ms_votes, yes, no, abstentions,
  non-voting, total-voting`` and writes ``NV`` for non-voting; files between
  mix ``ms_codes``-style member columns with version 3 totals.
- **resolution-level**, one row per vote and one column per Member State (code
  or name) holding Y/N/A/X; an empty cell means the state was not a member then.

The file is parsed with pyarrow (only the needed columns, as dictionaries) and
each distinct value is normalized once, so a 400 MB file reads in about a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .bodies import ga_session
from .members import PathLike, member_codes, name_key, names, to_iso3, try_iso3
from .motions import package_symbols
from .schema import (
    GZIP_ERRORS,
    VOTE_PROBLEM,
    VoteDataError,
    check_file,
    check_header,
    clean_symbol,
    count,
    csv_records,
    decode,
    first_line,
    header_key,
    normal_symbol,
    open_bytes,
    symbol_key,
    symbol_problem,
    unreadable,
    vote_index,
)
from .votes import TOTALS, RollCalls, check_roll_calls, read_votes

#: Each role's column name in each generation (version 3 first), and the totals of version 1.
ROLES = {"resolution": ("resolution", "resolutions"), "code": ("ms_code", "ms_codes"),
         "name": ("ms_name", "ms_names"), "vote": ("ms_vote", "ms_votes")}
TOTAL_NAMES = {"total_yes": ("total_yes", "yes"), "total_no": ("total_no", "no"),
               "total_abstentions": ("total_abstentions", "abstentions"),
               "total_non_voting": ("total_non_voting", "non-voting"), "total_ms": ("total_ms", "total-voting")}
#: Columns of the Library's files that are neither roles nor totals; in a resolution-level file every other
#: column must be a Member State.
METADATA_COLUMNS = frozenset({
    "undl_id", "date", "session", "draft", "committee_report", "meeting", "title", "agenda_title", "agenda_titles",
    "subjects", "vote_note", "undl_link", "permanent_member", "description", "agenda", "modality",
})
_STRING = pa.dictionary(pa.int32(), pa.string())
#: Motion metadata that read_undl_full(metadata=True) returns, and the file columns it may come from (the record
#: number and link: what update-data writes in the context's ``undl_record``).
METADATA_FIELDS = {"title": ("title", "description"), "draft": ("draft",), "meeting": ("meeting",),
                   "undl_id": ("undl_id",), "undl_link": ("undl_link",)}


_METADATA_KEYS = frozenset(map(header_key, METADATA_COLUMNS))


def _role(header: list[str], names: tuple[str, ...], path: Path) -> str | None:
    """The one column playing a role (matched by :func:`header_key`), or None; two generations' names for one
    role are refused."""
    keys = {header_key(n) for n in names}
    found = [h for h in header if header_key(h) in keys]
    if len(found) > 1:
        raise VoteDataError("columns of two Library generations for one role; header has", file=path, line=1,
                            value=", ".join(found))
    return found[0] if found else None


def _header(path: Path, compressed: bool) -> list[str]:
    """The header fields, checked: UTF-8, not empty, comma-separated, one column per name; read whole."""
    first = first_line(path, compressed)
    text = decode(first, path).strip() if first.strip() else ""
    if not text:
        raise VoteDataError("first line is empty: expected the header", file=path, line=1)
    return check_header(next(iter(csv_records(text, path)))[1], path)


def line_of_record(path: Path, record: int) -> int | None:
    """Physical line of data record ``record`` (0-based, header excluded); read again only on the way to an error."""
    rows = csv_records(decode(open_bytes(path), path), path)
    return rows[record + 1][0] if record + 1 < len(rows) else None


def _arrow_error(path: Path, exc: Exception) -> VoteDataError:
    """A pyarrow parse error as VoteDataError with line and value, found by reading the file again with the
    small-table reader: decode raises at the first byte that is not UTF-8, records at a malformed row."""
    csv_records(decode(open_bytes(path), path), path)
    return VoteDataError(f"cannot parse the file ({' '.join(str(exc).split())[:200]})", file=path)


def _read_arrow(path: Path, compressed: bool, header: list[str], columns: list[str]) -> pa.Table:
    """The needed columns as dictionaries, fastest settings first.

    The fast parse assumes no line breaks inside quoted fields and fields under
    4 MiB; a file that breaks either fails that parse (a split row never has the
    header's field count) and is parsed again with both allowed.
    """
    attempts = [(False, 1 << 22), (True, 1 << 24), (True, Path(path).stat().st_size * (8 if compressed else 1) + 1)]
    for number, (newlines, block) in enumerate(attempts):
        source = pa.CompressedInputStream(pa.OSFile(str(path)), "gzip") if compressed else str(path)
        try:
            return pacsv.read_csv(
                source, read_options=pacsv.ReadOptions(block_size=block, column_names=header, skip_rows=1),
                parse_options=pacsv.ParseOptions(newlines_in_values=newlines),
                convert_options=pacsv.ConvertOptions(include_columns=columns, column_types={c: _STRING for c in columns},
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False))
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            if "UTF8" in str(exc) or number == len(attempts) - 1:
                raise _arrow_error(path, exc) from None
        except GZIP_ERRORS as exc:  # a broken gzip stream, a read error
            raise unreadable(path, exc) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _dictionary(column: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """(row indices, distinct values) of a dictionary-encoded column."""
    array = column.unify_dictionaries().combine_chunks() if column.num_chunks else pa.array([], _STRING)
    if isinstance(array, pa.ChunkedArray):  # pragma: no cover - older pyarrow
        array = array.chunk(0)
    return array.indices.to_numpy(zero_copy_only=False).astype(np.int32), array.dictionary.to_pylist()


def _map(indices: np.ndarray, values: list[str], convert, problem: str, path: Path,
         records_: np.ndarray | None = None) -> np.ndarray:
    """Convert each distinct value once; the first row (in file order) with a refused value raises with its line.

    ``convert`` returns None, or raises VoteDataError with its own problem, for a value it refuses.
    """
    converted, problems = [], {}
    for i, value in enumerate(values):
        try:
            converted.append(convert(value))
        except VoteDataError as exc:
            converted.append(None)
            problems[i] = exc.problem
    bad = [i for i, c in enumerate(converted) if c is None]
    hit = np.isin(indices, bad) if bad else None
    if hit is not None and hit.any():  # a refused value that no row holds refuses nothing
        row = int(hit.argmax())
        record = int(records_[row]) if records_ is not None else row
        raise VoteDataError(problems.get(int(indices[row]), problem), file=path, line=line_of_record(path, record),
                            value=values[indices[row]])
    return np.asarray(converted, dtype=object)


def _motion_codes(indices: np.ndarray, values: list[str], path: Path,
                  data_dir: PathLike = None) -> tuple[np.ndarray, list[str]]:
    """Motion ids checked (:func:`~analysis.data.schema.symbol_problem`) and compared by their key: spellings of
    one symbol become one motion, spelled as :func:`~analysis.data.motions.canonical_symbol` spells it,
    numbered in order of first appearance."""
    def tidy(value: str) -> str:
        problem = symbol_problem(value)
        if problem:
            raise VoteDataError(problem)
        return clean_symbol(value)

    cleaned = _map(indices, values, tidy, "empty motion id", path).tolist()
    keys = [symbol_key(v) if v is not None else None for v in cleaned]
    spelled = package_symbols(data_dir)
    shown = {k: spelled.get(k) or normal_symbol(v) for k, v in zip(keys, cleaned) if k is not None}
    per_value, unique = pd.factorize(pd.Series(keys, dtype=object))
    codes, order = pd.factorize(per_value[indices])  # hash-based, in order of first appearance
    return codes.astype(np.int32), [shown[unique[int(u)]] for u in order]


@dataclass
class Layout:
    """What the header says: the column of each role (None: absent), of each total, of the date, and the
    metadata columns to return (``read_undl_full(metadata=True)``)."""

    header: list[str]
    role: dict[str, str | None]
    totals: dict[str, str]
    date: str | None
    extra: list[str | None]
    session: str | None = None  # the GA file's session column (checked against the date, never returned)

    @property
    def member_level(self) -> bool:
        return any(self.role[r] is not None for r in ("vote", "code", "name"))

    def used(self) -> set[str]:
        """The columns given a role (roles, totals, the date)."""
        return {c for c in (*self.role.values(), *self.totals.values(), self.date) if c}


def _layout(path: Path, header: list[str], metadata: bool, data_dir: PathLike) -> Layout:
    """The layout of a header, or VoteDataError where it is neither layout (or both)."""
    role = {r: _role(header, names, path) for r, names in ROLES.items()}
    totals = {canonical: _role(header, names, path) for canonical, names in TOTAL_NAMES.items()}
    extra = [_role(header, names, path) for names in METADATA_FIELDS.values()] if metadata else []
    layout = Layout(header, role, {c: column for c, column in totals.items() if column},
                    _role(header, ("date",), path), extra, _role(header, ("session",), path))
    shown = ",".join(header[:12])
    if role["resolution"] is None:
        raise VoteDataError("not a UN Digital Library voting file: no 'resolution' column; header is", file=path,
                            line=1, value=shown)
    if layout.member_level and role["vote"] is None:
        raise VoteDataError("missing required column ms_vote (or ms_votes in the older layout); header is",
                            file=path, line=1, value=shown)
    if layout.member_level and role["code"] is None and role["name"] is None:
        raise VoteDataError("no member-code or member-name column (ms_code, ms_name); header is", file=path,
                            line=1, value=shown)
    if layout.member_level:
        known = member_codes(historical=True, data_dir=data_dir)
        named = [c for c in header if header_key(c) not in _METADATA_KEYS and c not in layout.used()
                 and (c.upper() in known or try_iso3(c, data_dir=data_dir))]
        if named:
            raise VoteDataError("both member-level (ms_vote) and resolution-level (member) columns; header has",
                                file=path, line=1, value=", ".join(named[:5]))
    return layout


def read_undl_full(path: str | Path, metadata: bool = False, full: bool = True, *,
                   data_dir: PathLike = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a UN Digital Library voting file: (votes, motions).

    ``votes`` is the long table ``motion, iso3, vote`` (as :func:`read_undl`);
    ``motions`` has one row per motion: ``motion``, ``body``, ``date``, the
    file's own ``yes``/``no``/``abstain``/``non_voting``/``members`` (missing where
    the file leaves them empty) and ``roll_call``; with ``metadata=True`` also
    ``title``, ``draft``, ``meeting``, ``undl_id`` (the Library's record number) and ``undl_link`` as the file
    gives them on the motion's first row (empty where the file has no such column).
    (``full=False``, what :func:`read_undl` uses, skips the motions table: it is None.)
    Member codes, names and the spelling of known motion ids come from ``data_dir`` (default: the bundled
    folder).
    """
    path = Path(path)
    compressed = check_file(path)
    layout = _layout(path, _header(path, compressed), metadata, data_dir)
    read = _member_level if layout.member_level else _resolution_level
    rc, table, first_rows, row_motion = read(path, compressed, layout, data_dir)
    bodies = check_roll_calls(rc, path)
    _check_sessions(path, layout, table, row_motion, rc, bodies)
    if not full:
        return rc.frame(), None
    first_rows = rc.first_rows() if first_rows is None else first_rows
    motions = _motions_table(rc, bodies)
    for name, column in zip(METADATA_FIELDS, layout.extra):
        motions[name] = [table[column][int(i)].as_py().strip() for i in first_rows] if column else ""
    return rc.frame(), motions


#: The first regular session whose votes the session rule (:func:`~analysis.data.bodies.ga_session`) is checked
#: against: session 68 (2013-2014), the context's first (every recorded vote of 2014-2021 has the session of its
#: resolution number, ``tests/test_ideal.py``; the openings of 2022-2025 are dated by press releases).
FIRST_CHECKED_SESSION = 68


def _check_sessions(path: Path, layout: Layout, table: pa.Table, row_motion: np.ndarray, rc: RollCalls,
                    bodies: list[str]) -> None:
    """A General Assembly row's ``session``, where the file has that column and the cell is a regular session's
    number, must be the session its date falls in (:func:`~analysis.data.bodies.ga_session`): a date mistyped
    (a year in the future, say) is refused with its line, the session and the date, needing no clock. Another
    cell (``ES-11``, empty, a number in other digits) says nothing of the date and is not compared, nor is a row of an
    emergency or special session's text (A/RES/ES-11/7, A/RES/S-28/1), whose session numbering is not documented; a
    file without the column (the Council's, the older layouts) is not checked; nor is a row whose date and cell
    both lie before :data:`FIRST_CHECKED_SESSION`, where the rule is not checked against the Assembly's own
    opening days. ``row_motion`` is the motion of each row of ``table``."""
    if layout.session is None or rc.date is None or not len(row_motion):
        return
    indices, values = _dictionary(table[layout.session])
    number = np.array([int(float(v.strip())) if re.fullmatch(r"[0-9]{1,4}(?:\.0+)?", v.strip()) else -1
                       for v in values] or [-1], dtype=np.int64)[indices]  # 78, 078, and 78.0 (a float column)
    dates = [rc.dates[rc.date[first]].strip() for first in rc.first_rows()]  # one per motion (checked)
    expected = ga_session(dates)[row_motion]
    # Only where the date or the cell lies in the sessions whose opening days the rule is checked against
    # (FIRST_CHECKED_SESSION on): before them the Assembly opened on other days (the first session in January
    # 1946, the "third Tuesday" of older rules), and a genuine Library file holds every vote since 1946
    checked = (expected >= FIRST_CHECKED_SESSION) | (number >= FIRST_CHECKED_SESSION)
    # a regular session's own texts only: how the Library numbers an emergency or special session's row (ES-11,
    # 11?) is not documented, so a row of A/RES/ES-11/7 or A/RES/S-28/1 is never refused for its session cell
    regular = np.array([b == "GA" and not re.search(r"/(?:ES|S)-", m) for b, m in zip(bodies, rc.motions)],
                       dtype=bool)[row_motion]
    wrong = (number >= 0) & checked & regular & (number != expected)
    if wrong.any():
        row = int(wrong.argmax())
        motion = int(row_motion[row])
        raise VoteDataError(f"the date {dates[motion]} falls in session {int(expected[row])} of the General "
                            "Assembly, but the session column says", file=path, line=line_of_record(path, row),
                            value=values[indices[row]], motion=rc.motions[motion])


def read_vote_file(path: str | Path, *, data_dir: PathLike = None) -> tuple[pd.DataFrame, str]:
    """(votes, layout name) of any vote file: the project layout ``motion,iso3,vote`` or a Library layout."""
    path = Path(path)
    if sorted(map(header_key, _header(path, check_file(path)))) == ["iso3", "motion", "vote"]:
        return read_votes(path, data_dir=data_dir), "project layout (motion, iso3, vote)"
    return read_undl(path, data_dir=data_dir), "UN Digital Library layout"


def read_undl(path: str | Path, *, data_dir: PathLike = None) -> pd.DataFrame:
    """Read a UN Digital Library voting file (GA or SC, any layout or generation) into ``motion, iso3, vote``.

    Member codes are checked against the 193 members plus the historical seats
    (``YUG``, ``CSK``, ...), which are kept as they are. The code is authoritative: a row's name is looked up
    only where its code is empty, and a known name (a member's, an alias, a former seat's) that names
    another member than the code is an error. Vote codes become Y/N/A/X (``NV`` and lower case tolerated).
    Every roll-call rule applies, including each motion's own totals. Any problem raises VoteDataError
    naming the file, line and value. Codes and names are those of ``data_dir`` (default: the bundled folder).
    """
    return read_undl_full(path, full=False, data_dir=data_dir)[0]


def _totals(table: pa.Table, totals: dict[str, str], path: Path) -> dict:
    out = {}
    for canonical, column in totals.items():
        indices, values = _dictionary(table[column])
        lookup = _map(indices, values, count, f"{column} must be a whole number of 0 or more (at most 18 digits), "
                      "or empty", path).astype(np.int64)
        out[canonical] = lookup[indices]
    return out


def _member_level(path: Path, compressed: bool, layout: Layout,
                  data_dir: PathLike) -> tuple[RollCalls, pa.Table, np.ndarray | None, np.ndarray]:
    role = layout.role
    wanted = [c for c in (role["resolution"], role["vote"], role["code"], role["name"]) if c]
    wanted += list(layout.totals.values()) + [c for c in (layout.date, layout.session, *layout.extra) if c]
    table = _read_arrow(path, compressed, layout.header, list(dict.fromkeys(wanted)))
    if table.num_rows == 0:
        raise VoteDataError("no vote rows (header only)", file=path, line=1)
    motion, motions = _motion_codes(*_dictionary(table[role["resolution"]]), path, data_dir)
    vote_indices, vote_values = _dictionary(table[role["vote"]])
    vote = _map(vote_indices, vote_values, vote_index, VOTE_PROBLEM, path).astype(np.int8)[vote_indices]
    member, members = _member_index(_dictionary(table[role["code"]]) if role["code"] else None,
                                    _dictionary(table[role["name"]]) if role["name"] else None, path, data_dir)
    date, dates = _dictionary(table[layout.date]) if layout.date else (None, None)
    rc = RollCalls(motion, motions, member, members, vote, lambda row: line_of_record(path, row),
                   _totals(table, layout.totals, path), date, dates, _labels(layout.totals))
    return rc, table, None, motion  # first rows: RollCalls.first_rows(); each table row's motion


def _labels(totals: dict[str, str]) -> dict[str, str]:
    """A total's column name in the file (version 1's ``yes``, ``total-voting``, ...) for messages."""
    return {canonical: column for canonical, column in totals.items() if column != canonical}


def _member_index(codes, names_, path: Path, data_dir: PathLike) -> tuple[np.ndarray, list[str]]:
    """(row indices, member codes): from the code, from the name only where the code is empty.

    The code is authoritative: another row's unknown or ambiguous name never makes this row fail. A known
    name (a member's, an alias, a former seat's, an observer's) that cannot name the row's code is an error;
    a name not known at all beside a valid code is accepted (historical names such as "ZAIRE" are not in the
    alias table).
    """
    if codes is not None:
        known = member_codes(historical=True, data_dir=data_dir)
        indices, values = codes
        per_value = _map(indices, values, lambda v: v.strip().upper() if v.strip().upper() in known or not v.strip()
                         else None, "unknown member code", path)
        used = per_value[pd.unique(indices)]
        if not (used == "").any():  # the usual case, every row has a code: work on the distinct values only
            universe = sorted(set(used.tolist()))
            shown = np.array([v if isinstance(v, str) else "" for v in per_value], dtype=str)
            member = np.searchsorted(universe, shown).astype(np.int32)[indices]
            if names_ is not None:
                _check_names_agree(member, universe, names_, path, data_dir)
            return member, universe
        row_codes = per_value[indices]
    else:
        row_codes = np.full(len(names_[0]), "", dtype=object)
    blank = np.flatnonzero(row_codes == "")
    if len(blank):
        row_codes[blank] = _codes_from_names(blank, names_, path, data_dir)
    universe = sorted(pd.unique(row_codes).tolist())
    member = np.searchsorted(universe, row_codes.astype(str)).astype(np.int32)
    if names_ is not None and codes is not None:
        _check_names_agree(member, universe, names_, path, data_dir)
    return member, universe


def _codes_from_names(blank: np.ndarray, names_, path: Path, data_dir: PathLike) -> np.ndarray:
    """The codes of the rows ``blank`` (whose code is empty) from their names: a member's name or alias, or a
    former seat's name; the first row (in file order) whose name is none of these raises, with to_iso3's reason."""
    if names_ is None:
        raise VoteDataError("empty member code and no ms_name column", file=path,
                            line=line_of_record(path, int(blank[0])), value="")
    name_indices, name_values = names_
    sub = name_indices[blank]
    tables = names(data_dir)
    per_name = np.full(len(name_values), None, dtype=object)
    for i in pd.unique(sub):  # only the names of these rows, each once
        key = name_key(name_values[i])
        per_name[i] = tables.unique.get(key) or tables.seats.get(key)
    found = per_name[sub]
    missing = np.flatnonzero(pd.isna(found))
    if len(missing):
        row, name = int(blank[missing[0]]), name_values[sub[missing[0]]]
        try:
            to_iso3(name, data_dir=data_dir)  # the reason (and suggestions), for this one name only
            problem = "unknown country name"
        except VoteDataError as exc:
            problem = exc.problem
        raise VoteDataError(problem, file=path, line=line_of_record(path, row), value=name)
    return found


def _check_names_agree(member: np.ndarray, universe: list[str], names_, path: Path, data_dir: PathLike) -> None:
    """Each distinct (code, name) pair once: a known name must be able to name the code's member."""
    name_indices, name_values = names_
    width = len(name_values) + 1
    pairs = pd.Series(member.astype(np.int64) * width + name_indices).drop_duplicates()  # hash-based
    tables = names(data_dir)
    said: dict[int, frozenset[str] | None] = {}
    for row, pair in zip(pairs.index.tolist(), pairs.tolist()):
        code, index = universe[pair // width], pair % width
        if index not in said:
            said[index] = tables.candidates(name_values[index])
        could = said[index]
        if could is not None and code not in could:
            name = name_values[index]
            what = " or ".join(sorted(could)) if could else "not a Member State"
            raise VoteDataError(f"ms_name {name!r} is {what}, but the member code says", file=path,
                                line=line_of_record(path, row), value=code)


def _resolution_level(path: Path, compressed: bool, layout: Layout,
                      data_dir: PathLike) -> tuple[RollCalls, pa.Table, np.ndarray, np.ndarray]:
    columns, codes = _member_columns(path, layout, data_dir)
    wanted = [layout.role["resolution"], *columns, *layout.totals.values(),
              *(c for c in (layout.date, layout.session, *layout.extra) if c)]
    table = _read_arrow(path, compressed, layout.header, list(dict.fromkeys(wanted)))
    if table.num_rows == 0:
        raise VoteDataError("no vote rows (header only)", file=path, line=1)
    motion_rows, motions = _motion_codes(*_dictionary(table[layout.role["resolution"]]), path, data_dir)
    if len(motions) < table.num_rows:
        row = int(pd.Series(motion_rows).duplicated().to_numpy().argmax())
        raise VoteDataError("the same resolution on two rows", file=path, line=line_of_record(path, row),
                            value=motions[motion_rows[row]])
    cells = np.column_stack([np.asarray(table[c].to_pylist(), dtype=object) for c in columns])
    present = np.array([[cell.strip() != "" for cell in row] for row in cells], dtype=bool).reshape(cells.shape)
    empty = ~present.any(axis=1)
    if empty.any():
        row = int(empty.argmax())
        raise VoteDataError("a vote with no member rows (every member cell is empty)", file=path,
                            line=line_of_record(path, row), value=motions[motion_rows[row]])
    rows, cols = np.nonzero(present)
    raw = cells[rows, cols]
    indices, values = pd.factorize(pd.Series(raw, dtype=object))
    lookup = [vote_index(v) for v in values]
    if None in lookup:
        position = int(np.isin(indices, [i for i, v in enumerate(lookup) if v is None]).argmax())
        raise VoteDataError(f"{VOTE_PROBLEM} in column {columns[cols[position]]}", file=path,
                            line=line_of_record(path, int(rows[position])), value=raw[position])
    universe = sorted(set(codes))
    member = np.searchsorted(universe, np.asarray(codes, dtype=str)[cols]).astype(np.int32)
    totals_ = _totals(table, layout.totals, path)
    date, dates = _dictionary(table[layout.date]) if layout.date else (None, None)
    rc = RollCalls(motion_rows[rows], motions, member, universe, np.asarray(lookup, dtype=np.int8)[indices],
                   lambda row: line_of_record(path, int(rows[row])), {c: v[rows] for c, v in totals_.items()},
                   None if date is None else date[rows], dates, _labels(layout.totals))
    return rc, table, np.argsort(motion_rows, kind="stable"), motion_rows


def _member_columns(path: Path, layout: Layout, data_dir: PathLike) -> tuple[list[str], list[str]]:
    """The member columns of a resolution-level header and the member each names (a code or a name)."""
    columns = [c for c in layout.header if header_key(c) not in _METADATA_KEYS and c not in layout.used()]
    if not columns:
        raise VoteDataError("neither a member-level (ms_vote) nor a resolution-level (member columns) file; "
                            "header is", file=path, line=1, value=",".join(layout.header[:12]))
    known = member_codes(historical=True, data_dir=data_dir)
    tables = names(data_dir)
    codes = []
    for column in columns:
        key = name_key(column)
        code = column.upper() if column.upper() in known else tables.unique.get(key) or tables.seats.get(key)
        if code is None:
            raise VoteDataError("column is neither a metadata column nor a Member State", file=path, line=1,
                                value=column)
        codes.append(code)
    if len(set(codes)) < len(codes):
        twice = next(c for c in columns if codes.count(codes[columns.index(c)]) > 1)
        raise VoteDataError("two columns name the same Member State", file=path, line=1, value=twice)
    return columns, codes


def _motions_table(rc: RollCalls, bodies: list[str]) -> pd.DataFrame:
    """One row per motion with the file's own totals."""
    first = rc.first_rows()
    out = pd.DataFrame({"motion": rc.motions, "body": bodies})
    out["date"] = (pd.to_datetime(pd.Series([rc.dates[i].strip() for i in rc.date[first]]), format="%Y-%m-%d")
                   if rc.date is not None else pd.NaT)
    for source, target in (("total_yes", "yes"), ("total_no", "no"), ("total_abstentions", "abstain"),
                           ("total_non_voting", "non_voting"), ("total_ms", "members")):
        values = rc.totals.get(source)
        per_motion = values[first] if values is not None else np.full(len(first), -1)
        out[target] = pd.array([int(v) if v >= 0 else pd.NA for v in per_motion], dtype="Int64")
    out["roll_call"] = True
    return out


__all__ = ["TOTALS", "read_undl", "read_undl_full", "read_vote_file"]
