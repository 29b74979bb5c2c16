"""One-dimensional ideal points of General Assembly members, session by session, and where one roll call cuts.

``ideal_points(votes)`` fits a dynamic ordered-logit item-response model to recorded votes (yes > abstain > no,
non-voting missing) by maximum a posteriori, with a Laplace (curvature) interval per estimate;
``vote_fit(votes, ideal, motion)`` places one roll call (possibly from a later session) on that line.

This module imports only numpy, pandas and scipy. Errors are ``ValueError`` naming the offending value.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
from collections.abc import Iterable

import numpy as np
import pandas as pd
import scipy.linalg
from scipy.special import expit, ndtri

__all__ = ["ideal_points", "vote_fit", "VoteFit", "simulate_votes", "PRIORS"]

#: Vote codes: the ordered outcome (no < abstain < yes) and non-voting, which is treated as missing.
OUTCOME = {"N": 0, "A": 1, "Y": 2}
MISSING = "X"

#: The model's priors (standard deviations, and the random walk's innovation per session). See ideal_points.
PRIORS = {
    "scale_sd": 1.0,           # every member-session: x ~ N(0, 1) (the stationary law of the AR(1) below)
    "drift_sd": 0.25,          # one session to the next: x[s+1] = rho x[s] + N(0, 0.25**2), rho = sqrt(1 - 0.25**2)
    "discrimination_sd": 2.5,  # b_j ~ N(0, 2.5**2)
    "midpoint_sd": 5.0,        # (k1_j + k2_j) / 2 ~ N(0, 5**2)
    "log_gap_sd": 2.0,         # log(k2_j - k1_j) ~ N(0, 2**2)
}
_REQUIRED = ("motion", "iso3", "vote", "session")


@contextlib.contextmanager
def _one_blas_thread():
    """Run OpenBLAS (numpy's and scipy's copies) on one thread inside the block, then restore its setting.

    The fit's dense algebra is small (one member x member block per session, about 193 x 193), where a second
    BLAS thread gains nothing; on a machine whose cores are busy, OpenBLAS's waiting threads made a 193 x 193
    Cholesky factorisation 20 times slower (6 ms instead of 0.3 ms, measured here). Found through the process's
    memory map (Linux); elsewhere, or for another BLAS, this does nothing. The setting is process-wide: other
    threads of the process that use BLAS meanwhile run on one thread too.
    """
    controls = []
    try:
        with open("/proc/self/maps") as maps:
            paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line})
    except OSError:
        paths = []
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas", "64_"), ("scipy_openblas", ""), ("openblas", "64_"),
                               ("openblas", "")):
            get = getattr(library, f"{prefix}_get_num_threads{suffix}", None)
            put = getattr(library, f"{prefix}_set_num_threads{suffix}", None)
            if get is not None and put is not None:
                controls.append((put, int(get())))
                put(1)
                break
    try:
        yield
    finally:
        for put, threads in controls:
            put(threads)


# ---------------------------------------------------------------------------------------------------------------
# Input checks
# ---------------------------------------------------------------------------------------------------------------

def _check_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {missing}; the table has {list(frame.columns)}")


class _Coded:
    """The votes as integer codes: ``motion`` and ``member`` index the sorted ``motions`` and ``members``
    (so code order is alphabetical order), ``vote`` is 0 no, 1 abstain, 2 yes, 3 did not vote, ``session``
    the session of each row (None if not asked for)."""

    def __init__(self, votes: pd.DataFrame, what: str, with_session: bool):
        self.motion, self.motions = _factorize(votes["motion"], "motion", what)
        self.member, self.members = _factorize(votes["iso3"], "iso3", what)
        vote_codes, vote_values = pd.factorize(votes["vote"], use_na_sentinel=True)
        lookup = {**OUTCOME, MISSING: 3}
        known = np.array([isinstance(v, str) and v in lookup for v in vote_values], bool)
        if (vote_codes < 0).any() or not known.all():
            bad_rows = np.flatnonzero((vote_codes < 0) | ~known[np.maximum(vote_codes, 0)])
            i = int(bad_rows[0])
            unknown = sorted({repr(v) for v in vote_values[~known]} | ({"nan"} if (vote_codes < 0).any() else set()))
            raise ValueError(f"{what}: unknown vote code {votes['vote'].iloc[i]!r} ({self.motions[self.motion[i]]}, "
                             f"{self.members[self.member[i]]}); codes must be Y, N, A or X; unknown: "
                             f"{', '.join(unknown[:10])} in {len(bad_rows)} rows")
        self.vote = np.array([lookup[v] for v in vote_values], np.int8)[vote_codes]
        key = np.sort(self.motion.astype(np.int64) * len(self.members) + self.member)
        repeated = key[1:][key[1:] == key[:-1]]
        if len(repeated):
            motion, member = divmod(int(repeated[0]), len(self.members))
            raise ValueError(f"{what}: member {self.members[member]} appears more than once in motion "
                             f"{self.motions[motion]} ({len(np.unique(repeated))} member-motion pairs repeated)")
        self.session = self.motion_session = None
        if with_session:
            raw = votes["session"]
            numeric = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            bad = ~np.isfinite(numeric) | (numeric != np.round(numeric))
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                value = raw.iloc[i]
                shown = repr(value) if isinstance(value, str) else str(value)
                raise ValueError(f"{what}: session must be a whole number, got {shown} "
                                 f"({self.motions[self.motion[i]]}, {self.members[self.member[i]]})")
            self.session = numeric.astype(np.int64)
            span = pd.Series(self.session).groupby(self.motion).agg(["min", "max"])
            if (span["min"] != span["max"]).any():
                motion = int(span.index[(span["min"] != span["max"]).to_numpy()][0])
                found = sorted(np.unique(self.session[self.motion == motion]).tolist())
                raise ValueError(f"{what}: motion {self.motions[motion]} has rows in more than one session: {found}")
            self.motion_session = span["min"].reindex(range(len(self.motions))).to_numpy(dtype=np.int64)


def _factorize(column: pd.Series, name: str, what: str):
    codes, uniques = pd.factorize(column, sort=True, use_na_sentinel=True)
    labels = np.array([str(u) for u in uniques], dtype=object)
    blank = np.array([label.strip() == "" for label in labels], bool)
    if (codes < 0).any() or blank.any():
        rows = np.flatnonzero((codes < 0) | blank[np.maximum(codes, 0)])
        raise ValueError(f"{what}: empty {name} in row {int(rows[0])} ({len(rows)} rows)")
    return codes.astype(np.intp), labels


# ---------------------------------------------------------------------------------------------------------------
# The likelihood of one vote: P(no) = s(k1 - b x), P(no or abstain) = s(k2 - b x), s the logistic function,
# k1 = m - g/2, k2 = m + g/2, g = exp(d). Observations are kept sorted by outcome (no, abstain, yes), so that
# each outcome's terms are computed on a slice; everything is vectorised.
# ---------------------------------------------------------------------------------------------------------------

def _item_terms(theta):
    """Per roll call: k1, k2, log(1 - exp(-g)), 1 / (exp(g) - 1) and g, from theta = (b, m, d)."""
    with np.errstate(over="ignore", divide="ignore"):  # a trial step's extreme gap (inf or 0): -inf log-probability
        # for an abstention (the step is refused), 1 / expm1 -> 0 or inf, the limits
        gap = np.exp(theta[:, 2])
        return theta[:, 1] - gap / 2, theta[:, 1] + gap / 2, np.log(-np.expm1(-gap)), 1.0 / np.expm1(gap), gap


def _loglik(eta, k1, k2, log_open, n_no, n_abst):
    """The log-probability of each vote cast (``eta`` = b x and the item terms gathered per observation)."""
    out = np.empty_like(eta)
    no, ab, yes = slice(0, n_no), slice(n_no, n_no + n_abst), slice(n_no + n_abst, None)
    out[no] = -np.logaddexp(0.0, eta[no] - k1[no])                 # log s(k1 - eta)
    out[yes] = -np.logaddexp(0.0, k2[yes] - eta[yes])              # log s(eta - k2)
    out[ab] = (-np.logaddexp(0.0, eta[ab] - k2[ab]) - np.logaddexp(0.0, k1[ab] - eta[ab]) + log_open[ab])
    return out


def _scores_info(eta, k1, k2, inv_em1, n_no, n_abst, observed=False):
    """Derivatives of each vote's log-probability with respect to u1 = k1 - eta and u2 = k2 - eta (g1, g2), and
    its information in (u1, u2), combined as a = G11 + 2 G12 + G22 (a common shift of both), c = (G22 - G11) / 2
    and e = G11 - 2 G12 + G22: the expected (Fisher) information, which does not depend on the vote cast, or
    with ``observed`` the observed information (minus the second derivatives)."""
    no, ab, yes = slice(0, n_no), slice(n_no, n_no + n_abst), slice(n_no + n_abst, None)
    p1 = expit(k1 - eta)                   # P(no)
    p2 = expit(k2 - eta)                   # P(no or abstain)
    q1, q2 = 1.0 - p1, 1.0 - p2
    g1 = np.zeros_like(eta)
    g2 = np.zeros_like(eta)
    g1[no] = q1[no]
    g1[ab] = -p1[ab] - inv_em1[ab]
    g2[ab] = q2[ab] + inv_em1[ab]
    g2[yes] = -p2[yes]
    f1, f2 = p1 * q1, p2 * q2
    if observed:
        a, c, e = np.empty_like(eta), np.empty_like(eta), np.empty_like(eta)
        a[no], c[no], e[no] = f1[no], -f1[no] / 2, f1[no]
        a[yes], c[yes], e[yes] = f2[yes], f2[yes] / 2, f2[yes]
        h = inv_em1[ab] * (1.0 + inv_em1[ab])  # e^g / (e^g - 1)^2: the curvature of log(1 - e^-(u2 - u1))
        a[ab], c[ab], e[ab] = f1[ab] + f2[ab], (f2[ab] - f1[ab]) / 2, f1[ab] + f2[ab] + 4 * h
        return g1, g2, a, c, e
    p_abst = np.maximum(p2 * q1 * -np.expm1(k1 - k2), 1e-300)  # s(u2) s(-u1) (1 - e^-g), accurate in the tails
    end1 = f1 * q1                         # f1**2 / P(no)
    end2 = f2 * p2                         # f2**2 / P(yes)
    a = end1 + end2 + (f1 - f2) ** 2 / p_abst
    c = ((f2 - f1) * (f2 + f1) / p_abst + end2 - end1) / 2
    e = end1 + end2 + (f1 + f2) ** 2 / p_abst
    return g1, g2, a, c, e


def _probabilities(eta, m, gap):
    """P(no), P(abstain), P(yes) for linear predictors ``eta`` (arrays broadcast)."""
    p_no = expit(m - gap / 2 - eta)
    p_yes = expit(eta - m - gap / 2)
    return p_no, np.clip(1.0 - p_no - p_yes, 0.0, 1.0), p_yes


def _priors(priors, what):
    unknown = set(priors or {}) - set(PRIORS)
    if unknown:
        raise ValueError(f"{what}: unknown prior(s) {sorted(unknown)}; known: {sorted(PRIORS)}")
    prior = {**PRIORS, **(priors or {})}
    bad = {k: v for k, v in prior.items() if not (isinstance(v, (int, float)) and np.isfinite(v) and v > 0)}
    if bad:
        raise ValueError(f"{what}: priors must be positive numbers, got {bad}")
    if prior["drift_sd"] >= prior["scale_sd"]:
        raise ValueError(f"{what}: drift_sd ({prior['drift_sd']}) must be below scale_sd ({prior['scale_sd']})")
    return prior


def _item_prior(theta, priors):
    b, m, d = theta[:, 0], theta[:, 1], theta[:, 2]
    sb, sm, sd = priors["discrimination_sd"], priors["midpoint_sd"], priors["log_gap_sd"]
    logp = -(b / sb) ** 2 / 2 - (m / sm) ** 2 / 2 - (d / sd) ** 2 / 2
    grad = np.stack([-b / sb ** 2, -m / sm ** 2, -d / sd ** 2], axis=1)
    prec = np.array([1 / sb ** 2, 1 / sm ** 2, 1 / sd ** 2])
    return logp, grad, prec


def _item_gradient_info(x_obs, item, n_items, theta, terms, g1, g2, a, c, e):
    """Per roll call: the log-likelihood gradient in (b, m, d), the 3x3 information blocks, and the per-vote
    cross-information with the voter's position, B = (b x a, -b a, -b g c) (the x row of the 4x4 block)."""
    gap = terms[4][item]
    b = theta[item, 0]
    gs = g1 + g2
    grad = np.stack([np.bincount(item, -x_obs * gs, n_items), np.bincount(item, gs, n_items),
                     np.bincount(item, gap / 2 * (g2 - g1), n_items)], axis=1)
    gc = gap * c
    info = np.empty((n_items, 3, 3))
    for (i, j), v in {(0, 0): x_obs * x_obs * a, (0, 1): -x_obs * a, (0, 2): -x_obs * gc,
                      (1, 1): a, (1, 2): gc, (2, 2): gap * gap * e / 4}.items():
        info[:, i, j] = info[:, j, i] = np.bincount(item, v, n_items)
    return grad, info, b, gs, gc


