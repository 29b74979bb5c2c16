"""Roll calls: the motions table, the country-level votes, partial records, and the one roll-call checker.

Every door through which votes enter (the bundled ``votes.csv``, a file in the
project layout ``motion, iso3, vote``, the UN Digital Library's member-level and
resolution-level files) turns its rows into :class:`RollCalls`, integer codes
for motion, member and vote, and hands them to :func:`check_roll_calls`. So the
same rules give the same messages wherever the data came from:

- a motion id is never empty, and its body comes from its symbol (``A/RES/...``,
  ``A/ES-11/...`` the General Assembly, at most 193 members; ``S/RES/...`` the
  Security Council, at most 15: :func:`~analysis.data.bodies.body_of`; another
  organ's symbol such as ``A/HRC/...`` is refused), or from the motions table for
  an id that is not a UN symbol;
- a member appears once per motion, and a motion has at least one member row;
- a file's own totals are the same on every row of a motion and equal its counts;
- one real ``YYYY-MM-DD`` date per motion, where the file has dates;
- where the motions table is known: the counts equal the official tally (a
  partial record may not exceed it), and a roll call lists the full roster.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .bodies import BODY_NAMES, LIMITS, body_of
from .members import PathLike, load_council, member_codes
from .motions import load_motions, package_symbols
from .schema import (
    TABLES,
    VOTE_CODES,
    VoteDataError,
    data_path,
    is_iso_date,
    normal_symbol,
    read_table,
    read_table_fast,
    symbol_key,
    tally_text,
)

#: Canonical names of a file's own total columns, with what each counts.
TOTALS = {"total_yes": "Y votes", "total_no": "N votes", "total_abstentions": "A votes",
          "total_non_voting": "X votes", "total_ms": "rows"}
_TALLY = ("yes", "no", "abstain")


@dataclass
class RollCalls:
    """Votes as integer codes, the form in which every door's rows are checked.

    ``motion``/``member``/``vote`` give each row's position in ``motions``,
    ``members`` and VOTE_CODES; ``totals`` holds a file's own ``total_*``
    columns per row, -1 where the cell is empty (a written ``-1`` is refused
    before it gets here, see :func:`analysis.schema.count`); ``date``/``dates`` each row's date;
    ``line(row)`` the physical line of a row in its file.
    """

    motion: np.ndarray
    motions: list[str]
    member: np.ndarray
    members: list[str]
    vote: np.ndarray
    line: Callable[[int], int | None]
    totals: dict[str, np.ndarray] = field(default_factory=dict)
    date: np.ndarray | None = None
    dates: list[str] | None = None
    labels: dict[str, str] = field(default_factory=dict)  # a total's column name in the file, where it differs

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, lines: list[int]) -> RollCalls:
        """From a checked ``motion, iso3, vote`` table and the line of each row."""
        motion, motions = pd.factorize(frame["motion"])
        member, members = pd.factorize(frame["iso3"])
        cast, codes = pd.factorize(frame["vote"])  # each distinct code looked up once, not each row
        vote = np.array([VOTE_CODES.index(c) for c in codes], dtype=np.int8)[cast]
        return cls(motion.astype(np.int32), list(motions), member.astype(np.int32), list(members), vote,
                   lambda row: lines[row])

    def frame(self) -> pd.DataFrame:
        """The tidy long table ``motion, iso3, vote`` (built from the codes without Python loops)."""
        def text(indices: np.ndarray, dictionary: list[str]) -> pa.Array:
            return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()),
                                                  pa.array(dictionary, pa.string())).cast(pa.string())

        return pa.table({"motion": text(self.motion, self.motions), "iso3": text(self.member, self.members),
                         "vote": text(self.vote.astype(np.int32), list(VOTE_CODES))}).to_pandas()

    def first_rows(self) -> np.ndarray:
        """Each motion's first row (-1 for a motion without rows), found once (hash-based)."""
        if getattr(self, "_first", None) is None:
            self._first = np.full(len(self.motions), -1, dtype=np.int64)
            seen = pd.Series(self.motion).drop_duplicates()
            self._first[seen.to_numpy()] = seen.index.to_numpy()
        return self._first

    def counts(self) -> np.ndarray:
        """Motions x 4 counts of Y, N, A, X."""
        n = len(self.motions)
        return np.bincount(self.motion.astype(np.int64) * 4 + self.vote, minlength=4 * n).reshape(n, 4)


