// The stats page: polls snapshot.json and shows it. Every number comes from the snapshot as it is; the page computes
// only sums of what it shows and percentages of a bound.
let polls = 0;

function num(n) { return Number(n || 0).toLocaleString("en-US"); }
function percent(r) { return (r * 100).toFixed(1) + "%"; }
/** A fill ratio: like percent, but a tier that holds something never reads as 0.0%. */
function share(r) { return r > 0 && r < 0.0005 ? "<0.1%" : percent(r); }
function nanos(n) {
  n = Number(n || 0);
  if (n < 1e3) return n + " ns";
  if (n < 1e6) return (n / 1e3).toFixed(1) + " µs";
  if (n < 1e9) return (n / 1e6).toFixed(2) + " ms";
  return (n / 1e9).toFixed(2) + " s";
}
/** A long span of time for a person: "450.00 ms", "12.3 s", "4 min 05 s", "2 h 07 min", "3 d 04 h". */
function span(n) {
  n = Number(n || 0);
  if (n < 1e9) return nanos(n);
  const s = n / 1e9;
  if (s < 60) return s.toFixed(1) + " s";
  const two = v => String(Math.floor(v)).padStart(2, "0");
  if (s < 3600) return Math.floor(s / 60) + " min " + two(s % 60) + " s";
  if (s < 86400) return Math.floor(s / 3600) + " h " + two(s % 3600 / 60) + " min";
  return Math.floor(s / 86400) + " d " + two(s % 86400 / 3600) + " h";
}
function bytes(b) {
  b = Number(b || 0);
  if (b < 1024) return b + " B";
  if (b < 1048576) return (b / 1024).toFixed(1) + " KiB";
  if (b < 1073741824) return (b / 1048576).toFixed(1) + " MiB";
  return (b / 1073741824).toFixed(2) + " GiB";
}
function time(t) {
  if (t === null || t === undefined) return null;
  if (typeof t === "number") return new Date(t < 1e11 ? t * 1000 : t);
  return new Date(t);
}
function clock(t) { const d = time(t); return d ? d.toISOString().substring(11, 19) : "–"; }
function duration(d) {
  if (d === null || d === undefined) return "–";
  let s = typeof d === "number" ? d : 0;
  if (typeof d === "string") {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(d);
    if (!m) return d;
    s = (+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0);
  }
  if (s >= 86400 && s % 86400 === 0) return s / 86400 + " d";
  if (s >= 3600 && s % 3600 === 0) return s / 3600 + " h";
  if (s >= 60 && s % 60 === 0) return s / 60 + " min";
  return s + " s";
}
function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
function safe(s) { return String(s).replace(/[^A-Za-z0-9_-]/g, "_"); }
function cell(row, op, field, value, text, cls) {
  const td = el("td", {"data-field": field, "data-value": String(value), "class": cls || "num"}, text);
  if (op !== null) td.id = "op-" + safe(op) + "-" + field;
  row.appendChild(td);
  return td;
}
function fill(tbody, rows, empty, columns) {
  tbody.replaceChildren();
  if (rows.length === 0) {
    const tr = el("tr"); tr.appendChild(el("td", {"colspan": columns, "class": "empty"}, empty));
    tbody.appendChild(tr);
  }
  rows.forEach(r => tbody.appendChild(r));
}
/** A table cell of a value against its bound: "1,200 / 10,000", its background filled to the share, which the
 *  title states ("12.0% of the bound"); the value alone, without a bound. */
function fillCell(row, op, field, value, bound, format) {
  const td = cell(row, op, field, value, bound ? format(value) + " / " + format(bound) : format(value), "num fill");
  if (bound) {
    const pct = Math.min(100, 100 * value / bound).toFixed(1);
    td.setAttribute("title", share(value / bound) + " of the bound");
    td.setAttribute("style", "background: linear-gradient(to right, #dbe6fb " + pct + "%, transparent " + pct + "%)");
  } else {
    td.setAttribute("title", "no bound");
  }
}
/** The tier whose get latency an operation's row shows: the first one that timed lookups (memory-tier hits are
 *  counted but not timed, so usually the shared tier), else the memory tier. */
