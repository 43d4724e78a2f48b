// The network's forward pass, for drawing (the server did the training), and the rule
// for calling a row right. The rule's numbers come from tinynet (the payload's facts).

const Z_LIMIT = 709;  // as tinynet.model.sigmoid: exp never overflows

export function sigmoid(z) {
  return 1 / (1 + Math.exp(-Math.min(Math.max(z, -Z_LIMIT), Z_LIMIT)));
}

// Output for one point. Parameters are laid out as tinynet's flatten(): a single neuron
// [w1, w2, bias]; with H hidden units [x1 weights (H), x2 weights (H), hidden biases (H),
// output weights (H), output bias].
export function output(p, H, x1, x2) {
  if (H === 0) return sigmoid(p[0] * x1 + p[1] * x2 + p[2]);
  let z = p[4 * H];
  for (let h = 0; h < H; h++) z += p[3 * H + h] * sigmoid(p[h] * x1 + p[H + h] * x2 + p[2 * H + h]);
  return sigmoid(z);
}

// Outputs over a grid: row r is x2 = ys[r], column c is x1 = xs[c] (row-major).
export function outputsOnGrid(p, H, xs, ys, out = new Float64Array(xs.length * ys.length)) {
  for (let r = 0; r < ys.length; r++) {
    for (let c = 0; c < xs.length; c++) out[r * xs.length + c] = output(p, H, xs[c], ys[r]);
  }
  return out;
}

export function axis(low, high, points) {
  return Float64Array.from({length: points}, (_, i) => low + (high - low) * i / (points - 1));
}

// tinynet.verdict's rule: a row is right when its output is on the target's side of 0.5
// by at least `margin` (compared with the bounds 0.5 +- margin themselves, as tinynet
// does); nearer 0.5 than that, it is unsure (not right).
export function rowVerdict(out, target, margin) {
  if (!(out >= 0.5 + margin || out <= 0.5 - margin)) return "unsure";
  return (out >= 0.5) === (target >= 0.5) ? "right" : "wrong";
}

// The whole network, for plain words: how many rows are right, wrong, unsure, and whether
// it is stuck (every output within `stuck` of 0.5: it has told no row from another).
export function networkVerdict(outputs, targets, rule) {
  const counts = {right: 0, wrong: 0, unsure: 0};
  outputs.forEach((out, i) => { counts[rowVerdict(out, targets[i], rule.margin)]++; });
  const stuck = outputs.length > 0 && outputs.every((out) => out > 0.5 - rule.stuck && out < 0.5 + rule.stuck);
  return {...counts, rows: outputs.length, stuck};
}

// A real decision line exists only where the outputs truly cross 0.5: a grid whose
// outputs all sit within `stuck` of 0.5 has no line, only rounding noise.
export function hasDecisionLine(z, stuck) {
  let below = false;
  let above = false;
  for (const v of z) {
    if (v <= 0.5 - stuck) below = true;
    else if (v >= 0.5 + stuck) above = true;
    if (below && above) return true;
  }
  return false;
}
