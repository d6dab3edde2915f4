import type { IncomingMessage } from 'node:http';

/**
 * Whether a live-feed handshake may proceed by its `Origin`: no Origin (a program, not a
 * browser), the gateway's own origin (same host), or one of the configured CORS origins.
 * Browsers do not apply CORS to WebSockets, so without this check any web page could open
 * the feed with a visitor's cookies (cross-site WebSocket hijacking); the session cookie
 * being SameSite=Strict is the first guard, this the second.
 */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, corsOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || origin === '') return true;
  if (corsOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
