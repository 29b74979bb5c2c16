"""Property-based test of the readers: the same roll calls in every layout read to one table, and a single
mutation of a file is either refused or read to exactly the table the mutated file records.

Strategies draw random VALID roll calls: one to three motions (General Assembly ``A/...`` and Security
Council ``S/...`` symbols), each with a random subset of the real member codes (at most 193, at most 15),
random Y/N/A/X votes, one ISO date, and totals that are consistent, empty or absent. Each is written in
every layout: the project layout (``read_votes``), and the Library's member-level version 3, in-between
generation, version 1 and resolution-level files (``read_undl``), with the columns in a random order.

The order rule: member-level and project files read back in file order (rows may be interleaved across
motions); a resolution-level file reads motion by motion (row order), members in column order.

Then ONE mutation is applied (a vote, a row, a total, a motion id, a member code or name, a date, a cell, a
header, the line ends) and the outcome the rules demand is checked:

- ``original``: a tolerated spelling (case, spaces, NV, CR line ends, blank lines, padded headers); the file
  must read to exactly the original table;
- ``refused``: the mutation breaks a rule (or makes the file disagree with its own totals); VoteDataError
  with a one-line message naming the file and the line;
- ``mutated``: the mutation leaves a valid file that records other votes and that nothing in the file can
  contradict (no totals, a one-row motion, two swapped votes); the reader must neither drop nor invent
  anything: the table is exactly what the mutated file records (computed by the small oracle below);
- ``original_or_refused``: the rules allow either (a padded total or date).

Each (layout, mutation) pair is its own test case, so every mutation is tried in every layout it applies to;
the bad values (vote codes, member codes, totals such as ``NA`` or ``-1``, dates, motion ids) are each tried in
turn. Any other exception (a traceback) fails. Examples are derandomized and there is no example database, so
CI is deterministic; the module takes about ten seconds on two cores. Set ``PROPERTY_EXAMPLES`` to search
deeper, ``PROPERTY_SHRINK=1`` to shrink a failure to a minimal example (slow).
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from analysis import VoteDataError, load_members, read_undl, read_votes
from analysis.data.members import try_iso3
from analysis.data.undl import read_undl_full

#: Examples of the every-layout test; each (layout, mutation) case runs a tenth as many (at least one), each
#: (layout, bad value) case a twentieth. PROPERTY_EXAMPLES=400 searches deeper (a few minutes).
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "10"))
#: Shrinking a failure re-reads files thousands of times (minutes); set PROPERTY_SHRINK=1 for a minimal example.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if os.environ.get("PROPERTY_SHRINK") else [])
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, print_blob=False,
                    phases=PHASES,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])

_MEMBERS = load_members()
CODES: list[str] = list(_MEMBERS["iso3"])
NAMES: dict[str, str] = {c: n.upper() for c, n in zip(_MEMBERS["iso3"], _MEMBERS["name"])}
NAME_CODES = {v: k for k, v in NAMES.items()}
assert all(try_iso3(name) == code for code, name in NAMES.items())  # the Library's upper-case names map back
VOTES = ("Y", "N", "A", "X")
LIMITS = {"GA": 193, "SC": 15}
NBSP = "\u00a0"

LAYOUTS = ("project", "v3", "mid", "v1", "rl")
TOTAL_ROLES = ("yes", "no", "abstain", "nv", "ms")
#: Column names per layout and role (None: the layout has no such column).
NAMES_BY_LAYOUT = {
    "v3": {"motion": "resolution", "code": "ms_code", "name": "ms_name", "vote": "ms_vote", "date": "date",
           "yes": "total_yes", "no": "total_no", "abstain": "total_abstentions", "nv": "total_non_voting",
           "ms": "total_ms"},
    "mid": {"motion": "resolution", "code": "ms_codes", "name": "ms_names", "vote": "ms_votes", "date": "date",
            "yes": "total_yes", "no": "total_no", "abstain": "total_abstentions", "nv": "total_non_voting",
            "ms": "total_ms"},
    "v1": {"motion": "resolutions", "code": "ms_codes", "name": "ms_names", "vote": "ms_votes", "date": "date",
           "yes": "yes", "no": "no", "abstain": "abstentions", "nv": "non-voting", "ms": "total-voting"},
    "rl": {"motion": "resolution", "date": "date", "yes": "total_yes", "no": "total_no",
           "abstain": "total_abstentions", "nv": "total_non_voting", "ms": "total_ms"},
    "project": {"motion": "motion", "code": "iso3", "vote": "vote"},
}
#: The other generation's name of a role (a file with both is refused).
OTHER_GENERATION = {"resolution": "resolutions", "resolutions": "resolution", "ms_code": "ms_codes",
                    "ms_codes": "ms_code", "ms_name": "ms_names", "ms_names": "ms_name", "ms_vote": "ms_votes",
                    "ms_votes": "ms_vote", "total_yes": "yes", "yes": "total_yes", "total_no": "no",
                    "no": "total_no", "total_abstentions": "abstentions", "abstentions": "total_abstentions",
                    "total_non_voting": "non-voting", "non-voting": "total_non_voting",
                    "total_ms": "total-voting", "total-voting": "total_ms"}
METADATA = {"v3": ["undl_id", "session", "title", "undl_link"], "mid": ["undl_id", "title"],
            "v1": ["undl_id", "title", "modality", "draft", "committee_report", "meeting", "agenda_titles",
                   "subjects", "undl_link"],
            "rl": ["undl_id", "session", "title", "undl_link"], "project": []}
TITLE = "Advancing a comprehensive, just and lasting peace in Ukraine"


# --- the roll calls ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Motion:
    symbol: str  # canonical: upper case, no spaces
    body: str
    date: str
    votes: tuple[tuple[str, str], ...]  # (member code, vote) in file order

    def totals(self) -> tuple[int, ...]:
        """The file's own totals: Y, N, A, X counts and the number of member rows."""
        return (*(sum(v == code for _, v in self.votes) for code in VOTES), len(self.votes))


