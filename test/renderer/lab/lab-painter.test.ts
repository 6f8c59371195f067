import { describe, expect, it } from 'vitest';
import type { LabFrame } from '../../../src-main/engine/lab/lab-probes';
import {
  type HeatSurface,
  type LabLayers,
  POINT_RADIUS_PX,
  arrowLength,
  paintLab,
  pixelToPlane,
  planeToPixel,
} from '../../../src-renderer/views/lab/lab-painter';
import { DEFAULT_PALETTE, heatPixels } from '../../../src-renderer/views/lab/lab-palette';

/** A 2-D context that records the calls made to it: jsdom has no canvas. */
function recordingContext() {
  const calls: { name: string; args: unknown[]; style?: unknown }[] = [];
  const target: Record<string, unknown> = {};
  const context = new Proxy(target, {
    get(object, name: string) {
      if (name in object) return object[name];
      return (...args: unknown[]) =>
        calls.push({ name, args, style: object.strokeStyle ?? object.fillStyle });
    },
    set(object, name: string, value) {
      object[name] = value;
      return true;
    },
  });
  return { context: context as unknown as CanvasRenderingContext2D, calls };
}

const frame: LabFrame = {
  heat: new Float32Array([1, 0, 0.5, 0.75]),
  heatCells: 2,
  manifold: new Float32Array([-1, 1, 1, 1, -1, -1, 1, -1]),
  manifoldRows: 2,
  manifoldColumns: 2,
  reals: new Float32Array([0, 0, 1, 1]),
  fakes: new Float32Array([0.5, 0.5]),
  push: new Float32Array([3, 0]),
};
const allLayers: LabLayers = { real: true, fake: true, heat: true, manifold: true, arrows: true };

describe('Lab painter', () => {
  it('maps the plane onto the canvas with y up, and back', () => {
    expect(planeToPixel(-2, 400, 'x')).toBe(0);
    expect(planeToPixel(2, 400, 'y')).toBe(0);
    expect(planeToPixel(0, 400, 'y')).toBe(200);
    expect(pixelToPlane(planeToPixel(0.7, 400, 'y'), 400, 'y')).toBeCloseTo(0.7, 10);
  });

  it("colours the heat map by D's output: real's colour above 0.5, fake's below, clear at 0.5", () => {
    const pixels = heatPixels(frame.heat, DEFAULT_PALETTE);
    expect([...pixels.slice(0, 3)]).toEqual(DEFAULT_PALETTE.heatReal);
    expect([...pixels.slice(4, 7)]).toEqual(DEFAULT_PALETTE.heatFake);
    expect(pixels[3]).toBe(pixels[7]); // as sure of "real" at 1 as of "fake" at 0
    expect(pixels[11]).toBe(0);
    expect(pixels[15]).toBeGreaterThan(0);
    expect(pixels[15]).toBeLessThan(pixels[3]!);
  });

  it('draws each layer that is on, and only those', () => {
    const puts: number[] = [];
    const heat: HeatSurface = { image: {} as CanvasImageSource, put: (_pixels, cells) => puts.push(cells) };
    const everything = recordingContext();
    paintLab(everything.context, 400, frame, allLayers, DEFAULT_PALETTE, heat);
    const names = everything.calls.map((call) => call.name);
    expect(puts).toEqual([2]);
    expect(names).toContain('drawImage');
    expect(names.filter((name) => name === 'fillRect')).toHaveLength(1 + 3); // background, two real, one generated
    expect(names.filter((name) => name === 'stroke')).toHaveLength(2); // the manifold and the arrows

    const nothing = recordingContext();
    const none: LabLayers = { real: false, fake: false, heat: false, manifold: false, arrows: false };
    paintLab(nothing.context, 400, frame, none, DEFAULT_PALETTE, heat);
    expect(nothing.calls.map((call) => call.name)).toEqual(['clearRect', 'fillRect']);
  });

  it('draws each point as a small square centred on it, sized with the canvas', () => {
    const { context, calls } = recordingContext();
    const only = { ...allLayers, heat: false, manifold: false, arrows: false };
    paintLab(context, 560, frame, only, DEFAULT_PALETTE);
    const squares = calls.filter((call) => call.name === 'fillRect').slice(1); // the first is the background
    expect(squares).toHaveLength(3);
    const side = 2 * POINT_RADIUS_PX;
    expect(squares[0]!.args).toEqual([280 - side / 2, 280 - side / 2, side, side]);
    expect(squares[2]!.style).toBe(DEFAULT_PALETTE.fake);
  });

  it('draws arrows the way the gradient points, longer for stronger pushes but bounded', () => {
    const { context, calls } = recordingContext();
    paintLab(
      context,
      400,
      frame,
      { ...allLayers, manifold: false, real: false, fake: false, heat: false },
      DEFAULT_PALETTE,
    );
    const [from, to] = calls.filter((call) => call.name === 'moveTo' || call.name === 'lineTo').slice(0, 2);
    expect((to!.args[0] as number) - (from!.args[0] as number)).toBeCloseTo(arrowLength(3) * 100, 6);
    expect(to!.args[1]).toBe(from!.args[1]);
    expect(arrowLength(0)).toBe(0);
    expect(arrowLength(1)).toBeLessThan(arrowLength(2));
    expect(arrowLength(1e6)).toBeLessThanOrEqual(0.35);
  });
});
