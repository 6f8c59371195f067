/**
 * The "best single global colour transform" baseline: one 3x4 affine map of RGB (out = M * [r, g, b, 1]),
 * fitted by least squares over every pixel of the training pairs. What a model must beat to show it learned
 * more than a colour grade: a night sky is a colour grade of a day sky, a lit window is not one of a dark one.
 */
export class ColourTransformFit {
  /** Normal equations, accumulated in double precision: X'X (4x4) and X'Y (4x3), X = [r, g, b, 1] / 255. */
  private readonly xtx = new Float64Array(16);
  private readonly xty = new Float64Array(12);
  private pixels = 0;

  /** Adds pairs of RGB bytes (any number of images, same layout on both sides). */
  add(inputs: Uint8Array, targets: Uint8Array): void {
    if (inputs.length !== targets.length) throw new Error('colour fit: inputs and targets differ in size');
    const x = [0, 0, 0, 1];
    for (let p = 0; p < inputs.length; p += 3) {
      x[0] = inputs[p]! / 255;
      x[1] = inputs[p + 1]! / 255;
      x[2] = inputs[p + 2]! / 255;
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) this.xtx[i * 4 + j]! += x[i]! * x[j]!;
        for (let c = 0; c < 3; c++) this.xty[i * 3 + c]! += (x[i]! * targets[p + c]!) / 255;
      }
    }
    this.pixels += inputs.length / 3;
  }

  /** The fitted map as 3 rows of 4 (on a 0-1 scale). */
  solve(): number[][] {
    if (this.pixels === 0) throw new Error('colour fit: no training pairs to fit on');
    // A whisker of ridge keeps the solve defined when the inputs span less than RGB (all grey, one colour).
    const a = Array.from({ length: 4 }, (_, i) =>
      Array.from({ length: 4 }, (_, j) => this.xtx[i * 4 + j]! + (i === j ? 1e-9 * this.pixels : 0)),
    );
    const columns = [0, 1, 2].map((c) =>
      solveLinear(
        a,
        [0, 1, 2, 3].map((i) => this.xty[i * 3 + c]!),
      ),
    );
    return [0, 1, 2].map((c) => columns[c]!);
  }
}

/** Applies a fitted map to RGB bytes, rounding and clamping to 0-255. */
export function applyColourTransform(matrix: number[][], inputs: Uint8Array): Uint8Array {
  const out = new Uint8Array(inputs.length);
  for (let p = 0; p < inputs.length; p += 3) {
    const r = inputs[p]! / 255;
    const g = inputs[p + 1]! / 255;
    const b = inputs[p + 2]! / 255;
    for (let c = 0; c < 3; c++) {
      const m = matrix[c]!;
      const value = (m[0]! * r + m[1]! * g + m[2]! * b + m[3]!) * 255;
      out[p + c] = Math.min(255, Math.max(0, Math.round(value)));
    }
  }
  return out;
}

/** Solves a x = b for a small dense system by Gaussian elimination with partial pivoting. */
export function solveLinear(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++)
      if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    if (Math.abs(a[pivot]![col]!) < 1e-300) throw new Error('colour fit: the system is singular');
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let row = col + 1; row < n; row++) {
      const factor = a[row]![col]! / a[col]![col]!;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let value = a[row]![n]!;
    for (let k = row + 1; k < n; k++) value -= a[row]![k]! * x[k]!;
    x[row] = value / a[row]![row]!;
  }
  return x;
}
