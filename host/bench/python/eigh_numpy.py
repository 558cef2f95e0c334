#!/usr/bin/python3
"""Peer of SymmetricEigenBenchmark: numpy.linalg.eigh (values and vectors) on the same matrices,
best-of and mean over repeats. Run: /usr/bin/python3 host/bench/python/eigh_numpy.py"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from bench_inputs import symmetric, write_results  # noqa: E402

results = {}

for n in (500, 1000, 2000):
    a = symmetric(n, 42)
    np.linalg.eigh(a)
    times = []
    deadline = time.perf_counter() + 10
    while len(times) < 5 or (time.perf_counter() < deadline and len(times) < 30):
        t0 = time.perf_counter()
        np.linalg.eigh(a)
        times.append((time.perf_counter() - t0) * 1000)
    print("numpy %s eigh n=%d: mean %.1f ms, min %.1f ms over %d runs; sum(eigenvalues)=%.6f" % (
        np.__version__, n, sum(times) / len(times), min(times), len(times), np.linalg.eigvalsh(a).sum()))
    results["eigh n=%d ms" % n] = min(times)
write_results(results)
