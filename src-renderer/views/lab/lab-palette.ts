/**
 * The Lab's colours, read from CSS variables so the canvas follows the light and dark themes like the rest
 * of the page (LabView.svelte defines them). Real data is green and generated data purple, as in GAN Lab;
 * the heat map tints the plane green where D says "real" and purple where it says "fake".
 */
export interface LabPalette {
  background: string;
  real: string;
  fake: string;
  manifold: string;
  arrow: string;
  /** RGB of the heat map's two ends. */
  heatReal: [number, number, number];
  heatFake: [number, number, number];
}

const FALLBACK: LabPalette = {
  background: '#ffffff',
  real: '#1a9850',
  fake: '#7b3294',
  manifold: 'rgba(60, 60, 70, 0.45)',
  arrow: '#d9480f',
  heatReal: [26, 152, 80],
  heatFake: [123, 50, 148],
};

/** Opacity of the heat map where D is sure (0 or 1); 0.5 is transparent. */
const HEAT_MAX_ALPHA = 0.55;

export function readPalette(element: Element): LabPalette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: read('--lab-plane', FALLBACK.background),
    real: read('--lab-real', FALLBACK.real),
    fake: read('--lab-fake', FALLBACK.fake),
    manifold: read('--lab-manifold', FALLBACK.manifold),
    arrow: read('--lab-arrow', FALLBACK.arrow),
    heatReal: parseHex(read('--lab-real', ''), FALLBACK.heatReal),
    heatFake: parseHex(read('--lab-fake', ''), FALLBACK.heatFake),
  };
}

export const DEFAULT_PALETTE = FALLBACK;

function parseHex(color: string, fallback: [number, number, number]): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) return fallback;
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** RGBA pixels for D's outputs: real's colour above 0.5, fake's below, more opaque the surer D is. */
export function heatPixels(heat: Float32Array, palette: LabPalette): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(heat.length * 4);
  for (let i = 0; i < heat.length; i++) {
    const value = heat[i]!;
    const [r, g, b] = value >= 0.5 ? palette.heatReal : palette.heatFake;
    pixels[4 * i] = r;
    pixels[4 * i + 1] = g;
    pixels[4 * i + 2] = b;
    pixels[4 * i + 3] = Math.round(Math.abs(value - 0.5) * 2 * HEAT_MAX_ALPHA * 255);
  }
  return pixels;
}