#: Symbols the roll calls are drawn from (four are in the bundled motions table, spelled as there); unique per file.
SYMBOLS = ([("GA", "A/RES/ES-11/7"), ("GA", "A/RES/ES-11/8"), ("SC", "S/RES/2774(2025)")]
           + [("GA", f"A/RES/{s}/{n}") for s in ("68", "77", "ES-11") for n in (12, 101, 262)]
           + [("SC", f"S/RES/{n}({y})") for n, y in ((2202, 2015), (2623, 2022), (2779, 2025))])


@st.composite
def motions(draw, body: str, symbol: str) -> Motion:
    # Members and votes come from a Random that hypothesis seeds (as quick for 193 members as for 3).
    rnd = draw(st.randoms(use_true_random=True))
    full = body == "GA" and draw(st.integers(0, 9)) == 0  # now and then a full roll call of the 193
    size = LIMITS[body] if full else draw(st.integers(1, min(LIMITS[body], 12)))
    members = rnd.sample(CODES, size)
    votes = [rnd.choice(VOTES) for _ in members]
    date = draw(st.dates(datetime.date(1946, 1, 1), datetime.date(2030, 12, 31))).isoformat()
    return Motion(symbol, body, date, tuple(zip(members, votes)))


@st.composite
def roll_calls(draw, min_motions: int = 1) -> list[Motion]:
    chosen = draw(st.lists(st.sampled_from(SYMBOLS), min_size=min_motions, max_size=3, unique=True))
    return [draw(motions(body, symbol)) for body, symbol in chosen]


# --- writing a layout ----------------------------------------------------------------------------------------

@dataclass
class Grid:
    """A file as header + rows of cells, with the column of each role."""

    layout: str
    header: list[str]
    rows: list[list[str]]
    totals: str  # full, empty or absent
    motions: list[Motion]
    eol: str = "\n"
    bom: bool = False
    blank_lines: bool = False
    expected: list[tuple[str, str, str]] = field(default_factory=list)

    def col(self, role: str) -> int | None:
        name = NAMES_BY_LAYOUT[self.layout].get(role)
        return self.header.index(name) if name in self.header else None

    @property
    def member_columns(self) -> list[int]:  # resolution level: the columns that are Member States
        return [i for i, h in enumerate(self.header) if h.strip() not in set(NAMES_BY_LAYOUT["rl"].values())
                | set(METADATA["rl"]) | {"permanent_member"}]

    def text(self) -> bytes:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator=self.eol)
        writer.writerow(self.header)
        for row in self.rows:
            if self.blank_lines:
                buf.write(self.eol)
            writer.writerow(row)
        return (("\ufeff" if self.bom else "") + buf.getvalue()).encode("utf-8")

    def copy(self) -> Grid:
        return replace(self, header=list(self.header), rows=[list(r) for r in self.rows])


def spell(vote: str, layout: str) -> str:
    return "NV" if vote == "X" and layout in ("v1", "mid") else vote


@st.composite
def grids(draw, layout: str, calls: list[Motion] | None = None, totals: tuple[str, ...] = ("full", "empty", "absent"),
          member_columns: tuple[tuple[str, ...], ...] = (("code", "name"), ("code",), ("name",)),
          min_motions: int = 1) -> Grid:
    """One random valid file of a layout (of ``calls``, or of random roll calls), and the table it must read to.

    ``totals`` and ``member_columns`` (member level) are the options it may have.
    """
    calls = draw(roll_calls(min_motions)) if calls is None else calls
    totals = "absent" if layout == "project" else draw(st.sampled_from(totals))
    roles = NAMES_BY_LAYOUT[layout]
    if layout == "rl":
        members: list[str] = []
        for m in calls:
            members += [c for c, _ in m.votes if c not in members]
        draw(st.randoms(use_true_random=True)).shuffle(members)
        as_name = draw(st.lists(st.booleans(), min_size=len(members), max_size=len(members)))
        columns = ["motion", "date"] + (list(TOTAL_ROLES) if totals != "absent" else [])
        header = [roles[c] for c in columns] + METADATA["rl"] + [NAMES[c] if n else c for c, n in zip(members, as_name)]
        rows = []
        for m in calls:
            votes = dict(m.votes)
            t = m.totals() if totals == "full" else ("",) * 5
            cells = [m.symbol, m.date] + ([str(x) for x in t] if totals != "absent" else [])
            rows.append(cells + ["1", "ES-11", TITLE, "https://x"] + [votes.get(c, "") for c in members])
        expected = []
    else:
        pairs = [(m, c, v) for m in calls for c, v in m.votes]
        if draw(st.booleans()):  # rows of several motions interleaved
            draw(st.randoms(use_true_random=True)).shuffle(pairs)
        member_columns = ("code",) if layout == "project" else draw(st.sampled_from(member_columns))
        columns = ["motion", *member_columns, "vote"] + (["date"] if layout != "project" else []) + (
            list(TOTAL_ROLES) if totals != "absent" else [])
        header = [roles[c] for c in columns] + METADATA[layout]
        council = layout == "v3" and any(m.body == "SC" for m in calls) and draw(st.booleans())
        header += ["permanent_member"] if council else []
        rows = []
        counts = {m.symbol: m.totals() for m in calls}
        for m, code, vote in pairs:
            t = counts[m.symbol] if totals == "full" else ("",) * 5
            cell = {"motion": m.symbol, "code": code, "name": NAMES[code], "vote": spell(vote, layout), "date": m.date}
            cell.update({r: str(x) if totals == "full" else "" for r, x in zip(TOTAL_ROLES, t)})
            extra = {"undl_id": "4076672", "session": "ES-11", "title": TITLE, "undl_link": "https://x",
                     "modality": "Voting", "draft": "A/ES-11/L.10", "committee_report": "", "meeting": "A/ES-11/PV.20",
                     "agenda_titles": "Letter dated 28 February 2014, item 5", "subjects": "UKRAINE"}
            rows.append([cell[c] for c in columns] + [extra[c] for c in METADATA[layout]] + (["False"] if council else []))
        expected = [(m.symbol, c, v) for m, c, v in pairs]
    order = list(range(len(header)))
    if layout != "project" and draw(st.booleans()):  # the columns in another order
        draw(st.randoms(use_true_random=True)).shuffle(order)
    grid = Grid(layout, [header[i] for i in order], [[r[i] for i in order] for r in rows], totals, calls)
    if layout == "rl":  # motion by motion, members in the order of their columns
        column_codes = [NAME_CODES.get(h, h) for h in (grid.header[i] for i in grid.member_columns)]
        expected = [(m.symbol, c, dict(m.votes)[c]) for m in calls for c in column_codes if c in dict(m.votes)]
    grid.expected = expected
    return grid


