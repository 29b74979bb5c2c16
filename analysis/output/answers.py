"""Each page's answer in words: the two or three sentences a page opens with, from the numbers of
:mod:`analysis.measures.answers`.

A notebook shows them with :func:`analysis.output.tables.say`. Every number in them comes from the record given;
the words around the numbers are written here once, and name the rule where they speak of one.

>>> join(["France", "Denmark", "Greece"])
'France, Denmark and Greece'
"""

from __future__ import annotations

import pandas as pd

from ..data.bodies import SC_MAJORITY
from ..data.schema import tally_text
from ..measures.answers import (
    Abstainers,
    Alignment,
    AmendmentDay,
    CouncilDay,
    OneYear,
    Sequences,
    TwoVotes,
    Unexpected,
    YesCamp,
)
from ..measures.records import FULL_RECORD
from .style import LABEL_NAMES
from .terminal import VERB

#: What a member did, with no motion after it.
DID = {"Y": "voted yes", "N": "voted no", "A": "abstained", "X": "did not vote"}
#: A vote as a position, after "from" or "to".
AS = {"Y": "yes", "N": "no", "A": "abstaining", "X": "not voting"}
#: A vote as a noun.
NOUN = {"Y": "yes", "N": "no", "A": "abstention", "X": "absence"}
#: The names by which the answers call some members (a sentence would trip over "the United States of America's").
SHORT_NAMES = {**{k: f"the {v}" for k, v in LABEL_NAMES.items()}, "RUS": "the Russian Federation"}
#: UN names that take "the" in a sentence.
_THE = ("Russian", "United", "Republic of", "Democratic", "Central African", "Dominican", "Marshall", "Solomon",
        "Philippines", "Netherlands", "Bahamas", "Gambia", "Comoros", "Czech", "Syrian", "Lao", "Islamic")
_WORDS = dict(enumerate(("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")))


def join(items: list[str]) -> str:
    """``a, b and c``."""
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def number(n: int) -> str:
    """A count in words up to ten, in figures above (``three``, ``46``)."""
    return _WORDS.get(int(n), str(int(n)))


def name(iso3: str, names: pd.Series) -> str:
    """A member as a sentence names it: ``the United States``, ``the Republic of Korea``, ``France``."""
    if iso3 in SHORT_NAMES:
        return SHORT_NAMES[iso3]
    full = str(names.get(iso3, iso3))
    return f"the {full}" if full.startswith(_THE) else full


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def short(motion: str) -> str:
    """``A/RES/ES-11/7`` -> ``ES-11/7`` (a resolution of the emergency special session, as the pages call it);
    ``S/RES/2774(2025)`` -> ``resolution 2774 (2025)``; any other symbol as it is."""
    if motion.startswith("S/RES/"):
        return "resolution " + motion.removeprefix("S/RES/").replace("(", " (")
    return motion.removeprefix("A/RES/") if motion.startswith("A/RES/ES-") else motion


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def page_01(r: TwoVotes, names: pd.Series) -> str:
    """Two texts of one day: the same yes count or not, who changed, the United States and Ukraine, the groups."""
    a, b = r.a, r.b
    ya, yb = int(r.counts.at[a, "Y"]), int(r.counts.at[b, "Y"])
    opening = (f"Both texts drew {ya} votes in favour, but not the same {ya}: " if ya == yb else
               f"{short(a)} drew {ya} votes in favour and {short(b)} {yb}: ")
    us, ukr, ru = (r.pairs.loc[i] for i in ("USA", "UKR", "RUS"))
    with_russia = " with the Russian Federation" if us[a] == ru[a] else ""
    weog = [r.rates[m].loc["Western European and Others", "Y"] for m in (a, b)]
    african = [r.rates[m].loc["African", "A"] for m in (a, b)]
    return (f"{opening}only {r.both_yes} members voted yes on both, and {r.changed} of the {r.members} changed their "
            f"vote between them. The United States {VERB[us[a]]} {short(a)}{with_russia} and {VERB[us[b]]} "
            f"{short(b)}, its own draft as amended by European states; Ukraine {VERB[ukr[a]]} {short(a)} and "
            f"{VERB[ukr[b]]} {short(b)}. By regional group, {_pct(weog[0])} of the Western European and Others group "
            f"voted yes on {short(a)} and {_pct(weog[1])} on {short(b)}, while {_pct(african[0])} and "
            f"{_pct(african[1])} of the African members abstained.")


