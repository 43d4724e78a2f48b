// The player: animates a finished training run in the browser.
//
// The server sends the whole run once (see playground/player.py for `data`).
// Playback then runs here on its own: nothing goes back to the server while it
// plays, so one server can serve a whole class. We tell the server only where the
// student stops (Pause, Step, Reset, scrub, the end), because every value we set
// makes Streamlit rerun the page's script.
//
// This is a Streamlit "v2" component: it lives in the app's own page, not in an
// iframe, so plotly.js loads once per browser tab (not once per page visit) and
// starts loading as soon as the player appears. Streamlit calls the default
// export on every rerun; the DOM and this module's state persist between calls.

const SECONDS_PER_RUN = 3;  // at 1× the whole run plays in about this long
const GRID = 41;            // points per side of the output map and surface
const COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];  // Okabe-Ito: colour-blind safe
// ColorBrewer PuOr: diverging and colour-blind safe; orange = output 0, purple = output 1
const SCALE = [[0, "#b35806"], [0.25, "#f1a340"], [0.45, "#fee0b6"], [0.5, "#f7f7f7"],
               [0.55, "#d8daeb"], [0.75, "#998ec3"], [1, "#542788"]];
const PLOT_CONFIG = {displaylogo: false, responsive: true};

// ---- plotly.js: one <script> for the whole tab, loaded from the plotly package ----

let plotlyLoading = null;

// Streamlit serves its own scripts from <server>/static/js/; the same <server> serves
// component files (also behind a proxy such as Community Cloud's).
function serverBase() {
  const own = Array.from(document.scripts).find((s) => /\/static\/js\/index\.[^/]*\.js$/.test(s.src));
  return own ? own.src.replace(/static\/js\/[^/]*$/, "") : document.baseURI;
}

function loadPlotly(path) {
  if (window.Plotly) return Promise.resolve();
  if (!plotlyLoading) {
    plotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(path, serverBase()).href;
      script.onload = () => { performance.mark("player:plotly"); resolve(); };
      script.onerror = () => { plotlyLoading = null; reject(new Error(`could not load ${script.src}`)); };
      document.head.append(script);
    });
  }
  return plotlyLoading;
}

// ---- The mounted player: its root element, its way to talk to the server ----

let ui = null;  // {root, setStateValue}

const $ = (id) => ui.root.querySelector(`#${id}`);
const readout = (name) => ui.root.querySelector(`[data-testid="${name}"]`);

// Each call reruns the server's script; call it only for the student's own actions.
function tellServer(event, branch = null) {
  ui.setStateValue("value", {epoch: epochOf(state.frame), playing: state.playing, run_id: state.run.id, event, branch});
}

// ---- State ----

let state = fresh();

function fresh() {
  return {
    run: null,        // the decoded run (see decode)
    frame: 0,         // index of the frame on show
    playing: false,
    speed: 1,
    anchor: null,     // {time, epoch} when playback (re)started: the epoch follows the clock
    loop: null,       // a token for the running animation loop, so only one ever runs
    branch: null,     // the last branch request answered
    style: "",        // the look the charts were built with (run id + presenter + theme)
    drawn: -1,        // the frame the page shows, so a frame is drawn only once
    surfaceDrawn: -1, // the frame the 3D chart shows
    outputs: null,    // {run, frame, z}: the last grid of outputs (see outputsAt)
    build: null,      // the chart build under way (see buildCharts)
    built: {rest: false, surface: false},
    latest: null,     // the newest data from the server, drawn once plotly.js is ready
  };
}

