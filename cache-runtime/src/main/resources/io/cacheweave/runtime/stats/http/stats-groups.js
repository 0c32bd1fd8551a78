// The stats page's grouping of internal caches: a library's supporting caches (a chat cache's stored questions and
// their lists; op.supports names the cache they serve) are listed, dimmed, under the cache they serve, and left out
// of what is the application's own (the header's calls, the hit-ratio and time-saved charts, alerts, advice).

/** The operations as the page lists them: each of the application's operations followed by the internal
 *  (supporting) caches that serve it (op.supports names the cache served); supporting caches of a cache that is not
 *  listed come last. */
function grouped(ops) {
  ops = ops || [];
  const own = ops.filter(o => !o.supports), names = new Set(own.map(o => o.operation)), out = [];
  own.forEach(o => { out.push(o); ops.filter(x => x.supports === o.operation).forEach(x => out.push(x)); });
  ops.filter(x => x.supports && !names.has(x.supports)).forEach(x => out.push(x));
  return out;
}
/** The names of the supporting caches: a library's internal caches, not operations of the application. */
function supportingNames(s) {
  return new Set((s.operations || []).filter(o => o.supports).map(o => o.operation));
}
/** A row's attributes: a supporting cache's row is marked, and dimmed by the style sheet. */
function opRowAttributes(op, extra) {
  const attrs = Object.assign({"data-op": op.operation}, extra || {});
  if (op.supports) Object.assign(attrs, {"data-supports": op.supports, "class": "supporting"});
  return attrs;
}
/** An operation's name cell; a supporting cache's says whose it is. */
function nameCell(tr, op, field) {
  const attrs = {"class": "name"};
  if (field) attrs["data-field"] = field;
  if (op.supports) {
    attrs["data-supports"] = op.supports;
    attrs["title"] = "an internal cache that serves " + op.supports + ", not an operation of yours: no "
        + "recommendations or alerts, and left out of the totals above";
  }
  tr.appendChild(el("td", attrs, op.operation));
}
