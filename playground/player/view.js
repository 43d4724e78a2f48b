// What the student sees of one frame: the readouts, the predictions table, the charts.
//
// createView(root, facts) knows nothing of playback: the player tells it which run to
// show (show) and which frame (draw), and when to put it into words (describe). Charts
// need plotly.js; until it has loaded, the readouts and the table already work, and the
// charts join in when it arrives.

import * as charts from "./charts.js";
import {epochAxis} from "./geometry.js";
import {count, param, sci} from "./format.js";
import {axis, hasDecisionLine, networkVerdict, output, outputsOnGrid, rowVerdict} from "./net.js";
import {colourRamp, curvePainter, layer, paintMap} from "./painter.js";
import {createSurfaceView} from "./surfaceview.js";
import * as words from "./describe.js";
import {cursor, lineKey, mapKey, segmentsText} from "./legends.js";
import {buildTable, fillTable, sayVerdict, setText, tableOf} from "./words.js";

export function createView(root, facts) {
  const $ = (id) => root.querySelector(`#${id}`);
  const ramp = colourRamp(facts.scale);
  const surface = createSurfaceView($("surface-chart"), ramp.map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`));
  const view = {
    run: null, ghost: null, grid: null, z: null, zFrame: -1,
    built: null,      // {mse, weights, map}: what has been built for this run and look
    drawn: -1,        // the frame the readouts show
    options: {log: true, pacing: "early", surface: true, presenter: false},
    plotly: null,     // window.Plotly once loaded; false if it failed to
    settled: [],      // callbacks waiting for every chart to stand (whenSettled)
  };
  const settle = () => view.settled.splice(0).forEach((callback) => callback());

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
    const token = view.built = {epochs};
    const line = (figure, id, series, ghost) => {
      Plotly.react($(id), figure.data, figure.layout, figure.config);
      const painter = curvePainter(layer($(id).parentElement, "curves"), figure.project, epochs.at, run, series, ghost);
      return {figure, painter, cursor: cursor($(id).parentElement, series.map((s) => s.color), style.marker)};
    };
    const ghost = view.ghost && {...view.ghost, color: colours.text, width: style.line};
    token.mse = line(charts.mseChart({run, ghost: view.ghost, epochs, size: size("mse-chart"), style, ink: colours,
                                      log: view.options.log}),
                     "mse-chart", [{value: run.mse, color: facts.colors.mse, width: style.line}], ghost);
    lineKey($("mse-key"), view.ghost ? [{name: "this run", color: facts.colors.mse},
                                         {name: view.ghost.label, color: colours.text, dash: [2, 3]}] : []);
    performance.mark("player:first-chart");
    // The rest after the browser has painted the error curve: a student sees it first.
    afterPaint(() => {
      if (view.built !== token) return;
      const dashes = [[], [7, 4], [2, 3], [9, 3, 2, 3], [12, 3, 3, 3, 3, 3]];  // by dash as well as colour
      token.weights = line(charts.weightsChart({run, epochs, size: size("weights-chart"), style, ink: colours}),
                           "weights-chart", run.curves.map((c, k) => ({
                             value: (f) => run.params(f)[c.column], color: c.color, width: style.line,
                             dash: dashes[k % dashes.length]})));
      lineKey($("weights-key"), run.curves.map((c, k) => ({name: c.name, color: c.color, dash: dashes[k % dashes.length]})));
      const map = charts.mapChart({run, grid: view.grid, z: outputs(view.drawn), size: size("map-chart"), style,
                                   ink: colours, classes});
      Plotly.react($("map-chart"), map.data, map.layout, map.config);
      token.map = {figure: map, canvas: layer($("map-chart").parentElement, "map-paint"), frame: -1, hover: -1,
                   lineWidth: style.line};
      mapKey($("map-key"), classes, facts.scale);
      if (view.options.surface) {
        surface.show({grid: view.grid, ink: colours, font: style.font, size: size("surface-chart"),
                      rows: classes.flatMap((c) => c.rows.map((i) => ({
                        x1: run.inputs[i][0], x2: run.inputs[i][1], target: run.targets[i], symbol: c.symbol,
                        color: c.color})))});
      } else {
        surface.hide();
      }
      redraw();
      settle();
    });
    redraw();
  }

  function redraw() {
    const frame = view.drawn;
    view.drawn = -1;
    if (frame >= 0) draw(frame, false);
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
        built.mse.cursor.place(built.mse.figure.project, built.epochs.at(epoch), [run.mse(frame)]);
      }
      if (built?.weights) {
        built.weights.painter.paint(frame);
        built.weights.cursor.place(built.weights.figure.project, built.epochs.at(epoch), run.curves.map((c) => p[c.column]));
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
    if (built?.map && view.options.surface) surface.draw(frame, outputs, playing);
  }

  // ---- the frame in words: the charts' descriptions and tables, and one sentence ----

  function describe(frame, before) {
    const run = view.run;
    if (!run) return "";
    const p = run.params(frame);
    const z = outputs(frame);
    const line = words.lineWords(p, run.hidden, hasDecisionLine(z, facts.rule.stuck));
    setText($("mse-words"), words.mseWords(run, frame, view.ghost));
    setText($("weights-words"), words.weightsWords(run, frame));
    setText($("map-words"), words.mapWords(run, frame, z, line));
    root.querySelectorAll("details.as-table[open]").forEach((details) => fillChartTable(details, frame));
    const outs = run.inputs.map(([x1, x2]) => output(p, run.hidden, x1, x2));
    return words.stateSentence({epoch: run.epochOf(frame), mse: run.mse(frame),
                                before: before === undefined ? undefined : run.mse(before),
                                verdict: networkVerdict(outs, run.targets, facts.rule), line});
  }

  // A chart's numbers as a table, made when opened (and again on each description).
  function fillChartTable(details, frame) {
    const run = view.run;
    const epochs = words.tableEpochs(run.epochOf(frame)).map((e) => run.frameOf(e));
    const which = details.dataset.chart;
    if (which === "mse") {
      tableOf(details, ["Epoch", "MSE", "Learning rate"],
              epochs.map((f) => [count(run.epochOf(f)), sci(run.mse(f)), run.segmentAt(run.epochOf(f)).label]));
    } else if (which === "weights") {
      tableOf(details, ["Epoch", ...run.curves.map((c) => c.name)],
              epochs.map((f) => [count(run.epochOf(f)), ...run.curves.map((c) => param(run.params(f)[c.column]))]));
    } else {
      const z = outputs(frame);
      const n = view.grid.xs.length;
      const picks = [0, 10, 20, 30, 40].filter((k) => k < n);
      tableOf(details, ["x2 \\ x1", ...picks.map((c) => String(Number(view.grid.xs[c].toPrecision(3))))],
              picks.slice().reverse().map((r) => [String(Number(view.grid.ys[r].toPrecision(3))),
                                                   ...picks.map((c) => z[r * n + c].toFixed(3))]));
    }
  }
  root.querySelectorAll("details.as-table").forEach((details) => details.addEventListener("toggle", () => {
    if (details.open && view.run) fillChartTable(details, view.drawn);
  }));

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
      $("scrub").max = String(run.last);
      buildTable($("predictions"), run);
      draw(frame, false);
      describe(frame);  // the charts' descriptions, from the first frame on
      build();
    },
    draw,
    describe,
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
    plotlyFailed() { view.plotly = false; settle(); },  // no charts will come: nothing waits for them
    // `callback` once every chart stands: loading plotly.js and building the charts hold up
    // a slow computer for seconds, which would stall an animation started before.
    whenSettled(callback) {
      if (view.built?.map || view.plotly === false) callback();
      else view.settled.push(callback);
    },
    get camera() { return surface.camera; },
  };
}

function afterPaint(work) {
  requestAnimationFrame(() => setTimeout(work, 0));
}
