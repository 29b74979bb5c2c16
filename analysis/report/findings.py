"""The report's key findings: sentences whose numbers are computed from the data, never typed.

:func:`key_findings` reads the tables of the bundle it is given and returns
one :class:`Finding` per sentence, each naming the report page
(notebook) and the anchor (a figure ``fig-NAME`` or a heading) that shows it.
The index lists them first, so a reader sees the results before the method,
and a changed record changes the sentence, not just a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from ..data.bodies import SC_MAJORITY
from ..output.terminal import VERB, tally_text

if TYPE_CHECKING:
    from ..data.tables import Tables
    from ..measures.answers import TwoVotes, YesCamp

ES6, ES7, ES8, ES10 = "A/RES/ES-11/6", "A/RES/ES-11/7", "A/RES/ES-11/8", "A/RES/ES-11/10"
RES2774 = "S/RES/2774(2025)"


@dataclass(frozen=True)
class Finding:
    """One sentence of the index; ``page`` is a notebook stem, ``anchor`` an id on that page (or None)."""

    text: str
    page: str | None
    anchor: str | None
    numbers: dict = field(default_factory=dict, compare=False)


def _names(iso3s, members: pd.DataFrame) -> list[str]:
    names = members.set_index("iso3")["name"]
    return [names.get(i, i) for i in iso3s]


def _join(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def key_findings(tables: Tables) -> list[Finding]:
    """The key findings of the report, in reading order, computed from the bundle ``tables``.

    The numbers come from :mod:`analysis.measures.answers`, as those of the pages' opening answers do, so that a
    page and the index never disagree.

    Examples:
        >>> key_findings(load_tables())[0].text[:45]
        'On 24 February 2025 the General Assembly ado'
    """
    # imported when the findings are computed, not with the report's modules (the import-time chain stays short)
    from ..measures.answers import two_votes, yes_camp

    day = two_votes(tables.votes, ES7, ES8, tables.members)
    camp = yes_camp(tables.votes, ES6, ES7, motions=tables.motions)
    return _the_day(day) + _the_council(tables) + _the_trend(camp, day) + _one_year_later(tables)


def _the_day(day: TwoVotes) -> list[Finding]:
    """The two General Assembly texts of 24 February 2025: tallies, the changed votes, the United States."""
    a, b = tally_text(day.counts.loc[ES7]), tally_text(day.counts.loc[ES8])
    findings = [Finding(
        f"On 24 February 2025 the General Assembly adopted two competing texts with the same number of votes in "
        f"favour: A/RES/ES-11/7 (Ukraine and European co-sponsors) by {a} and A/RES/ES-11/8 (the US draft as amended "
        f"by European states) by {b}.", "01_two_ga_outcomes", "fig-01_tallies", {"ES-11/7": a, "ES-11/8": b})]
    findings.append(Finding(
        f"They were not the same {int(day.counts.loc[ES7, 'Y'])}: {day.changed} of {day.members} members changed "
        f"their vote between the two texts, and only {day.both_yes} voted yes on both.", "01_two_ga_outcomes",
        "fig-01_transitions", {"changed": day.changed, "both_yes": day.both_yes}))

    us, ru = day.pairs.loc["USA"], day.pairs.loc["RUS"]
    with_russia = " with the Russian Federation" if us[ES7] == ru[ES7] else ""
    findings.append(Finding(
        f"The United States {VERB[us[ES7]]} ES-11/7{with_russia}, and {VERB[us[ES8]]} ES-11/8, the final version "
        f"of its own draft after the European amendments.", "07_maps", "fig-07_map_pair_2025",
        {"USA": (us[ES7], us[ES8])}))
    return findings


def _the_council(tables: Tables) -> list[Finding]:
    """Resolution 2774 (2025), its abstentions, and the amendments a permanent member's negative vote defeated."""
    from ..measures.answers import council_day

    members = tables.members
    day = council_day(tables.votes, tables.motions, RES2774, ES8, sc_members=tables.sc_members, members=members)
    sc = tally_text(day.counts)
    findings = [Finding(
        f"Hours later the Security Council adopted the unamended US text as resolution 2774 (2025) by {sc}; the "
        f"{len(day.abstained)} abstentions were {_join(_names(day.abstained, members))}.", "04_security_council",
        "fig-04_sc_map", {"S/RES/2774": sc, "abstained": list(day.abstained)})]
    vetoed = day.vetoed
    if len(vetoed):
        by = _join(_names(pd.unique(vetoed["vetoed_by"]), members))
        findings.append(Finding(
            f"In the Council, {len(vetoed)} European amendments ({_join([str(int(y)) for y in vetoed['yes']])} votes in "
            f"favour) had the {SC_MAJORITY} votes in favour a decision needs and failed only through the negative "
            f"vote of a permanent member ({by}; Charter, Article 27(3)).",
            "04_security_council", "4.-What-the-Russian-negative-votes-decided", {"vetoed": len(vetoed)}))
    return findings


