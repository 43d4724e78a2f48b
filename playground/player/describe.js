// The player's state in words, for a screen reader (the live region) and for the charts'
// text alternatives. Pure: numbers in, sentences out.

import {count, sci} from "./format.js";

// A number short enough to hear: two significant figures, or scientific when it is tiny.
export function spoken(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  if (Math.abs(x) >= 0.001 && Math.abs(x) < 1e5) return String(Number(x.toPrecision(2)));
  return sci(x, 1).replace(/e([+-])0*(\d)/, "e$1$2").replace("e+", "e");
}

// Falling, rising or flat, from one MSE to the next (a change under 1% is flat).
export function trend(before, now) {
  if (!Number.isFinite(before) || !Number.isFinite(now) || before === now) return "flat";
  const change = (now - before) / Math.max(Math.abs(before), 1e-300);
  if (Math.abs(change) < 0.01) return "flat";
  return change < 0 ? "falling" : "rising";
}

// Where a single neuron's decision line w1 x1 + w2 x2 + bias = 0 crosses the axis it is
// closer to crossing at a right angle (a nearly level line: where it meets the x2 axis).
export function lineWords(p, hidden, hasLine) {
  if (!hasLine) return "no decision line on the map";
  if (hidden > 0) return "the decision line bends (a hidden layer)";
  const [w1, w2, bias] = p;
  if (Math.abs(w2) >= Math.abs(w1)) return `decision line crosses x2 at ${spoken(-bias / w2)}`;
  return `decision line crosses x1 at ${spoken(-bias / w1)}`;
}

export function verdictWords(verdict) {
  if (verdict.stuck) return "stuck: the output is 0.5 everywhere";
  if (verdict.right === verdict.rows) return `all ${count(verdict.rows)} rows right`;
  return `${count(verdict.right)} of ${count(verdict.rows)} rows right`;
}

// "Epoch 120: MSE 0.043, falling; 3 of 4 rows right; decision line crosses x1 at 0.4."
export function stateSentence({epoch, mse, before, verdict, line}) {
  const direction = before === undefined ? "" : `, ${trend(before, mse)}`;
  return `Epoch ${count(epoch)}: MSE ${spoken(mse)}${direction}; ${verdictWords(verdict)}; ${line}.`;
}

// The error chart now: "Error by epoch, drawn up to epoch 120 of 10,000: from 0.26 at epoch 0 to 0.043."
export function mseWords(run, frame, ghost) {
  const epoch = run.epochOf(frame);
  let text = `Error (MSE) by epoch, drawn up to epoch ${count(epoch)} of ${count(run.reached)}: ` +
    `from ${spoken(run.mse(0))} at epoch 0 to ${spoken(run.mse(frame))}.`;
  if (run.segments.length > 1) {
    text += ` The learning rate changed: ${run.segments.map((s) => `${s.label} from epoch ${count(s.from)}`).join(", ")}.`;
  }
  if (ghost) text += ` Dotted: ${ghost.label}, which ended at ${spoken(ghost.mse[ghost.mse.length - 1])}.`;
  return text;
}

export function weightsWords(run, frame) {
  const now = run.params(frame);
  const first = run.params(0);
  const parts = run.curves.map((c) => `${c.name} from ${spoken(first[c.column])} to ${spoken(now[c.column])}`);
  return `Weights by epoch, up to epoch ${count(run.epochOf(frame))}: ${parts.join(", ")}.`;
}

export function mapWords(run, frame, z, line) {
  let low = Infinity;
  let high = -Infinity;
  for (const v of z) { low = Math.min(low, v); high = Math.max(high, v); }
  const zeros = run.targets.filter((t) => t < 0.5).length;
  return `Output over the inputs at epoch ${count(run.epochOf(frame))}: from ${spoken(low)} to ` +
    `${spoken(high)} across the map; ${line}. Rows: ${zeros} with target 0 (circles), ` +
    `${run.targets.length - zeros} with target 1 (squares).`;
}

// Epochs to list in a chart's table: 0, 1, 2, 5, 10, 20, 50, ... up to `last`, and `last`.
export function tableEpochs(last) {
  const out = [0];
  for (let p = 1; p <= last; p *= 10) for (const k of [1, 2, 5]) if (k * p <= last) out.push(k * p);
  if (out[out.length - 1] !== last) out.push(last);
  return [...new Set(out)];
}
