/**
 * The host's messages to the form, as part of update() (./update.ts): pure, on a draft of the model.
 *
 * Reloads: a hidden panel's webview is unloaded, so the form may have asked something and be gone when
 * the answer comes. On each load the form says `ready`; `init` then says what the host still holds: the
 * plan of a saved preview that is no longer held makes it stale (Reset stays disabled), an awaited
 * answer that was lost is forgotten, and the host replays the last preview and result (`replay`).
 */
import type { HostToWebview } from '../protocol';
import { withDatetimeDefault, type Model } from './model';
import type { Effect } from './events';

/** The panel was opened (or revealed) on a topic, maybe one partition. */
function applyTarget(s: Model, topic: string | undefined, partition: number | undefined): void {
  const f = s.form;
  if (topic !== undefined) {
    f.scope = 'one';
    f.topic = topic;
    f.overrides = [];
    if (f.mode === 'seed') f.mode = 'offset';
  }
  if (partition !== undefined && partition >= 0) {
    f.partitions = 'some';
    f.chosen = [partition];
  } else if (topic !== undefined) {
    f.partitions = 'all';
    f.chosen = [];
  }
}

const isMine = (s: Model, requestId: string | undefined): boolean => !!requestId && s.pending?.id === requestId;

export function onHostMessage(s: Model, msg: HostToWebview, now: number, effects: Effect[]): void {
  switch (msg.type) {
    case 'init': {
      s.cluster = msg.cluster;
      s.group = msg.group;
      s.target = { clusterId: msg.cluster.id, group: msg.group };
      s.hostBusy = msg.session.busy;
      if (s.firstLoad) {
        // Opened on the group itself: the whole group, every topic it has offsets on.
        if (msg.initial.topic === undefined) s.form.scope = 'all';
        applyTarget(s, msg.initial.topic, msg.initial.partition);
        s.firstLoad = false;
      }
      // The saved preview can be applied only if the host still holds its plan (a replay follows if so).
      if (s.preview && msg.session.planId !== s.preview.planId) s.previewStale = true;
      if (s.result) s.result = { ...s.result, canUndo: s.result.canUndo && msg.session.canUndo };
      // An answer awaited while unloaded is lost (unless a reset or undo still runs); the replays that
      // follow bring what matters: a replayed preview of that request still gets the input it was asked for.
      if (s.pending && !(msg.session.busy && s.pending.kind !== 'preview')) {
        if (s.pending.kind === 'preview' && s.pending.id === msg.session.planId) s.recovered = { planId: s.pending.id, key: s.pending.key };
        s.pending = undefined;
      }
      s.status = { text: s.hostBusy ? 'A reset or undo is in progress: answer the dialog in VS Code.' : '', busy: s.hostBusy };
      s.form = withDatetimeDefault(s.form, now);
      return;
    }
    case 'target':
      applyTarget(s, msg.topic, msg.partition);
      s.form = withDatetimeDefault(s.form, now);
      return;
    case 'group':
      // A group with no offsets yet has no "all topics": offer one topic instead (unless the user chose).
      if (s.form.scope === 'all' && !msg.info.topics.some((t) => t.ofGroup) && !s.touched.includes('topic')) s.form.scope = 'one';
      s.groupInfo = msg.info;
      s.groupError = undefined;
      s.groupLoading = false;
      return;
    case 'groupError':
      s.groupError = msg.message;
      s.groupLoading = false;
      return;
    case 'preview': {
      const mine = isMine(s, msg.requestId);
      if (!mine && !msg.replay) return;
      // The input this preview was made from. Unknown (state lost) = '' = never matches the form, so
      // Reset stays disabled until the user previews what the form shows.
      const key = mine ? s.pending?.key : s.preview?.planId === msg.planId ? s.previewKey : s.recovered?.planId === msg.planId ? s.recovered.key : undefined;
      if (mine) s.pending = undefined;
      const { replay: _replay, ...preview } = msg;
      s.preview = preview;
      s.previewKey = key ?? '';
      s.previewStale = false;
      s.status = { text: msg.replay ? '' : 'Preview ready.', busy: false };
      if (!msg.replay) effects.push({ type: 'focus', id: 'preview-heading' });
      return;
    }
    case 'invalid':
      if (!isMine(s, msg.requestId)) return;
      s.pending = undefined;
      s.hostIssues = msg.issues;
      s.status = { text: 'The request was refused: see the highlighted fields.', busy: false };
      return;
    case 'error':
      // Answers to requests no longer awaited (an older preview) are dropped; Copy is never pending.
      if (!isMine(s, msg.requestId) && msg.requestId !== s.lastCopyId) return;
      if (isMine(s, msg.requestId)) s.pending = undefined;
      s.status = { text: '', busy: false };
      s.error = msg.message;
      return;
    case 'status':
      if (isMine(s, msg.requestId)) s.status = { text: msg.message, busy: true };
      return;
    case 'cancelled':
      if (!isMine(s, msg.requestId)) return;
      s.pending = undefined;
      s.status = { text: msg.message, busy: false };
      return;
    case 'result': {
      const mine = isMine(s, msg.requestId);
      if (!mine && !msg.replay) return;
      if (mine) s.pending = undefined;
      const { replay: _replay, ...result } = msg;
      const isNew = mine || s.result?.requestId !== msg.requestId;
      s.result = result;
      // A new result uses the plan up (reset) or outdates it (undo). A replay of a known one changes nothing else.
      if (isNew && (!msg.replay || s.previewStale)) {
        s.preview = undefined;
        s.previewKey = undefined;
      }
      const ok = result.failed + result.unknown === 0;
      s.status = { text: msg.replay ? '' : ok ? `${result.kind === 'undo' ? 'Undo' : 'Reset'} done.` : 'Some partitions were not confirmed: see the result.', busy: false };
      if (!msg.replay) effects.push({ type: 'focus', id: 'result-heading' });
      return;
    }
    case 'copied':
      if (msg.requestId === s.lastCopyId) s.status = { text: 'Command copied to the clipboard.', busy: false };
      return;
  }
}
