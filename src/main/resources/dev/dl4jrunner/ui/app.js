// The runs page: the runs table, the overlaid curves of the ticked runs, how they differ, one run's details.
// Data comes from /api/runs every few seconds; everything from a run directory is put in as text, never as HTML.
"use strict";

const PALETTE = ["#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#db2777",
  "#475569", "#65a30d"];
const REFRESH_MS = 3000;
const TICKS_KEY = "dl4j-runner.ticked";
const IGNORED_SETTINGS = key => key === "name" || key.startsWith("checkpoints.");

const state = {
  runs: [], differing: [], sessions: new Set(), runsDir: "",
  sort: {key: "started", desc: false}, search: "",
  ticked: loadTicks(), selected: null, showTrain: false, signature: "", charts: {},
};

// ---- small DOM helpers ----------------------------------------------------------------------------------------

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "style") node.style.cssText = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Nodes for replaceChildren, which would print arrays and nulls as text. */
const nodes = (...items) => items.flat(Infinity).filter(item => item !== null && item !== undefined && item !== false);

const fixed = (value, digits = 4) => value === null || value === undefined ? "–" : value.toFixed(digits);
const stamp = iso => iso ? new Date(iso).toLocaleString(undefined,
  {year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"}) : "–";

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  const s = Math.round(seconds);
  if (s < 60) return s + " s";
  if (s < 3600) return Math.floor(s / 60) + " min " + String(s % 60).padStart(2, "0") + " s";
  return Math.floor(s / 3600) + " h " + String(Math.floor(s % 3600 / 60)).padStart(2, "0") + " min";
}

const clock = iso => iso ? new Date(iso).toLocaleString(undefined,
  {month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"}) : "";
const shortKey = key => key.slice(key.lastIndexOf(".") + 1);
const runName = id => id.replace(/^\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_/, "");

function sameSetting(a, b) {
  if (a === undefined || b === undefined) return a === b;
  const x = Number(a), y = Number(b);
  if (a.trim() !== "" && b.trim() !== "" && !Number.isNaN(x) && !Number.isNaN(y)) return x === y;
  return a.replace(/ /g, "") === b.replace(/ /g, "");
}

// ---- state ----------------------------------------------------------------------------------------------------

function loadTicks() {
  try {
    const stored = JSON.parse(localStorage.getItem(TICKS_KEY));
    return Array.isArray(stored) ? new Set(stored) : null;
  } catch (e) {
    return null;
  }
}

function saveTicks() {
  try { localStorage.setItem(TICKS_KEY, JSON.stringify([...state.ticked])); } catch (e) { /* private mode */ }
}

function colorOf(run) {
  return PALETTE[state.runs.indexOf(run) % PALETTE.length];
}

function tickedRuns() {
  return state.runs.filter(run => state.ticked.has(run.id));
}

/** A legend label that tells the ticked runs apart: their differing settings, else the run's name. */
function labelOf(run, keys) {
  if (keys.length === 0 || Object.keys(run.config).length === 0) return runName(run.id) + " " + clock(run.started_at);
  return keys.map(key => shortKey(key) + "=" + (run.config[key] ?? "–")).join(", ");
}

function differingKeys(runs) {
  const configured = runs.filter(run => Object.keys(run.config).length > 0);
  if (configured.length < 2) return [];
  const keys = [...new Set(configured.flatMap(run => Object.keys(run.config)))];
  return keys.filter(key => !IGNORED_SETTINGS(key)
    && configured.some(run => !sameSetting(configured[0].config[key], run.config[key])));
}

function winner(runs) {
  return runs.filter(run => run.best_val_accuracy)
    .reduce((best, run) => !best || run.best_val_accuracy.value > best.best_val_accuracy.value ? run : best, null);
}

// ---- loading --------------------------------------------------------------------------------------------------

async function refresh() {
  const live = document.getElementById("live");
  try {
    const response = await fetch("/api/runs", {cache: "no-store"});
    if (!response.ok) throw new Error(response.status);
    const data = await response.json();
    live.className = "live ok";
    live.textContent = "live · updated " + new Date().toLocaleTimeString();
    const signature = JSON.stringify([data.runs, data.sessions]);
    if (signature === state.signature) return;
    state.signature = signature;
    state.runs = data.runs;
    state.differing = data.differing;
    state.sessions = new Set(data.sessions);
    state.runsDir = data.runs_dir;
    if (state.ticked === null) {
      state.ticked = new Set(state.runs.filter(run => run.epochs.length > 0).slice(-8).map(run => run.id));
    }
    render();
    if (state.selected) showDetails(state.selected, false);
  } catch (e) {
    live.className = "live down";
    live.textContent = "server unreachable, retrying";
  }
}

// ---- rendering ------------------------------------------------------------------------------------------------

function render() {
  document.getElementById("dir").textContent = state.runsDir;
  renderTable();
  renderCharts();
  renderWinner();
  renderComparison();
  document.body.dataset.ready = "true";
}

const COLUMNS = [
  {key: "started", title: "Started", value: run => run.started_at || "", show: run => stamp(run.started_at)},
  {key: "status", title: "Status", value: run => run.status,
    show: run => el("span", {class: "badge " + run.status}, run.status)},
  {key: "epochs", title: "Epochs", num: true, value: run => run.epochs_completed,
    show: run => run.epochs_completed + " / " + (run.epochs_planned ?? "?")},
  {key: "acc", title: "Best val acc", num: true, value: run => run.best_val_accuracy?.value ?? -1,
    show: run => best(run.best_val_accuracy)},
  {key: "loss", title: "Best val loss", num: true, value: run => run.best_val_loss?.value ?? Infinity,
    show: run => best(run.best_val_loss)},
  {key: "wall", title: "Wall time", num: true, value: run => run.wall_seconds ?? 0,
    show: run => duration(run.wall_seconds)},
  {key: "overfit", title: "Overfits", value: run => run.overfitting_after ?? Infinity,
    show: run => run.overfitting_after ? el("span", {class: "overfit"}, "after epoch " + run.overfitting_after) : "–"},
];

function best(value) {
  return value ? [fixed(value.value), el("span", {class: "epoch"}, "@" + value.epoch)] : "–";
}

function renderTable() {
  const table = document.getElementById("runs");
  const settings = state.differing.map(key => ({
    key: "setting:" + key, title: shortKey(key), setting: true, full: key,
    value: run => run.config[key] ?? "", show: run => run.config[key] ?? "–",
  }));
  const columns = [...COLUMNS, ...settings];
  const all = {key: "run", title: "Run", value: run => run.id};
  const header = el("tr", {},
    el("th", {title: "Tick to overlay on the charts"},
      el("input", {type: "checkbox", "aria-label": "Tick all", checked: state.runs.length > 0
          && state.runs.every(run => state.ticked.has(run.id)),
        onclick: event => { event.stopPropagation(); tickAll(event.target.checked); }})),
    [all, ...columns].map(column => el("th", {
      class: [column.num ? "num" : "", column.setting ? "setting" : "",
        state.sort.key === column.key ? "sorted" + (state.sort.desc ? " desc" : "") : ""].join(" "),
      title: column.full || "Sort by " + column.title,
      onclick: () => sortBy(column)}, column.title)),
    el("th", {}, "DL4J"));
  table.tHead.replaceChildren(header);

  const sortColumn = [all, ...columns].find(column => column.key === state.sort.key) || COLUMNS[0];
  const query = state.search.toLowerCase();
  const rows = state.runs
    .filter(run => !query || [run.id, run.status, ...Object.values(run.config)].join(" ").toLowerCase().includes(query))
    .sort((a, b) => {
      const x = sortColumn.value(a), y = sortColumn.value(b);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return state.sort.desc ? -order : order;
    });
  const top = winner(tickedRuns());
  table.tBodies[0].replaceChildren(...rows.map(run => el("tr", {
      class: [run === top ? "winner" : "", state.selected === run.id ? "selected" : ""].join(" "),
      "data-run": run.id},
    el("td", {}, el("input", {type: "checkbox", "aria-label": "Tick " + run.id, checked: state.ticked.has(run.id),
      onchange: event => tick(run.id, event.target.checked)})),
    el("td", {},
      el("span", {class: "run-name", onclick: () => showDetails(run.id, true), title: "Details of " + run.id},
        el("span", {class: "swatch", style: "background:" + colorOf(run)}), run.id),
      run === top ? el("span", {class: "star", title: "Best validation accuracy of the ticked runs"}, "★") : null,
      run.notes.length ? el("span", {class: "note", title: run.notes.join("\n")}, " ⚠ " + run.notes.length) : null),
    columns.map(column => el("td", {class: column.num ? "num" : ""}, column.show(run))),
    el("td", {}, state.sessions.has(run.id)
      ? el("a", {href: "/train/" + encodeURIComponent(run.id) + "/overview", title: "DL4J's overview of this run"},
        "overview")
      : el("span", {class: "muted", title: "No DL4J statistics for this run (yet)"}, "–")))));
  document.getElementById("count").textContent = state.runs.length ? "(" + state.runs.length + ")" : "";
  document.getElementById("empty").hidden = state.runs.length > 0;
}

function sortBy(column) {
  const descFirst = column.key === "acc";
  state.sort = state.sort.key === column.key ? {key: column.key, desc: !state.sort.desc}
    : {key: column.key, desc: descFirst};
  renderTable();
}

function tick(id, on) {
  if (on) state.ticked.add(id); else state.ticked.delete(id);
  saveTicks();
  render();
}

function tickAll(on) {
  state.ticked = new Set(on ? state.runs.map(run => run.id) : []);
  saveTicks();
  render();
}

// ---- charts ---------------------------------------------------------------------------------------------------

function renderCharts() {
  const runs = tickedRuns().filter(run => run.epochs.length > 0);
  drawChart("chart-loss", runs, "loss", "train_loss", "val_loss");
  drawChart("chart-accuracy", runs, "accuracy", "train_accuracy", "val_accuracy");
}

function drawChart(id, runs, quantity, trainKey, valKey) {
  const box = document.getElementById(id);
  if (state.charts[id]) {
    state.charts[id].destroy();
    delete state.charts[id];
  }
  box.replaceChildren();
  box.dataset.series = "0";
  if (runs.length === 0) {
    box.append(el("div", {class: "placeholder"}, "Tick runs with at least one finished epoch to see their curves."));
    return;
  }
  const last = Math.max(...runs.flatMap(run => run.epochs.map(epoch => epoch.epoch)));
  const epochs = Array.from({length: last}, (_, i) => i + 1);
  const keys = differingKeys(runs);
  const series = [{label: "epoch"}];
  const data = [epochs];
  for (const run of runs) {
    const byEpoch = new Map(run.epochs.map(epoch => [epoch.epoch, epoch]));
    const values = key => epochs.map(epoch => byEpoch.get(epoch)?.[key] ?? null);
    series.push({label: "val · " + labelOf(run, keys), stroke: colorOf(run), width: 2.2,
      points: {size: 6, fill: colorOf(run)}, value: (u, v) => fixed(v)});
    data.push(values(valKey));
    if (state.showTrain) {
      series.push({label: "train · " + labelOf(run, keys), stroke: colorOf(run), width: 1.4, dash: [6, 4],
        points: {show: false}, value: (u, v) => fixed(v)});
      data.push(values(trainKey));
    }
  }
  const width = Math.max(320, box.clientWidth);
  const chart = new uPlot({
    width, height: 300,
    scales: {x: {time: false}},
    axes: [
      {label: "epoch", stroke: "#64748b", grid: {stroke: "#eef2f7"}, incrs: [1, 2, 5, 10, 20, 50, 100],
        values: (u, splits) => splits.map(v => Number.isInteger(v) ? v : "")},
      {label: quantity, stroke: "#64748b", grid: {stroke: "#eef2f7"}, size: 56,
        values: (u, splits) => splits.map(v => v.toFixed(quantity === "loss" ? 2 : 2))},
    ],
    cursor: {points: {size: 8}},
    legend: {live: true},
    series,
  }, data, box);
  state.charts[id] = chart;
  box.dataset.series = String(series.length - 1);
}

window.addEventListener("resize", () => {
  clearTimeout(window.resizeTimer);
  window.resizeTimer = setTimeout(renderCharts, 150);
});

// ---- winner and differences -----------------------------------------------------------------------------------

function renderWinner() {
  const box = document.getElementById("winner");
  const runs = tickedRuns();
  const top = winner(runs);
  if (!top) {
    box.replaceChildren(el("p", {class: "muted"}, "Tick runs that finished at least one epoch."));
    return;
  }
  const lowest = runs.filter(run => run.best_val_loss)
    .reduce((best, run) => !best || run.best_val_loss.value < best.best_val_loss.value ? run : best, null);
  box.replaceChildren(
    el("div", {class: "winner-name"}, el("span", {class: "swatch", style: "background:" + colorOf(top)}), top.id,
      el("span", {class: "star"}, "★")),
    el("div", {class: "cards"},
      card("Best val accuracy", fixed(top.best_val_accuracy.value), "epoch " + top.best_val_accuracy.epoch),
      card("Best val loss", fixed(top.best_val_loss?.value), top.best_val_loss ? "epoch " + top.best_val_loss.epoch : ""),
      card("Overfitting", top.overfitting_after ? "after " + top.overfitting_after : "not seen",
        top.overfitting_after ? "val loss rose, train loss fell" : ""),
      card("Wall time", duration(top.wall_seconds), top.epochs_completed + " epochs")),
    el("p", {class: "hint"}, "Highest validation accuracy of any epoch among " + runs.length + " ticked run"
      + (runs.length === 1 ? "" : "s") + "." + (lowest && lowest !== top
        ? " Lowest validation loss: " + lowest.id + " (" + fixed(lowest.best_val_loss.value) + ")." : "")));
}

function card(label, value, detail) {
  return el("div", {class: "card"}, el("div", {class: "label"}, label), el("div", {class: "value"}, value),
    el("div", {class: "detail"}, detail || " "));
}

function renderComparison() {
  const box = document.getElementById("compare");
  const runs = tickedRuns();
  if (runs.length < 2) {
    box.replaceChildren(el("p", {class: "muted"}, "Tick two or more runs to see the settings that tell them apart."));
    return;
  }
  const keys = differingKeys(runs);
  if (keys.length === 0) {
    box.replaceChildren(el("p", {class: "muted"}, "The ticked runs have the same settings."));
    return;
  }
  box.replaceChildren(el("div", {class: "table-wrap"}, el("table", {class: "compare"},
    el("thead", {}, el("tr", {}, el("th", {}, "setting"), runs.map(run => el("th", {title: run.id},
      el("span", {class: "run-name"}, el("span", {class: "swatch", style: "background:" + colorOf(run)}),
        runName(run.id) + " " + clock(run.started_at)))))),
    el("tbody", {}, keys.map(key => el("tr", {}, el("td", {class: "key"}, key),
      runs.map(run => el("td", {}, run.config[key] ?? "(not set)"))))))));
}

// ---- one run --------------------------------------------------------------------------------------------------

async function showDetails(id, scroll) {
  state.selected = id;
  if (scroll) history.replaceState(null, "", "#run=" + encodeURIComponent(id));
  const panel = document.getElementById("details");
  let details;
  try {
    const response = await fetch("/api/runs/" + encodeURIComponent(id), {cache: "no-store"});
    if (!response.ok) throw new Error("HTTP " + response.status);
    details = await response.json();
  } catch (e) {
    panel.hidden = false;
    panel.replaceChildren(el("p", {class: "notes"}, "Cannot load " + id + ": " + e.message));
    return;
  }
  const run = details.run;
  const base = "/runs/" + encodeURIComponent(id);
  const file = name => base + "/files/" + encodeURIComponent(name);
  const has = name => details.files.includes(name);
  panel.hidden = false;
  panel.replaceChildren(...nodes(
    el("div", {class: "details-head"},
      el("span", {class: "swatch", style: "background:" + (state.runs.find(r => r.id === id) ? colorOf(
        state.runs.find(r => r.id === id)) : "#94a3b8")}),
      el("h2", {}, run.id), el("span", {class: "badge " + run.status}, run.status),
      el("button", {class: "close", title: "Close", onclick: () => {
        state.selected = null; panel.hidden = true; renderTable();
        history.replaceState(null, "", location.pathname);
      }}, "×")),
    el("div", {class: "links"},
      el("a", {href: base + "/report.html", target: "_blank"}, "report.html"),
      details.session ? [
        el("a", {href: "/train/" + encodeURIComponent(id) + "/overview"}, "DL4J overview"),
        el("a", {href: "/train/" + encodeURIComponent(id) + "/model"}, "DL4J model"),
        el("a", {href: "/train/" + encodeURIComponent(id) + "/system"}, "DL4J system")] : null,
      ["metrics.csv", "train.log", "config.yaml", "provenance.json"].filter(has)
        .map(name => el("a", {href: file(name), target: "_blank"}, name))),
    el("div", {class: "cards"},
      card("Started", stamp(run.started_at), ""),
      card("Epochs", run.epochs_completed + " / " + (run.epochs_planned ?? "?"), ""),
      card("Best val accuracy", fixed(run.best_val_accuracy?.value), run.best_val_accuracy
        ? "epoch " + run.best_val_accuracy.epoch : ""),
      card("Best val loss", fixed(run.best_val_loss?.value), run.best_val_loss ? "epoch " + run.best_val_loss.epoch : ""),
      card("Overfitting", run.overfitting_after ? "after " + run.overfitting_after : "not seen", ""),
      card("Wall time", duration(run.wall_seconds), "")),
    run.error ? [el("h3", {}, "Error"), el("pre", {class: "notes"}, run.error)] : null,
    run.notes.length ? [el("h3", {}, "Notes"), el("ul", {class: "notes"}, run.notes.map(note => el("li", {}, note)))]
      : null,
    has("loss.png") || has("accuracy.png") ? [el("h3", {}, "Plots"), el("div", {class: "plots"},
      ["loss.png", "accuracy.png"].filter(has).map(name => el("img", {src: file(name) + "?v=" + run.epochs_completed,
        alt: name})))] : null,
    el("div", {class: "columns"},
      el("div", {}, el("h3", {}, "Config"), details.config_yaml ? el("pre", {}, details.config_yaml)
        : el("p", {class: "muted"}, "config.yaml could not be read"),
        details.overrides && details.overrides.trim() ? [el("h3", {}, "Overrides"), el("pre", {}, details.overrides)]
          : null),
      el("div", {}, el("h3", {}, "Provenance"), keyTable(details.provenance),
        el("h3", {}, "Summary"), keyTable(details.summary)))));
  renderTable();
  if (scroll) panel.scrollIntoView({behavior: "smooth", block: "start"});
}

function keyTable(json) {
  if (!json || typeof json !== "object") return el("p", {class: "muted"}, "not readable");
  const rows = [];
  const walk = (prefix, value) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(prefix ? prefix + "." + key : key, inner);
    } else {
      rows.push([prefix, Array.isArray(value) ? value.join(", ") : value === null ? "" : String(value)]);
    }
  };
  walk("", json);
  return el("table", {class: "keys"}, el("tbody", {}, rows.map(([key, value]) =>
    el("tr", {}, el("th", {}, key), el("td", {}, value)))));
}

// ---- start ----------------------------------------------------------------------------------------------------

document.getElementById("search").addEventListener("input", event => {
  state.search = event.target.value;
  renderTable();
});
document.getElementById("show-train").addEventListener("change", event => {
  state.showTrain = event.target.checked;
  renderCharts();
});
if (location.hash.startsWith("#run=")) state.selected = decodeURIComponent(location.hash.slice(5));
refresh();
setInterval(refresh, REFRESH_MS);
