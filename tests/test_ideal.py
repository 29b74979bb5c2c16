"""Ideal points (analysis.measures.ideal) and GA sessions (analysis.data.sessions): facts, each able to fail.

The real context (every recorded GA roll call 2014-2021) is fitted once per module. Figures quoted in the
tests were measured on it with the default priors (benchmarks/README.md has the same figures).
"""

from __future__ import annotations

import datetime as dt
import doctest
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.data import sessions
from analysis.data.sessions import ga_session, ga_session_of, session_opening
from analysis.measures import ideal as ideal_module
from analysis.measures.ideal import VoteFit, ideal_points, simulate_votes, vote_fit

DATA = Path(__file__).resolve().parent.parent / "data"
COLUMNS = ["iso3", "session", "ideal", "lower", "upper", "n_votes"]


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


# ---------------------------------------------------------------------------------------------------------------
# GA sessions
# ---------------------------------------------------------------------------------------------------------------

OPENINGS = {69: "2014-09-16", 71: "2016-09-13", 73: "2018-09-18", 74: "2019-09-17", 76: "2021-09-14"}


@pytest.mark.parametrize(("session", "opening"), OPENINGS.items())
def test_a_session_opens_on_its_day_and_the_day_before_belongs_to_the_previous_one(session, opening):
    day = dt.date.fromisoformat(opening)
    assert session_opening(1945 + session) == day
    assert ga_session([opening, (day - dt.timedelta(days=1)).isoformat()]).tolist() == [session, session - 1]


def test_since_2023_the_session_opens_in_the_second_week():
    # the 78th opened on 5 September 2023 (GA/12525), the 79th on 10 September 2024 (GA/12622)
    assert ga_session(["2023-09-04", "2023-09-05", "2024-09-09", "2024-09-10"]).tolist() == [77, 78, 78, 79]
    assert session_opening(2022) == dt.date(2022, 9, 13)  # the 77th: still the third week


def test_sessions_read_strings_datetimes_and_one_date_and_keep_the_index():
    dates = pd.Series(["2022-02-24", "2025-02-24"], index=[10, 20])
    assert ga_session(dates).to_dict() == {10: 76, 20: 79}
    assert ga_session(pd.to_datetime(dates)).to_dict() == {10: 76, 20: 79}
    assert ga_session_of(dt.date(2021, 9, 14)) == 76
    assert ga_session_of(pd.Timestamp("2021-09-13 23:59")) == 75


def test_a_date_that_cannot_be_read_or_comes_before_1947_is_refused():
    with pytest.raises(ValueError, match=r"not a date: '2021-02-30'"):
        ga_session(["2021-01-01", "2021-02-30"])
    with pytest.raises(ValueError, match=r"'1946-10-23' is before 1947"):
        ga_session(["1946-10-23"])


# ---------------------------------------------------------------------------------------------------------------
# The real context, fitted once
# ---------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def context() -> pd.DataFrame:
    """The GA context 2014-2021 as load_context() will return it: motion, iso3, vote, date, body, session."""
    motions, votes = read("ga_context_motions.csv"), read("ga_context_votes.csv")
    table = votes.merge(motions[["motion", "date"]], on="motion", how="left", validate="many_to_one")
    table["body"] = "GA"
    table["session"] = ga_session(table["date"])
    return table[["motion", "iso3", "vote", "date", "body", "session"]]


@pytest.fixture(scope="module")
def fit(context) -> pd.DataFrame:
    return ideal_points(context)


@pytest.fixture(scope="module")
def wide(fit) -> pd.DataFrame:
    return fit.pivot(index="iso3", columns="session", values="ideal")


def test_every_resolution_number_is_the_session_of_its_roll_calls(context):
    found = context.groupby("motion")["session"].unique().map(sorted)  # every roll call's session, per motion
    number = found.index.str.extract(r"^A/(?:RES/)?(\d+)/", expand=False)
    numbered = found[number.notna()]
    assert len(numbered) == 723
    assert {m: s for m, s, n in zip(numbered.index, numbered, number.dropna().astype(int)) if s != [n]} == {}
    # the draft symbols A/73/L.42 and A/76/L.14 carry a session and are among them; the only exceptions are
    # the two resolutions of the tenth emergency special session, which met during the 72nd
    assert {"A/73/L.42", "A/76/L.14"} <= set(numbered.index)
    assert found[number.isna()].to_dict() == {"A/RES/ES-10/19": [72], "A/RES/ES-10/20": [72]}


