import { describe, expect, it } from 'vitest';
import { GalleryState } from '../../src-renderer/views/gallery/gallery-state.svelte';
import { FakeStudio } from './fake-studio';

function gallery() {
  const studio = new FakeStudio({
    'gallery.favourites': () => [7],
    'gallery.sample': ({ seeds, truncation }) =>
      seeds.map((seed) => ({ seed, media: `img/${seed}-${truncation}.png` })),
    'gallery.setFavourite': ({ seed, favourite }) => (favourite ? [7, seed] : []),
    'gallery.interpolate': ({ frames }) => ({
      frames: Array.from({ length: frames }, (_, i) => `walk/${i}.png`),
    }),
  });
  return { studio, state: new GalleryState(studio, 'cats-1') };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('gallery state', () => {
  it('asks for the images on screen once, in pages, and grows the grid near its end', async () => {
    const { studio, state } = gallery();
    await state.open();
    state.visible(0, 30);
    await settle();
    expect(studio.calls.filter((c) => c.channel === 'gallery.sample')).toHaveLength(2);
    expect(state.images[29]).toBe('img/29-1.png');
    state.visible(0, 30);
    expect(studio.calls.filter((c) => c.channel === 'gallery.sample')).toHaveLength(2);
    const before = state.count;
    state.visible(before - 10, before);
    expect(state.count).toBeGreaterThan(before);
  });

  it('starts over when the truncation changes', async () => {
    const { state } = gallery();
    state.visible(0, 4);
    await settle();
    state.setTruncation(0.5);
    expect(state.images).toEqual({});
    state.visible(0, 4);
    await settle();
    expect(state.images[3]).toBe('img/3-0.5.png');
  });

  it('selects, favourites, shows favourites only, and interpolates between two picks', async () => {
    const { state } = gallery();
    await state.open();
    state.toggleSelected(2);
    state.toggleSelected(5);
    expect(state.selected).toEqual([2, 5]);
    await state.interpolate();
    expect(state.walk).toHaveLength(9);
    state.toggleSelected(2);
    expect(state.selected).toEqual([5]);
    expect(state.walk).toBeNull();
    await state.toggleFavourite(5);
    expect(state.favourites).toEqual([7, 5]);
    state.showFavouritesOnly = true;
    expect(state.seedAt(0)).toBe(7);
    expect(state.seedAt(1)).toBe(5);
    expect(state.seedAt(2)).toBeUndefined();
  });
});
