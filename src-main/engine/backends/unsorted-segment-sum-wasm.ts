/**
 * UnsortedSegmentSum for tfjs-backend-wasm, which has none (4.22). tf.gather's gradient is built on it, so without
 * it nothing that looks up rows (a label embedding in a conditional GAN) can train on wasm.
 *
 * A plain scatter-add in JavaScript on the wasm heap: one pass, exact, no intermediate tensors. Ids outside
 * [0, numSegments) are dropped, as in TensorFlow.
 */
import type { KernelConfig, KernelFunc, TensorInfo, UnsortedSegmentSumAttrs } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

function unsortedSegmentSum(args: {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: BackendWasm;
  attrs: UnsortedSegmentSumAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, segmentIds } = inputs;
  const { numSegments } = attrs;
  if (x.dtype !== 'float32' && x.dtype !== 'int32')
    throw new Error(`UnsortedSegmentSum (wasm): ${x.dtype} is not supported.`);
  const rows = segmentIds.shape.reduce((n, d) => n * d, 1);
  const innerShape = x.shape.slice(segmentIds.shape.length);
  const inner = innerShape.reduce((n, d) => n * d, 1);

  const out = backend.makeOutput([numSegments, ...innerShape], x.dtype);
  const xValues = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  const outValues = backend.typedArrayFromHeap(out);
  outValues.fill(0);
  for (let row = 0; row < rows; row++) {
    const segment = ids[row]!;
    if (segment < 0 || segment >= numSegments) continue;
    const from = row * inner;
    const to = segment * inner;
    for (let j = 0; j < inner; j++) outValues[to + j] = outValues[to + j]! + xValues[from + j]!;
  }
  return out;
}

export const unsortedSegmentSumWasm: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
