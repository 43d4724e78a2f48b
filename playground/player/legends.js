// The charts' furniture in HTML: legends under the charts, the "now" cursor over the line
// charts, and which learning rate ran when. HTML, not Plotly, so that none of it is
// redrawn with every frame and the painters' geometry stays fixed.

import {count} from "./format.js";

// Which learning rate ran when, e.g. "0.05 (notebook) for epochs 0 to 3,011; 5 (notebook) from epoch 3,012".
export function segmentsText(run) {
  return run.segments.map((s, i) => {
    const next = run.segments[i + 1];
    return next ? `${s.label} for epochs ${count(s.from)} to ${count(next.from - 1)}` : `${s.label} from epoch ${count(s.from)}`;
  }).join("; ");
}

// A line chart's legend, in HTML under it: a short line of each curve's colour and dash, and its name.
export function lineKey(element, items) {
  element.replaceChildren(...items.map((item) => {
    const entry = document.createElement("span");
    entry.className = "key-item";
    const dash = item.dash?.length ? ` stroke-dasharray="${item.dash.join(" ")}"` : "";
    entry.innerHTML = `<svg width="26" height="10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" ` +
      `stroke="${item.color}" stroke-width="2.5"${dash}/></svg>`;
    entry.append(item.name);  // text, never markup
    return entry;
  }));
}

// "Now" on a line chart: a dotted line and one dot per curve, as HTML over the plot.
export function cursor(holder, colors, size) {
  holder.querySelectorAll(".now-line, .now-dot").forEach((old) => old.remove());
  const add = (className, color) => {
    const element = document.createElement("div");
    element.className = className;
    if (color) Object.assign(element.style, {background: color, width: `${size}px`, height: `${size}px`});
    holder.append(element);
    return element;
  };
  const line = add("now-line");
  const dots = colors.map((color) => add("now-dot", color));
  return {
    place(project, x, values) {
      const px = project.x(x);
      const {top, height} = project.area;
      Object.assign(line.style, {top: `${top}px`, height: `${height}px`, transform: `translateX(${px}px)`});
      dots.forEach((dot, k) => {
        const py = project.y(values[k]);
        dot.hidden = !(Number.isFinite(py) && py >= top - 1 && py <= top + height + 1);
        dot.style.transform = `translate(${px}px, ${py}px) translate(-50%, -50%)`;
      });
    },
  };
}

// The output map's key: the colour scale, the decision line, the rows' shapes.
export function mapKey(element, classes, scale) {
  const gradient = scale.map(([at, color]) => `${color} ${at * 100}%`).join(", ");
  const symbol = (c) => (c.symbol === "square"
    ? `<rect x="2" y="2" width="12" height="12" fill="${c.color}" stroke="#000" stroke-width="1.5"/>`
    : `<circle cx="8" cy="8" r="6" fill="${c.color}" stroke="#000" stroke-width="1.5"/>`);
  element.innerHTML =
    `<span class="key-item">output 0 <i class="key-scale" style="background: linear-gradient(to right, ${gradient})"></i> 1</span>` +
    '<span class="key-item"><svg class="key-line" width="30" height="14" aria-hidden="true">' +
    '<line x1="1" y1="7" x2="29" y2="7" stroke="#000" stroke-width="2"/></svg>decision line (output 0.5)</span>' +
    classes.map((c) => `<span class="key-item"><svg width="16" height="16" aria-hidden="true">${symbol(c)}</svg>${c.name}</span>`).join("");
}
