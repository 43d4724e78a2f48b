import assert from "node:assert/strict";
import {test} from "node:test";
import {cases, load, needsCases} from "./cases.mjs";

const {hasDecisionLine, networkVerdict, output, outputsOnGrid, rowVerdict, sigmoid} = await load("net.js");

test("the forward pass gives tinynet's outputs for random networks, hidden layers included", needsCases, () => {
  for (const c of cases.forward) {
    c.points.forEach(([x1, x2], i) => {
      const got = output(c.params, c.hidden, x1, x2);
      assert.ok(Math.abs(got - c.outputs[i]) <= 1e-12, `H=${c.hidden} point ${i}: ${got} != ${c.outputs[i]}`);
    });
  }
});

test("the rule for right, wrong and unsure is tinynet's", needsCases, () => {
  for (const c of cases.verdicts) {
    assert.equal(rowVerdict(c.output, c.target, cases.rule.margin), c.verdict, JSON.stringify(c));
  }
  for (const c of cases.networks) {
    const got = networkVerdict(c.outputs, c.targets, cases.rule);
    assert.deepEqual({right: got.right, wrong: got.wrong, unsure: got.unsure, stuck: got.stuck}, c.expected);
  }
});

test("0.4999 against target 0 is not right; a stuck network has no decision line", () => {
  const rule = {margin: 0.1, stuck: 0.01};
  assert.equal(rowVerdict(0.4999, 0, rule.margin), "unsure");
  assert.equal(rowVerdict(0.3, 0, rule.margin), "right");
  assert.equal(rowVerdict(0.7, 0, rule.margin), "wrong");
  assert.equal(networkVerdict([0.4999, 0.5001, 0.5, 0.5], [0, 1, 0, 1], rule).stuck, true);
  // one neuron with (almost) no weights: 0.5 everywhere, rounding noise either side of it
  const flat = outputsOnGrid([1e-6, -1e-6, 0], 0, [-0.5, 0.5, 1.5], [-0.5, 0.5, 1.5]);
  assert.equal(hasDecisionLine(flat, rule.stuck), false);
  const tilted = outputsOnGrid([4, 0, -2], 0, [-0.5, 0.5, 1.5], [-0.5, 0.5, 1.5]);
  assert.equal(hasDecisionLine(tilted, rule.stuck), true);
});

test("sigmoid never overflows", () => {
  assert.equal(sigmoid(-1e308), 1 / (1 + Math.exp(709)));
  assert.equal(sigmoid(1e308), 1);
});