def _fit_items(x_obs, item, y, n_items, priors, theta=None, *, tol=1e-10, max_iter=100):
    """MAP of each roll call's (b, m, d) with the voters' positions ``x_obs`` fixed: a 3x3 Fisher-scoring step
    per roll call, halved for that roll call until its log posterior rises. Returns (theta, iterations)."""
    order = np.argsort(y, kind="stable")
    x_obs, item, y = x_obs[order], item[order], y[order]
    n_no, n_abst = int(np.sum(y == 0)), int(np.sum(y == 1))
    if theta is None:
        share_yes = np.bincount(item, y == 2, n_items) + 0.5
        share_no = np.bincount(item, y == 0, n_items) + 0.5
        theta = np.zeros((n_items, 3))
        theta[:, 1] = np.log(share_no / share_yes) / 2  # midpoint from the margins, b = 0, gap 1
    prior_prec = _item_prior(theta, priors)[2]

    def logpost(th):
        k1, k2, log_open, _, _ = _item_terms(th)
        loglik = _loglik(th[item, 0] * x_obs, k1[item], k2[item], log_open[item], n_no, n_abst)
        return np.bincount(item, loglik, n_items) + _item_prior(th, priors)[0]

    current = logpost(theta)
    for iteration in range(1, max_iter + 1):
        terms = _item_terms(theta)
        eta = theta[item, 0] * x_obs
        g1, g2, a, c, e = _scores_info(eta, terms[0][item], terms[1][item], terms[3][item], n_no, n_abst)
        grad, info, *_ = _item_gradient_info(x_obs, item, n_items, theta, terms, g1, g2, a, c, e)
        grad += _item_prior(theta, priors)[1]
        info[:, [0, 1, 2], [0, 1, 2]] += prior_prec
        step = np.linalg.solve(info, grad[:, :, None])[:, :, 0]
        if np.einsum("jk,jk->j", grad, step).max() < tol:
            return theta, iteration - 1
        t = np.ones(n_items)
        for _ in range(40):
            trial = theta + t[:, None] * step
            new = logpost(trial)
            worse = ~(new >= current)
            if not worse.any():
                break
            t[worse] /= 2
        else:
            trial[worse], new[worse] = theta[worse], current[worse]
        theta, current = trial, new
    return theta, max_iter


