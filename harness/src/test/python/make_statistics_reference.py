"""Writes harness/src/test/resources/statistics-reference.json: stored cases for StatisticsTest.

Run from the repository root with Debian's python3-scipy (1.10):
    /usr/bin/python3 harness/src/test/python/make_statistics_reference.py
Each case holds the inputs and what scipy (or, for tied differences, an explicit enumeration of
the 2^n sign flips with scipy's midranks) returns for them.
"""
import itertools
import json

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261128)
cases = {"wilcoxon": [], "wilcoxon_ties": [], "ttest_rel": [], "friedman": [], "t_interval": [], "nemenyi_q": []}

# Exact Wilcoxon signed-rank, two-sided, distinct non-zero differences (scipy's exact mode).
for n, shift in [(6, 0.0), (6, 1.5), (7, 0.3), (8, 0.8), (10, 0.0), (10, 0.6), (12, -0.4), (15, 0.5), (20, 0.2), (25, 0.3)]:
    a = rng.normal(size=n)
    b = a + shift + rng.normal(size=n)
    res = stats.wilcoxon(b, a, method="exact")
    cases["wilcoxon"].append({"a": a.tolist(), "b": b.tolist(), "statistic": float(res.statistic), "pvalue": float(res.pvalue)})


def exact_with_ties(d):
    d = np.asarray([x for x in d if x != 0.0])
    r = stats.rankdata(np.abs(d))
    observed = min(r[d > 0].sum(), r[d < 0].sum())
    total = r.sum()
    count = 0
    for signs in itertools.product([0, 1], repeat=len(d)):
        plus = sum(rank for rank, s in zip(r, signs) if s)
        if min(plus, total - plus) <= observed + 1e-9:
            count += 1
    return float(observed), min(1.0, count / 2 ** len(d))


# Tied and zero differences: the exact conditional distribution over sign flips (zeros dropped).
for d in [[1, 1, 2, 2, 3, -1, 4], [0.5, 0.5, -0.5, 1, 1, 1, 2, 0], [0, 0, 1, 2, 3, 4, 5, 6], [2, -2, 2, -2, 2, 2, 2, 2, 3, 3]]:
    stat, p = exact_with_ties(d)
    cases["wilcoxon_ties"].append({"d": [float(x) for x in d], "statistic": stat, "pvalue": p})

# Paired t-test.
for n, shift in [(2, 0.5), (3, 0.1), (6, 1.0), (10, 0.0), (10, 0.3), (30, 0.2)]:
    a = rng.normal(size=n)
    b = a + shift + 0.5 * rng.normal(size=n)
    res = stats.ttest_rel(b, a)
    mean = float(np.mean(b - a))
    half = float(stats.t.ppf(0.975, n - 1) * np.std(b - a, ddof=1) / np.sqrt(n))
    cases["ttest_rel"].append({"a": a.tolist(), "b": b.tolist(), "statistic": float(res.statistic), "pvalue": float(res.pvalue),
                               "mean": mean, "ci_low": mean - half, "ci_high": mean + half})

# Friedman chi-square, blocks as rows, with and without ties.
for blocks, k, tie in [(4, 3, False), (6, 4, False), (5, 5, True), (10, 3, True), (3, 6, False)]:
    x = rng.normal(size=(blocks, k))
    if tie:
        x = np.round(x * 2) / 2
    res = stats.friedmanchisquare(*[x[:, j] for j in range(k)])
    ranks = np.mean([stats.rankdata(row) for row in x], axis=0)
    cases["friedman"].append({"blocks": x.tolist(), "statistic": float(res.statistic), "pvalue": float(res.pvalue),
                              "average_ranks": ranks.tolist()})

# Nemenyi's q_alpha (Demsar 2006, Table 5): the studentized range quantile at infinite df over sqrt(2).
for k in range(2, 11):
    for alpha in (0.05, 0.10):
        q = float(stats.studentized_range.ppf(1 - alpha, k, np.inf) / np.sqrt(2))
        cases["nemenyi_q"].append({"k": k, "alpha": alpha, "q": q})

with open("harness/src/test/resources/statistics-reference.json", "w") as f:
    json.dump({"scipy": __import__("scipy").__version__, "cases": cases}, f, indent=1)
