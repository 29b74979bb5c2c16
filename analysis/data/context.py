"""The context: every recorded General Assembly vote of 2014-2021, in which the Ukraine votes are read.

``ga_context_motions.csv`` (725 roll calls, with the UN Digital Library record
number and the record's totals) and ``ga_context_votes.csv`` (725 x 193 =
139,925 votes) are declared in :mod:`analysis.data.schema`. They are never
mixed into :func:`analysis.load_votes`: the context stops at 2021, so whatever
is said of "all GA votes" holds for 2014-2021 only.

:func:`load_context` reads the votes at once with pyarrow
(:func:`analysis.data.schema.read_table_fast`) and checks them with the one
roll-call checker, on integer codes: each member once per motion, all 193 on
every roll call, and the counts equal to the record's yes, no, abstain and
non_voting. Anything wrong is read again line by line (:func:`read_table`), so
the message names the file, the line and the value as every other loader's
does. The result is cached per version of the files (:func:`stamp`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .bodies import body_of, ga_session
from .members import PathLike, member_codes
from .schema import (
    TABLES,
    VOTE_CODES,
    FileVersion,
    VoteDataError,
    data_path,
    file_version,
    read_table,
    read_table_fast,
    stamp,
    symbol_key,
)
from .votes import RollCalls, check_roll_calls

#: The columns of :func:`load_context`: those of ``load_votes(with_motions=True)`` and the GA session.
CONTEXT_COLUMNS = ["motion", "iso3", "vote", "date", "body", "session"]
#: What the context covers, for every sentence about "all GA votes".
CONTEXT_SPAN = "2014-2021"
#: The last day the bundled context covers whole: a GA roll call of a Library file dated after it that the context
#: does not hold is appended by ``update-data`` (one on or before it was left out on purpose, ``data/README.md``).
COVERED_UNTIL = pd.Timestamp("2021-12-31")
_RECORD = "the record (ga_context_motions.csv)"


def load_context_motions(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """Every recorded General Assembly vote of 2014-2021, one row each.

    Columns ``motion`` (the record's symbol: a resolution, or a draft symbol
    such as ``A/76/L.14``), ``date``, ``title``, ``yes``, ``no``, ``abstain``,
    ``non_voting`` (the record's totals), ``undl_record`` (UN Digital Library
    record number), then ``body`` (GA) and ``session`` (the regular session in
    which the vote fell, :func:`analysis.data.bodies.ga_session`). Checked on
    load: every symbol is a General Assembly one and every record's totals add
    up to the 193 members.
    """
    path = Path(path) if path else data_path(TABLES["context_motions"].file, data_dir)
    return _context_motions(file_version(path)).copy()


@lru_cache(maxsize=4)
def _context_motions(version: FileVersion) -> pd.DataFrame:
    frame = _fast_then_exact("context_motions", version.path, None, _check_motions)
    if FileVersion(version.path) != version:  # changed while it was read: never cache it under the old bytes
        raise VoteDataError("the file changed while it was read; read it again", file=version.path)
    return frame


def _check_motions(frame: pd.DataFrame, lines: list[int] | None, path: Path) -> pd.DataFrame:
    bodies = pd.Series([body_of(m) for m in frame["motion"]], index=frame.index, dtype=object)
    totals = frame["yes"] + frame["no"] + frame["abstain"] + frame["non_voting"]
    members = TABLES["members"].rows
    wrong = (bodies.ne("GA") | totals.ne(members)).to_numpy()
    if wrong.any():
        i = int(wrong.argmax())
        problem = ("not a General Assembly symbol (the context holds GA votes: A/...)" if bodies.iat[i] != "GA"
                   else f"yes, no, abstain and non_voting add up to {totals.iat[i]}, not the {members} members")
        raise VoteDataError(problem, file=path, line=None if lines is None else lines[i], value=frame["motion"].iat[i])
    frame["undl_record"] = frame["undl_record"].astype("str")
    frame["body"] = bodies.astype("str")
    frame["session"] = ga_session(frame["date"])
    return frame


def _fast_then_exact(name: str, path: Path, codes: frozenset[str] | None, check, **options):
    """``check(frame, lines, path)`` on the table read fast; if the fast read or the check fails, on the table
    read line by line (:func:`read_table`), so that the error names the line as every loader's does."""
    frame = read_table_fast(name, path, codes=codes, **options)
    if frame is not None:
        try:
            return check(frame, None, path)
        except VoteDataError:
            pass  # the line-exact reader below names the line
    frame, lines = read_table(name, path, codes=codes)
    return check(frame, lines, path)


