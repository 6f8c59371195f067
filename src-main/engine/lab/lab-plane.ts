/**
 * The plane the Lab draws and measures on: the square [-PLANE_HALF_WIDTH, +PLANE_HALF_WIDTH]^2. Every target
 * lies well inside it, so generated points that stray outside are the interesting ones, not the data.
 */
export const PLANE_HALF_WIDTH = 2;

/**
 * The centres of a cells x cells grid over the plane, row by row from the top (largest y) down, as
 * interleaved (x, y) pairs: row 0 is the top row, so the values map straight onto image pixels.
 */
export function planeGridCentres(cells: number): Float32Array {
  const out = new Float32Array(cells * cells * 2);
  const size = (2 * PLANE_HALF_WIDTH) / cells;
  for (let row = 0; row < cells; row++) {
    const y = PLANE_HALF_WIDTH - (row + 0.5) * size;
    for (let column = 0; column < cells; column++) {
      const at = (row * cells + column) * 2;
      out[at] = -PLANE_HALF_WIDTH + (column + 0.5) * size;
      out[at + 1] = y;
    }
  }
  return out;
}

/** The cell (row from the top, column from the left) a point falls in, or -1 when it is off the plane or NaN. */
export function planeCellIndex(x: number, y: number, cells: number): number {
  const column = Math.floor(((x + PLANE_HALF_WIDTH) / (2 * PLANE_HALF_WIDTH)) * cells);
  const row = Math.floor(((PLANE_HALF_WIDTH - y) / (2 * PLANE_HALF_WIDTH)) * cells);
  // Written so NaN fails every comparison and lands off the plane.
  if (!(column >= 0 && column < cells && row >= 0 && row < cells)) return -1;
  return row * cells + column;
}

export function isOnPlane(x: number, y: number): boolean {
  return Math.abs(x) <= PLANE_HALF_WIDTH && Math.abs(y) <= PLANE_HALF_WIDTH;
}