# --- reading ------------------------------------------------------------------------------------------------

def read(grid: Grid, path: Path) -> list[tuple[str, str, str]]:
    path.write_bytes(grid.text())
    frame = read_votes(path) if grid.layout == "project" else read_undl(path)
    assert list(frame.columns) == ["motion", "iso3", "vote"]
    return [tuple(r) for r in frame.astype(str).values.tolist()]


def oracle(grid: Grid) -> list[tuple[str, str, str]]:
    """What a valid (mutated) file records, read naively: motion ids upper-cased and stripped, a code or else
    the name, NV as X. Only used where the mutation leaves a file that breaks no rule."""
    def canon(symbol: str) -> str:
        return " ".join(unicodedata.normalize("NFC", symbol).split()).upper()

    def vote(cell: str) -> str:
        v = cell.strip().upper()
        return "X" if v == "NV" else v

    out = []
    motion = grid.col("motion")
    if grid.layout == "rl":
        for row in grid.rows:
            for i in grid.member_columns:
                if row[i].strip():
                    head = grid.header[i].strip()
                    code = head.upper() if head.upper() in NAMES else NAME_CODES[head.upper()]
                    out.append((canon(row[motion]), code, vote(row[i])))
        return out
    code, name, v = grid.col("code"), grid.col("name"), grid.col("vote")
    for row in grid.rows:
        member = row[code].strip().upper() if code is not None and row[code].strip() else NAME_CODES[row[name].strip()]
        out.append((canon(row[motion]), member, vote(row[v])))
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties")


# --- 1. every layout reads to the identical table ------------------------------------------------------------

@SETTINGS
@given(calls=roll_calls(), data=st.data())
def test_the_same_roll_calls_read_to_the_same_table_in_every_layout(calls, data, folder):
    by_symbol = {m.symbol: m for m in calls}
    tables = {}
    for layout in LAYOUTS:
        grid = data.draw(grids(layout, calls), label=layout)
        note(f"{layout}:\n{grid.text().decode('utf-8')}")
        assert oracle(grid) == grid.expected  # the oracle of the mutation test agrees on clean files
        path = folder / f"clean_{layout}.csv"
        if layout == "project":
            tables[layout] = read(grid, path)
            assert tables[layout] == grid.expected, layout
            continue
        path.write_bytes(grid.text())
        votes, motions = read_undl_full(path)
        assert list(votes.columns) == ["motion", "iso3", "vote"]
        tables[layout] = [tuple(r) for r in votes.astype(str).values.tolist()]
        assert tables[layout] == grid.expected, layout
        first = list(dict.fromkeys(m for m, _, _ in grid.expected))
        assert motions["motion"].tolist() == first, layout
        assert motions["body"].tolist() == [by_symbol[s].body for s in first], layout
        assert motions["date"].dt.strftime("%Y-%m-%d").tolist() == [by_symbol[s].date for s in first], layout
        for i, column in enumerate(("yes", "no", "abstain", "non_voting", "members")):
            want = [by_symbol[s].totals()[i] if grid.totals == "full" else None for s in first]
            assert [None if str(x) == "<NA>" else int(x) for x in motions[column]] == want, (layout, column)
    assert all(sorted(table) == sorted(tables["project"]) for table in tables.values())


# --- 2. a single mutation: refused, or read to exactly what the file records ---------------------------------

#: Values every file must refuse wherever they stand; each is tried in turn (test 3 below).
BAD_VOTES = ["YES", "0", "maybe", "Ｙ", "N/A", ""]
BAD_CODES = ["XXX", "SUN", "ＵＫＲ", "U KR", "UKR1"]  # not a code, nor (for a column heading) a name
BAD_TOTALS = ["-1", "NA", "NaN", "#N/A", "null", "-nan", "1.0", "²", "１", "99999999999999999999"]
BAD_DATES = ["02/03/2025", "2025-02-30", "", "2025-02-24T00:00:00", "２０２５-02-24", "2025-2-24"]
BAD_MOTIONS = ["", NBSP, "E/RES/2025/1"]
INVISIBLE = ("\u200b", "\ufeff", "\u00ad", "\u2060", "\x00", "\x07")  # zero width, BOM, soft hyphen, joiner, NUL, BEL
ML = ("project", "v3", "mid", "v1")  # one row per member per motion
LIBRARY_ML = ("v3", "mid", "v1")


