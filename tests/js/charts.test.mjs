// The pure drawing parts: geometry, the decision line, the Plotly figures.
import assert from "node:assert/strict";
import {test} from "node:test";
import {load} from "./cases.mjs";

const {epochAxis, mseRange, plotArea, projector, squareDomains} = await load("geometry.js");
const {levelPieces} = await load("contour.js");
const {mseChart, targetClasses} = await load("charts.js");
const {makeRun} = await load("run.js");

test("data lands on the pixels Plotly puts it (linear and log axes)", () => {
  const area = plotArea(400, 300, {l: 50, r: 10, t: 30, b: 40});
  assert.deepEqual(area, {left: 50, top: 30, width: 340, height: 230});
  const p = projector(area, {range: [0, 10]}, {type: "log", range: [-4, 0]});
  assert.equal(p.x(0), 50);
  assert.equal(p.x(10), 390);
  assert.equal(p.y(1), 30);  // 10^0 at the top
  assert.equal(p.y(1e-4), 260);  // 10^-4 at the bottom
  assert.equal(p.y(1e-2), 145);
});

test("the map keeps one unit the same length on both axes", () => {
  const square = squareDomains({left: 0, top: 0, width: 400, height: 200}, [0, 2], [0, 1]);
  assert.deepEqual(square.area, {left: 0, top: 0, width: 400, height: 200});
  const tall = squareDomains({left: 10, top: 0, width: 400, height: 200}, [0, 1], [0, 1]);
  assert.deepEqual(tall.area, {left: 110, top: 0, width: 200, height: 200});
  assert.deepEqual(tall.x, [0.25, 0.75]);
});

test("the MSE axis spans whole powers of ten around the values", () => {
  assert.deepEqual(mseRange([0.25, 0.1, 1.3e-4, 0], true), [-4, 0]);
  assert.deepEqual(mseRange([0.25, 0.2], true), [-1, 0]);
  assert.deepEqual(mseRange([0.5, 0.1], false), [0, 0.525]);
});

test("early pacing's epoch axis spreads the first epochs and labels the end", () => {
  const axis = epochAxis("early", 10_000, 10, String);
  assert.equal(axis.at(0), 0);
  assert.ok(Math.abs(axis.at(100) / axis.range[1] - Math.log(11) / Math.log(1001)) < 1e-12);
  assert.equal(axis.ticktext[0], "0");
  assert.equal(axis.ticktext[axis.ticktext.length - 1], "10000");
  assert.ok(axis.ticktext.includes("100"));
  assert.deepEqual(epochAxis("even", 500, 1).range, [0, 500]);
});

test("the decision line of a plane crosses where the output is 0.5", () => {
  // z = x over x, y in 0..1: the line x = 0.5, one piece per grid row
  const xs = [0, 0.25, 0.5001, 0.75, 1];
  const ys = [0, 0.5, 1];
  const z = ys.flatMap(() => xs);
  const pieces = levelPieces(z, xs, ys, 0.5);
  assert.equal(pieces.length, 2);
  for (const [x1, , x2] of pieces) {
    assert.ok(Math.abs(x1 - 0.5) < 1e-12 && Math.abs(x2 - 0.5) < 1e-12);
  }
  assert.equal(levelPieces(ys.flatMap(() => [0.6, 0.6, 0.6, 0.6, 0.6]), xs, ys).length, 0);
});

test("after a change the error chart's axis holds the ghost too, and marks where the rate changed", () => {
  const spec = {frames: 3, P: 3, stride: 1, reached: 2, epochs: 2, hidden: 0, inputs: [[0, 0]], targets: [1],
                segments: [{from: 0, label: "0.05 (notebook)"}, {from: 1, label: "5 (notebook)"}]};
  const run = makeRun(spec, Float64Array.from([0.3, 0, 0, 0, 0.2, 0, 0, 0, 0.01, 0, 0, 0]));
  const ghost = {label: "before: lr 0.05 (notebook)", epochs: [0, 2], mse: [0.3, 0.25]};
  const figure = mseChart({run, ghost, epochs: epochAxis("even", 2, 1), size: {width: 400, height: 300},
                           style: {font: 12, line: 2, marker: 10}, ink: {text: "#000", rule: "#ccc"}, log: true});
  assert.equal(figure.layout.shapes.length, 1);
  assert.equal(figure.layout.shapes[0].x0, 1);
  assert.match(figure.layout.annotations[0].text, /5 \(notebook\)/);
  assert.deepEqual(figure.layout.yaxis.range, [-2, 0]);
  assert.ok(Math.abs(figure.project.x(2) - (400 - figure.layout.margin.r)) < 1e-9);  // the last epoch at the right edge
});

test("rows are told apart by shape as well as colour", () => {
  const classes = targetClasses({targets: [0, 1, 1, 0.25]}, {zero: "#b35806", one: "#542788"});
  assert.deepEqual(classes.map((c) => [c.name, c.symbol, c.rows]),
                   [["target < 0.5", "circle", [0, 3]], ["target 1", "square", [1, 2]]]);
});