# ---------------------------------------------------------------------------------------------------------------
# The fit's index arrays, its log posterior, and the Newton / Fisher-scoring step
# ---------------------------------------------------------------------------------------------------------------

class _Problem:
    """A fit's index arrays. Member-sessions are sorted by (session, iso3), and each member has one for every
    session of the data from its first session with votes to its last (a session without a vote of its own is
    carried by the prior alone and not reported); roll calls are sorted by (session, motion); votes cast by
    outcome (no, abstain, yes), then session, motion, iso3."""

    def __init__(self, votes: pd.DataFrame, priors: dict):
        coded = _Coded(votes, "ideal_points", with_session=True)
        n_motions = len(coded.motions)
        if n_motions == 0:
            raise ValueError("ideal_points: no usable votes: the table is empty")
        cast = coded.vote < 3
        kinds = np.zeros((n_motions, 3), bool)
        kinds[coded.motion[cast], coded.vote[cast]] = True
        informative = kinds.sum(axis=1) >= 2
        self.dropped = coded.motions[~informative].tolist()
        if not informative.any():
            raise ValueError(f"ideal_points: no usable votes: none of the {n_motions} motion(s) has two kinds of "
                             f"vote among Y, A, N (e.g. {coded.motions[0]!r})")
        keep = np.flatnonzero(cast & informative[coded.motion])
        y, motion, member, session = coded.vote[keep], coded.motion[keep], coded.member[keep], coded.session[keep]
        order = np.lexsort((member, motion, session, y))  # by outcome, then session, motion, iso3
        y, motion, member, session = y[order], motion[order], member[order], session[order]

        sessions = np.unique(session)
        codes = coded.members
        position = np.searchsorted(sessions, session)
        lo = np.full(len(codes), len(sessions))
        hi = np.full(len(codes), -1)
        np.minimum.at(lo, member, position)
        np.maximum.at(hi, member, position)
        span = np.zeros((len(sessions), len(codes)), bool)      # [session position, member]: has a parameter
        for k in range(len(sessions)):
            span[k] = (lo <= k) & (k <= hi)
        ms_pos, ms_member = np.nonzero(span)                     # sorted by session, then member (iso3)
        index = np.full(span.shape, -1)
        index[ms_pos, ms_member] = np.arange(len(ms_pos))
        self.M = len(ms_pos)
        self.member_codes, self.member_of = codes, ms_member
        self.ms_session = sessions[ms_pos]
        self.ms = index[position, member].astype(np.intp)

        used = np.flatnonzero(informative)
        used = used[np.lexsort((used, coded.motion_session[used]))]  # roll calls by session, then motion
        self.items = pd.DataFrame({"session": coded.motion_session[used], "motion": coded.motions[used]})
        self.J = len(used)
        item_of_motion = np.full(n_motions, -1, np.intp)
        item_of_motion[used] = np.arange(self.J)
        self.item = item_of_motion[motion]
        self.y = y
        self.n_no, self.n_abst = int(np.sum(y == 0)), int(np.sum(y == 1))
        self.n_obs = len(y)
        self.n_votes = np.bincount(self.ms, minlength=self.M)

        prv, nxt = self._set_prior(index, span, sessions, priors)
        self._set_blocks(sessions, prv, nxt)
        self.priors = priors

    def _set_prior(self, index: np.ndarray, span: np.ndarray, sessions: np.ndarray,
                   priors: dict) -> tuple[np.ndarray, np.ndarray]:
        """The members' random-walk prior; returns each linked pair of member-sessions (previous, next)."""
        # the prior: stationary AR(1), x ~ N(0, s^2) in each session, x[b] | x[a] ~ N(r x[a], v) from a member's
        # session a to its next session b, r = rho^k, v = s^2 (1 - rho^2k), k sessions apart
        s0, tau = priors["scale_sd"], priors["drift_sd"]
        rho = np.sqrt(1.0 - (tau / s0) ** 2)
        nxt = index[1:][span[:-1] & span[1:]]                     # member-sessions with a predecessor
        prv = index[:-1][span[:-1] & span[1:]]
        gap = (sessions[1:, None] - sessions[:-1, None] + np.zeros(span[1:].shape, int))[span[:-1] & span[1:]]
        self.rw_a, self.rw_b = prv, nxt
        self.rw_r = rho ** gap
        self.rw_w = 1.0 / (s0 ** 2 * (1.0 - rho ** (2 * gap)))
        self.first = np.ones(self.M, bool)
        self.first[nxt] = False
        self.prior_diag = np.where(self.first, 1 / s0 ** 2, 0.0)
        self.prior_diag[nxt] += self.rw_w
        self.prior_diag[prv] += self.rw_w * self.rw_r ** 2

        return prv, nxt

    def _set_blocks(self, sessions: np.ndarray, prv: np.ndarray, nxt: np.ndarray) -> None:
        """The session blocks of the Newton system and the links between consecutive blocks."""
        # session blocks of the system: member-sessions [ms0, ms1), roll calls [it0, it1), the votes cast
        self.blocks = []
        item_session = self.items["session"].to_numpy()
        obs_session = item_session[self.item]
        for k, s in enumerate(sessions):
            ms0, ms1 = np.searchsorted(self.ms_session, [s, s + 1])
            it0, it1 = np.searchsorted(item_session, [s, s + 1])
            obs = np.flatnonzero(obs_session == s)
            flat = ((self.ms[obs] - ms0) * (3 * (it1 - it0)) + 3 * (self.item[obs] - it0))[:, None] + np.arange(3)
            self.blocks.append((ms0, ms1, it1 - it0, obs, flat))
        self.links = []                                           # coupling of block k with block k+1
        for k in range(len(sessions) - 1):
            ms0, ms1 = self.blocks[k][:2]
            nx0 = self.blocks[k + 1][0]
            sel = (prv >= ms0) & (prv < ms1)
            self.links.append((prv[sel] - ms0, nxt[sel] - nx0, -(self.rw_w * self.rw_r)[sel]))


