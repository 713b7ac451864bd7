/**
 * Fixtures for the unit tests of the reset form's update() (src/webview/update.ts): the webview
 * modules loaded in Node, a driver that feeds events through update() collecting the effects, and the
 * host's messages as the extension sends them.
 */
import { loadWebviewModule } from './webview-bundle';
import type { GroupInfo, HostToWebview, WebviewToHost } from '../../src/protocol';
import type { Model } from '../../src/webview/model';
import type { Effect, Msg } from '../../src/webview/events';

export const U = loadWebviewModule<typeof import('../../src/webview/update')>('src/webview/update.ts');
export const F = loadWebviewModule<typeof import('../../src/webview/form')>('src/webview/form.ts');
export const M = loadWebviewModule<typeof import('../../src/webview/model')>('src/webview/model.ts');

export const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);

/** The form driven through update(): `send` returns the effects of its events. */
export class Form {
  effects: Effect[] = [];
  constructor(public model: Model) {}
  static fresh(): Form {
    return new Form(M.restore(undefined, NOW));
  }
  send(...msgs: Msg[]): Effect[] {
    const out: Effect[] = [];
    for (const msg of msgs) {
      const before = JSON.stringify(this.model);
      const step = U.update(this.model, { ...msg, now: NOW } as Parameters<typeof U.update>[1]);
      // Pure: the model it was given is left as it was (every test checks this on every event).
      if (JSON.stringify(this.model) !== before) throw new Error(`update() changed the model it was given on ${msg.type}`);
      this.model = step.model;
      out.push(...step.effects);
    }
    this.effects.push(...out);
    return out;
  }
  host(...messages: HostToWebview[]): Effect[] {
    return this.send(...messages.map((message): Msg => ({ type: 'host', message })));
  }
  /** Everything posted to the host so far. */
  posted(): WebviewToHost[] {
    return this.effects.flatMap((e) => (e.type === 'post' ? [e.message] : []));
  }
  lastPosted(): WebviewToHost {
    const all = this.posted();
    return all[all.length - 1];
  }
  /** The webview is unloaded and loaded again: only what setState() kept survives. */
  reload(): Form {
    const saved = JSON.parse(JSON.stringify(M.persist(this.model)));
    return new Form(M.restore(saved, NOW));
  }
}

export const GROUP: GroupInfo = {
  state: 'Empty',
  members: [],
  topics: [
    {
      topic: 'orders',
      partitions: 3,
      ofGroup: true,
      lag: '150',
      partitionLag: [0, 1, 2].map((partition) => ({ partition, committed: '40', logEnd: '100', lag: '60' })),
    },
    { topic: 'payments', partitions: 2, ofGroup: false, lag: null, partitionLag: [] },
  ],
};

export function init(session: { planId?: string | null; canUndo?: boolean; busy?: boolean } = {}, initial: { topic?: string; partition?: number } = {}): HostToWebview {
  return {
    type: 'init',
    cluster: { id: 'local', name: 'Local', brokers: ['127.0.0.1:9092'], protected: false },
    group: 'billing',
    initial,
    session: { planId: null, canUndo: false, busy: false, ...session },
  };
}

export function preview(requestId: string, over: Partial<Extract<HostToWebview, { type: 'preview' }>> = {}): HostToWebview {
  return {
    type: 'preview',
    requestId,
    planId: requestId,
    summary: '3 partitions of orders',
    description: 'reset to offset 7 on orders',
    rows: [],
    totals: { partitions: 3, lagBefore: '150', lagAfter: '279', replayed: '99', skipped: '0', noCommit: 0, errors: 0 },
    warnings: [],
    command: 'kafka-consumer-groups --dry-run',
    canReset: true,
    ...over,
  };
}

export function result(requestId: string, kind: 'reset' | 'undo', over: Partial<Extract<HostToWebview, { type: 'result' }>> = {}): HostToWebview {
  return { type: 'result', requestId, kind, rows: [], applied: 3, failed: 0, unknown: 0, durationMs: 40, snapshotName: 'billing-1.json', canUndo: kind === 'reset', ...over };
}

/** A form on billing opened on its topic `orders` (as from the topic's node), topics read, offset 7 typed in. */
export function filledForm(): Form {
  const form = Form.fresh();
  form.send({ type: 'start' });
  form.host(init({}, { topic: 'orders' }), { type: 'group', info: GROUP });
  form.send({ type: 'mode', mode: 'offset' }, { type: 'value', mode: 'offset', value: '7' });
  return form;
}

/** The id of the last request posted of a type. */
export function lastRequestId(form: Form, type: WebviewToHost['type']): string {
  const m = [...form.posted()].reverse().find((x) => x.type === type);
  if (!m || !('requestId' in m)) throw new Error(`no ${type} request was posted`);
  return m.requestId;
}
