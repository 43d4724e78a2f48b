// Playback time: which epoch is on show, given how long the run has been playing.
//
// The epoch follows the clock, not the frame count, so a slow computer skips epochs
// rather than slowing down. Two pacings (the server declares them, playground/player.py):
//   "even":  every epoch gets the same time.
//   "early": time grows with log(1 + epoch / scale), so the first epochs, where most
//            learning happens, get a fair share of the run's seconds instead of
//            flashing by (with 10,000 epochs, the first 100 take about a third).

export function pacing(kind, epochs, seconds, scale) {
  const total = Math.max(epochs, 1);
  if (kind === "even") {
    return {
      timeOf: (epoch) => seconds * epoch / total,
      epochAt: (time) => total * time / seconds,
    };
  }
  const span = Math.log1p(total / scale);
  return {
    timeOf: (epoch) => seconds * Math.log1p(Math.max(epoch, 0) / scale) / span,
    epochAt: (time) => scale * Math.expm1(Math.max(time, 0) * span / seconds),
  };
}

// A running clock: started at `epoch` at wall time `now` (ms), at `speed` times normal.
export function startClock(pace, epoch, now, speed) {
  return {pace, start: now, from: pace.timeOf(epoch), speed, ticked: now};
}

// A frame at wall time `now`. A steady slow computer skips epochs to stay on time, but a
// stall (the page busy building its charts just after Play, a hiccup) must not skip what
// no one saw: a gap between frames longer than `allowed` ms counts as `allowed` only.
export function tick(clock, now, allowed) {
  const late = now - clock.ticked - allowed;
  clock.ticked = now;
  if (late > 0) clock.start += late;
  return clock;
}

// The epoch on show at wall time `now` (ms), never past `last`.
export function epochNow(clock, now, last) {
  const seconds = clock.from + Math.max(0, now - clock.start) / 1000 * clock.speed;
  return Math.min(Math.floor(clock.pace.epochAt(seconds) + 1e-9), last);
}
