#!/usr/bin/python3
"""Peer of TraceNtkBenchmark: the trace-NTK Gram of an MLP 64-100-100-10 (ReLU, NTK parameterisation,
float64) on the first 600 digits, by a per-example autograd loop in torch (2 threads):
K = sum_c J_c J_c^T with J_c the 600 x P Jacobian of logit c.
Run: /usr/bin/python3 host/bench/python/trntk_torch.py"""
import gzip
import os
import time

import numpy as np
import torch

torch.set_num_threads(2)
torch.manual_seed(1)
here = os.path.dirname(__file__)
path = os.path.join(here, "..", "..", "..", "api", "src", "main", "resources", "dev", "plugbench", "toolkit", "data", "digits.csv.gz")
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


times = []
for _ in range(3):
    t0 = time.perf_counter()
    k = trntk()
    times.append(time.perf_counter() - t0)
print("torch %s trNTK Gram 600 x 600 (per-example autograd): mean %.2f s, min %.2f s over %d runs; trace %.4g" % (
    torch.__version__, sum(times) / len(times), min(times), len(times), k.trace().item()))