function floats(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

function decode(args) {
  const run = {...args, mse: floats(args.mse), params: floats(args.params)};
  // Frame i holds epoch min(i * stride, reached): stride > 1 only for very long runs.
  run.epochs_of_frames = Array.from({length: run.frames}, (_, i) => epochOf(i, run));
  const xs = run.inputs.map((row) => row[0]);
  const ys = run.inputs.map((row) => row[1]);
  run.grid = {x: axis(Math.min(...xs) - 0.5, Math.max(...xs) + 0.5),
              y: axis(Math.min(...ys) - 0.5, Math.max(...ys) + 0.5)};
  return run;
}

function axis(low, high) {
  return Array.from({length: GRID}, (_, i) => low + (high - low) * i / (GRID - 1));
}

function epochOf(frame, run = state.run) {
  return Math.min(frame * run.stride, run.reached);
}

function frameOf(epoch) {
  const run = state.run;
  return epoch >= run.reached ? run.frames - 1 : Math.floor(epoch / run.stride);
}

function paramsAt(frame) {
  const P = state.run.P;
  return state.run.params.subarray(frame * P, (frame + 1) * P);  // a view: no copy
}

// ---- The network's forward pass (display math: the server did the training) ----

function sigmoid(z) {
  return 1 / (1 + Math.exp(-z));
}

// Output for one point. Parameters are laid out as in tinynet's flatten():
// single neuron [w1, w2, bias]; hidden layer [x1 weights (H), x2 weights (H),
// hidden biases (H), output weights (H), output bias].
function output(p, H, x1, x2) {
  if (H === 0) return sigmoid(p[0] * x1 + p[1] * x2 + p[2]);
  let z = p[4 * H];
  for (let h = 0; h < H; h++) {
    z += p[3 * H + h] * sigmoid(p[h] * x1 + p[H + h] * x2 + p[2 * H + h]);
  }
  return sigmoid(z);
}

function surface(p) {
  const {grid, hidden} = state.run;
  return grid.y.map((x2) => grid.x.map((x1) => output(p, hidden, x1, x2)));
}

// The outputs over the grid at one frame, computed once for both the map and the 3D chart.
function outputsAt(frame) {
  const last = state.outputs;
  if (!last || last.run !== state.run || last.frame !== frame) {
    state.outputs = {run: state.run, frame, z: surface(paramsAt(frame))};
  }
  return state.outputs.z;
}

// The 3D chart is a mesh over the same grid: vertex (row r, column c) is r * GRID + c,
// each grid square two triangles. Plotly's "surface" trace would resample a 41 x 41
// grid to about 161 x 161 before drawing, which costs ~150 ms a frame in software
// WebGL; this mesh draws the same shape from the 41 x 41 points themselves.
function meshGrid(grid) {
  const mesh = {x: [], y: [], i: [], j: [], k: []};
  grid.y.forEach((x2) => grid.x.forEach((x1) => { mesh.x.push(x1); mesh.y.push(x2); }));
  for (let r = 0; r < GRID - 1; r++) {
    for (let c = 0; c < GRID - 1; c++) {
      const corner = r * GRID + c;
      mesh.i.push(corner, corner);
      mesh.j.push(corner + 1, corner + GRID + 1);
      mesh.k.push(corner + GRID + 1, corner + GRID);
    }
  }
  return mesh;
}

// ---- Number formats (the tests compare them with Python's "%.3e" and "%.4f") ----

function sci(x) {
  if (!Number.isFinite(x)) return String(x);
  const [mantissa, exponent] = x.toExponential(3).split("e");
  const e = Number(exponent);
  return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

const fixed = (x) => (Number.isFinite(x) ? x.toFixed(4) : String(x));

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;  // touch the DOM only on change
}

// ---- Charts: built once per run, then only the moving parts are updated ----

function look() {
  const presenter = ui.root.classList.contains("presenter");
  return {font: presenter ? 18 : 12, line: presenter ? 4 : 2, marker: presenter ? 16 : 11};
}

// The page's own text colour (Streamlit's theme, light or dark), and a faint version for grid lines.
function ink() {
  const color = getComputedStyle(ui.root).color;
  const [r, g, b] = color.match(/[\d.]+/g).map(Number);
  return {ink: color, rule: `rgba(${r}, ${g}, ${b}, 0.15)`, dark: (0.3 * r + 0.6 * g + 0.1 * b) > 128};
}

// A legend at the very bottom of the figure, with room above it for the x axis title.
function legendBelow(layout) {
  const {font} = look();
  layout.legend = {orientation: "h", x: 0, y: 0, yref: "container", yanchor: "bottom"};
  layout.margin.b = 60 + 4.5 * font;
}

function baseLayout(title, xTitle, yTitle) {
  const {font} = look();
  const {ink: text, rule} = ink();
  // automargin: big presenter-mode tick labels push the axis titles out instead of under them
  const axis = (t) => ({title: {text: t}, gridcolor: rule, zerolinecolor: rule, automargin: true});
  return {
    title: {text: title, font: {size: font + 3}},
    font: {size: font, color: text},
    paper_bgcolor: "rgba(0,0,0,0)",  // the page's own background, light or dark
    plot_bgcolor: "rgba(0,0,0,0)",
    margin: {l: 60, r: 20, t: 40, b: 50},
    xaxis: axis(xTitle),
    yaxis: axis(yTitle),
    uirevision: "keep",  // keep the student's zoom/rotation when data change
  };
}

// "Now" on the line charts: a dotted line and one dot per curve, as plain HTML
// over the plot. Moving a Plotly shape would make Plotly recompute every point
// of every curve (~10 ms a chart, each frame); moving these costs next to nothing.
function makeCursor(id, colors, size) {
  const holder = $(id).parentElement;
  holder.querySelectorAll(".now-line, .now-dot").forEach((old) => old.remove());
  const add = (className, color) => {
    const element = document.createElement("div");
    element.className = className;
    if (color) Object.assign(element.style, {background: color, width: `${size}px`, height: `${size}px`});
    holder.append(element);
    return element;
  };
  $(id).removeAllListeners("plotly_afterplot");  // from an earlier run's cursor
  const cursor = {chart: $(id), line: add("now-line"), dots: colors.map((color) => add("now-dot", color)),
                  epoch: 0, values: []};
  cursor.chart.on("plotly_afterplot", () => placeCursor(cursor));  // zoom, resize, log scale: follow the axes
  return cursor;
}

function moveCursor(cursor, epoch, values) {
  cursor.epoch = epoch;
  cursor.values = values;
  placeCursor(cursor);
}

function placeCursor(cursor) {
  // Plotly's computed axes (c2p: data -> pixels, for linear and log alike).
  const {xaxis, yaxis} = cursor.chart._fullLayout;
  const x = xaxis._offset + xaxis.c2p(cursor.epoch);
  const inside = (v, axis) => Number.isFinite(v) && v >= axis._offset && v <= axis._offset + axis._length;
  Object.assign(cursor.line.style, {display: inside(x, xaxis) ? "" : "none", top: `${yaxis._offset}px`,
                                    height: `${yaxis._length}px`, transform: `translateX(${x}px)`});
  cursor.dots.forEach((dot, k) => {
    const y = yaxis._offset + yaxis.c2p(cursor.values[k]);
    dot.style.display = inside(x, xaxis) && inside(y, yaxis) ? "" : "none";
    dot.style.transform = `translate(${x}px, ${y}px) translate(-50%, -50%)`;
  });
}

// Log scale shows the slow late progress. Over two or more powers of ten, one
// tick per power keeps it readable; over less, Plotly's own ticks say more.
function mseScale(log) {
  if (!log) return {type: "linear", dtick: null, exponentformat: "e"};
  const positive = Array.from(state.run.mse).filter((v) => v > 0 && Number.isFinite(v));
  const decades = Math.log10(Math.max(...positive) / Math.min(...positive));
  return {type: "log", dtick: decades >= 2 ? 1 : null, exponentformat: "power"};
}

function parameterCurves(run) {
  // Single neuron: w1, w2 and bias. Hidden layer: the output neuron's weights and bias.
  const names = run.hidden === 0 ? ["w1", "w2", "bias"]
    : [...Array.from({length: run.hidden}, (_, h) => `w (hidden ${h + 1})`), "output bias"];
  const first = run.hidden === 0 ? 0 : 3 * run.hidden;
  return names.map((name, k) => ({name, column: first + k, color: COLORS[k % COLORS.length]}));
}

// The rows, marked by target: shape and colour both differ, for colour-blind students.
function targetClasses(run) {
  return [0, 1].map((cls) => {
    const rows = run.targets.map((t, i) => i).filter((i) => (run.targets[i] >= 0.5) === (cls === 1));
    const exact = rows.every((i) => run.targets[i] === cls);
    return {rows, name: exact ? `target ${cls}` : (cls ? "target ≥ 0.5" : "target < 0.5"),
            symbol: cls ? "square" : "circle", color: cls ? "#542788" : "#b35806"};
  }).filter((c) => c.rows.length);
}

// The output map's key, in HTML under the chart: a Plotly legend and colour bar
// would be redrawn with every frame (a fifth of the map's cost while playing).
function buildMapKey(classes) {
  const gradient = SCALE.map(([at, color]) => `${color} ${at * 100}%`).join(", ");
  const symbol = (c) => (c.symbol === "square"
    ? `<rect x="2" y="2" width="12" height="12" fill="${c.color}" stroke="#000" stroke-width="1.5"/>`
    : `<circle cx="8" cy="8" r="6" fill="${c.color}" stroke="#000" stroke-width="1.5"/>`);
  $("map-key").innerHTML =
    `<span class="key-item">output 0 <i class="key-scale" style="background: linear-gradient(to right, ${gradient})"></i> 1</span>` +
    '<span class="key-item"><svg class="key-line" width="30" height="14" aria-hidden="true">' +
    '<line x1="1" y1="7" x2="29" y2="7" stroke="#000" stroke-width="2"/></svg>' +
    "decision line (output 0.5)</span>" +
    classes.map((c) => `<span class="key-item"><svg width="16" height="16" aria-hidden="true">${symbol(c)}</svg>${c.name}</span>`).join("");
}

// Built in three steps, each after the page has painted the one before: a student
// sees the error curve first, then the other 2D charts, then the 3D chart (WebGL,
// the slowest to build), instead of waiting for all of them at once.
function buildCharts() {
  const build = state.build = {};  // a newer run or style replaces it: stale steps stop
  state.built = {rest: false, surface: false};
  buildMseChart();
  afterPaint(() => {
    if (state.build !== build) return;
    buildWeightsChart();
    buildMap();
    buildTable();
    state.built.rest = true;
    state.drawn = -1;
    draw(state.frame);
    afterPaint(() => {
      if (state.build !== build) return;
      buildSurface();
      state.built.surface = true;
      state.surfaceDrawn = -1;
      drawSurface3d(state.frame);
    });
  });
}

function buildMseChart() {
  const run = state.run;
  const {line, marker} = look();
  const mseLayout = baseLayout("Error (MSE) by epoch", "Epoch", "Mean squared error");
  Object.assign(mseLayout.yaxis, mseScale($("log").checked));
  mseLayout.showlegend = false;
  Plotly.react($("mse-chart"), [{
    x: run.epochs_of_frames, y: run.mse, type: "scatter", mode: "lines", name: "MSE",
    line: {color: "#542788", width: line}, hovertemplate: "epoch %{x}<br>MSE %{y:.3e}<extra></extra>",
  }], mseLayout, PLOT_CONFIG);
  state.mseCursor = makeCursor("mse-chart", ["#542788"], marker);
}

function buildWeightsChart() {
  const run = state.run;
  const {line, marker} = look();
  const curves = parameterCurves(run);
  const P = run.P;
  const weightsLayout = baseLayout(run.hidden === 0 ? "Weights and bias by epoch" : "Output weights and bias by epoch",
                                   "Epoch", "Value");
  legendBelow(weightsLayout);
  // The whole run's curves are drawn once, faint; the dots show where "now" is.
  Plotly.react($("weights-chart"), curves.map((c) => ({
    x: run.epochs_of_frames, y: Float32Array.from({length: run.frames}, (_, i) => run.params[i * P + c.column]),
    type: "scatter", mode: "lines", name: c.name, opacity: 0.55, line: {color: c.color, width: line},
  })), weightsLayout, PLOT_CONFIG);
  state.weightsCursor = makeCursor("weights-chart", curves.map((c) => c.color), marker);
}

function buildMap() {
  const run = state.run;
  const {line, marker} = look();
  const classes = targetClasses(run);
  const z = outputsAt(state.frame);
  const mapLayout = baseLayout("Output over the inputs", "x1", "x2");
  mapLayout.showlegend = false;  // the key is HTML, below the chart
  // Same scale on both axes; the plot area shrinks to fit rather than padding the axes.
  Object.assign(mapLayout.xaxis, {constrain: "domain"});
  Object.assign(mapLayout.yaxis, {scaleanchor: "x", constrain: "domain"});
  state.map = {layout: mapLayout, data: [
    {type: "heatmap", x: run.grid.x, y: run.grid.y, z, zmin: 0, zmax: 1, colorscale: SCALE, showscale: false,
     hovertemplate: "x1 %{x:.2f}, x2 %{y:.2f}<br>output %{z:.3f}<extra></extra>"},
    {type: "contour", x: run.grid.x, y: run.grid.y, z, showscale: false, hoverinfo: "skip",
     contours: {coloring: "none", start: 0.5, end: 0.5, size: 1}, line: {color: "#000", width: line}},
    ...classes.map((c) => ({
      type: "scatter", mode: "markers", name: c.name,
      x: c.rows.map((i) => run.inputs[i][0]), y: c.rows.map((i) => run.inputs[i][1]),
      marker: {symbol: c.symbol, size: marker + 3, color: c.color, line: {color: "#000", width: 2}},
    })),
  ]};
  Plotly.react($("map-chart"), state.map.data, state.map.layout, PLOT_CONFIG);
  state.painter = makeMapPainter();
  buildMapKey(classes);
}

function buildSurface() {
  const run = state.run;
  const surfaceLayout = baseLayout("Output surface (drag to rotate)", "", "");
  const ticks = {size: Math.round(look().font * 0.8)};  // 3D labels crowd sooner than 2D ones
  // Fixed ranges: nothing to autorange each frame, and the box does not jump.
  const range = (values) => [values[0], values[values.length - 1]];
  surfaceLayout.scene = {xaxis: {title: {text: "x1"}, tickfont: ticks, range: range(run.grid.x)},
                         yaxis: {title: {text: "x2"}, tickfont: ticks, range: range(run.grid.y)},
                         zaxis: {title: {text: "output"}, range: [0, 1], tickfont: ticks},
                         // a cube a little smaller than Plotly's default, so the axis titles fit in the chart
                         aspectmode: "manual", aspectratio: {x: 0.85, y: 0.85, z: 0.85}};
  surfaceLayout.margin = {l: 20, r: 10, t: 40, b: 0};
  surfaceLayout.showlegend = false;
  const heights = outputsAt(state.frame).flat();
  state.surface = {layout: surfaceLayout, data: [
    {type: "mesh3d", ...meshGrid(run.grid), z: heights, intensity: heights, cmin: 0, cmax: 1, colorscale: SCALE,
     showscale: false, hovertemplate: "x1 %{x:.2f}, x2 %{y:.2f}<br>output %{z:.3f}<extra></extra>"},
    ...targetClasses(run).map((c) => ({
      type: "scatter3d", mode: "markers", name: c.name,
      x: c.rows.map((i) => run.inputs[i][0]), y: c.rows.map((i) => run.inputs[i][1]),
      z: c.rows.map((i) => run.targets[i]),
      marker: {symbol: c.symbol, size: 8, color: c.color, line: {color: "#000", width: 1}},
    })),
  ]};
}

// ---- The output map while playing: painted on a canvas over Plotly's plot area ----
// Plotly.react on the map redraws everything in it, axes and points included (~15 ms a
// frame, the dearest part of a frame); painting the 41 x 41 outputs, the 0.5 line and
// the rows on a canvas takes ~1 ms. So while the run plays the canvas covers the plot
// area (as the "now" cursors do on the line charts); paused, stepped or at the end,
// Plotly draws the map itself again, exact and with hover, and the canvas is hidden.

const RAMP = colourRamp(256);  // SCALE as 256 [r, g, b] steps, for outputs 0..1

function colourRamp(steps) {
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return Array.from({length: steps}, (_, k) => {
    const at = k / (steps - 1);
    const upper = SCALE.findIndex(([stop]) => stop >= at);
    if (upper <= 0) return rgb(SCALE[0][1]);
    const [[a, from], [b, to]] = [SCALE[upper - 1], SCALE[upper]];
    const t = (at - a) / (b - a);
    return rgb(from).map((v, i) => Math.round(v + (rgb(to)[i] - v) * t));  // linear, as Plotly blends
  });
}

function makeMapPainter() {
  const holder = $("map-chart").parentElement;
  holder.querySelectorAll(".map-paint").forEach((old) => old.remove());
  const canvas = document.createElement("canvas");
  canvas.className = "map-paint";
  canvas.hidden = true;
  holder.append(canvas);
  const cells = document.createElement("canvas");  // one pixel per grid point
  cells.width = cells.height = GRID;
  return {canvas, cells, image: new ImageData(GRID, GRID)};
}

function paintMap(z, frame) {
  const {canvas, cells, image} = state.painter;
  const {xaxis, yaxis} = $("map-chart")._fullLayout;
  const ratio = window.devicePixelRatio || 1;
  const [width, height] = [xaxis._length, yaxis._length];
  Object.assign(canvas.style, {left: `${xaxis._offset}px`, top: `${yaxis._offset}px`,
                               width: `${width}px`, height: `${height}px`});
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, -xaxis._offset * ratio, -yaxis._offset * ratio);
  ctx.clearRect(xaxis._offset, yaxis._offset, width, height);
  const px = (v) => xaxis._offset + xaxis.c2p(v);
  const py = (v) => yaxis._offset + yaxis.c2p(v);

  // The outputs: one cell per grid point, as Plotly's heatmap draws them (top row = largest x2).
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      const v = z[GRID - 1 - r][c];
      const [red, green, blue] = RAMP[Math.round(Math.min(Math.max(Number.isFinite(v) ? v : 0.5, 0), 1) * 255)];
      image.data.set([red, green, blue, 255], 4 * (r * GRID + c));
    }
  }
  cells.getContext("2d").putImageData(image, 0, 0);
  const {x, y} = state.run.grid;
  const [dx, dy] = [(x[1] - x[0]) / 2, (y[1] - y[0]) / 2];  // cells reach half a step past the points
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(cells, px(x[0] - dx), py(y[GRID - 1] + dy), px(x[GRID - 1] + dx) - px(x[0] - dx),
                py(y[0] - dy) - py(y[GRID - 1] + dy));

  // The decision line: where the output crosses 0.5 along each grid square's edges, one
  // short piece per square (solid, as Plotly's contour draws it: dashes would restart
  // with every piece).
  const {line, marker} = look();
  ctx.beginPath();
  for (let r = 0; r < GRID - 1; r++) {
    for (let c = 0; c < GRID - 1; c++) {
      const corners = [[c, r], [c + 1, r], [c + 1, r + 1], [c, r + 1]];
      const points = [];
      corners.forEach(([c1, r1], k) => {
        const [c2, r2] = corners[(k + 1) % 4];
        const [a, b] = [z[r1][c1] - 0.5, z[r2][c2] - 0.5];
        if ((a < 0) !== (b < 0)) {
          const t = a / (a - b);
          points.push([px(x[c1] + (x[c2] - x[c1]) * t), py(y[r1] + (y[r2] - y[r1]) * t)]);
        }
      });
      for (let k = 0; k + 1 < points.length; k += 2) {  // two crossings, or four at a saddle
        ctx.moveTo(...points[k]);
        ctx.lineTo(...points[k + 1]);
      }
    }
  }
  Object.assign(ctx, {strokeStyle: "#000", lineWidth: line});
  ctx.stroke();

  // The rows, as the map's own markers draw them.
  const size = marker + 3;
  targetClasses(state.run).forEach((cls) => cls.rows.forEach((i) => {
    const [cx, cy] = [px(state.run.inputs[i][0]), py(state.run.inputs[i][1])];
    ctx.beginPath();
    if (cls.symbol === "square") ctx.rect(cx - size / 2, cy - size / 2, size, size);
    else ctx.arc(cx, cy, size / 2, 0, 2 * Math.PI);
    Object.assign(ctx, {fillStyle: cls.color, strokeStyle: "#000", lineWidth: 2});
    ctx.fill();
    ctx.stroke();
  }));
  canvas.dataset.frame = frame;  // what the benchmark counts (bench/playback.py)
  canvas.hidden = false;
}

