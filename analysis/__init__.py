"""Analysis of the UN votes of 24 February 2025 on the war in Ukraine: the package's face.

Load, normalize, validate, then analyse::

    from analysis import load_tables, transitions
    tables = load_tables()                    # every table of one data folder, each checked on first use
    transitions(tables.votes, "A/RES/ES-11/7", "A/RES/ES-11/8")

The package is a house in three wings and a top floor; each imports only the
ones below it, and none imports this module (``tests/test_layout.py`` checks it):

- :mod:`analysis.data`: reads and checks ``data/`` and the UN Digital Library's
  files (``schema``, ``bodies``, ``ids``, ``members``, ``motions``, ``votes``,
  ``context``, ``undl``, ``update``, ``tables``, ``exports``: the layouts of the exported
  tables, ``datapackage``: the descriptor of ``data/``). Bad data raises :class:`VoteDataError`.
- :mod:`analysis.measures`: ``f(votes, ...)``, computed from the tables they are
  given; they never load and never print (``comparisons``, ``amendments``,
  ``council``, ``indices``, ``profile``).
- :mod:`analysis.output`: presentation only: terminal text, notebook tables,
  figures, tile maps, publishing a figure, the tables as files (``terminal``,
  ``tables``, ``style``, ``plots``, ``tilemap``, ``publish``, ``profile``,
  ``export``).
- on top, :mod:`analysis.report` (the HTML report and its key findings) and
  :mod:`analysis.cli` (``python -m analysis``).

This module only gathers the names a notebook or a user needs; figures and
tables for notebooks (``plots``, ``show``, ``tile_map``) load matplotlib only
when first used, so the command line starts quickly.
"""

from __future__ import annotations

from .data.bodies import BODIES, body_of, ga_session
from .data.context import load_context, load_context_motions
from .data.ids import motion_id
from .data.members import (
    GROUP_ABBREVIATIONS,
    REGIONAL_GROUPS,
    blocs_on,
    load_article19,
    load_blocs,
    load_blocs_2025,
    load_council,
    load_historical_seats,
    load_members,
    load_sc_members,
    load_tile_grid,
    name_key,
    normalize_names,
    to_iso3,
)
from .data.motions import (
    load_motions,
    load_related_tallies,
    load_resolution_text,
    load_text_changes,
    load_text_comparison,
    load_vote_topics,
)
from .data.schema import VOTE_CODES, VOTE_LABELS, VoteDataError, symbol_key, topic_of
from .data.tables import Tables, load_tables
from .data.undl import read_undl
from .data.votes import load_partial_votes, load_sc_sources, load_votes, read_votes
from .measures.amendments import compare_with_final, tally_bounds
from .measures.comparisons import (
    always,
    by_group,
    changed_votes,
    coalition_overlap,
    group_rates,
    shares,
    tally,
    transitions,
    vote_matrix,
    votes_on,
)
from .measures.council import council_outcomes, council_votes
from .measures.indices import agreement, agreement_counts, cohesion, majority_votes, periods
from .output.export import roll_call_table, write_table

__all__ = [
    "BODIES", "GROUP_ABBREVIATIONS", "REGIONAL_GROUPS", "Tables", "VOTE_CODES", "VOTE_LABELS", "VoteDataError",
    "agreement", "agreement_counts", "always", "blocs_on", "body_of", "by_group", "changed_votes",
    "coalition_overlap", "cohesion", "compare_with_final", "council_outcomes", "council_votes", "country_profile",
    "ga_session", "group_rates", "load_article19", "load_blocs", "load_blocs_2025", "load_context",
    "load_context_motions", "load_council", "load_historical_seats", "load_members", "load_motions",
    "load_partial_votes", "load_related_tallies", "load_resolution_text", "load_sc_members", "load_sc_sources",
    "load_tables", "load_text_changes", "load_text_comparison", "load_tile_grid", "load_vote_topics", "load_votes",
    "majority_votes",
    "motion_id", "name_key", "normalize_names", "periods", "plots", "read_undl", "read_votes", "roll_call_table",
    "shares", "show", "symbol_key", "tally", "tally_bounds", "tile_map", "tile_maps", "to_iso3", "topic_of",
    "transitions",
    "vote_matrix", "votes_on", "write_table",
]


def country_profile(country: str, *, tables: Tables | None = None, data_dir=None, **options):
    """One member's whole record (an ISO3 code or any name :func:`to_iso3` knows), shown as text or HTML.

    ``tables`` is a bundle of :func:`load_tables` (default: the tables of
    ``data_dir``, the bundled data if None); ``options`` go to
    :func:`analysis.measures.profile.country_profile` (``votes``, ``motions``,
    ``partial``, ``method``, ``at``).

    Examples:
        >>> brazil = country_profile("Brazil")
        >>> brazil.iso3, brazil.regional_group
        ('BRA', 'Latin American and Caribbean')
    """
    from .measures.profile import country_profile as profile
    from .output.profile import ProfileView

    tables = load_tables(data_dir) if tables is None else tables
    return ProfileView.of(profile(tables, to_iso3(country, data_dir=tables.folder), **options))


def __getattr__(name: str):
    """``plots``, ``show``, ``tile_map`` and ``tile_maps`` without importing matplotlib at package import."""
    if name == "plots":
        from .output import plots

        return plots
    if name == "show":
        from .output.tables import show

        return show
    if name in ("tile_map", "tile_maps"):
        from .output import tilemap

        return getattr(tilemap, name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
