"""The motions table: every vote of interest, with its official tally, and the package's spelling of its id.

:func:`load_motions` reads ``motions.csv`` (declared in :mod:`analysis.data.schema`):
one row per motion, including those known only as tallies (amendments,
procedural votes). :func:`canonical_symbol` is the one rule by which every door
spells a motion id: as the package's own motions table spells it, else tidied
and in upper case. The resolver for ids typed by a person is :mod:`analysis.data.ids`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from .bodies import BODY_NAMES, LIMITS, body_of
from .members import PathLike, to_iso3
from .schema import (
    DATA_DIR,
    OUTCOME,
    TABLES,
    FileVersion,
    VoteDataError,
    data_path,
    decode,
    file_version,
    normal_symbol,
    open_bytes,
    read_table,
    symbol_key,
    symbol_problem,
)


@lru_cache(maxsize=4)
def _symbols(version: FileVersion) -> dict[str, str]:
    return {symbol_key(m): m for m in read_table("motions", version.path, raw=version.raw)[0]["motion"]}


def package_symbols(data_dir: PathLike = None) -> dict[str, str]:
    """Comparison key -> the id as the motions table spells it: the package's own, and where ``data_dir`` is
    another folder, that folder's spellings over them."""
    spelled = _symbols(file_version(DATA_DIR / "motions.csv"))
    if data_dir is None or Path(data_dir).resolve() == DATA_DIR.resolve():
        return spelled
    path = data_path("motions.csv", data_dir)
    return spelled | _symbols(file_version(path))


def canonical_symbol(text: str, data_dir: PathLike = None) -> str:
    """A motion id as the package spells it: as in the motions table (``a/res/es-11/7 `` -> ``A/RES/ES-11/7``,
    ``S/RES/2774 (2025)`` -> ``S/RES/2774(2025)``), else in the normal form of UN symbols (upper case, numbers
    without leading zeros: :func:`~analysis.data.schema.normal_symbol`). Every door spells ids by this rule."""
    return package_symbols(data_dir).get(symbol_key(text)) or normal_symbol(text)


