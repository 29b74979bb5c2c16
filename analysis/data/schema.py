"""Every bundled table declared once, and the one engine that reads and checks them.

A :class:`Table` lists its columns (:class:`Field`: kind, allowed values, whether
empty is allowed), its key and, where fixed, its row count; :func:`read_table`
is the only door through which a small CSV enters the package. It reads text
(no type or NA guessing: ``NA`` is Namibia's ISO2 code, not a missing value),
tolerates what cannot change the table (a byte-order mark, CRLF or CR line ends,
blank lines, spaces around codes) and refuses everything else with a
:class:`VoteDataError` naming the file, the line and the value.
"""

from __future__ import annotations

import csv
import datetime
import errno
import functools
import gzip
import hashlib
import io
import os
import re
import stat
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

#: The package-data folder of an installed wheel, inside the package ``analysis`` (pyproject.toml maps data/ there).
PACKAGED_DATA = "_data"


def bundled_data_dir(package: Path | None = None) -> Path:
    """The bundled data folder: ``analysis/_data`` in an installed wheel, else ``data/`` beside the package.

    ``data/`` stays at the top of the repository, one copy of each file; the
    wheel carries it as ``analysis/_data``. A checkout and an editable install
    (``pip install -e``, what ``make`` does) have no ``analysis/_data`` and read
    ``data/``. The first of the two that holds ``motions.csv`` wins (neither:
    ``data/``, and the loaders name the missing file). Found from this file's
    place, not with ``importlib.resources``, which would import the package's
    face from inside the data wing; the loaders need real files anyway.
    """
    package = Path(__file__).resolve().parents[1] if package is None else Path(package)
    for candidate in (package / PACKAGED_DATA, package.parent / "data"):
        if (candidate / "motions.csv").is_file():
            return candidate
    return package.parent / "data"


#: The bundled data folder of the package: ``data/`` of a checkout, ``analysis/_data`` of an installed wheel.
DATA_DIR = bundled_data_dir()

#: The four vote codes, in the order used by every table and figure.
VOTE_CODES = ("Y", "N", "A", "X")
VOTE_LABELS = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "Not voting"}
VOTE_PROBLEM = "unknown vote code (expected Y, N, A, X or NV)"
_VOTE_INDEX = {"Y": 0, "N": 1, "A": 2, "X": 3, "NV": 3}


class VoteDataError(ValueError):
    """Bad vote data: a wrong code, a missing column, a tally that does not add up.

    ``file``, ``line``, ``value`` and ``motion`` hold what is known of where and
    what; ``str(error)`` is one line naming them, so that a researcher can open
    the file at that line and see the problem.
    """

    def __init__(self, problem: str, *, file: str | Path | None = None, line: int | None = None,
                 value: object = None, motion: str | None = None) -> None:
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.line = line
        self.value = value.item() if hasattr(value, "item") else value  # numpy scalars print plainly
        self.motion = motion
        where = [w for w in (self.file and (self.file if line is None else f"{self.file}, line {line}"),
                             None if self.file or line is None else f"line {line}",
                             motion and f"motion {motion}") if w]
        text = problem if self.value is None else f"{problem}: {self.value!r}"
        super().__init__(" ".join(f"{': '.join(where)}: {text}".split() if where else text.split()))


def data_dir(folder: str | Path | None = None) -> Path:
    """The data folder to read: ``folder`` if given, else the bundled one (no environment variable is read)."""
    return Path(folder) if folder is not None else DATA_DIR


def data_path(name: str, folder: str | Path | None = None) -> Path:
    """Path of a data file, e.g. ``data_path("votes.csv")`` (see :func:`data_dir` for which folder)."""
    return data_dir(folder) / name


# --- values -----------------------------------------------------------------------------------------------

def vote_index(raw: object) -> int | None:
    """Position of a raw vote code in VOTE_CODES (``y``, `` NV `` tolerated), or None if unknown."""
    return _VOTE_INDEX.get(str(raw).strip().upper())


def count(text: str) -> int | None:
    """A count cell: a whole number of 0 or more in ASCII digits, -1 for an empty cell, None for anything else.

    ``NA``, ``NaN``, ``null``, ``-1``, ``９３`` (full-width), ``⁹³`` (superscript) and numbers of more than
    18 digits (beyond what a 64-bit integer holds, and beyond any vote count) are all None: refused.
    """
    text = text.strip()
    return -1 if text == "" else int(text) if re.fullmatch(r"[0-9]{1,18}", text) else None


def tally_text(row, labelled: bool = False) -> str:
    """The one way to write a tally: ``93-18-65`` (yes-no-abstain), or labelled ``yes 93, no 18, abstain 65``.

    ``row`` is a motions-table row (``yes``, ``no``, ``abstain``) or a count row
    of :func:`analysis.tally` (``Y``, ``N``, ``A``), as a Series, dict or named
    tuple; a part not known is ``?`` (all three unknown: ``?``).

    >>> tally_text({"yes": 93, "no": 18, "abstain": 65}), tally_text({"Y": 10, "N": 0, "A": 5}, labelled=True)
    ('93-18-65', 'yes 10, no 0, abstain 5')
    """
    def part(name: str, code: str):
        value = row.get(name, row.get(code)) if hasattr(row, "get") else getattr(row, name, getattr(row, code, None))
        return None if value is None or pd.isna(value) else int(value)

    parts = [part("yes", "Y"), part("no", "N"), part("abstain", "A")]
    shown = ["?" if p is None else str(p) for p in parts]
    if labelled:
        return ", ".join(f"{label} {value}" for label, value in zip(("yes", "no", "abstain"), shown))
    return "?" if all(p is None for p in parts) else "-".join(shown)


