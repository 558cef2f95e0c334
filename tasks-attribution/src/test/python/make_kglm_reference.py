#!/usr/bin/python3
"""Writes tasks-attribution/src/test/resources/kglm-reference.json: kernel matrices, labels and the solution of
the kGLM's objective found by sklearn's LogisticRegression, for KernelLogisticRegressionTest.

The kGLM minimises, over the standardised kernel rows z_i = (K_i - m) / s (m: column means of the
training block, s: the standard deviation of all its entries, ddof 0),
    (1/n) sum_i w_{y_i} loss(z_i W + b, y_i) + alpha/2 ||W||^2,   w_k = n / (C n_k) ("balanced"),
binary: one logit and the logistic loss; C > 2 classes: softmax. sklearn's LogisticRegression
minimises C_sk sum_i w_{y_i} loss_i + 1/2 ||W||^2, the same minimiser for C_sk = 1 / (n alpha).

Rerun after changing a case:  /usr/bin/python3 tasks-attribution/src/test/python/make_kglm_reference.py
(Debian packages: python3-numpy python3-scipy python3-sklearn)."""
import json
import os

import numpy as np
import scipy.special
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(20261127)


def kernel(x):
    """A cosine-normalised polynomial kernel of random features: a dense, correlated block like an NTK's."""
    g = (x @ x.T + 1.0) ** 2
    d = np.sqrt(np.diag(g))
    return g / np.outer(d, d)


def objective(z, y, classes, alpha, coef, intercept):
    n = len(y)
    counts = np.bincount(y, minlength=classes)
    w = n / (classes * counts[y])
    if classes == 2:
        t = z @ coef[0] + intercept[0]
        loss = np.logaddexp(0, t) - y * t
    else:
        t = z @ coef.T + intercept
        loss = scipy.special.logsumexp(t, axis=1) - t[np.arange(n), y]
    return float(np.mean(w * loss) + alpha / 2 * np.sum(coef ** 2))


def gradient(z, y, classes, alpha, coef, intercept):
    n = len(y)
    counts = np.bincount(y, minlength=classes)
    w = n / (classes * counts[y])
    if classes == 2:
        g = (scipy.special.expit(z @ coef[0] + intercept[0]) - y) * w / n
        return np.concatenate([z.T @ g + alpha * coef[0], [g.sum()]])
    p = scipy.special.softmax(z @ coef.T + intercept, axis=1)
    p[np.arange(n), y] -= 1
    g = p * w[:, None] / n
    return np.concatenate([(z.T @ g + alpha * coef.T).ravel(), g.sum(axis=0)])


def case(n, classes, features, alpha, counts):
    centres = rng.normal(size=(classes, features))
    y = np.concatenate([np.full(c, k) for k, c in enumerate(counts)])
    x = centres[y] + 1.5 * rng.normal(size=(n, features))
    k = kernel(x)
    z = (k - k.mean(axis=0)) / k.std()
    model = LogisticRegression(C=1 / (n * alpha), class_weight="balanced", tol=1e-8, max_iter=1000,
                               solver="newton-cg", multi_class="auto" if classes == 2 else "multinomial")
    model.fit(z, y)
    coef = model.coef_
    intercept = model.intercept_ - (0 if classes == 2 else model.intercept_.mean())
    outputs = 1 if classes == 2 else classes
    start = gradient(z, y, classes, alpha, np.zeros((outputs, n)), np.zeros(outputs))
    end = gradient(z, y, classes, alpha, coef, intercept)
    relative = np.linalg.norm(end) / np.linalg.norm(start)
    assert relative < 1e-9, f"sklearn stopped at a relative gradient norm of {relative}"
    return {"classes": classes, "alpha": alpha, "labels": y.tolist(), "kernel": k.tolist(),
            "coef": coef.tolist(), "intercept": intercept.tolist(),
            "objective": objective(z, y, classes, alpha, coef, intercept), "relative_gradient_norm": float(relative)}


out = {"binary": case(80, 2, 6, 1e-2, [30, 50]),
       "multiclass": case(150, 10, 8, 1e-2, [5, 8, 10, 12, 14, 16, 18, 20, 22, 25])}
path = os.path.join(os.path.dirname(__file__), "..", "resources", "kglm-reference.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
