// Line charts in inline SVG. A value of null is "no data": the line breaks there (a gap), it never drops to 0.
// Each operation keeps one style in every chart: a colour, a dash pattern and a marker shape, and lines drawn
// first are wider, so two operations whose lines lie on top of each other both stay visible.
const COLORS = ["#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];
const DASHES = ["none", "7 4", "2 3", "10 3 2 3", "4 4", "12 5", "1 4", "6 2 2 2"];
const MARKERS = ["circle", "square", "triangle", "diamond", "cross", "triangle-down", "plus", "bar"];
const W = 600, H = 240, L = 64, R = 12, T = 10, B = 26;

/** @return the style of the i-th operation (sorted by name) */
function seriesStyle(i) {
  return {color: COLORS[i % COLORS.length], dash: DASHES[(i + Math.floor(i / COLORS.length)) % DASHES.length],
    marker: MARKERS[i % MARKERS.length], width: Math.max(1.5, 4 - 0.5 * i)};
}
function svg(tag, attrs) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}
/** A marker shape centred on (x, y), of radius r: earlier series get larger ones, so a marker on top of another
 *  leaves the one beneath visible around it. */
function marker(shape, x, y, color, series, r) {
  const d = {
    "square": `M${x - r} ${y - r}h${2 * r}v${2 * r}h${-2 * r}z`,
    "triangle": `M${x} ${y - r - 1}L${x + r + 1} ${y + r}H${x - r - 1}z`,
    "triangle-down": `M${x} ${y + r + 1}L${x + r + 1} ${y - r}H${x - r - 1}z`,
    "diamond": `M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}z`,
    "cross": `M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}`,
    "plus": `M${x - r - 1} ${y}H${x + r + 1}M${x} ${y - r - 1}V${y + r + 1}`,
    "bar": `M${x - r - 1} ${y - 1.5}h${2 * r + 2}v3h${-2 * r - 2}z`}[shape];
  const open = shape === "cross" || shape === "plus";
  return d === undefined ? svg("circle", {cx: x, cy: y, r: r, fill: color, stroke: "#fff", "data-marker": series})
      : svg("path", {d: d, fill: open ? "none" : color, stroke: open ? color : "#fff", "stroke-width": open ? 2 : 1,
        "data-marker": series});
}
/** Runs of consecutive points with data; a null value, or a time step well beyond the usual one, ends a run. */
function segments(points) {
  const steps = [];
  for (let i = 1; i < points.length; i++) steps.push(points[i].t - points[i - 1].t);
  steps.sort((a, b) => a - b);
  const usual = steps.length ? steps[Math.floor(steps.length / 2)] : 0;
  const runs = [];
  let run = [];
  points.forEach((p, i) => {
    const late = i > 0 && usual > 0 && p.t - points[i - 1].t > 1.5 * usual;
    if (p.v === null || p.v === undefined || late) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (p.v !== null && p.v !== undefined) run.push(p);
  });
  if (run.length) runs.push(run);
  return runs;
}
/** A small sample of the line and marker of a style, for legends. */
function swatch(style, thin) {
  const s = svg("svg", {width: 30, height: 10, viewBox: "0 0 30 10"});
  s.appendChild(svg("line", {x1: 1, x2: 29, y1: 5, y2: 5, stroke: style.color, "stroke-width": thin ? 1.5 : 2.5,
    "stroke-dasharray": thin ? "5 4" : style.dash}));
  if (!thin) s.appendChild(marker(style.marker, 15, 5, style.color, "", 3.5));
  return s;
}
/**
 * Draws a chart. series: [{name, style, thin, points: [{t, v}]}]; scale: {max} (linear from 0) or {min, max}
 * (logarithmic, decades); yLabel formats a tick; limits: [{v, label}] horizontal dotted lines (bounds).
 */