def check_roll_calls(rc: RollCalls, file: PathLike, *, bodies: dict[str, str] | None = None,
                     official: pd.DataFrame | None = None, rosters: dict[str, frozenset[str]] | None = None,
                     motion_rosters: dict[str, tuple[str, frozenset[str]]] | None = None, partial: bool = False,
                     official_name: str = "the motions table") -> list[str]:
    """Check roll calls by the rules in the module doc; return each motion's body. Raises VoteDataError.

    ``bodies`` gives the body of ids that are not UN symbols; ``official`` is the
    motions table (indexed by motion) whose yes/no/abstain (and ``non_voting``,
    where it has that column) the counts must equal (with ``partial``, may not
    exceed), named ``official_name`` in messages; ``rosters`` maps a body to the
    members a roll call of that body must list exactly, and ``motion_rosters``
    a motion id to (label, members) for a motion whose roster is its own (a
    Council roll call lists the Council of its year: ``("the Council of 2022", ...)``).
    """
    def fail(row: int | None, problem: str, value: object = None, motion: int | None = None) -> None:
        raise VoteDataError(problem, file=file, line=None if row is None else rc.line(row), value=value,
                            motion=None if motion is None else rc.motions[motion])

    first = rc.first_rows()
    motion_body = []
    for code, symbol in enumerate(rc.motions):
        body = body_of(symbol) or (bodies or {}).get(symbol)
        if first[code] < 0:
            fail(None, "a vote with no member rows", symbol)
        if not symbol:
            fail(int(first[code]), "empty motion id", symbol)
        if body is None:
            fail(int(first[code]), "cannot tell the body from the motion id (a General Assembly symbol starts "
                 "A/RES/, A/ES-, A/S- or A/<session>/, a Security Council symbol S/RES/, S/PV. or S/<year>/; "
                 "A/HRC/, A/C. or E/ name other organs)", symbol)
        motion_body.append(body)
    key = rc.motion.astype(np.int64) * max(len(rc.members), 1) + rc.member
    if np.bincount(key).max(initial=0) > 1:  # a member twice in a motion; then find its first repeated row
        row = int(pd.Series(key).duplicated().to_numpy().argmax())
        fail(row, "member appears twice in the same motion", rc.members[rc.member[row]], int(rc.motion[row]))
    sizes = np.bincount(rc.motion, minlength=len(rc.motions))
    limits = np.array([LIMITS[b] for b in motion_body], dtype=np.int64)
    if (sizes > limits).any():
        rank = pd.Series(rc.motion).groupby(rc.motion).cumcount().to_numpy()
        row = int((rank >= limits[rc.motion]).argmax())
        code = int(rc.motion[row])
        fail(row, f"{int(sizes[code])} members voted; a {BODY_NAMES[motion_body[code]]} vote has at most "
             f"{limits[code]}; extra row", rc.members[rc.member[row]], code)
    if rc.date is not None:
        _check_dates(rc, first, fail)
    counts = rc.counts()
    _check_totals(rc, first, counts, sizes, fail)
    if official is not None:
        _check_tallies(rc, counts, motion_body, official, partial, fail, official_name)
    if rosters or motion_rosters:
        _check_rosters(rc, motion_body, rosters or {}, motion_rosters or {}, sizes, fail)
    return motion_body


