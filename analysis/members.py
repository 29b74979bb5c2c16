"""The 193 UN Member States, their groups and blocs, and the name normalizer.

The project's own member table (``data/members.csv``, UN short names and the
ISO 3166 alpha-3 codes the UN Digital Library uses) plus an alias table
(``data/member_aliases.csv``) are the source of truth for turning any
country name or code into ISO3. General-purpose converters get UN-style names
such as "Bolivia (Plurinational State of)" wrong or fail to import under
pandas 3, so they are not used.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import VoteDataError
from .tables import data_path, fail_at, read_table

#: The five UN regional groups, in the order used in tables and figures.
REGIONAL_GROUPS = (
    "African",
    "Asia-Pacific",
    "Eastern European",
    "Latin American and Caribbean",
    "Western European and Others",
)

#: Short labels for figures.
GROUP_ABBREVIATIONS = {
    "African": "AFR",
    "Asia-Pacific": "APG",
    "Eastern European": "EEG",
    "Latin American and Caribbean": "GRULAC",
    "Western European and Others": "WEOG",
}

N_MEMBERS = 193

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def name_key(text: str) -> str:
    """Comparison key for a country name: accents, case, apostrophe style and spacing removed.

    ``"Côte d’Ivoire"``, ``"COTE D'IVOIRE"`` and ``" cote  d'ivoire"`` share one key.
    """
    text = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().casefold()


def load_members(path: str | Path | None = None, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The 193 Member States: columns ``iso3``, ``name`` (UN short name), ``regional_group``.

    Checked on load: 193 rows, unique three-letter codes, known groups.
    """
    path = Path(path) if path else data_path("members.csv", data_dir)
    frame = read_table(path, ["iso3", "name", "regional_group"])
    for i, row in enumerate(frame.itertuples(index=False)):
        if not re.fullmatch(r"[A-Z]{3}", row.iso3):
            fail_at(path, i, "ISO3 code must be three capital letters", row.iso3)
        if row.regional_group not in REGIONAL_GROUPS:
            fail_at(path, i, "unknown regional group", row.regional_group)
    dup = frame["iso3"].duplicated()
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        fail_at(path, i, "member listed twice", frame["iso3"].iat[i])
    if len(frame) != N_MEMBERS:
        raise VoteDataError(f"expected {N_MEMBERS} members, found {len(frame)}", file=path)
    return frame[["iso3", "name", "regional_group"]].reset_index(drop=True)