def _member_prior(P: _Problem, x):
    resid = x[P.rw_b] - P.rw_r * x[P.rw_a]
    logp = -np.sum(x[P.first] ** 2) / (2 * P.priors["scale_sd"] ** 2) - np.sum(P.rw_w * resid ** 2) / 2
    grad = np.where(P.first, -x / P.priors["scale_sd"] ** 2, 0.0)
    grad[P.rw_b] -= P.rw_w * resid                   # each member-session has at most one successor and one
    grad[P.rw_a] += P.rw_w * P.rw_r * resid          # predecessor: no repeated index
    return logp, grad


def _log_posterior(P: _Problem, x, theta):
    k1, k2, log_open, _, _ = _item_terms(theta)
    it = P.item
    loglik = _loglik(theta[it, 0] * x[P.ms], k1[it], k2[it], log_open[it], P.n_no, P.n_abst)
    return loglik.sum() + _item_prior(theta, P.priors)[0].sum() + _member_prior(P, x)[0]


def _system(P: _Problem, x, theta, observed=False):
    """Gradient of the log posterior and its curvature H, reduced to the ideal points.

    H is the Fisher information plus the prior's precision, or with ``observed`` minus the Hessian of the log
    posterior (not always positive definite away from the mode: then numpy or scipy raise LinAlgError).
    H = [[A, B], [B', D]] over (member-session ideal points, roll-call parameters (b, m, d)). The roll-call
    blocks D are 3x3, so they are eliminated: S = A - B D^-1 B' is the precision of the ideal points with the
    roll calls' parameters integrated out. S is block tridiagonal by session (a roll call's votes all lie in its
    session; the prior couples a member's consecutive sessions); it is returned as its blocks' Cholesky
    factors. Returns (grad_x, grad_theta, Dinv, B, factors).
    """
    xo = x[P.ms]
    terms = _item_terms(theta)
    it = P.item
    g1, g2, a, c, e = _scores_info(theta[it, 0] * xo, terms[0][it], terms[1][it], terms[3][it], P.n_no, P.n_abst,
                                   observed)
    grad_t, D, b, gs, gc = _item_gradient_info(xo, it, P.J, theta, terms, g1, g2, a, c, e)
    _, gt_prior, prec = _item_prior(theta, P.priors)
    grad_t += gt_prior
    D[:, [0, 1, 2], [0, 1, 2]] += prec
    grad_x = np.bincount(P.ms, -b * gs, P.M) + _member_prior(P, x)[1]
    diag_x = np.bincount(P.ms, b * b * a, P.M) + P.prior_diag
    B = np.stack([b * xo * a, -b * a, -b * gc], axis=1)
    if observed:  # the second derivatives of u = k - b x (in x and b) and of k = m -/+ e^d / 2 (in d)
        B[:, 0] += gs
        D[:, 2, 2] += np.bincount(it, terms[4][it] / 2 * (g1 - g2), P.J)

    L = np.linalg.cholesky(D)
    Linv = np.linalg.inv(L)                                   # D^-1 = Linv' Linv, Linv lower triangular
    Li = Linv[it]
    W = np.stack([Li[:, 0, 0] * B[:, 0],                      # rows of B Linv'
                  Li[:, 1, 0] * B[:, 0] + Li[:, 1, 1] * B[:, 1],
                  Li[:, 2, 0] * B[:, 0] + Li[:, 2, 1] * B[:, 1] + Li[:, 2, 2] * B[:, 2]], axis=1)
    diagonal_blocks = []
    for ms0, ms1, n_items, obs, flat in P.blocks:
        dense = np.zeros((ms1 - ms0) * 3 * n_items)
        dense[flat] = W[obs]
        dense = dense.reshape(ms1 - ms0, 3 * n_items)
        block = -(dense @ dense.T)
        block[np.diag_indices_from(block)] += diag_x[ms0:ms1]
        diagonal_blocks.append(block)
    factors = _block_cholesky(P, diagonal_blocks)
    Dinv = np.einsum("jki,jkl->jil", Linv, Linv)
    return grad_x, grad_t, Dinv, B, factors