def _check_totals(rc: RollCalls, first: np.ndarray, counts: np.ndarray, sizes: np.ndarray, fail) -> None:
    """A file's own totals: the same on every row of a motion, and equal to its counts (an empty total: unchecked)."""
    expected = {"total_yes": counts[:, 0], "total_no": counts[:, 1], "total_abstentions": counts[:, 2],
                "total_non_voting": counts[:, 3], "total_ms": sizes}
    for column, values in rc.totals.items():
        per_motion, name = values[first], rc.labels.get(column, column)
        differs = values != per_motion[rc.motion]
        if differs.any():
            row = int(differs.argmax())
            fail(row, f"{name} differs between rows of the same motion", int(values[row]), int(rc.motion[row]))
        wrong = (per_motion >= 0) & (per_motion != expected[column])
        if wrong.any():
            code = int(np.flatnonzero(wrong)[np.argmin(first[wrong])])
            fail(int(first[code]), f"the motion has {int(expected[column][code])} {TOTALS[column]} but its "
                 f"{name} column says {int(per_motion[code])}", None, code)


def _check_rosters(rc: RollCalls, motion_body: list[str], rosters: dict[str, frozenset[str]],
                   motion_rosters: dict[str, tuple[str, frozenset[str]]], sizes: np.ndarray, fail) -> None:
    """Each roll call of a body with a roster (or of a motion with its own) lists exactly its members.

    Members appear once per motion (checked before), so a motion lists its roster exactly when it has as many
    rows as the roster has members and all of them are on it: counted for all motions at once, per roster.
    """
    chosen = [motion_rosters.get(m) or (None, rosters.get(b)) for m, b in zip(rc.motions, motion_body)]
    wrong: list[int] = []
    for roster in {id(r): r for _, r in chosen if r is not None}.values():
        codes = np.array([i for i, (_, r) in enumerate(chosen) if r is roster])
        on_roster = np.array([m in roster for m in rc.members], dtype=bool)
        inside = np.bincount(rc.motion[on_roster[rc.member]], minlength=len(rc.motions))
        bad = (inside[codes] != len(roster)) | (sizes[codes] != len(roster))
        wrong += codes[bad].tolist()
    if wrong:
        code = min(wrong)
        label, roster = chosen[code]
        present = {rc.members[m] for m in rc.member[rc.motion == code]}
        missing, extra = sorted(roster - present), sorted(present - roster)
        detail = f"missing {', '.join(missing[:10])}" if missing else f"not on the roster {', '.join(extra)}"
        whose = f" of {label}" if label else " of its roster"
        fail(None, f"a {BODY_NAMES[motion_body[code]]} roll call must list all {len(roster)} members{whose} once; "
             f"found {len(present)} ({detail})", None, code)


def _check_dates(rc: RollCalls, first: np.ndarray, fail) -> None:
    """One real YYYY-MM-DD date per motion (spaces around a date are not a second date)."""
    for index, text in enumerate(rc.dates):
        if not is_iso_date(text.strip()):
            row = int((rc.date == index).argmax())
            fail(row, "date must be a real calendar date written YYYY-MM-DD", text, int(rc.motion[row]))
    same, stripped = pd.factorize(pd.Series([d.strip() for d in rc.dates], dtype=object))
    date = same[rc.date]
    other = date != date[first[rc.motion]]
    if other.any():
        row = int(other.argmax())
        fail(row, f"a second date for the same motion (first {stripped[date[first[rc.motion[row]]]]})",
             rc.dates[rc.date[row]], int(rc.motion[row]))


