// A training run as the server sends it (playground/player.py, payload()), decoded.
//
// Frame i holds epoch min(i * stride, reached): stride is 1 unless the run is very long.
// Each frame is one row of float64 numbers: the MSE, then the parameters in tinynet's
// flatten() order. They travel exactly (float64, not float32), so every readout agrees
// with tinynet's own numbers: Python sends each column's int64 bit patterns as second
// differences down the frames, split into byte planes and deflated (smooth training
// curves then take about 30% fewer bytes than plain float32 would).

export async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Byte planes of int64 second differences -> (frames x columns) float64, row-major.
// Plane layout: byte k of column c of frame f is at ((c * 8 + k) * frames + f).
export function unpack(planes, frames, columns) {
  if (planes.length !== frames * columns * 8) {
    throw new Error(`run data: ${planes.length} bytes for ${frames} frames of ${columns} numbers`);
  }
  const bytes = new Uint8Array(frames * columns * 8);
  for (let c = 0; c < columns; c++) {
    for (let k = 0; k < 8; k++) {
      const plane = (c * 8 + k) * frames;
      for (let f = 0; f < frames; f++) bytes[(f * columns + c) * 8 + k] = planes[plane + f];
    }
  }
  // Typed arrays use the machine's byte order; Python wrote little-endian, as every
  // browser's machine is. A BigInt64Array wraps sums modulo 2**64, as numpy's diff did.
  // Two running sums down each column undo the two differences.
  const bits = new BigInt64Array(bytes.buffer);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = columns; i < bits.length; i++) bits[i] += bits[i - columns];
  }
  return new Float64Array(bytes.buffer);
}

// spec.data: the frames as the server packed them (bytes).
export async function decodeRun(spec) {
  const table = unpack(await inflate(spec.data), spec.frames, spec.P + 1);
  return makeRun(spec, table);
}

// The decoded run: the server's description plus lookups by frame and epoch.
export function makeRun(spec, table) {
  const width = spec.P + 1;
  const last = spec.frames - 1;
  const run = {
    ...spec,
    data: undefined,
    table,
    last,
    epochOf: (frame) => Math.min(frame * spec.stride, spec.reached),
    frameOf: (epoch) => (epoch >= spec.reached ? last : Math.max(0, Math.floor(epoch / spec.stride))),
    mse: (frame) => table[frame * width],
    params: (frame) => table.subarray(frame * width + 1, (frame + 1) * width),  // a view: no copy
    column: (k, upto = last) => {  // parameter k over frames 0..upto
      const out = new Float64Array(upto + 1);
      for (let f = 0; f <= upto; f++) out[f] = table[f * width + 1 + k];
      return out;
    },
    // The segment in force at this epoch: its learning rate and gradient make the next update.
    segmentAt: (epoch) => {
      let found = spec.segments[0];
      for (const segment of spec.segments) if (segment.from <= epoch) found = segment;
      return found;
    },
  };
  run.epochs_of_frames = Float64Array.from({length: spec.frames}, (_, i) => run.epochOf(i));
  return run;
}