def is_iso_date(text: str) -> bool:
    """True for a real calendar date written ``YYYY-MM-DD`` (``2025-02-30`` and ``02/03/2025`` are not)."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


#: Tab and the Unicode space separators (NBSP, em space, ...): spaces in a symbol, tolerated, made one space.
_SPACES = re.compile(r"[\t\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
#: The leading zeros of a number in a symbol (``ES-11/07``, ``ES-11/010``): not part of any UN symbol.
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")


def clean_symbol(text: object) -> str:
    """A UN symbol as written, tidied: NFC, outer spaces (also tab and NBSP) gone, inner ones single, none before "(".

    Nothing else is changed: a character that is not ASCII stays, for :func:`symbol_problem` to refuse.
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip(" ")
    return text.replace(" (", "(")


def describe_character(ch: str) -> str:
    """``a control or invisible character (U+200B ZERO WIDTH SPACE)``, ``a character that is not ASCII (U+0415 ...)``."""
    if 0xDC80 <= ord(ch) <= 0xDCFF:  # how Python keeps a byte that is not UTF-8 (a command-line argument)
        return f"a byte that is not UTF-8 text (0x{ord(ch) - 0xDC00:02X})"
    name = unicodedata.name(ch, "")
    hidden = unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Mn", "Me", "Cn", "Co", "Cs")
    kind = "a control, invisible or combining character" if hidden else "a character that is not ASCII"
    return f"{kind} (U+{ord(ch):04X}{' ' + name if name else ''})"


def symbol_problem(text: object, what: str = "motion id") -> str | None:
    """Why ``text`` is not a motion id, or None: a UN symbol is printable ASCII once tidied (:func:`clean_symbol`).

    Refused: an empty id, and every character outside ASCII 32-126, wherever it stands: Cyrillic or Greek
    letters that look Latin (``A/RЕS/ES-11/7``), full-width or Arabic-Indic digits, Unicode hyphens and
    non-breaking hyphens, combining marks, control characters (NUL, vertical tab, unit separator ...) and
    invisible format characters (zero-width space, soft hyphen). Each would print like a symbol and still be
    another motion.
    """
    cleaned = clean_symbol(text)
    if not cleaned:
        return f"empty {what}"
    bad = next((ch for ch in cleaned if not " " <= ch <= "~"), None)
    if bad is not None:
        return f"{what} holds {describe_character(bad)}; a UN symbol is written in ASCII"
    return None


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def normal_symbol(text: object) -> str:
    """The normal form of a symbol: tidied (:func:`clean_symbol`), in upper case, numbers without leading zeros
    (``a/res/es-11/07`` -> ``A/RES/ES-11/7``). Only for an id :func:`symbol_problem` accepts."""
    return _normal_text(text) if isinstance(text, str) else _LEADING_ZEROS.sub(
        "", clean_symbol(text).translate(_ASCII_UPPER))


@functools.lru_cache(maxsize=1 << 14)
def _normal_text(text: str) -> str:
    """:func:`normal_symbol` of a string, remembered: a table of votes spells each of its few ids thousands of
    times (a pure function of its argument, so the memory never changes an answer)."""
    return _LEADING_ZEROS.sub("", clean_symbol(text).translate(_ASCII_UPPER))


def symbol_key(text: object) -> str:
    """The comparison key of a UN symbol: :func:`normal_symbol` in lower case, so ``S/RES/2774 (2025)``,
    ``s/res/2774(2025)`` and ``S/RES/02774(2025)`` share one key.

    Only ASCII letters change case (never ``str.upper``, ``casefold``: they turn ``ß`` into ``SS``), so ``ß`` and
    ``SS`` stay two keys and a Cyrillic ``Е`` never meets a Latin ``E`` (both ids are refused at every door).
    """
    return normal_symbol(text).translate(_ASCII_LOWER)


def header_key(name: str) -> str:
    """The comparison key of a column name: case, spaces and separators do not matter, so ``TOTAL_YES``,
    ``Total Yes``, ``total-yes`` and ``TotalYes`` are one name (``totalyes``), as are ``ms_code`` and ``MS CODE``."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", str(name)).lower())


# --- files ------------------------------------------------------------------------------------------------

def stamp(path: str | Path) -> tuple[int, ...]:
    """A file's version for caches: inode, size, modification and change time (utime cannot set the last)."""
    try:
        info = Path(path).stat()
        return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns
    except OSError:
        return ()  # read_table gives the clear error


class FileVersion:
    """A file as a cache key: equal to another when their bytes are equal, so that copies of a data folder (a
    scratch copy of update-data, a test's copy) share the reads of their small tables; it carries its own path,
    which is named in any error, and the bytes it was made from (``raw``), which are the ones to parse: a file
    changed after the key was made can never be cached under it. Missing, unreadable or not a regular file (a
    pipe, a device: never read here): equal to nothing but itself, and the reader says why. For small files: it
    reads every byte.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> (folder / "a.csv").write_text("x\\n1\\n"), (folder / "b.csv").write_text("x\\n1\\n")
    (4, 4)
    >>> FileVersion(folder / "a.csv") == FileVersion(folder / "b.csv"), FileVersion(folder / "a.csv").path.name
    (True, 'a.csv')
    """

    __slots__ = ("path", "raw", "_key")

    def __init__(self, path: str | Path):
        self.path, self.raw = Path(path), None
        try:
            if stat.S_ISREG(os.stat(self.path).st_mode):  # a pipe or a device is never read here (check_file says)
                self.raw = self.path.read_bytes()
        except OSError:
            pass
        self._key = (("bytes", hashlib.blake2b(self.raw, digest_size=20).digest()) if self.raw is not None
                     else ("unreadable", str(self.path), stamp(self.path)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileVersion) and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)


