/**
 * Bootstrap broker addresses, checked where clusters are entered: settings, Add Cluster and the CLI's
 * --bootstrap. Only host:port gets through — a DNS name or IPv4 address, or an IPv6 address in
 * brackets, and a port 1–65535 — so a broker string can never carry shell syntax, a path or a URL
 * into the commands we print or the sockets we open.
 */
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9._-]+):(\d{1,5})$/;

/** Why `broker` is not host:port, or undefined when it is. */
export function brokerProblem(broker: string): 'not-host-port' | 'port-out-of-range' | undefined {
  const m = HOST_PORT.exec(broker);
  if (!m) return 'not-host-port';
  const port = Number(m[2]);
  return port < 1 || port > 65535 ? 'port-out-of-range' : undefined;
}
