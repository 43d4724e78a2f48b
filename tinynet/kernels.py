"""Epoch loops: the same update as model.gradients, written for speed.

Why more than one form: a NumPy call costs about a microsecond however small its
array, and one epoch of the notebook needs ~30 of them. So
  - one single neuron runs as plain Python floats (no NumPy call per epoch),
  - many single neurons run as NumPy arrays laid out (rows, networks), in place,
  - networks with a hidden layer use model.gradients (clear, batched).
Tests check every form against the notebook's golden figures, finite
differences and each other.

A kernel runs `steps` epochs of networks that share one gradient mode and returns
(losses (done, N), history (done, N, P) or None, stopped (N,)). A network whose
update would make any of its numbers non-finite keeps its last finite state from
then on (its learning rate becomes 0); stopped holds the step of that update
(1-based within this call), or -1. A network whose rate is 0 (it has reached its
own end) is never counted as stopped.

Every kernel checks each new value for finiteness, never a sum of them: 1e308 +
1e308 overflows although both are finite. The two single-neuron kernels also do
their arithmetic in the same order (z = w1*x1 + w2*x2 + b, gradients summed over
the rows in order, then times the learning rate), so that a neuron overflows at
the same update alone (plain floats) or in a batch (arrays); networks with a
hidden layer take the same kernel either way.
"""

from __future__ import annotations

import math

import numpy as np

from .model import flatten, gradients


def by_mode(kernel, params, x, y, modes, rate, steps, record):
    """Run a kernel once per gradient mode when a batch mixes them: each group
    then computes only its own derivative, on contiguous arrays."""
    if isinstance(modes, str):
        return kernel(params, x, y, modes, rate, steps, record)
    losses = np.empty((steps, len(rate)))
    history = np.empty((steps, len(rate), flatten(params).shape[1])) if record else None
    stopped = np.full(len(rate), -1)
    for mode, members in (("notebook", ~modes), ("exact", modes)):
        sub = {key: value[members] for key, value in params.items()}
        out = kernel(sub, x[members], y[members], mode, rate[members], steps, record)
        losses[:, members], stopped[members] = out[0], out[2]
        if record:
            history[:, members] = out[1]
        for key in params:
            params[key][members] = sub[key]
    return losses, history, stopped


def single_neuron(params, x, y, mode, rate, steps, record):
    """One network, one neuron: the notebook's loop in plain floats."""
    (w1, w2), b = params["w"][0].tolist(), float(params["b"][0])
    rows = list(zip(x[0, :, 0].tolist(), x[0, :, 1].tolist(), y[0].tolist()))
    lr, exact, exp, finite = float(rate[0]), mode == "exact", math.exp, math.isfinite
    losses, history, stopped = [], [], -1
    for step in range(1, steps + 1):
        g1 = g2 = gb = squares = 0.0
        for x1, x2, target in rows:
            z = w1 * x1 + w2 * x2 + b
            try:
                a = 1.0 / (1.0 + exp(-z))
            except OverflowError:  # exp(-z) beyond the largest float: NumPy's inf, and a = 0
                a = 0.0
            error = a - target
            if exact:
                slope = a * (1.0 - a)
            else:  # the notebook's sigma'(a): sigmoid of the activated output
                s = 1.0 / (1.0 + exp(-a))
                slope = s * (1.0 - s)
            delta = error * slope
            g1 += delta * x1
            g2 += delta * x2
            gb += delta
            squares += error * error
        n1, n2, nb = w1 - lr * g1, w2 - lr * g2, b - lr * gb
        if not (finite(n1) and finite(n2) and finite(nb)):
            stopped = step  # a lone network has nothing left to do: end the call here
            break
        losses.append(squares / len(rows))
        if record:
            history.append((w1, w2, b))
        w1, w2, b = n1, n2, nb
    params["w"][0] = (w1, w2)
    params["b"][0] = b
    history = np.array(history, dtype=float).reshape(-1, 1, 3) if record else None
    return np.array(losses, dtype=float).reshape(-1, 1), history, np.array([stopped])