def _block_cholesky(P: _Problem, diagonal_blocks):
    """S = L L' for block-tridiagonal S: L's diagonal blocks L_k and E_k = L_k^-1 C_k (C_k couples k, k+1)."""
    Ls, Es = [], []
    current = diagonal_blocks[0]
    for k in range(len(diagonal_blocks)):
        L = scipy.linalg.cholesky(current, lower=True, check_finite=False)
        Ls.append(L)
        if k + 1 < len(diagonal_blocks):
            rows, cols, values = P.links[k]
            C = np.zeros((L.shape[0], diagonal_blocks[k + 1].shape[0]))
            C[rows, cols] = values
            E = scipy.linalg.solve_triangular(L, C, lower=True, check_finite=False)
            Es.append(E)
            current = diagonal_blocks[k + 1] - E.T @ E
    return Ls, Es


def _block_solve(P: _Problem, factors, r):
    Ls, Es = factors
    bounds = [(blk[0], blk[1]) for blk in P.blocks]
    ys = []
    for k, (ms0, ms1) in enumerate(bounds):
        rhs = r[ms0:ms1] - (Es[k - 1].T @ ys[k - 1] if k else 0.0)
        ys.append(scipy.linalg.solve_triangular(Ls[k], rhs, lower=True, check_finite=False))
    z = np.empty_like(r)
    after = None
    for k in range(len(bounds) - 1, -1, -1):
        ms0, ms1 = bounds[k]
        rhs = ys[k] - (Es[k] @ after if after is not None else 0.0)
        after = scipy.linalg.solve_triangular(Ls[k], rhs, lower=True, trans="T", check_finite=False)
        z[ms0:ms1] = after
    return z


def _block_inverse_diagonal(P: _Problem, factors):
    """diag(S^-1) by the block recursion S^-1_kk = L_k^-T (L_k^-1 - E_k S^-1_{k+1,k})."""
    Ls, Es = factors
    out = np.empty(P.M)
    after = None
    for k in range(len(Ls) - 1, -1, -1):
        ms0, ms1 = P.blocks[k][:2]
        Linv = scipy.linalg.solve_triangular(Ls[k], np.eye(Ls[k].shape[0]), lower=True, check_finite=False)
        if after is None:
            sigma = Linv.T @ Linv
        else:
            cross = -Linv.T @ (Es[k] @ after)                 # S^-1_{k,k+1}
            sigma = Linv.T @ (Linv - Es[k] @ cross.T)
        out[ms0:ms1] = np.diag(sigma)
        after = sigma
    return out


def _newton_step(P: _Problem, x, theta, observed=False):
    """The Newton (``observed``) or Fisher-scoring direction (dx, dtheta) = H^-1 grad, and the predicted gain
    grad' H^-1 grad."""
    grad_x, grad_t, Dinv, B, factors = _system(P, x, theta, observed)
    Dinv_gt = np.einsum("jkl,jl->jk", Dinv, grad_t)
    r = grad_x - np.bincount(P.ms, np.einsum("ok,ok->o", B, Dinv_gt[P.item]), P.M)
    dx = _block_solve(P, factors, r)
    dxo = dx[P.ms]
    BT_dx = np.stack([np.bincount(P.item, B[:, k] * dxo, P.J) for k in range(3)], axis=1)
    dtheta = np.einsum("jkl,jl->jk", Dinv, grad_t - BT_dx)
    gain = float(grad_x @ dx + np.sum(grad_t * dtheta))
    return dx, dtheta, gain


def _fit(P: _Problem, tol: float, max_iter: int):
    """The posterior mode from the principal-component start: Newton steps (the observed information), Fisher
    scoring where that is not positive definite, each with a backtracking line search (Armijo)."""
    x = _svd_start(P)
    theta, _ = _fit_items(x[P.ms], P.item, P.y, P.J, P.priors, tol=1e-3, max_iter=2)  # 2: fastest, measured
    current = _log_posterior(P, x, theta)
    converged, iterations, fisher_steps = False, 0, 0
    for iterations in range(1, max_iter + 1):
        try:
            dx, dtheta, gain = _newton_step(P, x, theta, observed=True)
            if not gain > 0:
                raise np.linalg.LinAlgError("not an ascent direction")
        except np.linalg.LinAlgError:
            dx, dtheta, gain = _newton_step(P, x, theta)
            fisher_steps += 1
        if gain < tol:
            converged = True
            iterations -= 1
            break
        t = 1.0
        for _ in range(50):
            new = _log_posterior(P, x + t * dx, theta + t * dtheta)
            if new >= current + 1e-4 * t * gain:
                break
            t /= 2
        else:
            break  # no step improves: at the mode to the precision of the arithmetic
        x, theta, current = x + t * dx, theta + t * dtheta, new
    return x, theta, {"iterations": iterations, "fisher_steps": fisher_steps, "converged": converged,
                      "log_posterior": float(current)}


def _svd_start(P: _Problem):
    """A member's start value in every session: the leading principal component of the member x roll call
    matrix (yes 1, abstain 0.5, no 0, a roll call's mean where the member did not vote), scaled to variance 1."""
    score = np.array([0.0, 0.5, 1.0])[P.y]
    member = P.member_of[P.ms]
    n = len(P.member_codes)
    Y = np.full((n, P.J), np.nan)
    Y[member, P.item] = score
    Y = np.nan_to_num(Y - np.nanmean(Y, axis=0))
    _, vectors = np.linalg.eigh(Y @ Y.T)
    lead = vectors[:, -1]
    lead = lead * np.sign(lead[np.argmax(np.abs(lead))])
    lead = (lead - lead.mean()) / (lead.std() or 1.0)
    return lead[P.member_of]


# ---------------------------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------------------------

