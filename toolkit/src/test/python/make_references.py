#!/usr/bin/python3
"""Writes toolkit/src/test/resources/references.json: inputs and the answers of independent
implementations (numpy, scipy, sklearn, scikit-image) that the toolkit's tests compare against.

Rerun after changing a case:  /usr/bin/python3 toolkit/src/test/python/make_references.py
(Debian packages: python3-numpy python3-scipy python3-sklearn python3-skimage)."""
import json
import os

import numpy as np
import scipy.stats
import skimage.metrics
import sklearn.metrics

rng = np.random.default_rng(20261127)
out = {}

# Kendall tau-b: continuous, heavy ties, and ties in both variables
cases = []
for n, kind in [(50, "continuous"), (300, "ties"), (1000, "mixed")]:
    if kind == "continuous":
        x = rng.normal(size=n); y = x + rng.normal(size=n)
    elif kind == "ties":
        x = rng.integers(0, 5, size=n).astype(float); y = (x + rng.integers(0, 3, size=n)).astype(float)
    else:
        x = np.round(rng.normal(size=n), 1); y = np.round(0.5 * x + rng.normal(size=n), 1)
    tau = scipy.stats.kendalltau(x, y, variant="b").statistic
    cases.append({"x": x.tolist(), "y": y.tolist(), "tau": float(tau)})
out["kendall"] = cases

# AUROC with tied scores
scores = np.round(rng.normal(size=400), 1)
labels = (scores + rng.normal(size=400) > 0.3)
out["auroc"] = {"scores": scores.tolist(), "labels": labels.tolist(),
                "auroc": float(sklearn.metrics.roc_auc_score(labels, scores))}

# R^2 (sklearn r2_score) and the squared Pearson correlation of a linear fit
t = rng.normal(size=200); p = t + 0.3 * rng.normal(size=200)
out["r2"] = {"truth": t.tolist(), "predicted": p.tolist(),
             "r2_score": float(sklearn.metrics.r2_score(t, p)),
             "linear_fit_r2": float(scipy.stats.linregress(t, p).rvalue ** 2)}

# two-sample KS statistic
a = rng.normal(size=300); b = rng.normal(0.2, 1.1, size=200)
out["ks"] = {"a": a.tolist(), "b": b.tolist(), "d": float(scipy.stats.ks_2samp(a, b).statistic)}

# symmetric eigenvalues, singular values, Cholesky
m = rng.normal(size=(30, 30)); sym = (m + m.T) / 2
out["eigh"] = {"a": sym.tolist(), "values": np.linalg.eigh(sym)[0].tolist()}
r = rng.normal(size=(20, 12))
out["svd"] = {"a": r.tolist(), "s": np.linalg.svd(r, compute_uv=False).tolist()}
spd = r.T @ r + np.eye(12)
out["cholesky"] = {"a": spd.tolist(), "l": np.linalg.cholesky(spd).tolist()}

# SSIM: scikit-image, Gaussian weights sigma 1.5 (11x11 window), population moments, data range 1
img = rng.random((28, 28))
noisy = np.clip(img + 0.1 * rng.normal(size=img.shape), 0, 1)
out["ssim"] = {"reference": img.ravel().tolist(), "image": noisy.ravel().tolist(), "height": 28, "width": 28,
               "ssim": float(skimage.metrics.structural_similarity(img, noisy, data_range=1.0, gaussian_weights=True,
                                                                    sigma=1.5, use_sample_covariance=False))}
out["psnr"] = {"psnr": float(skimage.metrics.peak_signal_noise_ratio(img, noisy, data_range=1.0))}

# Spearman rank correlation (scipy, average ranks for ties): continuous and heavily tied
cases = []
for n, kind in [(40, "continuous"), (200, "ties")]:
    if kind == "continuous":
        x = rng.normal(size=n); y = x ** 3 + rng.normal(size=n)
    else:
        x = rng.integers(0, 6, size=n).astype(float); y = (x + rng.integers(0, 4, size=n)).astype(float)
    cases.append({"x": x.tolist(), "y": y.tolist(), "rho": float(scipy.stats.spearmanr(x, y).correlation)})
out["spearman"] = cases

path = os.path.join(os.path.dirname(__file__), "..", "resources", "references.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