def load_context(path: PathLike = None, motions: pd.DataFrame | PathLike = None, *,
                 data_dir: PathLike = None) -> pd.DataFrame:
    """Every country-level vote of the General Assembly's recorded votes of 2014-2021 (139,925 rows).

    Columns ``motion, iso3, vote, date, body, session``: the columns of
    ``load_votes(with_motions=True)`` and the GA session of each vote. Its rows
    of A/RES/68/262 and the ten Crimea resolutions of 2016-2021 are those of
    ``votes.csv``. ``motions`` is the context's motions table (default:
    :func:`load_context_motions` of the folder). Checked on load: every motion
    of the one file is in the other; each member once per motion, all 193 on
    every roll call; the counts equal the record's yes, no, abstain and
    non_voting. Read once per version of the files, a fresh copy each call.

    Examples:
        >>> context = load_context()
        >>> len(context), context["motion"].nunique(), context["session"].min(), context["session"].max()
        (139925, 725, 68, 76)
    """
    path = Path(path) if path else data_path(TABLES["context_votes"].file, data_dir)
    members = data_path(TABLES["members"].file, data_dir)
    if isinstance(motions, pd.DataFrame):
        return _checked(path, motions, member_codes(data_dir=data_dir))
    motions_path = Path(motions) if motions else data_path(TABLES["context_motions"].file, data_dir)
    versions = (stamp(path), stamp(motions_path), stamp(members))
    return _cached(str(path), str(motions_path), str(members), data_dir, versions).copy()


@lru_cache(maxsize=2)
def _cached(path: str, motions_path: str, members: str, data_dir: PathLike, versions: tuple) -> pd.DataFrame:
    return _checked(Path(path), load_context_motions(motions_path), member_codes(data_dir=data_dir))


def _checked(path: Path, motions: pd.DataFrame, codes: frozenset[str]) -> pd.DataFrame:
    """The votes read fast and checked on the codes of the fast read; anything wrong read again line by line,
    for the exact message."""
    encoded: dict[str, tuple[np.ndarray, list[str]]] = {}

    def check(frame: pd.DataFrame, lines: list[int] | None, path: Path) -> pd.DataFrame:
        return _check(frame, lines, path, motions, codes, encoded if lines is None else None)

    return _fast_then_exact("context_votes", path, codes, check, check_key=False, encoded=encoded)


def _check(frame: pd.DataFrame, lines: list[int] | None, path: Path, motions: pd.DataFrame,
           codes: frozenset[str], encoded: dict | None = None) -> pd.DataFrame:
    """The roll-call rules on integer codes, then the long table built from the codes (no Python step per row)."""
    if encoded:  # the codes of the fast read: no second pass over the rows' strings
        (motion, motion_names), (member, member_names), (vote, vote_names) = (encoded[c] for c in
                                                                                ("motion", "iso3", "vote"))
        cast = np.array([VOTE_CODES.index(v) for v in vote_names], dtype=np.int8)[vote]
        rc = RollCalls(motion.astype(np.int32), motion_names, member.astype(np.int32), member_names, cast, _no_lines)
    else:
        rc = RollCalls.from_frame(frame, lines or [])
    if lines is None:
        rc.line = _no_lines  # the fast read knows no lines: a failure is read again, line by line
    spelled = dict(zip(map(symbol_key, motions["motion"]), motions["motion"]))
    known = [spelled.get(symbol_key(m)) for m in rc.motions]
    if None in known:
        code = known.index(None)
        row = int(rc.first_rows()[code])
        raise VoteDataError("motion is not in ga_context_motions.csv", file=path, line=rc.line(row),
                            value=rc.motions[code])
    respelled = known != rc.motions
    if respelled:  # two spellings of one motion are one motion
        merged, names = pd.factorize(pd.Series(known, dtype=object))
        rc.motion, rc.motions, rc._first = merged[rc.motion].astype(np.int32), list(names), None
        known = rc.motions
    without = sorted(set(motions["motion"]) - set(known))
    if without:
        raise VoteDataError("a motion of ga_context_motions.csv has no country-level rows", file=path,
                            value=without[0])
    facts = ["yes", "no", "abstain", "non_voting", "date", "body", "session"]
    indexed = pd.DataFrame({c: motions[c].to_numpy() for c in facts}, index=motions["motion"].to_numpy())
    check_roll_calls(rc, path, official=indexed, rosters={"GA": codes}, official_name=_RECORD)
    return _frame(rc, indexed.reindex(known), None if respelled else frame)


def _no_lines(row: int) -> None:
    return None


def _frame(rc: RollCalls, motions: pd.DataFrame, read: pd.DataFrame | None = None) -> pd.DataFrame:
    """``motion, iso3, vote, date, body, session`` from the codes, each motion's facts taken by its code; the
    columns ``read`` already holds as they should be (``motion, iso3, vote``) are taken from it."""
    def text(indices: np.ndarray, dictionary: list[str]) -> pa.Array:
        return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()),
                                              pa.array(dictionary, pa.string())).cast(pa.string())

    if read is None:
        out = pa.table({"motion": text(rc.motion, rc.motions), "iso3": text(rc.member, rc.members),
                        "vote": text(rc.vote.astype(np.int32), list(VOTE_CODES))}).to_pandas()
    else:
        out = read[["motion", "iso3", "vote"]].copy()
    out["date"] = motions["date"].to_numpy()[rc.motion]
    out["body"] = pa.table({"body": text(rc.motion, list(motions["body"]))}).to_pandas()["body"].to_numpy()
    out["session"] = motions["session"].to_numpy()[rc.motion]
    return out[CONTEXT_COLUMNS]
