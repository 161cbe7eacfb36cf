import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

/** Random per start unless PRESENTER_TOKEN is set. URL-safe so it can sit in the presenter link. */
export function resolvePresenterToken(fromEnv: string | undefined): string {
  const token = fromEnv?.trim();
  if (token) {
    if (token.length < 8) throw new Error('PRESENTER_TOKEN must be at least 8 characters');
    return token;
  }
  return randomBytes(18).toString('base64url');
}

/** Constant-time comparison (hashing first equalises lengths). */
export function tokenMatches(expected: string, candidate: unknown): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 512) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(a, b);
}