def _check_tallies(rc: RollCalls, counts: np.ndarray, bodies: list[str], official: pd.DataFrame, partial: bool,
                   fail, official_name: str = "the motions table") -> None:
    """Counts equal the official Y/N/A tally, and X the ``non_voting`` count where ``official`` has it (partial:
    Y, N, A and X never exceed it)."""
    if partial:
        return _check_partial_tallies(rc, counts, bodies, official, fail)
    columns = [*_TALLY, *(["non_voting"] if "non_voting" in official.columns else [])]
    table = official.reindex(rc.motions)[columns]
    expected = np.column_stack([pd.to_numeric(table[c]).to_numpy(dtype=float, na_value=np.nan) for c in columns])
    wrong = ~np.isnan(expected) & (counts[:, :len(columns)] != expected)
    if wrong.any():
        code = int(wrong.any(axis=1).argmax())
        i = int(wrong[code].argmax())
        shown = tally_text(dict(zip(_TALLY, table.iloc[code][list(_TALLY)])))
        if i == 3:
            fail(None, f"counted {int(counts[code, 3])} members not voting but {official_name} gives "
                 f"{int(expected[code, 3])}; non_voting differs", int(counts[code, 3]), code)
        fail(None, f"counted {tally_text(dict(zip(_TALLY, counts[code, :3])))} (yes-no-abstain) but {official_name} "
             f"gives {shown}; {columns[i]} differs", int(counts[code, i]), code)


def _check_partial_tallies(rc: RollCalls, counts: np.ndarray, bodies: list[str], official: pd.DataFrame,
                           fail) -> None:
    """A partial record: Y, N, A and X never exceed the motion's tally (X: the members the tally leaves out)."""
    for code, motion in enumerate(rc.motions):
        row = official.loc[motion]
        tally = [row[c] for c in _TALLY]
        known = [pd.notna(t) for t in tally]
        limits = tally + ([LIMITS[bodies[code]] - sum(int(t) for t in tally)] if all(known) else [pd.NA])
        for i, limit in enumerate(limits):
            if pd.notna(limit) and counts[code, i] > int(limit):
                rows = np.flatnonzero((rc.motion == code) & (rc.vote == i))
                fail(int(rows[-1]), f"more {VOTE_CODES[i]} votes ({counts[code, i]}) than the motion's tally "
                     f"allows ({int(limit)})", VOTE_CODES[i], code)


# --- the bundled tables -------------------------------------------------------------------------------------

def _motions(motions: pd.DataFrame | PathLike, data_dir: PathLike) -> pd.DataFrame:
    return motions if isinstance(motions, pd.DataFrame) else load_motions(motions, data_dir=data_dir)


def _canonical(frame: pd.DataFrame, lines: list[int], path: Path, motions: pd.DataFrame,
               strict: bool = True, data_dir: PathLike = None) -> pd.DataFrame:
    """Each motion id spelled as in the motions table; an id it lacks is refused (``strict``) or written in the
    normal form of UN symbols (:func:`~analysis.data.motions.canonical_symbol`)."""
    codes, uniques = pd.factorize(frame["motion"])
    keys = pd.Series(np.asarray([symbol_key(m) for m in uniques], dtype=object)[codes], index=frame.index)
    known = dict(zip(map(symbol_key, motions["motion"]), motions["motion"]))
    unknown = ~keys.isin(known)
    if not strict:
        spelled = package_symbols(data_dir)  # canonical_symbol, the spellings looked up once, not per row
        frame["motion"] = [known.get(k) or spelled.get(k) or normal_symbol(m) for k, m in zip(keys, frame["motion"])]
        return frame
    if unknown.any():
        i = int(unknown.to_numpy().argmax())
        raise VoteDataError("motion is not in the motions table", file=path, line=lines[i], value=frame["motion"].iat[i])
    frame["motion"] = keys.map(known)
    return frame


def read_votes(path: PathLike, *, data_dir: PathLike = None) -> pd.DataFrame:
    """Read a vote file in the project layout (``motion, iso3, vote``), normalized and checked.

    Codes are upper-cased and checked against the 193 members; vote codes go to
    Y/N/A/X (``NV``, lower case and spaces tolerated); motion ids are tidied
    (spaces, NFC) and spelled as in the bundled motions table where it has them,
    else in upper case. Roll-call rules apply; no tally or roster check here
    (:func:`load_votes` adds those).
    """
    path = Path(path)
    frame, lines = read_table("votes", path, codes=member_codes(data_dir=data_dir))
    frame = _canonical(frame, lines, path, load_motions(data_dir=data_dir), strict=False, data_dir=data_dir)
    check_roll_calls(RollCalls.from_frame(frame, lines), path)
    return frame


