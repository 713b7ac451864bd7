'use strict';
/**
 * Numbers and their formatting: median / min / max of a series, milliseconds and ratios as the
 * report prints them, and the per-api request counter fed by ClientOptions.onRequest.
 */

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return null;
  const median = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  return { n, median, min: v[0], max: v[n - 1], values };
}
const fmtMs = (ms) => (ms === undefined || ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en-US')} ms`);
const fmtStat = (s) => (s ? `**${fmtMs(s.median)}** (${fmtMs(s.min)} – ${fmtMs(s.max)})` : '—');
const ratio = (a, b) => (a && b ? a.median / b.median : null);
const fmtRatio = (r) => (r === null ? '—' : `${r.toFixed(2)}×`);
const fmtCounts = (c) => Object.entries(c).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(', ') || '—';

/** Requests per api (and their summed round-trip time) from ClientOptions.onRequest. */
function makeCounter() {
  let counts = {};
  let ms = {};
  return {
    onRequest: (api, _broker, durationMs) => {
      counts[api] = (counts[api] || 0) + 1;
      ms[api] = (ms[api] || 0) + (durationMs || 0);
    },
    reset() {
      counts = {};
      ms = {};
    },
    take() {
      const c = { counts, ms };
      counts = {};
      ms = {};
      return c;
    },
  };
}

/** Counts of several runs: the common value if they agree, else min–max per api; median summed ms per api. */
function summarizeCounts(list) {
  const apis = [...new Set(list.flatMap((c) => Object.keys(c.counts)))].sort();
  const perRun = {};
  const msPerRun = {};
  let stable = true;
  for (const a of apis) {
    const v = list.map((c) => c.counts[a] || 0);
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    if (lo !== hi) stable = false;
    perRun[a] = lo === hi ? lo : `${lo}–${hi}`;
    msPerRun[a] = +stats(list.map((c) => c.ms[a] || 0)).median.toFixed(1);
  }
  return { perRun, msPerRun, stable };
}

module.exports = { stats, fmtMs, fmtStat, ratio, fmtRatio, fmtCounts, makeCounter, summarizeCounts };
