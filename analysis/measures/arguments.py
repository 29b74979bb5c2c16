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

- tables a measure needs beside the votes (``members``, ``sc_members``) are
  required arguments: with ``load_tables(data_dir=X)`` every number comes from X.
"""

from __future__ import annotations

import functools
import inspect

import pandas as pd

from ..data.bodies import BODIES as _BODIES
from ..data.bodies import body_of
from ..data.schema import VoteDataError

BODIES = tuple(_BODIES)


def measure(func):
    """Decorator of every measure ``f(votes, ...)``: refuse a call whose first argument is not the votes table.

    A measure never loads data, so a missing table is a mistake to name plainly
    (``TypeError: tally(): votes is required ...``), not a reason to load one.
    """
    first = next(iter(inspect.signature(func).parameters))

    @functools.wraps(func)
    def call(*args, **kwargs):
        given = args[0] if args else kwargs.get(first)
        if not isinstance(given, pd.DataFrame):
            raise TypeError(f"{func.__name__}(): {first} is required: pass the table of load_{first}() (measures never "
                            "load the data themselves)" + ("" if given is None else
                                                          f"; got a {type(given).__name__} where the {first} table goes"))
        return func(*args, **kwargs)

    return call


def bodies(votes: pd.DataFrame, motions: pd.DataFrame | None = None) -> pd.Series:
    """Body (GA/SC, or None where unknown) of each motion in ``votes``, indexed by motion in order of appearance.

    Taken from a ``body`` column of ``votes`` (``load_votes(with_motions=True)``),
    else from the motions table, else from the symbol's prefix (A/, S/).
    """
    if motions is not None and not isinstance(motions, pd.DataFrame):
        raise TypeError(f"motions is the motions table (load_motions()), not a {type(motions).__name__}; give a list "
                        "of motion ids as ids=")
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