def file_version(path: str | Path) -> FileVersion:
    """The :class:`FileVersion` of ``path``, made once per version of the file (:func:`stamp`: inode, size,
    modification and change time): a caller that asks often (every name looked up, every id spelled) stats the
    file instead of reading and hashing it again."""
    return _file_version(str(path), stamp(path))


@functools.lru_cache(maxsize=64)
def _file_version(path: str, version: tuple[int, ...]) -> FileVersion:
    return FileVersion(path)


def check_file(path: str | Path) -> bool:
    """Refuse a missing, folder, special, unreadable or empty file with one clear line; True if it is gzip-compressed.

    Only a regular file is read: a link to a device or a stream (``/dev/zero``, a pipe) is refused before
    a byte is read, never read until memory runs out; a symbolic-link loop says so.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise VoteDataError("file not found", file=path) from None
    except OSError as exc:
        problem = "symbolic link loop" if exc.errno == errno.ELOOP else f"cannot read the file ({exc.strerror or exc})"
        raise VoteDataError(problem, file=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise VoteDataError("is a folder, not a file", file=path)
    if not stat.S_ISREG(info.st_mode):
        raise VoteDataError("not a regular file (a device, pipe or socket), so it is not read", file=path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(2)
    except OSError as exc:
        raise VoteDataError(f"cannot read the file ({exc.strerror or exc})", file=path) from None
    if not head:
        raise VoteDataError("file is empty", file=path)
    return head == b"\x1f\x8b"


#: What a broken gzip stream raises: truncated (EOFError), a bad header or method (BadGzipFile, an OSError),
#: a bad deflate block (zlib.error).
GZIP_ERRORS = (OSError, EOFError, zlib.error)


def unreadable(path: str | Path, exc: BaseException) -> VoteDataError:
    """A read error (a broken gzip stream, an I/O error) as one VoteDataError line naming the file."""
    what = getattr(exc, "strerror", None) or " ".join(str(exc).split()) or type(exc).__name__
    broken = isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile))
    return VoteDataError(f"cannot read the file ({'broken gzip stream: ' if broken else ''}{what})", file=path)


def open_bytes(path: str | Path, raw: bytes | None = None) -> bytes:
    """The bytes of a data file (a gzip file decompressed), or one clear VoteDataError; ``raw``: the file's bytes
    as already read (:class:`FileVersion`), parsed instead of reading it again."""
    compressed = check_file(path)
    try:
        raw = Path(path).read_bytes() if raw is None else raw
        raw = gzip.decompress(raw) if compressed else raw
    except GZIP_ERRORS as exc:
        raise unreadable(path, exc) from None
    if not raw.strip():
        raise VoteDataError("file is empty", file=path)
    return raw


def first_line(path: str | Path, compressed: bool) -> bytes:
    """The file's first line, whole however long (up to the first CR or LF), read without reading the rest."""
    parts: list[bytes] = []
    try:
        with (gzip.open if compressed else open)(path, "rb") as handle:
            while True:
                chunk = handle.read(1 << 16)
                cut = re.search(rb"[\r\n]", chunk)
                if cut or not chunk:
                    parts.append(chunk[:cut.start()] if cut else chunk)
                    return b"".join(parts)
                parts.append(chunk)
    except GZIP_ERRORS as exc:
        raise unreadable(path, exc) from None


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def decode(raw: bytes, path: str | Path) -> str:
    """UTF-8 text (a byte-order mark dropped), or VoteDataError with the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = len(_LINE_BREAK.findall(raw, 0, exc.start)) + 1  # CRLF, CR or LF: the line as an editor shows it
        sample = raw[max(0, exc.start - 20): exc.start + 20].decode("latin-1")
        raise VoteDataError("not UTF-8 text (save the file as UTF-8)", file=path, line=line, value=sample) from None


def csv_records(text: str, path: str | Path) -> list[tuple[int, list[str]]]:
    """(line where the record starts, fields) for each non-blank CSV record, header first.

    Line ends may be LF, CRLF or CR; a quoted field may span lines and be of any length (Python's csv limit
    of 128 KiB a field is lifted for the call, so a long title never hides the real error). A record
    whose field count differs from the header's is refused (truncated or
    wrongly quoted), so a short row is never read as a row with empty cells.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        out = _records(text, path)
    finally:
        csv.field_size_limit(limit)
    if out:
        width = len(out[0][1])
        for line, row in out[1:]:
            if len(row) != width:
                raise VoteDataError(f"malformed row (expected {width} fields, found {len(row)}; truncated or "
                                    f"wrongly quoted?)", file=path, line=line, value=",".join(row)[:60])
    return out


def _records(text: str, path: str | Path) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))  # quotes read as pyarrow reads them: every door alike
    out, start = [], 1
    try:
        for row in reader:
            if row:  # a blank line; a row of empty cells is a row (and refused by its fields)
                out.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise VoteDataError(f"malformed CSV ({exc}; truncated or wrongly quoted?)", file=path, line=start) from None
    return out


def check_header(names: list[str], path: str | Path) -> list[str]:
    """Header names stripped of spaces; one column per name, compared by :func:`header_key` (``ms_vote`` and
    ``MS_VOTE`` are one name, so a file holding both is refused, never "first wins"); a name holding a
    control or invisible character (a zero-width space in ``total_yes``) is refused, never ignored."""
    names = [n.strip() for n in names]
    seen = set()
    for name in names:
        hidden = next((ch for ch in name if unicodedata.category(ch) in ("Cc", "Cf")), None)
        if hidden is not None:
            raise VoteDataError(f"column name holds {describe_character(hidden)}", file=path, line=1, value=name)
        if header_key(name) in seen:
            raise VoteDataError("column appears twice in the header", file=path, line=1, value=name)
        seen.add(header_key(name))
    if len(names) == 1 and any(sep in names[0] for sep in ";\t|"):
        raise VoteDataError("the header has a single field: the file is not comma-separated", file=path, line=1,
                            value=names[0][:80])
    return names


