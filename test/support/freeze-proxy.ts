/**
 * A TCP proxy in front of a broker of the test's own (the broker advertises the proxy's port, so every
 * connection goes through it) that can make the broker look frozen right after it received an
 * OffsetCommit: the commit reaches the broker and is stored, but neither its answer nor anything
 * after it comes back — as with a broker stopped by SIGSTOP mid-request, seen from the client; or
 * that loses the answer to the next OffsetCommit (stored by the broker) and cuts that connection. Test
 * code only; the broker behind it is real. Used by hostile-core (freeze) and faults (lost answer).
 */
import * as net from 'node:net';

const OFFSET_COMMIT = 8;

export class FreezeProxy {
  private readonly server = net.createServer((c) => this.onClient(c));
  private readonly sockets = new Set<net.Socket>();
  private armed = false;
  private frozen = false;
  private frozeAt: (() => void) | null = null;
  private trap: { onAnswer: () => void; resolve: () => void } | null = null;
  port = 0;

  constructor(private readonly upstreamPort: number) {}

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Resolves when the next OffsetCommit has been forwarded and everything froze behind it. */
  freezeAfterNextCommit(): Promise<void> {
    this.armed = true;
    return new Promise((resolve) => (this.frozeAt = resolve));
  }

  /**
   * Forward the next OffsetCommit, wait for the broker's answer (so the commit is stored), then drop
   * the answer and cut the client's connection: the one fault after which the client cannot know what
   * happened. onAnswer runs first (e.g. to kill the broker); resolves after the cut.
   */
  loseNextCommitAnswer(onAnswer: () => void = () => undefined): Promise<void> {
    return new Promise((resolve) => (this.trap = { onAnswer, resolve }));
  }

  /** Back to normal: the connections that saw the freeze are cut (their answers are lost anyway). */
  thaw(): void {
    this.frozen = false;
    this.armed = false;
    for (const s of this.sockets) s.destroy();
  }

  private onClient(client: net.Socket): void {
    const upstream = net.connect(this.upstreamPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    let pending = Buffer.alloc(0);
    let commitInFlight = false;
    client.on('data', (d) => {
      pending = Buffer.concat([pending, d]);
      while (pending.length >= 6 && pending.length >= 4 + pending.readInt32BE(0)) {
        const size = 4 + pending.readInt32BE(0);
        const frame = pending.subarray(0, size);
        pending = pending.subarray(size);
        if (this.frozen) continue; // a frozen broker reads nothing
        if (this.trap && frame.readInt16BE(4) === OFFSET_COMMIT) commitInFlight = true;
        upstream.write(frame);
        if (this.armed && frame.readInt16BE(4) === OFFSET_COMMIT) {
          this.armed = false;
          this.frozen = true;
          this.frozeAt?.();
          this.frozeAt = null;
        }
      }
    });
    upstream.on('data', (d) => {
      const trap = this.trap;
      if (commitInFlight && trap) {
        this.trap = null;
        trap.onAnswer();
        client.destroy();
        upstream.destroy();
        trap.resolve();
        return;
      }
      if (!this.frozen) client.write(d);
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
