"""Refreshing the bundled data from a UN Digital Library voting file (``python -m analysis update-data FILE``).

The Dag Hammarskjöld Library republishes its General Assembly and Security
Council voting datasets a few times a year. When a release holds a roll call
the package lacks (A/RES/ES-11/10 of 24 February 2026 is known today only from
its tally and a partial record from news reports), this module brings it in,
and it proves on the way that every roll call already bundled is the one the
Library publishes.

Two steps, kept apart so that the first can be tested and shown without
touching anything:

- :func:`plan_update` reads the Library file (:func:`analysis.undl.read_undl_full`)
  and the data folder, selects the package's motions (A/RES/68/262, every ES-11
  resolution, S/RES/2774 (2025), and any motion of ``motions.csv``), compares
  every bundled roll call with the file member by member, and works out the new
  file contents. Any difference between a bundled roll call and the file raises
  :class:`UpdateConflict` naming motion, member and both votes. The planned
  data is loaded and validated by the package's own loaders in a scratch copy
  before anything is written (a problem names the data folder's own file, never the copy).
- :func:`apply_update` writes the new data folder in full beside the old one
  (the changed files written and flushed, the others hard-linked) and switches
  the two in one atomic step, then removes the old one: killed at any moment,
  the folder is the old data or the new, whole, with valid checksums, and no
  temporary file is ever inside it (what is left beside it, the next run
  removes). One update at a time: the run holds an exclusive ``flock`` on the
  data folder's parent folder, and a second run refuses in one line.

The same file extends the General Assembly context (``ga_context_motions.csv``,
``ga_context_votes.csv``: every recorded GA roll call, the Ukraine ones
included, identical to ``votes.csv`` where both hold one): every GA roll call
of the file that the context holds is compared with it member by member, as a
bundled roll call is, and every GA roll call of the file dated after the
context's last date is appended to it (:func:`_context_part`).

What an update may change, and nothing else: rows appended to ``votes.csv``
for a roll call the package lacks; in ``motions.csv`` that motion's row
(``roll_call`` yes, the tally counted from the Library's record, ``tally_quality``
``official``; empty ``meeting``/``draft``/``title_or_change`` filled from the
file) or, for a motion the table lacks, a new row appended with what the file
holds (``proposer`` and ``amends`` left empty: the file does not hold them);
the retired rows of ``partial_votes.csv`` (a partial record never stays beside
a full one); rows appended to ``ga_context_motions.csv`` and
``ga_context_votes.csv`` for the file's GA roll calls after the context's last
date; and the checksums of exactly those files in ``SHA256SUMS``. The
files keep their line ends, quoting and row order, so the diff shows only the
change.

An update never writes ``vote_topics.csv`` (the kind of each GA resolution, a classification made by a
person from its title) and never chooses a kind: a General Assembly resolution it adds whose title has no row
there is written all the same (its votes are facts), and the plan's summary, printed by a dry run too, names
it and says to add its row, for the report (:meth:`~analysis.data.tables.Tables.check`) refuses the data
until it has one (:attr:`UpdatePlan.without_kind`).

News-sourced values yield to the Library's record and every such change is
printed: a partial vote that the Library records differently, a tally reported
by news sources that differs from the record. Two official sources that
disagree (a bundled roll call, or a tally marked ``official``) stop the update.
"""

from __future__ import annotations

import csv
import errno
import glob
import hashlib
import io
import os
import re
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .bodies import ga_session
from .context import COVERED_UNTIL, load_context, load_context_motions
from .members import load_members
from .motions import load_motions, load_vote_topics
from .schema import TABLES, VoteDataError, check_file, clean_symbol, tally_text
from .schema import data_dir as resolve_data_dir
from .schema import symbol_key as motion_key
from .undl import read_undl_full
from .votes import load_partial_votes, load_votes

#: An emergency special session's resolution, on the normalized key: the series of a bundled one
#: (``a/res/es-11/``) brings in the series' later resolutions. Ids are matched on the one normal form of
#: symbols (:func:`~analysis.data.schema.symbol_key`): ``A/RES/ES-11/07`` is ES-11/7, never a new roll call.
EMERGENCY_SERIES = re.compile(r"(a/res/es-\d+/)\d+")
#: The files an update may rewrite, relative to the data folder (the manifest is written last).
VOTES, MOTIONS, PARTIAL, MANIFEST = "votes.csv", "motions.csv", "partial_votes.csv", "SHA256SUMS"
#: The kind of each GA resolution: read (its rows must be valid after the update), never written by an update.
TOPICS_FILE = TABLES["vote_topics"].file
#: The GA context's two files: the file's GA roll calls after the context's last date are appended to them.
CONTEXT_MOTIONS, CONTEXT_VOTES = TABLES["context_motions"].file, TABLES["context_votes"].file
#: Every file an update may write (the manifest last).
WRITTEN = (VOTES, MOTIONS, PARTIAL, CONTEXT_MOTIONS, CONTEXT_VOTES, MANIFEST)
MOTION_COLUMNS = TABLES["motions"].columns  # motions.csv as the schema declares it
OFFICIAL = "official"
#: The kind of a motion the update adds: the Library's voting data lists adopted resolutions only (A/RES/...,
#: S/RES/...), a kind the schema declares.
ADDED_KIND = next(f for f in TABLES["motions"].fields if f.name == "kind").choices[0]
TALLY = ("yes", "no", "abstain")
#: The motions.csv columns a row may take from the Library file's metadata (undl.METADATA_FIELDS reads them).
METADATA = ("meeting", "draft", "title_or_change")
#: How many differences an error message lists before saying "and N more".
SHOWN = 10


