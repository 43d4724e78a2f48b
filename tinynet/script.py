"""The training script a teacher hands out, as steps: each an explanation and the code
that does it. export.py turns the steps into a .py file (explanations become comments)
or a notebook (they become markdown cells).

The script starts from exactly the setup's floats (written with repr), and a run
changed mid-way in the playground (spliced: Run.segments) switches learning rate and
gradient at the same epochs, so it ends with the same weights as the page.
"""

from __future__ import annotations

from .config import Config
from .segments import check_segments


def steps(config: Config, segments=None) -> list[tuple[str, str]]:
    """(markdown, code) pairs that train `config` from scratch; code may be empty.
    segments: the run's (first_epoch, lr, gradient) when it was changed mid-run
    (Run.segments); by default the config's own rate and gradient throughout."""
    c, h = config, config.hidden
    plan = check_segments(config, segments)
    first, spliced = plan[0], len(plan) > 1
    shape = "one sigmoid neuron" if not h else f"a 2-{h}-1 network (a hidden layer of {h} sigmoid units)"
    out = [(
        "# Train a tiny neural network with NumPy\n\n"
        f"Exported from the tinynet playground. This replays one training run from scratch: "
        f"{shape}, {_schedule(plan, c.epochs)}. It needs nothing but NumPy, and it ends with "
        "the learned parameters in `weights` and `bias`.",
        "",
    ), (
        "## The data\n\nEach row of `inputs` is one example, (x1, x2). `targets` holds the "
        "answer we want the network to give for that row, a number from 0 to 1.",
        "import numpy as np\n\ninputs = np.array([\n"
        + "".join(f"    [{x1!r}, {x2!r}],\n" for x1, x2 in c.inputs)
        + f"])\ntargets = np.array([{', '.join(repr(t) for t in c.targets)}])",
    ), (
        "## The settings\n\nThe learning rate scales every update: too small and learning "
        "crawls, too large and the numbers jump around or blow up. One epoch is one update "
        "computed from all rows together." + (_CHANGES_PROSE if spliced else ""),
        f"learning_rate = {first.lr!r}\nepochs = {c.epochs!r}" + (_changes(plan) if spliced else ""),
    ), _starting_values(c), (
        "## Helper functions\n\n`sigmoid` squeezes any number into the range 0 to 1; "
        "clipping its input keeps `exp` from overflowing without changing any result "
        "(beyond ±709 the output is already 0 or 1 to double precision). `slope` is the "
        "factor the chain rule needs from the sigmoid at each output `a`. " + _slope_prose(plan),
        "def sigmoid(z):\n    return 1.0 / (1.0 + np.exp(-np.clip(z, -709.0, 709.0)))\n\n\n"
        + _slope_code(plan),
    ), (
        "## Training\n\nEvery epoch runs the rows forward, measures each row's error "
        "(output minus target), turns it into `delta`, how much that row wants the sum "
        "feeding the output to change, and moves every parameter a small step against its "
        "gradient. The loss being descended is half the sum of squared errors. If a step "
        "would overflow (a learning rate far too large), training stops and keeps the last "
        "finite values.",
        _loop(_HIDDEN_LOOP if h else _NEURON_LOOP, spliced),
    ), (
        "## The result\n\nThe learned parameters, the mean squared error over the rows, and "
        "what the network now outputs for each row.",
        f"outputs = {_FORWARD_HIDDEN if h else _FORWARD}\n"
        "print('weights:', weights)\nprint('bias:', bias)\n"
        "print('mean squared error:', np.mean((outputs - targets) ** 2))\n"
        "for (x1, x2), target, output in zip(inputs, targets, outputs):\n"
        "    print(f'x1={x1:g} x2={x2:g}  target={target:g}  output={output:.6f}')",
    )]
    return out


def _starting_values(c: Config) -> tuple[str, str]:
    if not c.hidden:
        return ("## Starting values\n\nOne weight per input and a bias: the neuron computes "
                "sigmoid(w1·x1 + w2·x2 + bias).",
                f"weights = np.array([{c.w1!r}, {c.w2!r}])  # w1 for x1, w2 for x2\nbias = {c.bias!r}")
    return ("## Starting values\n\nA hidden layer cannot start with equal weights (every unit "
            "would learn the same thing), so they are drawn at random from a seeded generator: "
            "first the hidden weights, then the output weights, uniform between -1 and 1. "
            "Biases start at 0. The same seed always gives the same numbers.",
            f"rng = np.random.default_rng({c.seed!r})\n"
            f"hidden_weights = rng.uniform(-1.0, 1.0, (2, {c.hidden}))  # row 0 from x1, row 1 from x2\n"
            f"weights = rng.uniform(-1.0, 1.0, {c.hidden})  # hidden units -> output\n"
            f"hidden_bias = np.zeros({c.hidden})\nbias = 0.0")


