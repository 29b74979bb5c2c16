"""One resolver for motion ids typed by a person, for the API and the command line.

People write UN symbols in many ways: ``S/RES/2774 (2025)`` (the UN's own
spacing), ``s/res/2774``, ``ES-11/8``, `` a/res/es-11/7 ``, or the draft
symbol ``A/ES-11/L.10``. :func:`motion_id` turns each into the canonical id
(the ``motion`` column of :func:`analysis.load_motions`) or refuses it with the
closest known ids. The comparison key behind it is the data layer's
:func:`analysis.data.schema.symbol_key`, so a file and a person are read by the same rule.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import pandas as pd

from .schema import VoteDataError, symbol_key, symbol_problem

_YEAR = re.compile(r"\(\d{4}\)$")
_PREFIXES = ("", "a/res/", "s/res/", "a/")


def _table(motions: pd.DataFrame | Iterable[str] | None) -> pd.DataFrame:
    """The motions to resolve against: a motions table, a list of ids, or (None) the bundled motions table."""
    if motions is None:
        from .motions import load_motions

        return load_motions()
    if isinstance(motions, pd.DataFrame):
        return motions
    return pd.DataFrame({"motion": list(dict.fromkeys(motions))})


def motion_id(text: str, motions: pd.DataFrame | Iterable[str] | None = None) -> str:
    """The canonical motion id for ``text`` typed in any usual spelling.

    ``motions`` is a motions table (its ``motion`` column, and its ``draft``
    column for draft symbols), a list of known ids, or None for the bundled
    motions table. Tried in order: the id itself (case, spacing and NBSP do
    not matter); the id with ``A/RES/``, ``S/RES/`` or ``A/`` in front
    (``ES-11/8``); the id without its year (``S/RES/2774`` for
    ``S/RES/2774(2025)``); a draft symbol (``A/ES-11/L.10`` -> ``A/RES/ES-11/7``;
    a draft voted on several times resolves to the resolution). An unknown or
    ambiguous id raises :class:`VoteDataError` naming the closest known ids; so does an empty id, or one
    holding a character that is not ASCII (:func:`~analysis.data.schema.symbol_problem`).
    """
    problem = symbol_problem(text)
    if problem:  # an empty id is no id (never the motion whose draft is empty); a look-alike is another id
        raise VoteDataError(problem, value=text)
    table = _table(motions)
    ids = [str(m) for m in table["motion"]]
    key = symbol_key(text)
    by_key = {symbol_key(m): m for m in ids}
    for prefix in _PREFIXES:
        if prefix + key in by_key:
            return by_key[prefix + key]
    if not _YEAR.search(key):
        undated: dict[str, list[str]] = {}
        for m in ids:
            undated.setdefault(_YEAR.sub("", symbol_key(m)), []).append(m)
        for prefix in _PREFIXES:
            found = undated.get(prefix + key, [])
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise VoteDataError(f"ambiguous motion id (could be {' or '.join(found)})", value=text)
    drafted = _by_draft(table, key, text)
    if drafted is not None:
        return drafted
    raise VoteDataError(f"unknown motion id{_did_you_mean(key, table)}", value=text)


def _by_draft(table: pd.DataFrame, key: str, text: str) -> str | None:
    """The motion whose draft symbol is ``key`` (the resolution, where the draft was voted on several times)."""
    if "draft" not in table.columns:
        return None
    drafted = table[table["draft"].map(symbol_key) == key]
    if len(drafted) > 1:
        drafted = drafted[drafted["kind"] == "resolution"] if "kind" in drafted.columns else drafted
    if len(drafted) == 1:
        return str(drafted["motion"].iat[0])
    if len(drafted) > 1:
        raise VoteDataError(f"draft voted on several times (could be {' or '.join(drafted['motion'])})", value=text)
    return None


def motion_row(motions: pd.DataFrame, text: str) -> pd.Series:
    """The row of the motions table ``motions`` for ``text``, in any spelling :func:`motion_id` accepts."""
    motion = motion_id(text, motions)
    return motions[motions["motion"] == motion].iloc[0]


def _did_you_mean(key: str, table: pd.DataFrame) -> str:
    """`` (did you mean X or Y?)`` with the closest ids and drafts, or how many ids were searched."""
    candidates = {symbol_key(m): str(m) for m in table["motion"]}
    if "draft" in table.columns:
        kinds = table["kind"] if "kind" in table.columns else [""] * len(table)
        drafts: dict[str, str] = {}
        for draft, motion, kind in zip(table["draft"], table["motion"], kinds):
            key_ = symbol_key(draft)
            if draft and key_ not in candidates and (key_ not in drafts or kind == "resolution"):
                drafts[key_] = f"{draft} (draft of {motion})"
        candidates.update(drafts)
    scores: dict[str, float] = {}
    for prefix in _PREFIXES:  # "ES-11/11" is compared as "a/res/es-11/11" too
        typed = prefix + key if not key.startswith(prefix) else key
        for match in difflib.get_close_matches(typed, list(candidates), n=3, cutoff=0.6):
            ratio = difflib.SequenceMatcher(None, typed, match).ratio()
            scores[match] = max(scores.get(match, 0.0), ratio)
    close = sorted(scores, key=lambda k: -scores[k])[:3]
    if not close:
        return f" (no close match among the {len(candidates)} known ids)"
    return f" (did you mean {' or '.join(candidates[k] for k in close)}?)"


def resolve_in(votes: pd.DataFrame, ids: Iterable[str]) -> list[str]:
    """Each of ``ids`` as spelled in ``votes``: exact ids as they are, other spellings through :func:`motion_id`.

    Raises VoteDataError "no country-level record for this motion" with the
    closest recorded ids where ``votes`` holds no record of one of them.
    """
    ids = list(ids)
    known = list(pd.unique(votes["motion"]))
    present = set(known)
    out = []
    for motion in ids:
        if motion in present:
            out.append(motion)
            continue
        try:
            out.append(motion_id(motion, known))
        except VoteDataError:
            table = pd.DataFrame({"motion": known})
            raise VoteDataError("no country-level record for this motion"
                                + _did_you_mean(symbol_key(motion), table), value=motion) from None
    return out