def ideal_points(votes: pd.DataFrame, *, orient: str | Iterable[str] | None = "USA", level: float = 0.9,
                 priors: dict | None = None, tol: float = 1e-7, max_iter: int = 200) -> pd.DataFrame:
    """Ideal points of each member in each session on one dimension, with a Laplace interval.

    Parameters
    ----------
    votes : pandas.DataFrame
        The tidy votes: columns ``motion, iso3, vote, session`` (others are ignored); ``vote`` is ``Y``, ``A``,
        ``N`` or ``X`` (did not vote), ``session`` a whole number (the GA session of the roll call), one row
        per member and motion.
    orient : str, iterable of str or None, default "USA"
        The orientation rule: the sign of the line is chosen, after the fit, so that the mean estimate of
        these members (ISO3 codes) over all their member-sessions is positive. The default puts the United
        States, and with it the Western pole, on the positive side. ``None`` keeps the sign the start values
        give (arbitrary but the same for the same input).
    level : float, default 0.9
        The coverage of each interval (0.9: from the 5 % to the 95 % point of the Laplace approximation).
    priors : dict, optional
        Replaces entries of ``PRIORS`` (the model below).
    tol, max_iter
        The fit stops when a step's predicted gain in log posterior is below ``tol`` (``attrs["converged"]``).

    Returns
    -------
    pandas.DataFrame
        One row per member and session in which the member cast at least one usable vote: ``iso3`` (str),
        ``session`` (int), ``ideal`` (the posterior mode), ``lower``, ``upper`` (the interval), ``n_votes``
        (the member's Y, A and N votes in that session on the roll calls used, so without the unanimous ones),
        sorted by ``iso3, session``. ``attrs``: ``items`` (each roll call's ``motion, session,
        discrimination, cut_no, cut_yes``, the last two the cutpoints k1 and k2 on the latent scale, as
        columns of plain lists: ``pd.DataFrame(df.attrs["items"])``), ``dropped_motions`` and ``n_dropped``
        (roll calls with fewer than two kinds of vote), ``iterations``, ``fisher_steps``, ``converged``,
        ``log_posterior``, ``orientation`` (the rule, its members and whether the sign was flipped),
        ``priors``, ``level``, ``interval``, ``model``.

    Model
    -----
    Member i in session s has a position x[i,s]; roll call j has a discrimination b[j] and two cutpoints
    k1[j] < k2[j]. Votes are ordered no < abstain < yes, by an ordered logit:
    P(no) = logistic(k1 - b x), P(no or abstain) = logistic(k2 - b x); non-voting (X) is missing (left out,
    not modelled). Priors (``PRIORS``): each member's positions follow a stationary AR(1) random walk over the
    sessions, x[i,s] ~ N(0, 1) in every session and x[i,s+1] = rho x[i,s] + N(0, 0.25^2), rho = sqrt(1 -
    0.25^2) = 0.968 (k sessions apart: rho^k and 1 - rho^2k); b ~ N(0, 2.5^2); the cutpoints' midpoint
    (k1 + k2) / 2 ~ N(0, 5^2) and their gap log(k2 - k1) ~ N(0, 2^2). A member has a position in every
    session from its first with a vote to its last (a session without its own vote is carried by the prior
    and not reported). The estimate is the posterior mode (MAP): Newton's method with analytic gradient and
    Hessian (Fisher scoring where the Hessian is not positive definite), a backtracking line search, from a
    principal-component start. No random numbers are drawn: the same votes give the same output, in any row
    order.

    Identification: the likelihood depends on positions only through b[j] x[i,s], so shifting, stretching or
    reflecting the line leaves it unchanged. The priors fix location and scale: N(0, 1) in every session
    against the weak priors on b and the cutpoints gives a unique mode up to reflection, with the same
    normalisation in every session (a pure random walk with only the first session anchored let the scale
    drift outward from session to session: the United States went from 4.7 to 6.6 over 2014-2021, an
    artefact). The random walk ties each member's sessions together, which is what makes sessions
    comparable: a shift of the whole Assembly from one session to the next is not separable from new
    cutpoints, and the prior attributes it to the roll calls. The reflection is fixed afterwards by
    ``orient``. The scale is the model's own: read orders and distances, not the values.

    Unanimous roll calls: a roll call with fewer than two kinds of vote among Y, A, N says nothing about
    positions; it is dropped, counted in ``attrs["n_dropped"]`` and listed in ``attrs["dropped_motions"]``
    (not an error, unless no roll call is left).

    Interval: the Laplace approximation at the mode, the inverse of minus the Hessian of the log posterior with
    every roll call's parameters integrated out (the Schur complement of their 3 x 3 blocks), which gives each
    x[i,s] a normal approximation; the interval is its central ``level`` range (default 90 %). Should the
    Hessian not be positive definite at the end, the Fisher information is used (``attrs["interval"]`` says
    which). It is a curvature interval, not an MCMC posterior: symmetric, conditional on the priors. On data
    drawn from the model, after a linear fit of the estimates to the true points, the 90 % intervals held
    94-96 % of the true points (``tests/test_ideal.py``, ``benchmarks/README.md``).

    Speed: votes cast are held in flat arrays; each Newton step eliminates the roll calls' 3 x 3 blocks and
    solves the remaining block-tridiagonal system session by session (one member x member block per session),
    so time grows linearly with votes and sessions. BLAS runs on one thread during the fit (see
    ``_one_blas_thread``).

    Raises
    ------
    ValueError
        Naming the value: a missing column, an unknown vote code, a member twice in one motion, a session that
        is not a whole number or a motion in two sessions, no usable votes (every roll call with fewer than two
        kinds of vote, or no rows), an orientation member without usable votes, a bad ``level`` or prior.

    Examples
    --------
    >>> votes = pd.DataFrame({
    ...     "motion": ["m1"] * 4 + ["m2"] * 4 + ["m3"] * 4,
    ...     "iso3": ["USA", "FRA", "RUS", "CHN"] * 3,
    ...     "vote": ["Y", "Y", "N", "N",  "Y", "A", "N", "N",  "N", "N", "Y", "A"],
    ...     "session": 76,
    ... })
    >>> ideal = ideal_points(votes)
    >>> ideal[["iso3", "session", "n_votes"]].values.tolist()
    [['CHN', 76, 3], ['FRA', 76, 3], ['RUS', 76, 3], ['USA', 76, 3]]
    >>> ideal.set_index("iso3")["ideal"].gt(0).to_dict()
    {'CHN': False, 'FRA': True, 'RUS': False, 'USA': True}
    """
    _check_columns(votes, _REQUIRED, "ideal_points")
    if not 0 < level < 1:
        raise ValueError(f"ideal_points: level must be between 0 and 1, got {level!r}")
    prior = _priors(priors, "ideal_points")
    orient_codes = None if orient is None else ([orient] if isinstance(orient, str) else sorted(set(orient)))

    P = _Problem(votes, prior)
    if orient_codes is not None:
        present = [c for c in orient_codes if c in set(P.member_codes[P.member_of[P.n_votes > 0]])]
        if not present:
            raise ValueError(f"ideal_points: orientation member(s) {orient_codes} not among the members with "
                             "usable votes")

    with _one_blas_thread():
        x, theta, fit = _fit(P, tol, max_iter)
        voted = P.n_votes > 0
        flipped = False
        if orient_codes is not None:
            if x[voted & np.isin(P.member_codes[P.member_of], orient_codes)].mean() < 0:
                x, theta, flipped = -x, theta * np.array([-1.0, 1.0, 1.0]), True
        try:  # the Laplace approximation: minus the Hessian of the log posterior at the mode
            factors, curvature = _system(P, x, theta, observed=True)[4], "observed information (minus the Hessian)"
        except np.linalg.LinAlgError:  # not positive definite (the mode not reached): the Fisher information
            factors, curvature = _system(P, x, theta)[4], "Fisher information (the Hessian was not positive definite)"
        half = float(ndtri(0.5 + level / 2)) * np.sqrt(_block_inverse_diagonal(P, factors))

    voted = P.n_votes > 0
    out = pd.DataFrame({
        "iso3": P.member_codes[P.member_of][voted],
        "session": P.ms_session[voted].astype(np.int64),
        "ideal": x[voted], "lower": (x - half)[voted], "upper": (x + half)[voted],
        "n_votes": P.n_votes[voted].astype(np.int64),
    }).sort_values(["iso3", "session"], kind="stable").reset_index(drop=True)
    gap = np.exp(theta[:, 2])
    out.attrs = {
        # plain lists, not a DataFrame: pandas compares attrs with == when it combines frames (merge, concat)
        "items": {"motion": P.items["motion"].astype(str).tolist(),
                  "session": P.items["session"].astype(int).tolist(),
                  "discrimination": theta[:, 0].tolist(), "cut_no": (theta[:, 1] - gap / 2).tolist(),
                  "cut_yes": (theta[:, 1] + gap / 2).tolist()},
        "dropped_motions": list(P.dropped), "n_dropped": len(P.dropped),
        **fit,
        "orientation": {"rule": None if orient_codes is None else
                        f"mean ideal point of {orient_codes} over their sessions is positive",
                        "members": orient_codes, "flipped": flipped},
        "priors": prior, "level": level,
        "interval": f"Laplace at the MAP: {curvature}, roll-call parameters integrated out; {level:.0%} central",
        "model": "one-dimensional ordered logit (no < abstain < yes), members' sessions linked by a stationary "
                 "AR(1) random walk; posterior mode",
    }
    return out


