/** The form's inputs besides the topics and partitions: the mode, and the value with what it means. */
import { html, nothing } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { Model } from '../model';
import { MODES, modeInfo, valueControlId } from '../modes';
import { currentValue, type ShownIssues } from '../form';
import { localToIso } from '../datetime';
import { zoneLabel } from '../../core/localTime';
import { validateModeValue } from '../../core/validate';
import { icon, invalidAttr, issueList, type Dispatch } from './parts';

export function modeView(m: Model, d: Dispatch) {
  const mode = m.form.mode;
  const pick = (e: Event) => d({ type: 'mode', mode: (e.target as HTMLSelectElement).value as typeof mode });
  // Modes the group's type cannot take stay listed but disabled, with the host's sentence why.
  const notOffered = m.groupInfo?.notOffered ?? [];
  const why = notOffered.find((x) => x.mode === mode)?.why;
  return html`<div class="field">
    <label for="mode">Reset to</label><select id="mode" aria-describedby="mode-hint" @change=${pick}>${MODES.map(
      (x) => html`<option value=${x.mode} .selected=${live(x.mode === mode)} ?disabled=${notOffered.some((n) => n.mode === x.mode)}>${x.label}</option>`,
    )}</select><p id="mode-hint" class="hint">${why ?? modeInfo(mode).hint}</p>${
      notOffered.length && !why ? html`<p class="hint">${notOffered.map((n) => n.why).join(' ')}</p>` : nothing
    }
  </div>`;
}

/** What a date-time or timestamp means, so a wrong zone or unit shows before the preview. */
function meaning(m: Model, issues: ShownIssues, now: number) {
  const f = m.form;
  const shown = issues.shown('value');
  if (f.mode === 'datetime') {
    // Not live(): the picker normalises its value (no ":00" seconds), so comparing with the DOM would
    // set it again on every render while the user edits it.
    const c = f.values.datetime ? localToIso(f.values.datetime) : undefined;
    if (!c?.ok || shown.length) return nothing;
    const shifted = c.shiftedTo ? ` (that time does not exist on that day in your zone — clocks moved forward; ${c.shiftedTo} is used)` : '';
    return html`<p class="info">= ${c.iso} = ${new Date(c.ms).toISOString()}${shifted}</p>`;
  }
  if (f.mode !== 'timestamp' && f.mode !== 'duration') return nothing;
  const r = validateModeValue(f.mode, currentValue(f).value, now, true);
  const at = r.spec?.kind === 'timestamp' ? r.spec.timestamp : r.spec?.kind === 'duration' ? now - r.spec.ms : undefined;
  if (at === undefined || shown.some((i) => i.code === 'invalid')) return nothing;
  return html`<p class="info">= ${new Date(at).toISOString()} (${new Date(at).toLocaleString()} your time)</p>`;
}

function control(m: Model, d: Dispatch, invalid: ReturnType<typeof invalidAttr>, now: number) {
  const f = m.form;
  const info = modeInfo(f.mode);
  const typed = (mode: typeof f.mode) => (e: Event) => d({ type: 'value', mode, value: (e.target as HTMLInputElement).value });
  const blur = () => d({ type: 'blur', field: 'value' });
  if (f.mode === 'datetime') {
    // Not live(): the picker normalises its value (no ":00" seconds), so comparing with the DOM would
    // set it again on every render while the user edits it.
    const c = f.values.datetime ? localToIso(f.values.datetime) : undefined;
    return html`<div class="inline"><input id="value-datetime" type="datetime-local" step="1" aria-describedby="value-zone value-hint value-msg" aria-invalid=${invalid} .value=${f.values.datetime ?? ''} @input=${typed('datetime')} @blur=${blur}><span id="value-zone" class="zone">${zoneLabel(c?.ok ? c.ms : now)}</span></div>`;
  }
  if (f.mode === 'seed') {
    const keydown = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      d({ type: 'preview' });
    };
    return html`<textarea id="value-seed" rows="4" spellcheck="false" aria-describedby="value-hint value-msg" aria-invalid=${invalid} placeholder=${info.placeholder ?? ''} .value=${live(f.values.seed ?? '')} @input=${typed('seed')} @blur=${blur} @keydown=${keydown}></textarea>`;
  }
  return html`<input id="value" type="text" spellcheck="false" autocomplete="off" aria-describedby="value-hint value-msg" aria-invalid=${invalid} placeholder=${info.placeholder ?? ''} inputmode=${info.numeric ? 'numeric' : 'text'} .value=${live(f.values[f.mode] ?? '')} @input=${typed(f.mode)} @blur=${blur}>`;
}

/** The looks-like-seconds choice: multiply by 1000, or confirm it really is milliseconds. */
function secondsChoice(m: Model, d: Dispatch, issues: ShownIssues) {
  const f = m.form;
  const open = issues.all.some((i) => i.code === 'looks-like-seconds') || (f.allowOld && (f.mode === 'timestamp' || f.mode === 'seed'));
  const allow = (e: Event) => d({ type: 'allowOld', on: (e.target as HTMLInputElement).checked });
  return html`<div id="seconds-choice" class="seconds-choice" ?hidden=${!open}>
    <p>${icon('warning')} This number is before 1973 as milliseconds: it looks like seconds.</p>
    <div class="choice-row"><button id="use-seconds" class="secondary" type="button" ?hidden=${f.mode !== 'timestamp'} @click=${() => d({ type: 'useSeconds' })}>Use as seconds (× 1000)</button><span class="checkbox"><input id="allow-old" type="checkbox" .checked=${live(f.allowOld)} @change=${allow}><label for="allow-old">It really is milliseconds</label></span></div>
  </div>`;
}

export function valueView(m: Model, d: Dispatch, issues: ShownIssues, now: number) {
  const info = modeInfo(m.form.mode);
  if (!info.valueLabel) return html`<div id="value-row" class="field" hidden></div>`;
  const shown = issues.shown('value');
  return html`<div id="value-row" class="field">
    <label id="value-label" for=${valueControlId(m.form.mode)}>${info.valueLabel}</label>${control(m, d, invalidAttr(shown), now)}<p id="value-hint" class="hint">${info.hint}</p>
    <div id="value-msg" class="msg" aria-live="polite">${issueList(shown)}${meaning(m, issues, now)}</div>
    ${secondsChoice(m, d, issues)}
  </div>`;
}
