#!/usr/bin/python3
"""Peers of TraceNtkBenchmark: the trace-NTK Gram of an MLP 64-100-100-10 (ReLU, NTK parameterisation,
float64) on the first 600 digits, K = sum_c J_c J_c^T with J_c the 600 x P Jacobian of logit c, in torch
(2 threads) three ways: a per-example autograd loop; functorch's vmap(jacrev); and the structured
layer-wise closed form the toolkit uses (per layer, the Gram of the layer's inputs times the Gram of
the back-propagated signals, summed over classes; no per-example Jacobian). All three agree.
Run: /usr/bin/python3 benchmarks/python/trntk_torch.py"""
import gzip
import sys
import os
import time

import numpy as np
import torch

torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
torch.manual_seed(1)
here = os.path.dirname(__file__)
path = os.path.join(here, "..", "..", "..", "toolkit", "src", "main", "resources", "dev", "plugbench", "toolkit", "data", "digits.csv.gz")
with gzip.open(path, "rt") as f:
    data = np.loadtxt(f, delimiter=",")
x = torch.tensor(data[:600, :64] / 16.0, dtype=torch.float64)


class NtkLinear(torch.nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.w = torch.nn.Parameter(torch.randn(n_in, n_out, dtype=torch.float64))
        self.b = torch.nn.Parameter(torch.zeros(n_out, dtype=torch.float64))
        self.scale = n_in ** -0.5

    def forward(self, h):
        return h @ self.w * self.scale + self.b


net = torch.nn.Sequential(NtkLinear(64, 100), torch.nn.ReLU(), NtkLinear(100, 100), torch.nn.ReLU(), NtkLinear(100, 10))
params = list(net.parameters())


def trntk():
    jac = torch.zeros(10, x.shape[0], sum(p.numel() for p in params), dtype=torch.float64)
    for i in range(x.shape[0]):
        out = net(x[i:i + 1])[0]
        for c in range(10):
            g = torch.autograd.grad(out[c], params, retain_graph=c < 9)
            jac[c, i] = torch.cat([t.reshape(-1) for t in g])
    return torch.einsum("cip,cjp->ij", jac, jac)


def trntk_functorch():
    from functorch import jacrev, make_functional, vmap
    fmodel, fparams = make_functional(net)
    k = torch.zeros(x.shape[0], x.shape[0], dtype=torch.float64)
    chunks = [(s, min(s + 200, x.shape[0])) for s in range(0, x.shape[0], 200)]
    jacs = []
    for a, b in chunks:
        j = vmap(jacrev(lambda p, xi: fmodel(p, xi[None])[0]), (None, 0))(fparams, x[a:b])  # per parameter: n x 10 x shape
        jacs.append(torch.cat([t.reshape(b - a, 10, -1) for t in j], dim=2))
    jac = torch.cat(jacs, dim=0)  # n x 10 x P
    return torch.einsum("icp,jcp->ij", jac, jac)


def trntk_structured():
    layers = [m for m in net if isinstance(m, NtkLinear)]
    with torch.no_grad():
        inputs, pre = [], []
        h = x
        for i, layer in enumerate(layers):
            inputs.append(h)
            z = layer(h)
            pre.append(z)
            h = torch.relu(z) if i + 1 < len(layers) else z
        grams = [(layer.scale ** 2) * (a @ a.T) for layer, a in zip(layers, inputs)]
        k = torch.zeros(x.shape[0], x.shape[0], dtype=torch.float64)
        for c in range(10):
            d = torch.zeros(x.shape[0], 10, dtype=torch.float64)
            d[:, c] = 1.0
            for i in range(len(layers) - 1, -1, -1):
                dd = d @ d.T
                k += grams[i] * dd + dd  # weights, then biases
                if i > 0:
                    d = (d @ layers[i].w.T * layers[i].scale) * (pre[i - 1] > 0)
    return k


def best(fn, runs):
    times = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, times


k, times = best(trntk, 3)
k_vmap, times_vmap = best(trntk_functorch, 3)
k_struct, times_struct = best(trntk_structured, 10)
assert torch.allclose(k, k_vmap, rtol=1e-9, atol=1e-9) and torch.allclose(k, k_struct, rtol=1e-9, atol=1e-9), "the three Grams differ"
print("torch %s trNTK Gram 600 x 600: functorch vmap(jacrev) min %.1f ms; structured layer-wise min %.1f ms; all three agree to 1e-9" % (
    torch.__version__, min(times_vmap) * 1000, min(times_struct) * 1000))
print("torch %s trNTK Gram 600 x 600 (per-example autograd): mean %.2f s, min %.2f s over %d runs; trace %.4g" % (
    torch.__version__, sum(times) / len(times), min(times), len(times), k.trace().item()))
sys.path.insert(0, here)
from bench_inputs import write_results  # noqa: E402
write_results({"torch per-example autograd trNTK ms": min(times) * 1000, "torch functorch vmap(jacrev) trNTK ms": min(times_vmap) * 1000,
               "torch structured trNTK ms": min(times_struct) * 1000})
