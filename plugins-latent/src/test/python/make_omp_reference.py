"""Writes the Batch-OMP references of plugins-latent's tests: sklearn.linear_model.orthogonal_mp_gram
on fixed problems, S0 = 3 (supports of one and two atoms, the fused updates) and S0 = 6 (larger
supports). Run with the Debian peers: /usr/bin/python3 make_omp_reference.py
Output: ../resources/omp_reference.txt and omp_reference_s6.txt (lines: 'C K N S0', then D (C rows
of K), then X (N rows of C), then the coefficients (N rows of K))."""
import numpy as np
import sklearn
from sklearn.linear_model import orthogonal_mp_gram

for seed, S0, name in ((20240916, 3, "omp_reference.txt"), (20240917, 6, "omp_reference_s6.txt")):
    rng = np.random.default_rng(seed)
    C, K, N = 16, 64, 40
    D = rng.standard_normal((C, K))
    D /= np.linalg.norm(D, axis=0, keepdims=True)
    X = rng.standard_normal((N, C))
    G = D.T @ D
    Xy = D.T @ X.T  # K x N
    coef = orthogonal_mp_gram(G, Xy, n_nonzero_coefs=S0).T  # N x K
    with open("../resources/" + name, "w") as f:
        f.write(f"# sklearn {sklearn.__version__} orthogonal_mp_gram, seed {seed}\n")
        f.write(f"{C} {K} {N} {S0}\n")
        for M in (D, X, coef):
            for row in M:
                f.write(" ".join(repr(float(v)) for v in row) + "\n")
    print("wrote", name, C, K, N, S0)