def row_motion(g: Grid, i: int) -> Motion:
    symbol = g.expected[i][0]
    return next(m for m in g.motions if m.symbol == symbol)


def rows_of(g: Grid, i: int) -> list[int]:
    return [j for j, e in enumerate(g.expected) if e[0] == g.expected[i][0]]


def members_of(g: Grid, i: int) -> set[str]:
    return {g.expected[j][1] for j in rows_of(g, i)}


def pick_row(draw, g: Grid) -> int:
    return draw(st.integers(0, len(g.rows) - 1))


def filled_cells(g: Grid) -> list[tuple[int, int]]:
    return [(r, c) for r, row in enumerate(g.rows) for c in g.member_columns if row[c].strip()]


def tolerated_symbol(draw, symbol: str) -> str:
    return draw(st.sampled_from([symbol.lower(), " " + symbol, symbol + NBSP, NBSP + symbol.lower() + " ",
                                 symbol.swapcase(), "\t" + symbol, unicodedata.normalize("NFD", symbol.lower())]))


def fresh_symbol(draw, body: str) -> str:
    return f"A/RES/99/{draw(st.integers(1, 400))}" if body == "GA" else f"S/RES/{draw(st.integers(3000, 3999))}(2099)"


def other_date(draw, date: str) -> str:
    day = datetime.date.fromisoformat(date) + datetime.timedelta(days=draw(st.integers(1, 4000)))
    return day.isoformat()


# Each mutation changes g in place and returns the outcome the rules demand.

def vote_other_valid(draw, g: Grid) -> str:
    if g.layout == "rl":
        r, c = draw(st.sampled_from(filled_cells(g)))
        g.rows[r][c] = draw(st.sampled_from([v for v in VOTES if v != g.rows[r][c]]))
    else:
        i = pick_row(draw, g)
        column = g.col("vote")
        g.rows[i][column] = spell(draw(st.sampled_from([v for v in VOTES if v != g.expected[i][2]])), g.layout)
    return "refused" if g.totals == "full" else "mutated"  # the count of two vote codes changes


def vote_invalid(draw, g: Grid, token: str) -> str:
    if g.layout == "rl":
        r, c = draw(st.sampled_from(filled_cells(g)))
        token = token or "-"  # an empty cell is an absent member (cell_blanked)
    else:
        r, c = pick_row(draw, g), g.col("vote")
    g.rows[r][c] = token
    return "refused"


def vote_spelling(draw, g: Grid) -> str:
    if g.layout == "rl":
        r, c = draw(st.sampled_from(filled_cells(g)))
    else:
        r, c = pick_row(draw, g), g.col("vote")
    old = g.rows[r][c]
    g.rows[r][c] = draw(st.sampled_from([old.lower(), f" {old} ", f"{old}{NBSP}"]
                                        + (["NV", "nv", " Nv", "X", "x"] if old in ("X", "NV") else [])))
    return "original"


def vote_swap(draw, g: Grid) -> str:
    """Two members of one motion swap their votes: the counts, and so the totals, stay the same."""
    if g.layout == "rl":
        pairs = [((r, a), (r, b)) for r, row in enumerate(g.rows) for a in g.member_columns for b in g.member_columns
                 if a < b and row[a].strip() and row[b].strip() and row[a] != row[b]]
    else:
        column = g.col("vote")
        pairs = [((a, column), (b, column)) for a in range(len(g.rows)) for b in rows_of(g, a)
                 if a < b and g.expected[a][2] != g.expected[b][2]]
    (r1, c1), (r2, c2) = draw(st.sampled_from(pairs))
    g.rows[r1][c1], g.rows[r2][c2] = g.rows[r2][c2], g.rows[r1][c1]
    return "mutated"


def has_swap(g: Grid) -> bool:
    if g.layout == "rl":
        return any(len({row[c] for c in g.member_columns if row[c].strip()}) > 1 for row in g.rows)
    return any(len({g.expected[j][2] for j in rows_of(g, i)}) > 1 for i in range(len(g.rows)))


def row_duplicated(draw, g: Grid) -> str:
    i = pick_row(draw, g)
    g.rows.insert(draw(st.integers(0, len(g.rows))), list(g.rows[i]))
    return "refused"  # a member twice in a motion; a resolution on two rows


def row_dropped(draw, g: Grid) -> str:
    i = pick_row(draw, g)
    alone = g.layout == "rl" or len(rows_of(g, i)) == 1
    del g.rows[i]
    if not g.rows:
        return "refused"  # header only
    return "refused" if g.totals == "full" and not alone else "mutated"  # a motion gone whole leaves no trace


def motion_tolerated(draw, g: Grid) -> str:
    i = pick_row(draw, g)
    own = g.motions[i] if g.layout == "rl" else row_motion(g, i)
    g.rows[i][g.col("motion")] = tolerated_symbol(draw, own.symbol)
    return "original"


def motion_renamed(draw, g: Grid) -> str:
    i = pick_row(draw, g)
    own = g.motions[i] if g.layout == "rl" else row_motion(g, i)
    g.rows[i][g.col("motion")] = fresh_symbol(draw, own.body)
    if g.layout == "rl":
        return "mutated"
    return "refused" if g.totals == "full" and len(rows_of(g, i)) > 1 else "mutated"


def motion_bad(draw, g: Grid, token: str) -> str:
    g.rows[pick_row(draw, g)][g.col("motion")] = token
    return "refused"


