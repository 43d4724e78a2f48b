"""What a setup costs the shared server to train, estimated: the pages bound their work
by it (rows x hidden units x epochs x networks), not by epochs alone, so that no link
can take more than about PAGE_SECONDS of the server's CPU. Pure: no Streamlit here.

bench/pages.py measures the truth beside these estimates.
"""

from __future__ import annotations

from dataclasses import dataclass

from tinynet import Config

PAGE_SECONDS = 1.0  # the server CPU one page may take, estimated: the server is shared


@dataclass(frozen=True)
class Kernel:
    """Microseconds of server CPU per epoch in one of tinynet's kernels (tinynet/kernels.py),
    measured on this project's 2-core machine; bench/pages.py prints the truth beside them."""

    step: float  # per epoch and gradient mode: the kernel's own NumPy calls, whatever the size
    network: float  # per network
    row: float  # per network and row
    unit: float  # per network, row and hidden unit


# one network in plain floats, priced at its slowest path: a row whose exp(-z) overflows (a
# caught exception), which a link can ask for on every row
ONE_NEURON = Kernel(step=1.0, network=0.0, row=0.45, unit=0.0)
NEURONS = Kernel(step=20.0, network=0.035, row=0.013, unit=0.0)  # many single neurons, as arrays (ditto)
HIDDEN_LAYER = Kernel(step=90.0, network=0.5, row=0.055, unit=0.0125)  # hidden layers, batched


def kernel_for(setup: Config, networks: int) -> Kernel:
    """The kernel tinynet.kernels.pick runs for a batch of `networks` networks like `setup`."""
    return HIDDEN_LAYER if setup.hidden else NEURONS if networks > 1 else ONE_NEURON


def network_seconds(setup: Config, kernel: Kernel) -> float:
    """One epoch of one more network like `setup` in a batch run by `kernel`."""
    return (kernel.network + len(setup.inputs) * (kernel.row + setup.hidden * kernel.unit)) * 1e-6


def epoch_seconds(setup: Config, networks: int = 1, modes: int = 1) -> float:
    """Estimated server CPU for one epoch of `networks` networks shaped like `setup` (its
    rows and hidden units), split over `modes` gradient modes as tinynet's Trainer splits them."""
    kernel = kernel_for(setup, networks)
    return modes * kernel.step * 1e-6 + networks * network_seconds(setup, kernel)


def training_seconds(setup: Config, networks: int = 1, modes: int = 1) -> float:
    """Estimated server CPU to train `networks` networks like `setup` for its epochs."""
    return setup.epochs * epoch_seconds(setup, networks, modes)


def affordable_epochs(setup: Config, runs: int = 1, budget: float = PAGE_SECONDS) -> int:
    """The setup's epochs, or fewer (two significant digits) so that `runs` runs of it
    train within `budget` seconds."""
    per_epoch = runs * epoch_seconds(setup)
    if setup.epochs * per_epoch <= budget:
        return setup.epochs
    return round_down(int(budget / per_epoch))


def round_down(n: int) -> int:
    """n rounded down to two significant digits (12,345 -> 12,000): links a few epochs
    apart then share one bounded computation."""
    unit = 10 ** max(len(str(n)) - 2, 0)
    return n // unit * unit