def _the_trend(camp: YesCamp, day: TwoVotes) -> list[Finding]:
    """From 2023 to 2025: support, the members that left the yes camp, the regional groups."""
    before, after = camp.counts.loc[ES6], camp.counts.loc[ES7]
    when = {m: f"{d:%B %Y}" for m, d in camp.dates.items()}
    findings = [Finding(
        f"Support fell between the anniversaries: yes votes went from {int(before['Y'])} on A/RES/ES-11/6 "
        f"({when[ES6]}) to {int(after['Y'])} on ES-11/7 ({when[ES7]}), while abstentions rose from "
        f"{int(before['A'])} to {int(after['A'])}.", "03_abstentions", "fig-03_trend",
        {"yes": (int(before["Y"]), int(after["Y"])), "abstain": (int(before["A"]), int(after["A"]))})]
    findings.append(Finding(
        f"{len(camp.left)} members that voted yes in {camp.dates[ES6]:%Y} did not in {camp.dates[ES7]:%Y}: "
        f"{camp.went['A']} abstained, {camp.went['X']} did not vote and {camp.went['N']} voted no.", "05_trajectory",
        "fig-05_flows", {"left": len(camp.left)}))
    rates = day.rates[ES7]
    weog, african = rates.loc["Western European and Others", "Y"], rates.loc["African", "A"]
    findings.append(Finding(
        f"On ES-11/7, {weog:.1f}% of the Western European and Others group voted yes, while {african:.1f}% of African "
        f"members abstained.", "01_two_ga_outcomes", "fig-01_groups", {"WEOG_yes": weog, "African_abstain": african}))
    return findings


def _one_year_later(tables: Tables) -> list[Finding]:
    """A/RES/ES-11/10 (2026): its tally, and how much of its country-level record is known."""
    motions = tables.motions
    if ES10 not in set(motions["motion"]) or pd.isna(motions.set_index("motion").at[ES10, "yes"]):
        return []
    from ..measures.answers import one_year

    year = one_year(tables.votes, tables.partial, motions, ES7, ES10)
    row = year.b
    score = tally_text(row)
    said = f"A year later, on {row['date']:%d %B %Y}, the General Assembly adopted A/RES/ES-11/10 by {score}."
    if bool(row["roll_call"]):
        text = f"{said} Its country-level record is in the data ({row['tally_quality']})."
    else:
        named = year.known[year.known["vote"].isin(["Y", "N", "A"])]
        cast, against = int(row["yes"] + row["no"] + row["abstain"]), int(row["no"])
        named_against = int(named["vote"].eq("N").sum())
        which = ("" if not named_against else f", including all {against} against" if named_against == against
                 else f", including {named_against} of the {against} against")
        record = (f"with only a partial country-level record: news reports name {len(named)} of the {cast} votes "
                  f"cast{which}" if len(named) else "with no country-level record yet")
        text = (f"{said} This is a tally ({row['tally_quality']}) {record}, so this vote is not in the "
                f"member-level analysis.")
    return [Finding(text, "08_one_year_later", "fig-08_tallies", {"ES-11/10": score})]
