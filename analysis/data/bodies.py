"""The two bodies whose votes the package reads, each fact written once: members, majorities, the veto.

Read by the roll-call checker (how many members a vote may list), the measures
(the size of a body, the Council's voting rule) and the text (the bodies'
names). The table declarations state the row counts of ``members.csv`` (193)
and ``sc_members_*.csv`` (15) as facts of those files; a test checks that they
agree with the bodies here.

- **General Assembly**: every Member State has one vote (Charter, Article 18(1));
  193 members since South Sudan's admission in 2011. Decisions on important
  questions need two thirds of the members present and voting, other questions a
  majority of them (Article 18(2) and (3)); "members present and voting" are those
  casting a yes or no vote, an abstaining member counts as not voting (rules of
  procedure of the General Assembly, rule 86).
- **Sessions of the General Assembly**: the regular session opens "on the Tuesday
  of the third week in September, counting from the first week that contains at
  least one working day" (rules of procedure, rule 1), as it did up to the 77th
  session (13 September 2022). Since its 78th session the Assembly has opened a
  week earlier, on the Tuesday of the *second* week by the same count (5 September
  2023, 10 September 2024, 9 September 2025); :func:`session_opening` follows the
  dates as held. The first session opened in 1946, so session N opens in
  September of 1945 + N (:func:`ga_session`).
- **Security Council**: 15 members (Article 23), five of them permanent. A
  decision on a non-procedural matter needs nine votes in favour including the
  concurring votes of the permanent members (Article 27(3)); in practice an
  abstention of a permanent member is not a negative vote. A procedural decision
  needs nine votes of any members (Article 27(2)).

>>> body_of("A/RES/ES-11/7"), body_of("S/RES/2774(2025)"), BODIES["GA"].members
('GA', 'SC', 193)
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Body:
    """One body: its code, its name, how many members it has, and the rule that passes a decision."""

    code: str
    name: str
    members: int
    rule: str
    symbol_prefix: str


GENERAL_ASSEMBLY = Body(
    "GA", "General Assembly", 193,
    "a majority of the members present and voting (yes or no; abstentions are not counted, rule 86), two thirds "
    "on important questions (Charter, Article 18)", "A/")
SECURITY_COUNCIL = Body(
    "SC", "Security Council", 15,
    "nine votes in favour and no negative vote of a permanent member (Charter, Article 27(3)); nine votes of any "
    "members for a procedural matter (Article 27(2))", "S/")
#: The bodies by code, in the order used in tables.
BODIES = {b.code: b for b in (GENERAL_ASSEMBLY, SECURITY_COUNCIL)}
#: Votes in favour a Security Council decision needs (Charter, Article 27).
SC_MAJORITY = 9
#: The members of each body: the most members one roll call of it can list.
LIMITS = {code: body.members for code, body in BODIES.items()}
BODY_NAMES = {code: body.name for code, body in BODIES.items()}


#: The symbols of each body's own votes (on the upper-cased symbol): General Assembly resolutions, drafts,
#: meetings and documents (``A/RES/``, ``A/ES-11/``, ``A/S-27/``, ``A/79/``, ``A/L.``, ``A/PV.``), the Security
#: Council's (``S/RES/``, ``S/PV.``, ``S/2022/155``). ``A/HRC/`` (the Human Rights Council), ``A/C.3/`` (a Main
#: Committee), ``E/`` (ECOSOC) and every other organ's symbols are neither.
SYMBOLS = {"GA": re.compile(r"A/(?:RES/|ES-\d+/|S-\d+/|\d+(?:/|$)|L\.|PV\.)"),
           "SC": re.compile(r"S/(?:RES/|PV\.|\d+(?:/|$))")}


def body_of(symbol: str) -> str | None:
    """The body whose vote a UN symbol names: ``GA``, ``SC``, or None for any other organ's symbol.

    >>> body_of("a/res/68/262"), body_of("S/2022/155"), body_of("E/RES/2020/1"), body_of("A/HRC/RES/49/1")
    ('GA', 'SC', None, None)
    """
    text = str(symbol).upper()
    return next((code for code, pattern in SYMBOLS.items() if pattern.match(text)), None)


def majority_base(yes: int, no: int) -> int:
    """The General Assembly's "members present and voting" of a tally: yes + no (rule 86; abstentions excluded).

    >>> majority_base(93, 18)   # A/RES/ES-11/7, 93-18-65
    111
    """
    return int(yes) + int(no)


#: The year in which the first regular session of the General Assembly opened (session N opens in 1945 + N).
FIRST_SESSION_YEAR = 1946
#: The first year whose session opened on the Tuesday of the second week of September, not the third: the 78th,
#: on 5 September 2023 (see :func:`session_opening`).
SECOND_WEEK_FROM = 2023


def session_opening(year: int) -> datetime.date:
    """The day the regular session of ``year`` opens (session ``year - 1945``): the Tuesday of the third week in
    September up to 2022 (rules of procedure, rule 1), of the second week from 2023 (:data:`SECOND_WEEK_FROM`),
    counting from the first week (Monday to Sunday) that contains at least one working day.

    A week that holds 1 September counts as the first only if one of its September days is a working day
    (Monday to Friday): when 1 September is a Saturday or Sunday, the first week starts on the Monday after.

    The second week is not rule 1's wording but the opening dates the Assembly has used since its 78th session:
    5 September 2023 (UN press release GA/12525), 10 September 2024 (GA/12622) and 9 September 2025, where the
    third-week count gives 12, 17 and 16 September. The 77th opened on 13 September 2022, in the third week. For
    years after 2025 the second week is assumed to hold.

    >>> session_opening(2014), session_opening(2019), session_opening(2022)
    (datetime.date(2014, 9, 16), datetime.date(2019, 9, 17), datetime.date(2022, 9, 13))
    >>> session_opening(2023), session_opening(2024), session_opening(2025)
    (datetime.date(2023, 9, 5), datetime.date(2024, 9, 10), datetime.date(2025, 9, 9))
    """
    first = datetime.date(year, 9, 1)
    monday = first - datetime.timedelta(days=first.weekday())  # the Monday of the week holding 1 September
    if first.weekday() >= 5:  # 1 September a Saturday or Sunday: that week has no September working day
        monday += datetime.timedelta(days=7)
    weeks_after_the_first = 1 if year >= SECOND_WEEK_FROM else 2
    return monday + datetime.timedelta(days=7 * weeks_after_the_first + 1)  # the Tuesday of the second or third week


def ga_session(dates) -> np.ndarray:
    """The regular session of the General Assembly in which each date falls (an integer array).

    Session N opens in September of 1945 + N, on the day :func:`session_opening` gives (rule 1 up to 2022, the
    second week since 2023); a date before that year's opening belongs to the previous session. A vote of an
    emergency special session (``A/RES/ES-...``) gets the regular session during which it was held. ``dates``
    is anything :func:`pandas.to_datetime` reads; a missing date gives -1.

    >>> ga_session(["2014-03-27", "2014-09-16", "2021-09-13", "2021-09-14"]).tolist()
    [68, 69, 75, 76]
    >>> ga_session(["2023-09-04", "2023-09-06"]).tolist()  # the 78th opened on 5 September 2023
    [77, 78]
    """
    when = pd.to_datetime(pd.Series(dates, dtype=object) if not isinstance(dates, pd.Series) else dates)
    when = pd.Series(pd.DatetimeIndex(when)).reset_index(drop=True)
    years = when.dt.year
    openings = {int(y): pd.Timestamp(session_opening(int(y))) for y in years.dropna().unique()}
    opening = years.map(openings)
    session = (years - (FIRST_SESSION_YEAR - 1)).where(when >= opening, years - FIRST_SESSION_YEAR)
    return session.fillna(-1).astype(np.int64).to_numpy()