# --- declared tables --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    """One column: its ``kind`` (text, int, number, date, yesno, choice, code, vote, symbol), allowed ``choices``,
    a ``pattern`` it must match (described for people by ``rule``), and whether it may be ``empty``."""

    name: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    empty: bool = False
    rule: str = ""
    doc: str = ""  #: one line for people: what the column holds (the data dictionary is made from it)


@dataclass(frozen=True)
class Table:
    """A declared table: file name in the data folder, fields, key columns, (where fixed) the row count, and for
    people a ``title`` and a ``doc`` paragraph (the data dictionary in ``data/README.md`` is made from them)."""

    name: str
    file: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ()
    rows: int | None = None
    may_be_empty: bool = False  # a header with no rows is a valid table (no partial record left)
    title: str = ""
    doc: str = ""

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


_CODE = r"[A-Z]{3}"
#: The grammar of the motions table's ``outcome``; the group names the member whose negative vote defeated it.
OUTCOME = r"adopted|rejected|rejected \(negative vote of a permanent member: (?P<vetoed_by>[^)]+)\)"
_VOTE_DOC = ("Y yes, N no, A abstention, X did not vote (absent, not participating, or not entitled under "
             "Article 19)")
#: The Council's membership by calendar year (elected terms run from 1 January): year -> declared table.
COUNCIL_ROSTERS = {2022: "sc_members_2022", 2025: "sc_members"}


def _long_votes(motion_doc: str) -> tuple[Field, ...]:
    """The fields of a long table of country-level votes (``votes.csv`` and the context's ``ga_context_votes.csv``
    share this layout): ``motion`` (documented by ``motion_doc``), ``iso3``, ``vote``."""
    return (Field("motion", "symbol", doc=motion_doc),
            Field("iso3", "code", doc="member code (one of the 193), once per motion"),
            Field("vote", "vote", doc=_VOTE_DOC))


def _council_fields(year: int) -> tuple[Field, ...]:
    return (Field("iso3", "code", doc="member code"),
            Field("membership", "choice", ("permanent", "elected"), doc="permanent or elected member"),
            Field("term", pattern=r"[0-9]{4}-[0-9]{4}", empty=True, rule="two years, YYYY-YYYY",
                  doc=f"term of an elected member (two years, {year} one of them); empty for a permanent member"))


#: The kinds of vote of vote_topics.csv, in the order of their first vote (2014, 2016, 2022, ...): what a resolution
#: is about, as its title says.
TOPICS = ("territorial integrity", "Crimea series", "aggression", "Human Rights Council membership", "reparations",
          "peace", "children", "other")
#: The basis of a Council vote of 2022 in sc_2022_sources.csv: named by a source, or deduced from the official tally.
VOTE_BASIS = r"named in source|by elimination: .+"
TABLES = {t.name: t for t in (
    Table("members", "members.csv", (
        Field("iso3", pattern=_CODE, rule="three capital letters",
              doc="ISO 3166-1 alpha-3 code, as used by the UN Digital Library's ms_code"),
        Field("name", doc="UN short name (e.g. Bolivia (Plurinational State of), Türkiye)"),
        Field("regional_group", "choice", ("African", "Asia-Pacific", "Eastern European",
                                           "Latin American and Caribbean", "Western European and Others"),
              doc="UN regional (electoral) group of 2025; the United States is counted with WEOG, as for "
                  "elections; Türkiye and Israel are WEOG; Kiribati is Asia-Pacific"),
    ), key=("iso3",), rows=193, title="the 193 UN Member States"),
    Table("aliases", "member_aliases.csv", (
        Field("alias", doc="a common or former name (Turkey, Swaziland, Ivory Coast, DPRK, USA, ...)"),
        Field("iso3", "code", empty=True, doc="the member it names; empty for an observer state (refused as a "
                                              "non-member); an alias listed with two codes is ambiguous"),
        Field("note", doc="why the alias is there"),
    ), key=("alias", "iso3"), title="names for the name normalizer (made for this project)"),
    Table("historical_seats", "historical_seats.csv", (
        Field("code", pattern=_CODE, rule="three capital letters", doc="code of a former seat in old Library rows"),
        Field("name", doc="the former member (e.g. Yugoslavia, Czechoslovakia)"),
        Field("note", empty=True, doc="what became of the seat; never mapped to a successor"),
    ), key=("code",), title="codes of former seats (made for this project)"),
    Table("blocs", "bloc_membership.csv", (
        Field("bloc", doc="EU27, NATO, G7, BRICS, ASEAN or AU (EU27: the European Union, with the United Kingdom "
                          "until it left)"),
        Field("iso3", "code", doc="member code"),
        Field("joined", "date", empty=True, doc="the day it became a member; empty: a member throughout 2014-2026"),
        Field("left", "date", empty=True, doc="its last day as a member; empty: still a member"),
    ), key=("bloc", "iso3"), title="bloc membership with dates (long table)",
        doc="For reading a vote with the membership of its own day (blocs_on, cohesion): NATO (Montenegro from 5 June "
            "2017, North Macedonia from 27 March 2020, Finland from 4 April 2023, Sweden from 7 March 2024), the EU "
            "(the United Kingdom until 31 January 2020), BRICS (Egypt, Ethiopia, Iran and the United Arab Emirates "
            "from 1 January 2024, Indonesia from 6 January 2025), the AU (Morocco readmitted 30 January 2017); "
            "ASEAN and the G7 did not change in 2014-2025. From each organisation's own membership pages."),
    Table("blocs_2025", "blocs.csv", (
        Field("bloc", doc="EU27, NATO, G7, BRICS, ASEAN or AU"), Field("iso3", "code", doc="member code"),
    ), key=("bloc", "iso3"), title="bloc membership on 24 February 2025 (long table)",
        doc="EU27 (27), NATO (32: Finland since 2023, Sweden since March 2024), G7 (7; the EU takes part but is "
            "not a UN member), BRICS (10, with Indonesia from January 2025; Saudi Arabia had not confirmed), ASEAN "
            "(10; Timor-Leste joined only in October 2025), AU (all 54 African UN members). The snapshot of "
            "bloc_membership.csv on that day: load_blocs_2025() refuses the two files if they disagree."),
    *(Table(name, f"sc_members_{year}.csv", _council_fields(year), key=("iso3",), rows=15,
            title=f"the 15 Security Council members of {year}",
            doc=f"A Council roll call of {year} lists exactly these 15 members (load_votes checks it).")
      for year, name in COUNCIL_ROSTERS.items()),
    Table("tile_grid", "tile_grid.csv", (
        Field("iso3", "code", doc="member code"), Field("col", "int", doc="column on the 30 x 18 grid"),
        Field("row", "int", doc="row on the grid, 0 at the top"),
    ), key=("iso3",), rows=193, title="the one-state-one-vote map layout (made for this project)",
        doc="One cell per member, no two sharing one; made by scripts/make_tile_grid.py (see below)."),
    Table("article19", "article19_2025.csv", (
        Field("iso3", "code", doc="member code"),
        Field("entitled_to_vote", "yesno", doc="no: listed as not entitled to vote (A/79/720 and addenda); yes: "
                                               "in arrears but allowed to vote by resolution 79/3"),
        Field("source", doc="the document"),
    ), key=("iso3",), title="Article 19 of the Charter (arrears), early 2025",
        doc="It covers early 2025 only: which members had lost their vote in February 2026 is not in the data."),
    Table("motions", "motions.csv", (
        Field("motion", "symbol", doc="the UN symbol of a resolution or amendment; for a vote without a symbol of "
                                      "its own, a descriptive id (A/ES-11/L.11/EU-amendment-1)"),
        Field("body", "choice", ("GA", "SC"), doc="GA (General Assembly) or SC (Security Council)"),
        Field("date", "date", doc="date of the vote"),
        Field("meeting", empty=True, doc="meeting record symbol (empty where not established)"),
        Field("draft", empty=True, doc="draft symbol (empty where not established)"),
        Field("kind", "choice", ("resolution", "draft resolution", "amendment", "procedural"),
              doc="what was voted on: an adopted resolution, a draft resolution that was not adopted (a Council "
                  "draft defeated by a veto), an amendment, or a procedural motion"),
        Field("amends", empty=True, doc="for an amendment: the draft or resolution it amends"),
        Field("proposer", empty=True, doc="who proposed it"),
        Field("title_or_change", doc="the title of a resolution, or the change an amendment proposed"),
        Field("yes", "int", empty=True, doc="official votes in favour; empty where not known"),
        Field("no", "int", empty=True, doc="official votes against; empty where not known"),
        Field("abstain", "int", empty=True, doc="official abstentions; empty where not known"),
        Field("outcome", pattern=OUTCOME, rule="adopted, rejected or rejected (negative vote of a permanent "
                                               "member: NAME)",
              doc="adopted, rejected, or rejected by the negative vote of a permanent member (named)"),
        Field("roll_call", "yesno", doc="yes where a country-level record is in votes.csv"),
        Field("tally_quality", doc="how good the tally source is: official, single news source, unverified, no "
                                   "tally found, ..."),
    ), key=("motion",), title="every vote of interest, including those known only as tallies"),
    Table("votes", "votes.csv", _long_votes("a motion of motions.csv with roll_call yes"), key=("motion", "iso3"),
          title="country-level votes (long table)",
        doc="Each General Assembly roll call lists the 193 members, each Council roll call the 15 members of its "
            "year (sc_members_YEAR.csv); the Y/N/A counts equal the official tally. The Council votes of 2022 "
            "come from the sources of sc_2022_sources.csv, member by member (11 yes votes on S/RES/2623 (2022) "
            "by elimination from the official tally)."),
    Table("sc_2022_sources", "sc_2022_sources.csv", (
        Field("motion", "symbol", doc="a Council roll call of 2022 in votes.csv"),
        Field("iso3", "code", doc="member code (one of the 15 members of 2022), once per motion"),
        Field("vote", "vote", doc="the member's vote, identical to its row in votes.csv"),
        Field("vote_basis", pattern=VOTE_BASIS, rule="named in source, or by elimination: HOW",
              doc="named in source (a source names the member's vote), or by elimination: deduced from the "
                  "official tally with the other votes named (S/RES/2623 (2022): the 1 against and the 3 "
                  "abstaining named by SC/14809, so the other 11 voted yes)"),
        Field("source", doc="the source or sources, with their URLs"),
    ), key=("motion", "iso3"), title="the Security Council votes of 2022, member by member, with their basis",
        doc="Loaded by load_sc_sources(), which refuses a row whose vote differs from votes.csv, and a Council roll "
            "call of 2022 with a member it does not cover."),
    Table("partial_votes", "partial_votes.csv", (
        Field("motion", "symbol", doc="a motion of motions.csv with roll_call no (a full record replaces a partial "
                                      "one)"),
        Field("iso3", "code", doc="member code, at most once per motion"),
        Field("vote", "vote", doc=_VOTE_DOC + "; never more of a kind than the motion's tally"),
        Field("confidence", "choice", ("high", "medium", "low"),
              doc="how well sourced the vote is, from source_groups: high 3 or more, medium 2, low 1"),
        Field("source_groups", "int", doc="the independent groups of reports that name the vote (outlets that "
                                          "reprint one another, or all quote one post, are one group); at least 1"),
        Field("source", doc="the URL of a report that names the vote"),
        Field("other_sources", empty=True, doc="the further URLs, space-separated"),
    ), key=("motion", "iso3"), may_be_empty=True, title="country-level votes known only from news reports",
        doc="Loaded by load_partial_votes(), never by load_votes(): a partial record is not a roll call. The named "
            "states are those the news reported, not a sample: no share or rate can be computed from them. A row "
            "whose confidence does not follow from its source_groups is refused."),
    Table("related_tallies", "related_tallies.csv", (
        Field("date", "date", doc="date of the vote (inferred from news reports where the note says so)"),
        Field("symbol", "symbol", empty=True, doc="the resolution's symbol; empty where no source confirms it (never "
                                                  "guessed)"),
        Field("title", doc="the title as the sources give it"),
        Field("yes", "int", empty=True, doc="votes in favour; empty where not known"),
        Field("no", "int", empty=True, doc="votes against; empty where not known"),
        Field("abstain", "int", empty=True, doc="abstentions; empty where not known (or where the sources disagree)"),
        Field("tally_quality", doc="how good the tally source is: official, news sources (how many agree), no tally "
                                   "found, ..."),
        Field("sources", doc="the URLs of the sources, space-separated"),
        Field("note", empty=True, doc="what is not known or disputed"),
    ), key=("date", "title"), title="Ukraine-related General Assembly votes known only as tallies",
        doc="The Crimea human-rights resolutions of 2022-2025, the Zaporizhzhia resolution 78/316, the Chornobyl "
            "and UN-Council of Europe resolutions of 2025: no country-level record, some without a confirmed "
            "symbol. Loaded by load_related_tallies(); not in the motions table."),
    Table("vote_topics", "vote_topics.csv", (
        Field("title", doc="a title exactly as motions.csv (title_or_change of a General Assembly resolution) or "
                           "related_tallies.csv gives it"),
        Field("topic", "choice", TOPICS,
              doc="what the resolution is about, as its title says: the Crimea series are the yearly resolutions on "
                  "the Autonomous Republic of Crimea and the city of Sevastopol (human rights, militarization); other: "
                  "none of the kinds (nuclear safety, the Council of Europe, Chornobyl)"),
        Field("basis", doc="the words of the title the kind is read from (classified from the title, made for this "
                           "project)"),
    ), key=("title",), title="the kind of each General Assembly resolution, classified from its title (made for this "
                             "project)",
        doc="A classification, not a vote: one row per title of a General Assembly resolution in motions.csv and of a "
            "vote in related_tallies.csv, so that a figure can mark each vote by its kind (load_vote_topics, "
            "topic_of). A title repeated from year to year has one row. A new resolution needs its row here "
            "(update-data names each it adds without one); a row for a title that no such vote has is refused."),
    Table("context_motions", "ga_context_motions.csv", (
        Field("motion", "symbol", doc="the symbol in the record: a resolution, or a draft symbol (A/76/L.14) where "
                                      "the record has no resolution number"),
        Field("date", "date", doc="date of the vote"),
        Field("title", doc="the record's title (long titles cut by the record with [...])"),
        Field("yes", "int", doc="the record's votes in favour"),
        Field("no", "int", doc="the record's votes against"),
        Field("abstain", "int", doc="the record's abstentions"),
        Field("non_voting", "int", doc="the record's members that did not vote"),
        Field("undl_record", pattern=r"[0-9]{1,12}", rule="a record number (digits)",
              doc="UN Digital Library record number (https://digitallibrary.un.org/record/NNN)"),
    ), key=("motion",), title="every recorded General Assembly vote of 2014-2021 (the context)",
        doc="725 roll calls, from a resolution-level extract of the UN Digital Library's voting records "
            "(see Sources). It stops at 2021: what is said of all GA votes holds for 2014-2021. Loaded by "
            "load_context_motions(), with the GA session of each vote."),
    Table("context_votes", "ga_context_votes.csv", _long_votes("a motion of ga_context_motions.csv"),
          key=("motion", "iso3"), title="the country-level votes of the context, 2014-2021 (long table)",
        doc="725 x 193 = 139,925 votes; every roll call lists the 193 members and its counts equal the record's "
            "yes, no, abstain and non_voting. Loaded by load_context(), never mixed into load_votes(); its rows of "
            "A/RES/68/262 and the ten Crimea resolutions are identical to those of votes.csv."),
    Table("text_changes", "text_changes.csv", (
        Field("part", doc="paragraph of the text"),
        Field("original_us_text", empty=True, doc="the US draft A/ES-11/L.11 as tabled, identical to S/RES/2774 "
                                                  "(2025)"),
        Field("as_amended_in_the_general_assembly", doc="the change made by the European amendments (partly "
                                                        "paraphrase)"),
        Field("source_quality", doc="where the wording comes from"),
    ), title="the US draft as tabled against the text as amended in the General Assembly"),
    Table("text_comparison", "texts/es11_7_vs_es11_10.csv", (
        Field("provision", doc="the provision, in short"), Field("in_es11_7_2025", doc="yes or no"),
        Field("in_es11_10_2026", doc="yes (with the paragraph and any change of wording) or no"),
        Field("change", "choice", ("kept", "added", "dropped"), doc="what happened to the provision"),
        Field("source_quality", doc="the 2026 side is the adopted text; the 2025 side is paraphrase"),
    ), title="A/RES/ES-11/7 (2025) against A/RES/ES-11/10 (2026), provision by provision"),
)}

def topic_of(titles: pd.Series, topics: pd.DataFrame, *, file: str | Path | None = None) -> pd.Series:
    """The kind of vote of each title in ``titles`` (the table of :func:`analysis.load_vote_topics`), same index.

    A title without a row is refused (:class:`VoteDataError`, naming ``file`` if given), never guessed: add its row
    to ``vote_topics.csv``.

    Examples:
        >>> topic_of(pd.Series(["Aggression against Ukraine"]), load_vote_topics()).tolist()
        ['aggression']
    """
    kinds = topics.set_index("title")["topic"]
    missing = sorted(set(titles) - set(kinds.index))
    if missing:
        raise VoteDataError("no kind of vote for this title: add its row to vote_topics.csv", file=file,
                            value=missing[0])
    return titles.map(kinds)


#: The five UN regional groups, in the order used in tables and figures.
REGIONAL_GROUPS = TABLES["members"].fields[2].choices

_PROBLEMS = {
    "int": "must be a whole number (at most 18 digits 0-9)", "date": "must be a real calendar date written YYYY-MM-DD",
    "yesno": "must be yes or no", "number": "must be a decimal number in ASCII digits (e.g. -1.25)",
}
#: A ``number`` cell: a decimal number as Python and pandas write a float (``-1.25``, ``0.5``, ``1e-05``); no
#: ``NaN``, ``inf``, thousands separator or decimal comma.
_NUMBER = re.compile(r"-?[0-9]{1,18}(\.[0-9]{1,18})?([eE][-+]?[0-9]{1,3})?")


def _check_cell(spec: Field, raw: str, codes: frozenset[str] | None) -> str | None:
    """The cell's value as stored in the table, or None if the field refuses it."""
    if spec.kind == "symbol":  # not stripped first: a control character at either end is refused too
        if spec.empty and raw == "":
            return ""  # a symbol no source confirms (related_tallies.csv): a gap, never filled in
        return None if symbol_problem(raw, f"{spec.name} id") else clean_symbol(raw)
    value = raw if spec.kind == "text" else raw.strip()
    if value == "" or (not spec.empty and not value.strip()):  # a required text of spaces only is empty too
        return "" if spec.empty else None
    if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
        return None
    if spec.kind == "int":
        return value if count(value) is not None else None
    if spec.kind == "number":
        return value if _NUMBER.fullmatch(value) else None
    if spec.kind == "date":
        return value if is_iso_date(value) else None
    if spec.kind in ("yesno", "choice"):
        return value if value in (spec.choices or ("yes", "no")) else None
    if spec.kind == "vote":
        index = vote_index(value)
        return None if index is None else VOTE_CODES[index]
    if spec.kind == "code":
        value = value.upper()
        return value if codes is None or value in codes else None
    return value


