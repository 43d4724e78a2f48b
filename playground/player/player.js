// The player: plays a finished training run back in the browser.
//
// The server trains the whole run and sends it once (playground/player.py); playback
// runs here on its own and sends nothing while it plays, so one server holds a class.
// The server hears from the player only when the student stops somewhere (Pause, Step,
// Reset, a scrub, the end) and when it answers a change request (below), because each
// report reruns the page's script.
//
// A learning rate or gradient changed mid-run carries on from the epoch on show. The
// player notices the student committing such a change (controls.js), holds the display
// at that epoch, and when the server asks ("branch": a request id) answers with it; the
// server trains on from there and sends the spliced run, which starts at that epoch, so
// the epoch on show never runs backwards. Every report carries the last answer
// (`answered`), so no later report (Step, Pause...) can hide it from the server: Streamlit
// keeps only the newest value when two arrive together.

import {decodeRun} from "./run.js";
import {createPlayback} from "./playback.js";
import {createView} from "./view.js";
import {wireControls} from "./controls.js";
import {mseRange} from "./geometry.js";
import {loadPlotly} from "./plotly.js";
import {createTrace, pitchOf} from "./sound.js";

const SAY_EVERY_MS = 5000;  // while playing, the live region speaks at most this often

export function createPlayer(root, send, facts, base) {
  const view = createView(root, facts);
  const state = {
    args: null,       // the newest arguments from the server
    run: null,        // the decoded run on show (run.js)
    decoding: null,   // id of the run being decoded
    frame: 0,         // the frame on show
    playing: false,   // playing, or holding while playing
    speed: 1,
    pacing: facts.pacing.default,
    clock: null,      // clock.js, while playing
    hold: null,       // {epoch, since}: the display waits here for a change's spliced run
    answered: null,   // {id, epoch}: the last change request answered; sent with every report
    intent: null,     // "play", "step" or "reset" pressed before the run had arrived
    starting: false,  // Play pressed, waiting for the charts to stand
    seq: 0,           // reports sent: each differs, so Streamlit never drops one as unchanged
    loop: null,       // the running animation loop's token: only one loop ever runs
    said: {frame: null, at: 0},  // what the live region last spoke of, and when
    shown: 0,         // when playback last showed a frame (reduced motion)
    sound: false,     // the error as pitch, while playing
    pitch: [-4, 0],   // the error axis's range, in powers of ten, for the pitch
  };
  const trace = createTrace();

  const epoch = () => (state.hold ? state.hold.epoch : state.run.epochOf(state.frame));

  function report(event) {
    state.seq += 1;
    send({run_id: state.run.id, epoch: epoch(), playing: state.playing, event, seq: state.seq,
          answered: state.answered});
  }

  // ---- playback, and what goes with each frame: the live region and the sound ----

  const playback = createPlayback(state, facts, {
    draw: (frame, playing) => view.draw(frame, playing),
    playing(on) {
      controls.showPlaying(on);
      if (on) state.said.at = performance.now();
      else trace.stop();
    },
    frame(now) {
      if (state.sound) trace.follow(pitchOf(state.run.mse(state.frame), state.pitch));
      if (now - state.said.at >= SAY_EVERY_MS) say();
    },
    end() {
      report("end");
      say();
    },
  });
  const {setPlaying, goTo, release} = playback;

  // The live region: what the frame on show means, in words (polite: it never interrupts).
  function say() {
    if (!state.run) return;
    root.querySelector("#said").textContent = view.describe(state.frame, state.said.frame ?? undefined);
    state.said = {frame: state.frame, at: performance.now()};
  }

  // ---- the student's controls (controls.js calls these) ----

  const held = () => Boolean(state.args?.held);  // the teacher paused the class: nothing plays

  const actions = {
    play() {
      if (held()) return;
      if (!state.run) return wait("play");
      if (state.playing) {
        setPlaying(false);
        report("pause");
        say();
        return;
      }
      if (state.starting) return;
      // Once the charts stand (building them would stall the first epochs on a slow computer).
      // No report: a Play costs the server nothing (a class presses at once).
      state.starting = true;
      controls.showWaiting("play");
      view.whenSettled(() => {
        if (!state.starting) return;  // a Step, Reset or scrub came after: it wins
        state.starting = false;
        if (state.playing || held()) return controls.showPlaying(state.playing);
        if (state.frame === state.run.last) goTo(0);  // Play at the end starts over
        setPlaying(true);
      });
    },
    step() {
      if (held()) return;
      if (!state.run) return wait("step");
      const from = state.run.frameOf(epoch());
      state.starting = false;
      setPlaying(false);
      goTo(from + 1);
      report("step");
      say();
    },
    reset() {
      if (held()) return;
      if (!state.run) return wait("reset");
      state.starting = false;
      setPlaying(false);
      goTo(0);
      report("reset");
      say();
    },
    scrubbing(frame) {
      if (!state.run) return;
      if (state.playing || state.starting) setPlaying(false);
      state.starting = false;
      goTo(frame);
    },
    scrubbed() {
      if (!state.run) return;
      report("scrub");
      say();
    },
    speed(speed) {
      state.speed = speed;
      if (state.playing && !state.hold) playback.restart();  // from the epoch on show, at the new speed
    },
    pacing(kind) {
      state.pacing = kind;
      view.setOptions({pacing: kind});
      if (state.playing && !state.hold) playback.restart();
    },
    options(options) {
      view.setOptions(options);
    },
    sound(on) {
      state.sound = on;
      if (!on) trace.stop();
    },
    // The curve so far as sound, two seconds long: on demand, playing or not.
    listen() {
      if (!state.run) return;
      const frames = Array.from({length: 80}, (_, i) => Math.round((i / 79) * state.frame));
      trace.play(frames.map((f) => pitchOf(state.run.mse(f), state.pitch)));
    },
    // The student committed a new learning rate or gradient: hold here until its run arrives.
    changing: playback.hold,
  };

  // A press before the run has arrived is kept, and carried out when it does.
  function wait(intent) {
    state.intent = intent;
    controls.showWaiting(intent);
  }

  const controls = wireControls(root, actions, facts);

  // ---- what the server sends (again on every rerun of the page's script) ----

  async function render(args) {
    state.args = args;
    controls.apply(args);
    if (args.held && state.playing) setPlaying(false);  // the teacher paused the class
    view.setOptions({presenter: Boolean(args.presenter)});
    if (state.run?.id !== args.run.id) {
      if (state.decoding === args.run.id) return;
      state.decoding = args.run.id;
      let run;
      try {
        run = await decodeRun(args.run);
      } catch (error) {
        state.decoding = null;
        controls.showError(`This run could not be read (${error.message}). Reload the page to try again.`);
        return;
      }
      if (state.args !== args && state.args.run.id !== args.run.id) return;  // overtaken by a newer run
      state.decoding = null;
      adopt(run, state.args);
    }
    answer(state.args);
  }

  function adopt(run, args) {
    const before = state.run;
    const continues = Boolean(before) && args.run.spliced_from === before.id;
    const wasPlaying = state.playing;
    const here = before ? epoch() : 0;
    state.run = run;
    state.hold = null;
    state.playing = false;
    const start = continues ? Math.max(args.start_epoch, here) : args.start_epoch;
    state.frame = run.frameOf(Math.min(start, run.reached));
    state.pitch = mseRange(Array.from({length: run.frames}, (_, f) => run.mse(f)), true);
    state.said.frame = null;
    view.show(run, args.ghost, state.frame);
    controls.showRun(run);
    performance.mark("player:run");
    if (continues && wasPlaying && state.frame < run.last) setPlaying(true);
    else controls.showPlaying(false);
    const intent = state.intent;
    state.intent = null;
    if (intent) actions[intent]();
  }

  // A change request from the server: answer once, with the epoch the change was made at.
  function answer(args) {
    if (!args.branch) {
      if (state.hold && !state.decoding) release();  // the change needed no new run
      return;
    }
    if (state.answered?.id === args.branch) return;
    if (state.playing && !state.hold) actions.changing();
    state.answered = {id: args.branch, epoch: epoch()};
    report("branch");
  }

  loadPlotly(new URL(facts.plotly, base).href).then((Plotly) => view.plotlyReady(Plotly), (error) => {
    controls.showError(`The charts could not load (${error.message}). Reload the page to try again.`);
    view.plotlyFailed();
  });

  return {
    render,
    act: (name) => actions[name](),
    destroy() {
      state.loop = null;
      state.playing = false;
      trace.stop();
      controls.destroy();
    },
    get state() { return state; },
  };
}