def load_votes(path: PathLike = None, motions: pd.DataFrame | PathLike = None, *, data_dir: PathLike = None,
               with_motions: bool = False) -> pd.DataFrame:
    """Country-level votes as one tidy long table: ``motion``, ``iso3``, ``vote`` (Y/N/A/X).

    By default the bundled records: 20 General Assembly votes x 193 members
    (A/RES/68/262, the ten Crimea resolutions of 2016-2021, A/RES/ES-11/1 to 9)
    and 4 Security Council votes x 15 members (the drafts S/2022/155 and
    S/2022/720, S/RES/2623 (2022), S/RES/2774 (2025)). Give ``path`` (and
    ``motions``, a motions table or its CSV path) to load your own records in
    the same layout, for instance the country-level record of an amendment
    vote; ``data_dir`` reads another folder laid out like ``data/``.

    Checked on load: every motion is in the motions table with ``roll_call``
    true and vice versa, the roll-call rules (see the module doc), each GA roll
    call lists the 193 members and each SC roll call the 15 Council members of
    its year (:func:`analysis.load_council`; a year whose membership is not held
    is refused), the Y/N/A counts equal the official tally, and the member a
    ``vetoed_by`` names voted no. With ``with_motions=True`` each row also
    carries the motion's ``date`` and ``body``, so ``votes[votes.date.dt.year == 2025]`` works.
    """
    path = Path(path) if path else data_path("votes.csv", data_dir)
    motions = _motions(motions, data_dir)
    codes = member_codes(data_dir=data_dir)
    frame = read_table_fast("votes", path, codes=codes)  # at once; None where anything is not as declared
    if frame is not None:
        try:
            return _checked_votes(frame, list(range(2, len(frame) + 2)), path, motions, codes, data_dir, with_motions)
        except VoteDataError:
            pass  # read again line by line, so that the message names the file's own line
    frame, lines = read_table("votes", path, codes=codes)
    return _checked_votes(frame, lines, path, motions, codes, data_dir, with_motions)


def _checked_votes(frame: pd.DataFrame, lines: list[int], path: Path, motions: pd.DataFrame, codes: frozenset[str],
                   data_dir: PathLike, with_motions: bool) -> pd.DataFrame:
    """:func:`load_votes` after the read: ids spelled as the motions table does, then every check."""
    frame = _canonical(frame, lines, path, motions)
    flagged = set(motions.loc[motions["roll_call"], "motion"])
    without = sorted(flagged - set(frame["motion"]))
    if without:
        raise VoteDataError("the motions table says roll_call yes but there are no country-level rows", file=path,
                            value=without[0])
    stray = ~frame["motion"].isin(flagged)
    if stray.any():
        i = int(stray.to_numpy().argmax())
        raise VoteDataError("country-level rows for a motion whose roll_call is not yes in the motions table",
                            file=path, line=lines[i], value=frame["motion"].iat[i])
    council = load_council(data_dir=data_dir)
    indexed = motions.set_index("motion")
    check_roll_calls(RollCalls.from_frame(frame, lines), path, bodies=indexed["body"].to_dict(), official=indexed,
                     rosters={"GA": codes}, motion_rosters=council_rosters(frame, motions, council, path))
    _check_vetoes(frame, motions, council, path)
    if with_motions:
        frame = frame.merge(motions[["motion", "date", "body"]], on="motion", how="left", validate="many_to_one")
    return frame