class UpdateConflict(VoteDataError):
    """The Library file contradicts the bundled data; nothing was written.

    ``differences`` holds one :class:`Difference` per member (or motion-level
    fact) that differs.
    """

    def __init__(self, problem: str, *, file: str | Path | None = None, differences: list | None = None,
                 motion: str | None = None) -> None:
        self.differences = list(differences or [])
        super().__init__(problem, file=file, motion=motion)


@dataclass(frozen=True)
class Difference:
    """One disagreement between the bundled data and the Library file (``None``: not in that source)."""

    motion: str
    what: str  # a member code, or "date", "body", "tally"
    bundled: str | None
    library: str | None

    def __str__(self) -> str:
        def shown(value: str | None) -> str:
            return value if value is not None else "(none)"

        return f"{self.motion} {self.what}: bundled {shown(self.bundled)}, Library file {shown(self.library)}"


@dataclass
class UpdatePlan:
    """What an update would do. ``files`` maps each file to rewrite (relative name) to its new bytes."""

    source: Path
    data_dir: Path
    body: str
    selected: list[str] = field(default_factory=list)       # the package's motions found in the file
    other_motions: int = 0                                   # motions of the file not selected
    compared: list[str] = field(default_factory=list)       # bundled roll calls found identical in the file
    added: list[dict] = field(default_factory=list)         # one dict per roll call added
    retired: dict[str, int] = field(default_factory=dict)   # motion -> partial votes retired
    superseded: list[tuple] = field(default_factory=list)   # (motion, iso3, partial vote, confidence, Library vote)
    context_last: pd.Timestamp | None = None                 # roll calls after it are appended
    context_compared: list[str] = field(default_factory=list)  # context roll calls found identical in the file
    context_added: list[dict] = field(default_factory=list)    # one dict per roll call appended to the context
    files: dict[str, bytes] = field(default_factory=dict)
    read: dict[str, str | None] = field(default_factory=dict)  # SHA-256 of each file the plan rests on, as read
    without_kind: list[tuple[str, str]] = field(default_factory=list)  # (motion, title): added, no vote_topics row

    @property
    def changed(self) -> bool:
        return bool(self.files)

    def summary(self) -> str:
        """What the update found and what it changes, one fact a line."""
        lines = [f"Library file {self.source} ({self.body}): {len(self.selected)} of the package's motions, "
                 f"{self.other_motions} other motions not used"]
        if self.compared:
            lines.append(f"compared {len(self.compared)} bundled roll calls with the file, member by member: "
                         f"identical ({', '.join(self.compared)})")
        for added in self.added:
            lines.append(f"added the roll call of {added['motion']} ({added['body']}, {added['date']}): "
                         f"{added['yes']}-{added['no']}-{added['abstain']}, {added['non_voting']} not voting, "
                         f"{added['members']} members ({VOTES}: {added['members']} rows appended)")
            if added["new_row"]:
                lines.append(f"  {MOTIONS}: new row for {added['motion']} from the file's metadata "
                             f"(tally_quality {OFFICIAL})")
            else:
                for change in added["row_changes"]:
                    lines.append(f"  {MOTIONS}: {added['motion']} {change}")
            retired = self.retired.get(added["motion"], 0)
            if retired:
                disagree = [s for s in self.superseded if s[0] == added["motion"]]
                lines.append(f"  {PARTIAL}: retired the {retired} partial votes of {added['motion']} (the full "
                             f"record replaces them); {retired - len(disagree)} of {retired} agree with the "
                             f"Library record")
                for motion, iso3, partial, confidence, library in disagree:
                    lines.append(f"    {iso3}: the partial record said {partial} ({confidence} confidence), "
                                 f"the Library records {library}; the Library record is kept")
        lines += self._context_summary()
        if not self.changed:
            after = f", and the file has no GA roll call after {self.context_last:%Y-%m-%d} that the context lacks" \
                if self.context_last is not None else ""
            lines.append(f"no change: the data already holds every roll call of the package that the file holds{after}")
        elif MANIFEST in self.files:
            lines.append(f"{MANIFEST}: new checksums of " + ", ".join(n for n in self.files if n != MANIFEST))
        for motion, title in self.without_kind:
            lines.append(f"{TOPICS_FILE}: no kind of vote for {motion}, a General Assembly resolution this update "
                         f"adds (title {title!r}): add its row (title, topic, basis) to {TOPICS_FILE}; the report "
                         "refuses the data until it has one (update-data never chooses a kind)")
        return "\n".join(lines)

    def _context_summary(self) -> list[str]:
        lines = []
        if self.context_compared:
            lines.append(f"compared {len(self.context_compared)} roll calls of the context ({CONTEXT_VOTES}) with the "
                         "file, member by member: identical")
        added = self.context_added
        if added:
            package = [a["motion"] for a in added if a["in_votes"]]
            sessions = sorted({a["session"] for a in added})
            lines.append(f"added {len(added)} GA roll calls dated after {self.context_last:%Y-%m-%d} to the context "
                         f"({added[0]['date']} to {added[-1]['date']}, session{'s' if len(sessions) > 1 else ''} "
                         f"{', '.join(map(str, sessions))}): {CONTEXT_MOTIONS} {len(added)} rows, {CONTEXT_VOTES} "
                         f"{sum(a['members'] for a in added):,} rows appended")
            if package:
                lines.append(f"  {len(package)} of them are the package's roll calls, the same votes as in {VOTES} "
                             f"(the context holds every recorded GA vote): {', '.join(package)}")
        return lines


