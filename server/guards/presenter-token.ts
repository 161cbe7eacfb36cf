import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

/** Shorter tokens are refused: the presenter link is the only key to the slides and the demo. */
export const MIN_PRESENTER_TOKEN_LENGTH = 16;

/** PRESENTER_TOKEN (or, with `name`, another token variable: MODERATOR_TOKEN) as set (trimmed), or null when unset. */
export function presenterTokenFromEnv(fromEnv: string | undefined, name = 'PRESENTER_TOKEN'): string | null {
  const token = fromEnv?.trim();
  if (!token) return null;
  if (token.length < MIN_PRESENTER_TOKEN_LENGTH) throw new Error(`${name} must be at least ${MIN_PRESENTER_TOKEN_LENGTH} characters`);
  return token;
}

/** A new random token, URL-safe so it can sit in the presenter link (144 bits). */
export function newPresenterToken(): string {
  return randomBytes(18).toString('base64url');
}

/** Constant-time comparison (hashing first equalises lengths). */
export function tokenMatches(expected: string, candidate: unknown): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 512) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(a, b);
}