function afterPaint(work) {
  requestAnimationFrame(() => setTimeout(work, 0));
}

function buildTable() {
  const run = state.run;
  $("predictions").tBodies[0].innerHTML = run.inputs.map((row, i) =>
    `<tr><td>${i + 1}</td><td>${row[0]}</td><td>${row[1]}</td><td>${run.targets[i]}</td>` +
    "<td></td><td></td><td></td></tr>").join("");
}

// ---- Drawing one frame: readouts, the moving parts of the charts, the table ----

function draw(frame) {
  drawSurface3d(frame);
  if (frame === state.drawn) return;
  state.drawn = frame;
  const run = state.run;
  const p = paramsAt(frame);
  const epoch = epochOf(frame);
  const mse = run.mse[frame];

  setText(readout("epoch"), String(epoch));
  setText(readout("mse"), sci(mse));
  setText(readout("w1"), run.hidden === 0 ? fixed(p[0]) : "—");
  setText(readout("w2"), run.hidden === 0 ? fixed(p[1]) : "—");
  setText(readout("bias"), fixed(p[run.P - 1]));
  $("scrub").value = frame;
  $("scrub").setAttribute("aria-valuetext", `epoch ${epoch}`);

  const ended = run.diverged_at !== null && epoch >= run.reached;
  $("diverged").hidden = !ended;
  if (ended) setText($("diverged"), `Diverged at epoch ${run.diverged_at}: try a smaller learning rate`);

  moveCursor(state.mseCursor, epoch, [mse]);
  if (!state.built.rest) return;  // the other charts are still being built (see buildCharts)
  moveCursor(state.weightsCursor, epoch, parameterCurves(run).map((c) => p[c.column]));

  const z = outputsAt(frame);
  if (state.playing) {
    paintMap(z, frame);  // see paintMap: Plotly catches up when playback stops
  } else {
    // A fresh z array: Plotly.react redraws what changed and keeps the student's zoom.
    state.map.data[0].z = z;
    state.map.data[1].z = z;
    Plotly.react($("map-chart"), state.map.data, state.map.layout, PLOT_CONFIG);
    state.painter.canvas.hidden = true;
  }

  const rows = $("predictions").tBodies[0].rows;
  run.inputs.forEach(([x1, x2], i) => {
    const out = output(p, run.hidden, x1, x2);
    const predicted = out >= 0.5 ? 1 : 0;
    const right = predicted === (run.targets[i] >= 0.5 ? 1 : 0);
    const cells = rows[i].cells;
    setText(cells[4], fixed(out));
    setText(cells[5], String(predicted));
    setText(cells[6], right ? "✓ right" : "✗ wrong");
    cells[6].className = right ? "right" : "wrong";
  });
}

