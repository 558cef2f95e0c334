#!/usr/bin/python3
"""Peer of SymmetricEigenBenchmark: numpy.linalg.eigh (values and vectors) on the same matrices,
timed in iterations as JMH times the benchmark (the best iteration's mean call time). Run: /usr/bin/python3 benchmarks/python/eigh_numpy.py"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from bench_inputs import symmetric, write_results  # noqa: E402

results = {}

def iteration(a, seconds=2.0):
    """One JMH-style iteration: calls for at least `seconds`, the mean time of a call (ms)."""
    calls = 0
    t0 = time.perf_counter()
    while True:
        np.linalg.eigh(a)
        calls += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds:
            return elapsed * 1000 / calls


# timed as SymmetricEigenBenchmark is (2 warm-up and 5 measured iterations of 2 s, the mean call time of each),
# so that both sides report the same statistic: the best iteration
for n in (500, 1000, 2000):
    a = symmetric(n, 42)
    for _ in range(2):
        iteration(a)
    times = [iteration(a) for _ in range(5)]
    print("numpy %s eigh n=%d: iterations %s ms, best %.1f ms; sum(eigenvalues)=%.6f" % (
        np.__version__, n, ", ".join("%.1f" % t for t in times), min(times), np.linalg.eigvalsh(a).sum()))
    results["eigh n=%d ms" % n] = min(times)
write_results(results)
