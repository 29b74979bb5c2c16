"""The General Assembly's regular session running on a date (rule 1 of the GA rules of procedure).

Rule 1: "The General Assembly shall meet every year in regular session commencing on the Tuesday of the third
week in September, counting from the first week that contains at least one working day." Weeks run Monday to
Sunday; the first week that counts is the one holding 1 September if that day is a working day (Monday to
Friday), else the week that starts on the first Monday of September. Up to 2022 the session opened on the
Tuesday of the third such week, between 13 and 19 September (13 September 2016, 14 September 2021, 17 September
2019, 13 September 2022).

**Since its 78th session the Assembly opens a week earlier**, on the Tuesday of the *second* week by the same
count: 5 September 2023 (UN press release GA/12525), 10 September 2024 (GA/12622) and 9 September 2025, where
the third-week count gives 12, 17 and 16 September. The opening day is computed once, by
:func:`analysis.data.bodies.session_opening` (the third week up to 2022, the second from 2023 on, assumed to hold
after 2025); this module reads dates strictly (a date it cannot read, or one before 1947, is refused) on top of it.

Session N opens in September of the year 1945 + N (the 76th on 14 September 2021) and runs until the next one
opens: a date before that year's opening belongs to the session of the year before (24 December 2021 -> 76,
13 September 2021 -> 75). Emergency special sessions and special sessions meet while a regular session runs;
this module gives the regular session (ES-10/19 of 21 December 2017 -> 72).

Public holidays do not change the count: a week with no working day at all would need five holidays in a row,
and only the weekday of 1 September decides which week is the first.

The rule is applied to every year from 1947 on. The first session (opened 10 January 1946 in London) did not
follow it, so dates before 1947 are refused; in the decades before the rule took its present wording sessions
may have opened a few days off this date, and a September date of those years can be off by one session.
The project's records (2014-2021) are checked against their resolution symbols in ``tests/test_ideal.py``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .bodies import session_opening

__all__ = ["ga_session", "ga_session_of", "session_opening"]

#: Session N opens in September of FIRST_YEAR + N.
FIRST_YEAR = 1945
#: The earliest year the September rule is applied to (session 1, opened in January 1946, did not follow it).
EARLIEST_YEAR = 1947


def ga_session(dates) -> pd.Series:
    """The GA regular session (an integer) running on each date, by rule 1 of the rules of procedure.

    ``dates``: a Series (or anything ``pd.Series`` accepts: a list, an array, an Index) of ISO date strings
    (``YYYY-MM-DD``) or datetimes. Returns a Series of ``int64`` with the same index (a plain default index
    for a list or array), named ``session``. Session N opens in September of 1945 + N on the day
    :func:`~analysis.data.bodies.session_opening` gives (the Tuesday of the third week up to 2022, of the second
    week from 2023; see the module docstring); a date before that year's opening belongs to session N - 1.
    Raises ``ValueError`` naming the value for a date it cannot read or a date before 1947.

    Examples
    --------
    >>> ga_session(pd.Series(["2021-09-13", "2021-09-14", "2022-02-24"])).tolist()
    [75, 76, 76]
    >>> ga_session(["2014-03-27"]).tolist()  # A/RES/68/262
    [68]
    """
    series = dates if isinstance(dates, pd.Series) else pd.Series(dates)
    if series.empty:
        return pd.Series([], index=series.index, dtype="int64", name="session")
    if pd.api.types.is_datetime64_any_dtype(series):
        parsed = series
    else:
        parsed = pd.to_datetime(series, errors="coerce", format="ISO8601")
    bad = parsed.isna()
    if bad.any():
        raise ValueError(f"ga_session: not a date: {series[bad].iloc[0]!r} "
                         f"({int(bad.sum())} of {len(series)} values unreadable)")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    year = parsed.dt.year.to_numpy()
    early = year < EARLIEST_YEAR
    if early.any():
        raise ValueError(f"ga_session: {series[early].iloc[0]!r} is before {EARLIEST_YEAR}: the first session "
                         "(opened 10 January 1946) did not follow the September rule")
    openings = {y: np.datetime64(session_opening(int(y)), "D") for y in np.unique(year)}
    opening = np.array([openings[y] for y in year], dtype="datetime64[D]")
    day = parsed.to_numpy().astype("datetime64[D]")
    session = year - FIRST_YEAR - (day < opening)
    return pd.Series(session.astype("int64"), index=series.index, name="session")


def ga_session_of(date) -> int:
    """The session of one date (a ``YYYY-MM-DD`` string, ``datetime.date`` or ``Timestamp``).

    Examples
    --------
    >>> ga_session_of("2025-02-24")  # A/RES/ES-11/7, during the 79th session
    79
    """
    return int(ga_session(pd.Series([date])).iloc[0])
