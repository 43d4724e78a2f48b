// The output as a 3D surface, drawn on a plain 2D canvas.
//
// A WebGL chart (Plotly's mesh3d) cost 20-30 ms a redraw here and over 100 ms on a
// slow laptop, enough to stall the rest of the player. A height field seen from above
// needs no depth buffer: drawn from the far corner to the near one, nearer squares
// simply cover farther ones. About 1,600 filled squares: a few milliseconds.
//
// Pure geometry (camera, project, order) is separate from drawing (drawSurface).

// A camera looking at the unit box from azimuth (degrees round the vertical axis,
// 0 = looking along +x2) and elevation (degrees above the floor).
export function camera(azimuth, elevation) {
  const a = (azimuth * Math.PI) / 180;
  const e = (Math.min(Math.max(elevation, 5), 89) * Math.PI) / 180;
  return {azimuth, elevation: Math.min(Math.max(elevation, 5), 89), cos: Math.cos(a), sin: Math.sin(a),
          ce: Math.cos(e), se: Math.sin(e)};
}

// A box point (u, v, w), each in -1..1, to the screen: [x right, y down, nearness (bigger =
// nearer the student)]. The camera is above the floor, looking down at it across v.
export function project(cam, u, v, w) {
  const x = u * cam.cos - v * cam.sin;
  const away = u * cam.sin + v * cam.cos;  // how far across the floor, away from the student
  return [x, -(w * cam.ce + away * cam.se), w * cam.se - away * cam.ce];
}

// Grid squares (row r, column c) from the farthest to the nearest, for this camera.
export function farToNear(cam, rows, columns) {
  const squares = [];
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < columns; c++) {
      const u = ((c + 0.5) / (columns - 1)) * 2 - 1;
      const v = ((r + 0.5) / (rows - 1)) * 2 - 1;
      squares.push([project(cam, u, v, 0)[2], r, c]);
    }
  }
  return squares.sort((a, b) => a[0] - b[0]).map(([, r, c]) => [r, c]);
}