def many_neurons(params, x, y, mode, rate, steps, record):
    """N single neurons. Arrays are laid out (rows, networks), so that each NumPy
    call works on all networks at once and sums over rows add whole vectors;
    the parameters are one (3, N) array (w1, w2, bias), and the inputs get a
    column of ones for the bias."""
    n, rows = x.shape[0], x.shape[1]
    features = np.stack([x[:, :, 0].T, x[:, :, 1].T, np.ones((rows, n))])  # (3, R, N)
    negated = -features  # so the product below is -z, ready for exp(-z)
    active = rate > 0  # a network at its end (rate 0) keeps its state and is never "stopped"
    features[:, :, ~active] = 0.0  # its gradient is then 0 (NaN only if its outputs are)
    targets = y.T.copy()
    weights = np.stack([params["w"][:, 0], params["w"][:, 1], params["b"]])  # (3, N)
    new, grad = np.empty_like(weights), np.empty_like(weights)
    zeros = np.zeros(weights.size)  # x * 0 is 0 for a finite x, NaN for inf or NaN: see below
    a, error, slope, tmp = (np.empty((rows, n)) for _ in range(4))
    losses = np.empty((steps, n))
    history = np.empty((steps, n, 3)) if record else None
    stopped = np.full(n, -1)
    for k in range(steps):
        np.einsum("krn,kn->rn", negated, weights, out=a)  # -z for every row and network
        np.exp(a, out=a)  # overflow gives inf and then a = 0: right, and warnings are off
        a += 1.0
        np.reciprocal(a, out=a)
        np.subtract(a, targets, out=error)
        np.einsum("rn,rn->n", error, error, out=losses[k])
        _slope(a, mode, slope, tmp)
        error *= slope  # now the per-row delta, dL/dz
        np.einsum("krn,rn->kn", features, error, out=grad)  # summed over rows in order, as one neuron does
        grad *= rate  # the rate after the sum, as one neuron does: (lr*x)*delta could overflow elsewhere
        np.subtract(weights, grad, out=new)
        # every value times 0, summed: 0 when all are finite, NaN when one is not, and a sum
        # of zeros cannot overflow; one BLAS pass, cheaper than isfinite and all
        if np.dot(new.reshape(-1), zeros) != 0.0:  # rare: find the networks that broke, freeze them
            broken = ~np.all(np.isfinite(new), axis=0)
            new[:, broken] = weights[:, broken]
            stopped[broken & active & (stopped < 0)] = k + 1
            features[:, :, broken] = 0.0
        if record:
            history[k] = weights.T
        weights, new = new, weights
    params["w"][:, 0], params["w"][:, 1], params["b"][:] = weights
    losses /= rows
    return losses, history, stopped


def _slope(a, mode, out, tmp):
    """model.slope in place: a(1-a) for exact; the notebook's sigma(a)(1 - sigma(a))
    written as e / (1 + e)^2 with e = exp(-a), which takes fewer passes."""
    if mode == "exact":
        np.subtract(1.0, a, out=out)
        out *= a
        return
    np.negative(a, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=tmp)
    np.square(tmp, out=tmp)
    out /= tmp


def hidden_layer(params, x, y, mode, rate, steps, record):
    """Networks with a hidden layer: model.gradients, one batched step at a time."""
    n = len(rate)
    losses = np.empty((steps, n))
    history = np.empty((steps, n, flatten(params).shape[1])) if record else None
    stopped, rate = np.full(n, -1), rate.copy()
    active = rate > 0  # a network at its end (rate 0) keeps its state and is never "stopped"
    for k in range(steps):
        grads, losses[k] = gradients(params, x, y, mode)
        if record:
            history[k] = flatten(params)
        new = {key: value - rate.reshape((n,) + (1,) * (value.ndim - 1)) * grads[key]
               for key, value in params.items()}
        if not all(np.isfinite(v).all() for v in new.values()):
            broken = ~np.all(np.isfinite(flatten(new)), axis=1)
            for key in new:
                new[key][broken] = params[key][broken]
            stopped[broken & active & (stopped < 0)] = k + 1
            rate[broken] = 0.0
        params.update(new)
    return losses, history, stopped


def pick(hidden: int, networks: int):
    if hidden:
        return hidden_layer
    return single_neuron if networks == 1 else many_neurons
