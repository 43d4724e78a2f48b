"""tinynet: the classic notebook's sigmoid neuron, exact and fast, in pure NumPy.

    >>> from tinynet import Config, train
    >>> run = train(Config())          # the notebook's network
    >>> run.weights, run.bias          # (array([-0.41953547,  8.98887811]), -4.19706343...)
"""

from .codec import format_value, from_strings, parse, to_strings
from .config import FIELDS, Config
from .gradcheck import GradientCheck, gradient_check
from .model import loss_landscape, output_grid, sigmoid
from .presets import PRESETS
from .segments import Segment
from .train import Run, Trainer, predict, replay, resume, train, train_many
from .verdict import MARGIN, network_verdict, row_verdicts
from .vocabulary import VOCABULARY

__all__ = [
    "FIELDS", "MARGIN", "PRESETS", "VOCABULARY", "Config", "GradientCheck", "Run", "Segment", "Trainer",
    "format_value", "from_strings", "gradient_check", "loss_landscape", "network_verdict", "output_grid",
    "parse", "predict", "replay", "resume", "row_verdicts", "sigmoid", "to_strings", "train", "train_many",
]
