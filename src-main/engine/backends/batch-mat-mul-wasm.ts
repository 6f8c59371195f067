/**
 * BatchMatMul for tfjs-backend-wasm that reaches XNNPACK's fast matrix product more often. wasm's own (4.22) uses
 * XNNPACK only for a single matrix times a single matrix with neither transposed; everything else (every matmul
 * gradient has a transposed operand) falls to a scalar C++ loop running at about 1 GFLOP/s, 10-20x slower.
 *
 * So: a transposed operand is transposed for real first (a copy, cheap next to the product), and a batch of
 * matrices times one matrix is one tall matrix times it. What is left (both operands batched) goes to wasm's
 * own kernel. The sums run in XNNPACK's order, so results can differ from the loop's in the last bits.
 */
import type { BatchMatMulAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { releaseIntermediates, replaceWasmKernel, runWasmKernel } from './wasm-kernel-calls';

type Args = { inputs: { a: TensorInfo; b: TensorInfo }; backend: BackendWasm; attrs: BatchMatMulAttrs };

const product = (dims: readonly number[]) => dims.reduce((n, d) => n * d, 1);

/** The operand as [batch, rows, cols] with any transpose applied, and whether that made a new buffer. */
function asPlainMatrices(
  backend: BackendWasm,
  x: TensorInfo,
  transposed: boolean,
): { info: TensorInfo; owned: boolean } {
  const rank = x.shape.length;
  const batch = product(x.shape.slice(0, -2));
  const [rows, cols] = [x.shape[rank - 2]!, x.shape[rank - 1]!];
  const stacked = runWasmKernel('Reshape', backend, { x }, { shape: [batch, rows, cols] });
  if (!transposed) return { info: stacked, owned: true };
  const plain = runWasmKernel('Transpose', backend, { x: stacked }, { perm: [0, 2, 1] });
  releaseIntermediates(backend, stacked);
  return { info: plain, owned: true };
}

function batchMatMul(args: Args, theirs: (args: Args) => TensorInfo): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  const batchA = product(a.shape.slice(0, -2));
  const batchB = product(b.shape.slice(0, -2));
  // Both batched (or broadcast between them): XNNPACK's path doesn't cover it.
  const broadcastsUp = b.shape.length > a.shape.length;
  if (batchB !== 1 || broadcastsUp || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return theirs(args);
  }
  const left = asPlainMatrices(backend, a, attrs.transposeA);
  const right = asPlainMatrices(backend, b, attrs.transposeB);
  const [, rows, inner] = left.info.shape as [number, number, number];
  const columns = right.info.shape[2]!;
  // A batch of matrices times one matrix is the batch stacked into one tall matrix times it.
  const tall = runWasmKernel('Reshape', backend, { x: left.info }, { shape: [1, batchA * rows, inner] });
  const out = theirs({
    inputs: { a: tall, b: right.info },
    backend,
    attrs: { transposeA: false, transposeB: false },
  });
  releaseIntermediates(backend, tall, left.info, right.info);
  const batchShape = a.shape.slice(0, -2);
  return { ...out, shape: [...batchShape, rows, columns] };
}

export const batchMatMulWasm = (original: KernelConfig | undefined): KernelConfig =>
  replaceWasmKernel('BatchMatMul', original, batchMatMul);
