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
from .members import PathLike, load_sc_members, member_codes
from .motions import load_motions, package_symbols
from .schema import (
    VOTE_CODES,
    VoteDataError,
    data_path,
    is_iso_date,
    normal_symbol,
    read_table,
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
        vote = frame["vote"].map({c: i for i, c in enumerate(VOTE_CODES)}).to_numpy(dtype=np.int8)
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
                     partial: bool = False) -> list[str]:
    """Check roll calls by the rules in the module doc; return each motion's body. Raises VoteDataError.

    ``bodies`` gives the body of ids that are not UN symbols; ``official`` is the
    motions table (indexed by motion) whose yes/no/abstain the counts must equal
    (with ``partial``, may not exceed); ``rosters`` maps a body to the members a
    roll call of that body must list exactly.
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
        _check_tallies(rc, counts, motion_body, official, partial, fail)
    if rosters:
        _check_rosters(rc, motion_body, rosters, fail)
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


def _check_rosters(rc: RollCalls, motion_body: list[str], rosters: dict[str, frozenset[str]], fail) -> None:
    """Each roll call of a body with a roster lists exactly its members."""
    for code, body in enumerate(motion_body):
        roster = rosters.get(body)
        if roster is None:
            continue
        present = {rc.members[m] for m in rc.member[rc.motion == code]}
        if present != roster:
            missing, extra = sorted(roster - present), sorted(present - roster)
            detail = f"missing {', '.join(missing[:10])}" if missing else f"not on the roster {', '.join(extra)}"
            fail(None, f"a {BODY_NAMES[body]} roll call must list all {len(roster)} members of its roster once; "
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
                   fail) -> None:
    """Counts equal the official Y/N/A tally (partial: Y, N, A and X never exceed it)."""
    for code, motion in enumerate(rc.motions):
        row = official.loc[motion]
        tally = [row[c] for c in _TALLY]
        known = [pd.notna(t) for t in tally]
        if partial:
            limits = tally + ([LIMITS[bodies[code]] - sum(int(t) for t in tally)] if all(known) else [pd.NA])
            for i, limit in enumerate(limits):
                if pd.notna(limit) and counts[code, i] > int(limit):
                    rows = np.flatnonzero((rc.motion == code) & (rc.vote == i))
                    fail(int(rows[-1]), f"more {VOTE_CODES[i]} votes ({counts[code, i]}) than the motion's tally "
                         f"allows ({int(limit)})", VOTE_CODES[i], code)
            continue
        for i, column in enumerate(_TALLY):
            if known[i] and counts[code, i] != int(tally[i]):
                shown = tally_text(dict(zip(_TALLY, tally)))
                fail(None, f"counted {tally_text(dict(zip(_TALLY, counts[code, :3])))} (yes-no-abstain) but the "
                     f"motions table gives {shown}; {column} differs", int(counts[code, i]), code)


# --- the bundled tables -------------------------------------------------------------------------------------

def _motions(motions: pd.DataFrame | PathLike, data_dir: PathLike) -> pd.DataFrame:
    return motions if isinstance(motions, pd.DataFrame) else load_motions(motions, data_dir=data_dir)


def _canonical(frame: pd.DataFrame, lines: list[int], path: Path, motions: pd.DataFrame,
               strict: bool = True, data_dir: PathLike = None) -> pd.DataFrame:
    """Each motion id spelled as in the motions table; an id it lacks is refused (``strict``) or written in the
    normal form of UN symbols (:func:`~analysis.data.motions.canonical_symbol`)."""
    keys = frame["motion"].map(symbol_key)
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

    By default the bundled records: 10 General Assembly votes x 193 members and
    S/RES/2774 (2025) x 15 Council members. Give ``path`` (and ``motions``, a
    motions table or its CSV path) to load your own records in the same layout,
    for instance the country-level record of an amendment vote; ``data_dir``
    reads another folder laid out like ``data/``.

    Checked on load: every motion is in the motions table with ``roll_call``
    true and vice versa, the roll-call rules (see the module doc), each GA roll
    call lists the 193 members and each SC roll call the 15 Council members of
    2025 (the only Council year in the data), and the Y/N/A counts equal the
    official tally. With ``with_motions=True`` each row also carries the
    motion's ``date`` and ``body``, so ``votes[votes.date.dt.year == 2025]`` works.
    """
    path = Path(path) if path else data_path("votes.csv", data_dir)
    motions = _motions(motions, data_dir)
    codes = member_codes(data_dir=data_dir)
    frame, lines = read_table("votes", path, codes=codes)
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
    council = frozenset(load_sc_members(data_dir=data_dir)["iso3"])
    indexed = motions.set_index("motion")
    check_roll_calls(RollCalls.from_frame(frame, lines), path, bodies=indexed["body"].to_dict(), official=indexed,
                     rosters={"GA": codes, "SC": council})
    if with_motions:
        frame = frame.merge(motions[["motion", "date", "body"]], on="motion", how="left", validate="many_to_one")
    return frame


def load_partial_votes(path: PathLike = None, motions: pd.DataFrame | PathLike = None, *,
                       data_dir: PathLike = None) -> pd.DataFrame:
    """Country-level votes known only from news reports, for motions without a full record.

    Columns ``motion, iso3, vote, confidence, source`` (confidence high, medium
    or low; source a URL). Today: A/RES/ES-11/10 (24 February 2026), 34 of the
    170 votes cast. Never mixed into :func:`load_votes`: a partial record is not
    a roll call. Checked on load: the roll-call rules, every motion in the
    motions table with ``roll_call`` false (a full record replaces a partial
    one), and never more votes of a kind than the motion's tally.
    """
    path = Path(path) if path else data_path("partial_votes.csv", data_dir)
    motions = _motions(motions, data_dir)
    frame, lines = read_table("partial_votes", path, codes=member_codes(data_dir=data_dir))
    frame = _canonical(frame, lines, path, motions)
    full = frame["motion"].isin(set(motions.loc[motions["roll_call"], "motion"]))
    if full.any():
        i = int(full.to_numpy().argmax())
        raise VoteDataError("the motion has a full country-level record; a partial record would duplicate it",
                            file=path, line=lines[i], value=frame["motion"].iat[i])
    indexed = motions.set_index("motion")
    check_roll_calls(RollCalls.from_frame(frame, lines), path, bodies=indexed["body"].to_dict(), official=indexed,
                     partial=True)
    return frame