// The 3D chart is redrawn with every frame like the rest (about 10 ms of script and
// a few ms of software WebGL per redraw for the mesh; see meshGrid). WebGL draws at
// the screen's own pixel ratio: Plotly's default of 2 would draw four times the
// pixels on an ordinary screen.
function drawSurface3d(frame) {
  if (!state.built.surface || frame === state.surfaceDrawn) return;
  state.surfaceDrawn = frame;
  const heights = outputsAt(frame).flat();
  Object.assign(state.surface.data[0], {z: heights, intensity: heights});
  // Same layout, same uirevision: Plotly keeps the camera the student rotated. The
  // layout's copy of it can lag the drawn view by a drag's last mouse move, so it is
  // taken from the scene itself: the view never jumps back when the frame changes.
  const scene = $("surface-chart")._fullLayout?.scene?._scene;
  if (scene) state.surface.layout.scene.camera = scene.getCamera();
  Plotly.react($("surface-chart"), state.surface.data, state.surface.layout,
               {...PLOT_CONFIG, plotGlPixelRatio: window.devicePixelRatio || 1});
}

// ---- Playback: the epoch follows the clock, so a slow frame skips epochs instead of slowing down ----

function rate() {
  return Math.max(state.run.reached, 1) / SECONDS_PER_RUN * state.speed;  // epochs per second
}

