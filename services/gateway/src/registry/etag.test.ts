import { describe, expect, it } from 'vitest';
import { etagOf, ifMatchAccepts } from './etag.js';

describe('etagOf', () => {
  it('is the quoted SHA-256 of the text', () => {
    // sha256("") = e3b0c442...b855 (FIPS 180-2 test vector of the empty string).
    expect(etagOf('')).toBe('"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"');
    expect(etagOf('a: 1\n')).not.toBe(etagOf('a: 2\n'));
  });
});

describe('ifMatchAccepts', () => {
  const tag = etagOf('x');
  it('accepts the tag or a list holding it', () => {
    expect(ifMatchAccepts(tag, tag)).toBe(true);
    expect(ifMatchAccepts(`"other", ${tag}`, tag)).toBe(true);
  });
  it('refuses another tag, a weak one, an unquoted one and * (an edit of a registry never read)', () => {
    expect(ifMatchAccepts('*', tag)).toBe(false);
    expect(ifMatchAccepts(etagOf('y'), tag)).toBe(false);
    expect(ifMatchAccepts(`W/${tag}`, tag)).toBe(false);
    expect(ifMatchAccepts(tag.slice(1, -1), tag)).toBe(false);
  });
});
