#!/usr/bin/python3
"""Peers of LatentCodingBenchmark on the same inputs (SplitMix64 uniforms, see bench_inputs.py):
sklearn.linear_model.orthogonal_mp_gram and a vectorised numpy Batch-OMP for N = 20,000 vectors,
C = 16, K = 512, S0 = 3; numpy nearest-codeword assignment for N = 100,000, float32.
Prints vectors per second (best and mean over repeats) and the checksums of the Java set-up.
Run: /usr/bin/python3 benchmarks/python/latent_numpy.py"""
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import orthogonal_mp_gram

sys.path.insert(0, os.path.dirname(__file__))
from bench_inputs import uniform, write_results  # noqa: E402

results = {}

C, K, S0, OMP_N, VQ_N = 16, 512, 3, 20000, 100000
D = uniform(7, C * K).reshape(C, K)
D /= np.linalg.norm(D, axis=0, keepdims=True)
X = uniform(8, OMP_N * C).reshape(OMP_N, C)
E = uniform(9, K * C).reshape(K, C).astype(np.float32)
Z = uniform(10, VQ_N * C).reshape(VQ_N, C).astype(np.float32)
G = D.T @ D


def omp_numpy(X):
    """Batch-OMP vectorised over the rows: argmax, batched solve on the support, correlations update."""
    n = X.shape[0]
    a0 = X @ D  # n x K
    a = a0.copy()
    support = np.zeros((n, S0), dtype=np.int64)
    rows = np.arange(n)
    gamma = None
    for k in range(S0):
        masked = np.abs(a)
        if k:
            masked[rows[:, None], support[:, :k]] = -1
        support[:, k] = np.argmax(masked, axis=1)
        idx = support[:, : k + 1]
        g_ii = G[idx[:, :, None], idx[:, None, :]]  # n x (k+1) x (k+1)
        rhs = a0[rows[:, None], idx]
        gamma = np.linalg.solve(g_ii, rhs[:, :, None])[:, :, 0]
        if k + 1 < S0:
            a = a0 - np.einsum("nkj,nk->nj", G[idx], gamma)
    return support, gamma


def vq_numpy(Z):
    norms = (E * E).sum(axis=1)
    out = np.empty(Z.shape[0], dtype=np.int64)
    for s in range(0, Z.shape[0], 8192):
        block = Z[s:s + 8192]
        out[s:s + 8192] = np.argmin(norms[None, :] - 2 * block @ E.T, axis=1)
    return out


def timed(name, fn, count, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    print("%s: best %.0f vectors/s, mean %.0f vectors/s over %d runs" % (
        name, count / min(times), count / (sum(times) / len(times)), repeats))
    results[name.split(" N=")[0] + " vectors/s"] = count / min(times)


support, gamma = omp_numpy(X)
ref = orthogonal_mp_gram(G, (X @ D).T, n_nonzero_coefs=S0).T
dense = np.zeros((OMP_N, K))
dense[np.arange(OMP_N)[:, None], support] = gamma
print("numpy Batch-OMP vs sklearn: max |coef difference| = %.2e" % np.abs(dense - ref).max())
print("checksums: omp sum|coef| = %.9f, sum(support) = %d; vq sum(codes) = %d" % (
    np.abs(gamma).sum(), support.sum(), vq_numpy(Z).sum()))
print("numpy %s, sklearn %s" % (np.__version__, sklearn.__version__))
timed("sklearn orthogonal_mp_gram N=%d" % OMP_N, lambda: orthogonal_mp_gram(G, (X @ D).T, n_nonzero_coefs=S0), OMP_N, 3)
timed("numpy vectorised Batch-OMP N=%d" % OMP_N, lambda: omp_numpy(X), OMP_N, 5)
timed("numpy VQ assignment N=%d float32" % VQ_N, lambda: vq_numpy(Z), VQ_N, 5)
write_results(results)