function tick(now, loop) {
  if (!state.playing || loop !== state.loop) return;  // paused, or a newer loop took over
  const seconds = Math.max(0, now - state.anchor.time) / 1000;
  const frame = frameOf(state.anchor.epoch + seconds * rate());
  draw(frame);
  state.frame = frame;
  if (frame === state.run.frames - 1) {
    setPlaying(false);
    tellServer("end");
    return;
  }
  requestAnimationFrame((next) => tick(next, loop));
}

function startClock() {
  state.anchor = {time: performance.now(), epoch: epochOf(state.frame)};
}

function setPlaying(playing) {
  state.playing = playing;
  setText($("play"), playing ? "Pause" : "Play");
  if (playing) {
    startClock();
    const loop = state.loop = {};
    requestAnimationFrame((now) => tick(now, loop));
  } else if (state.built.rest && !state.painter.canvas.hidden) {
    state.drawn = -1;  // the map was painted while playing: let Plotly draw it again
    draw(state.frame);
  }
}

function goTo(frame) {
  state.frame = Math.max(0, Math.min(frame, state.run.frames - 1));
  draw(state.frame);
}

// ---- The student's controls (wired once per mounted player) ----

function wireControls() {
  $("play").addEventListener("click", () => {
    if (!state.run) return;  // still loading
    if (state.playing) {
      setPlaying(false);
      tellServer("pause");
      return;
    }
    if (state.frame === state.run.frames - 1) goTo(0);  // Play at the end starts over
    setPlaying(true);  // no message: a Play must cost the server nothing (a class presses it at once)
  });

  $("step").addEventListener("click", () => {
    if (!state.run) return;
    setPlaying(false);
    goTo(state.frame + 1);
    tellServer("step");
  });

  $("reset").addEventListener("click", () => {
    if (!state.run) return;
    setPlaying(false);
    goTo(0);
    tellServer("reset");
  });

  $("speed").addEventListener("change", (event) => {
    state.speed = Number(event.target.value);
    if (state.run) startClock();  // from the current epoch at the new speed
  });

  // While dragging ("input") only the page changes; the server hears once, on release ("change").
  $("scrub").addEventListener("input", (event) => {
    if (!state.run) return;
    setPlaying(false);
    goTo(Number(event.target.value));
  });
  $("scrub").addEventListener("change", () => { if (state.run) tellServer("scrub"); });

  $("log").addEventListener("change", (event) => {
    if (!state.run) return;
    const scale = mseScale(event.target.checked);
    Plotly.relayout($("mse-chart"), Object.fromEntries(Object.entries(scale).map(([k, v]) => [`yaxis.${k}`, v])));
  });
}

