// The decision line: where the output crosses a level (0.5), as short straight pieces,
// one per grid square it passes through (marching squares, with linear interpolation
// along each square's edges).
//
// z is row-major over the grid: z[r * xs.length + c] is the output at (xs[c], ys[r]).
// Returns pieces [x1, y1, x2, y2] in data units.

export function levelPieces(z, xs, ys, level = 0.5) {
  const columns = xs.length;
  const pieces = [];
  for (let r = 0; r + 1 < ys.length; r++) {
    for (let c = 0; c + 1 < columns; c++) {
      const corners = [[c, r], [c + 1, r], [c + 1, r + 1], [c, r + 1]];
      const points = [];
      corners.forEach(([c1, r1], k) => {
        const [c2, r2] = corners[(k + 1) % 4];
        const a = z[r1 * columns + c1] - level;
        const b = z[r2 * columns + c2] - level;
        if ((a < 0) !== (b < 0)) {
          const t = a / (a - b);
          points.push(xs[c1] + (xs[c2] - xs[c1]) * t, ys[r1] + (ys[r2] - ys[r1]) * t);
        }
      });
      // two crossings, or four at a saddle (paired in order round the square)
      for (let k = 0; k + 3 < points.length; k += 4) pieces.push(points.slice(k, k + 4));
    }
  }
  return pieces;
}