_SLOPE_PROSE = {
    "exact": "Here it is the true derivative of the sigmoid, written with its output: "
             "a·(1−a). This is exact gradient descent.",
    "notebook": "Here it copies the original notebook, which evaluates the sigmoid's "
                "derivative at the output `a` itself, sigmoid(a)·(1−sigmoid(a)), instead "
                "of a·(1−a). It still learns, but it is not the true gradient: the factor "
                "never drops below about 0.2, even where the true one vanishes.",
}
_SLOPE_CODE = {
    "exact": "def slope(a):\n    return a * (1.0 - a)",
    "notebook": "def slope(a):\n    s = sigmoid(a)  # the derivative taken at a, as the notebook does\n"
                "    return s * (1.0 - s)",
}
_FORWARD = "sigmoid(inputs @ weights + bias)"
_FORWARD_HIDDEN = "sigmoid(sigmoid(inputs @ hidden_weights + hidden_bias) @ weights + bias)"
_STOP = ("        print(f'stopped at epoch {epoch + 1}: the numbers overflowed; "
         "try a smaller learning rate')\n        break\n")
_NEURON_LOOP = (
    "for epoch in range(epochs):\n"
    f"    outputs = {_FORWARD}\n"
    "    delta = (outputs - targets) * slope(outputs)\n"
    "    new_weights = weights - learning_rate * (delta @ inputs)\n"
    "    new_bias = bias - learning_rate * delta.sum()\n"
    "    if not (np.isfinite(new_weights).all() and np.isfinite(new_bias)):  # each value, not a sum\n"
    + _STOP +
    "    weights, bias = new_weights, new_bias"
)
_HIDDEN_LOOP = (
    "for epoch in range(epochs):\n"
    "    hidden = sigmoid(inputs @ hidden_weights + hidden_bias)  # one column per hidden unit\n"
    "    outputs = sigmoid(hidden @ weights + bias)\n"
    "    delta = (outputs - targets) * slope(outputs)\n"
    "    # the chain rule again: each hidden unit's share of delta, through its output weight\n"
    "    hidden_delta = np.outer(delta, weights) * slope(hidden)\n"
    "    # einsum sums over the rows r in tinynet's order: long runs then match it to the last digits\n"
    "    new = (weights - learning_rate * np.einsum('r,rh->h', delta, hidden),\n"
    "           bias - learning_rate * delta.sum(),\n"
    "           hidden_weights - learning_rate * (inputs.T @ hidden_delta),\n"
    "           hidden_bias - learning_rate * hidden_delta.sum(axis=0))\n"
    "    if not all(np.isfinite(p).all() for p in new):  # each value, not a sum\n" + _STOP +
    "    weights, bias, hidden_weights, hidden_bias = new"
)


def _schedule(plan, epochs: int) -> str:
    """The rates and gradients in words: "the `exact` gradient, 500 epochs at learning rate 0.5",
    or "500 epochs, changed mid-run: epochs 0 to 199 at learning rate 0.05, then at 5.0 from
    epoch 200, the `notebook` gradient throughout"."""
    if len(plan) == 1:
        return f"the `{plan[0].gradient}` gradient, {epochs} epochs at learning rate {plan[0].lr!r}"
    modes = {s.gradient for s in plan}
    said = []
    for s, end in zip(plan, [*(t.first_epoch for t in plan[1:]), epochs]):
        mode = f" with the `{s.gradient}` gradient" if len(modes) > 1 else ""
        if not said:
            said.append(f"epochs 0 to {end - 1:,} at learning rate {s.lr!r}{mode}")
        else:
            said.append(f"then at {s.lr!r}{mode} from epoch {s.first_epoch:,}")
    plain = f", the `{plan[0].gradient}` gradient throughout" if len(modes) == 1 else ""
    return f"{epochs} epochs, changed mid-run: " + ", ".join(said) + plain


_CHANGES_PROSE = (" This run was changed mid-way, as it was in the playground: from each epoch in "
                  "`changes` on, training carries on with that learning rate and gradient.")


def _changes(plan) -> str:
    listed = ", ".join(f"{s.first_epoch!r}: ({s.lr!r}, {s.gradient!r})" for s in plan[1:])
    return f"\nchanges = {{{listed}}}  # epoch: (learning rate, gradient) from that epoch on"


def _loop(loop: str, spliced: bool) -> str:
    if not spliced:
        return loop
    change = ("    if epoch in changes:  # the run was changed here: carry on with the new settings\n"
              "        learning_rate, gradient = changes[epoch]\n"
              "        slope = slopes[gradient]\n")
    head = "for epoch in range(epochs):\n"
    return head + change + loop[len(head):]


def _modes(plan) -> list[str]:
    return list(dict.fromkeys(s.gradient for s in plan))  # in order of first use


def _slope_prose(plan) -> str:
    modes = _modes(plan)
    if len(plan) == 1:
        return _SLOPE_PROSE[modes[0]]
    return (f"There is one `slope` for each gradient this run used ({', '.join(modes)}); "
            "`slopes` finds it by name. "
            + " ".join(_SLOPE_PROSE[m].replace("Here it ", f"`slope_{m}` ", 1) for m in modes))


def _slope_code(plan) -> str:
    modes = _modes(plan)
    if len(plan) == 1:
        return _SLOPE_CODE[modes[0]]
    named = "\n\n\n".join(_SLOPE_CODE[m].replace("def slope(", f"def slope_{m}(") for m in modes)
    table = ", ".join(f"{m!r}: slope_{m}" for m in modes)
    return f"{named}\n\n\nslopes = {{{table}}}\nslope = slopes[{plan[0].gradient!r}]"