function chart(id, legendId, series, scale, yLabel, empty, limits) {
  const root = document.getElementById(id);
  root.replaceChildren();
  const legend = document.getElementById(legendId);
  legend.replaceChildren();
  const all = series.flatMap(s => s.points);
  const withData = all.filter(p => p.v !== null && p.v !== undefined);
  if (withData.length === 0) {
    const t = svg("text", {x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#7a8396"});
    t.textContent = empty;
    root.appendChild(t);
    return;
  }
  let x0 = Math.min(...all.map(p => p.t)), x1 = Math.max(...all.map(p => p.t));
  if (x1 === x0) { x0 -= 30000; x1 += 30000; }
  const px = t => L + (t - x0) / (x1 - x0) * (W - L - R);
  const log = scale.min !== undefined;
  const lo = log ? Math.log10(scale.min) : 0, hi = log ? Math.log10(scale.max) : scale.max;
  const frac = v => log ? (Math.log10(Math.max(v, scale.min)) - lo) / (hi - lo) : Math.min(v, hi) / hi;
  const py = v => T + (1 - frac(v)) * (H - T - B);
  const ticks = log ? Array.from({length: hi - lo + 1}, (_, i) => Math.pow(10, lo + i))
      : [0, 1, 2, 3, 4].map(i => hi * i / 4);
  ticks.forEach(v => {
    const y = py(v);
    root.appendChild(svg("line", {x1: L, x2: W - R, y1: y, y2: y, stroke: "#e3e6ec"}));
    const t = svg("text", {x: L - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#4a5468"});
    t.textContent = yLabel(v);
    root.appendChild(t);
  });
  [[x0, "start"], [x1, "end"]].forEach(([t, anchor]) => {
    const e = svg("text", {x: px(t), y: H - 8, "text-anchor": anchor, "font-size": 11, fill: "#4a5468"});
    e.textContent = clock(t);
    root.appendChild(e);
  });
  (limits || []).forEach(limit => {
    const y = py(limit.v);
    root.appendChild(svg("line", {x1: L, x2: W - R, y1: y, y2: y, stroke: limit.color, "stroke-width": 1.5,
      "stroke-dasharray": "1 3", "data-limit": limit.label}));
    const t = svg("text", {x: W - R - 2, y: y - 3, "text-anchor": "end", "font-size": 10, fill: limit.color});
    t.textContent = limit.label;
    root.appendChild(t);
  });
  series.forEach(s => {
    const runs = segments(s.points);
    if (runs.length > 0) {
      const d = runs.map(run => run.map((p, i) => (i ? "L" : "M") + px(p.t).toFixed(1) + " " + py(p.v).toFixed(1))
          .join(" ")).join(" ");
      root.appendChild(svg("path", {d: d, fill: "none", stroke: s.style.color, "stroke-linejoin": "round",
        "stroke-width": s.thin ? 1.2 : s.style.width, "stroke-dasharray": s.thin ? "5 4" : s.style.dash,
        "data-series": s.name, "data-segments": String(runs.length)}));
      if (!s.thin) {
        const every = Math.max(1, Math.ceil(s.points.length / 24));
        runs.forEach(run => run.forEach((p, i) => {
          if (run.length === 1 || (s.points.indexOf(p) % every === 0)) {
            root.appendChild(marker(s.style.marker, +px(p.t).toFixed(1), +py(p.v).toFixed(1), s.style.color,
                s.name, s.style.width + 1.5));
          }
        }));
      }
    }
    if (!s.thin) {
      const item = el("span", {"class": "item"}, s.name);
      item.prepend(swatch(s.style, false));
      legend.appendChild(item);
    }
  });
  if (series.some(s => s.thin)) {
    const item = el("span", {"class": "item"}, "p99");
    item.prepend(swatch({color: "#4a5468"}, true));
    legend.appendChild(item);
  }
}
/** @return a log scale of whole decades around the values */
function decades(values) {
  const positive = values.filter(v => v > 0);
  if (positive.length === 0) return {min: 100, max: 1e6};
  const min = Math.pow(10, Math.floor(Math.log10(Math.min(...positive))));
  const max = Math.pow(10, Math.ceil(Math.log10(Math.max(...positive))));
  return {min: min, max: max > min ? max : min * 10};
}
/**
 * @param values the values to show
 * @param unit the unit ticks should be round in (1e9 for seconds of nanoseconds, 1024 for KiB...), the smallest max
 * @return a linear scale from 0 to a round number of units at or above the largest value, in quarters
 */
function roundUp(values, unit) {
  const max = Math.max(unit, ...values.filter(v => v !== null && v !== undefined)) / unit;
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  return {max: unit * ([1, 2, 4, 8, 10].map(m => m * step).find(m => m >= max) || max)};
}
