// The player's words and tables: the predictions table and the verdict in plain words.

import {count, fixed} from "./format.js";

export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;  // touch the DOM only on change
}

const RESULT = {right: "✓ right", wrong: "✗ wrong", unsure: "? unsure"};

// The rows of a new run: inputs and targets; outputs and results are filled in by fillTable.
export function buildTable(table, run) {
  const cell = (text) => `<td>${text}</td>`;
  table.tBodies[0].innerHTML = run.inputs.map((row, i) =>
    `<tr>${cell(i + 1)}${cell(row[0])}${cell(row[1])}${cell(run.targets[i])}<td></td><td></td><td></td></tr>`).join("");
}

export function fillTable(table, outputs, verdictOf) {
  const rows = table.tBodies[0].rows;
  outputs.forEach((out, i) => {
    const cells = rows[i]?.cells;
    if (!cells) return;
    const verdict = verdictOf(out, i);
    setText(cells[4], fixed(out, 4));
    setText(cells[5], out >= 0.5 ? "1" : "0");
    setText(cells[6], RESULT[verdict]);
    if (cells[6].className !== verdict) cells[6].className = verdict;
  });
}

// One sentence on how the network is doing, honest about a network that has learned nothing.
export function verdictText(verdict, run) {
  if (verdict.stuck) {
    const why = run.hidden === 0 && run.separable === false
      ? " One straight line cannot split these rows (XOR needs a hidden layer: see the Hidden layer page)."
      : "";
    return `Stuck: the output is 0.5 everywhere, so it tells no row from another.${why}`;
  }
  const {right, wrong, unsure, rows} = verdict;
  if (right === rows) return `All ${count(rows)} rows right.`;
  const parts = [`${count(right)} of ${count(rows)} rows right`];
  if (wrong) parts.push(`${count(wrong)} wrong`);
  if (unsure) parts.push(`${count(unsure)} unsure (output near 0.5)`);
  return `${parts.join(", ")}.`;
}

export function sayVerdict(element, verdict, run) {
  setText(element, verdictText(verdict, run));
  element.classList.toggle("stuck", verdict.stuck);
}

// A chart's numbers as a table inside its "Show as a table" <details> (text only, never markup).
export function tableOf(details, headers, rows) {
  const table = details.querySelector("table");
  const row = (cells, tag) => {
    const tr = document.createElement("tr");
    cells.forEach((text) => {
      const cell = document.createElement(tag);
      cell.textContent = text;
      if (tag === "th") cell.scope = "col";
      tr.append(cell);
    });
    return tr;
  };
  const head = document.createElement("thead");
  head.append(row(headers, "th"));
  const body = document.createElement("tbody");
  rows.forEach((cells) => body.append(row(cells, "td")));
  table.replaceChildren(head, body);
}