// ---- Data from the server (sent again on every rerun of the page's script) ----

function render(args) {
  performance.mark("player:render");  // marks: what bench/playground.py reads of the start-up
  ui.root.classList.toggle("presenter", Boolean(args.presenter));
  const lock = new Set(args.lock || []);
  ["play", "step", "reset", "speed", "scrub"].forEach((id) => { $(id).disabled = lock.has(id); });

  const style = `${args.run.id}/${Boolean(args.presenter)}/${ink().dark}`;
  if (!state.run || state.run.id !== args.run.id) {
    // A new run: start at start_epoch; the same run (a rerun) keeps its place and play state.
    state.run = decode(args.run);
    setText(readout("lr"), `${args.run.lr} (${args.run.gradient})`);
    state.frame = frameOf(args.start_epoch || 0);
    $("scrub").max = state.run.frames - 1;
    state.playing = false;
    buildCharts();
    draw(state.frame);
    performance.mark("player:charts");
    setPlaying(Boolean(args.autoplay) && state.frame < state.run.frames - 1);
  } else if (style !== state.style) {
    buildCharts();  // presenter mode or theme switched: rebuild at the new sizes and colours
    draw(state.frame);
  }
  state.style = style;

  if (args.branch && args.branch !== state.branch) {
    state.branch = args.branch;
    tellServer("branch", args.branch);  // reply at once; playback carries on
  }
}

export default function mount({data, parentElement, setStateValue}) {
  const root = parentElement.querySelector(".tinynet-player");
  if (!ui || ui.root !== root) {
    // A new player on the page (first visit, or back from another page): start afresh.
    state = fresh();
    ui = {root, setStateValue};
    wireControls();
  }
  ui.setStateValue = setStateValue;
  state.latest = data;
  loadPlotly(data.plotly).then(() => {
    if (ui?.root !== root || state.latest !== data) return;  // gone or replaced while plotly.js loaded
    render(data);
  }, (error) => {
    if (ui?.root !== root) return;
    setText($("diverged"), `The charts could not load (${error.message}). Reload the page to try again.`);
    $("diverged").hidden = false;
  });
  return () => {  // the player leaves the page
    if (ui && ui.root === root) {
      state = fresh();  // stops the animation loop and any chart still waiting to be built
      ui = null;
    }
  };
}