def page_02(day: AmendmentDay, council: CouncilDay, names: pd.Series) -> str:
    """What the amendments did: passed in the Assembly, vetoed in the Council, and what the tallies alone prove."""
    russian = day.amendments["proposer"].eq(names["RUS"])
    european, theirs = day.amendments[~russian], day.amendments[russian]
    passed = european["outcome"].eq("adopted")
    how_many = f"all {number(len(european))}" if passed.all() else f"{number(int(passed.sum()))} of the {len(european)}"
    ru = "; ".join(f"the Russian amendment failed ({tally_text(row)})" for _, row in theirs.iterrows())
    vetoed = council.vetoed
    by = join([name(i, names) for i in dict.fromkeys(vetoed["vetoed_by"])])
    label = day.first.rsplit("-", 1)[-1]
    return (f"In the General Assembly {how_many} European amendments passed "
            f"({', '.join(tally_text(row) for _, row in european.iterrows())}, in voting order; which tally belongs "
            f"to which change is not established); together they named the full-scale invasion, added Ukraine's "
            f"sovereignty and territorial integrity and called for a just, lasting and comprehensive peace; {ru}. "
            f"In the Security Council the same changes failed: {number(len(vetoed))} had the {SC_MAJORITY} votes in favour a decision needs ({join([str(int(y)) for y in vetoed['yes']])}) and were "
            f"defeated by the negative vote of a permanent member, {by} (Charter, Article 27(3)), so the Council "
            f"adopted the unamended text ({tally_text(council.counts)}). No country-level record of any amendment "
            f"vote exists; from the tallies alone, at least {day.at_least} of the {int(day.final_counts['yes'])} "
            f"members voting yes on {short(day.final)} did not vote yes on European amendment {label}.")


def _went(camp: YesCamp) -> str:
    return (f"{camp.went['A']} abstained, {camp.went['X']} did not vote and {camp.went['N']} voted no")


def page_03(camp: YesCamp, ab: Abstainers, core: list[str], among: tuple[str, ...], names: pd.Series) -> str:
    """Where the support went, which groups abstain, who always abstains and who on one 2025 text only."""
    into = {"A": "abstention", "X": "absence", "N": "opposition"}[max(camp.went, key=camp.went.get)]
    b, a = camp.before, camp.after
    year = {m: f"{d:%Y}" for m, d in camp.dates.items()}
    c = camp.counts
    top, second, low = ab.rates.index[0], ab.rates.index[1], ab.rates.index[-1]
    named = [name(i, names) for i in ab.persistent if i in among]
    (first, other) = ab.only
    return (f"Support went mostly into {into}: yes fell from {c.at[b, 'Y']} on {short(b)} ({year[b]}) to "
            f"{c.at[a, 'Y']} on {short(a)} ({year[a]}) and abstentions rose from {c.at[b, 'A']} to {c.at[a, 'A']}; "
            f"of the members that voted yes in {year[b]}, {_went(camp)} in {year[a]}. Abstention on {short(a)} was "
            f"highest in the {top} ({_pct(ab.rates[top])}) and {second} ({_pct(ab.rates[second])}) groups and "
            f"lowest in the {low} group ({_pct(ab.rates[low])}). {len(ab.persistent)} members, among them "
            f"{join(named)}, abstained on all {number(len(core))} of {join([short(m) for m in core])}; "
            f"{ab.only[first]} abstained on {short(first)} only and {ab.only[other]} on {short(other)} only.")


def page_04(day: CouncilDay, names: pd.Series) -> str:
    """The Council's vote member by member, the amendments a negative vote defeated, the same members in the
    Assembly."""
    motion, ga = day.same_day.columns
    both = int((day.same_day[motion].eq("Y") & day.same_day[ga].eq("Y")).sum())
    by = join([name(i, names) for i in dict.fromkeys(day.vetoed["vetoed_by"])])
    ru, us = (day.same_day.loc[i] for i in ("RUS", "USA"))
    moved = (f"the Russian Federation went from {AS[ru[motion]]} in the Council to {AS[ru[ga]]} in the Assembly, and "
             f"the United States from {AS[us[motion]]} to {AS[us[ga]]}")
    return (f"The Council adopted the unamended US text as {short(motion)} by {tally_text(day.counts)}: the "
            f"permanent members {join([name(i, names) for i in day.permanent_yes])} voted yes, and the "
            f"{len(day.abstained)} abstentions were {join([name(i, names) for i in day.abstained])}. "
            f"{capital(number(len(day.vetoed)))} European amendments had the {SC_MAJORITY} votes in favour a decision "
            f"needs ({join([str(int(y)) for y in day.vetoed['yes']])}) and failed only through the negative vote of "
            f"{by} (Charter, Article 27(3)); {number(len(day.short))} other motions had fewer than {SC_MAJORITY} in "
            f"favour. In the General Assembly the same day, {both} of the {len(day.same_day)} voted yes on the "
            f"amended text ({short(ga)}) as on the unamended one; {moved}.")


