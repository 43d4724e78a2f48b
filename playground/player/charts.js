// The charts' Plotly figures, as plain data: numbers in, {data, layout, config} out.
//
// Plotly draws only what stays put while a run plays: axes, titles, legends, the rows on
// the map. What moves (the growing curves, the map's colours and its decision line) is
// painted on a canvas under each chart (painter.js), placed with the same geometry,
// because redrawing a Plotly chart every frame costs ~10 ms a chart. (The 3D view is
// drawn on a canvas of its own: surface3d.js.)

import {mseRange, plotArea, projector, squareDomains, valueRange} from "./geometry.js";

const CONFIG = {displaylogo: false, displayModeBar: false, responsive: false};

// Sizes for the screen, or bigger for a projector (presenter mode).
export function look(presenter) {
  return presenter ? {font: 18, line: 4, marker: 16} : {font: 13, line: 2, marker: 11};
}

function margins(style) {
  const {font} = style;
  return {l: 30 + 3.2 * font, r: 12 + 1.6 * font, t: 22 + 1.6 * font, b: 26 + 2.2 * font, pad: 0};
}

// Legends are HTML under each chart (see keys in view.js): a Plotly legend would take a
// share of the figure that depends on its wrapping, and the painters need fixed geometry.
function layout(size, style, ink, title) {
  const margin = margins(style);
  const axis = (text) => ({title: {text, standoff: 4}, gridcolor: ink.rule, zerolinecolor: ink.rule,
                           linecolor: ink.rule, automargin: false, fixedrange: true});
  return {
    width: size.width, height: size.height, margin,
    title: {text: title, font: {size: style.font + 3}, x: 0, xref: "paper", y: 1, yref: "container",
            yanchor: "top", pad: {t: 6}},
    font: {size: style.font, color: ink.text},
    paper_bgcolor: "rgba(0,0,0,0)",  // the page shows through, light or dark theme
    plot_bgcolor: "rgba(0,0,0,0)",   // and so does the canvas painted under the plot area
    showlegend: false,
    xaxis: axis(""), yaxis: axis(""),
    hovermode: false,
  };
}

// The x axis of the line charts, from geometry.epochAxis.
function epochXAxis(spec, epochs) {
  Object.assign(spec.xaxis, {range: epochs.range, title: {text: epochs.title, standoff: 4}});
  if (epochs.tickvals) Object.assign(spec.xaxis, {tickmode: "array", tickvals: epochs.tickvals, ticktext: epochs.ticktext});
}

export function mseChart({run, ghost, epochs, size, style, ink, log}) {
  const values = Array.from({length: run.frames}, (_, f) => run.mse(f));
  if (ghost) values.push(...ghost.mse);
  const spec = layout(size, style, ink, "Error (MSE) by epoch");
  epochXAxis(spec, epochs);
  Object.assign(spec.yaxis, {type: log ? "log" : "linear", range: mseRange(values, log),
                             title: {text: "MSE", standoff: 4}, exponentformat: "power"});
  const decades = spec.yaxis.range[1] - spec.yaxis.range[0];
  if (log && decades >= 2) spec.yaxis.dtick = Math.ceil(decades / 5);  // a label every power of ten, or every few
  // Where the learning rate or gradient changed mid-run: a line, and what changed.
  spec.shapes = run.segments.slice(1).map((s) => ({
    type: "line", xref: "x", yref: "paper", x0: epochs.at(s.from), x1: epochs.at(s.from), y0: 0, y1: 1,
    line: {color: ink.text, width: 1, dash: "dot"}}));
  spec.annotations = run.segments.slice(1).map((s) => ({
    xref: "x", yref: "paper", x: epochs.at(s.from), y: 1, yanchor: "bottom", showarrow: false,
    text: `lr → ${s.label}`, font: {size: style.font - 1}}));
  return {data: [], layout: spec, config: {...CONFIG, staticPlot: true},
          project: projector(plotArea(size.width, size.height, spec.margin), spec.xaxis, spec.yaxis)};
}

export function weightsChart({run, epochs, size, style, ink}) {
  const values = [];
  run.curves.forEach((curve) => { for (let f = 0; f < run.frames; f++) values.push(run.params(f)[curve.column]); });
  const title = run.hidden ? "Output weights and bias by epoch" : "Weights and bias by epoch";
  const spec = layout(size, style, ink, title);
  epochXAxis(spec, epochs);
  Object.assign(spec.yaxis, {range: valueRange(values), title: {text: "Value", standoff: 4}});
  return {data: [], layout: spec, config: {...CONFIG, staticPlot: true},
          project: projector(plotArea(size.width, size.height, spec.margin), spec.xaxis, spec.yaxis)};
}

// The map: Plotly draws the axes and the rows (they never move); the colours and the
// decision line are painted under it. An invisible heatmap answers hover when paused.
export function mapChart({run, grid, z, size, style, ink, classes}) {
  const spec = layout(size, style, ink, "Output over the inputs");
  const area = plotArea(size.width, size.height, spec.margin);
  const square = squareDomains(area, grid.xRange, grid.yRange);
  Object.assign(spec.xaxis, {range: grid.xRange, domain: square.x, title: {text: "x1", standoff: 4},
                             showgrid: false, zeroline: false});
  Object.assign(spec.yaxis, {range: grid.yRange, domain: square.y, title: {text: "x2", standoff: 4},
                             showgrid: false, zeroline: false});
  spec.hovermode = "closest";
  const data = [
    {type: "heatmap", x: Array.from(grid.xs), y: Array.from(grid.ys), z: rows(z, grid.xs.length), opacity: 0,
     showscale: false, hovertemplate: "x1 %{x:.2f}, x2 %{y:.2f}<br>output %{z:.3f}<extra></extra>"},
    ...classes.map((c) => ({
      type: "scatter", mode: "markers", name: c.name,
      x: c.rows.map((i) => run.inputs[i][0]), y: c.rows.map((i) => run.inputs[i][1]),
      text: c.rows.map((i) => `row ${i + 1}: target ${run.targets[i]}`), hovertemplate: "%{text}<extra></extra>",
      // a white ring: the fill is the colour of its class, and so is the map around a learned row
      marker: {symbol: c.symbol, size: style.marker + 4, color: c.color, line: {color: "#fff", width: 2.5}},
    })),
  ];
  return {data, layout: spec, config: CONFIG,
          project: projector(square.area, spec.xaxis, spec.yaxis)};
}

// A row-major grid as Plotly's list of rows.
export function rows(z, columns) {
  const out = [];
  for (let r = 0; r < z.length / columns; r++) out.push(Array.from(z.subarray(r * columns, (r + 1) * columns)));
  return out;
}

// The rows on the maps, by their target's class: shape and colour both differ, so no
// student has to tell the classes apart by colour alone.
export function targetClasses(run, colors) {
  return [0, 1].map((cls) => {
    const rowsOf = run.targets.map((t, i) => i).filter((i) => (run.targets[i] >= 0.5) === (cls === 1));
    const exact = rowsOf.every((i) => run.targets[i] === cls);
    return {rows: rowsOf, name: exact ? `target ${cls}` : (cls ? "target ≥ 0.5" : "target < 0.5"),
            symbol: cls ? "square" : "circle", color: cls ? colors.one : colors.zero};
  }).filter((c) => c.rows.length);
}
