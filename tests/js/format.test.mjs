import assert from "node:assert/strict";
import {test} from "node:test";
import {cases, load, needsCases} from "./cases.mjs";

const {count, fixed, param, sci} = await load("format.js");

test("readouts round as Python's format() does, ties included", needsCases, () => {
  for (const c of cases.format) {
    assert.equal(fixed(c.x, 4), c.fixed4, `fixed(${c.x})`);
    assert.equal(sci(c.x, 3), c.sci3, `sci(${c.x})`);
    assert.equal(param(c.x), c.param, `param(${c.x})`);
  }
});

test("exact ties go to the even digit, where toFixed would round up", () => {
  // 1.03125 and 0.00015625 are exact in binary, so they really are halfway
  assert.equal((1.03125).toFixed(4), "1.0313");  // what plain JavaScript says
  assert.equal(fixed(1.03125, 4), "1.0312");
  assert.equal(fixed(1.03135, 4), "1.0313");  // not a tie: 1.03135 is stored as 1.031349999...
  assert.equal(sci(0.00015625, 2), "1.56e-04");
  assert.equal(sci(-2.5, 0), "-2e+00");
});

test("scientific notation across powers of ten and the edges of float64", () => {
  assert.equal(sci(9.9996e-5), "1.000e-04");
  assert.equal(sci(1e-4), "1.000e-04");
  assert.equal(sci(0), "0.000e+00");
  assert.equal(sci(1.7976931348623157e308), "1.798e+308");
  assert.equal(sci(5e-324), "4.941e-324");
  assert.equal(fixed(1e39, 4), "999999999999999939709166371603178586112.0000");
  assert.equal(param(1e39), "1.0000e+39");
  assert.equal(fixed(-0.00001, 4), "-0.0000");
  assert.equal(fixed(Infinity), "inf");
});

test("counts have thousands separators", () => {
  assert.equal(count(0), "0");
  assert.equal(count(1002), "1,002");
  assert.equal(count(100000), "100,000");
});
