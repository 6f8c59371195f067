import { describe, expect, it } from 'vitest';
import {
  applyColourTransform,
  ColourTransformFit,
  solveLinear,
} from '../../../src-main/engine/translation/colour-transform';

function randomBytes(count: number, seed: number): Uint8Array {
  const out = new Uint8Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out[i] = state % 256;
  }
  return out;
}

describe('colour transform baseline', () => {
  it('solves a small linear system', () => {
    const x = solveLinear(
      [
        [2, 1, 0],
        [1, 3, 1],
        [0, 1, 4],
      ],
      [4, 10, 14],
    );
    [1, 2, 3].forEach((expected, i) => expect(x[i]).toBeCloseTo(expected, 12));
  });

  it('recovers an affine colour map that the targets were made with', () => {
    // A "night" grade: darker, bluer, channels mixed, with an offset; kept inside 0-255 so no clipping.
    const matrix = [
      [0.3, 0.05, 0.0, 0.02],
      [0.05, 0.3, 0.05, 0.03],
      [0.1, 0.1, 0.5, 0.1],
    ];
    const inputs = randomBytes(3 * 5000, 7);
    const targets = applyColourTransform(matrix, inputs);
    const fit = new ColourTransformFit();
    fit.add(inputs.subarray(0, 3 * 2500), targets.subarray(0, 3 * 2500));
    fit.add(inputs.subarray(3 * 2500), targets.subarray(3 * 2500));
    const fitted = fit.solve();
    // The targets were rounded to bytes, so the fit is exact to about half a level.
    fitted.forEach((row, r) =>
      row.forEach((value, c) => expect(Math.abs(value - matrix[r]![c]!)).toBeLessThan(0.003)),
    );
    const again = applyColourTransform(fitted, inputs);
    const worst = again.reduce((max, value, i) => Math.max(max, Math.abs(value - targets[i]!)), 0);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('stays defined when the inputs are all one grey, and refuses an empty fit', () => {
    const fit = new ColourTransformFit();
    fit.add(new Uint8Array(300).fill(128), new Uint8Array(300).fill(40));
    const out = applyColourTransform(fit.solve(), new Uint8Array([128, 128, 128]));
    expect([...out]).toEqual([40, 40, 40]);
    expect(() => new ColourTransformFit().solve()).toThrow(/no training pairs/);
  });
});