def load_motions(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """One row per motion of interest, including those known only as tallies.

    Columns: ``motion`` (UN symbol, e.g. ``A/RES/ES-11/7``), ``body`` (GA/SC),
    ``date``, ``meeting``, ``draft``, ``kind`` (resolution/amendment/procedural),
    ``amends``, ``proposer``, ``title_or_change``, ``yes``/``no``/``abstain``
    (official tally, nullable Int64 where unknown), ``outcome``, ``roll_call``
    (bool: a country-level record exists), ``tally_quality`` and ``vetoed_by``
    (ISO3 of the permanent member whose negative vote defeated the motion, read
    from ``outcome``, whose grammar is declared in the schema).
    """
    path = Path(path) if path else data_path("motions.csv", data_dir)
    frame, lines = read_table("motions", path)
    frame["motion"] = frame["motion"].map(canonical_symbol)
    for line, motion, body in zip(lines, frame["motion"], frame["body"]):
        if body_of(motion) is None and motion[:2].upper() in ("A/", "S/"):
            raise VoteDataError("the symbol belongs to neither body (A/HRC/ is the Human Rights Council, A/C. a Main "
                                "Committee); a General Assembly symbol starts A/RES/, A/ES-, A/S- or A/<session>/, a "
                                "Security Council symbol S/RES/, S/PV. or S/<year>/", file=path, line=line,
                                value=motion)
        if body_of(motion) not in (None, body):
            raise VoteDataError(f"the symbol belongs to the {BODY_NAMES[body_of(motion)]}, but body says",
                                file=path, line=line, value=body)
    vetoed = frame["outcome"].str.extract(f"^(?:{OUTCOME})$")["vetoed_by"]  # the schema's one grammar
    frame["vetoed_by"] = [None if pd.isna(name) else _member(name, path, line, data_dir)
                          for name, line in zip(vetoed, lines)]
    return frame


def _member(name: str, path: Path, line: int, data_dir: PathLike) -> str:
    try:
        return to_iso3(name, data_dir=data_dir)
    except VoteDataError as exc:
        if exc.file is not None:  # the member tables themselves are broken: say where
            raise
        raise VoteDataError(exc.problem, file=path, line=line, value=name) from None


def load_text_changes(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """The US draft "The path to peace" as tabled against the text as amended in the General Assembly.

    Columns ``part``, ``original_us_text``, ``as_amended_in_the_general_assembly``,
    ``source_quality`` (the amended wording is partly paraphrase: shown, never hidden).
    """
    return read_table("text_changes", path, data_dir=data_dir)[0]


def load_text_comparison(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """ES-11/7 (2025) against ES-11/10 (2026), provision by provision: kept, added or dropped.

    Columns ``provision``, ``in_es11_7_2025``, ``in_es11_10_2026``, ``change`` and
    ``source_quality`` (the 2025 side is paraphrase).
    """
    return read_table("text_comparison", path, data_dir=data_dir)[0]


def load_resolution_text(motion: str = "A/RES/ES-11/10", *, data_dir: PathLike = None) -> str:
    """The adopted text of a resolution held in ``data/texts/`` (today: A/RES/ES-11/10), as one string."""
    problem = symbol_problem(motion)
    if problem:
        raise VoteDataError(problem, value=motion)
    path = data_path("texts/" + normal_symbol(motion).replace("/", "_") + ".txt", data_dir)
    if not path.is_file():
        raise VoteDataError("no text held for this resolution", file=path, value=motion)
    return decode(open_bytes(path), path)


def load_related_tallies(path: PathLike = None, *, data_dir: PathLike = None) -> pd.DataFrame:
    """Ukraine-related General Assembly votes known only as tallies, most without a confirmed symbol.

    Columns ``date``, ``symbol`` (empty where no source confirms it: never
    guessed), ``title``, ``yes``/``no``/``abstain`` (nullable Int64, missing
    where not known or where the sources disagree), ``tally_quality``,
    ``sources`` (URLs, space-separated) and ``note``. Today: the Crimea
    human-rights resolutions of 2022-2025, A/RES/78/316 (Zaporizhzhia, 2024) and
    the Chornobyl and UN-Council of Europe resolutions of 2025. Not in the
    motions table, and no country-level record. Checked on load: a symbol, where
    given, is a General Assembly one and not a motion of the motions table; the
    known counts add up to at most the 193 members.
    """
    path = Path(path) if path else data_path(TABLES["related_tallies"].file, data_dir)
    frame, lines = read_table("related_tallies", path)
    listed = set(map(symbol_key, load_motions(data_dir=data_dir)["motion"]))
    counted = frame[["yes", "no", "abstain"]].fillna(0).sum(axis=1)
    for line, symbol, total in zip(lines, frame["symbol"], counted):
        if symbol and body_of(symbol) != "GA":
            raise VoteDataError("not a General Assembly symbol", file=path, line=line, value=symbol)
        if symbol and symbol_key(symbol) in listed:
            raise VoteDataError("a motion of the motions table: its tally belongs there, not here", file=path,
                                line=line, value=symbol)
        if total > LIMITS["GA"]:
            raise VoteDataError(f"yes, no and abstain add up to more than the {LIMITS['GA']} members", file=path,
                                line=line, value=int(total))
    return frame


def load_vote_topics(path: PathLike = None, *, data_dir: PathLike = None, motions: pd.DataFrame | None = None,
                     related: pd.DataFrame | None = None) -> pd.DataFrame:
    """The kind of each General Assembly resolution (``title``, ``topic``, ``basis``), classified from its title.

    A classification made for this project, not a vote: one row per title of a General Assembly resolution of
    the motions table and of a vote of ``related_tallies.csv``; :func:`analysis.data.schema.topic_of` reads it.
    A row whose title is neither (a kind for a vote the data does not hold) is refused with its line, as is a
    text of spaces only. ``motions`` and ``related`` are the two tables of ``data_dir`` where already loaded.

    Examples:
        >>> load_vote_topics().set_index("title").at["Return of Ukrainian children", "topic"]
        'children'
    """
    path = Path(path) if path else data_path(TABLES["vote_topics"].file, data_dir)
    frame, lines = read_table("vote_topics", path)
    motions = load_motions(data_dir=data_dir) if motions is None else motions
    related = load_related_tallies(data_dir=data_dir) if related is None else related
    resolutions = motions[motions["body"].eq("GA") & motions["kind"].eq("resolution")]
    held = set(resolutions["title_or_change"]) | set(related["title"])
    for line, title in zip(lines, frame["title"]):
        if title not in held:
            raise VoteDataError(f"no General Assembly resolution of {TABLES['motions'].file} and no vote of "
                                f"{TABLES['related_tallies'].file} has this title: a kind for a vote the data does "
                                "not hold (add the vote first, or remove the row)", file=path, line=line, value=title)
    return frame


def resolution_paragraphs(text: str) -> dict[str, str]:
    """The numbered paragraphs of a resolution text held in ``data/texts/``: ``PP1``... (preamble) and
    ``operative 1``... (operative), each mapped to its line. Lines of another form (the source line, the
    heading) are not paragraphs.

    Examples:
        >>> paragraphs = resolution_paragraphs(load_resolution_text("A/RES/ES-11/10"))
        >>> sorted(paragraphs)[:2], len(paragraphs)
        (['PP1', 'PP2'], 8)
    """
    paragraphs = {}
    for line in text.splitlines():
        head = line.split(" ", 1)[0]
        if head.startswith("PP") and head[2:].isdigit():
            paragraphs[head] = line
        elif head.endswith(".") and head[:-1].isdigit():
            paragraphs[f"operative {head[:-1]}"] = line
    return paragraphs