@dataclasses.dataclass(frozen=True, repr=False)
class VoteFit:
    """Where one roll call cuts the line of ``ideal_points`` (the output wing formats it).

    ``members``: one row per member that cast Y, A or N and has an ideal point in ``session``: ``iso3, vote,
    ideal, p_vote, p_yes, p_abstain, p_no, predicted``, sorted by ``p_vote`` (least expected vote first).
    ``p_vote`` is the model's probability of the vote actually cast; ``predicted`` the most probable vote.
    ``cut_no`` / ``cut_yes``: the points of the line where P(no) = 1/2 and where P(yes) = 1/2
    (``k1 / b`` and ``k2 / b``); ``direction`` +1 if yes lies towards the positive (Western) end, -1 if
    towards the negative end. ``correct``: the share of ``members`` whose ``predicted`` equals their vote.
    ``session``: the session whose ideal points were used; ``motion_session``: the roll call's own session
    (None if unknown); ``session_rule``: how the session was chosen. ``not_voting``: members recorded X;
    ``unplaced``: members that voted but have no ideal point in ``session``.
    """

    motion: str
    session: int
    motion_session: int | None
    session_rule: str
    discrimination: float
    cutpoints: tuple[float, float]
    direction: int
    cut_no: float
    cut_yes: float
    correct: float
    n_members: int
    members: pd.DataFrame
    not_voting: tuple[str, ...]
    unplaced: tuple[str, ...]


