"""One bundle of the loaded tables, built from one data folder and passed to whatever needs them.

:func:`load_tables` names a data folder once; each table is read (and checked)
the first time it is used, and only once. Measures, figures, the report and
the command line take their tables from the bundle they are given and never
load one behind the caller's back, so with ``load_tables(data_dir=X)`` every
number comes from X.

>>> tables = load_tables()
>>> len(tables.members), tables.motions["motion"].iat[0]
(193, 'A/RES/68/262')
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

from .members import (
    PathLike,
    load_article19,
    load_blocs,
    load_blocs_2025,
    load_council,
    load_historical_seats,
    load_members,
    load_sc_members,
    load_tile_grid,
    names,
)
from .motions import (
    load_motions,
    load_related_tallies,
    load_resolution_text,
    load_text_changes,
    load_text_comparison,
    load_vote_topics,
)
from .schema import TABLES, VoteDataError, data_path, topic_of
from .schema import data_dir as resolve_data_dir
from .votes import load_partial_votes, load_sc_sources, load_votes


class Tables:
    """The package's tables from one data folder, each loaded and checked on first use, at most once.

    Attributes (each a DataFrame): ``members``, ``motions``, ``votes`` (the
    roll calls, ``motion, iso3, vote``), ``partial`` (votes known only from
    news reports), ``sc_sources`` (the basis and source of each Council vote of
    2022), ``related_tallies`` (Ukraine votes known only as tallies),
    ``vote_topics`` (the kind of each General Assembly resolution, classified from its title),
    ``blocs`` (membership on 24 February 2025, ``bloc, iso3``, as before),
    ``bloc_membership`` (with ``joined``/``left`` dates, :func:`load_blocs`: for
    reading each vote with the membership of its day), ``sc_members`` (the Council of 2025),
    ``council`` (every Council year held, with a ``year`` column),
    ``article19``, ``tile_grid``, ``historical_seats``, and the context of
    every recorded GA vote of 2014-2021, ``context`` (139,925 votes) and
    ``context_motions``, read only when asked for. ``folder`` is the data
    folder they come from; :meth:`council_of` gives one year's Council.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __repr__(self) -> str:
        loaded = [name for name in vars(self) if name != "folder"]
        return f"Tables({str(self.folder)!r}; loaded: {', '.join(sorted(loaded)) or 'none yet'})"

    @cached_property
    def members(self) -> pd.DataFrame:
        return load_members(data_dir=self.folder)

    @cached_property
    def motions(self) -> pd.DataFrame:
        return load_motions(data_dir=self.folder)

    @cached_property
    def votes(self) -> pd.DataFrame:
        return load_votes(motions=self.motions, data_dir=self.folder)

    @cached_property
    def partial(self) -> pd.DataFrame:
        return load_partial_votes(motions=self.motions, data_dir=self.folder)

    @cached_property
    def sc_sources(self) -> pd.DataFrame:
        return load_sc_sources(votes=self.votes, data_dir=self.folder)

    @cached_property
    def related_tallies(self) -> pd.DataFrame:
        return load_related_tallies(data_dir=self.folder)

    @cached_property
    def vote_topics(self) -> pd.DataFrame:
        return load_vote_topics(data_dir=self.folder, motions=self.motions, related=self.related_tallies)

    @cached_property
    def blocs(self) -> pd.DataFrame:
        return load_blocs_2025(data_dir=self.folder)

    @cached_property
    def bloc_membership(self) -> pd.DataFrame:
        return load_blocs(data_dir=self.folder)

    @cached_property
    def sc_members(self) -> pd.DataFrame:
        return load_sc_members(data_dir=self.folder)

    @cached_property
    def council(self) -> pd.DataFrame:
        return load_council(data_dir=self.folder)

    @cached_property
    def context(self) -> pd.DataFrame:
        from .context import load_context  # 140,000 rows: its module too is loaded only when asked for

        return load_context(motions=self.context_motions, data_dir=self.folder)

    @cached_property
    def context_motions(self) -> pd.DataFrame:
        from .context import load_context_motions

        return load_context_motions(data_dir=self.folder)

    @cached_property
    def article19(self) -> pd.DataFrame:
        return load_article19(data_dir=self.folder)

    @cached_property
    def tile_grid(self) -> pd.DataFrame:
        return load_tile_grid(data_dir=self.folder)

    @cached_property
    def historical_seats(self) -> pd.DataFrame:
        return load_historical_seats(data_dir=self.folder)

    def replace(self, **frames: pd.DataFrame) -> Tables:
        """A bundle of the same folder in which the named tables are ``frames`` (e.g. a changed ``votes``).

        The tables already loaded are shared, not loaded again.

        >>> tables = load_tables()
        >>> fewer = tables.replace(partial=tables.partial.iloc[:0])
        >>> len(fewer.partial), len(tables.partial) > 0
        (0, True)
        """
        unknown = sorted(set(frames) - set(TABLE_NAMES))
        if unknown:
            raise TypeError(f"not a table of the bundle: {', '.join(unknown)} (tables: {', '.join(TABLE_NAMES)})")
        other = Tables(self.folder)
        other.__dict__.update({k: v for k, v in vars(self).items() if k in TABLE_NAMES})
        other.__dict__.update(frames)
        return other

    def check(self) -> Tables:
        """Read and check every table of the folder now, each once (and kept), with the files read beside them
        (the aliases, the texts); returns the bundle. The first problem raises :class:`VoteDataError` naming
        the file, the line and the value: the report calls this before its slow part, so that a broken folder
        is refused in a second, not after a minute of notebooks."""
        if not self.folder.is_dir():
            raise VoteDataError("the data folder does not exist or is not a folder", file=self.folder)
        for name in TABLE_NAMES:
            getattr(self, name)
        resolutions = self.motions[self.motions["body"].eq("GA") & self.motions["kind"].eq("resolution")]
        for titles in (resolutions["title_or_change"], self.related_tallies["title"]):  # a kind for each, as the
            topic_of(titles, self.vote_topics, file=data_path(TABLES["vote_topics"].file, self.folder))  # charts need
        names(self.folder)
        load_text_changes(data_dir=self.folder)
        load_text_comparison(data_dir=self.folder)
        load_resolution_text(data_dir=self.folder)
        return self

    def council_of(self, year: int) -> pd.DataFrame:
        """The 15 Council members of ``year`` (``iso3, membership, term``), from :attr:`council`.

        >>> sorted(load_tables().council_of(2022).query("membership == 'elected'")["iso3"])[:3]
        ['ALB', 'ARE', 'BRA']
        """
        rows = self.council[self.council["year"] == year]
        if rows.empty:
            held = ", ".join(map(str, sorted(set(self.council["year"]))))
            raise VoteDataError(f"no Council membership held for this year (held: {held})", value=year)
        return rows.drop(columns="year").reset_index(drop=True)

    def name(self, iso3: str) -> str:
        """The UN name of a member (the code itself for a code that is not a member, e.g. a former seat)."""
        return self._names.get(iso3, iso3)

    @cached_property
    def _names(self) -> dict[str, str]:
        return dict(zip(self.members["iso3"], self.members["name"]))


#: The tables of a bundle, by attribute name.
TABLE_NAMES = tuple(name for name, value in vars(Tables).items() if isinstance(value, cached_property)
                    and not name.startswith("_"))


def load_tables(data_dir: PathLike = None) -> Tables:
    """The bundle of tables of ``data_dir`` (default: the bundled ``data/``).

    Examples:
        >>> tables = load_tables()
        >>> tables.votes.query("motion == 'A/RES/ES-11/7'")["vote"].value_counts()["Y"]
        np.int64(93)
    """
    return Tables(resolve_data_dir(data_dir))