def page_05(seq: Sequences, camp: YesCamp, n_votes: int, core: list[str]) -> str:
    """Yes by kind of vote, the profiles of 2022-2023, who left the yes camp after 2023."""
    kinds = "; ".join(f"{kind} {lo}" + (f" to {hi}" if hi != lo else "") + f" ({n} vote{'s' if n > 1 else ''})"
                      for kind, (lo, hi, n) in seq.yes.items())
    profile, count = seq.profiles.index[0], int(seq.profiles.iat[0])
    codes = {"Y": "yes", "N": "no", "A": "abstaining", "X": "not voting"}
    common = (f"{codes[profile[0]]} on all {number(len(profile))}" if len(set(profile)) == 1 else profile)
    again = "".join(f"; {n} of them voted yes again on {short(m)}" for m, n in camp.back.items())
    return (f"Across the {n_votes} recorded votes yes ranged from {seq.fewest[1]} ({short(seq.fewest[0])}) to "
            f"{seq.most[1]} ({short(seq.most[0])}); by kind of vote: {kinds}. Over {short(core[0])} to "
            f"{short(core[-1])} the members followed {len(seq.profiles)} distinct profiles of votes; the most common, "
            f"{common}, was shared by {count} members. {len(camp.left)} members that voted yes on "
            f"{short(camp.before)} did not on {short(camp.after)}: {_went(camp)}{again}.")


def _over(counts: pd.Series) -> str:
    lo, hi = int(counts.min()), int(counts.max())
    return f"over {lo} votes" if lo == hi else f"over {lo} to {hi} votes"


def page_06(r: Alignment, eu: tuple[float, int], au: tuple[float, int], motion: str, partners: dict[str, str],
            n_allies: int, names: pd.Series) -> str:
    """The United States against its partners before and from 2025, its allies, two blocs' cohesion."""
    before, after = r.scores.index
    parts = {period: join([f"{r.scores.at[period, p]:.2f} with {label}" for p, label in partners.items()])
             for period in (before, after)}
    trend = "fell" if r.allies[after][0] < r.allies[before][0] else "rose"
    same = [name(i, names) for i in r.same]
    who = name(r.member, names)
    return (f"{capital(possessive(who))} agreement (Lijphart index) was {parts[before]} {before}, "
            f"{_over(r.counts.loc[before, list(partners)])}; {after}, {_over(r.counts.loc[after, list(partners)])}, it "
            f"was {parts[after]}. With its {n_allies} G7 and NATO partners its mean agreement {trend} from "
            f"{r.allies[before][0]:.2f} to {r.allies[after][0]:.2f}, and {number(len(same))} members voted as "
            f"{who} on every vote {after}: {join([capital(s) for s in same])}. On {short(motion)} the EU27's Rice "
            f"index was {eu[0]:.2f} ({eu[1]} members voting yes or no) and the African Union's agreement index "
            f"{au[0]:.2f} ({au[1]} members casting a vote).")


def page_07(counts: pd.DataFrame, moved: pd.Series, a: str, b: str, members: int) -> str:
    """The maps in numbers: the range of yes squares, the most abstentions, who moved between two votes."""
    ga = counts[counts["members"].eq(members)]
    most = ga.index[ga["A"].eq(ga["A"].max())]
    n = moved.value_counts()
    return (f"Counted one state, one vote, yes on the {len(ga)} General Assembly votes ranged from {ga['Y'].min()} to "
            f"{ga['Y'].max()} of the {members} squares, and the most abstentions, {ga['A'].max()}, were on "
            f"{join(list(most))}. Between {short(a)} and {short(b)}, {n.get('away', 0)} members moved away from yes "
            f"(from yes to abstaining, no or not voting, or from abstaining to no) and {n.get('toward', 0)} toward it, "
            f"{n.get('other', 0)} moved between not voting and abstaining or no, and {n.get('same', 0)} cast the same "
            f"vote.")


