'use strict';
/**
 * "How it scales" chart: an SVG drawn here (no chart library), turned into a PNG by taking a
 * screenshot of it in Debian's chromium through playwright-core (no native npm dependency).
 */
const fs = require('node:fs');
const path = require('node:path');
const { withTimeout } = require('./proc');

const SERIES = [
  { key: 'ours', label: 'kafka-offsets CLI (node process)', color: '#1f6feb', dash: '' },
  { key: 'theirs', label: "Apache kafka-consumer-groups (JVM process)", color: '#d9480f', dash: '' },
  { key: 'inProcess', label: 'kafka-offsets engine in-process (warm client)', color: '#2b8a3e', dash: '6 4' },
];

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmtMs = (ms) => (ms >= 1000 ? `${+(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`);
const fmtN = (n) => n.toLocaleString('en-US');

/**
 * One log-log panel. points: [{x, ours: {median,min,max}, theirs: {...}, inProcess: {...}}]
 * @param {{title: string, xLabel: string, points: any[], x0: number, y0: number, w: number, h: number}} p
 */
function panel({ title, xLabel, points, x0, y0, w, h }) {
  const xs = points.map((p) => p.x);
  const ys = points.flatMap((p) => SERIES.flatMap((s) => (p[s.key] ? [p[s.key].min, p[s.key].max] : []))).filter((v) => v > 0);
  const lx = (v) => Math.log10(v);
  const xMin = lx(Math.min(...xs)) - 0.15;
  const xMax = lx(Math.max(...xs)) + 0.15;
  const yMin = Math.floor(lx(Math.min(...ys)));
  const yMax = Math.ceil(lx(Math.max(...ys)));
  const X = (v) => x0 + ((lx(v) - xMin) / (xMax - xMin)) * w;
  const Y = (v) => y0 + h - ((lx(v) - yMin) / (yMax - yMin || 1)) * h;
  const out = [];
  out.push(`<text x="${x0 + w / 2}" y="${y0 - 14}" text-anchor="middle" font-size="15" font-weight="600">${esc(title)}</text>`);
  out.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#999"/>`);
  // y grid: decades and 2x / 5x
  for (let d = yMin; d <= yMax; d++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** d;
      if (lx(v) > yMax + 1e-9) continue;
      const y = Y(v);
      out.push(`<line x1="${x0}" x2="${x0 + w}" y1="${y}" y2="${y}" stroke="${m === 1 ? '#ccc' : '#eee'}"/>`);
      out.push(`<text x="${x0 - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#444">${fmtMs(v)}</text>`);
    }
  }
  for (const v of xs) {
    const x = X(v);
    out.push(`<line x1="${x}" x2="${x}" y1="${y0}" y2="${y0 + h}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${y0 + h + 16}" text-anchor="middle" font-size="11" fill="#444">${fmtN(v)}</text>`);
  }
  out.push(`<text x="${x0 + w / 2}" y="${y0 + h + 36}" text-anchor="middle" font-size="12">${esc(xLabel)}</text>`);
  for (const s of SERIES) {
    const pts = points.filter((p) => p[s.key]);
    if (!pts.length) continue;
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" ${s.dash ? `stroke-dasharray="${s.dash}"` : ''} points="${pts.map((p) => `${X(p.x)},${Y(p[s.key].median)}`).join(' ')}"/>`);
    for (const p of pts) {
      const x = X(p.x);
      out.push(`<line x1="${x}" x2="${x}" y1="${Y(p[s.key].min)}" y2="${Y(p[s.key].max)}" stroke="${s.color}" stroke-width="1"/>`);
      out.push(`<circle cx="${x}" cy="${Y(p[s.key].median)}" r="3.5" fill="${s.color}"/>`);
    }
  }
  return out.join('\n');
}

/** @param {{partitions: any[], groups: any[], subtitle: string}} data */
function scalingSvg({ partitions, groups, subtitle }) {
  const W = 1040;
  const H = 470;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="17" font-weight="700">How it scales — median wall time (bars: min–max), log–log</text>`,
    `<text x="${W / 2}" y="44" text-anchor="middle" font-size="12" fill="#555">${esc(subtitle)}</text>`,
    panel({ title: 'Reset of 1 group × 1 topic to a date-time', xLabel: 'partitions', points: partitions, x0: 80, y0: 84, w: 400, h: 300 }),
    panel({ title: 'Lag of all groups (--all-groups)', xLabel: 'consumer groups (each 20 partitions)', points: groups, x0: 600, y0: 84, w: 400, h: 300 }),
  ];
  let lx = 80;
  for (const s of SERIES) {
    parts.push(`<line x1="${lx}" x2="${lx + 26}" y1="${H - 22}" y2="${H - 22}" stroke="${s.color}" stroke-width="2.5" ${s.dash ? `stroke-dasharray="${s.dash}"` : ''}/>`);
    parts.push(`<text x="${lx + 32}" y="${H - 18}" font-size="12">${esc(s.label)}</text>`);
    lx += 32 + s.label.length * 6.6 + 24;
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Render the SVG to a PNG with chromium. @param {string} svg @param {string} pngFile */
async function svgToPng(svg, pngFile) {
  const { chromium } = require('playwright-core');
  const browser = await withTimeout(
    chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] }),
    30_000,
    'launching chromium',
  );
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    await withTimeout(page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`), 15_000, 'loading the chart');
    const el = await page.$('svg');
    if (!el) throw new Error('no svg element on the chart page');
    fs.mkdirSync(path.dirname(pngFile), { recursive: true });
    await withTimeout(el.screenshot({ path: pngFile }), 15_000, 'screenshot of the chart');
  } finally {
    await withTimeout(browser.close(), 10_000, 'closing chromium').catch(() => {});
  }
}

module.exports = { scalingSvg, svgToPng };
