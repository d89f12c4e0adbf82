import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matchPath', () => {
  it('matches static and parameterised paths', () => {
    expect(matchPath('/events', '/events')).toEqual({});
    expect(matchPath('/events', '/events/')).toEqual({});
    expect(matchPath('/events/:id', '/events/4294967297')).toEqual({ id: '4294967297' });
    expect(matchPath('/events/:id/edit', '/events/12/edit')).toEqual({ id: '12' });
    expect(matchPath('/events/:id', '/events/a%20b')).toEqual({ id: 'a b' });
  });

  it('does not match other paths', () => {
    expect(matchPath('/events/:id', '/events')).toBeNull();
    expect(matchPath('/events/:id', '/events/1/edit')).toBeNull();
    expect(matchPath('/events', '/programmes')).toBeNull();
    expect(matchPath('/events/:id', '/events/%E0%A4%A')).toBeNull();
  });
});
