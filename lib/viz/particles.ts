// Traffic particles along the real request paths (pure: positions are a function of time, so
// the canvas layer only draws, and tests can check where particles are). Density follows the
// achieved request rate; a share of particles equal to the error rate is drawn as errors.
import type { Box, Point } from './topology-layout';

export interface Track {
  points: Point[];
  /** Distance from the start to each point. */
  at: number[];
  length: number;
}

export function track(points: Point[]): Track {
  const at = [0];
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    at.push(at[i - 1]! + Math.hypot(x1 - x0, y1 - y0));
  }
  return { points, at, length: at[at.length - 1] ?? 0 };
}

/** The point a fraction `f` (0..1) of the way along the track. */
export function pointAt(t: Track, f: number): Point {
  if (t.points.length === 0) return [0, 0];
  if (t.length === 0) return t.points[0]!;
  const d = Math.min(1, Math.max(0, f)) * t.length;
  let i = 1;
  while (i < t.at.length - 1 && t.at[i]! < d) i++;
  const [x0, y0] = t.points[i - 1]!;
  const [x1, y1] = t.points[i]!;
  const span = t.at[i]! - t.at[i - 1]!;
  const k = span === 0 ? 0 : (d - t.at[i - 1]!) / span;
  return [x0 + (x1 - x0) * k, y0 + (y1 - y0) * k];
}

/** One particle per `rpsPerParticle` requests per second, at least one while traffic flows. */
export function particleCount(rps: number, rpsPerParticle = 12, max = 14): number {
  if (rps <= 0) return 0;
  return Math.min(max, Math.max(1, Math.round(rps / rpsPerParticle)));
}

export interface Particle {
  x: number;
  y: number;
  error: boolean;
}

/** Every particle on every track at time `tMs`; each crosses its track in `crossMs`. */
export function particlesAt(tracks: Track[], tMs: number, opts: { rps: number; errorRate: number; crossMs?: number }): Particle[] {
  const n = particleCount(opts.rps);
  const cross = opts.crossMs ?? 1600;
  const e = Math.min(1, Math.max(0, opts.errorRate));
  const out: Particle[] = [];
  for (const t of tracks) {
    for (let i = 0; i < n; i++) {
      const f = (tMs / cross + i / n) % 1;
      const [x, y] = pointAt(t, f);
      // Spread errors evenly: particle i is an error when (i+1)·e passes a whole number.
      out.push({ x, y, error: Math.floor((i + 1) * e) > Math.floor(i * e) });
    }
  }
  return out;
}

/** A particle's reach from its centre: a dot's radius (4), an error cross's half-width (5) and
 *  half its stroke. */
export const PARTICLE_REACH = 6;

/** The particles that cover none of `boxes` (where text is written: topology-layout's
 *  `labelBoxes`); one inside is hidden while it passes, as if inside the proxy. */
export function clearOf(particles: Particle[], boxes: readonly Box[], reach = PARTICLE_REACH): Particle[] {
  return particles.filter((p) => !boxes.some((b) => p.x > b.x - reach && p.x < b.x + b.w + reach && p.y > b.y - reach && p.y < b.y + b.h + reach));
}
