/**
 * A cluster's SASL password in SecretStorage, bound to the cluster and to the brokers it was saved for.
 *
 * Keys follow the cluster's stable id (`cluster/<id>/password`), an id stored with the cluster entry in
 * settings and generated once (Add Cluster, or the one-time migration below) — never recomputed from
 * the cluster's name or its place in the list, so a new cluster with the same name cannot inherit the
 * password of an existing one. Beside the password we keep the broker list it was saved for
 * (`cluster/<id>/password-brokers`); before the password goes to any other brokers (the settings were
 * edited by hand, synced, or migrated from a name-keyed secret whose owner is ambiguous) the user is
 * asked, naming both lists.
 *
 * No runtime vscode import: SecretStorage and the question are passed in, so this is unit-tested
 * (test/unit/cluster-secrets.test.ts).
 */
import type { ClusterEntry } from './services';
import { passwordKey, type IdPin } from './clusterSettings';

export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** Asked before a stored password is sent to brokers it was not saved for; true = send (and remember). */
export type AskToSend = (cluster: ClusterEntry, savedFor: string[] | undefined) => Promise<boolean>;

export function passwordBrokersKey(clusterId: string): string {
  return `cluster/${clusterId}/password-brokers`;
}

/** Same brokers, in any order (hosts compared case-insensitively: DNS names are). */
export function sameBrokers(a: readonly string[], b: readonly string[]): boolean {
  const norm = (l: readonly string[]) => [...new Set(l.map((x) => x.toLowerCase()))].sort().join(',');
  return norm(a) === norm(b);
}

function parseBrokerList(json: string | undefined): string[] | undefined {
  if (!json) return undefined;
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

export class ClusterSecrets {
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(private readonly store: SecretStore, private readonly ask: AskToSend) {}

  /** The stored password, without any check: for "is one stored?" and editing. */
  async peek(clusterId: string): Promise<string | undefined> {
    return this.store.get(passwordKey(clusterId));
  }

  /**
   * The password to send to the cluster's brokers now, or undefined when none is stored. Throws
   * `refused` (the caller's sentence) when the user declines to send it to brokers it was not saved for.
   */
  async forConnecting(cluster: ClusterEntry, refused: () => Error): Promise<string | undefined> {
    const password = await this.store.get(passwordKey(cluster.id));
    if (password === undefined) return undefined;
    const savedFor = parseBrokerList(await this.store.get(passwordBrokersKey(cluster.id)));
    if (savedFor && sameBrokers(savedFor, cluster.brokers)) return password;
    // One question per cluster at a time (the tree and a command may connect together).
    const key = `${cluster.id}\n${cluster.brokers.join(',')}`;
    let answer = this.asking.get(key);
    if (!answer) {
      answer = this.ask(cluster, savedFor).then(async (yes) => {
        if (yes) await this.store.store(passwordBrokersKey(cluster.id), JSON.stringify(cluster.brokers));
        return yes;
      });
      this.asking.set(key, answer);
      void answer.finally(() => this.asking.delete(key)).catch(() => undefined);
    }
    if (!(await answer)) throw refused();
    return password;
  }

  /** Store a password the user typed for these brokers. */
  async save(clusterId: string, password: string, brokers: readonly string[]): Promise<void> {
    await this.store.store(passwordKey(clusterId), password);
    await this.store.store(passwordBrokersKey(clusterId), JSON.stringify([...brokers]));
  }

  /** The user kept the stored password while editing the cluster's brokers in Edit Cluster. */
  async rebind(clusterId: string, brokers: readonly string[]): Promise<void> {
    if ((await this.store.get(passwordKey(clusterId))) !== undefined) await this.store.store(passwordBrokersKey(clusterId), JSON.stringify([...brokers]));
  }

  async remove(clusterId: string): Promise<void> {
    await this.store.delete(passwordKey(clusterId));
    await this.store.delete(passwordBrokersKey(clusterId));
  }

  /**
   * Once, for clusters saved before ids were stored: their secret stays under the id they had (the
   * name-derived one, now pinned in settings). It is bound to the cluster's brokers only when the name
   * was unique; when several clusters shared the name, the old numbering may already have handed it to
   * the wrong one, so the first use asks.
   */
  async migrate(pins: readonly IdPin[], clusters: readonly ClusterEntry[]): Promise<void> {
    for (const pin of pins) {
      const c = clusters.find((x) => x.id === pin.id);
      if (!c || pin.sharedName) continue;
      const hasPassword = (await this.store.get(passwordKey(pin.id))) !== undefined;
      const hasBrokers = (await this.store.get(passwordBrokersKey(pin.id))) !== undefined;
      if (hasPassword && !hasBrokers) await this.store.store(passwordBrokersKey(pin.id), JSON.stringify(c.brokers));
    }
  }
}
