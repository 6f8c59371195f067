/*
 * Where the tiles of a translated photo go and how much each tile's pixels count. Tiles overlap by at least
 * half a tile; inside the photo each tile fades in and out with a raised cosine (Hann) window, so wherever two
 * tiles meet the result slides smoothly from one to the other and no tile edge shows. Along the photo's own
 * border the outermost tile is the only one there, so its window stays flat on that side.
 */

export type TileWindow = 'raised-cosine' | 'box';

/** Start offsets of tiles of length `tile` covering `length` pixels, at most half a tile apart, evenly spread. */
export function tileStarts(length: number, tile: number): number[] {
  if (length < tile) throw new Error(`a ${length} px side is shorter than one ${tile} px tile`);
  if (length === tile) return [0];
  const count = Math.ceil((length - tile) / (tile / 2)) + 1;
  return Array.from({ length: count }, (_, i) => Math.round((i * (length - tile)) / (count - 1)));
}

/**
 * The weight of each pixel of tile `index` of `count` along one axis. 'box' (every pixel 1) averages the
 * overlaps flatly; it exists to show, in tests and benchmarks, the seams that the raised cosine removes.
 */
export function tileWeights(tile: number, index: number, count: number, window: TileWindow): Float64Array {
  const weights = new Float64Array(tile);
  for (let i = 0; i < tile; i++) {
    const flatTowardsBorder = (index === 0 && i < tile / 2) || (index === count - 1 && i >= tile / 2);
    weights[i] = window === 'box' || flatTowardsBorder ? 1 : Math.sin((Math.PI * (i + 0.5)) / tile) ** 2;
  }
  return weights;
}

/** One axis of the layout: tile starts, their weights, and the total weight each pixel gets. */
export interface AxisLayout {
  starts: number[];
  weights: Float64Array[];
  totals: Float64Array;
}

export function axisLayout(length: number, tile: number, window: TileWindow): AxisLayout {
  const starts = tileStarts(length, tile);
  const weights = starts.map((_, i) => tileWeights(tile, i, starts.length, window));
  const totals = new Float64Array(length);
  starts.forEach((start, i) => {
    for (let k = 0; k < tile; k++) totals[start + k]! += weights[i]![k]!;
  });
  return { starts, weights, totals };
}