def council_rosters(frame: pd.DataFrame, motions: pd.DataFrame, council: pd.DataFrame,
                    path: PathLike = None) -> dict[str, tuple[str, frozenset[str]]]:
    """Each Council roll call of ``frame`` -> ("the Council of YEAR", its 15 members), by the year of its date.

    ``council`` is the long table of :func:`analysis.load_council`. A Council
    vote of a year whose membership is not held is refused: never read with
    another year's Council.
    """
    members: dict[int, set[str]] = {}
    for year, iso3 in zip(council["year"].tolist(), council["iso3"].tolist()):
        members.setdefault(year, set()).add(iso3)
    years = {year: frozenset(codes) for year, codes in members.items()}
    recorded = set(pd.unique(frame["motion"]))
    out = {}
    for motion, body, date in zip(motions["motion"], motions["body"], motions["date"]):
        if body != "SC" or motion not in recorded:
            continue
        if date.year not in years:
            raise VoteDataError(f"a Council roll call of {date.year}, but no Council membership of that year is "
                                f"held (sc_members_{date.year}.csv; held: {', '.join(map(str, years))})", file=path,
                                motion=motion)
        out[motion] = (f"the Council of {date.year}", years[date.year])
    return out


def _check_vetoes(frame: pd.DataFrame, motions: pd.DataFrame, council: pd.DataFrame, path: Path) -> None:
    """A veto is a veto: the member ``vetoed_by`` names is a permanent member of that year and voted no."""
    if "vetoed_by" not in motions.columns:
        return
    vetoed = motions[motions["roll_call"] & motions["vetoed_by"].notna()]
    if vetoed.empty:
        return
    permanent = set(zip(council["year"].tolist(), council["iso3"].tolist(),
                        council["membership"].eq("permanent").tolist()))
    rows = frame[frame["motion"].isin(set(vetoed["motion"]))]
    cast = dict(zip(zip(rows["motion"], rows["iso3"]), rows["vote"]))
    for motion, member, date in zip(vetoed["motion"], vetoed["vetoed_by"], vetoed["date"]):
        if (date.year, member, True) not in permanent:
            raise VoteDataError(f"the motions table names a negative vote of a permanent member, but {member} is not "
                                f"a permanent member of the Council of {date.year}", file=path, motion=motion,
                                value=member)
        if cast.get((motion, member)) != "N":
            raise VoteDataError(f"the motions table says the negative vote of a permanent member ({member}) defeated "
                                f"it, but the record has {member} voting", file=path, motion=motion,
                                value=cast.get((motion, member)))


def load_partial_votes(path: PathLike = None, motions: pd.DataFrame | PathLike = None, *,
                       data_dir: PathLike = None) -> pd.DataFrame:
    """Country-level votes known only from news reports, for motions without a full record.

    Columns ``motion, iso3, vote, confidence, source_groups, source,
    other_sources``: ``source_groups`` counts the independent groups of reports
    that name the vote and ``confidence`` follows from it (high 3 or more,
    medium 2, low 1); ``source`` is a URL, ``other_sources`` further URLs,
    space-separated. Today: A/RES/ES-11/10 (24 February 2026), 52 of 193
    members (50 of the 170 votes cast, all 12 against, and 2 of the 23 not
    voting), and 3 votes on the request for separate votes
    (``A/ES-11/PV.23/motion-division``). Never mixed into :func:`load_votes`:
    a partial record is not a roll call. Checked on load: the roll-call rules,
    every motion in the motions table with ``roll_call`` false (a full record
    replaces a partial one), never more votes of a kind than the motion's
    tally, and each row's confidence against its source groups.
    """
    path = Path(path) if path else data_path("partial_votes.csv", data_dir)
    motions = _motions(motions, data_dir)
    frame, lines = read_table("partial_votes", path, codes=member_codes(data_dir=data_dir))
    frame = _canonical(frame, lines, path, motions)
    _check_confidence(frame, lines, path)
    full = frame["motion"].isin(set(motions.loc[motions["roll_call"], "motion"]))
    if full.any():
        i = int(full.to_numpy().argmax())
        raise VoteDataError("the motion has a full country-level record; a partial record would duplicate it",
                            file=path, line=lines[i], value=frame["motion"].iat[i])
    indexed = motions.set_index("motion")
    check_roll_calls(RollCalls.from_frame(frame, lines), path, bodies=indexed["body"].to_dict(), official=indexed,
                     partial=True)
    return frame