def motion_invisible_character(draw, g: Grid, token: str) -> str:
    """A control or invisible format character inside one row's motion id: it looks like the same symbol but is
    no spelling the rules normalise, so it is refused (never a second motion that prints like the first)."""
    i = pick_row(draw, g)
    symbol = (g.motions[i] if g.layout == "rl" else row_motion(g, i)).symbol
    at = draw(st.sampled_from([len(symbol), len(symbol) - 1, 2]))  # at the end, inside, after the A/ or S/
    g.rows[i][g.col("motion")] = symbol[:at] + token + symbol[at:]
    return "refused"


def motion_moved(draw, g: Grid) -> str:
    """A row given the id of another motion of the file."""
    i = pick_row(draw, g)
    own = g.motions[i] if g.layout == "rl" else row_motion(g, i)
    target = draw(st.sampled_from([m for m in g.motions if m is not own]))
    g.rows[i][g.col("motion")] = target.symbol
    if g.layout == "rl":
        return "refused"  # the same resolution on two rows
    refused = (g.totals == "full" or g.expected[i][1] in dict(target.votes)
               or len(target.votes) >= LIMITS[target.body] or (g.layout != "project" and target.date != own.date))
    return "refused" if refused else "mutated"


def code_tolerated(draw, g: Grid) -> str:
    if g.layout == "rl":
        c = draw(st.sampled_from(g.member_columns))
        head = g.header[c]
        g.header[c] = draw(st.sampled_from([head.lower(), f" {head} ", head.title(), f"{head}  ", NBSP + head]))
        return "original"
    i, column = pick_row(draw, g), g.col("code")
    code = g.rows[i][column]
    g.rows[i][column] = draw(st.sampled_from([code.lower(), f" {code} ", f"{NBSP}{code}", f"{code.capitalize()}  "]))
    return "original"


def code_unknown(draw, g: Grid, token: str) -> str:
    if g.layout == "rl":  # a column heading
        g.header[draw(st.sampled_from(g.member_columns))] = token
    else:
        g.rows[pick_row(draw, g)][g.col("code")] = token
    return "refused"


def code_other(draw, g: Grid) -> str:
    """A member code (or, where the row has only a name, a name) replaced by another member's."""
    if g.layout == "rl":
        c = draw(st.sampled_from(g.member_columns))
        present = {NAME_CODES.get(g.header[i].strip(), g.header[i].strip()) for i in g.member_columns}
        new = draw(st.sampled_from([x for x in CODES if x not in present]))
        g.header[c] = new if draw(st.booleans()) else NAMES[new]
        return "mutated"  # a column heading is not checked against anything
    i = draw(st.sampled_from([j for j in range(len(g.rows)) if len(members_of(g, j)) < len(CODES)]))
    new = draw(st.sampled_from([x for x in CODES if x not in members_of(g, i)]))
    code, name = g.col("code"), g.col("name")
    if code is not None:
        g.rows[i][code] = new
        return "refused" if name is not None else "mutated"  # the name still says the old member
    g.rows[i][name] = NAMES[new]
    return "mutated"


def code_in_motion(draw, g: Grid) -> str:
    """A member replaced by another member of the same motion: that member twice."""
    if g.layout == "rl":
        c, d = draw(st.randoms(use_true_random=True)).sample(g.member_columns, 2)
        g.header[c] = g.header[d] if draw(st.booleans()) else NAMES.get(g.header[d], NAME_CODES.get(g.header[d]))
        return "refused"
    i = draw(st.sampled_from([j for j in range(len(g.rows)) if len(rows_of(g, j)) > 1]))
    other = draw(st.sampled_from(sorted(members_of(g, i) - {g.expected[i][1]})))
    code, name = g.col("code"), g.col("name")
    if code is not None:
        g.rows[i][code] = other
    else:
        g.rows[i][name] = NAMES[other]
    return "refused"


def columns_swapped(draw, g: Grid) -> str:
    c, d = draw(st.randoms(use_true_random=True)).sample(g.member_columns, 2)
    g.header[c], g.header[d] = g.header[d], g.header[c]
    return "mutated"


def code_blank(draw, g: Grid) -> str:
    g.rows[pick_row(draw, g)][g.col("code")] = draw(st.sampled_from(["", " "]))
    return "original" if g.col("name") is not None else "refused"  # identified by its name, if it has one


def name_blank(draw, g: Grid) -> str:
    g.rows[pick_row(draw, g)][g.col("name")] = ""
    return "original" if g.col("code") is not None else "refused"


def name_contradicts_code(draw, g: Grid) -> str:
    i = pick_row(draw, g)
    g.rows[i][g.col("name")] = NAMES[draw(st.sampled_from([c for c in CODES if c != g.expected[i][1]]))]
    return "refused"


def date_invalid(draw, g: Grid, token: str) -> str:
    g.rows[pick_row(draw, g)][g.col("date")] = token
    return "refused"


def date_other_valid(draw, g: Grid) -> str:
    i = pick_row(draw, g)
    own = g.motions[i] if g.layout == "rl" else row_motion(g, i)
    g.rows[i][g.col("date")] = other_date(draw, own.date)
    one_row = g.layout == "rl" or len(rows_of(g, i)) == 1
    return "original" if one_row else "refused"  # a second date for the motion


