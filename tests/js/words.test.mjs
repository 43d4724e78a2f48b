// The player's words: what a screen reader hears, and the keys that drive it.
import assert from "node:assert/strict";
import {test} from "node:test";
import {load} from "./cases.mjs";

const words = await load("describe.js");
const {shortcut} = await load("keys.js");
const {pitchOf} = await load("sound.js");

test("the state in one sentence: epoch, MSE and its trend, the rows, the decision line", () => {
  const verdict = {right: 3, wrong: 1, unsure: 0, rows: 4, stuck: false};
  assert.equal(words.stateSentence({epoch: 120, mse: 0.0431, before: 0.05, verdict,
                                    line: words.lineWords([2.5, 0, -1], 0, true)}),
               "Epoch 120: MSE 0.043, falling; 3 of 4 rows right; decision line crosses x1 at 0.4.");
  assert.equal(words.stateSentence({epoch: 1002, mse: 1.346e-4, verdict: {...verdict, right: 4, wrong: 0},
                                    line: "no decision line on the map"}),
               "Epoch 1,002: MSE 1.3e-4; all 4 rows right; no decision line on the map.");
});

test("a stuck network is called stuck, and rising, flat and falling are told apart", () => {
  assert.equal(words.verdictWords({right: 0, wrong: 0, unsure: 4, rows: 4, stuck: true}),
               "stuck: the output is 0.5 everywhere");
  assert.equal(words.trend(0.25, 0.2501), "flat");
  assert.equal(words.trend(0.1, 0.2), "rising");
  assert.equal(words.trend(0.2, 0.1), "falling");
});

test("where one neuron's decision line crosses the axes (w1 x1 + w2 x2 + b = 0)", () => {
  assert.equal(words.lineWords([2, 1, -1], 0, true), "decision line crosses x1 at 0.5");  // x2 = 0: x1 = 1/2
  assert.equal(words.lineWords([0, 4, -2], 0, true), "decision line crosses x2 at 0.5");  // level: x2 = 1/2
  // the notebook's end: w2 much larger, so the line is nearly level at x2 = 4.197 / 8.989 = 0.47
  assert.equal(words.lineWords([-0.41953547, 8.98887811, -4.19706344], 0, true), "decision line crosses x2 at 0.47");
  assert.equal(words.lineWords([1, 1, 0], 3, true), "the decision line bends (a hidden layer)");
  assert.equal(words.lineWords([1, 1, 0], 0, false), "no decision line on the map");
});

test("numbers short enough to hear", () => {
  assert.equal(words.spoken(0.26123), "0.26");
  assert.equal(words.spoken(8.98887811), "9");
  assert.equal(words.spoken(3.2e-8), "3.2e-8");
  assert.equal(words.spoken(-123456), "-1.2e5");
});

test("a chart's table lists 0, 1, 2, 5, 10, ... and the epoch on show", () => {
  assert.deepEqual(words.tableEpochs(120), [0, 1, 2, 5, 10, 20, 50, 100, 120]);
  assert.deepEqual(words.tableEpochs(0), [0]);
  assert.deepEqual(words.tableEpochs(10), [0, 1, 2, 5, 10]);
});

const where = {inPlayer: true, onBody: false, typing: false, onButton: false, onSlider: false, onSurface: false,
               modified: false};

test("shortcuts: Space plays, the right arrow steps, Home resets", () => {
  assert.equal(shortcut(" ", where), "play");
  assert.equal(shortcut("ArrowRight", where), "step");
  assert.equal(shortcut("Home", where), "reset");
  assert.equal(shortcut(" ", {...where, inPlayer: false, onBody: true}), "play");  // nothing focused
  assert.equal(shortcut("x", where), null);
});

test("shortcuts never fire while typing, on other controls, or where the key already means something", () => {
  assert.equal(shortcut(" ", {...where, typing: true}), null);  // a student typing a learning rate
  assert.equal(shortcut(" ", {...where, inPlayer: false}), null);  // a Streamlit widget has focus
  assert.equal(shortcut(" ", {...where, onButton: true}), null);  // Space clicks the focused button itself
  assert.equal(shortcut("ArrowRight", {...where, onSlider: true}), null);  // the slider moves itself
  assert.equal(shortcut("ArrowRight", {...where, onSurface: true}), null);  // the 3D view turns
  assert.equal(shortcut("Home", {...where, modified: true}), null);
});

test("the error's pitch: low error low, two octaves over the axis", () => {
  assert.equal(pitchOf(1e-4, [-4, 0]), 220);
  assert.equal(pitchOf(1, [-4, 0]), 880);
  assert.equal(pitchOf(1e-2, [-4, 0]), 440);
  assert.equal(pitchOf(0, [-4, 0]), 220);  // no log of 0: the bottom
  assert.ok(pitchOf(0.05, [-4, 0]) > pitchOf(0.04, [-4, 0]));
});
