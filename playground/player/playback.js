// Playback: the clock that moves the epoch on show, and the hold that stops it where a
// change was made. It works on the player's one state object (player.js declares it).
//
// The epoch follows the clock, not the frame count, so a slow computer skips epochs
// rather than slowing down. With prefers-reduced-motion, playback shows still frames
// (about every STILL_EVERY_MS) instead of an animation.

import {epochNow, pacing, startClock, tick as clockTick} from "./clock.js";

const MAX_HOLD_MS = 8000;  // a change the server never acted on stops holding the display (a busy
                          // server answers in well under a second; past this, carry on and splice later)
const STILL_EVERY_MS = 600;
const STALL_MS = 250;  // a longer gap between frames is a stall: the clock waits (a 4x slower
                       // CPU's frames are at most ~150 ms apart while playing)
const calm = () => globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches;

// hooks: draw(frame, playing), playing(on) after a start or stop, frame(now) on every
// frame shown while playing, end() when the last frame is reached.
export function createPlayback(state, facts, hooks) {
  const pace = () => pacing(state.pacing, state.run.reached, facts.seconds_per_run, state.run.pacing_scale);
  const restart = () => {
    state.clock = startClock(pace(), state.run.epochOf(state.frame), performance.now(), state.speed);
  };

  function tick(now, loop) {
    if (!state.playing || loop !== state.loop) return;
    if (state.hold && now - state.hold.since > MAX_HOLD_MS) release();
    clockTick(state.clock, now, STALL_MS);
    if (!state.hold) state.frame = state.run.frameOf(epochNow(state.clock, now, state.run.reached));
    const last = !state.hold && state.frame === state.run.last;
    if (!calm() || last || now - state.shown >= STILL_EVERY_MS) {
      hooks.draw(state.frame, true);
      state.shown = now;
    }
    hooks.frame(now);
    if (last) {
      setPlaying(false);
      hooks.end();
      return;
    }
    requestAnimationFrame((next) => tick(next, loop));
  }

  function setPlaying(playing) {
    state.playing = playing;
    if (playing) {
      restart();
      const loop = state.loop = {};
      requestAnimationFrame((now) => tick(now, loop));
    } else {
      state.hold = null;
      state.loop = null;
      hooks.draw(state.frame, false);
    }
    hooks.playing(playing);
  }

  function goTo(frame) {
    state.hold = null;
    state.frame = Math.max(0, Math.min(frame, state.run.last));
    hooks.draw(state.frame, state.playing);
  }

  // Hold the epoch on show (a change was just committed): the clock waits here.
  function hold() {
    if (state.run && state.playing && !state.hold) {
      state.hold = {epoch: state.run.epochOf(state.frame), since: performance.now()};
    }
  }

  // The display carries on from where it held, without a jump.
  function release() {
    if (!state.hold) return;
    state.frame = state.run.frameOf(state.hold.epoch);
    state.hold = null;
    if (state.playing) restart();
  }

  return {setPlaying, goTo, hold, release, restart};
}