def test_the_output_has_one_row_per_member_and_session_in_the_contract_layout(fit, context):
    assert list(fit.columns) == COLUMNS
    assert [str(t) for t in fit.dtypes] == ["str", "int64", "float64", "float64", "float64", "int64"]
    assert fit["iso3"].map(type).eq(str).all()
    assert fit[["iso3", "session"]].equals(fit[["iso3", "session"]].sort_values(["iso3", "session"]))
    assert not fit.duplicated(["iso3", "session"]).any()
    assert fit["iso3"].nunique() == 193 and sorted(fit["session"].unique()) == list(range(68, 77))
    # 193 x 9 = 1,737 less one: the Democratic Republic of the Congo did not vote in any roll call of session 76
    assert len(fit) == 1736
    cod_76 = context[(context["iso3"] == "COD") & (context["session"] == 76)]
    assert len(cod_76) == 78 and cod_76["vote"].eq("X").all()


def test_united_states_and_russia_are_on_opposite_sides_in_every_session(wide):
    assert (wide.loc["USA"] > 0).all() and (wide.loc["RUS"] < 0).all()
    assert (wide.loc["USA"] - wide.loc["RUS"]).min() > 5  # measured: 5.4 (session 69) to 6.6 (74, 75)


def test_the_eu_members_vote_within_a_narrow_band(wide):
    blocs = read("blocs.csv")
    eu = wide.loc[sorted(blocs.loc[blocs["bloc"] == "EU27", "iso3"])]
    assert len(eu) == 27
    band = eu.max() - eu.min()
    # measured: 1.07 (session 68) to 1.59 (76), Cyprus or Malta lowest, France (Germany in 68) highest, on a
    # line whose members span 8.6 to 10.4 (the band at most 15.5 % of the span); every EU member on the
    # positive (Western) side
    assert band.max() < 1.75
    assert (band / (wide.max() - wide.min())).max() < 0.17
    assert (eu > 0).all().all()


def test_orientation_is_the_rule_not_the_coding(context, fit):
    assert fit.attrs["orientation"]["members"] == ["USA"]
    assert fit.loc[fit["iso3"] == "USA", "ideal"].mean() > 0
    # yes and no swapped, oriented by Russia instead: the same line, reversed (the model treats yes and no
    # alike, and the sign comes from the rule alone)
    mirrored = context.assign(vote=context["vote"].map({"Y": "N", "N": "Y", "A": "A", "X": "X"}))
    again = ideal_points(mirrored, orient="RUS")
    assert again.loc[again["iso3"] == "RUS", "ideal"].mean() > 0
    assert np.allclose(again["ideal"], -fit["ideal"], atol=1e-6)
    assert np.allclose(again["upper"], -fit["lower"], atol=1e-6)


def test_every_interval_contains_its_estimate_and_is_wider_with_fewer_votes(fit):
    assert (fit["lower"] < fit["ideal"]).all() and (fit["ideal"] < fit["upper"]).all()
    width = fit["upper"] - fit["lower"]
    assert (width > 0).all()
    # session 68 holds 4 roll calls (March-September 2014), session 73 holds 111; median widths measured
    # 0.90 and 0.54
    by_session = width.groupby(fit["session"]).median()
    assert by_session[68] > 1.4 * by_session[73]
    assert fit.attrs["interval"].startswith("Laplace at the MAP: observed information")


def test_n_votes_counts_the_votes_cast_on_the_roll_calls_used(context, fit):
    # by hand, from ga_context_votes.csv: the United States cast 77 votes in the 78 roll calls of session 76
    # (one X); in session 69 it cast 80 of 81, one of them on A/RES/69/61, adopted 183-0-0, which is dropped
    n = fit.set_index(["iso3", "session"])["n_votes"]
    assert n[("USA", 76)] == 77 and n[("USA", 69)] == 79
    assert fit.attrs["dropped_motions"] == ["A/RES/69/61", "A/RES/71/250", "A/RES/72/162"]
    assert fit.attrs["n_dropped"] == 3
    used = context[~context["motion"].isin(fit.attrs["dropped_motions"]) & context["vote"].ne("X")]
    expected = used.groupby(["iso3", "session"]).size()
    assert n.sort_index().equals(expected.sort_index().astype("int64"))


