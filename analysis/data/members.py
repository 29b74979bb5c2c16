"""The 193 UN Member States, their groups and blocs, the map layout, and the name normalizer.

The project's own member table (UN short names and the ISO 3166 alpha-3 codes the
UN Digital Library uses) plus an alias table are the source of truth for turning
any country name or code into ISO3: general-purpose converters get UN-style names
such as "Bolivia (Plurinational State of)" wrong or fail to import under pandas 3.
Every table here is read through :func:`analysis.schema.read_table`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .schema import (  # noqa: F401 (REGIONAL_GROUPS)
    COUNCIL_ROSTERS,
    REGIONAL_GROUPS,
    TABLES,
    FileVersion,
    VoteDataError,
    data_path,
    file_version,
    read_table,
    stamp,
)
from .schema import data_dir as resolve_data_dir

#: Short labels for figures.
GROUP_ABBREVIATIONS = {"African": "AFR", "Asia-Pacific": "APG", "Eastern European": "EEG",
                       "Latin American and Caribbean": "GRULAC", "Western European and Others": "WEOG"}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
PathLike = str | Path | None


def name_key(text: str) -> str:
    """Comparison key for a country name: accents, case, apostrophe style and spacing removed.

    ``"Côte d’Ivoire"``, ``"COTE D'IVOIRE"`` and ``" cote  d'ivoire"`` share one key.
    """
    text = unicodedata.normalize("NFD", str(text).translate(_APOSTROPHES))  # NFD, not NFKD: ＦＲＡ is not FRA
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().casefold()


@lru_cache(maxsize=8)
def _cached(name: str, version: FileVersion, codes: frozenset[str] | None) -> pd.DataFrame:
    return read_table(name, version.path, codes=codes, raw=version.raw)[0]


def _load(name: str, path: PathLike, data_dir: PathLike, codes: frozenset[str] | None = None) -> pd.DataFrame:
    """A declared table, read once per content of its file (:class:`~analysis.data.schema.FileVersion`: a copy
    of a folder reads it no second time); a fresh copy each call."""
    path = Path(path) if path else data_path(TABLES[name].file, data_dir)
    return _cached(name, file_version(path), codes).copy()


def member_codes(historical: bool = False, *, data_dir: PathLike = None) -> frozenset[str]:
    """The 193 ISO3 codes, plus the historical seat codes (YUG, CSK, ...) when ``historical``."""
    codes = frozenset(load_members(data_dir=data_dir)["iso3"])
    return codes | frozenset(load_historical_seats(data_dir=data_dir)["code"]) if historical else codes


def load_members(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """The 193 Member States: ``iso3``, ``name`` (UN short name), ``regional_group``."""
    return _load("members", path, data_dir)


def load_historical_seats(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """Codes of former seats found in old UN Digital Library rows (``YUG``, ``CSK``, ...): ``code, name, note``."""
    return _load("historical_seats", path, data_dir)


def load_blocs(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """Bloc membership with dates, ``bloc, iso3, joined, left`` (EU27, NATO, G7, BRICS, ASEAN, AU).

    ``joined`` and ``left`` are dates, NaT where the file leaves them empty (a
    member throughout 2014-2026; still a member); ``left`` is the last day of
    membership. :func:`blocs_on` gives the membership of one day, and
    :func:`analysis.cohesion` reads each vote with the membership of its own
    day. The table's ``attrs["source"]`` names the file. Checked on load: a
    member does not leave before it joined.
    """
    path = Path(path) if path else data_path(TABLES["blocs"].file, data_dir)
    frame = _load("blocs", path, data_dir, member_codes(data_dir=data_dir))
    early = (frame["left"] < frame["joined"]).to_numpy()
    if early.any():
        i = int(early.argmax())
        lines = read_table("blocs", path, codes=member_codes(data_dir=data_dir))[1]
        raise VoteDataError("left before it joined", file=path, line=lines[i],
                            value=f"{frame['bloc'].iat[i]} {frame['iso3'].iat[i]}")
    frame.attrs["source"] = path.name
    return frame


def blocs_on(blocs: pd.DataFrame, date) -> pd.DataFrame:
    """The members of each bloc on ``date``: the rows of ``blocs`` (:func:`load_blocs`) whose membership covers it.

    A table without ``joined``/``left`` columns is returned as it is (one membership for every day).

    >>> nato = blocs_on(load_blocs(), "2022-03-02").query("bloc == 'NATO'")
    >>> len(nato), "FIN" in set(nato["iso3"])
    (30, False)
    """
    on = pd.Timestamp(date)
    if not {"joined", "left"} <= set(blocs.columns):
        return blocs.copy()
    covers = (blocs["joined"].isna() | (blocs["joined"] <= on)) & (blocs["left"].isna() | (blocs["left"] >= on))
    return blocs[covers].reset_index(drop=True)


def load_blocs_2025(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """Bloc membership on 24 February 2025 (``blocs.csv``): ``bloc, iso3``, the snapshot the 2025 analyses read.

    Checked on load against the dated table (:func:`load_blocs`): the two files
    must give the same members on that day, or both are refused.
    """
    path = Path(path) if path else data_path(TABLES["blocs_2025"].file, data_dir)
    codes = member_codes(data_dir=data_dir)
    frame = _load("blocs_2025", path, data_dir, codes)
    dated = blocs_on(load_blocs(data_dir=data_dir), "2025-02-24")
    snapshot, on_the_day = set(zip(frame["bloc"], frame["iso3"])), set(zip(dated["bloc"], dated["iso3"]))
    if snapshot != on_the_day:
        extra, missing = sorted(snapshot - on_the_day), sorted(on_the_day - snapshot)
        lines = read_table("blocs_2025", path, codes=codes)[1]
        line = lines[list(zip(frame["bloc"], frame["iso3"])).index(extra[0])] if extra else None
        what = (f"not a member on 24 February 2025 by {TABLES['blocs'].file}" if extra else
                f"a member on 24 February 2025 by {TABLES['blocs'].file} is missing")
        raise VoteDataError(what, file=path, line=line, value=" ".join((extra or missing)[0]))
    return frame


def load_sc_members(path: PathLike = None, *, data_dir: PathLike = None, year: int = 2025) -> pd.DataFrame:
    """The 15 Security Council members of ``year`` (2025 unless given; 2022 is also held): ``iso3``,
    ``membership`` (permanent/elected), ``term``. :func:`load_council` gives every year held in one table."""
    if year not in COUNCIL_ROSTERS:
        raise VoteDataError(f"no Council membership held for this year (held: {', '.join(map(str, COUNCIL_ROSTERS))})",
                            value=year)
    frame = _load(COUNCIL_ROSTERS[year], path, data_dir, member_codes(data_dir=data_dir))
    first = pd.to_numeric(frame["term"].str[:4], errors="coerce")
    last = pd.to_numeric(frame["term"].str[5:], errors="coerce")
    permanent = frame["membership"].eq("permanent")
    wrong = (permanent & frame["term"].ne("")) | (~permanent & ~((first <= year) & (year <= last)))
    if wrong.any() or permanent.sum() != 5:
        path = Path(path) if path else data_path(TABLES[COUNCIL_ROSTERS[year]].file, data_dir)
        i = int(wrong.to_numpy().argmax()) if wrong.any() else None
        problem = (f"an elected member's term must include {year}, a permanent member has none" if wrong.any()
                   else f"the Council has 5 permanent members, the file lists {int(permanent.sum())}")
        lines = read_table(COUNCIL_ROSTERS[year], path, codes=member_codes(data_dir=data_dir))[1]
        raise VoteDataError(problem, file=path, line=None if i is None else lines[i],
                            value=None if i is None else f"{frame['iso3'].iat[i]} {frame['term'].iat[i]}".strip())
    return frame


def load_council(*, data_dir: PathLike = None) -> pd.DataFrame:
    """The Security Council's members of every year held, one long table: ``year, iso3, membership, term``.

    A Council roll call lists the 15 members of its year (``sc_members_YEAR.csv``;
    today 2022 and 2025): the Council of 2022 is not the Council of 2025.
    """
    frames = [load_sc_members(data_dir=data_dir, year=year).assign(year=year) for year in COUNCIL_ROSTERS]
    out = pd.concat(frames, ignore_index=True)
    return out[["year", "iso3", "membership", "term"]].astype({"year": "int64"})


def load_article19(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """Members in arrears under Article 19 in early 2025: ``iso3``, ``entitled_to_vote`` (bool), ``source``.

    The five not entitled to vote (A/79/720 and addenda) are ``X`` on 24 February
    2025 by rule, not by choice; Sao Tome and Principe and Somalia were in arrears
    but allowed to vote (resolution 79/3).
    """
    return _load("article19", path, data_dir, member_codes(data_dir=data_dir))


def load_tile_grid(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """The one-state-one-vote map layout: ``iso3``, ``col``, ``row`` (row 0 at the top); no two members share a cell.

    Made by ``scripts/make_tile_grid.py`` (``make tile-grid``).
    """
    path = Path(path) if path else data_path(TABLES["tile_grid"].file, data_dir)
    frame, lines = read_table("tile_grid", path, codes=member_codes(data_dir=data_dir))
    shared = frame.duplicated(["col", "row"]).to_numpy()
    if shared.any():
        i = int(shared.argmax())
        raise VoteDataError("two members share a cell", file=path, line=lines[i],
                            value=f"{frame['iso3'].iat[i]} at {frame['col'].iat[i]},{frame['row'].iat[i]}")
    return frame.astype({"col": int, "row": int})


@dataclass(frozen=True)
class Names:
    """The name tables of one data folder, each name by :func:`name_key`.

    ``unique``: name, alias or code -> the one member it names; ``ambiguous``: -> the members it may name
    ("Korea"); ``refused``: an observer state's name -> why ("observer state"); ``seats``: a former seat's
    name or code -> its code (``historical_seats.csv``: "Yugoslavia" -> ``YUG``); ``un_names``: iso3 -> UN name.
    """

    unique: dict[str, str]
    ambiguous: dict[str, tuple[str, ...]]
    refused: dict[str, str]
    seats: dict[str, str]
    un_names: dict[str, str]

    def candidates(self, name: str) -> frozenset[str] | None:
        """The codes ``name`` may stand for (empty: a non-member's name), None for a name not known at all."""
        key = name_key(name)
        if key in self.unique or key in self.seats:
            return frozenset({self.unique.get(key) or self.seats[key]})
        if key in self.ambiguous:
            return frozenset(self.ambiguous[key])
        return frozenset() if key in self.refused else None


@lru_cache(maxsize=4)
def _lookup(members_file: FileVersion, aliases_file: FileVersion, seats_file: FileVersion) -> Names:
    """The :class:`Names` of a data folder, from members, aliases and historical seats.

    Cached per content of its member, alias and seat files (a copy of a folder builds them no second time).
    """
    members = _cached("members", members_file, None)  # read only here: no copy
    table: dict[str, set[str]] = {}
    for iso3, name in zip(members["iso3"], members["name"]):
        table.setdefault(name_key(name), set()).add(iso3)
        table.setdefault(name_key(iso3), set()).add(iso3)
    aliases = _cached("aliases", aliases_file, frozenset(members["iso3"]))
    refused: dict[str, str] = {}
    for alias, iso3, note in aliases.itertuples(index=False):
        if iso3 == "":
            refused[name_key(alias)] = note.split(":")[0].strip()  # "observer state", never the whole note
        else:
            table.setdefault(name_key(alias), set()).add(iso3)
    seats = _cached("historical_seats", seats_file, None)
    former = {name_key(n): c for c, n in zip(seats["code"], seats["name"])} | {name_key(c): c for c in seats["code"]}
    return Names({k: next(iter(v)) for k, v in table.items() if len(v) == 1},
                 {k: tuple(sorted(v)) for k, v in table.items() if len(v) > 1}, refused,
                 {k: c for k, c in former.items() if k not in table}, dict(zip(members["iso3"], members["name"])))


def names(data_dir: PathLike = None) -> Names:
    """The name tables of ``data_dir`` (default: the bundled folder), read once per version of its files."""
    folder = resolve_data_dir(data_dir).resolve()
    return _lookup(*(file_version(folder / TABLES[t].file) for t in ("members", "aliases", "historical_seats")))


def to_iso3(name: str, *, data_dir: PathLike = None) -> str:
    """ISO3 code of a Member State from a UN name, a common name or a code, looked up in ``data_dir``'s
    members and aliases (default: the bundled folder).

    >>> to_iso3("BOLIVIA (PLURINATIONAL STATE OF)"), to_iso3("Türkiye"), to_iso3("DPRK")
    ('BOL', 'TUR', 'PRK')

    Raises VoteDataError for an empty or unknown name (suggesting the closest members), an ambiguous one
    ("Korea"), a non-member ("Holy See") or a former seat ("Yugoslavia").
    """
    tables = names(data_dir)
    key = name_key(name)
    if key in tables.unique:
        return tables.unique[key]
    if not key:
        raise VoteDataError("empty country name or code", value=name)
    if key in tables.ambiguous:
        raise VoteDataError(f"ambiguous country name (could be {' or '.join(tables.ambiguous[key])}); use the UN "
                            f"name or the ISO3 code", value=name)
    if key in tables.refused:
        raise VoteDataError(f"not a UN Member State (an {tables.refused[key]})", value=name)
    if key in tables.seats:
        raise VoteDataError(f"a former seat ({tables.seats[key]}), not one of today's Member States", value=name)
    close = suggest_members(name, data_dir=data_dir)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    raise VoteDataError(f"unknown country name or code{hint}", value=name)


def try_iso3(name: str, *, data_dir: PathLike = None) -> str | None:
    """Like :func:`to_iso3` but ``None`` where the name is not a known member name (no suggestions computed)."""
    return names(data_dir).unique.get(name_key(name))


def name_codes(values: list[str], *, data_dir: PathLike = None) -> list[str | None]:
    """ISO3 of each name that is a known member name (None otherwise), the tables looked up once for all."""
    unique = names(data_dir).unique
    return [unique.get(name_key(name)) for name in values]


def suggest_members(name: str, n: int = 3, *, data_dir: PathLike = None) -> list[str]:
    """UN names of the members whose name or alias is closest to ``name`` (for "did you mean ...?")."""
    tables = names(data_dir)
    keys = [k for k in tables.unique if len(k) > 3]  # names and aliases, not bare codes
    out: list[str] = []
    for key in difflib.get_close_matches(name_key(name), keys, n=n * 2, cutoff=0.75):
        if tables.un_names[tables.unique[key]] not in out:
            out.append(tables.un_names[tables.unique[key]])
    return out[:n]


def normalize_names(values: pd.Series, *, data_dir: PathLike = None) -> pd.Series:
    """Map country names (UN, common or upper-case) to ISO3, each distinct name once; raise at the first bad one."""
    distinct = {name: to_iso3(name, data_dir=data_dir) for name in pd.unique(values)}
    return values.map(distinct).astype("str")
