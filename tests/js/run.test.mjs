import assert from "node:assert/strict";
import {test} from "node:test";
import {cases, load, needsCases} from "./cases.mjs";

const {decodeRun, makeRun, unpack} = await load("run.js");

test("a packed run decodes to tinynet's float64 numbers exactly", needsCases, async () => {
  for (const c of cases.runs) {
    const run = await decodeRun({...c.spec, data: Buffer.from(c.spec.data, "base64")});  // JSON carried it as base64
    assert.equal(run.table.length, c.values.length);
    c.values.forEach((v, i) => assert.ok(Object.is(run.table[i], v), `value ${i}: ${run.table[i]} != ${v}`));
    assert.equal(run.mse(run.last), c.final_mse);
    assert.deepEqual(Array.from(run.params(run.last)), c.final_params);
  }
});

test("unpack reverses byte planes and second differences (hand-made planes)", () => {
  // two frames, one column: 1.5 then 2.5, as int64 bits b0 = 0x3FF8... and b1 = 0x4004...;
  // first differences b0, b1 - b0; second differences b0, (b1 - b0) - b0
  const [b0, b1] = [0x3ff8000000000000n, 0x4004000000000000n];
  const bits = [b0, b1 - b0 - b0];
  const planes = new Uint8Array(16);
  bits.forEach((b, f) => {
    for (let k = 0; k < 8; k++) planes[k * 2 + f] = Number((BigInt.asUintN(64, b) >> BigInt(8 * k)) & 0xffn);
  });
  assert.deepEqual(Array.from(unpack(planes, 2, 1)), [1.5, 2.5]);
  assert.throws(() => unpack(planes, 3, 1), /16 bytes for 3 frames/);
});

test("frames and epochs, strided runs, and the segment in force", () => {
  const spec = {frames: 4, P: 3, stride: 10, reached: 25, segments: [{from: 0, label: "a"}, {from: 20, label: "b"}]};
  const run = makeRun(spec, new Float64Array(16));
  assert.deepEqual(Array.from(run.epochs_of_frames), [0, 10, 20, 25]);
  assert.equal(run.frameOf(19), 1);
  assert.equal(run.frameOf(25), 3);
  assert.equal(run.frameOf(999), 3);
  assert.equal(run.segmentAt(19).label, "a");
  assert.equal(run.segmentAt(20).label, "b");  // the change was made here: the new rate is in force
});