def date_day_month_swapped(draw, g: Grid) -> str:
    """2025-02-24 written 2025-24-02 (refused), or 2025-03-02 written 2025-02-03 (another real date)."""
    i = pick_row(draw, g)
    own = g.motions[i] if g.layout == "rl" else row_motion(g, i)
    year, month, day = own.date.split("-")
    swapped = f"{year}-{day}-{month}"
    g.rows[i][g.col("date")] = swapped
    if swapped == own.date:
        return "original"
    if not (1 <= int(day) <= 12):
        return "refused"  # not a calendar date
    try:
        datetime.date.fromisoformat(swapped)
    except ValueError:
        return "refused"
    one_row = g.layout == "rl" or len(rows_of(g, i)) == 1
    return "original" if one_row else "refused"  # a second date for the motion


def total_bad_token(draw, g: Grid, token: str) -> str:
    g.rows[pick_row(draw, g)][g.col(draw(st.sampled_from(TOTAL_ROLES)))] = token
    return "refused"


def total_set_on_one_row(draw, g: Grid) -> str:
    """In a file whose totals are empty, one row gets a total that is no count of anything."""
    g.rows[pick_row(draw, g)][g.col(draw(st.sampled_from(TOTAL_ROLES)))] = str(draw(st.integers(200, 10**6)))
    return "refused"


def total_changed(draw, g: Grid) -> str:
    """A motion's total changed on all its rows (or on one row)."""
    i, column = pick_row(draw, g), g.col(draw(st.sampled_from(TOTAL_ROLES)))
    value = int(g.rows[i][column])
    new = str(draw(st.sampled_from([v for v in (value + 1, value + 10, value - 1, 0, 193) if v >= 0 and v != value])))
    for j in ([i] if g.layout == "rl" or draw(st.booleans()) else rows_of(g, i)):
        g.rows[j][column] = new
    return "refused"


def total_blank_row(draw, g: Grid) -> str:
    i, column = pick_row(draw, g), g.col(draw(st.sampled_from(TOTAL_ROLES)))
    g.rows[i][column] = ""
    one_row = g.layout == "rl" or len(rows_of(g, i)) == 1
    return "original" if one_row else "refused"  # the totals differ between rows of one motion


def cell_blanked(draw, g: Grid) -> str:
    """Resolution level: a member's vote cell emptied (the member was not there)."""
    r, c = draw(st.sampled_from(filled_cells(g)))
    alone = sum(bool(g.rows[r][i].strip()) for i in g.member_columns) == 1
    g.rows[r][c] = draw(st.sampled_from(["", " "]))
    return "refused" if alone or g.totals == "full" else "mutated"


def cell_filled(draw, g: Grid) -> str:
    """Resolution level: an empty cell given a vote (a member added)."""
    r, c = draw(st.sampled_from([(r, c) for r, row in enumerate(g.rows) for c in g.member_columns
                                 if not row[c].strip()]))
    present = sum(bool(g.rows[r][i].strip()) for i in g.member_columns)
    g.rows[r][c] = draw(st.sampled_from(VOTES))
    return "refused" if g.totals == "full" or present >= LIMITS[g.motions[r].body] else "mutated"


def duplicate_header(draw, g: Grid) -> str:
    roles = [i for i, h in enumerate(g.header) if h in NAMES_BY_LAYOUT[g.layout].values()]
    i = draw(st.sampled_from(roles + (g.member_columns if g.layout == "rl" else [])))
    g.header.append(draw(st.sampled_from([g.header[i], f" {g.header[i]} "])))
    for row in g.rows:
        row.append(row[i])
    return "refused"


def competing_generation(draw, g: Grid) -> str:
    i = draw(st.sampled_from([i for i, h in enumerate(g.header) if h in NAMES_BY_LAYOUT[g.layout].values()
                              and h in OTHER_GENERATION]))
    g.header.append(OTHER_GENERATION[g.header[i]])
    for row in g.rows:
        row.append(row[i])
    return "refused"


def padded_header(draw, g: Grid) -> str:
    g.header = [draw(st.sampled_from([" ", "  ", ""])) + h + draw(st.sampled_from([" ", "  ", ""])) for h in g.header]
    return "original"


def line_ends(draw, g: Grid) -> str:
    g.eol = draw(st.sampled_from(["\r\n", "\r"]))
    g.blank_lines, g.bom = draw(st.booleans()), draw(st.booleans())
    return "original"


def cell_inserted(draw, g: Grid) -> str:
    row = g.rows[pick_row(draw, g)]
    row.insert(draw(st.integers(0, len(row))), draw(st.sampled_from(["", " "])))
    return "refused"  # the row has one field more than the header


def cell_removed(draw, g: Grid) -> str:
    row = g.rows[pick_row(draw, g)]
    del row[draw(st.integers(0, len(row) - 1))]
    return "refused"


def cell_padded(draw, g: Grid) -> str:
    r, c = pick_row(draw, g), draw(st.integers(0, len(g.header) - 1))
    g.rows[r][c] = draw(st.sampled_from([" ", "  ", NBSP, ""])) + g.rows[r][c] + draw(st.sampled_from([" ", NBSP]))
    strict = {NAMES_BY_LAYOUT[g.layout].get(role) for role in ("date", *TOTAL_ROLES)}
    return "original_or_refused" if g.header[c] in strict else "original"  # the rules allow either for these


# --- round three: look-alike characters, header variants, names against codes -----------------------------------

#: (an ASCII character of a symbol, what prints like it): Cyrillic and Greek letters, full-width and Arabic-Indic
#: digits, Unicode hyphens and the minus sign, a division slash, a combining mark, control characters.
LOOK_ALIKES = (("E", "\u0415"), ("A", "\u0391"), ("S", "\ua731"), ("1", "\uff11"), ("2", "\u0662"), ("-", "\u2011"),
               ("-", "\u2212"), ("/", "\u2215"), ("E", "E\u0301"), ("/", "/\x0b"), ("/", "\x1f/"))
