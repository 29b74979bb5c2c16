"""Analysis of the UN votes of 24 February 2025 on the war in Ukraine.

Load, normalize, validate, then analyse::

    from analysis import load_votes, load_motions, transitions
    votes = load_votes()                      # motion, iso3, vote (Y/N/A/X)
    transitions(votes, "A/RES/ES-11/7", "A/RES/ES-11/8")

Every measure is ``f(votes, ...)`` (see :mod:`analysis.arguments`); motion ids
may be typed in any usual spelling (:func:`motion_id`);
:func:`country_profile` shows one member's whole record.

Every loader validates its data; bad data raises :class:`VoteDataError`. The data layer is three
modules: ``schema`` (every table declared once, the one reading engine, the error type), ``members``
(member table, names to ISO3) and ``votes`` (motions, roll calls and the one roll-call checker);
``undl`` reads the UN Digital Library's own files into the same checker.
"""

from .amendments import compare_with_final, tally_bounds
from .comparisons import (
    always, by_group, changed_votes, coalition_overlap, group_rates, shares, tally, transitions, vote_matrix,
    votes_on,
)
from .council import council_outcomes, council_votes
from .indices import agreement, agreement_counts, cohesion, majority_votes, periods
from .members import (
    GROUP_ABBREVIATIONS, REGIONAL_GROUPS, load_article19, load_blocs, load_historical_seats, load_members,
    load_sc_members, load_tile_grid, name_key, normalize_names, to_iso3,
)
from .motions import motion_id
from .profile import country_profile
from .schema import VOTE_CODES, VOTE_LABELS, VoteDataError, symbol_key
from .undl import read_undl
from .votes import (
    load_motions, load_partial_votes, load_resolution_text, load_text_changes, load_text_comparison, load_votes,
    read_votes,
)

__all__ = [
    "GROUP_ABBREVIATIONS", "REGIONAL_GROUPS", "VOTE_CODES", "VOTE_LABELS", "VoteDataError", "agreement",
    "agreement_counts", "always", "country_profile", "majority_votes", "motion_id", "periods", "symbol_key", "by_group", "changed_votes", "coalition_overlap", "cohesion", "compare_with_final", "load_article19",
    "council_outcomes", "council_votes", "group_rates", "load_blocs", "load_historical_seats", "load_members",
    "load_motions", "load_partial_votes", "load_resolution_text", "load_sc_members", "load_text_changes", "load_text_comparison", "load_tile_grid", "load_votes", "name_key",
    "normalize_names", "read_undl", "read_votes", "shares", "tally", "tally_bounds", "tile_map", "to_iso3",
    "transitions", "vote_matrix", "votes_on",
]


def __getattr__(name: str):
    """``analysis.tile_map`` without importing matplotlib at package import (the CLI stays quick)."""
    if name == "tile_map":
        from .plots import tile_map

        return tile_map
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