def _problem(spec: Field, raw: str) -> str:
    if spec.kind == "symbol":
        return symbol_problem(raw, f"{spec.name} id") or f"{spec.name} is not valid"
    if raw.strip() == "":
        return f"{spec.name} is empty" if raw == "" else f"{spec.name} is empty (it holds only white space)"
    if spec.kind == "code":
        return "unknown member code (expected one of the 193 ISO3 codes)"
    if spec.kind in ("choice",) or spec.choices:
        return f"{spec.name} must be one of {', '.join(spec.choices)}"
    if spec.rule:
        return f"{spec.name} must be {spec.rule}"
    return f"{spec.name} {_PROBLEMS.get(spec.kind, 'is not valid')}" if spec.kind != "vote" else VOTE_PROBLEM


def _declared_header(spec: Table, names: list[str], path: str | Path) -> list[int]:
    """The position of each declared column in the header, which must hold exactly the declared columns in any
    order, matched by :func:`header_key` (``Motion``, `` ISO3 ``); the header is checked by :func:`check_header`."""
    header = check_header(names, path)
    keys = [header_key(h) for h in header]
    missing = [c for c in spec.columns if header_key(c) not in keys]
    extra = [h for h, k in zip(header, keys) if k not in {header_key(c) for c in spec.columns}]
    if missing or extra:
        problem = f"missing column(s) {', '.join(missing)}" if missing else f"unexpected column(s) {', '.join(extra)}"
        raise VoteDataError(f"{problem} for the {spec.name} table; header is", file=path, line=1,
                            value=",".join(header))
    return [keys.index(header_key(c)) for c in spec.columns]


