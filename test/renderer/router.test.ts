import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from '../../src-renderer/lib/router.svelte';

describe('routes', () => {
  it.each<Route>([
    { view: 'library' },
    { view: 'dataset', name: 'my cats' },
    { view: 'run', name: 'cats-1' },
    { view: 'gallery', run: 'cats-1' },
    { view: 'gallery', run: null },
    { view: 'translate', run: 'day2night' },
    { view: 'translate', run: null },
    { view: 'lab' },
    { view: 'settings' },
  ])('round-trips %o through the URL hash', (route) => {
    expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('falls back to the library for unknown or incomplete hashes', () => {
    expect(parseRoute('')).toEqual({ view: 'library' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'library' });
    expect(parseRoute('#/dataset/')).toEqual({ view: 'library' });
  });
});
