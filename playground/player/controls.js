// The player's controls: buttons, speed, pacing, scrubber, chart options, sound, keys; and
// a watch on the page's own setup widgets whose change carries on mid-run (learning rate,
// gradient).

import {wireKeys} from "./keys.js";

export function wireControls(root, actions, facts) {
  const $ = (id) => root.querySelector(`#${id}`);
  const removers = [];
  const on = (target, type, handler, options) => {
    target.addEventListener(type, handler, options);
    removers.push(() => target.removeEventListener(type, handler, options));
  };

  on($("play"), "click", () => actions.play());
  on($("step"), "click", () => actions.step());
  on($("reset"), "click", () => actions.reset());
  on($("speed"), "change", (event) => actions.speed(Number(event.target.value)));
  on($("pacing"), "change", (event) => actions.pacing(event.target.value));
  // While dragging ("input") only the page changes; the server hears once, on release ("change").
  on($("scrub"), "input", (event) => actions.scrubbing(Number(event.target.value)));
  on($("scrub"), "change", () => actions.scrubbed());
  on($("log"), "change", (event) => actions.options({log: event.target.checked}));
  on($("three-d"), "change", (event) => actions.options({surface: event.target.checked}));
  on($("sound"), "change", (event) => actions.sound(event.target.checked));
  on($("listen"), "click", () => actions.listen());
  watchCarryOn(on, facts.carry_on, () => actions.changing());
  removers.push(wireKeys(root, actions, on));

  const label = (id, text) => { if ($(id).textContent !== text) $(id).textContent = text; };
  return {
    apply(args) {
      const lock = new Set(args.held ? facts.controls : args.lock || []);  // held: everything waits
      for (const name of facts.controls) $(name).disabled = lock.has(name);
      $("pacing").disabled = lock.has("speed");
      root.classList.toggle("presenter", Boolean(args.presenter));
      $("held").hidden = !args.held;
      if ($("held").textContent !== (args.held || "")) $("held").textContent = args.held || "";
    },
    showPlaying(playing) {
      label("play", playing ? "Pause" : "Play");
      for (const id of ["play", "step", "reset"]) $(id).removeAttribute("aria-busy");
    },
    // A press before the run has arrived: say it is on its way, and that it was heard.
    showWaiting(intent) {
      $(intent).setAttribute("aria-busy", "true");
      if (intent === "play") label("play", "Starting…");
    },
    showRun(run) {
      $("scrub").max = String(run.last);
      // Very long runs keep every stride-th epoch: Step says how far it goes.
      label("step", run.stride > 1 ? `Step +${run.stride}` : "Step");
      $("step").title = run.stride > 1
        ? `Go ${run.stride} epochs forward (this long run keeps every ${run.stride}th epoch)`
        : "Go one epoch forward";
    },
    showError(text) {
      $("diverged").textContent = text;
      $("diverged").hidden = false;
    },
    destroy() {
      removers.forEach((remove) => remove());
    },
  };
}

// The page's widgets for `names` (Streamlit gives a keyed widget's container the class
// st-key-<key>). When the student commits a new value in one (Enter or leaving a changed
// field, a step button, another option), `commit` runs at once: the player then holds the
// epoch on show, which is where the change was made.
function watchCarryOn(on, names, commit) {
  const selector = names.map((name) => `.st-key-${name}`).join(", ");
  const inWidget = (target) => target instanceof Element && target.closest(selector);
  const focused = new WeakMap();  // an input -> its value when the student entered it
  const changed = (input) => {
    const before = focused.get(input);
    if (before === undefined || before === input.value || Number(before) === Number(input.value)) return false;
    focused.set(input, input.value);
    return true;
  };
  on(document, "focusin", (event) => {
    if (inWidget(event.target) && event.target.matches("input")) focused.set(event.target, event.target.value);
  }, true);
  on(document, "keydown", (event) => {
    if (event.key === "Enter" && inWidget(event.target) && changed(event.target)) commit();
  }, true);
  on(document, "focusout", (event) => {
    if (inWidget(event.target) && event.target.matches("input") && changed(event.target)) commit();
  }, true);
  on(document, "click", (event) => {
    if (!inWidget(event.target)) return;
    const button = event.target.closest("button");
    if (button) {
      if (!button.disabled) commit();
      return;
    }
    const option = event.target.closest("label")?.querySelector("input");
    if (option && !option.checked && !option.disabled) commit();
  }, true);
}
