// Painting what moves, on canvases under the Plotly charts (see charts.js): the curves
// as they grow, the output map's colours and its decision line. About a millisecond a
// frame, where a Plotly redraw costs ten.

import {levelPieces} from "./contour.js";

// A canvas over a chart's plot area (`project.area`), under the chart's SVG.
export function layer(holder, className) {
  let canvas = holder.querySelector(`canvas.${className}`);
  if (!canvas) {
    canvas = document.createElement("canvas");
    canvas.className = `paint ${className}`;
    canvas.setAttribute("aria-hidden", "true");
    holder.prepend(canvas);
  }
  return canvas;
}

// Size the canvas to the plot area at the screen's pixel ratio; return a context whose
// coordinates are the chart's CSS pixels (what project.x and project.y return).
export function prepare(canvas, project) {
  const {left, top, width, height} = project.area;
  const ratio = globalThis.devicePixelRatio || 1;
  Object.assign(canvas.style, {left: `${left}px`, top: `${top}px`, width: `${width}px`, height: `${height}px`});
  const [w, h] = [Math.round(width * ratio), Math.round(height * ratio)];
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, -left * ratio, -top * ratio);
  ctx.clearRect(left, top, width, height);
  return ctx;
}

// One polyline from frame `from` to `to` of a series (value(frame) -> number); returns its
// length in pixels. Points closer than half a pixel to the last one drawn are skipped:
// 10,000 epochs on a 400-pixel chart need about 1,000 of them.
export function tracePath(ctx, project, epochX, epochOf, value, from, to) {
  const {top, height} = project.area;
  const clampY = (y) => Math.min(Math.max(y, top - 4), top + height + 4);  // log(0) and overflow stay on the edge
  let last = null;
  let length = 0;
  for (let f = from; f <= to; f++) {
    const v = value(f);
    if (!Number.isFinite(v)) { last = null; continue; }
    const x = project.x(epochX(epochOf(f)));
    const y = clampY(project.y(v));
    if (last === null) ctx.moveTo(x, y);
    else if (Math.abs(x - last[0]) < 0.5 && Math.abs(y - last[1]) < 0.5 && f !== to) continue;
    else {
      ctx.lineTo(x, y);
      length += Math.hypot(x - last[0], y - last[1]);
    }
    last = [x, y];
  }
  return length;
}

// Curves that grow: paint(upto) adds the frames since the last call, or starts over
// when the student went back. `series`: [{value(frame), color, width, dash?}], the
// `ghost` (the run before a change) is painted first, faint and dotted. A dashed curve
// carries its dash on from piece to piece (lineDashOffset), so it never restarts.
export function curvePainter(canvas, project, epochX, run, series, ghost = null) {
  let ctx = null;
  let drawn = -1;
  let along = series.map(() => 0);  // each curve's length so far
  const start = () => {
    ctx = prepare(canvas, project);
    ctx.lineJoin = "round";
    if (ghost) {
      ctx.beginPath();
      tracePath(ctx, project, epochX, (i) => ghost.epochs[i], (i) => ghost.mse[i], 0, ghost.epochs.length - 1);
      Object.assign(ctx, {strokeStyle: ghost.color, lineWidth: ghost.width, globalAlpha: 0.5});
      ctx.setLineDash([2, 3]);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
    }
    drawn = -1;
    along = series.map(() => 0);
  };
  const paint = (upto) => {
    if (ctx === null || upto < drawn) start();
    if (upto === drawn) return;
    const from = Math.max(drawn, 0);
    series.forEach((s, k) => {
      ctx.beginPath();
      const length = tracePath(ctx, project, epochX, run.epochOf, s.value, from, upto);
      ctx.setLineDash(s.dash || []);
      ctx.lineDashOffset = -along[k];
      Object.assign(ctx, {strokeStyle: s.color, lineWidth: s.width});
      ctx.stroke();
      along[k] += length;
    });
    ctx.setLineDash([]);
    drawn = upto;
    canvas.dataset.frame = String(upto);  // what tests and the benchmark read
  };
  return {paint, reset: () => { ctx = null; drawn = -1; }};
}

// An output scale as 256 [r, g, b] steps for outputs 0..1, blended as Plotly blends.
export function colourRamp(scale, steps = 256) {
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return Array.from({length: steps}, (_, k) => {
    const at = k / (steps - 1);
    const upper = scale.findIndex(([stop]) => stop >= at);
    if (upper <= 0) return rgb(scale[0][1]);
    const [[a, from], [b, to]] = [scale[upper - 1], scale[upper]];
    const t = (at - a) / (b - a);
    return rgb(from).map((v, i) => Math.round(v + (rgb(to)[i] - v) * t));
  });
}

// The output map: one cell per grid point (cells reach half a step past each point, as
// a heatmap's do), and the decision line where the output crosses 0.5, if it truly does.
export function paintMap(canvas, project, grid, z, ramp, line) {
  const ctx = prepare(canvas, project);
  const n = grid.xs.length;
  const cells = canvas.cells || (canvas.cells = Object.assign(document.createElement("canvas"), {width: n, height: grid.ys.length}));
  const image = cells.getContext("2d").createImageData(n, grid.ys.length);
  for (let r = 0; r < grid.ys.length; r++) {
    for (let c = 0; c < n; c++) {
      const v = z[(grid.ys.length - 1 - r) * n + c];  // image rows run top down: largest x2 first
      const [red, green, blue] = ramp[Math.round(Math.min(Math.max(Number.isFinite(v) ? v : 0.5, 0), 1) * (ramp.length - 1))];
      image.data.set([red, green, blue, 255], 4 * (r * n + c));
    }
  }
  cells.getContext("2d").putImageData(image, 0, 0);
  const {xs, ys} = grid;
  const [dx, dy] = [(xs[1] - xs[0]) / 2, (ys[1] - ys[0]) / 2];
  const [left, right] = [project.x(xs[0] - dx), project.x(xs[n - 1] + dx)];
  const [top, bottom] = [project.y(ys[ys.length - 1] + dy), project.y(ys[0] - dy)];
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(cells, left, top, right - left, bottom - top);
  if (line.show) {
    ctx.beginPath();
    for (const [x1, y1, x2, y2] of levelPieces(z, xs, ys, 0.5)) {
      ctx.moveTo(project.x(x1), project.y(y1));
      ctx.lineTo(project.x(x2), project.y(y2));
    }
    Object.assign(ctx, {strokeStyle: "#000", lineWidth: line.width, lineCap: "round"});
    ctx.stroke();
  }
}
