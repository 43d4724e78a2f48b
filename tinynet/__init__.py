"""tinynet: the classic notebook's sigmoid neuron, exact and fast, in pure NumPy.

    >>> from tinynet import Config, train
    >>> run = train(Config())          # the notebook's network
    >>> run.weights, run.bias          # (array([-0.41953547,  8.98887811]), -4.19706343...)
"""

from .codec import format_value, from_strings, parse, to_strings
from .config import FIELDS, Config
from .model import loss_landscape, output_grid, sigmoid
from .presets import PRESETS
from .train import Run, Trainer, predict, resume, train, train_many
from .verdict import MARGIN, network_verdict, row_verdicts
from .vocabulary import VOCABULARY

__all__ = [
    "FIELDS", "MARGIN", "PRESETS", "VOCABULARY", "Config", "Run", "Trainer", "format_value",
    "from_strings", "loss_landscape", "network_verdict", "output_grid", "parse", "predict", "resume",
    "row_verdicts", "sigmoid", "to_strings", "train", "train_many",
]
