import assert from "node:assert/strict";
import {test} from "node:test";
import {load} from "./cases.mjs";

const {epochNow, pacing, startClock, tick} = await load("clock.js");

test("early pacing gives the first epochs a fair share and ends on time", () => {
  const pace = pacing("early", 10_000, 3.5, 10);
  assert.equal(pace.timeOf(0), 0);
  assert.ok(Math.abs(pace.timeOf(10_000) - 3.5) < 1e-12);
  // log(1 + 100/10) / log(1 + 10000/10) = 0.347: the first 100 epochs take about a third
  assert.ok(Math.abs(pace.timeOf(100) / 3.5 - Math.log(11) / Math.log(1001)) < 1e-12);
  assert.ok(pace.timeOf(100) > 1.1);
  // even pacing would give them 1%
  assert.ok(Math.abs(pacing("even", 10_000, 3.5, 10).timeOf(100) - 0.035) < 1e-12);
});

test("epochAt inverts timeOf, and the clock never passes the end", () => {
  for (const kind of ["early", "even"]) {
    const pace = pacing(kind, 2500, 3.5, 2.5);
    for (const epoch of [0, 1, 7, 99, 1000, 2499, 2500]) {
      assert.equal(Math.floor(pace.epochAt(pace.timeOf(epoch)) + 1e-9), epoch, `${kind} ${epoch}`);
    }
    const clock = startClock(pace, 0, 1000, 1);
    assert.equal(epochNow(clock, 1000, 2500), 0);
    assert.equal(epochNow(clock, 1000 + 3500, 2500), 2500);
    assert.equal(epochNow(clock, 1000 + 99_000, 2500), 2500);
  }
});

test("a restarted clock carries on from its epoch, at its speed", () => {
  const pace = pacing("early", 10_000, 3.5, 10);
  const clock = startClock(pace, 3000, 0, 4);
  assert.equal(epochNow(clock, 0, 10_000), 3000);
  const later = epochNow(clock, 100, 10_000);  // 0.1 s at 4x: 0.4 s of run time
  assert.equal(later, Math.floor(pace.epochAt(pace.timeOf(3000) + 0.4) + 1e-9));
  assert.ok(later > 3000);
});

test("a stall does not skip epochs: a gap longer than allowed counts as allowed", () => {
  const pace = pacing("even", 10_000, 4, 10);  // 2,500 epochs a second
  const clock = startClock(pace, 0, 0, 1);
  tick(clock, 100, 250);  // a steady frame: the clock runs on
  assert.equal(epochNow(clock, 100, 10_000), 250);
  tick(clock, 3100, 250);  // three seconds with no frame (the page was busy): 250 ms count
  assert.equal(epochNow(clock, 3100, 10_000), 875);
  tick(clock, 3200, 250);  // and it carries on from there at its pace
  assert.equal(epochNow(clock, 3200, 10_000), 1125);
  // a steady slow computer (frames 200 ms apart) still ends on time
  const slow = startClock(pace, 0, 0, 1);
  for (let now = 200; now <= 4000; now += 200) tick(slow, now, 250);
  assert.equal(epochNow(slow, 4000, 10_000), 10_000);
});
