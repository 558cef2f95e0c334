"""Inputs shared with the JMH benchmarks (BenchMatrices.java): SplitMix64 uniforms in [-1, 1)."""
import numpy as np

MASK = (1 << 64) - 1


def uniform(seed, count):
    state = seed & MASK
    out = np.empty(count)
    for i in range(count):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z = z ^ (z >> 31)
        out[i] = (z >> 11) * 2.0 ** -53 * 2 - 1
    return out


def symmetric(n, seed):
    g = uniform(seed, n * n).reshape(n, n)
    return (g + g.T) / 2


def write_results(results):
    """Writes {figure: value} to the file after --json on the command line (run-peers reads it), if given."""
    import json
    import sys
    if "--json" in sys.argv:
        with open(sys.argv[sys.argv.index("--json") + 1], "w") as f:
            json.dump(results, f)
