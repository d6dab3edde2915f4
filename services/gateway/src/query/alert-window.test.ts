import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../http/api-error.js';
import { ALERT_HISTORY_DEFAULT_MS, ALERT_HISTORY_MAX_MS, alertWindow } from './alert-window.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-10T02:00:00+08:00');

describe('alertWindow', () => {
  it('defaults to the 30 days before a minute past now', () => {
    // to = now + 60 s; from = to - 30 x 86,400,000 ms
    expect(alertWindow({}, NOW)).toEqual({ fromMs: NOW + 60_000 - 30 * DAY, toMs: NOW + 60_000 });
    expect(ALERT_HISTORY_DEFAULT_MS).toBe(30 * DAY);
  });

  it('keeps a given range, and counts the default window back from a given "to"', () => {
    expect(alertWindow({ from: NOW - DAY, to: NOW }, NOW)).toEqual({ fromMs: NOW - DAY, toMs: NOW });
    expect(alertWindow({ to: NOW - 40 * DAY }, NOW)).toEqual({ fromMs: NOW - 70 * DAY, toMs: NOW - 40 * DAY });
  });

  it('accepts exactly the maximum (93 days) and refuses one millisecond more, naming "from"', () => {
    expect(alertWindow({ from: NOW - ALERT_HISTORY_MAX_MS, to: NOW }, NOW).fromMs).toBe(NOW - 93 * DAY);
    let caught: unknown;
    try {
      alertWindow({ from: NOW - ALERT_HISTORY_MAX_MS - 1, to: NOW }, NOW);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiFailure);
    expect((caught as ApiFailure).body()).toMatchObject({ error: { code: 'range_too_large', field: 'from' } });
    // from=0 (the old "all time") is refused the same way rather than scanning years of events.
    expect(() => alertWindow({ from: 0 }, NOW)).toThrow(ApiFailure);
  });
});
