"""The measures layer's one signature style, and the argument helpers its modules share.

Every measure in :mod:`~analysis.comparisons`, :mod:`~analysis.indices`,
:mod:`~analysis.amendments` and :mod:`~analysis.council` is ``f(votes, ...)``:

- ``votes`` first and required: the tidy table of :func:`analysis.load_votes`
  or :func:`analysis.read_undl`. No measure loads the data behind your back,
  so a loop over motions costs one load, and a measure works on whatever
  table you give it (a UN Digital Library file, your own records).
- then motion ids: ``motion`` (or ``a`` and ``b``) for one or two motions,
  ``ids`` for a list. Any spelling :func:`analysis.motion_id` understands
  works (``ES-11/7``, ``S/RES/2774 (2025)``).
- ``motions`` is only ever the motions table (:func:`analysis.load_motions`);
  measures that work from tallies alone (``tally_bounds``,
  ``council_outcomes``) take it first instead of ``votes``.
- options are keywords.

The older order (motion ids first, ``votes`` after, ``motions=`` for a list of
ids) is still accepted, so existing notebooks keep working.
"""

from __future__ import annotations

import functools
import inspect

import pandas as pd

from .schema import VoteDataError, body_of

BODIES = ("GA", "SC")
VOTES_REQUIRED = "votes is required: pass the table of load_votes() (measures never load the data themselves)"


def legacy_order(*old: str):
    """Decorator: also accept the pre-0.2 positional order ``old`` (new parameter names, motion ids first).

    A call whose first argument is not a table is read in the old order. A
    list given as ``motions=`` is taken as ``ids`` (its old name).
    """

    def wrap(func):
        signature = inspect.signature(func)
        has_ids, needs_votes = "ids" in signature.parameters, "votes" in signature.parameters

        @functools.wraps(func)
        def call(*args, **kwargs):
            if has_ids and isinstance(kwargs.get("motions"), (list, tuple, pd.Index, pd.Series)):
                kwargs["ids"] = kwargs.pop("motions")
            if args and not isinstance(args[0], pd.DataFrame):
                if len(args) > len(old):
                    raise TypeError(f"{func.__name__}() takes at most {len(old)} positional arguments")
                named = dict(zip(old, args))
                clash = sorted(set(named) & set(kwargs))
                if clash:
                    raise TypeError(f"{func.__name__}() got multiple values for argument {clash[0]!r}")
                args, kwargs = (), {**named, **kwargs}
            given = signature.bind_partial(*args, **kwargs).arguments.get("votes") if needs_votes else None
            if needs_votes and not isinstance(given, pd.DataFrame):
                raise TypeError(f"{func.__name__}(): {VOTES_REQUIRED}" + (
                    "" if given is None else f"; got a {type(given).__name__} where the votes table goes"))
            return func(*args, **kwargs)

        return call

    return wrap


def bodies(votes: pd.DataFrame, motions: pd.DataFrame | None = None) -> pd.Series:
    """Body (GA/SC, or None where unknown) of each motion in ``votes``, indexed by motion in order of appearance.

    Taken from a ``body`` column of ``votes`` (``load_votes(with_motions=True)``),
    else from the motions table, else from the symbol's prefix (A/, S/).
    """
    order = list(pd.unique(votes["motion"]))
    found = pd.Series([None] * len(order), index=order, dtype=object)
    if "body" in votes.columns:
        given = votes.dropna(subset=["body"]).drop_duplicates("motion").set_index("motion")["body"]
        found.update(given)
    if motions is not None:
        table = motions.drop_duplicates("motion").set_index("motion")["body"]
        missing = found.isna()
        found[missing] = table.reindex(found.index[missing]).to_numpy()
    missing = found.isna()
    found[missing] = [body_of(m) for m in found.index[missing]]
    return found.where(found.notna(), None)


def select_body(votes: pd.DataFrame, body: str | None, motions: pd.DataFrame | None = None,
                ids: list[str] | None = None) -> pd.DataFrame:
    """The rows of ``votes`` on motions of ``body`` ("GA", "SC"; None keeps every motion).

    Refuses a motion whose body cannot be told (pass ``motions=`` or
    ``body=None``) and a listed id of another body (it would silently drop out).
    """
    if body is None:
        return votes
    if body not in BODIES:
        raise ValueError(f"body must be 'GA', 'SC' or None (all motions), not {body!r}")
    of = bodies(votes, motions)
    unknown = of[of.isna()]
    if len(unknown):
        raise VoteDataError("cannot tell which body voted on this motion: give motions= (the motions table), "
                            "a body column, or body=None", value=unknown.index[0])
    for motion in ids or []:
        if motion in of.index and of[motion] != body:
            raise VoteDataError(f"this motion was voted in the {of[motion]}, not the {body}: "
                                f"pass body={of[motion]!r} or body=None", value=motion)
    return votes[votes["motion"].map(of).eq(body).to_numpy()]


def once_per_member(votes: pd.DataFrame) -> None:
    """Refuse a votes table in which a member appears twice in one motion (a pivot would silently pick one)."""
    if votes.duplicated(["motion", "iso3"]).any():
        raise VoteDataError("a member appears twice in the same motion; validate the table first")
