/**
 * The lag-over-time chart's geometry, pure (no DOM): samples → an SVG path, its dots and axis ticks in
 * a fixed viewBox, so the drawing (./view.ts) only places what this computes and node:test can check
 * it (test/unit/details-chart.test.ts). A null lag (no commit) breaks the line instead of dropping to 0.
 */
import type { DetailsPoint } from '../../protocol';

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the y labels on the left and the x labels below. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export const BOX: ChartBox = { width: 640, height: 220, left: 64, bottom: 28, top: 12, right: 16 };

export interface Tick {
  /** Position along its axis, in viewBox units. */
  pos: number;
  label: string;
}

export interface ChartGeometry {
  /** "M x y L x y …" with a new M after every gap; '' with nothing to draw. */
  path: string;
  dots: Array<{ x: number; y: number; at: number; lag: number }>;
  yTicks: Tick[];
  xTicks: Tick[];
  /** The top of the y axis (a round number ≥ the largest lag; 1 when every lag is 0). */
  yMax: number;
}

/** The smallest 1, 2 or 5 × 10^n at or above v (v > 0). */
export function niceCeiling(v: number): number {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** "950", "12k", "3.4M": axis labels stay short. */
export function shortCount(v: number): string {
  if (v < 1_000) return String(Math.round(v));
  if (v < 1_000_000) return `${trim(v / 1_000)}k`;
  if (v < 1_000_000_000) return `${trim(v / 1_000_000)}M`;
  return `${trim(v / 1_000_000_000)}G`;
}

const trim = (v: number) => (v >= 100 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, ''));

export function chartGeometry(series: readonly DetailsPoint[], timeLabel: (ms: number) => string, box: ChartBox = BOX): ChartGeometry {
  const x0 = box.left;
  const x1 = box.width - box.right;
  const y0 = box.height - box.bottom;
  const y1 = box.top;
  const lags = series.flatMap((p) => (p.lag === null ? [] : [p.lag]));
  const yMax = niceCeiling(Math.max(0, ...lags));
  const yTicks: Tick[] = [0, 0.5, 1].map((f) => ({ pos: y0 - f * (y0 - y1), label: shortCount(f * yMax) }));
  if (series.length === 0) return { path: '', dots: [], yTicks, xTicks: [], yMax };
  const first = series[0].at;
  const last = series[series.length - 1].at;
  const span = last - first;
  // One sample (or all at one instant): in the middle, not on the axis.
  const xOf = (at: number) => (span > 0 ? x0 + ((at - first) / span) * (x1 - x0) : (x0 + x1) / 2);
  const yOf = (lag: number) => y0 - (lag / yMax) * (y0 - y1);
  const dots: ChartGeometry['dots'] = [];
  let path = '';
  let pen = false;
  for (const p of series) {
    if (p.lag === null) {
      pen = false;
      continue;
    }
    const x = round(xOf(p.at));
    const y = round(yOf(p.lag));
    path += `${pen ? ' L' : path ? ' M' : 'M'}${x} ${y}`;
    pen = true;
    dots.push({ x, y, at: p.at, lag: p.lag });
  }
  const xTicks: Tick[] = span > 0 ? [{ pos: x0, label: timeLabel(first) }, { pos: x1, label: timeLabel(last) }] : [{ pos: (x0 + x1) / 2, label: timeLabel(first) }];
  return { path, dots, yTicks, xTicks, yMax };
}

const round = (v: number) => Math.round(v * 10) / 10;
