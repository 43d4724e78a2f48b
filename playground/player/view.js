// What the student sees of one frame: the readouts, the predictions table, the charts.
//
// createView(root, facts) knows nothing of playback: the player tells it which run to
// show (show) and which frame (draw). Charts need plotly.js; until it has loaded, the
// readouts and the table already work, and the charts join in when it arrives.

import * as charts from "./charts.js";
import {epochAxis} from "./geometry.js";
import {count, param, sci} from "./format.js";
import {axis, hasDecisionLine, networkVerdict, output, outputsOnGrid, rowVerdict} from "./net.js";
import {colourRamp, curvePainter, layer, paintMap} from "./painter.js";
import {camera, drawSurface as paintSurface, farToNear} from "./surface3d.js";
import {buildTable, fillTable, sayVerdict, setText} from "./words.js";

const SURFACE_SHARE = 0.4;  // while playing, the 3D view may take at most this share of the time
const TURN = 5;  // degrees an arrow key turns the 3D view

export function createView(root, facts) {
  const $ = (id) => root.querySelector(`#${id}`);
  const ramp = colourRamp(facts.scale);
  const rampCss = ramp.map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`);
  const view = {
    run: null, ghost: null, grid: null, z: null, zFrame: -1,
    built: null,      // {mse, weights, map, surface}: what has been built for this run and look
    drawn: -1,        // the frame the readouts show
    surface: {frame: -1, step: 1, next: 0, cost: 0},  // the 3D view's own pace (see drawSurface)
    cam: null,        // the 3D view's camera, as the student left it (see turn)
    order: {},        // the 3D view's squares, far to near, for this camera: by step
    options: {log: true, pacing: "early", surface: true, presenter: false},
    plotly: null,     // window.Plotly once loaded
  };

  function ink() {
    const color = getComputedStyle(root).color;
    const [r, g, b] = (color.match(/[\d.]+/g) || [0, 0, 0]).map(Number);
    return {text: color, rule: `rgba(${r}, ${g}, ${b}, 0.18)`, dark: 0.3 * r + 0.6 * g + 0.1 * b > 128};
  }

  const size = (id) => ({width: Math.max($(id).clientWidth, 200), height: Math.max($(id).clientHeight, 200)});

  function outputs(frame) {
    if (view.zFrame !== frame) {
      outputsOnGrid(view.run.params(frame), view.run.hidden, view.grid.xs, view.grid.ys, view.z);
      view.zFrame = frame;
    }
    return view.z;
  }

  // ---- building the charts (once per run, look, size or option) ----

  function build() {
    const Plotly = view.plotly;
    if (!Plotly || !view.run) return;
    const run = view.run;
    const style = charts.look(view.options.presenter);
    const colours = ink();
    const epochs = epochAxis(view.options.pacing, run.epochs, run.pacing_scale, count);
    const classes = charts.targetClasses(run, facts.colors);
    const token = view.built = {};
    const line = (figure, id, series, ghost) => {
      Plotly.react($(id), figure.data, figure.layout, figure.config);
      const painter = curvePainter(layer($(id).parentElement, "curves"), figure.project, epochs.at, run, series, ghost);
      return {figure, painter, cursor: cursor($(id).parentElement, series.map((s) => s.color), style.marker)};
    };
    const ghost = view.ghost && {...view.ghost, color: colours.text, width: style.line};
    token.mse = line(charts.mseChart({run, ghost: view.ghost, epochs, size: size("mse-chart"), style, ink: colours,
                                      log: view.options.log, colors: facts.colors}),
                     "mse-chart", [{value: run.mse, color: facts.colors.mse, width: style.line}], ghost);
    token.mse.epochs = epochs;
    lineKey($("mse-key"), view.ghost ? [{name: "this run", color: facts.colors.mse},
                                         {name: view.ghost.label, color: colours.text, dash: true}] : []);
    performance.mark("player:first-chart");
    // The rest after the browser has painted the error curve: a student sees it first.
    afterPaint(() => {
      if (view.built !== token) return;
      token.weights = line(charts.weightsChart({run, epochs, size: size("weights-chart"), style, ink: colours}),
                           "weights-chart", run.curves.map((c) => ({value: (f) => run.params(f)[c.column],
                                                                     color: c.color, width: style.line})));
      lineKey($("weights-key"), run.curves);
      const map = charts.mapChart({run, grid: view.grid, z: outputs(view.drawn), size: size("map-chart"), style,
                                   ink: colours, classes});
      Plotly.react($("map-chart"), map.data, map.layout, map.config);
      token.map = {figure: map, canvas: layer($("map-chart").parentElement, "map-paint"), frame: -1, hover: -1,
                   lineWidth: style.line};
      buildKey(classes);
      token.surface = view.options.surface ? {style, ink: colours, size: size("surface-chart"), rows: classes.flatMap(
        (c) => c.rows.map((i) => ({x1: run.inputs[i][0], x2: run.inputs[i][1], target: run.targets[i],
                                   symbol: c.symbol, color: c.color})))} : null;
      view.surface.frame = -1;
      redraw();
    });
    redraw();
  }

  function redraw() {
    const frame = view.drawn;
    view.drawn = -1;
    if (frame >= 0) draw(frame, false);
  }

  // The map's key, in HTML under the chart (a Plotly legend would be redrawn with it).
  function buildKey(classes) {
    const gradient = facts.scale.map(([at, color]) => `${color} ${at * 100}%`).join(", ");
    const symbol = (c) => (c.symbol === "square"
      ? `<rect x="2" y="2" width="12" height="12" fill="${c.color}" stroke="#000" stroke-width="1.5"/>`
      : `<circle cx="8" cy="8" r="6" fill="${c.color}" stroke="#000" stroke-width="1.5"/>`);
    $("map-key").innerHTML =
      `<span class="key-item">output 0 <i class="key-scale" style="background: linear-gradient(to right, ${gradient})"></i> 1</span>` +
      '<span class="key-item"><svg class="key-line" width="30" height="14" aria-hidden="true">' +
      '<line x1="1" y1="7" x2="29" y2="7" stroke="#000" stroke-width="2"/></svg>decision line (output 0.5)</span>' +
      classes.map((c) => `<span class="key-item"><svg width="16" height="16" aria-hidden="true">${symbol(c)}</svg>${c.name}</span>`).join("");
  }

  // ---- one frame ----

  function draw(frame, playing) {
    const run = view.run;
    if (!run) return;
    const built = view.built;
    if (frame !== view.drawn) {
      view.drawn = frame;
      const p = run.params(frame);
      const epoch = run.epochOf(frame);
      setText($("epoch"), count(epoch));
      setText($("mse"), sci(run.mse(frame)));
      setText($("w1"), run.hidden === 0 ? param(p[0]) : "—");
      setText($("w2"), run.hidden === 0 ? param(p[1]) : "—");
      setText($("bias"), param(p[run.P - 1]));
      setText($("lr"), run.segmentAt(epoch).label);
      $("lr").title = segmentsText(run);
      $("scrub").value = String(frame);
      $("scrub").setAttribute("aria-valuetext", `epoch ${count(epoch)}`);
      const ended = run.diverged_at !== null && frame === run.last;
      $("diverged").hidden = !ended;
      if (ended) setText($("diverged"), `Diverged at epoch ${count(run.diverged_at)}: try a smaller learning rate`);
      const outs = run.inputs.map(([x1, x2]) => output(p, run.hidden, x1, x2));
      fillTable($("predictions"), outs, (out, i) => rowVerdict(out, run.targets[i], facts.rule.margin));
      sayVerdict($("verdict"), networkVerdict(outs, run.targets, facts.rule), run);
      if (built?.mse) {
        built.mse.painter.paint(frame);
        built.mse.cursor.place(built.mse.figure.project, built.mse.epochs.at(epoch), [run.mse(frame)]);
      }
      if (built?.weights) {
        built.weights.painter.paint(frame);
        built.weights.cursor.place(built.weights.figure.project, built.mse.epochs.at(epoch), run.curves.map((c) => p[c.column]));
      }
      if (built?.map && built.map.frame !== frame) {
        const z = outputs(frame);
        const line = hasDecisionLine(z, facts.rule.stuck);
        paintMap(built.map.canvas, built.map.figure.project, view.grid, z, ramp, {show: line, width: built.map.lineWidth});
        built.map.frame = frame;
        Object.assign(built.map.canvas.dataset, {frame: String(frame), line: String(line)});  // read by tests
      }
    }
    if (!playing && built?.map && built.map.hover !== frame) {  // hover values, once it stops
      view.plotly.restyle($("map-chart"), {z: [charts.rows(outputs(frame), view.grid.xs.length)]}, [0]);
      built.map.hover = frame;
    }
    drawSurface(frame, playing);
  }

  // The 3D view keeps its own pace: while playing, a redraw waits until the last one's
  // cost is a small share of the time since, so a slow computer drops 3D frames first
  // and never the readouts, the curves or the map.
  function drawSurface(frame, playing) {
    const surface = view.built?.surface;
    const pace = view.surface;
    const step = playing ? 2 : 1;  // while playing, every other grid point: a quarter of the work
    if (!surface || (pace.frame === frame && pace.step === step)) return;
    const now = performance.now();
    if (playing && now < pace.next) return;
    const element = $("surface-chart");
    const canvas = element.querySelector("canvas");
    const ratio = globalThis.devicePixelRatio || 1;
    const {width, height} = surface.size;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const lines = (view.grid.ys.length - 1) / step + 1;
    view.order[step] ||= farToNear(view.cam, lines, (view.grid.xs.length - 1) / step + 1);
    paintSurface(ctx, {width, height, cam: view.cam, order: view.order[step], step, grid: view.grid, z: outputs(frame),
                       colours: rampCss, rows: surface.rows, ink: surface.ink, font: surface.style.font});
    pace.frame = frame;
    pace.step = step;
    pace.cost = performance.now() - now;
    pace.next = now + pace.cost / SURFACE_SHARE;
    element.dataset.frame = String(frame);
  }

  // Turning the 3D view: drag (mouse, pen or finger) or the arrow keys when it has focus.
  function turn(dAzimuth, dElevation) {
    view.cam = camera(view.cam.azimuth + dAzimuth, view.cam.elevation + dElevation);
    Object.assign($("surface-chart").dataset, {azimuth: view.cam.azimuth, elevation: view.cam.elevation});
    view.order = {};
    view.surface.frame = -1;
    drawSurface(view.drawn, false);
  }
  const surfaceElement = $("surface-chart");
  view.cam = camera(-35, 30);
  Object.assign(surfaceElement.dataset, {azimuth: -35, elevation: 30});
  let dragging = null;
  surfaceElement.addEventListener("pointerdown", (event) => {
    dragging = {x: event.clientX, y: event.clientY};
    surfaceElement.setPointerCapture(event.pointerId);
  });
  surfaceElement.addEventListener("pointermove", (event) => {
    if (!dragging) return;
    turn((event.clientX - dragging.x) * 0.5, (event.clientY - dragging.y) * 0.4);
    dragging = {x: event.clientX, y: event.clientY};
  });
  const stop = () => { dragging = null; };
  surfaceElement.addEventListener("pointerup", stop);
  surfaceElement.addEventListener("pointercancel", stop);
  surfaceElement.addEventListener("keydown", (event) => {
    const step = {ArrowLeft: [-TURN, 0], ArrowRight: [TURN, 0], ArrowUp: [0, TURN], ArrowDown: [0, -TURN]}[event.key];
    if (!step) return;
    event.preventDefault();
    event.stopPropagation();  // the player's own arrow-key shortcuts are for the scrubber
    turn(...step);
  });

  // A new width (a window resized, the sidebar folded, a phone turned): build again, once it settles.
  let width = 0;
  let pending = null;
  new ResizeObserver(() => {
    const now = root.querySelector(".charts").clientWidth;
    if (Math.abs(now - width) < 2) return;
    width = now;
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => build());
  }).observe(root.querySelector(".charts"));

  return {
    // A new run (or the same run with other options): decoded run, the ghost of the last one.
    show(run, ghost, frame) {
      view.run = run;
      view.ghost = ghost;
      const n = facts.grid;
      const xs = axis(run.window.x[0], run.window.x[1], n);
      const ys = axis(run.window.y[0], run.window.y[1], n);
      const [dx, dy] = [(xs[1] - xs[0]) / 2, (ys[1] - ys[0]) / 2];
      view.grid = {xs, ys, xRange: [xs[0] - dx, xs[n - 1] + dx], yRange: [ys[0] - dy, ys[n - 1] + dy]};
      view.z = new Float64Array(n * n);
      view.zFrame = -1;
      view.drawn = -1;
      view.surface.frame = -1;
      $("scrub").max = String(run.last);
      buildTable($("predictions"), run);
      draw(frame, false);
      build();
    },
    draw,
    setOptions(options) {
      const changed = Object.entries(options).some(([k, v]) => view.options[k] !== v);
      Object.assign(view.options, options);
      $("surface-chart").parentElement.hidden = !view.options.surface;  // "2D only"
      if (changed) build();
    },
    plotlyReady(Plotly) {
      view.plotly = Plotly;
      build();
    },
    rebuild: build,
    get camera() { return {azimuth: view.cam.azimuth, elevation: view.cam.elevation}; },
  };
}

// A line chart's legend, in HTML under it: a short line of each curve's colour, and its name.
function lineKey(element, items) {
  element.replaceChildren(...items.map((item) => {
    const entry = document.createElement("span");
    entry.className = "key-item";
    const dash = item.dash ? ' stroke-dasharray="2 3"' : "";
    entry.innerHTML = `<svg width="26" height="10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" ` +
      `stroke="${item.color}" stroke-width="2.5"${dash}/></svg>`;
    entry.append(item.name);  // text, never markup
    return entry;
  }));
}

// "Now" on a line chart: a dotted line and one dot per curve, as HTML over the plot.
function cursor(holder, colors, size) {
  holder.querySelectorAll(".now-line, .now-dot").forEach((old) => old.remove());
  const add = (className, color) => {
    const element = document.createElement("div");
    element.className = className;
    if (color) Object.assign(element.style, {background: color, width: `${size}px`, height: `${size}px`});
    holder.append(element);
    return element;
  };
  const line = add("now-line");
  const dots = colors.map((color) => add("now-dot", color));
  return {
    place(project, x, values) {
      const px = project.x(x);
      const {top, height} = project.area;
      Object.assign(line.style, {top: `${top}px`, height: `${height}px`, transform: `translateX(${px}px)`});
      dots.forEach((dot, k) => {
        const py = project.y(values[k]);
        dot.hidden = !(Number.isFinite(py) && py >= top - 1 && py <= top + height + 1);
        dot.style.transform = `translate(${px}px, ${py}px) translate(-50%, -50%)`;
      });
    },
  };
}

// Which learning rate ran when, e.g. "0.05 (notebook) for epochs 0 to 3,011; 5 (notebook) from epoch 3,012".
export function segmentsText(run) {
  return run.segments.map((s, i) => {
    const next = run.segments[i + 1];
    return next ? `${s.label} for epochs ${count(s.from)} to ${count(next.from - 1)}` : `${s.label} from epoch ${count(s.from)}`;
  }).join("; ");
}

function afterPaint(work) {
  requestAnimationFrame(() => setTimeout(work, 0));
}
