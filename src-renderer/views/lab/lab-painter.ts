import type { LabFrame } from '../../../src-main/engine/lab/lab-probes';
import { PLANE_HALF_WIDTH } from '../../../src-main/engine/lab/lab-plane';
import { heatPixels, type LabPalette } from './lab-palette';

/**
 * Draws one frame of the Lab into a 2-D context, layer by layer, back to front: D's heat map, G's warped
 * latent grid, real points, generated points, their gradient arrows. Pure drawing, no DOM queries: the tests
 * run it against a recording stub, since jsdom has no canvas.
 */

/** Arrow length in plane units: tanh keeps D-winning gradients (norms of 10-30) on screen and zero at zero. */
const ARROW_MAX = 0.35;
const ARROW_SOFTNESS = 2;
export const POINT_RADIUS_PX = 2;
/** Sizes are for a canvas of this many pixels across and scale with it (and with the pixel density). */
const REFERENCE_SIZE_PX = 560;

/** Which layers of the picture are on. */
export interface LabLayers {
  real: boolean;
  fake: boolean;
  heat: boolean;
  manifold: boolean;
  arrows: boolean;
}

/** An offscreen surface the heat map's cells are written into before being scaled up smoothly. */
export interface HeatSurface {
  image: CanvasImageSource;
  put(pixels: Uint8ClampedArray<ArrayBuffer>, cells: number): void;
}

export function planeToPixel(value: number, size: number, axis: 'x' | 'y'): number {
  const unit = (value + PLANE_HALF_WIDTH) / (2 * PLANE_HALF_WIDTH);
  return (axis === 'x' ? unit : 1 - unit) * size;
}

export function pixelToPlane(pixel: number, size: number, axis: 'x' | 'y'): number {
  const unit = axis === 'x' ? pixel / size : 1 - pixel / size;
  return unit * 2 * PLANE_HALF_WIDTH - PLANE_HALF_WIDTH;
}

export function arrowLength(norm: number): number {
  return ARROW_MAX * Math.tanh(norm / ARROW_SOFTNESS);
}

export function paintLab(
  ctx: CanvasRenderingContext2D,
  size: number,
  frame: LabFrame,
  layers: LabLayers,
  palette: LabPalette,
  heat?: HeatSurface,
): void {
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, size, size);
  if (layers.heat && heat) {
    heat.put(heatPixels(frame.heat, palette), frame.heatCells);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(heat.image, 0, 0, size, size);
  }
  if (layers.manifold) paintManifold(ctx, size, frame, palette.manifold);
  if (layers.real) paintPoints(ctx, size, frame.reals, palette.real);
  if (layers.fake) paintPoints(ctx, size, frame.fakes, palette.fake);
  if (layers.arrows) paintArrows(ctx, size, frame.fakes, frame.push, palette.arrow);
}

/**
 * Points as small squares: in a software-rendered page (no GPU, as in a VM or headless Chromium) a thousand
 * antialiased arcs took 5-7 ms a frame to rasterise and squares 1.2 ms; a pre-drawn dot stamped with
 * drawImage was slower still. At 4 px they read as dots.
 */
function paintPoints(ctx: CanvasRenderingContext2D, size: number, points: Float32Array, color: string): void {
  const side = 2 * POINT_RADIUS_PX * (size / REFERENCE_SIZE_PX);
  ctx.fillStyle = color;
  for (let i = 0; i < points.length; i += 2) {
    const x = planeToPixel(points[i]!, size, 'x');
    const y = planeToPixel(points[i + 1]!, size, 'y');
    ctx.fillRect(x - side / 2, y - side / 2, side, side);
  }
}

/** The latent grid's rows and columns as polylines through G's outputs (one polyline for a 1-D latent). */
function paintManifold(ctx: CanvasRenderingContext2D, size: number, frame: LabFrame, color: string): void {
  const { manifold, manifoldRows: rows, manifoldColumns: columns } = frame;
  const at = (r: number, c: number): [number, number] => {
    const i = (r * columns + c) * 2;
    return [planeToPixel(manifold[i]!, size, 'x'), planeToPixel(manifold[i + 1]!, size, 'y')];
  };
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let r = 0; r < rows; r++) {
    ctx.moveTo(...at(r, 0));
    for (let c = 1; c < columns; c++) ctx.lineTo(...at(r, c));
  }
  if (rows > 1) {
    for (let c = 0; c < columns; c++) {
      ctx.moveTo(...at(0, c));
      for (let r = 1; r < rows; r++) ctx.lineTo(...at(r, c));
    }
  }
  ctx.stroke();
}

function paintArrows(
  ctx: CanvasRenderingContext2D,
  size: number,
  points: Float32Array,
  push: Float32Array,
  color: string,
) {
  const pixelsPerUnit = size / (2 * PLANE_HALF_WIDTH);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i < points.length; i += 2) {
    const norm = Math.hypot(push[i]!, push[i + 1]!);
    if (norm === 0) continue;
    const length = arrowLength(norm) * pixelsPerUnit;
    const [dx, dy] = [push[i]! / norm, -push[i + 1]! / norm];
    const x0 = planeToPixel(points[i]!, size, 'x');
    const y0 = planeToPixel(points[i + 1]!, size, 'y');
    const [x1, y1] = [x0 + dx * length, y0 + dy * length];
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    // A small head, a third of the length at most.
    const head = Math.min(5, length / 3);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * (dx - dy * 0.5), y1 - head * (dy + dx * 0.5));
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * (dx + dy * 0.5), y1 - head * (dy - dx * 0.5));
  }
  ctx.stroke();
}
