/**
 * A TCP proxy in front of a broker of the test's own (the broker advertises the proxy's port, so every
 * connection goes through it) that can make the broker look frozen right after it received an
 * OffsetCommit: the commit reaches the broker and is stored, but neither its answer nor anything
 * after it comes back — as with a broker stopped by SIGSTOP mid-request, seen from the client. Test
 * code only; the broker behind it is real.
 */
import * as net from 'node:net';

const OFFSET_COMMIT = 8;

export class FreezeProxy {
  private readonly server = net.createServer((c) => this.onClient(c));
  private readonly sockets = new Set<net.Socket>();
  private armed = false;
  private frozen = false;
  private frozeAt: (() => void) | null = null;
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
    client.on('data', (d) => {
      pending = Buffer.concat([pending, d]);
      while (pending.length >= 6 && pending.length >= 4 + pending.readInt32BE(0)) {
        const size = 4 + pending.readInt32BE(0);
        const frame = pending.subarray(0, size);
        pending = pending.subarray(size);
        if (this.frozen) continue; // a frozen broker reads nothing
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
      if (!this.frozen) client.write(d);
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