#: A name that names a member only where the code is one of these (None: no member; a former seat, an observer).
NAMED = {"KOREA": {"KOR", "PRK"}, "CONGO": {"COG"}, "HOLY SEE": set(), "STATE OF PALESTINE": set(),
         "YUGOSLAVIA": set(), "CZECHOSLOVAKIA": set(), "DEMOCRATIC YEMEN": set(), "GERMAN DEMOCRATIC REPUBLIC": set()}
UNKNOWN_NAMES = ("ZAIRE", "UPPER VOLTA", "DAHOMEY", "KAMPUCHEA", "ATLANTIS")


def motion_look_alike(draw, g: Grid, token: tuple[str, str]) -> str:
    """One character of one row's motion id replaced by one that prints like it (or appended where the id lacks
    that character): a second motion that prints like the first, so it is refused, never read."""
    i = pick_row(draw, g)
    symbol = (g.motions[i] if g.layout == "rl" else row_motion(g, i)).symbol
    plain, look = token
    g.rows[i][g.col("motion")] = symbol.replace(plain, look, 1) if plain in symbol else symbol + look
    return "refused"


def motion_leading_zero(draw, g: Grid) -> str:
    """A number of one row's motion id written with leading zeros (ES-11/07): the same symbol, the same table."""
    i = pick_row(draw, g)
    symbol = (g.motions[i] if g.layout == "rl" else row_motion(g, i)).symbol
    numbers = [m.start() for m in re.finditer(r"(?<![0-9])[0-9]", symbol)]
    at = draw(st.sampled_from(numbers))
    g.rows[i][g.col("motion")] = symbol[:at] + draw(st.sampled_from(["0", "00"])) + symbol[at:]
    return "original"


def header_variant(draw, g: Grid) -> str:
    """Every role and metadata column renamed in another case or spelling (TOTAL_YES, Total Yes, total-yes,
    TotalYes): the roles are the same roles, checked as before, so the same table."""
    known = set(NAMES_BY_LAYOUT[g.layout].values()) | set(METADATA[g.layout]) | {"permanent_member"}
    spell = draw(st.sampled_from([str.upper, str.title, lambda h: h.replace("_", " "), lambda h: h.replace("_", "-"),
                                  lambda h: "".join(w.capitalize() for w in re.split("[_-]", h))]))
    g.header = [spell(h) if h in known else h for h in g.header]
    return "original"


def header_invisible(draw, g: Grid) -> str:
    """An invisible character inside one role's column name (total\u200b_yes): refused, never a column ignored."""
    roles = [i for i, h in enumerate(g.header) if h in NAMES_BY_LAYOUT[g.layout].values() and len(h) > 1]
    i = draw(st.sampled_from(roles))
    at = draw(st.integers(1, len(g.header[i]) - 1))
    g.header[i] = g.header[i][:at] + draw(st.sampled_from(["\u200b", "\u00ad", "\u2060", "\ufeff", "\x01"])) + \
        g.header[i][at:]
    return "refused"


def name_against_code(draw, g: Grid, token: str) -> str:
    """One row's name replaced by an ambiguous name, a former seat's or an observer's, its code kept: read as
    before where the name can name the code, refused where it cannot (DEU named GERMAN DEMOCRATIC REPUBLIC)."""
    i = pick_row(draw, g)
    g.rows[i][g.col("name")] = token
    return "original" if g.expected[i][1] in NAMED[token] else "refused"


def name_unknown_elsewhere(draw, g: Grid) -> str:
    """The code is authoritative: one row's name is a former name no table knows (ZAIRE), another row's code is
    emptied (its name identifies it); neither makes the other fail."""
    i, j = draw(st.permutations(range(len(g.rows))))[:2]
    g.rows[i][g.col("name")] = draw(st.sampled_from(UNKNOWN_NAMES))
    g.rows[j][g.col("code")] = ""
    return "original"


@dataclass(frozen=True)
class Kind:
    mutate: object
    layouts: tuple[str, ...] = LAYOUTS
    totals: tuple[str, ...] = ("full", "empty", "absent")
    member_columns: tuple[tuple[str, ...], ...] = (("code", "name"), ("code",), ("name",))
    min_motions: int = 1
    needs: object = None
    tokens: tuple = ()  # bad values, each tried in turn (test 3)


