// The player's entry point: Streamlit runs this in the app's page (a v2 component) and
// calls mount() on every rerun. It loads the player's modules from the server, once per
// browser tab; until they have arrived, a press on Play, Step or Reset is kept and
// carried out after, so a class that presses Play as the page appears loses nothing.

const players = new WeakMap();  // the player's root element -> its entry
let modules = null;
const opened = new WeakMap();  // an envelope -> its arguments: Streamlit calls mount again with the same one

// The server sends its arguments as one binary message (playground/player.py, envelope()):
// the length of a JSON header (4 bytes, little-endian), the header, then the run's packed
// frames, which go back into the run as `data`.
function open(bytes) {
  if (opened.has(bytes)) return opened.get(bytes);
  const size = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  const args = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + size)));
  args.run.data = bytes.subarray(4 + size);
  opened.set(bytes, args);
  return args;
}

// Streamlit serves its own scripts from <server>/static/js/; the same <server> serves
// component files (also behind a proxy such as Community Cloud's).
function serverBase() {
  const own = Array.from(document.scripts).find((s) => /\/static\/js\/index\.[^/]*\.js$/.test(s.src));
  return own ? own.src.replace(/static\/js\/[^/]*$/, "") : document.baseURI;
}

function start(root, entry) {
  const early = (event) => {
    const button = event.target.closest("button");
    if (!button || !["play", "step", "reset"].includes(button.id)) return;
    entry.presses.push(button.id);
    button.setAttribute("aria-busy", "true");
    if (button.id === "play") button.textContent = "Starting…";
  };
  root.addEventListener("click", early);
  const base = serverBase();
  modules ??= import(new URL(entry.data.files + "player.js", base).href);
  modules.then(({createPlayer}) => {
    root.removeEventListener("click", early);
    if (entry.gone) return;
    entry.player = createPlayer(root, (value) => entry.send("value", value), entry.data.facts, base);
    entry.player.render(entry.data);
    entry.presses.forEach((press) => entry.player.act(press));
  }, (error) => {
    const message = root.querySelector("#diverged");
    message.textContent = `The player could not load (${error.message}). Reload the page to try again.`;
    message.hidden = false;
  });
}

export default function mount({data: bytes, parentElement, setStateValue}) {
  const data = open(bytes);
  const root = parentElement.querySelector(".tinynet-player");
  let entry = players.get(root);
  if (!entry) {
    entry = {player: null, presses: [], data, send: setStateValue, gone: false};
    players.set(root, entry);
    start(root, entry);
  }
  entry.data = data;
  entry.send = setStateValue;
  entry.player?.render(data);
  return () => {  // the player leaves the page
    entry.gone = true;
    entry.player?.destroy();
    players.delete(root);
  };
}
