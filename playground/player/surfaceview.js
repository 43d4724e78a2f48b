// The 3D view on the page: its canvas, its own pace, and turning it by drag (mouse, pen
// or finger) or the arrow keys. The drawing itself is surface3d.js.

import {camera, drawSurface, farToNear} from "./surface3d.js";

const SHARE = 0.4;  // while playing, the 3D view may take at most this share of the time
const TURN = 5;  // degrees an arrow key turns it

export function createSurfaceView(element, colours) {
  const canvas = element.querySelector("canvas");
  const view = {
    cam: camera(-35, 30),
    order: {},  // squares far to near for this camera, by step
    scene: null,  // {grid, rows, ink, font, size}: what show() was given
    drawn: {frame: -1, step: 1, outputs: null},
    pace: {next: 0, cost: 0},
  };
  const mark = () => Object.assign(element.dataset, {azimuth: view.cam.azimuth, elevation: view.cam.elevation});
  mark();

  // While playing, a redraw waits until the last one's cost is a small share of the time
  // since, and draws every other grid point: a slow computer drops 3D frames first, never
  // the readouts, the curves or the map.
  function draw(frame, outputs, playing) {
    const scene = view.scene;
    const step = playing ? 2 : 1;
    if (!scene || (view.drawn.frame === frame && view.drawn.step === step)) return;
    const now = performance.now();
    if (playing && now < view.pace.next) return;
    const ratio = globalThis.devicePixelRatio || 1;
    const {width, height} = scene.size;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const {grid} = scene;
    view.order[step] ||= farToNear(view.cam, (grid.ys.length - 1) / step + 1, (grid.xs.length - 1) / step + 1);
    drawSurface(ctx, {width, height, cam: view.cam, order: view.order[step], step, grid, z: outputs(frame),
                      colours, rows: scene.rows, ink: scene.ink, font: scene.font});
    view.drawn = {frame, step, outputs};
    view.pace = {cost: performance.now() - now, next: now + (performance.now() - now) / SHARE};
    element.dataset.frame = String(frame);
  }

  function turn(dAzimuth, dElevation) {
    view.cam = camera(view.cam.azimuth + dAzimuth, view.cam.elevation + dElevation);
    view.order = {};
    mark();
    const {frame, outputs} = view.drawn;
    if (outputs) {
      view.drawn.frame = -1;
      draw(frame, outputs, false);
    }
  }

  let dragging = null;
  element.addEventListener("pointerdown", (event) => {
    dragging = {x: event.clientX, y: event.clientY};
    element.setPointerCapture(event.pointerId);
  });
  element.addEventListener("pointermove", (event) => {
    if (!dragging) return;
    turn((event.clientX - dragging.x) * 0.5, (event.clientY - dragging.y) * 0.4);
    dragging = {x: event.clientX, y: event.clientY};
  });
  const stop = () => { dragging = null; };
  element.addEventListener("pointerup", stop);
  element.addEventListener("pointercancel", stop);
  element.addEventListener("keydown", (event) => {
    const step = {ArrowLeft: [-TURN, 0], ArrowRight: [TURN, 0], ArrowUp: [0, TURN], ArrowDown: [0, -TURN]}[event.key];
    if (!step) return;
    event.preventDefault();
    event.stopPropagation();  // here the arrows turn the view; the player's shortcuts are elsewhere
    turn(...step);
  });

  return {
    // A new run or look: the grid, the rows to mark, the page's ink, the font size, the canvas size.
    show(scene) {
      view.scene = scene;
      view.drawn = {frame: -1, step: 1, outputs: null};
    },
    hide() {
      view.scene = null;
    },
    draw,
    get camera() { return {azimuth: view.cam.azimuth, elevation: view.cam.elevation}; },
  };
}