def _check_key(spec: Table, frame: pd.DataFrame, lines: list[int], path: Path) -> None:
    """Refuse a row whose key repeats an earlier row's; ids are compared by their key, each distinct id
    normalized once."""
    keys = frame[list(spec.key)]
    if "motion" in spec.key:
        keys = keys.assign(motion=keys["motion"].map({m: symbol_key(m) for m in keys["motion"].unique()}))
    dup = keys.duplicated().to_numpy()
    if dup.any():
        i = int(dup.argmax())
        what = "member appears twice in the same motion" if spec.key == ("motion", "iso3") else "listed twice"
        raise VoteDataError(what, file=path, line=lines[i], value=frame[spec.key[-1]].iat[i],
                            motion=frame["motion"].iat[i] if "motion" in spec.key else None)


def read_table(table: Table | str, path: str | Path | None = None, *, data_dir: str | Path | None = None,
               codes: frozenset[str] | None = None, raw: bytes | None = None) -> tuple[pd.DataFrame, list[int]]:
    """Read and check one declared table: (typed frame, physical line of each row).

    ``codes`` are the member codes that ``code`` fields accept (None: any three
    capital letters). Columns come out in the declared order; ``int`` fields
    as nullable Int64, ``number`` as float, ``date`` as datetime, ``yesno`` as bool.
    """
    spec = TABLES[table] if isinstance(table, str) else table
    path = Path(path) if path is not None else data_path(spec.file, data_dir)
    rows = csv_records(decode(open_bytes(path, raw), path), path)  # raw: the bytes a cache key was made from
    position = _declared_header(spec, rows[0][1], path)
    if len(rows) == 1 and not spec.may_be_empty:
        raise VoteDataError("no data rows (header only)", file=path, line=1)
    lines = [line for line, _ in rows[1:]]
    columns: dict[str, list[str]] = {c: [] for c in spec.columns}
    seen: list[dict[str, str | None]] = [{} for _ in spec.fields]  # each distinct cell is checked once
    for line, row in rows[1:]:
        for spec_field, at, cache in zip(spec.fields, position, seen):
            raw = row[at]
            value = cache[raw] if raw in cache else cache.setdefault(raw, _check_cell(spec_field, raw, codes))
            if value is None:
                raise VoteDataError(_problem(spec_field, raw), file=path, line=line, value=raw)
            columns[spec_field.name].append(value)
    frame = pd.DataFrame(columns, dtype=object)
    if spec.key:
        _check_key(spec, frame, lines, path)
    if spec.rows is not None and len(frame) != spec.rows:
        missing = sorted(codes - set(frame["iso3"])) if codes is not None and spec.key == ("iso3",) else []
        detail = f" (missing {', '.join(missing)})" if missing and len(frame) < spec.rows else ""
        raise VoteDataError(f"expected {spec.rows} rows, found {len(frame)}{detail}", file=path)
    return _typed(frame, spec), lines