KINDS = {
    "vote_other_valid": Kind(vote_other_valid),
    "vote_invalid": Kind(vote_invalid, tokens=tuple(BAD_VOTES)),
    "vote_spelling": Kind(vote_spelling),
    "vote_swap": Kind(vote_swap, needs=has_swap),
    "row_duplicated": Kind(row_duplicated),
    "row_dropped": Kind(row_dropped),
    "motion_tolerated": Kind(motion_tolerated),
    "motion_renamed": Kind(motion_renamed),
    "motion_bad": Kind(motion_bad, tokens=tuple(BAD_MOTIONS)),
    "motion_moved": Kind(motion_moved, min_motions=2),
    "motion_invisible_character": Kind(motion_invisible_character, tokens=INVISIBLE),
    "code_tolerated": Kind(code_tolerated, member_columns=(("code", "name"), ("code",))),
    "code_unknown": Kind(code_unknown, member_columns=(("code", "name"), ("code",)),
                         tokens=(*BAD_CODES, "ATLANTIS", "UNION OF SOVIET SOCIALIST REPUBLICS")),
    "code_other": Kind(code_other, needs=lambda g: len({NAME_CODES.get(g.header[i].strip(), g.header[i].strip())
                                                        for i in g.member_columns}) < len(CODES) if g.layout == "rl"
                       else any(len(m.votes) < len(CODES) for m in g.motions)),
    "code_in_motion": Kind(code_in_motion, needs=lambda g: len(g.member_columns) > 1 if g.layout == "rl"
                           else any(len(rows_of(g, i)) > 1 for i in range(len(g.rows)))),
    "columns_swapped": Kind(columns_swapped, layouts=("rl",), needs=lambda g: len(g.member_columns) > 1),
    "code_blank": Kind(code_blank, layouts=ML, member_columns=(("code", "name"), ("code",))),
    "name_blank": Kind(name_blank, layouts=LIBRARY_ML, member_columns=(("code", "name"), ("name",))),
    "name_contradicts_code": Kind(name_contradicts_code, layouts=LIBRARY_ML, member_columns=(("code", "name"),)),
    "date_invalid": Kind(date_invalid, layouts=(*LIBRARY_ML, "rl"), tokens=tuple(BAD_DATES)),
    "date_other_valid": Kind(date_other_valid, layouts=(*LIBRARY_ML, "rl")),
    "date_day_month_swapped": Kind(date_day_month_swapped, layouts=(*LIBRARY_ML, "rl")),
    "total_bad_token": Kind(total_bad_token, layouts=(*LIBRARY_ML, "rl"), totals=("full", "empty"),
                            tokens=tuple(BAD_TOTALS)),
    "total_set_on_one_row": Kind(total_set_on_one_row, layouts=(*LIBRARY_ML, "rl"), totals=("empty",)),
    "total_changed": Kind(total_changed, layouts=(*LIBRARY_ML, "rl"), totals=("full",)),
    "total_blank_row": Kind(total_blank_row, layouts=(*LIBRARY_ML, "rl"), totals=("full",)),
    "cell_blanked": Kind(cell_blanked, layouts=("rl",)),
    "cell_filled": Kind(cell_filled, layouts=("rl",), needs=lambda g: any(
        not row[c].strip() for row in g.rows for c in g.member_columns)),
    "duplicate_header": Kind(duplicate_header),
    "competing_generation": Kind(competing_generation, layouts=(*LIBRARY_ML, "rl")),
    "padded_header": Kind(padded_header),
    "line_ends_bom_blank_lines": Kind(line_ends),
    "cell_inserted": Kind(cell_inserted),
    "cell_removed": Kind(cell_removed),
    "cell_padded": Kind(cell_padded),
    "motion_look_alike": Kind(motion_look_alike, tokens=LOOK_ALIKES),
    "motion_leading_zero": Kind(motion_leading_zero),
    "header_variant": Kind(header_variant),
    "header_invisible": Kind(header_invisible),
    "name_against_code": Kind(name_against_code, layouts=LIBRARY_ML, member_columns=(("code", "name"),),
                              tokens=tuple(NAMED)),
    "name_unknown_elsewhere": Kind(name_unknown_elsewhere, layouts=LIBRARY_ML, member_columns=(("code", "name"),),
                                   needs=lambda g: len(g.rows) > 1),
}
CASES = [(layout, name) for name, kind in KINDS.items() if not kind.tokens for layout in kind.layouts]
TOKEN_CASES = [(layout, name) for name, kind in KINDS.items() if kind.tokens for layout in kind.layouts]


def original_file(data, layout: str, name: str) -> Grid:
    kind = KINDS[name]
    grid = grids(layout, totals=kind.totals, member_columns=kind.member_columns, min_motions=kind.min_motions)
    return data.draw(grid.filter(kind.needs) if kind.needs else grid, label="original file")


def check(original: Grid, mutated: Grid, outcome: str, kind: str, path: Path) -> None:
    """The mutated file is refused, or read to the original table or to exactly what it records, as ``outcome``
    demands."""
    note(f"{kind} -> must be {outcome}; the mutated file:\n{mutated.text().decode('utf-8', 'replace')}")
    try:
        got = read(mutated, path)
    except VoteDataError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(f"{path}, line "), message  # file, line (and value)
        assert outcome in ("refused", "original_or_refused"), f"{kind}: must be {outcome}, but refused: {message}"
        return
    assert outcome != "refused", f"{kind}: must be refused, but read to {got}"
    want = oracle(mutated) if outcome == "mutated" else original.expected
    assert got == want, f"{kind}: read to a different table than the file records"


@pytest.mark.parametrize("layout, kind", CASES, ids=[f"{layout}-{kind}" for layout, kind in CASES])
@settings(SETTINGS, max_examples=max(1, EXAMPLES // 10))
@given(data=st.data())
def test_a_single_mutation_is_refused_or_read_to_exactly_what_the_file_records(layout, kind, data, folder):
    original = original_file(data, layout, kind)
    mutated = original.copy()
    outcome = KINDS[kind].mutate(data.draw, mutated)
    check(original, mutated, outcome, kind, folder / f"{layout}_{kind}.csv")


# --- 3. every bad value, wherever it stands, is refused --------------------------------------------------------

@pytest.mark.parametrize("layout, kind", TOKEN_CASES, ids=[f"{layout}-{kind}" for layout, kind in TOKEN_CASES])
@settings(SETTINGS, max_examples=max(1, EXAMPLES // 20))
@given(data=st.data())
def test_every_bad_value_is_refused_wherever_it_stands(layout, kind, data, folder):
    original = original_file(data, layout, kind)
    for token in KINDS[kind].tokens:
        mutated = original.copy()
        outcome = KINDS[kind].mutate(data.draw, mutated, token)
        check(original, mutated, outcome, f"{kind} {token!r}", folder / f"{layout}_{kind}.csv")
