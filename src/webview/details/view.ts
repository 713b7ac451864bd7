/**
 * The Group Details page, drawn with lit-html (escapes every value; no inline styles, the CSP allows
 * none): the status line, the lag-over-time chart as our own SVG, the topics, and the samples as a
 * table (what the chart shows, for screen readers and copy-paste).
 */
import { html, nothing, svg } from 'lit-html';
import type { GroupDetails } from '../../protocol';
import { count } from '../format';
import { BOX, chartGeometry } from './chart';

const time = (ms: number) => new Date(ms).toLocaleTimeString();

function chart(d: GroupDetails) {
  const g = chartGeometry(d.series, time);
  const label =
    d.series.length === 0
      ? 'No samples yet'
      : `Lag over time, ${d.series.length} sample${d.series.length === 1 ? '' : 's'} from ${time(d.series[0].at)} to ${time(d.series[d.series.length - 1].at)}; now ${count(d.lag, 'no commit')}`;
  return html`<svg id="lag-chart" class="chart" viewBox="0 0 ${BOX.width} ${BOX.height}" role="img" aria-label=${label}>
    <title>${label}</title>
    ${g.yTicks.map((t) => svg`<line class="grid" x1=${BOX.left} x2=${BOX.width - BOX.right} y1=${t.pos} y2=${t.pos}></line>
      <text class="axis" x=${BOX.left - 6} y=${t.pos + 4} text-anchor="end">${t.label}</text>`)}
    ${g.xTicks.map((t, i) => svg`<text class="axis" x=${t.pos} y=${BOX.height - 8} text-anchor=${g.xTicks.length === 1 ? 'middle' : i === 0 ? 'start' : 'end'}>${t.label}</text>`)}
    ${g.path ? svg`<path class="line" d=${g.path}></path>` : nothing}
    ${g.dots.map((p) => svg`<circle class="dot" cx=${p.x} cy=${p.y} r="3"><title>${time(p.at)}: lag ${count(String(p.lag))}</title></circle>`)}
  </svg>`;
}

function samples(d: GroupDetails) {
  const rows = [...d.series].reverse().slice(0, 50);
  return html`<details>
    <summary>Samples (${d.series.length})</summary>
    <table id="samples-table">
      <thead><tr><th>Time</th><th class="num">Lag</th></tr></thead>
      <tbody>${rows.map((p) => html`<tr><td>${time(p.at)}</td><td class="num">${p.lag === null ? 'no commit' : count(String(p.lag))}</td></tr>`)}</tbody>
    </table>
  </details>`;
}

export function detailsView(d: GroupDetails | undefined, refreshing: boolean, refresh: () => void) {
  if (!d) return html`<p class="loading">Loading…</p>`;
  return html`<header>
      <h1>Group details</h1>
      <p class="where">Group <strong class="mono">${d.group}</strong> on <strong>${d.clusterName}</strong> · ${d.state}</p>
      <div class="group-line">
        <p id="status" class="status status-${d.statusKind}" aria-live="polite">
          Lag <strong>${count(d.lag, 'no commit')}</strong> · <strong>${d.status}</strong> · consuming ${d.consumeRate} · producing ${d.produceRate}
        </p>
        <button id="refresh-button" class="secondary" type="button" ?disabled=${refreshing} @click=${refresh}>${refreshing ? 'Reading…' : 'Refresh'}</button>
      </div>
      ${d.error ? html`<p id="error" class="error">${d.error}</p>` : nothing}
    </header>
    <h2>Lag over time</h2>
    ${chart(d)}
    <p class="muted">A sample is taken at every refresh of the group (the tree's Refresh, its auto-refresh, or Refresh here); rates are measured over the last minute.</p>
    <h2>Topics</h2>
    <table id="topics-table">
      <thead><tr><th>Topic</th><th class="num">Lag</th><th>Status</th></tr></thead>
      <tbody>${d.topics.map((t) => html`<tr><td class="mono">${t.topic}</td><td class="num">${count(t.lag, 'no commit')}</td><td>${t.status}</td></tr>`)}</tbody>
    </table>
    ${samples(d)}`;
}