# --- reading and writing the small CSV files without changing their format ---------------------------------

def _terminator(raw: str) -> str:
    return "\r\n" if "\r\n" in raw else "\n"


def _read_rows(path: Path) -> tuple[list[list[str]], str, str]:
    """(rows with the header first, line terminator, byte-order mark) of a small CSV, after proving that
    writing the rows back gives the same bytes (so a rewrite changes only what the update changes)."""
    raw = path.read_bytes().decode("utf-8")
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    text = raw[len(bom):]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    terminator = _terminator(text)
    if _write_rows(rows, terminator, bom) != path.read_bytes():
        raise VoteDataError("cannot rewrite this file without changing its format (quoting, blank lines or line "
                            "ends); nothing was written", file=path)
    return rows, terminator, bom


def _write_rows(rows: list[list[str]], terminator: str, bom: str = "") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator=terminator).writerows(rows)
    return (bom + out.getvalue()).encode("utf-8")


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


#: A line of ``SHA256SUMS`` as ``sha256sum`` writes it: the digest, then two spaces (text mode) or a space and
#: an asterisk (``sha256sum -b``, binary mode), then the name.
_CHECKSUM_LINE = re.compile(r"([0-9a-fA-F]{64}) ([ *])(.+)")


def _manifest(old: bytes, changed: dict[str, bytes], path: Path) -> bytes:
    """``SHA256SUMS`` with the lines of the changed files recomputed (appended, in name order, if absent); every
    other line (other files, comments starting with ``#``, blank lines, a ``*`` binary-mode marker) untouched.

    A manifest that is not UTF-8 (a file name in another encoding) or holds a line that is not a checksum line
    is refused with its line: nothing is written.
    """
    try:
        text = old.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise VoteDataError("not UTF-8 text (a file name in another encoding?), so the checksums cannot be "
                            "rewritten; nothing was written", file=path,
                            line=old[:exc.start].count(b"\n") + 1) from None
    terminator = _terminator(text) if text else "\n"
    lines = re.split(r"\r?\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    out, seen = [], set()
    for number, line in enumerate(lines, 1):
        found = _CHECKSUM_LINE.fullmatch(line)
        if found is None and line.strip() and not line.startswith("#"):
            raise VoteDataError("not a checksum line (expected a SHA-256, two spaces or ' *', and a file name); "
                                "nothing was written", file=path, line=number, value=line[:80])
        if found is not None and found.group(3) in changed:
            line = f"{_sha256(changed[found.group(3)])} {found.group(2)}{found.group(3)}"
            seen.add(found.group(3))
        out.append(line)
    out += [f"{_sha256(changed[n])}  {n}" for n in sorted(set(changed) - seen, key=str.encode)]
    return "".join(line + terminator for line in out).encode("utf-8")


# --- the Library file -------------------------------------------------------------------------------------

def _selected(file_motions: list[str], bundled: list[str]) -> dict[str, str]:
    """Raw id in the file -> the package's id, for the package's motions that the file holds.

    The package's motions: every motion of ``motions.csv`` (matched on :func:`motion_key`),
    and every resolution of an emergency special session the motions table holds
    resolutions of (ES-11). A motion of the file with no row in ``motions.csv``
    keeps the file's id.
    """
    by_key = {motion_key(m): m for m in bundled}
    series = {m.group(1) for m in map(EMERGENCY_SERIES.fullmatch, by_key) if m}
    chosen: dict[str, str] = {}
    for raw in file_motions:  # the reader has already made one motion of every spelling of a symbol
        key = motion_key(raw)
        found = EMERGENCY_SERIES.fullmatch(key)
        if key in by_key or (found and found.group(1) in series):
            chosen[raw] = by_key.get(key, clean_symbol(raw))
    return chosen


# --- the plan ---------------------------------------------------------------------------------------------

def _compare(motion: str, row: pd.Series | None, bundled: pd.Series | None, library: pd.Series,
             info: pd.Series, names: pd.Series) -> list[Difference]:
    """What differs between the bundled data on ``motion`` and the Library file.

    ``row`` is the motion's row in ``motions.csv`` (None if absent): its body and
    date must match the file's. ``bundled`` is its roll call (ISO3 -> vote; None
    if the data has none): every member's vote must match. Without a bundled
    roll call, a tally marked ``official`` must match the file's record; a
    news-sourced one may differ (the record replaces it, and the change is printed).
    """
    found = []
    if row is not None:
        if row["body"] != info["body"]:
            found.append(Difference(motion, "body", row["body"], info["body"]))
        if pd.notna(info["date"]) and info["date"] != row["date"]:
            found.append(Difference(motion, "date", f"{row['date']:%Y-%m-%d}", f"{info['date']:%Y-%m-%d}"))
    if bundled is not None:
        both = pd.concat({"bundled": bundled, "library": library}, axis=1).sort_index()
        for iso3, pair in both[both["bundled"].ne(both["library"])].iterrows():
            name = names.get(iso3)
            found.append(Difference(motion, f"{name} ({iso3})" if name else iso3,
                                    None if pd.isna(pair["bundled"]) else pair["bundled"],
                                    None if pd.isna(pair["library"]) else pair["library"]))
    elif row is not None and row["tally_quality"] == OFFICIAL:
        counts = library.value_counts()
        now = (int(counts.get("Y", 0)), int(counts.get("N", 0)), int(counts.get("A", 0)))
        before = (row["yes"], row["no"], row["abstain"])
        if any(pd.notna(b) and int(b) != n for b, n in zip(before, now)):
            found.append(Difference(motion, "official tally", tally_text(dict(zip(TALLY, before))),
                                    tally_text(dict(zip(TALLY, now)))))
    return found


def plan_update(library_file: str | Path, data_dir: str | Path | None = None) -> UpdatePlan:
    """Work out what refreshing ``data_dir`` from ``library_file`` changes, without writing to it.

    Four steps: compare every bundled roll call with the file (:func:`_compare_all`), compare the GA
    roll calls of the file that the context holds and find those after its last date (:func:`_context_part`),
    plan the new rows of the data files (:func:`_planned_files`), and validate the result with the package's
    loaders (:func:`_validate`). Raises :class:`UpdateConflict` if a bundled roll call (of ``votes.csv`` or of
    the context) differs from the file (or a motion's date or body, or an official tally), and
    :class:`~analysis.data.schema.VoteDataError` if the file or the data folder does not validate, or if the
    updated data would not.
    """
    source = Path(library_file)
    folder = resolve_data_dir(data_dir)
    plan_read = _digests(folder)  # before reading anything: apply_update refuses a folder changed since
    motions = load_motions(data_dir=folder)  # the data folder must validate before anything is planned
    votes = load_votes(motions=motions, data_dir=folder)
    partial = load_partial_votes(motions=motions, data_dir=folder)
    library_votes, library_motions = read_undl_full(source, metadata=True, data_dir=folder)
    body = str(library_motions["body"].iat[0]) if len(library_motions) else "?"
    chosen = _selected(list(library_motions["motion"]), list(motions["motion"]))
    plan = UpdatePlan(source=source, data_dir=folder, body=body, read=plan_read)
    info = library_motions.set_index("motion")
    names = load_members(data_dir=folder).set_index("iso3")["name"]
    in_context, later, context_differences = _context_part(plan, library_votes, library_motions, chosen, names)
    plan.other_motions = len(library_motions) - len(set(chosen) | set(in_context) | set(later))
    rows = library_votes[library_votes["motion"].isin(list(chosen) + later)]
    library = {raw: group.set_index("iso3")["vote"].astype(str) for raw, group in rows.groupby("motion", sort=False)}
    to_add, differences = _compare_all(plan, chosen, library, info, motions, votes, names)
    _stop_on(plan, list(dict.fromkeys(differences + context_differences)))  # a roll call in both files: once
    if to_add or later:
        plan.files = _planned_files(plan, to_add, [(raw, chosen.get(raw, raw)) for raw in later], library, info,
                                    partial)
        _validate(plan)
    return plan


def _stop_on(plan: UpdatePlan, differences: list[Difference]) -> None:
    """Raise :class:`UpdateConflict` listing the differences (the first :data:`SHOWN`), if there are any."""
    if differences:
        shown = "; ".join(str(d) for d in differences[:SHOWN])
        more = f"; and {len(differences) - SHOWN} more" if len(differences) > SHOWN else ""
        motions_named = sorted({d.motion for d in differences})
        raise UpdateConflict(f"the Library file contradicts the bundled data in {len(differences)} place(s) "
                             f"({', '.join(motions_named)}), so nothing was written: {shown}{more}",
                             file=plan.source, differences=differences)


def _compare_all(plan: UpdatePlan, chosen: dict[str, str], library: dict[str, pd.Series], info: pd.DataFrame,
                 motions: pd.DataFrame, votes: pd.DataFrame,
                 names: pd.Series) -> tuple[list[tuple[str, str]], list[Difference]]:
    """Compare each chosen motion of the file with the data (in time order): the (raw id, motion) to add, and
    every difference found.

    Records the identical roll calls in ``plan``.
    """
    official = motions.set_index("motion")
    recorded = set(votes["motion"])

    def in_time_order(item: tuple[str, str]) -> tuple:
        date = info.at[item[0], "date"]
        return (pd.isna(date), date if pd.notna(date) else pd.Timestamp(0), item[1])

    differences: list[Difference] = []
    to_add: list[tuple[str, str]] = []
    for raw, motion in sorted(chosen.items(), key=in_time_order):
        plan.selected.append(motion)
        row = official.loc[motion] if motion in official.index else None
        bundled = votes.loc[votes["motion"] == motion].set_index("iso3")["vote"].astype(str) \
            if motion in recorded else None
        found = _compare(motion, row, bundled, library[raw], info.loc[raw], names)
        differences += found
        if bundled is None:
            to_add.append((raw, motion))
        elif not found:
            plan.compared.append(motion)
    return to_add, differences


# --- the context: every recorded GA roll call -------------------------------------------------------------

def _context_part(plan: UpdatePlan, library_votes: pd.DataFrame, library_motions: pd.DataFrame,
                  chosen: dict[str, str], names: pd.Series) -> tuple[dict[str, str], list[str], list[Difference]]:
    """The file's GA roll calls against the context: (raw id -> context motion, for those the context holds;
    the raw ids dated after the context's last date, in date order; every difference found).

    The context is read with its loaders first (it must validate). A GA roll call of the file that the context
    holds is compared member by member, as a bundled roll call is (and its date); one dated after the
    context's last date is to be appended, whether or not it is one of the package's Ukraine roll calls: the
    context holds every recorded GA vote, those included (once each, with the votes of ``votes.csv``). A GA
    roll call of the file on or before that date that the context does not hold is not used (the context
    leaves some out on purpose: ``data/README.md``). No context files in the folder, or no GA roll call in the
    file: nothing to do.
    """
    folder = plan.data_dir
    ga = library_motions[library_motions["body"] == "GA"]
    if ga.empty or not all((folder / n).exists() for n in (CONTEXT_MOTIONS, CONTEXT_VOTES)):
        return {}, [], []
    held = load_context_motions(data_dir=folder)
    context = load_context(motions=held, data_dir=folder)
    # after the context's last date, or after the end of what it covers whole once an update went past it: a
    # roll call of a later update's file dated on the last day the earlier update added is not left out
    plan.context_last = min(held["date"].max(), COVERED_UNTIL)
    spelled = {motion_key(m): m for m in held["motion"]}
    in_context = {raw: spelled[motion_key(raw)] for raw in ga["motion"] if motion_key(raw) in spelled}
    dates = ga.set_index("motion")["date"]
    later = sorted((raw for raw in ga["motion"] if raw not in in_context and pd.notna(dates[raw])
                    and dates[raw] > plan.context_last), key=lambda raw: (dates[raw], chosen.get(raw, raw)))
    differences = _compare_context(in_context, library_votes, dates, context, held, names)
    differing = {d.motion for d in differences}
    plan.context_compared = [m for m in in_context.values() if m not in differing]
    return in_context, later, differences


def _compare_context(in_context: dict[str, str], library_votes: pd.DataFrame, dates: pd.Series,
                     context: pd.DataFrame, held: pd.DataFrame, names: pd.Series) -> list[Difference]:
    """Every difference between the context and the file on the roll calls both hold: a date, and a member's
    vote (or a member on one side only), in the context's date order, members by code. All at once (one merge,
    not one comparison per roll call: a Library file holds hundreds of the context's roll calls)."""
    if not in_context:
        return []
    held_dates = held.set_index("motion")["date"]
    found = [Difference(motion, "date", f"{held_dates[motion]:%Y-%m-%d}", f"{dates[raw]:%Y-%m-%d}")
             for raw, motion in in_context.items() if pd.notna(dates[raw]) and dates[raw] != held_dates[motion]]
    ours = context.loc[context["motion"].isin(set(in_context.values())), ["motion", "iso3", "vote"]].astype(str)
    file_rows = library_votes[library_votes["motion"].isin(list(in_context))]
    theirs = pd.DataFrame({"motion": file_rows["motion"].map(in_context).astype(str),
                           "iso3": file_rows["iso3"].astype(str), "vote": file_rows["vote"].astype(str)})
    both = ours.merge(theirs, on=["motion", "iso3"], how="outer", suffixes=("_bundled", "_library"))
    differ = both[both["vote_bundled"].ne(both["vote_library"])].copy()
    differ["when"] = differ["motion"].map(held_dates)
    for row in differ.sort_values(["when", "motion", "iso3"], kind="stable").itertuples(index=False):
        name = names.get(row.iso3)
        found.append(Difference(row.motion, f"{name} ({row.iso3})" if name else row.iso3,
                                None if pd.isna(row.vote_bundled) else row.vote_bundled,
                                None if pd.isna(row.vote_library) else row.vote_library))
    return sorted(found, key=lambda d: (held_dates[d.motion], d.motion, d.what != "date"))


def _planned_files(plan: UpdatePlan, to_add: list[tuple[str, str]], context_add: list[tuple[str, str]],
                   library: dict[str, pd.Series], info: pd.DataFrame, partial: pd.DataFrame) -> dict[str, bytes]:
    """The new bytes of each file the update rewrites: rows appended to ``votes.csv``, rows added or completed
    in ``motions.csv``, the partial records the full ones replace retired (for the roll calls ``to_add``); rows
    appended to the context's two files (for ``context_add``); ``SHA256SUMS`` recomputed."""
    folder = plan.data_dir
    for name in WRITTEN:
        if (folder / name).is_symlink():
            raise VoteDataError(f"is a symbolic link (to {os.readlink(folder / name)}): update-data writes the data "
                                "folder's own files and never through a link, so nothing was written; put the file "
                                "itself in the folder", file=folder / name)
    files = _roll_call_files(plan, to_add, library, info, partial) if to_add else {}
    if context_add:
        files.update(_context_files(plan, context_add, library, info))
    if (folder / MANIFEST).exists() or (folder / MANIFEST).is_symlink():
        check_file(folder / MANIFEST)
        files[MANIFEST] = _manifest((folder / MANIFEST).read_bytes(), files, folder / MANIFEST)
    return files


def _roll_call_files(plan: UpdatePlan, to_add: list[tuple[str, str]], library: dict[str, pd.Series],
                     info: pd.DataFrame, partial: pd.DataFrame) -> dict[str, bytes]:
    """``votes.csv`` and ``motions.csv`` with the roll calls ``to_add``, and ``partial_votes.csv`` without the
    partial records they replace (if any)."""
    folder = plan.data_dir
    motion_rows, motion_end, motion_bom = _read_rows(folder / MOTIONS)
    vote_raw = (folder / VOTES).read_bytes()
    _, vote_end, _ = _read_rows(folder / VOTES)  # proves that appending keeps the format
    partial_rows, partial_end, partial_bom = _read_rows(folder / PARTIAL)
    if motion_rows[0] != MOTION_COLUMNS:
        raise VoteDataError("motions.csv does not have the expected columns in the expected order; header is",
                            file=folder / MOTIONS, value=",".join(motion_rows[0]))
    new_vote_rows: list[list[str]] = []
    for raw, motion in to_add:
        record = library[raw].sort_index()  # votes.csv lists each motion's members by code
        plan.added.append(_motion_row(motion_rows, motion, record, info.loc[raw]))
        new_vote_rows += [[motion, iso3, vote] for iso3, vote in record.items()]
        _retire(plan, motion, record, partial)
    files = {VOTES: vote_raw + _write_rows(new_vote_rows, vote_end),
             MOTIONS: _write_rows(motion_rows, motion_end, motion_bom)}
    if plan.retired:
        kept = [partial_rows[0]] + [r for r in partial_rows[1:] if not r or r[0].strip() not in plan.retired]
        files[PARTIAL] = _write_rows(kept, partial_end, partial_bom)
    return files


def _context_files(plan: UpdatePlan, context_add: list[tuple[str, str]], library: dict[str, pd.Series],
                   info: pd.DataFrame) -> dict[str, bytes]:
    """The context's two files with the roll calls ``context_add`` (raw id, motion; in date order) appended in
    their layout: a ``ga_context_motions.csv`` row each (the record's title, the counts of its votes, its
    Library record number), then its members by code in ``ga_context_votes.csv``. Both files stay sorted by
    date, then motion, as they are: every roll call appended is dated after the last one they hold."""
    folder = plan.data_dir
    motion_rows, motion_end, motion_bom = _read_rows(folder / CONTEXT_MOTIONS)
    if motion_rows[0] != TABLES["context_motions"].columns:
        raise VoteDataError(f"{CONTEXT_MOTIONS} does not have the expected columns in the expected order; header is",
                            file=folder / CONTEXT_MOTIONS, value=",".join(motion_rows[0]))
    vote_raw, vote_end = _appendable(folder / CONTEXT_VOTES)
    in_votes = set(plan.compared) | {added["motion"] for added in plan.added}  # the package's roll calls
    sessions = ga_session([info.at[raw, "date"] for raw, _ in context_add])
    new_vote_rows: list[list[str]] = []
    for (raw, motion), session in zip(context_add, sessions):
        record = library[raw].sort_index()
        row = info.loc[raw]
        counts = {code: int(n) for code, n in record.value_counts().items()}
        values = {"motion": motion, "date": f"{row['date']:%Y-%m-%d}", "title": _context_title(plan, motion, row),
                  "yes": counts.get("Y", 0), "no": counts.get("N", 0), "abstain": counts.get("A", 0),
                  "non_voting": counts.get("X", 0), "undl_record": _record_number(plan, motion, row)}
        motion_rows.append([str(values[c]) for c in motion_rows[0]])
        new_vote_rows += [[motion, iso3, vote] for iso3, vote in record.items()]
        plan.context_added.append({**values, "session": int(session), "members": len(record),
                                   "in_votes": motion in in_votes})
    return {CONTEXT_MOTIONS: _write_rows(motion_rows, motion_end, motion_bom),
            CONTEXT_VOTES: vote_raw + _write_rows(new_vote_rows, vote_end)}


def _context_title(plan: UpdatePlan, motion: str, row: pd.Series) -> str:
    title = " ".join(str(row.get("title") or "").split())
    if not title:
        raise VoteDataError("the file gives no title for this roll call, which the context needs (its "
                            f"{CONTEXT_MOTIONS} row); nothing was written", file=plan.source, motion=motion)
    return title


def _record_number(plan: UpdatePlan, motion: str, row: pd.Series) -> str:
    """The roll call's UN Digital Library record number: the file's ``undl_id``, else the number in its
    ``undl_link`` (``.../record/4076672``); a roll call with neither is refused (the context holds one each)."""
    number = str(row.get("undl_id") or "").strip()
    if re.fullmatch(r"[0-9]{1,12}", number):
        return number
    found = re.search(r"/record/([0-9]{1,12})(?![0-9])", str(row.get("undl_link") or ""))
    if found:
        return found.group(1)
    raise VoteDataError("the file gives no UN Digital Library record number for this roll call (undl_id or "
                        f"undl_link), which the context needs ({CONTEXT_MOTIONS}, undl_record); nothing was written",
                        file=plan.source, motion=motion, value=number or None)


def _appendable(path: Path) -> tuple[bytes, str]:
    """(bytes, line terminator) of a large CSV that rows are appended to. Only what appending needs is proved
    (not the full rewrite of :func:`_read_rows`, slow on the context's 139,925 votes): the line
    terminator of its header, and a last line that ends with it, so the new rows start on a line of their own
    in the same style."""
    check_file(path)
    raw = path.read_bytes()
    header_end = re.search(rb"\r\n|\n|\r", raw)
    terminator = header_end.group().decode() if header_end else "\n"
    if terminator == "\r" or not raw.endswith(terminator.encode()):
        raise VoteDataError("cannot append to this file without changing its format (its last line has no line "
                            "end, or its lines end in CR only); nothing was written", file=path)
    return raw, terminator


def _motion_row(motion_rows: list[list[str]], motion: str, record: pd.Series, info: pd.Series) -> dict:
    """Complete the motion's row of ``motion_rows`` (or append a new one) from the Library record; what changed."""
    header = motion_rows[0]
    counts = record.value_counts()
    tally = {k: int(counts.get(c, 0)) for k, c in (("yes", "Y"), ("no", "N"), ("abstain", "A"))}
    meta = {"meeting": info["meeting"], "draft": info["draft"], "title_or_change": info["title"]}
    date_text = f"{info['date']:%Y-%m-%d}" if pd.notna(info["date"]) else ""
    position = {r[0]: i for i, r in enumerate(motion_rows) if i}
    added = {"motion": motion, "body": info["body"], "date": date_text, **tally, "non_voting": int(counts.get("X", 0)),
             "members": len(record), "new_row": motion not in position, "row_changes": []}
    if motion not in position:
        new = {"motion": motion, "body": info["body"], "date": date_text, **meta, "kind": ADDED_KIND, "amends": "",
               "proposer": "", **{k: str(v) for k, v in tally.items()}, "outcome": "adopted", "roll_call": "yes",
               "tally_quality": OFFICIAL}
        motion_rows.append([new[c] for c in header])
        return added
    row = dict(zip(header, motion_rows[position[motion]]))
    before = (row["yes"], row["no"], row["abstain"])
    changes = {"roll_call": "yes", "tally_quality": OFFICIAL, **{k: str(v) for k, v in tally.items()}}
    changes.update({c: meta[c] for c in METADATA if not row[c] and meta.get(c)})
    for column, value in changes.items():
        if row[column] != value and column not in ("yes", "no", "abstain"):
            added["row_changes"].append(f"{column} {row[column]!r} -> {value!r}")
    now = tally_text(tally)
    if before != tuple(str(tally[k]) for k in ("yes", "no", "abstain")):
        added["row_changes"].append(f"tally {'-'.join(v or '?' for v in before)} ({row['tally_quality']}) -> "
                                    f"{now} (the Library record)")
    else:
        added["row_changes"].append(f"tally {now} confirmed by the Library record")
    row.update(changes)
    motion_rows[position[motion]] = [row[c] for c in header]
    return added


def _retire(plan: UpdatePlan, motion: str, record: pd.Series, partial: pd.DataFrame) -> None:
    """The full record replaces the motion's partial one: count it, and note every named vote it contradicts."""
    known = partial[partial["motion"] == motion]
    if len(known):
        plan.retired[motion] = len(known)
        for item in known.itertuples(index=False):
            if record.get(item.iso3) != item.vote:
                plan.superseded.append((motion, item.iso3, item.vote, item.confidence, record.get(item.iso3)))


def _validate(plan: UpdatePlan) -> None:
    """Load the planned data with the package's loaders, in a scratch copy of the data folder; a problem is
    refused naming the data folder's own file (:func:`_in_data_folder`), never the scratch copy."""
    with tempfile.TemporaryDirectory(prefix="update-data-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(plan.data_dir, copy)
        for name, content in plan.files.items():
            (copy / name).write_bytes(content)
        try:
            motions = load_motions(data_dir=copy)
            load_votes(motions=motions, data_dir=copy)
            load_partial_votes(motions=motions, data_dir=copy)
            if CONTEXT_MOTIONS in plan.files:  # the one roll-call checker: 193 members each, counts = the record's
                load_context(motions=load_context_motions(data_dir=copy), data_dir=copy)
            topics = load_vote_topics(data_dir=copy, motions=motions)  # a row written before the vote is used now
        except VoteDataError as exc:
            raise _in_data_folder(plan, copy, exc) from None
    plan.without_kind = _without_kind(plan, motions, topics)


def _without_kind(plan: UpdatePlan, motions: pd.DataFrame, topics: pd.DataFrame) -> list[tuple[str, str]]:
    """(motion, title) of each General Assembly resolution the plan adds whose title has no row in the (planned)
    ``vote_topics.csv``, in the order added: the report refuses them until a person classifies them."""
    added = {motion_key(a["motion"]) for a in plan.added}
    kinds = set(topics["title"])
    rows = motions[motions["body"].eq("GA") & motions["kind"].eq("resolution")]
    missing = {motion_key(m): (m, t) for m, t in zip(rows["motion"], rows["title_or_change"])
               if motion_key(m) in added and t not in kinds}
    return [missing[motion_key(a["motion"])] for a in plan.added if motion_key(a["motion"]) in missing]


def _in_data_folder(plan: UpdatePlan, copy: Path, exc: VoteDataError) -> VoteDataError:
    """``exc``, raised by a loader on the scratch ``copy``, as the error of the data folder's own file: the file
    (and any path in the text) moved from the copy to ``plan.data_dir``, its line (of the file as the update
    would write it), value and motion kept, and the Library file named."""
    def real(text: str) -> str:
        return text.replace(str(copy), str(plan.data_dir))

    file = Path(real(exc.file)) if exc.file else Path(plan.data_dir)
    line = " (the line of the updated file)" if exc.line else ""
    value = real(exc.value) if isinstance(exc.value, str) else exc.value
    return VoteDataError(f"the update from {plan.source} would make this file invalid{line}, so nothing was "
                         f"written: {real(exc.problem)}", file=file, line=exc.line, value=value, motion=exc.motion)


# --- writing ---------------------------------------------------------------------------------------------
#
# The new folder is written in full beside the old one (``.data.update-XXXX.new`` in the same parent: the
# changed files written and flushed, every other file hard-linked, or copied where links are not possible),
# then the two are switched in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``) and the old one is
# removed. Killed at any moment, the folder is the old one or the new one, whole, with valid checksums, and
# nothing temporary is ever inside it; what is left beside it is removed by the next run. Where the system
# cannot exchange two folders (another kernel, some network filesystems), the old folder is renamed aside and
# the new one renamed in its place: between those two renames the folder is missing, and the next run puts
# the old one back. One writer at a time: the parent folder is locked (``flock``) for the whole run.

#: Stop here in tests: called with a description after each file operation of an update (a test raises or
#: kills the process in it, to check the folder after every step).
def checkpoint(step: str) -> None:
    """A no-op in use; tests replace it (see ``tests/test_update.py``)."""


def _digests(folder: Path) -> dict[str, str | None]:
    """SHA-256 of each file an update rests on (None where absent), to notice a folder changed since the plan."""
    out = {}
    for name in WRITTEN:
        try:
            out[name] = _sha256((folder / name).read_bytes()) if (folder / name).is_file() else None
        except OSError:
            out[name] = None
    return out


@contextmanager
def update_lock(folder: Path):
    """Hold the update lock of ``folder``: an exclusive ``flock`` on its parent folder (so the lock stays the
    same lock across the switch, and no lock file is left anywhere). A second update refuses at once, in one
    line, instead of writing over the first."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    parent = Path(folder).resolve().parent
    handle = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise VoteDataError(f"another update-data is writing this data folder now (it holds the lock on "
                                f"{parent}); nothing was written: run again when it has finished",
                                file=folder) from None
        yield
    finally:
        os.close(handle)  # releases the lock


def _leftovers(folder: Path) -> list[Path]:
    return sorted(folder.parent.glob(glob.escape(f".{folder.name}.update-") + "*"))


def recover(folder: str | Path) -> list[str]:
    """Finish what an interrupted update left beside ``folder`` (call it holding :func:`update_lock`): put the
    old folder back where the update stopped between its two renames (the folder is missing), and remove every
    other leftover folder. Returns one line per thing done."""
    folder = Path(folder).resolve()
    done = []
    leftovers = _leftovers(folder)
    old = [p for p in leftovers if p.name.endswith(".old")]
    if not folder.exists() and len(old) == 1:
        os.rename(old[0], folder)
        leftovers.remove(old[0])
        done.append(f"put back {folder} (an update was interrupted while switching folders)")
    for path in leftovers:
        shutil.rmtree(path)
        done.append(f"removed {path} (left by an interrupted update)")
    return done


def apply_update(plan: UpdatePlan) -> list[str]:
    """Write the planned files into ``plan.data_dir``, all at once; return their names.

    Holds :func:`update_lock`; refuses a folder that changed since the plan was made (another update: plan
    again). See the comment above for how the folder is switched; an interrupted update leaves the old data.
    """
    folder = Path(plan.data_dir)
    with update_lock(folder):
        recover(folder)
        return _apply(plan)


def _apply(plan: UpdatePlan) -> list[str]:
    folder = Path(plan.data_dir).resolve()
    if plan.read and _digests(folder) != plan.read:
        raise VoteDataError("the data folder changed since the update was planned (another update?); nothing was "
                            "written: plan it again", file=plan.data_dir)
    names = sorted(n for n in plan.files if n != MANIFEST) + ([MANIFEST] if MANIFEST in plan.files else [])
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.update-", suffix=".new"))
    try:
        checkpoint("staging folder created")
        _stage(folder, staging, plan.files)
        _switch(staging, folder)
    except BaseException:
        recover(folder)  # the old folder back in place if it was moved aside; the new (or old) copy removed
        raise
    return names


def _stage(folder: Path, staging: Path, files: dict[str, bytes]) -> None:
    """A full copy of ``folder`` in ``staging`` with ``files`` (relative name -> bytes) in their new content,
    every other file hard-linked (or copied), links kept as links, modes kept; everything flushed to disk."""
    os.chmod(staging, stat.S_IMODE(folder.stat().st_mode))
    for root, dirs, entries in os.walk(folder):
        here = Path(root)
        there = staging / here.relative_to(folder)
        for name in dirs:
            source = here / name
            if source.is_symlink():
                os.symlink(os.readlink(source), there / name)
            else:
                os.mkdir(there / name, stat.S_IMODE(source.stat().st_mode))
        for name in entries:
            _stage_file(here / name, there / name, files.get((here / name).relative_to(folder).as_posix()))
            checkpoint(f"staged {(here / name).relative_to(folder).as_posix()}")
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    for root, _, _ in os.walk(staging):
        _sync_folder(Path(root))
    checkpoint("staging folder flushed")


def _stage_file(source: Path, target: Path, content: bytes | None) -> None:
    if content is not None:
        with open(target, "xb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(target, stat.S_IMODE(source.stat().st_mode))
    elif source.is_symlink():
        os.symlink(os.readlink(source), target)
    else:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def _switch(staging: Path, folder: Path) -> None:
    """Put ``staging`` in the place of ``folder`` (the old one ends where ``staging`` was), then remove the old."""
    if _exchange(staging, folder):
        old = staging
    else:
        old = staging.with_name(staging.name.removesuffix(".new") + ".old")
        os.rename(folder, old)
        checkpoint("old folder moved aside")
        os.rename(staging, folder)
    _sync_folder(folder.parent)
    checkpoint("switched")
    shutil.rmtree(old)
    checkpoint("old folder removed")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False where this
    system or filesystem cannot (the caller then renames twice)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # pragma: no cover - a C library without renameat2 (before glibc 2.28)
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(b))


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entries (the renames) to disk where the platform allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(handle)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(handle)


def update_data(library_file: str | Path, data_dir: str | Path | None = None, *, dry_run: bool = False,
                echo=print) -> UpdatePlan:
    """Plan, print and apply an update (what ``python -m analysis update-data FILE`` runs), holding
    :func:`update_lock` from before the data folder is read until it is written. A dry run writes nothing,
    so it takes no lock and leaves an interrupted update's leftovers to the next real run."""
    folder = resolve_data_dir(data_dir)
    if dry_run:
        plan = plan_update(library_file, folder)
        echo(plan.summary())
        if plan.changed:
            echo(f"dry run: nothing written to {plan.data_dir}")
        return plan
    with update_lock(folder):
        for line in recover(folder):
            echo(line)
        plan = plan_update(library_file, folder)
        echo(plan.summary())
        if plan.changed:
            written = _apply(plan)
            echo(f"wrote {', '.join(written)} in {plan.data_dir}")
    return plan