function mainTier(op) {
  const tiers = op.tiers || [];
  return tiers.find(t => t.get && t.get.count > 0) || tiers.find(t => t.tier === "memory") || tiers[0]
      || {get: {}, put: {}};
}
/** A latency percentile, or "–" when the window holds no measurement. */
function latency(l, field) { return l && l.count > 0 ? nanos(l[field]) : "–"; }
/** What an operation's (or the runtime's) saving is shown as: the estimate, or "–" when no load was timed. */
function savedText(saved) {
  if (!saved) return "–";
  return saved.meanLoadNanos > 0 || saved.calls === 0 ? "≈ " + span(saved.estimatedNanos) : "–";
}
function savedTitle(saved) {
  if (!saved) return "";
  return saved.meanLoadNanos > 0 ? num(saved.calls) + " hits × mean load " + nanos(Math.round(saved.meanLoadNanos))
      + " (over the latency window, else since the start)" : "no load has been timed: nothing to value the hits at";
}

function renderHeader(s) {
  const saved = s.saved || {calls: 0, estimatedNanos: 0, meanLoadNanos: 0};
  const calls = (s.operations || []).filter(op => !op.supports)
      .reduce((n, op) => n + (op.counters ? op.counters.hits + op.counters.misses : 0), 0);
  const savedCalls = document.getElementById("saved-calls");
  savedCalls.textContent = num(saved.calls);
  savedCalls.setAttribute("data-value", String(saved.calls));
  document.getElementById("saved-calls-detail").textContent = calls === 0 ? "no calls yet"
      : percent(saved.calls / calls) + " of " + num(calls) + " calls, without running the method";
  const savedTime = document.getElementById("saved-time");
  savedTime.textContent = savedText(saved);
  savedTime.setAttribute("data-value", String(saved.estimatedNanos));
  document.getElementById("saved-time-figure").setAttribute("title", savedTitle(saved));
  const memory = s.memory || {entries: 0, maxEntries: 0, bytes: s.memoryBytes || 0, maxBytes: null};
  const entries = document.getElementById("memory-entries");
  entries.textContent = num(memory.entries);
  entries.setAttribute("data-value", String(memory.entries));
  document.getElementById("memory-entries-fill").textContent = memory.maxEntries
      ? share(memory.entries / memory.maxEntries) + " of " + num(memory.maxEntries) : "no entry bound";
  const b = document.getElementById("memory-bytes");
  b.textContent = bytes(s.memoryBytes);
  b.setAttribute("data-value", String(s.memoryBytes || 0));
  document.getElementById("memory-bytes-fill").textContent = memory.maxBytes
      ? "(" + share(memory.bytes / memory.maxBytes) + " of " + bytes(memory.maxBytes) + ")" : "(no byte bound)";
}

function renderOperations(s) {
  const rows = grouped(s.operations).map(op => {
    const c = op.counters || {};
    const calls = (c.hits || 0) + (c.misses || 0);
    const ratio = calls === 0 ? 0 : c.hits / calls;
    const get = mainTier(op).get || {};
    const runs = (c.loads || 0) + (c.loadFailures || 0);
    const avgLoad = runs === 0 ? 0 : Math.round((c.loadNanos || 0) / runs);
    let raw = 0, stored = 0;
    (op.values || []).forEach(v => { raw += v.rawBytes || 0; stored += v.storedBytes || 0; });
    const memory = op.memory || {entries: 0, maxEntries: 0, bytes: op.memoryBytes || 0, maxBytes: null};
    const saved = op.saved;
    const tr = el("tr", opRowAttributes(op));
    nameCell(tr, op, "operation");
    cell(tr, op.operation, "hits", c.hits || 0, num(c.hits));
    cell(tr, op.operation, "misses", c.misses || 0, num(c.misses));
    cell(tr, op.operation, "hit-ratio", ratio, calls === 0 ? "–" : percent(ratio),
        "num " + (calls > 0 && ratio < 0.2 && !op.supports ? "bad" : ""));
    cell(tr, op.operation, "saved-time", saved ? saved.estimatedNanos : 0, savedText(saved))
        .setAttribute("title", savedTitle(saved));
    cell(tr, op.operation, "p50", get.p50 || 0, latency(get, "p50"));
    cell(tr, op.operation, "p95", get.p95 || 0, latency(get, "p95"));
    cell(tr, op.operation, "p99", get.p99 || 0, latency(get, "p99"));
    cell(tr, op.operation, "loads", c.loads || 0, num(c.loads));
    cell(tr, op.operation, "avg-load", avgLoad, nanos(avgLoad));
    cell(tr, op.operation, "evictions", c.evictions || 0, num(c.evictions));
    fillCell(tr, op.operation, "memory-entries", memory.entries, memory.maxEntries, num);
    fillCell(tr, op.operation, "memory-bytes", op.memoryBytes || 0, memory.maxBytes, bytes);
    cell(tr, op.operation, "stored-bytes", stored, bytes(stored));
    const ratioText = stored === 0 ? "–" : (raw / stored).toFixed(2) + "×";
    cell(tr, op.operation, "compression-ratio", stored === 0 ? 1 : raw / stored, ratioText);
    cell(tr, op.operation, "ttl", op.ttl === undefined ? "" : op.ttl, duration(op.ttl));
    return tr;
  });
  fill(document.querySelector("#operations tbody"), rows, "No cached operation has run yet.", 16);
}

