"""One country's record for people: as text (the ``country`` command), as JSON, and as HTML in a notebook.

:class:`ProfileView` is the :class:`~analysis.measures.profile.CountryProfile`
of a member with its three views: ``print(view)`` gives the text that
``python -m analysis country`` prints, ``view.to_json()`` the JSON, and a
notebook shows it as HTML (every value escaped).
"""

from __future__ import annotations

import html
import json
from dataclasses import fields

import pandas as pd

from ..measures.profile import CountryProfile
from .terminal import WIDTH, json_records, printable, table_text, tally_text, wrap


def profile_text(profile: CountryProfile, width: int = WIDTH) -> str:
    """The profile as plain text no wider than ``width`` (what ``python -m analysis country`` prints)."""
    shown = profile.votes.copy()
    shown["tally"] = [tally_text(r) for r in shown.itertuples(index=False)]
    shown["vote"] = shown["vote"].fillna("-")
    table = table_text(shown[["date", "motion", "vote", "record", "tally", "title"]], shrink=("title", "record"),
                       width=width)
    lines = [printable(f"{profile.name} ({profile.iso3}), {profile.regional_group} group"),
             wrap(f"Security Council: {profile.council}", width)]
    if profile.article19:
        lines.append(wrap(f"Article 19: {profile.article19}", width))
    scores = profile.agreement.reset_index()
    scores.columns = ["votes" if c.startswith("votes ") else c.removeprefix("score ") for c in scores.columns]
    lines += ["", table, "", f"Agreement ({profile.method} index) with each partner, and the number of votes it "
              "rests on:", table_text(scores, shrink=("partner",), width=width)]
    return "\n".join(lines)


def profile_json(profile: CountryProfile) -> str:
    """The profile as one JSON object: member facts, ``votes`` and ``agreement`` as lists of records."""
    return json.dumps({"iso3": profile.iso3, "name": profile.name, "regional_group": profile.regional_group,
                       "council": profile.council, "article19": profile.article19 or None, "method": profile.method,
                       "votes": json_records(profile.votes), "agreement": json_records(profile.agreement.reset_index())},
                      ensure_ascii=False, indent=1)


#: The sections of :func:`profile_table`, in order: the member's facts, a row per motion, a row per partner and period.
SECTIONS = ("member", "vote", "agreement")


def profile_table(profile: CountryProfile) -> pd.DataFrame:
    """Every section of the profile as one table (``country --format csv``), the ``section`` column first.

    ``member``: one row with ``council`` and ``article19``; ``vote``: a row per
    motion, the columns of ``profile.votes``; ``agreement``: a row per partner
    and period with ``method``, ``partner``, ``period``, ``score`` and
    ``n_votes`` (the votes the score rests on). Every row carries ``iso3``,
    ``member`` and ``regional_group``; a column that does not apply to a
    section is empty.
    """
    member = pd.DataFrame([{"council": profile.council, "article19": profile.article19 or None}])
    scores = profile.agreement
    periods = [c.removeprefix("score ") for c in scores.columns if c.startswith("score ")]
    agreement = pd.DataFrame([{"method": profile.method, "partner": partner, "period": period,
                               "score": scores.at[partner, f"score {period}"],
                               "n_votes": scores.at[partner, f"votes {period}"]}
                              for partner in scores.index for period in periods])
    parts = [part.assign(section=name) for name, part in zip(SECTIONS, (member, profile.votes, agreement))]
    out = pd.concat(parts, ignore_index=True)
    out.insert(0, "regional_group", profile.regional_group)
    out.insert(0, "member", profile.name)
    out.insert(0, "iso3", profile.iso3)
    out.insert(0, "section", out.pop("section"))
    out["n_votes"] = pd.array([None if pd.isna(v) else int(v) for v in out["n_votes"]], dtype="Int64")
    return out


def profile_html(profile: CountryProfile) -> str:
    """The profile as HTML for a notebook: a heading paragraph and two tables, every value escaped."""
    head = (f"<p><b>{html.escape(profile.name)} ({html.escape(profile.iso3)})</b>, "
            f"{html.escape(profile.regional_group)} group. Security Council: {html.escape(profile.council)}.")
    if profile.article19:
        head += f" Article 19: {html.escape(profile.article19)}."
    return (head + "</p>" + profile.votes.to_html(index=False, na_rep="") +
            f"<p>Agreement ({html.escape(profile.method)}) and the number of votes behind each score:</p>" +
            profile.agreement.to_html(na_rep="", float_format="{:.2f}".format))


class ProfileView(CountryProfile):
    """A :class:`CountryProfile` that prints as text and shows as HTML in a notebook."""

    @classmethod
    def of(cls, profile: CountryProfile) -> ProfileView:
        """The view of ``profile`` (the same facts)."""
        return cls(**{f.name: getattr(profile, f.name) for f in fields(CountryProfile)})

    def to_text(self, width: int = WIDTH) -> str:
        """See :func:`profile_text`."""
        return profile_text(self, width)

    def to_json(self) -> str:
        """See :func:`profile_json`."""
        return profile_json(self)

    def __str__(self) -> str:
        return profile_text(self)

    def _repr_html_(self) -> str:
        return profile_html(self)
