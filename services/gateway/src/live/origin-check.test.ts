import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin-check.js';

const req = (headers: Record<string, string>) => ({ headers });

describe('originAllowed', () => {
  it('lets programs (no Origin), the gateway\'s own pages and configured origins in', () => {
    expect(originAllowed(req({ host: '127.0.0.1:8080' }), [])).toBe(true);
    expect(originAllowed(req({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }), [])).toBe(true);
    expect(originAllowed(req({ host: 'gw:8080', origin: 'https://cockpit.example' }), ['https://cockpit.example'])).toBe(true);
  });

  it('refuses another site, a look-alike port and garbage', () => {
    expect(originAllowed(req({ host: '127.0.0.1:8080', origin: 'https://evil.example' }), ['https://cockpit.example'])).toBe(false);
    expect(originAllowed(req({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8081' }), [])).toBe(false);
    expect(originAllowed(req({ host: '127.0.0.1:8080', origin: 'null' }), [])).toBe(false);
  });
});