#: A partial vote's confidence, from the number of independent source groups that name it.
CONFIDENCE_RULE = "high: 3 or more source groups, medium: 2, low: 1"


def confidence_of(source_groups) -> np.ndarray:
    """The confidence that ``source_groups`` gives each row: high (3 or more), medium (2), low (1); "" below 1.

    >>> confidence_of([1, 2, 3, 18]).tolist()
    ['low', 'medium', 'high', 'high']
    """
    groups = np.asarray(source_groups, dtype=np.int64)
    return np.select([groups >= 3, groups == 2, groups == 1], ["high", "medium", "low"], default="")


def _check_confidence(frame: pd.DataFrame, lines: list[int], path: Path) -> None:
    """Each partial vote's confidence follows from its source groups (a contradiction is refused with its line)."""
    if frame.empty:
        return
    groups = frame["source_groups"].astype("int64")
    few = (groups < 1).to_numpy()
    if few.any():
        i = int(few.argmax())
        raise VoteDataError("source_groups must be at least 1 (a named vote has a source)", file=path,
                            line=lines[i], value=int(groups.iat[i]))
    wrong = (frame["confidence"].to_numpy() != confidence_of(groups))
    if wrong.any():
        i = int(wrong.argmax())
        raise VoteDataError(f"confidence does not follow from source_groups {int(groups.iat[i])} ({CONFIDENCE_RULE})",
                            file=path, line=lines[i], value=frame["confidence"].iat[i])


def load_sc_sources(path: PathLike = None, votes: pd.DataFrame | None = None, *,
                    data_dir: PathLike = None) -> pd.DataFrame:
    """The Security Council votes of 2022 member by member with their basis: ``motion, iso3, vote, vote_basis,
    source``.

    ``vote_basis`` is ``named in source`` or ``by elimination: ...`` (S/RES/2623
    (2022): the official 11-1-3 with the no and the three abstentions named
    leaves the other 11 as yes). ``votes`` is the table of :func:`load_votes`
    (default: the folder's). Checked on load: each row's vote is the vote of
    ``votes``, and every Council roll call the file names is covered member by member.
    """
    path = Path(path) if path else data_path(TABLES["sc_2022_sources"].file, data_dir)
    motions = load_motions(data_dir=data_dir)
    votes = load_votes(motions=motions, data_dir=data_dir) if votes is None else votes
    frame, lines = read_table("sc_2022_sources", path, codes=member_codes(data_dir=data_dir))
    frame = _canonical(frame, lines, path, motions)
    of_2022 = motions.loc[motions["body"].eq("SC") & motions["roll_call"] & motions["date"].dt.year.eq(2022), "motion"]
    record = votes[votes["motion"].isin(set(frame["motion"]) | set(of_2022))][["motion", "iso3", "vote"]]
    both = frame.merge(record, on=["motion", "iso3"], how="left", suffixes=("", "_record"), indicator=True)
    wrong = both["_merge"].ne("both").to_numpy() | (both["vote"] != both["vote_record"]).to_numpy()
    if wrong.any():
        i = int(wrong.argmax())
        found = both["vote_record"].iat[i]
        problem = (f"the vote differs from votes.csv ({found})" if both["_merge"].iat[i] == "both" else
                   "no such vote in votes.csv (not a roll call, or not a member voting on it)")
        raise VoteDataError(problem, file=path, line=lines[i], value=f"{frame['motion'].iat[i]} "
                            f"{frame['iso3'].iat[i]} {frame['vote'].iat[i]}")
    uncovered = record.merge(frame[["motion", "iso3"]], how="left", indicator=True)
    uncovered = uncovered[uncovered["_merge"].eq("left_only")]
    if len(uncovered):
        raise VoteDataError("a member's vote of this Council roll call has no row (basis and source)", file=path,
                            motion=uncovered["motion"].iat[0], value=uncovered["iso3"].iat[0])
    return frame