def test_dropping_a_tenth_of_the_roll_calls_hardly_moves_the_estimates(context, fit):
    motions = np.sort(context["motion"].unique())
    dropped = np.random.default_rng(2014).choice(motions, size=len(motions) // 10, replace=False)
    part = ideal_points(context[~context["motion"].isin(dropped)])
    both = fit.merge(part, on=["iso3", "session"], suffixes=("_all", "_part"))
    # measured for five other random tenths: 0.9976 to 0.9994 (this one: 0.9995, all 1,736 rows kept)
    assert np.corrcoef(both["ideal_all"], both["ideal_part"])[0, 1] >= 0.995
    assert len(both) >= len(fit) - 15  # a member-session whose only votes were dropped has no row


def test_the_united_states_vote_on_es_11_7_is_the_least_expected(fit):
    votes, motions = read("votes.csv"), read("motions.csv")
    es11_7 = votes[votes["motion"] == "A/RES/ES-11/7"].merge(motions[["motion", "date"]], on="motion")
    es11_7["session"] = ga_session(es11_7["date"])
    result = vote_fit(es11_7, fit, "A/RES/ES-11/7")
    assert (result.session, result.motion_session) == (76, 79)  # 2025: the nearest session of the context
    usa = result.members.iloc[0]
    # measured: its 2021 position predicts yes with probability 0.98; it voted no (probability 0.002)
    assert (usa["iso3"], usa["vote"], usa["predicted"]) == ("USA", "N", "Y")
    assert usa["p_yes"] > 0.95 and usa["p_vote"] < 0.01
    assert result.direction == 1  # yes lies towards the Western end


# ---------------------------------------------------------------------------------------------------------------
# Synthetic data drawn from the model
# ---------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic():
    votes, truth, items = simulate_votes(120, 600, 4, missing=0.25, seed=7)
    top = truth.groupby("iso3")["ideal"].mean().idxmax()
    return votes, truth, top, ideal_points(votes, orient=top)


def test_synthetic_positions_are_recovered(synthetic):
    votes, truth, top, fitted = synthetic
    both = fitted.merge(truth, on=["iso3", "session"], suffixes=("", "_true"))
    assert len(both) == 480 and fitted.attrs["converged"]
    assert np.corrcoef(both["ideal"], both["ideal_true"])[0, 1] >= 0.98  # measured 0.993


def test_the_intervals_cover_the_true_points_at_about_their_level(synthetic):
    votes, truth, top, fitted = synthetic
    both = fitted.merge(truth, on=["iso3", "session"], suffixes=("", "_true"))
    slope, intercept = np.polyfit(both["ideal"], both["ideal_true"], 1)  # the model's scale to the true one
    lower, upper = intercept + slope * both["lower"], intercept + slope * both["upper"]
    covered = ((lower <= both["ideal_true"]) & (both["ideal_true"] <= upper)).mean()
    assert 0.85 <= covered <= 0.99  # 90 % intervals; measured 0.96 here, 0.94-0.95 on six other sets


def test_the_same_votes_in_any_row_order_give_the_same_output(synthetic):
    votes, truth, top, fitted = synthetic
    shuffled = votes.sample(frac=1.0, random_state=3).reset_index(drop=True)
    pd.testing.assert_frame_equal(ideal_points(shuffled, orient=top), fitted, check_exact=True)


def test_orient_sets_the_sign_by_the_named_members(synthetic):
    votes, truth, top, fitted = synthetic
    small = votes[votes["iso3"].isin(sorted(votes["iso3"].unique())[:40]) & votes["session"].le(2)]
    bottom = truth[truth["iso3"].isin(small["iso3"])].groupby("iso3")["ideal"].mean().idxmin()
    up, down = ideal_points(small, orient=bottom), ideal_points(small, orient=[bottom, bottom])
    assert up.loc[up["iso3"] == bottom, "ideal"].mean() > 0
    assert np.array_equal(up["ideal"], down["ideal"])
    unoriented = ideal_points(small, orient=None)
    assert np.array_equal(np.abs(unoriented["ideal"]), np.abs(up["ideal"]))


def test_a_unanimous_roll_call_is_dropped_and_changes_nothing(synthetic):
    votes, truth, top, fitted = synthetic
    members = votes["iso3"].unique()
    unanimous = pd.DataFrame({"motion": "S2/unanimous", "iso3": members, "vote": "Y", "session": 2})
    unanimous.loc[:4, "vote"] = "X"
    with_it = ideal_points(pd.concat([votes, unanimous], ignore_index=True), orient=top)
    assert fitted.attrs["dropped_motions"] == ["S4/00472"]  # a synthetic roll call that came out all yes
    assert with_it.attrs["dropped_motions"] == ["S2/unanimous", "S4/00472"] and with_it.attrs["n_dropped"] == 2
    pd.testing.assert_frame_equal(with_it, fitted, check_exact=True)


def test_vote_fit_recovers_a_known_cut_and_finds_the_planted_surprise(synthetic):
    votes, truth, top, fitted = synthetic
    positions = fitted[fitted["session"] == 4].set_index("iso3")["ideal"]
    rng = np.random.default_rng(11)
    b, k1, k2 = 4.0, -2.0, 1.0  # cut points on the line: k1 / b = -0.5 (no | abstain), k2 / b = 0.25
    p_no = 1 / (1 + np.exp(-(k1 - b * positions)))
    p_low = 1 / (1 + np.exp(-(k2 - b * positions)))
    u = rng.random(len(positions))
    vote = np.where(u < p_no, "N", np.where(u < p_low, "A", "Y"))
    surprise = positions.idxmax()
    vote[positions.index.get_loc(surprise)] = "N"
    new = pd.DataFrame({"motion": "later", "iso3": positions.index, "vote": vote, "session": 9})
    result = vote_fit(new, fitted, "later")
    assert isinstance(result, VoteFit)
    assert (result.session, result.motion_session, result.direction) == (4, 9, 1)
    assert abs(result.cut_no - k1 / b) < 0.15 and abs(result.cut_yes - k2 / b) < 0.15
    # the share a classifier that knew the true parameters would get right (its most probable vote)
    best = np.maximum.reduce([p_no, p_low - p_no, 1 - p_low]).mean()
    assert abs(result.correct - best) < 0.06
    assert result.correct == (result.members["predicted"] == result.members["vote"]).mean()
    first = result.members.iloc[0]
    assert (first["iso3"], first["vote"], first["predicted"]) == (surprise, "N", "Y")
    table = result.members
    assert list(table.columns) == ["iso3", "vote", "ideal", "p_vote", "p_yes", "p_abstain", "p_no", "predicted"]
    assert [str(t) for t in table.dtypes] == ["str", "str"] + ["float64"] * 5 + ["str"]
    assert table["p_vote"].is_monotonic_increasing
    assert np.allclose(table[["p_yes", "p_abstain", "p_no"]].sum(axis=1), 1)
    given = vote_fit(new, fitted, "later", session=3)
    assert given.session == 3 and given.session_rule == "given"


def test_the_gradient_and_the_newton_step_are_exact():
    votes, _, _ = simulate_votes(12, 24, 2, seed=5)
    votes.loc[(votes["iso3"] == "M001") & (votes["session"] == 1), "vote"] = "X"  # a session carried by the prior
    problem = ideal_module._Problem(votes, ideal_module.PRIORS)
    with ideal_module._one_blas_thread():  # as ideal_points runs it (many small factorisations)
        _check_derivatives(problem)


def _check_derivatives(problem):
    x, theta, _ = ideal_module._fit(problem, 1e-10, 100)
    rng = np.random.default_rng(0)
    x, theta = x + rng.normal(scale=0.05, size=x.shape), theta + rng.normal(scale=0.05, size=theta.shape)
    flat = np.concatenate([x, theta.ravel()])

    def logpost(v):
        return ideal_module._log_posterior(problem, v[:problem.M], v[problem.M:].reshape(-1, 3))

    def gradient(v):
        grad_x, grad_t, *_ = ideal_module._system(problem, v[:problem.M], v[problem.M:].reshape(-1, 3))
        return np.concatenate([grad_x, grad_t.ravel()])

    steps = np.eye(len(flat))
    numeric = np.array([(logpost(flat + 1e-6 * e) - logpost(flat - 1e-6 * e)) / 2e-6 for e in steps])
    assert np.abs(numeric - gradient(flat)).max() < 1e-5
    # near the mode, the blockwise Newton step equals a dense solve with the numeric Hessian
    hessian = np.array([(gradient(flat + 1e-5 * e) - gradient(flat - 1e-5 * e)) / 2e-5 for e in steps])
    dense = np.linalg.solve(-(hessian + hessian.T) / 2, gradient(flat))
    dx, dtheta, _ = ideal_module._newton_step(problem, x, theta, observed=True)
    assert np.abs(np.concatenate([dx, dtheta.ravel()]) - dense).max() < 1e-4 * np.abs(dense).max()


# ---------------------------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------------------------

TINY = pd.DataFrame({"motion": ["m1"] * 3 + ["m2"] * 3, "iso3": ["USA", "FRA", "RUS"] * 2,
                     "vote": ["Y", "Y", "N", "N", "A", "Y"], "session": 76})


@pytest.mark.parametrize(("votes", "message"), [
    (TINY.drop(columns="session"), r"missing column\(s\) \['session'\]"),
    (TINY.assign(vote=["Y", "y", "N", "N", "A", "Y"]), r"unknown vote code 'y' \(m1, FRA\)"),
    (TINY.assign(vote=["Y", "Y", "N", "N", None, "NV"]), r"unknown vote code nan \(m2, FRA\).*'NV', nan in 2"),
    (pd.concat([TINY, TINY.iloc[[4]]]), r"member FRA appears more than once in motion m2"),
    (TINY.assign(vote="Y"), r"no usable votes: none of the 2 motion\(s\) has two kinds of vote"),
    (TINY.assign(vote=["Y", "Y", "Y", "X", "X", "X"]), r"no usable votes"),
    (TINY.iloc[:0], r"no usable votes: the table is empty"),
    (TINY.assign(session=[76, 76, 76.5, 76, 76, 76]), r"session must be a whole number, got 76.5 \(m1, RUS\)"),
    (TINY.assign(session=[76, 76, 77, 76, 76, 76]), r"motion m1 has rows in more than one session: \[76, 77\]"),
    (TINY.assign(iso3=["USA", "", "RUS"] * 2), r"empty iso3 in row 1"),
])
def test_ideal_points_refuses_bad_votes_naming_the_value(votes, message):
    with pytest.raises(ValueError, match=message):
        ideal_points(votes)


def test_ideal_points_refuses_an_absent_orientation_member_and_bad_settings():
    with pytest.raises(ValueError, match=r"orientation member\(s\) \['GBR'\] not among the members"):
        ideal_points(TINY, orient="GBR")
    with pytest.raises(ValueError, match=r"level must be between 0 and 1, got 90"):
        ideal_points(TINY, level=90)
    with pytest.raises(ValueError, match=r"unknown prior\(s\) \['drift'\]"):
        ideal_points(TINY, priors={"drift": 0.1})
    with pytest.raises(ValueError, match=r"drift_sd \(1.5\) must be below scale_sd \(1.0\)"):
        ideal_points(TINY, priors={"drift_sd": 1.5})


def test_vote_fit_refuses_an_unknown_motion_a_unanimous_one_and_an_uncovered_session():
    ideal = ideal_points(TINY)
    with pytest.raises(ValueError, match=r"motion 'A/RES/99/1' is not in the votes table"):
        vote_fit(TINY, ideal, "A/RES/99/1")
    unanimous = TINY.iloc[:3].assign(motion="m3", vote="Y")
    with pytest.raises(ValueError, match=r"motion 'm3' has only one kind of vote \(Y\) among the 3 members"):
        vote_fit(unanimous, ideal, "m3")
    with pytest.raises(ValueError, match=r"session 80 is not in the ideal table \(it covers 76-76\)"):
        vote_fit(TINY, ideal, "m1", session=80)
    with pytest.raises(ValueError, match=r"the votes have no session column; pass session="):
        vote_fit(TINY.drop(columns="session"), ideal, "m1")
    with pytest.raises(ValueError, match=r"vote_fit: ideal: missing column\(s\) \['ideal'\]"):
        vote_fit(TINY, ideal.drop(columns="ideal"), "m1")
    with pytest.raises(ValueError, match=r"vote_fit: ideal: member FRA appears more than once in session 76"):
        vote_fit(TINY, pd.concat([ideal, ideal.iloc[[0]]]), "m1")


def test_the_benchmark_runs_and_reports_every_case(capsys):
    sys.path.insert(0, str(DATA.parent / "benchmarks"))
    import bench_ideal

    results = bench_ideal.main(["--repeat", "1", "--members", "30", "--motions", "120", "--sessions", "3",
                                "--no-context"])
    assert set(results) == {"synthetic 30 x 120: SVD", "  of which the SVD itself",
                            "synthetic 30 x 120: ideal_points"}
    assert 0.9 < results["synthetic 30 x 120: ideal_points"]["recovery"] <= 1
    assert "x SVD" in capsys.readouterr().out


def test_the_docstring_examples_hold():
    for module in (ideal_module, sessions):
        assert doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0