def page_08(r: OneYear, division: pd.Series, names: pd.Series) -> str:
    """One year later: the tallies, the no camp member by member, what the country-level record covers."""
    a, b = r.a, r.b
    diff = {k: int(b[k] - a[k]) for k in ("yes", "no", "abstain")}
    word = {"yes": "in favour", "no": "against", "abstain": "abstentions"}
    changes = join([f"{abs(d)} {'more' if d > 0 else 'fewer'} {word[k]}" for k, d in diff.items() if d])
    camp = {k: list(r.camps.index[r.camps.eq(k)]) for k in ("stayed", "left", "joined")}
    us = r.known["vote"].get("USA")
    source = "" if r.known["confidence"].get("USA") in (None, FULL_RECORD) else \
        f" (a news report, {r.known['confidence']['USA']} confidence)"
    us_said = f", among them the United States, which {DID[us]}{source}," if "USA" in camp["left"] and us else ""
    named = r.known["vote"].isin(["Y", "N", "A"])
    cast, against = int(b["yes"] + b["no"] + b["abstain"]), int(b["no"])
    complete = int(r.known["vote"].eq("N").sum()) == against
    camps = (f"Of the {len(camp['stayed']) + len(camp['left'])} states against in {a['date']:%Y}, "
             f"{len(camp['stayed'])} stayed against, {len(camp['left'])} left the no camp{us_said} and "
             f"{len(camp['joined'])} joined it: {join([capital(name(i, names)) for i in camp['joined']])}."
             if complete else f"News reports name {int(r.known['vote'].eq('N').sum())} of the {against} against.")
    record = ("Its country-level record is in the data." if bool(b["roll_call"]) else
              f"Member by member only a partial record exists: news reports name {int(named.sum())} of the {cast} "
              f"votes cast" + (f", including all {against} against" if complete else "")
              + f", so no share of a regional group or bloc can be computed for {b['date']:%Y}.")
    return (f"A year later the Assembly adopted {short(b.name)} by {tally_text(b)}, against {tally_text(a)} for "
            f"{short(a.name)} in {a['date']:%Y}: {changes}, after rejecting, {tally_text(division)}, a US request "
            f"for separate votes on two of its paragraphs (a motion for division, rules of procedure, rule 89); the "
            f"{b['date']:%Y} tallies come from "
            f"{b['tally_quality'].split(';')[0]}. {camps} {record}")


def possessive(text: str) -> str:
    """``the United States'``, ``Israel's``."""
    return text + ("'" if text.endswith("s") else "'s")


def page_09(u: Unexpected, names: pd.Series, years: str, year: int) -> str:
    """The least expected vote of a roll call, read against the states' general positions."""
    rank = "least" if u.rank == 1 else f"number {u.rank} of the least"
    cut = u.correct < u.within[0]
    vote = NOUN[u.vote]
    return (f"Read against every recorded General Assembly vote of {years}, {possessive(name(u.member, names))} "
            f"{vote} on {short(u.motion)} was the {rank} expected vote of the {year} roll call: its general position "
            f"predicted a yes with probability {u.p_yes:.2f}, and the model gave its {vote} a probability of "
            f"{u.p_vote:.3f}. "
            f"The line of general positions predicts {u.correct:.0%} of the votes on {short(u.motion)}, against "
            f"{u.within[0]:.0%} to {u.within[1]:.0%} for the Ukraine votes of the sessions the positions cover "
            f"({u.sessions[0]} to {u.sessions[1]}, which runs to September {1946 + u.sessions[1]})"
            + (f": in {year} the Ukraine votes cut across the states' usual alignments." if cut else "."))


def group_title(counts: pd.DataFrame, first: str, second: str, groups: dict[str, str], most: int = 2) -> str:
    """The title of page 01's chart of the vote by regional group: WEOG's yes share and the groups that abstained
    most (the ``most`` largest shares on ``first``), each share on both motions, computed from ``counts``.

    ``counts``: Y, N, A, X per row named ``"<short> · <motion without A/RES/>"`` (the chart's table);
    ``groups``: full name -> short name (:data:`analysis.GROUP_ABBREVIATIONS`).

    >>> c = pd.DataFrame({"Y": [27, 27, 13, 17], "N": [2, 0, 8, 4], "A": [0, 2, 24, 26], "X": [0, 0, 9, 7]},
    ...                  index=["WEOG · ES-11/7", "WEOG · ES-11/8", "AFR · ES-11/7", "AFR · ES-11/8"])
    >>> group_title(c, "A/RES/ES-11/7", "A/RES/ES-11/8", {"African": "AFR"}, most=1)
    'WEOG voted yes (93%, 93%); abstained: African 44%, 48%'
    """
    share = counts[["Y", "N", "A", "X"]].div(counts[["Y", "N", "A", "X"]].sum(axis=1), axis=0)

    def pct(abbreviation: str, motion: str, code: str) -> str:
        return f"{share.at[f'{abbreviation} · {short(motion)}', code]:.0%}"

    def abstained(group: str) -> float:
        return share.at[f"{groups[group]} · {short(first)}", "A"]

    abstaining = sorted(groups, key=abstained, reverse=True)[:most]
    return (f"WEOG voted yes ({pct('WEOG', first, 'Y')}, {pct('WEOG', second, 'Y')}); abstained: "
            + "; ".join(f"{g} {pct(groups[g], first, 'A')}, {pct(groups[g], second, 'A')}" for g in abstaining))