function renderTiers(s) {
  const rows = [];
  grouped(s.operations).forEach(op => (op.tiers || []).forEach(t => {
    const tr = el("tr", opRowAttributes(op, {"data-tier": t.tier}));
    nameCell(tr, op);
    tr.appendChild(el("td", {}, t.tier));
    const get = t.get || {}, put = t.put || {};
    const getL = f => latency(get, f), putL = f => latency(put, f);
    [["hits", t.hits, num], ["misses", t.misses, num], ["get-p50", get.p50, () => getL("p50")],
     ["get-p95", get.p95, () => getL("p95")], ["get-p99", get.p99, () => getL("p99")],
     ["get-max", get.max, () => getL("max")], ["put-p50", put.p50, () => putL("p50")],
     ["put-p99", put.p99, () => putL("p99")], ["errors", t.errors, num], ["timeouts", t.timeouts, num]]
      .forEach(([f, v, fmt]) => cell(tr, null, f, v || 0, fmt(v)));
    rows.push(tr);
  }));
  fill(document.querySelector("#tiers tbody"), rows, "No tier has been used yet.", 12);
}

function renderAlerts(s) {
  const alerts = (s.alerts || []).map((a, i) => {
    const tr = el("tr", {"data-alert": String(i)});
    tr.appendChild(el("td", {"class": "level-" + a.level}, a.level));
    tr.appendChild(el("td", {}, a.kind));
    tr.appendChild(el("td", {}, a.subject || "(runtime)"));
    tr.appendChild(el("td", {"data-field": "message"}, a.message));
    tr.appendChild(el("td", {}, clock(a.since)));
    return tr;
  });
  fill(document.querySelector("#alerts tbody"), alerts, "No alerts.", 5);
  const list = document.getElementById("recommendations");
  list.replaceChildren();
  (s.recommendations || []).forEach((r, i) => {
    const li = el("li", {"data-recommendation": String(i)});
    li.appendChild(el("b", {}, (r.subject || "runtime") + ": "));
    li.appendChild(document.createTextNode(r.finding + ". "));
    li.appendChild(el("i", {}, r.advice));
    li.appendChild(document.createTextNode(" — change "));
    li.appendChild(el("code", {}, r.setting));
    list.appendChild(li);
  });
  if (list.children.length === 0) list.appendChild(el("li", {"class": "empty"}, "Nothing to change."));
}

function renderShared(s) {
  const rows = (s.tiers || []).map(t => {
    const tr = el("tr", {"data-tier": t.tier});
    tr.appendChild(el("td", {"class": "name"}, t.tier));
    tr.appendChild(el("td", {}, t.description));
    tr.appendChild(el("td", {"data-field": "breaker", "class": t.breakerState === "CLOSED" ? "good" : "bad"},
        t.breakerState));
    [["transitions", t.breakerTransitions], ["errors", t.errors], ["timeouts", t.timeouts], ["skipped", t.skipped]]
      .forEach(([f, v]) => cell(tr, null, f, v || 0, num(v)));
    return tr;
  });
  fill(document.querySelector("#shared tbody"), rows, "Memory tier only.", 7);
  const r = s.redis, p = document.getElementById("redis-server");
  p.textContent = r ? "Redis reports: keyspace hits " + num(r.keyspaceHits) + ", misses " + num(r.keyspaceMisses)
      + ", hit rate " + r.hitRatePercent.toFixed(1) + "%, used memory " + r.usedMemoryHuman + ", " + num(r.connectedClients) + " clients, "
      + num(r.commandsProcessed) + " commands processed." : "";
  const internal = supportingNames(s);
  const keys = (s.topKeys || []).map((k, i) => {
    const tr = el("tr", internal.has(k.operation) ? {"data-key": String(i), "class": "supporting"}
        : {"data-key": String(i)});
    tr.appendChild(el("td", {"class": "name", "data-field": "operation"}, k.operation || ""));
    tr.appendChild(el("td", {"class": "key", "data-field": "key", "title": k.key}, k.label || k.key));
    cell(tr, null, "count", k.count, num(k.count));
    return tr;
  });
  fill(document.querySelector("#top-keys tbody"), keys, "No keys yet.", 3);
}

