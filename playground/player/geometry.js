// Where things go on a chart, in CSS pixels. Plotly draws a chart's axes from these
// numbers (explicit size, margins and ranges: nothing left for it to work out), and the
// painters draw what moves with the very same numbers, so the two always line up.

// The plot area inside a chart of width x height with these margins.
export function plotArea(width, height, margin) {
  return {left: margin.l, top: margin.t, width: Math.max(width - margin.l - margin.r, 1),
          height: Math.max(height - margin.t - margin.b, 1)};
}

// A function from data to pixels along one axis. `range` is in Plotly's units: data
// values for a linear axis, powers of ten for a log axis.
export function scale(type, range, start, length, flip = false) {
  const [low, high] = range;
  const span = high - low || 1;
  const toUnit = type === "log" ? (v) => (v > 0 ? Math.log10(v) : -Infinity) : (v) => v;
  return (v) => {
    const t = (toUnit(v) - low) / span;
    return flip ? start + length * (1 - t) : start + length * t;
  };
}

// The data -> pixel functions of a plot area (y grows upwards, as on paper).
export function projector(area, xaxis, yaxis) {
  return {
    area,
    x: scale(xaxis.type || "linear", xaxis.range, area.left, area.width),
    y: scale(yaxis.type || "linear", yaxis.range, area.top, area.height, true),
  };
}

// The part of a plot area that keeps one unit the same length on both axes (the map
// of inputs must not stretch), centred; as Plotly domains (fractions of the area).
export function squareDomains(area, xRange, yRange) {
  const unit = Math.min(area.width / (xRange[1] - xRange[0]), area.height / (yRange[1] - yRange[0]));
  const width = unit * (xRange[1] - xRange[0]);
  const height = unit * (yRange[1] - yRange[0]);
  const x0 = (area.width - width) / 2 / area.width;
  const y0 = (area.height - height) / 2 / area.height;
  return {x: [x0, 1 - x0], y: [y0, 1 - y0],
          area: {left: area.left + x0 * area.width, top: area.top + y0 * area.height, width, height}};
}

// The MSE axis: on a log scale, whole powers of ten around every positive value (so the
// axis does not move while the curve grows); on a linear one, from 0 to a little above the top.
export function mseRange(values, log) {
  let low = Infinity;
  let high = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v > 0 && v < low) low = v;
    if (v > high) high = v;
  }
  if (!log) return [0, high > 0 ? high * 1.05 : 1];
  if (low === Infinity) return [-2, 0];
  const top = Math.ceil(Math.log10(high) - 1e-9) || 0;  // a power of ten itself is the edge (and -0 is 0)
  const bottom = Math.floor(Math.log10(low) + 1e-9) || 0;
  return [Math.min(bottom, top - 1), top];
}

// A value axis around every finite value, with a little room above and below.
export function valueRange(values) {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (low === Infinity) return [-1, 1];
  const pad = (high - low) * 0.06 || Math.max(Math.abs(high) * 0.1, 0.5);
  return [low - pad, high + pad];
}

// The epoch axis follows the pacing (clock.js): evenly spaced epochs, or with early
// pacing log(1 + epoch / scale), so that the curve grows across the chart at the pace
// it plays instead of crawling along the left edge for the first seconds.
export function epochAxis(kind, epochs, scale, label = (n) => String(n)) {
  const top = Math.max(epochs, 1);
  if (kind === "even") return {at: (e) => e, range: [0, top], title: "Epoch"};
  const at = (e) => Math.log1p(Math.max(e, 0) / scale);
  const candidates = [0];
  for (let p = 1; p <= top; p *= 10) candidates.push(p, 2 * p, 5 * p);
  const ticks = [];
  for (const e of [...candidates.filter((e) => e < top), top]) {
    const last = ticks[ticks.length - 1];
    if (last === undefined || at(e) - at(last) >= 0.13 * at(top)) ticks.push(e);
    else if (e === top) ticks[ticks.length - 1] = top;  // the end always gets its label
  }
  return {at, range: [0, at(top)], tickvals: ticks.map(at), ticktext: ticks.map(label),
          title: "Epoch (early epochs spread out)"};
}
