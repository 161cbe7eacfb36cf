// What the front (the cluster's primary process) and its children say to each other over Node's
// IPC channel, and the environment it starts them with: one type on both sides.

/** Set by the front on each child: `talk` runs the talk and holds no phones; `edge` holds phones. */
export const CHILD_ENV = 'MESHSTAGE_CLUSTER_CHILD';
export type ChildRole = 'talk' | 'edge';

/** A secret the front gives its children: an edge's forwarded request carries it, so the talk
 *  trusts the phone's address it names only from its own edges. */
export const TALK_SECRET_ENV = 'MESHSTAGE_TALK_SECRET';

/** A child is up: the talk process with its loopback port (export requests are forwarded there). */
export interface ChildReady {
  t: 'meshstage:ready';
  role: ChildRole;
  port?: number;
  /** An edge's id (the `server` of its phones' hello). */
  id?: string;
}

/** To every edge, at its start and whenever the talk process (re)starts: where the talk listens. */
export interface TalkAt {
  t: 'meshstage:talk';
  url: string;
}

export const isChildReady = (m: unknown): m is ChildReady => typeof m === 'object' && m !== null && (m as ChildReady).t === 'meshstage:ready';
export const isTalkAt = (m: unknown): m is TalkAt =>
  typeof m === 'object' && m !== null && (m as TalkAt).t === 'meshstage:talk' && typeof (m as TalkAt).url === 'string';

export function clusterChild(env: Record<string, string | undefined> = process.env): ChildRole | null {
  const role = env[CHILD_ENV];
  return role === 'talk' || role === 'edge' ? role : null;
}
