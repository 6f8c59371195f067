/**
 * MaxPoolGrad for tfjs-backend-wasm, replacing its own, which gives wrong gradients in 4.22: it seeds each
 * window's running max with the smallest *positive* float instead of -infinity, so a window whose inputs are all
 * negative routes its gradient to the wrong pixel, and ties go to the last max rather than the first. Under
 * random weights roughly one window in sixteen (2x2) is all negative.
 *
 * This one follows TensorFlow and the cpu backend: the first maximum in the window (row-major) takes the gradient,
 * positions in the padding never do. It runs in JavaScript straight on the wasm heap; pooling is cheap next to
 * the convolutions around it.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { shape4d } from './wasm-kernel-calls';

function maxPoolGrad(args: {
  inputs: { dy: TensorInfo; input: TensorInfo };
  backend: BackendWasm;
  attrs: MaxPoolGradAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs;
  if (input.dtype !== 'float32' || dy.dtype !== 'float32')
    throw new Error('MaxPoolGrad (wasm): float32 only.');
  const info = tf.backend_util.computePool2DInfo(
    shape4d(input),
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;

  // Allocate first: growing the wasm heap would detach views taken earlier.
  const dx = backend.makeOutput([...input.shape], 'float32');
  const xValues = backend.typedArrayFromHeap(input) as Float32Array;
  const dyValues = backend.typedArrayFromHeap(dy) as Float32Array;
  const dxValues = backend.typedArrayFromHeap(dx) as Float32Array;
  dxValues.fill(0);

  const best = new Float32Array(channels);
  const bestAt = new Int32Array(channels);
  let dyOffset = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++, dyOffset += channels) {
        best.fill(-Infinity);
        bestAt.fill(-1);
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight - top + kh;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth - left + kw;
            if (iw < 0 || iw >= inWidth) continue;
            const xOffset = ((b * inHeight + ih) * inWidth + iw) * channels;
            for (let c = 0; c < channels; c++) {
              const value = xValues[xOffset + c]!;
              if (value > best[c]!) {
                best[c] = value;
                bestAt[c] = xOffset + c;
              }
            }
          }
        }
        for (let c = 0; c < channels; c++) {
          const at = bestAt[c]!;
          if (at >= 0) dxValues[at] = dxValues[at]! + dyValues[dyOffset + c]!;
        }
      }
    }
  }
  return dx;
}

export const maxPoolGradWasm: KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
