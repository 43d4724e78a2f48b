"""The batched and resumable trainers give the same runs as train() one by one."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tinynet import PRESETS, Config, Trainer, resume, train, train_many


def random_configs(count, hidden=0, seed=0):
    rng = np.random.default_rng(seed)
    for i in range(count):
        rows = int(rng.integers(1, 6)) if hidden == 0 else 4
        yield Config(
            inputs=tuple(map(tuple, rng.uniform(-2, 2, (4, 2)))) if hidden else
            tuple(map(tuple, rng.uniform(-2, 2, (rows, 2)))),
            targets=tuple(rng.uniform(0, 1, 4 if hidden else rows)),
            w1=float(rng.normal()), w2=float(rng.normal()), bias=float(rng.normal()),
            lr=float(10 ** rng.uniform(-3, 1)), epochs=int(rng.integers(0, 400)),
            gradient=("notebook", "exact")[i % 2], hidden=hidden, seed=i,
        )


def assert_same_run(one, other, rel=1e-9):
    assert one.epoch == other.epoch and one.diverged_at == other.diverged_at
    # a loss near 1e-22 differs in its last bits between kernels: compare it absolutely
    np.testing.assert_allclose(other.losses, one.losses, rtol=rel, atol=1e-15 if rel else 0)
    for key in one.params:
        np.testing.assert_allclose(other.params[key], one.params[key], rtol=rel, atol=1e-12)


@pytest.mark.parametrize("hidden", [0, 2])
def test_train_many_equals_train_one_by_one(hidden):
    # same rows per batch: group the random single-neuron configs by row count
    configs = list(random_configs(60, hidden=hidden))
    by_rows = {}
    for c in configs:
        by_rows.setdefault(len(c.inputs), []).append(c)
    for group in by_rows.values():
        for config, batched in zip(group, train_many(group, record=True)):
            single = train(config, record=True)
            assert_same_run(single, batched)
            np.testing.assert_allclose(batched.history, single.history, rtol=1e-9, atol=1e-12)


def test_train_many_rejects_mixed_shapes():
    with pytest.raises(ValueError, match="configs"):
        train_many([Config(), Config(hidden=2)])


@pytest.mark.parametrize("hidden", [0, 3])
def test_resumable_trainer_in_uneven_chunks_equals_one_train(hidden):
    config = Config(hidden=hidden, epochs=1000, gradient="exact", lr=0.5)
    whole = train(config, record=True)
    trainer, done = Trainer([config], record=True), 0
    for chunk in [1, 0, 7, 250, 3, 500, 10_000]:
        trainer.advance(chunk)
        done = min(done + chunk, 1000)  # counted here, apart from the trainer
        snapshot = trainer.run()
        assert snapshot.epoch == trainer.epoch == done
        np.testing.assert_array_equal(snapshot.losses, whole.losses[: done + 1])
    assert trainer.done
    assert_same_run(whole, trainer.run(), rel=0)
    np.testing.assert_array_equal(trainer.run().history, whole.history)


def test_resume_with_a_new_learning_rate_carries_on_from_that_epoch():
    run = train(Config(epochs=2000), record=True)
    branched = resume(run, 700, Config(epochs=2000, lr=0.5)).run_to_end().run()
    np.testing.assert_array_equal(branched.losses[:701], run.losses[:701])
    np.testing.assert_array_equal(branched.history[:701], run.history[:701])
    # the same as training 700 epochs, then 1300 more at lr 0.5 from that state
    state = run.params_at(700)
    again = train(Config(epochs=1300, lr=0.5, w1=state["w"][0], w2=state["w"][1], bias=float(state["b"])))
    np.testing.assert_allclose(branched.weights, again.weights, rtol=1e-12)
    assert branched.losses[-1] == pytest.approx(again.losses[-1], rel=1e-12)


def test_a_run_records_its_segments_and_resume_cuts_them_at_the_epoch():
    run = train(Config(epochs=100), record=True)
    assert run.segments == ((0, 0.05, "notebook"),)
    assert train_many([Config(lr=0.5), Config(lr=0.7, gradient="exact")])[1].segments == ((0, 0.7, "exact"),)
    twice = resume(resume(run, 30, Config(epochs=100, lr=5.0)).run_to_end().run(), 60,
                   Config(epochs=100, lr=1.0, gradient="exact")).run_to_end().run()
    assert twice.segments == ((0, 0.05, "notebook"), (30, 5.0, "notebook"), (60, 1.0, "exact"))
    # carrying on from epoch 20 of that run drops the changes made after it
    again = resume(twice, 20, Config(epochs=100, lr=2.0)).run_to_end().run()
    assert again.segments == ((0, 0.05, "notebook"), (20, 2.0, "notebook"))
    assert again.segments[1].first_epoch == 20 and again.segments[1].lr == 2.0  # named fields


def test_snapshots_are_copies():
    trainer = Trainer([Config(epochs=100)])
    trainer.advance(10)
    first = trainer.run()
    trainer.advance(10)
    assert first.epoch == 10 and trainer.run().epoch == 20
    assert first.weights.tolist() != trainer.run().weights.tolist()


def test_zero_epochs_gives_the_initial_state():
    run = train(Config(epochs=0))
    assert run.epoch == 0 and len(run.losses) == 1
    assert run.weights.tolist() == [0.1, 0.2] and run.bias == 0.3


def test_xor_needs_a_hidden_layer():
    """One line cannot split XOR: by symmetry the single neuron's best is an output of
    0.5 for every row, an MSE of exactly 1/4. Four hidden units solve it from each seed."""
    xor = PRESETS["xor"].config.replace(gradient="exact", lr=1.0)
    single = train(xor)
    assert single.mse == pytest.approx(0.25, abs=1e-12)
    assert single.predictions.tolist() == pytest.approx([0.5] * 4, abs=1e-9)
    for seed in range(5):
        assert train(xor.replace(hidden=4, seed=seed)).mse < 1e-3


def test_divergence_is_reported_with_the_last_finite_state():
    # a huge input and the largest learning rate: the first update overflows w1
    config = Config(inputs=((1e308, 0), (0, 1)), targets=(0.5, 1), lr=100, epochs=100_000)
    for run in [train(config, record=True), train_many([config, config.replace(lr=1e-3)])[0]]:
        assert run.diverged_at is not None and run.epoch == run.diverged_at - 1
        assert np.all(np.isfinite(run.weights)) and np.isfinite(run.bias)
        assert len(run.losses) == run.epoch + 1
    # the other network of the batch carries on to its end
    assert train_many([config, config.replace(lr=1e-3)])[1].epoch == 100_000


def test_huge_but_finite_weights_do_not_diverge():
    """The issue's example. By hand: rows [0,1] and [1,1] give z >= 1e308, so a = 1 = target
    there; [1,0] gives a = 1 against target 0, a gradient of about 0.2 for w1, and
    0.05 * 0.2 is far below the spacing of floats near 1e308: the weights never move."""
    config = Config(w1=1e308, w2=1e308, bias=0.0)
    for run in [train(config), train_many([Config(), config])[1]]:
        assert run.diverged_at is None and run.epoch == 10_000
        assert run.weights.tolist() == [1e308, 1e308] and np.isfinite(run.bias)


# magnitudes from 1 to the largest float, both signs, and the largest float itself
magnitude = st.one_of(
    st.builds(lambda sign, digits, power: sign * digits * 10.0**power,
              st.sampled_from([1.0, -1.0]), st.floats(1, 1.7976931348623157), st.integers(0, 308)),
    st.sampled_from([1.7976931348623157e308, -1.7976931348623157e308, 0.0]),
    st.floats(-10, 10))


@st.composite
def huge_setups(draw):
    hidden = draw(st.sampled_from([0, 0, 1, 3]))
    rows = 4 if hidden else draw(st.integers(1, 4))
    return Config(inputs=[(draw(magnitude), draw(magnitude)) for _ in range(rows)],
                  targets=[draw(st.sampled_from([0.0, 1.0, 0.5])) for _ in range(rows)],
                  w1=draw(magnitude), w2=draw(magnitude), bias=draw(magnitude),
                  lr=draw(st.sampled_from([1e-3, 0.05, 1.0, 100.0])), epochs=draw(st.integers(1, 25)),
                  gradient=draw(st.sampled_from(["notebook", "exact"])), hidden=hidden,
                  seed=draw(st.integers(0, 9)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config=huge_setups(), lr=st.sampled_from([1e-3, 1.0, 100.0]))
def test_a_setup_diverges_at_the_same_epoch_alone_and_in_a_batch(config, lr):
    """Neighbours that end later (so this one sits at rate 0 for a while) and one that
    overflows at once must not change when, or whether, this network diverges."""
    later = config.replace(epochs=config.epochs + 10, lr=lr)
    blows_up = config.replace(inputs=[(1.7e308, 1.7e308)] * len(config.inputs), w1=1.7e308, lr=100.0)
    alone = train(config)
    for batched in (train_many([later, config, blows_up])[1], train_many([config])[0]):
        assert batched.diverged_at == alone.diverged_at and batched.epoch == alone.epoch
        for key in alone.params:
            np.testing.assert_allclose(batched.params[key], alone.params[key], rtol=1e-9, atol=0)
        np.testing.assert_allclose(batched.losses, alone.losses, rtol=1e-9, atol=1e-300)


def test_negative_control_a_setup_that_truly_overflows_diverges_in_every_kernel():
    """By hand: at z = 0, a = 0.5 against target 0 gives delta = 0.5 * 0.25, so the gradient of
    w1 is 0.125 * 1.7e308 and 100 times that is beyond the largest float: update 1 overflows."""
    config = Config(inputs=((1.7e308, 0.0), (0.0, 1.0)), targets=(0.0, 1.0), w1=0.0, w2=0.0, bias=0.0,
                    lr=100.0, epochs=5, gradient="exact")
    for run in [train(config), train_many([config, config.replace(lr=0.001)])[0]]:
        assert run.diverged_at == 1 and run.epoch == 0 and run.weights.tolist() == [0.0, 0.0]
    # the hidden layer: a unit started unsaturated (1e-308 * 1.7e308 = 1.7) passes a gradient
    # of order 0.01 * 1.7e308 back to its weight from x1; times 100 it overflows too
    start = {"w": np.ones((2, 1)), "b": np.zeros(2), "hw": np.tile([[[1e-308], [0.0]]], (2, 1, 1)),
             "hb": np.zeros((2, 1))}
    hidden = config.replace(hidden=1)
    for run in Trainer([hidden, hidden.replace(lr=1e-300)], start=start).run_to_end().runs():
        assert (run.diverged_at, run.epoch) == ((1, 0) if run.config.lr == 100 else (None, 5))