// Draw the surface of outputs z (row-major over xs and ys, values 0..1) into a canvas
// context of width x height: box edges, the coloured squares (in `order`, from
// farToNear for this camera and step), the rows, axis labels. `step` 2 draws every
// other grid point: a quarter of the squares, for playback on a slow computer.
export function drawSurface(ctx, {width, height, cam, order, step = 1, grid, z, colours, rows, ink, font}) {
  const n = grid.xs.length;
  const m = grid.ys.length;
  const {size, cx, cy} = fit(cam, width, height, font);
  const toScreen = (u, v, w) => {
    const [x, y] = project(cam, u * 0.85, v * 0.85, w * 0.7);
    return [cx + x * size, cy + y * size];
  };
  const unitU = (x1) => ((x1 - grid.xs[0]) / (grid.xs[n - 1] - grid.xs[0])) * 2 - 1;
  const unitV = (x2) => ((x2 - grid.ys[0]) / (grid.ys[m - 1] - grid.ys[0])) * 2 - 1;
  ctx.clearRect(0, 0, width, height);
  ctx.lineJoin = "round";

  // the floor's outline, behind everything
  ctx.beginPath();
  for (const [a, b] of [[[-1, -1], [1, -1]], [[1, -1], [1, 1]], [[1, 1], [-1, 1]], [[-1, 1], [-1, -1]]]) {
    ctx.moveTo(...toScreen(a[0], a[1], -1));
    ctx.lineTo(...toScreen(b[0], b[1], -1));
  }
  Object.assign(ctx, {strokeStyle: ink.rule, lineWidth: 1});
  ctx.stroke();

  // every grid point on the screen once (no arrays made per square: this runs each frame)
  const cols = Math.floor((n - 1) / step) + 1;
  const lines = Math.floor((m - 1) / step) + 1;
  const sx = new Float64Array(cols * lines);
  const sy = new Float64Array(cols * lines);
  const a = cam.cos * 0.85 * size;
  const b = cam.sin * 0.85 * size;
  for (let r = 0; r < lines; r++) {
    const v = ((r * step) / (m - 1)) * 2 - 1;
    for (let c = 0; c < cols; c++) {
      const u = ((c * step) / (n - 1)) * 2 - 1;
      const w = (z[r * step * n + c * step] * 2 - 1) * 0.7;
      const away = u * b + v * a;
      sx[r * cols + c] = cx + u * a - v * b;
      sy[r * cols + c] = cy - (w * cam.ce * size + away * cam.se);
    }
  }
  const top = colours.length - 1;
  ctx.lineWidth = 0.6;
  for (const [r, c] of order) {
    const i = r * cols + c;
    const mean = (z[r * step * n + c * step] + z[r * step * n + (c + 1) * step] +
                  z[(r + 1) * step * n + (c + 1) * step] + z[(r + 1) * step * n + c * step]) / 4;
    ctx.beginPath();
    ctx.moveTo(sx[i], sy[i]);
    ctx.lineTo(sx[i + 1], sy[i + 1]);
    ctx.lineTo(sx[i + cols + 1], sy[i + cols + 1]);
    ctx.lineTo(sx[i + cols], sy[i + cols]);
    ctx.closePath();
    ctx.fillStyle = ctx.strokeStyle = colours[Math.round(Math.min(Math.max(Number.isFinite(mean) ? mean : 0.5, 0), 1) * top)];
    ctx.fill();
    if (step === 1) ctx.stroke();  // hides the hairline seams between squares; skipped while playing
  }

  // the rows at their targets: shape and colour by class, as on the map
  for (const row of rows) {
    const [x, y] = toScreen(unitU(row.x1), unitV(row.x2), row.target * 2 - 1);
    ctx.beginPath();
    const s = font * 0.45;
    if (row.symbol === "square") ctx.rect(x - s, y - s, 2 * s, 2 * s);
    else ctx.arc(x, y, s, 0, 2 * Math.PI);
    Object.assign(ctx, {fillStyle: row.color, strokeStyle: "#fff", lineWidth: 2});
    ctx.fill();
    ctx.stroke();
  }

  // labels at the floor's edges nearest the student, and the output axis
  Object.assign(ctx, {fillStyle: ink.text, font: `${font}px sans-serif`, textAlign: "center", textBaseline: "middle"});
  const near = (a, b) => (project(cam, a[0], a[1], -1)[2] > project(cam, b[0], b[1], -1)[2] ? a : b);
  const v = near([0, -1], [0, 1])[1];
  const u = near([-1, 0], [1, 0])[0];
  const label = (text, point) => ctx.fillText(text, ...point);
  label("x1", toScreen(0, v * 1.3, -1));
  label(short(grid.xs[0]), toScreen(-0.85, v * 1.15, -1));  // inset from the corners, where
  label(short(grid.xs[n - 1]), toScreen(0.85, v * 1.15, -1));  // the other axis's labels sit
  label("x2", toScreen(u * 1.3, 0, -1));
  label(short(grid.ys[0]), toScreen(u * 1.15, -0.85, -1));
  label(short(grid.ys[m - 1]), toScreen(u * 1.15, 0.85, -1));
  const corner = [-u, -v];  // the far corner's upright carries the output scale, clear of the labels
  ctx.beginPath();
  ctx.moveTo(...toScreen(corner[0], corner[1], -1));
  ctx.lineTo(...toScreen(corner[0], corner[1], 1));
  Object.assign(ctx, {strokeStyle: ink.rule, lineWidth: 1});
  ctx.stroke();
  label("0", toScreen(corner[0] * 1.12, corner[1] * 1.12, -1));
  label("1", toScreen(corner[0] * 1.12, corner[1] * 1.12, 1));
  label("output", toScreen(corner[0] * 1.12, corner[1] * 1.12, 0));
}

// Scale and centre so that the box and its labels fill the canvas below the title, at any angle.
export function fit(cam, width, height, font) {
  const xs = [];
  const ys = [];
  for (const u of [-1.3, 1.3]) {
    for (const v of [-1.3, 1.3]) {
      for (const w of [-1, 1]) {
        const [x, y] = project(cam, u * 0.85, v * 0.85, w * 0.7);
        xs.push(x);
        ys.push(y);
      }
    }
  }
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const title = 2.2 * font;  // room for the chart's title above
  const size = Math.min((width - 2 * font) / (right - left), (height - title - font) / (bottom - top));
  return {size, cx: width / 2 - size * (left + right) / 2,
          cy: title + (height - title - font) / 2 - size * (top + bottom) / 2};
}

const short = (x) => String(Number(x.toPrecision(3)));