def _typed(frame: pd.DataFrame, spec: Table) -> pd.DataFrame:
    """The checked text cells of ``frame`` as their declared types (the one conversion of both readers): ``int``
    as nullable Int64 (exact, every digit), ``number`` as float, ``date`` as datetime, ``yesno`` as bool, the
    rest as str."""
    for f in spec.fields:
        values = frame[f.name]
        if f.kind == "int":
            frame[f.name] = pd.array([int(v) if v != "" else pd.NA for v in values], dtype="Int64")
        elif f.kind == "number":
            frame[f.name] = pd.array([float(v) if v != "" else float("nan") for v in values], dtype="float64")
        elif f.kind == "date":
            frame[f.name] = pd.to_datetime(values.replace("", None), format="%Y-%m-%d")
        elif f.kind == "yesno":
            frame[f.name] = values.eq("yes")
        else:
            frame[f.name] = values.astype("str")
    return frame


def read_table_fast(table: Table | str, path: str | Path | None = None, *, data_dir: str | Path | None = None,
                    codes: frozenset[str] | None = None, check_key: bool = True,
                    encoded: dict[str, tuple[np.ndarray, list[str]]] | None = None) -> pd.DataFrame | None:
    """A large declared table read at once by pyarrow, each distinct cell checked once: the frame of
    :func:`read_table`, or None where anything is not as declared, for :func:`read_table` to read again and
    name the file, the line and the value.

    The same rules as :func:`read_table` (no type or NA guessing; spaces around codes and ``y``/``NV`` votes
    tolerated and normalized; the key and the row count), without a Python step per row, for a large table
    such as the context's 139,925 votes. ``check_key=False`` leaves the key to the caller (the roll-call
    checker checks a member once per motion on integer codes). It gives no line numbers: it is only ever
    the fast way to a table that is right. ``encoded``, a dict, receives each column as (integer code of
    each row, the distinct values), for a caller that works on codes (the roll-call checker).
    """
    from pyarrow import csv as pa_csv

    spec = TABLES[table] if isinstance(table, str) else table
    path = Path(path) if path is not None else data_path(spec.file, data_dir)
    raw = open_bytes(path)
    try:
        parsed = pa_csv.read_csv(pa.BufferReader(raw), convert_options=pa_csv.ConvertOptions(
            column_types={c: pa.string() for c in spec.columns}, strings_can_be_null=False, null_values=[],
            quoted_strings_can_be_null=False))
        names = parsed.column_names  # a header that is not UTF-8 raises here, not in read_csv
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError):
        return None
    if names != spec.columns or parsed.num_rows == 0 or (spec.rows and parsed.num_rows != spec.rows):
        return None
    columns, keys = {}, []
    for spec_field in spec.fields:
        column = parsed.column(spec_field.name).combine_chunks().dictionary_encode()
        values = [_check_cell(spec_field, raw_value, codes) for raw_value in column.dictionary.to_pylist()]
        if any(v is None for v in values):
            return None
        distinct, inverse = np.unique(np.asarray(values, dtype=object).astype(str), return_inverse=True)
        indices = inverse[column.indices.to_numpy()]
        columns[spec_field.name] = pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()),
                                                                  pa.array(distinct.tolist(), pa.string()))
        if encoded is not None:
            encoded[spec_field.name] = (indices, distinct.tolist())
        if spec_field.name in spec.key:
            keys.append((indices, len(distinct)))
    if check_key and keys and np.bincount(np.ravel_multi_index([k for k, _ in keys], [n for _, n in keys])).max() > 1:
        return None
    frame = pa.table({name: column.cast(pa.string()) for name, column in columns.items()}).to_pandas()
    return _typed(frame, spec)
