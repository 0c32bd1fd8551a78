// The stats page's "saved at the source" figure and table: the snapshot's usageSaved rows (a chat cache's tokens and
// cost per model), shown only when there are any. Units and hit kinds are the face's own names, in its order.

/** A cost in the price table's currency: six decimals below 1 (token prices are per million), else two. */
function cost(c) { return c === null || c === undefined ? "–" : Number(c).toFixed(Math.abs(c) < 1 ? 6 : 2); }
function sumOf(map) { return Object.values(map || {}).reduce((n, v) => n + Number(v || 0), 0); }

function renderUsage(s) {
  const rows = s.usageSaved || [];
  document.getElementById("usage-figure").hidden = rows.length === 0;
  document.getElementById("usage-section").hidden = rows.length === 0;
  if (rows.length === 0) return;
  const units = [], kinds = [];
  rows.forEach(r => {
    Object.keys(r.units || {}).forEach(u => { if (!units.includes(u)) units.push(u); });
    Object.keys(r.hits || {}).forEach(k => { if (!kinds.includes(k)) kinds.push(k); });
  });
  const priced = rows.filter(r => r.cost !== null && r.cost !== undefined);
  const total = priced.reduce((n, r) => n + Number(r.cost), 0);
  const figure = document.getElementById("usage-cost");
  figure.textContent = priced.length === 0 ? "no prices" : cost(total);
  figure.setAttribute("data-value", String(total));
  document.getElementById("usage-units").textContent = units.map(u => num(rows.reduce((n, r) =>
      n + Number((r.units || {})[u] || 0), 0)) + " " + u).join(", ") + " not processed again";

  const head = document.querySelector("#usage thead tr");
  head.replaceChildren();
  head.appendChild(el("th", {}, "cache"));
  head.appendChild(el("th", {}, "source"));
  kinds.forEach(k => head.appendChild(el("th", {"class": "num"}, k + " hits")));
  head.appendChild(el("th", {"class": "num"}, "misses"));
  head.appendChild(el("th", {"class": "num", "title": "hits over hits plus misses"}, "hit ratio"));
  units.forEach(u => head.appendChild(el("th", {"class": "num"}, u + " saved")));
  head.appendChild(el("th", {"class": "num", "title": "in the currency of the price table"}, "cost saved"));
  const body = rows.map(r => {
    const tr = el("tr", {"data-usage": r.operation + "/" + r.source});
    tr.appendChild(el("td", {"class": "name", "data-field": "operation"}, r.operation));
    tr.appendChild(el("td", {"data-field": "source"}, r.source));
    kinds.forEach(k => cell(tr, null, "hits-" + safe(k), (r.hits || {})[k] || 0, num((r.hits || {})[k])));
    cell(tr, null, "misses", r.misses || 0, num(r.misses));
    const hits = sumOf(r.hits), calls = hits + Number(r.misses || 0);
    cell(tr, null, "hit-ratio", calls === 0 ? 0 : hits / calls, calls === 0 ? "–" : percent(hits / calls));
    units.forEach(u => cell(tr, null, "units-" + safe(u), (r.units || {})[u] || 0, num((r.units || {})[u])));
    cell(tr, null, "cost", r.cost === null || r.cost === undefined ? "" : r.cost, cost(r.cost))
        .setAttribute("title", r.cost === null || r.cost === undefined ? "no price for this source" : "");
    return tr;
  });
  fill(document.querySelector("#usage tbody"), body, "", 5 + kinds.length + units.length);
}