def vote_fit(votes: pd.DataFrame, ideal: pd.DataFrame, motion: str, *, session: int | None = None) -> VoteFit:
    """Fit one roll call's discrimination and cutpoints with the members' positions fixed.

    Parameters
    ----------
    votes : pandas.DataFrame
        Tidy votes with ``motion, iso3, vote`` (and ``session``, used to find the roll call's own session);
        only the rows of ``motion`` are read. It may be a roll call outside the sessions of ``ideal``.
    ideal : pandas.DataFrame
        The output of ``ideal_points`` (``iso3, session, ideal`` are used).
    motion : str
        The roll call.
    session : int, optional
        The session whose ideal points place the members. By default the session of ``ideal`` nearest to the
        roll call's own session (the earlier one on a tie); ``VoteFit.session_rule`` says which was used.

    Returns
    -------
    VoteFit
        The fitted roll call: MAP of (b, k1, k2) under the priors of ``ideal_points`` (``ideal.attrs["priors"]``
        when present), cut points, direction, share correctly classified and the per-member table.

    Raises
    ------
    ValueError
        The motion is not in ``votes``; it has fewer than two kinds of vote among its placed members; missing
        columns; unknown vote codes or a member twice; ``session`` not covered by ``ideal``; no session known;
        a member twice in one session of ``ideal``.

    Examples
    --------
    >>> votes = pd.DataFrame({
    ...     "motion": ["m1"] * 6 + ["m2"] * 6 + ["m3"] * 6,
    ...     "iso3": ["USA", "FRA", "GBR", "RUS", "CHN", "IRN"] * 3,
    ...     "vote": list("YYYNNN") + list("YYANNA") + list("NNNYAY"),
    ...     "session": 76,
    ... })
    >>> later = pd.DataFrame({"motion": "m4", "iso3": ["USA", "FRA", "GBR", "RUS", "CHN", "IRN"],
    ...                       "vote": list("NYYNAN"), "session": 79})
    >>> fit = vote_fit(later, ideal_points(votes), "m4")
    >>> fit.session, fit.session_rule
    (76, 'nearest session of the ideal points to the roll call (session 79)')
    >>> fit.members.set_index("iso3").loc["USA", ["vote", "predicted"]].tolist()  # its position predicts yes
    ['N', 'Y']
    """
    _check_columns(votes, ("motion", "iso3", "vote"), "vote_fit")
    _check_columns(ideal, ("iso3", "session", "ideal"), "vote_fit: ideal")
    rows = votes[votes["motion"].astype("string").to_numpy(dtype=object, na_value=None) == str(motion)]
    if rows.empty:
        raise ValueError(f"vote_fit: motion {motion!r} is not in the votes table")
    coded = _Coded(rows, "vote_fit", with_session="session" in rows.columns)
    motion_session = None if coded.session is None else int(coded.session[0])
    covered = np.unique(ideal["session"].to_numpy(dtype=np.int64))
    if len(covered) == 0:
        raise ValueError("vote_fit: the ideal table is empty")
    if session is not None:
        if int(session) not in set(covered.tolist()):
            raise ValueError(f"vote_fit: session {session!r} is not in the ideal table (it covers "
                             f"{covered.min()}-{covered.max()})")
        used, rule = int(session), "given"
    elif motion_session is not None:
        used = int(covered[np.argmin(np.abs(covered - motion_session))])  # argmin: the earlier on a tie
        rule = f"nearest session of the ideal points to the roll call (session {motion_session})"
    else:
        raise ValueError("vote_fit: the votes have no session column; pass session=")

    positions = ideal[ideal["session"] == used].set_index("iso3")["ideal"]
    if positions.index.duplicated().any():
        raise ValueError(f"vote_fit: ideal: member {positions.index[positions.index.duplicated()][0]} appears more "
                         f"than once in session {used}")
    iso3 = coded.members[coded.member]
    not_voting = tuple(sorted(iso3[coded.vote == 3]))
    cast = coded.vote < 3
    placed_mask = cast & np.isin(iso3, positions.index.to_numpy(dtype=object))
    unplaced = tuple(sorted(iso3[cast & ~placed_mask]))
    order = np.flatnonzero(placed_mask)[np.argsort(iso3[placed_mask], kind="stable")]
    placed_iso3, y = iso3[order], coded.vote[order]
    kinds = sorted({"NAY"[v] for v in y})
    if len(kinds) < 2:
        raise ValueError(f"vote_fit: motion {motion!r} has only one kind of vote ({', '.join(kinds) or 'none'}) "
                         f"among the {len(y)} members placed in session {used}: no cut to fit")
    prior = _priors(ideal.attrs.get("priors"), "vote_fit")
    x = positions.loc[placed_iso3].to_numpy(dtype=float)
    theta, _ = _fit_items(x, np.zeros(len(x), np.intp), y, 1, prior)
    b, m, gap = theta[0, 0], theta[0, 1], float(np.exp(theta[0, 2]))
    k1, k2 = m - gap / 2, m + gap / 2
    p_no, p_abst, p_yes = _probabilities(b * x, m, gap)
    probs = np.stack([p_no, p_abst, p_yes], axis=1)
    predicted = np.array(["N", "A", "Y"], dtype=object)[np.argmax(probs, axis=1)]
    members = pd.DataFrame({
        "iso3": placed_iso3, "vote": np.array(["N", "A", "Y"], dtype=object)[y],
        "ideal": x, "p_vote": probs[np.arange(len(x)), y], "p_yes": p_yes, "p_abstain": p_abst, "p_no": p_no,
        "predicted": predicted,
    }).sort_values(["p_vote", "iso3"], kind="stable").reset_index(drop=True)
    return VoteFit(
        motion=str(motion), session=used, motion_session=motion_session, session_rule=rule,
        discrimination=float(b), cutpoints=(float(k1), float(k2)), direction=1 if b > 0 else -1,
        cut_no=float(k1 / b) if b != 0 else float("nan"), cut_yes=float(k2 / b) if b != 0 else float("nan"),
        correct=float(np.mean(members["predicted"] == members["vote"])), n_members=len(members),
        members=members, not_voting=not_voting, unplaced=unplaced,
    )


def simulate_votes(n_members: int = 193, n_motions: int = 6000, n_sessions: int = 8, *, missing: float = 0.25,
                   drift_sd: float = 0.1, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Votes drawn from the model of ``ideal_points``, for recovery checks and benchmarks.

    Members ``M000``, ``M001``, ... start at N(0, 1) and move as the model's prior says (x[s+1] = rho x[s] +
    N(0, drift_sd^2), rho = sqrt(1 - drift_sd^2), so every session is N(0, 1)); roll calls are
    spread evenly over sessions ``1..n_sessions`` with b ~ N(0, 1.5^2) + 0.5 sign(b) (so none is flat),
    midpoint ~ N(-1, 1.5^2) (most votes yes, as in the Assembly), gap ~ exp(N(0, 0.5^2)); each vote is then
    made X (missing) with probability ``missing``.

    Returns (votes, truth, items): ``votes`` with ``motion, iso3, vote, session``; ``truth`` with ``iso3,
    session, ideal``; ``items`` with ``motion, session, discrimination, cut_no, cut_yes``.

    Examples
    --------
    >>> votes, truth, items = simulate_votes(10, 40, 2, seed=1)
    >>> len(votes), sorted(votes["vote"].unique()) == ["A", "N", "X", "Y"]
    (400, True)
    """
    rng = np.random.default_rng(seed)
    codes = np.array([f"M{i:03d}" for i in range(n_members)])
    x = np.empty((n_members, n_sessions))
    rho = np.sqrt(1.0 - drift_sd ** 2)
    x[:, 0] = rng.normal(0, 1, n_members)
    for s in range(1, n_sessions):
        x[:, s] = rho * x[:, s - 1] + rng.normal(0, drift_sd, n_members)
    item_session = np.sort(np.arange(n_motions) % n_sessions)
    b = rng.normal(0, 1.5, n_motions)
    b = b + 0.5 * np.where(b >= 0, 1.0, -1.0)
    m = rng.normal(-1, 1.5, n_motions)
    gap = np.exp(rng.normal(0, 0.5, n_motions))
    eta = b[None, :] * x[:, item_session]
    p_no, p_abst, _ = _probabilities(eta, m[None, :], gap[None, :])
    u = rng.random(eta.shape)
    vote = np.where(u < p_no, "N", np.where(u < p_no + p_abst, "A", "Y"))
    vote[rng.random(eta.shape) < missing] = "X"
    motions = np.array([f"S{s + 1}/{j:05d}" for j, s in enumerate(item_session)])
    votes = pd.DataFrame({"motion": np.tile(motions, n_members), "iso3": np.repeat(codes, n_motions),
                          "vote": vote.reshape(-1), "session": np.tile(item_session + 1, n_members)})
    truth = pd.DataFrame({"iso3": np.repeat(codes, n_sessions), "session": np.tile(np.arange(1, n_sessions + 1),
                                                                                   n_members),
                          "ideal": x.reshape(-1)})
    items = pd.DataFrame({"motion": motions, "session": item_session + 1, "discrimination": b,
                          "cut_no": m - gap / 2, "cut_yes": m + gap / 2})
    return votes, truth, items
