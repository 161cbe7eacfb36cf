// TCP connections to the web server, per address and in all. A slow HTTP client (slowloris) holds
// a descriptor while it dribbles its headers; ~20,000 of them filled the process's descriptor limit
// and every new connection failed until Node's headers timeout (60 s, checked every 30 s) freed them. So:
// - one address may hold PER_ADDRESS connections (a venue NAT's phones use one or two each);
// - in all, no more than 90 % of the descriptor limit: past it, connections that have not yet sent
//   a whole request are shed, the longest-waiting first — a real browser sends its request within a
//   round trip, so those are the slow ones — and the pages, sockets and the presenter already
//   talking keep theirs, a newcomer gets in, and the server keeps descriptors for its own files
//   and the lab;
// - a request's headers must arrive within HTTP_CAPS.headersTimeoutMs, checked every second (Node
//   checks every 30 s by default, so a timeout fired up to 30 s late).
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** perAddress: a venue NAT's 2,000 phones, each with its socket and a page load's few connections. */
export const HTTP_CAPS = { perAddress: 8_000, headersTimeoutMs: 10_000 } as const;

/** 90 % of the process's soft descriptor limit (/proc/self/limits), or `fallback` elsewhere. */
export function globalCap(read: () => string = () => readFileSync('/proc/self/limits', 'utf8'), fallback = 9_000): number {
  try {
    const soft = Number(/^Max open files\s+(\d+)/m.exec(read())?.[1]);
    return Number.isFinite(soft) && soft > 0 ? Math.floor(soft * 0.9) : fallback;
  } catch {
    return fallback;
  }
}

/** The bookkeeping (pure): which connections are open from where, which have not yet sent a
 *  request, and which to refuse or shed. Ids are the caller's. */
export class ConnectionLedger<Id> {
  readonly #from = new Map<string, number>();
  readonly #address = new Map<Id, string>();
  /** Connections that have not sent a whole request yet, oldest first. */
  readonly #idle = new Set<Id>();

  constructor(private readonly caps: { perAddress: number; global: number }) {}

  /** A new connection: not admitted if its address already holds its share. Returns the
   *  connections to shed to stay under the global cap: the longest-idle ones (never this one). */
  open(id: Id, address: string): { admitted: boolean; shed: Id[] } {
    const held = this.#from.get(address) ?? 0;
    if (held >= this.caps.perAddress) return { admitted: false, shed: [] };
    this.#from.set(address, held + 1);
    this.#address.set(id, address);
    this.#idle.add(id);
    const shed: Id[] = [];
    for (const candidate of this.#idle) {
      if (this.#address.size - shed.length <= this.caps.global) break;
      if (candidate !== id) shed.push(candidate);
    }
    return { admitted: true, shed };
  }

  /** The connection sent a whole request (or upgraded): no longer a candidate for shedding. */
  busy(id: Id): void {
    this.#idle.delete(id);
  }

  close(id: Id): void {
    const address = this.#address.get(id);
    if (address === undefined) return;
    this.#address.delete(id);
    this.#idle.delete(id);
    const held = (this.#from.get(address) ?? 1) - 1;
    if (held > 0) this.#from.set(address, held);
    else this.#from.delete(address);
  }

  get size(): number {
    return this.#address.size;
  }
}

/** Applies the caps to `server`'s connections; returns its ledger (for tests and the bench). */
export function capConnections(
  server: Server,
  caps: { perAddress: number; global: number; headersTimeoutMs: number } = { ...HTTP_CAPS, global: globalCap() },
): ConnectionLedger<Socket> {
  const ledger = new ConnectionLedger<Socket>(caps);
  server.headersTimeout = caps.headersTimeoutMs;
  // How often Node looks for expired headers (a createServer option, 30 s by default), read when the
  // server starts listening; not in @types/node as a property.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1_000, caps.headersTimeoutMs);
  server.on('connection', (socket: Socket) => {
    const { admitted, shed } = ledger.open(socket, socket.remoteAddress ?? 'unknown');
    if (!admitted) return void socket.destroy();
    socket.once('close', () => ledger.close(socket));
    for (const victim of shed) victim.destroy();
  });
  server.on('request', (req) => ledger.busy(req.socket));
  server.on('upgrade', (req) => ledger.busy(req.socket));
  return ledger;
}
