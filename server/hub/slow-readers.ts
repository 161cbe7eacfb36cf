// Clients that never read are dropped. socket.io's heartbeat only proves a client answers pings;
// one that stops reading (a script, a phone wedged in the background) still does, while what the
// server sends it piles up: first in the kernel's send queue (Linux autotunes it up to 4 MB per
// connection), then in the process. A connection whose unsent bytes — the kernel's send queue
// (/proc/net/tcp tx_queue) plus what the process holds for it (engine.io's queue, the WebSocket's
// bufferedAmount) — stay above MAX_UNSENT_BYTES for GRACE_MS is closed, whatever its pings say.
// So a connection holds at most the bound plus GRACE_MS of the talk's traffic (a phone's is a few
// KB/s), and a thousand non-readers cannot take the machine's memory. The kernel's buffer itself
// cannot be sized to the app's frames from Node: net.Socket has no SO_SNDBUF (only dgram sockets
// do), so Linux autotunes it (tcp_wmem 4 KB / 16 KB / 4 MB here) and this rule is the bound.
import { readFile } from 'node:fs/promises';

export const SLOW_READERS = { maxUnsentBytes: 256 * 1024, graceMs: 5_000, sweepMs: 1_000 } as const;

/** Decides, sweep by sweep, which connections have been over the bound for too long (pure). */
export class SlowReaderTracker {
  readonly #over = new Map<string, number>();

  constructor(private readonly limits: { maxUnsentBytes: number; graceMs: number } = SLOW_READERS) {}

  /** `unsent`: each open connection's unsent bytes now. Returns those to close. */
  sweep(unsent: ReadonlyMap<string, number>, now: number): string[] {
    const close: string[] = [];
    for (const id of this.#over.keys()) if (!unsent.has(id)) this.#over.delete(id);
    for (const [id, bytes] of unsent) {
      if (bytes <= this.limits.maxUnsentBytes) {
        this.#over.delete(id);
        continue;
      }
      const since = this.#over.get(id);
      if (since === undefined) this.#over.set(id, now);
      else if (now - since >= this.limits.graceMs) {
        close.push(id);
        this.#over.delete(id);
      }
    }
    return close;
  }
}

/** A TCP connection's key in /proc/net/tcp*: local port and remote address:port, as the kernel
 *  prints them (hex; each 32-bit word of the address as the host prints it — byte-reversed on the
 *  little-endian machines this runs on, x86-64 and arm64). */
export function tcpKey(localPort: number, remoteAddress: string, remotePort: number): string {
  return `${localPort.toString(16).toUpperCase().padStart(4, '0')}|${procAddress(remoteAddress)}:${remotePort.toString(16).toUpperCase().padStart(4, '0')}`;
}

function procAddress(address: string): string {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/i.exec(address);
  const word = (bytes: number[]) => bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
  if (v4) return word(v4.slice(1, 5).map(Number).reverse());
  // IPv6: eight groups, the kernel prints four 32-bit words, each little-endian.
  const [head = '', tail = ''] = address.split('::');
  const parts = [
    ...head.split(':').filter(Boolean),
    ...Array(8 - head.split(':').filter(Boolean).length - tail.split(':').filter(Boolean).length).fill('0'),
    ...tail.split(':').filter(Boolean),
  ];
  const bytes = parts.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  return [0, 4, 8, 12].map((i) => word(bytes.slice(i, i + 4).reverse())).join('');
}

/** The kernel's send queue of every TCP connection (bytes sent but not yet acknowledged, and
 *  unsent), by tcpKey, from the texts of /proc/net/tcp and tcp6 (null: missing, not Linux). */
export function parseSendQueues(files: readonly (string | null)[]): Map<string, number> {
  const queues = new Map<string, number>();
  for (const text of files) {
    if (text === null) continue;
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 5) continue;
      const [, localPort] = f[1]!.split(':');
      const tx = parseInt(f[4]!.split(':')[0]!, 16);
      if (!localPort || !Number.isFinite(tx)) continue;
      const remote = f[2]!;
      const v4mapped = /^0000000000000000FFFF0000([0-9A-F]{8}):/i.exec(remote);
      queues.set(`${localPort}|${v4mapped ? `${v4mapped[1]}:${remote.split(':')[1]}` : remote}`, tx);
    }
  }
  return queues;
}

/** Reads the kernel's send queues off the event loop (the files are ~150 bytes a connection). */
export async function kernelSendQueues(): Promise<Map<string, number>> {
  const read = (file: string) => readFile(file, 'utf8').catch(() => null);
  return parseSendQueues(await Promise.all([read('/proc/net/tcp'), read('/proc/net/tcp6')]));
}

/** What this needs of a socket.io server: its sockets' engine connections. */
interface Sockets {
  of(nsp: '/'): { sockets: Map<string, { conn: unknown; disconnect(close: boolean): unknown }> };
}
interface Peer {
  localPort?: number;
  remoteAddress?: string;
  remotePort?: number;
}
interface EngineConn {
  writeBuffer: { data?: string | Buffer }[];
  transport: { socket?: { bufferedAmount?: number; _socket?: Peer } };
  request?: { socket?: Peer };
}

/** A connection's unsent bytes: the kernel's send queue, the WebSocket's buffered amount, and the
 *  packets engine.io still holds for its transport. */
export function unsentBytes(conn: unknown, kernel: ReadonlyMap<string, number>): number {
  const c = conn as EngineConn;
  const tcp = c.transport.socket?._socket ?? c.request?.socket;
  const queued = tcp?.localPort && tcp.remoteAddress && tcp.remotePort ? (kernel.get(tcpKey(tcp.localPort, tcp.remoteAddress, tcp.remotePort)) ?? 0) : 0;
  const held = c.writeBuffer.reduce((sum, packet) => sum + (packet.data === undefined ? 0 : Buffer.byteLength(packet.data)), 0);
  return queued + (c.transport.socket?.bufferedAmount ?? 0) + held;
}

/** Sweeps `io`'s connections every `sweepMs` and closes the slow readers; returns the stop. */
export function dropSlowReaders(
  io: Sockets,
  log: (message: string) => void,
  now: () => number = Date.now,
  limits: { maxUnsentBytes: number; graceMs: number; sweepMs?: number } = SLOW_READERS,
  kernel: () => Promise<Map<string, number>> = kernelSendQueues,
): { stop(): void; sweep(): Promise<number> } {
  const tracker = new SlowReaderTracker(limits);
  let sweeping = false;
  const sweep = async () => {
    const sockets = io.of('/').sockets;
    if (sockets.size === 0 || sweeping) return 0;
    sweeping = true;
    try {
      const queues = await kernel();
      const unsent = new Map<string, number>();
      for (const [id, socket] of sockets) unsent.set(id, unsentBytes(socket.conn, queues));
      const close = tracker.sweep(unsent, now());
      for (const id of close) sockets.get(id)?.disconnect(true);
      if (close.length > 0) log(`closed ${close.length} connection(s) that stopped reading (over ${limits.maxUnsentBytes / 1024} KB unsent)`);
      return close.length;
    } finally {
      sweeping = false;
    }
  };
  const timer = setInterval(() => void sweep(), limits.sweepMs ?? SLOW_READERS.sweepMs);
  timer.unref();
  return { stop: () => clearInterval(timer), sweep };
}