function renderCharts(s) {
  const byOp = new Map();
  (s.history || []).forEach(h => {
    if (!byOp.has(h.operation)) byOp.set(h.operation, []);
    byOp.get(h.operation).push(h);
  });
  const ops = [...byOp.keys()].sort();
  const style = op => seriesStyle(ops.indexOf(op));
  // hit ratio and time saved are the application's: a supporting cache's lookups are a library's own
  const internal = supportingNames(s), own = ops.filter(op => !internal.has(op));
  const pts = (op, f) => byOp.get(op).map(h => ({t: time(h.at).getTime(), v: f(h)})).sort((a, b) => a.t - b.t);
  const value = v => v === undefined ? null : v;
  chart("chart-hit-ratio", "legend-hit-ratio",
      own.map(op => ({name: op, style: style(op), points: pts(op, h => value(h.hitRatio))})), {max: 1},
      v => percent(v), "no history yet");
  const saved = own.map(op => ({name: op, style: style(op), points: pts(op, h => value(h.savedNanos))}));
  const savedMax = Math.max(0, ...saved.flatMap(l => l.points.map(p => p.v || 0)));
  chart("chart-saved", "legend-saved", saved, roundUp(saved.flatMap(l => l.points.map(p => p.v)),
      savedMax >= 1e9 ? 1e9 : savedMax >= 1e6 ? 1e6 : 1e3), v => v === 0 ? "0" : span(Math.round(v)),
      "no history yet");
  const memory = ops.map(op => ({name: op, style: style(op), points: pts(op, h => value(h.memoryBytes))}));
  let memoryMax = Math.max(0, ...memory.flatMap(l => l.points.map(p => p.v || 0)));
  const limits = (s.operations || []).filter(o => o.memory && o.memory.maxBytes && byOp.has(o.operation))
      .map(o => ({v: o.memory.maxBytes, label: o.operation + " bound " + bytes(o.memory.maxBytes),
        color: style(o.operation).color}));
  memoryMax = Math.max(memoryMax, ...limits.map(l => l.v));
  chart("chart-memory", "legend-memory", memory,
      roundUp(memory.flatMap(l => l.points.map(p => p.v)).concat(limits.map(l => l.v)),
          Math.pow(1024, Math.max(0, Math.floor(Math.log(Math.max(memoryMax, 1)) / Math.log(1024))))),
      v => v === 0 ? "0" : bytes(Math.round(v)), "no history yet", limits);
  const latencies = ops.flatMap(op => [
    {name: op, style: style(op), points: pts(op, h => value(h.p50))},
    {name: op + " p99", style: style(op), thin: true, points: pts(op, h => value(h.p99))}]);
  chart("chart-latency", "legend-latency", latencies,
      decades(latencies.flatMap(l => l.points.map(p => p.v)).filter(v => v !== null)), v => nanos(Math.round(v)),
      (s.tiers || []).length === 0 ? "memory tier only: no shared-tier lookups to time"
          : "no timed lookups yet (memory-tier hits are not timed)");
}

function render(s) {
  polls++;
  const taken = document.getElementById("taken-at");
  taken.textContent = clock(s.takenAt);
  taken.setAttribute("data-value", String(s.takenAt));
  const count = document.getElementById("poll-count");
  count.textContent = String(polls);
  count.setAttribute("data-value", String(polls));
  document.getElementById("retention").textContent = duration(s.retention);
  renderHeader(s);
  renderOperations(s);
  renderUsage(s);
  renderTiers(s);
  renderCharts(s);
  renderAlerts(s);
  renderShared(s);
}

async function poll() {
  const status = document.getElementById("status");
  try {
    const response = await fetch("snapshot.json", {cache: "no-store"});
    if (!response.ok) throw new Error("HTTP " + response.status + " " + (await response.text()));
    render(await response.json());
    status.textContent = "live";
    status.className = "";
  } catch (e) {
    status.textContent = "could not fetch the snapshot: " + e.message;
    status.className = "error";
  } finally {
    setTimeout(poll, REFRESH_MILLIS);
  }
}
document.getElementById("refresh").textContent = duration(REFRESH_MILLIS / 1000);
poll();
