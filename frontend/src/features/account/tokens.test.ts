import { describe, expect, it } from 'vitest';
import { activeFirst, describeUserAgent } from './tokens';

describe('describeUserAgent', () => {
  it('names common browsers and systems', () => {
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0 Safari/537.36')).toBe('Chrome on Linux');
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0')).toBe('Firefox on Windows');
    expect(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1')).toBe('Safari on iOS');
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Edg/130.0')).toBe('Edge on Windows');
  });
  it('falls back to something readable', () => {
    expect(describeUserAgent(null)).toBe('Unknown browser');
    expect(describeUserAgent('curl/8.5.0')).toBe('curl');
    expect(describeUserAgent('x'.repeat(60))).toBe(`${'x'.repeat(40)}…`);
  });
});

describe('activeFirst', () => {
  it('lists active tokens newest first, then revoked ones', () => {
    const list = [
      { id: 'a', createdAt: '2026-01-01T00:00:00Z', revokedAt: '2026-02-01T00:00:00Z' },
      { id: 'b', createdAt: '2026-01-02T00:00:00Z', revokedAt: null },
      { id: 'c', createdAt: '2026-01-03T00:00:00Z', revokedAt: null },
      { id: 'd', createdAt: '2026-01-01T00:00:00Z', revokedAt: '2026-03-01T00:00:00Z' },
    ];
    expect(activeFirst(list).map((t) => t.id)).toEqual(['c', 'b', 'd', 'a']);
  });
});
