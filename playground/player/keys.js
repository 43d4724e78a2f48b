// Keyboard: the player's shortcuts and a "skip to the player" link.
//
// Space plays and pauses, → steps, Home resets (and ← → move the slider when it has
// focus; the 3D view turns with the arrows when it has focus). Shortcuts never fire
// while the student types in a field or uses another control of the page: only when
// the focus is in the player (not on a text field) or on nothing at all.

const TYPING = "input:not([type=button]):not([type=checkbox]):not([type=radio]):not([type=range]), " +
               "textarea, select, [contenteditable=''], [contenteditable=true], [role=textbox], [role=combobox], [role=grid]";

// Which action a key asks for, or null: pure, so it can be tested without a page.
export function shortcut(key, {inPlayer, onBody, typing, onButton, onSlider, onSurface, modified}) {
  if (modified || typing || !(inPlayer || onBody)) return null;
  if (key === " " || key === "Spacebar") return onButton ? null : "play";  // a focused button's Space is its own click
  if (key === "ArrowRight") return onSlider || onSurface ? null : "step";
  if (key === "Home") return onSlider ? null : "reset";
  return null;
}

export function wireKeys(root, actions, on) {
  on(document, "keydown", (event) => {
    const target = event.target instanceof Element ? event.target : document.body;
    const action = shortcut(event.key, {
      inPlayer: root.contains(target),
      onBody: target === document.body || target === document.documentElement,
      typing: Boolean(target.closest(TYPING)),
      onButton: target.tagName === "BUTTON" || target.tagName === "SUMMARY",
      onSlider: target.id === "scrub",
      onSurface: target.id === "surface-chart",
      modified: event.ctrlKey || event.metaKey || event.altKey,
    });
    if (!action) return;
    event.preventDefault();  // Space would scroll the page
    actions[action]();
  });
  return skipLink(root, on);
}

// The first thing a Tab reaches on the page: a link straight to Play (Streamlit's sidebar
// holds some thirty controls before the player otherwise).
function skipLink(root, on) {
  const link = document.createElement("a");
  link.className = "tinynet-skip";
  link.href = "#play";
  link.textContent = "Skip to the player (Space plays and pauses)";
  on(link, "click", (event) => {
    event.preventDefault();
    root.querySelector("#play").focus();
  });
  document.body.prepend(link);
  return () => link.remove();
}
