"""The report's key findings: sentences whose numbers are computed from the data, never typed.

:func:`key_findings` reads the bundled records through the package's public
API and returns one :class:`Finding` per sentence, each naming the report page
(notebook) and the anchor (a figure ``fig-NAME`` or a heading) that shows it.
The index lists them first, so a reader sees the results before the method,
and a changed record changes the sentence, not just a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import (changed_votes, council_outcomes, council_votes, group_rates, load_members, load_motions,
               load_partial_votes, load_votes, tally, votes_on)

L10, L11, SC_TEXT = "A/RES/ES-11/7", "A/RES/ES-11/8", "S/RES/2774(2025)"
ES6, ES10 = "A/RES/ES-11/6", "A/RES/ES-11/10"
VERB = {"Y": "voted yes on", "N": "voted no on", "A": "abstained on", "X": "did not vote on"}


@dataclass(frozen=True)
class Finding:
    """One sentence of the index; ``page`` is a notebook stem, ``anchor`` an id on that page (or None)."""

    text: str
    page: str | None
    anchor: str | None
    numbers: dict = field(default_factory=dict, compare=False)


def _score(row: pd.Series) -> str:
    return f"{int(row['Y'])}-{int(row['N'])}-{int(row['A'])}"


def _names(iso3s, members: pd.DataFrame) -> list[str]:
    names = members.set_index("iso3")["name"]
    return [names.get(i, i) for i in iso3s]


def _join(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def key_findings(votes: pd.DataFrame | None = None, motions: pd.DataFrame | None = None,
                 members: pd.DataFrame | None = None, partial: pd.DataFrame | None = None) -> list[Finding]:
    """The key findings of the report, in reading order, computed from the data.

    ``votes``, ``motions``, ``members`` and ``partial`` (the partial records of
    :func:`analysis.load_partial_votes`) default to the bundled data.
    """
    votes = load_votes() if votes is None else votes
    motions = load_motions() if motions is None else motions
    members = load_members() if members is None else members
    counts = tally(votes, [ES6, L10, L11, SC_TEXT])
    a, b = _score(counts.loc[L10]), _score(counts.loc[L11])
    findings = [Finding(
        f"On 24 February 2025 the General Assembly adopted two competing texts with the same number of votes in "
        f"favour: A/RES/ES-11/7 (Ukraine and European co-sponsors) by {a} and A/RES/ES-11/8 (the US draft as amended "
        f"by European states) by {b}.", "01_two_ga_outcomes", "fig-01_tallies", {"ES-11/7": a, "ES-11/8": b})]

    changed = changed_votes(votes, L10, L11, members)
    pair = pd.DataFrame({L10: votes_on(votes, L10), L11: votes_on(votes, L11)})
    both_yes = int(((pair[L10] == "Y") & (pair[L11] == "Y")).sum())
    findings.append(Finding(
        f"They were not the same {int(counts.loc[L10, 'Y'])}: {len(changed)} of {len(pair)} members changed their "
        f"vote between the two texts, and only {both_yes} voted yes on both.", "01_two_ga_outcomes",
        "fig-01_transitions", {"changed": len(changed), "both_yes": both_yes}))

    us, ru = pair.loc["USA"], pair.loc["RUS"]
    with_russia = " with the Russian Federation" if us[L10] == ru[L10] else ""
    findings.append(Finding(
        f"The United States {VERB[us[L10]]} ES-11/7{with_russia}, and {VERB[us[L11]]} ES-11/8, the final version "
        f"of its own draft after the European amendments.", "07_maps", "fig-07_map_pair_2025",
        {"USA": (us[L10], us[L11])}))

    council = council_votes(votes, [SC_TEXT])
    abstained = council[council[SC_TEXT] == "A"]
    sc = _score(counts.loc[SC_TEXT])
    findings.append(Finding(
        f"Hours later the Security Council adopted the unamended US text as resolution 2774 (2025) by {sc}; the "
        f"{len(abstained)} abstentions were {_join(list(abstained['name']))}.", "04_security_council",
        "fig-04_sc_map", {"S/RES/2774": sc, "abstained": list(abstained.index)}))

    outcomes = council_outcomes(motions, "2025-02-24")
    vetoed = outcomes[outcomes["would_pass_without_veto"].fillna(False).astype(bool)]
    if len(vetoed):
        by = _join(_names(pd.unique(vetoed["vetoed_by"]), members))
        findings.append(Finding(
            f"In the Council, {len(vetoed)} European amendments ({_join([str(int(y)) for y in vetoed['yes']])} votes in "
            f"favour) had the nine votes a decision needs and failed only through the negative vote of a permanent "
            f"member ({by}).",
            "04_security_council", "4.-What-the-Russian-negative-votes-decided", {"vetoed": len(vetoed)}))

    before, after = counts.loc[ES6], counts.loc[L10]
    findings.append(Finding(
        f"Support fell between the anniversaries: yes votes went from {int(before['Y'])} on A/RES/ES-11/6 (February "
        f"2023) to {int(after['Y'])} on ES-11/7 (February 2025), while abstentions rose from {int(before['A'])} to "
        f"{int(after['A'])}.", "03_abstentions", "fig-03_trend",
        {"yes": (int(before["Y"]), int(after["Y"])), "abstain": (int(before["A"]), int(after["A"]))}))

    flow = pd.DataFrame({ES6: votes_on(votes, ES6), L10: votes_on(votes, L10)})
    left = flow[(flow[ES6] == "Y") & (flow[L10] != "Y")][L10].value_counts()
    findings.append(Finding(
        f"{int(left.sum())} members that voted yes in 2023 did not in 2025: {int(left.get('A', 0))} abstained, "
        f"{int(left.get('X', 0))} did not vote and {int(left.get('N', 0))} voted no.", "05_trajectory",
        "fig-05_flows", {"left": int(left.sum())}))

    rates = group_rates(votes, L10, members)
    weog, african = rates.loc["Western European and Others", "Y"], rates.loc["African", "A"]
    findings.append(Finding(
        f"On ES-11/7, {weog:.1f}% of the Western European and Others group voted yes, while {african:.1f}% of African "
        f"members abstained.", "01_two_ga_outcomes", "fig-01_groups", {"WEOG_yes": weog, "African_abstain": african}))

    row = motions.set_index("motion").loc[ES10] if ES10 in set(motions["motion"]) else None
    if row is not None and pd.notna(row["yes"]):
        score = f"{int(row['yes'])}-{int(row['no'])}-{int(row['abstain'])}"
        said = f"A year later, on {row['date']:%d %B %Y}, the General Assembly adopted A/RES/ES-11/10 by {score}."
        if bool(row["roll_call"]):
            text = f"{said} Its country-level record is in the data ({row['tally_quality']})."
        else:
            partial = load_partial_votes() if partial is None else partial
            named = partial[partial["motion"].eq(ES10) & partial["vote"].isin(["Y", "N", "A"])]
            cast, against = int(row["yes"] + row["no"] + row["abstain"]), int(row["no"])
            named_against = int(named["vote"].eq("N").sum())
            which = ("" if not named_against else f", including all {against} against" if named_against == against
                     else f", including {named_against} of the {against} against")
            record = (f"with only a partial country-level record: news reports name {len(named)} of the {cast} votes "
                      f"cast{which}" if len(named) else "with no country-level record yet")
            text = (f"{said} This is a tally ({row['tally_quality']}) {record}, so this vote is not in the "
                    f"member-level analysis.")
        findings.append(Finding(text, "08_one_year_later", "fig-08_tallies", {"ES-11/10": score}))
    return findings
