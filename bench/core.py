"""Speed of the core against the notebook's loop, as ratios measured in one run.

    python -m bench.core            # full sizes (about half a minute)
    python -m bench.core --quick    # smaller, for a smoke test

Targets (issue 2): one 10,000-epoch run >= 10x faster than the notebook's loop;
train_many over 1,000 configs x 10,000 epochs >= 300x cheaper per network-epoch.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from tinynet import Config, train, train_many


def notebook_loop(epochs: int):
    """The notebook's training loop, re-typed as it was written (the baseline)."""
    input_value = np.array([[0, 0], [0, 1], [1, 1], [1, 0]])
    output = np.array([0, 1, 1, 0]).reshape(4, 1)
    weights = np.array([[0.1], [0.2]])
    bias = 0.3

    def sigmoid_func(x):
        return 1 / (1 + np.exp(-x))

    def der(x):
        return sigmoid_func(x) * (1 - sigmoid_func(x))

    for _ in range(epochs):
        weighted_sum = np.dot(input_value, weights) + bias
        first_output = sigmoid_func(weighted_sum)
        error = first_output - output
        total_error = np.square(np.subtract(first_output, output)).mean()  # noqa: F841 (as written)
        derivative = error * der(first_output)
        final_derivative = np.dot(input_value.T, derivative)
        weights = weights - 0.05 * final_derivative
        for i in derivative:
            bias = bias - 0.05 * i
    return weights, bias


def best_of(repeats: int, fn) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    quick = argparse.ArgumentParser()
    quick.add_argument("--quick", action="store_true")
    quick = quick.parse_args().quick
    epochs, networks = 10_000, 100 if quick else 1_000
    notebook = best_of(3, lambda: notebook_loop(epochs)) / epochs
    single = best_of(5, lambda: train(Config(epochs=epochs))) / epochs
    rng = np.random.default_rng(0)
    configs = [Config(lr=float(lr), w1=float(w1), w2=float(w2), gradient=("notebook", "exact")[i % 2])
               for i, (lr, w1, w2) in enumerate(zip(10 ** rng.uniform(-3, 0, networks),
                                                   rng.normal(size=networks), rng.normal(size=networks)))]
    many = best_of(3, lambda: train_many(configs)) / (epochs * networks)
    print(f"notebook loop:            {notebook * 1e6:8.2f} us per epoch (baseline)")
    print(f"train(), one network:     {single * 1e6:8.2f} us per epoch  -> {notebook / single:6.1f}x faster "
          "(target >= 10x)")
    print(f"train_many, {networks} networks: {many * 1e6:8.3f} us per network-epoch -> "
          f"{notebook / many:6.0f}x cheaper (target >= 300x)")


if __name__ == "__main__":
    main()
