#!/usr/bin/python3
"""Peer of MlpTrainingStepBenchmark: SGD steps/s of an MLP 784-256-10 (ReLU), batch 128, float32,
softmax cross-entropy, momentum 0.9, on 2 threads. Run: /usr/bin/python3 benchmarks/python/mlp_step_torch.py"""
import os
import sys
import time

import torch

torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
torch.manual_seed(1)
net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
loss_fn = torch.nn.CrossEntropyLoss()
x = torch.randn(128, 784)
y = torch.randint(0, 10, (128,))


def step():
    opt.zero_grad()
    loss = loss_fn(net(x), y)
    loss.backward()
    opt.step()
    return loss.item()


for _ in range(200):
    step()
rates = []
for _ in range(5):
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < 2.0:
        step()
        n += 1
    rates.append(n / (time.perf_counter() - t0))
print("torch %s, threads %d: %.1f steps/s (5 x 2 s: %s)" % (torch.__version__, torch.get_num_threads(),
      sum(rates) / len(rates), ", ".join("%.1f" % r for r in rates)))
sys.path.insert(0, os.path.dirname(__file__))
from bench_inputs import write_results  # noqa: E402
write_results({"torch MLP step steps/s": max(rates)})
