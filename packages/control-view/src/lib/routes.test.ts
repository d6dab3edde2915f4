import { describe, expect, it } from 'vitest';
import { parseRoute } from './routes.js';

describe('routes', () => {
  it('parses every page and the enterprise id', () => {
    expect(parseRoute('/')).toEqual({ page: 'overview' });
    expect(parseRoute('/enterprises')).toEqual({ page: 'enterprises' });
    expect(parseRoute('/enterprises/ent-steel/')).toEqual({ page: 'enterprise', id: 'ent-steel' });
    expect(parseRoute('/alerts')).toEqual({ page: 'alerts' });
    expect(parseRoute('/quality')).toEqual({ page: 'quality' });
  });
  it('sends anything else to not-found, including a malformed escape', () => {
    expect(parseRoute('/enterprises/a/b').page).toBe('not-found');
    expect(parseRoute('/enterprises/%E0%A4%A').page).toBe('not-found');
    expect(parseRoute('/nope').page).toBe('not-found');
  });
});