def load_historical_seats(path: str | Path | None = None, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Codes of former seats found in old UN Digital Library rows (e.g. ``YUG``, ``CSK``)."""
    return read_table(Path(path) if path else data_path("historical_seats.csv", data_dir), ["code", "name"])


def load_blocs(path: str | Path | None = None, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Bloc membership on 24 February 2025 as a long table ``bloc, iso3`` (EU27, NATO, G7, BRICS, ASEAN, AU)."""
    path = Path(path) if path else data_path("blocs.csv", data_dir)
    frame = read_table(path, ["bloc", "iso3"])
    known = set(load_members(data_dir=data_dir)["iso3"])
    for i, code in enumerate(frame["iso3"]):
        if code not in known:
            fail_at(path, i, "bloc member is not a UN Member State code", code)
    return frame


def load_sc_members(path: str | Path | None = None, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The 15 Security Council members of 2025: ``iso3``, ``membership`` (permanent/elected), ``term``."""
    path = Path(path) if path else data_path("sc_members_2025.csv", data_dir)
    frame = read_table(path, ["iso3", "membership", "term"])
    if len(frame) != 15 or frame["iso3"].nunique() != 15:
        raise VoteDataError(f"expected 15 distinct Council members, found {frame['iso3'].nunique()}", file=path)
    return frame


def load_tile_grid(path: str | Path | None = None, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The one-state-one-vote map layout: ``iso3``, ``col``, ``row`` (row 0 at the top).

    Checked on load: each of the 193 members placed exactly once, no two in the
    same cell. Made by ``scripts/make_tile_grid.py`` (``make tile-grid``).
    """
    path = Path(path) if path else data_path("tile_grid.csv", data_dir)
    frame = read_table(path, ["iso3", "col", "row"])
    for i, row in enumerate(frame.itertuples(index=False)):
        if not (row.col.isdigit() and row.row.isdigit()):
            fail_at(path, i, "col and row must be whole numbers", f"{row.col},{row.row}")
    frame = frame.astype({"col": int, "row": int})
    members = set(load_members(data_dir=data_dir)["iso3"])
    dup = frame["iso3"].duplicated().to_numpy()
    if dup.any():
        fail_at(path, int(dup.argmax()), "member placed twice", frame["iso3"].iat[int(dup.argmax())])
    unknown = ~frame["iso3"].isin(members)
    if unknown.any():
        fail_at(path, int(unknown.to_numpy().argmax()), "not a member code", frame["iso3"][unknown].iat[0])
    missing = sorted(members - set(frame["iso3"]))
    if missing:
        raise VoteDataError(f"{len(missing)} member(s) not placed", file=path, value=", ".join(missing))
    shared = frame.duplicated(["col", "row"]).to_numpy()
    if shared.any():
        i = int(shared.argmax())
        fail_at(path, i, "two members share a cell", f"{frame['iso3'].iat[i]} at {frame['col'].iat[i]},{frame['row'].iat[i]}")
    return frame


@lru_cache(maxsize=1)
def _lookup() -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, str]]:
    """(key -> iso3, ambiguous key -> candidates, refused key -> reason) from members and aliases."""
    members = load_members()
    table: dict[str, set[str]] = {}
    for iso3, name in zip(members["iso3"], members["name"]):
        table.setdefault(name_key(name), set()).add(iso3)
        table.setdefault(name_key(iso3), set()).add(iso3)
    aliases = read_table(data_path("member_aliases.csv"), ["alias", "iso3", "note"])
    refused: dict[str, str] = {}
    known = set(members["iso3"])
    for i, row in enumerate(aliases.itertuples(index=False)):
        if row.iso3 == "":
            refused[name_key(row.alias)] = row.note.split(":")[0].strip()  # "observer state", never the full note
        elif row.iso3 not in known:
            fail_at(data_path("member_aliases.csv"), i, "alias points to an unknown ISO3 code", row.iso3)
        else:
            table.setdefault(name_key(row.alias), set()).add(row.iso3)
    unique = {k: next(iter(v)) for k, v in table.items() if len(v) == 1}
    ambiguous = {k: tuple(sorted(v)) for k, v in table.items() if len(v) > 1}
    return unique, ambiguous, refused


def to_iso3(name: str) -> str:
    """ISO3 code of a Member State from a UN name, a common name or a code.

    >>> to_iso3("BOLIVIA (PLURINATIONAL STATE OF)"), to_iso3("Türkiye"), to_iso3("DPRK")
    ('BOL', 'TUR', 'PRK')

    Raises VoteDataError for an unknown, ambiguous ("Korea") or non-member
    ("Holy See") name, with the offending value in the message.
    """
    unique, ambiguous, refused = _lookup()
    key = name_key(name)
    if key in unique:
        return unique[key]
    if key in ambiguous:
        raise VoteDataError(
            f"ambiguous country name (could be {' or '.join(ambiguous[key])}); use the UN name or the ISO3 code",
            value=name,
        )
    if key in refused:
        raise VoteDataError(f"not a UN Member State (an {refused[key]})", value=name)
    close = suggest_members(name)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    raise VoteDataError(f"unknown country name or code{hint}", value=name)


def suggest_members(name: str, n: int = 3) -> list[str]:
    """UN names of the members whose name or alias is closest to ``name`` (for "did you mean ...?")."""
    import difflib

    unique, _, _ = _lookup()
    names = _display_names()
    keys = [k for k in unique if len(k) > 3]  # names and aliases, not bare codes
    matches = difflib.get_close_matches(name_key(name), keys, n=n * 2, cutoff=0.75)
    out: list[str] = []
    for key in matches:
        shown = names[unique[key]]
        if shown not in out:
            out.append(shown)
    return out[:n]


@lru_cache(maxsize=1)
def _display_names() -> dict[str, str]:
    members = load_members()
    return dict(zip(members["iso3"], members["name"]))


def try_iso3(name: str) -> str | None:
    """Like :func:`to_iso3` but returns ``None`` where the name is not a known member name."""
    try:
        return to_iso3(name)
    except VoteDataError:
        return None
