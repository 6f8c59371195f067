/**
 * Conv2DBackpropFilter for tfjs-backend-wasm, which registers none (4.22): without it no conv net can train.
 *
 * The filter gradient is itself a convolution, so it runs on the wasm backend's fast forward Conv2D:
 *   dW[kh, kw, ci, co] = sum over b, oh, ow of x[b, oh*s + kh - padTop, ow*s + kw - padLeft, ci] * dy[b, oh, ow, co]
 * Read x as a batch of Ci single-"image" planes whose channels are the batch (x -> [Ci, H, W, B]) and dy as a
 * filter of size OH x OW from B channels to Co (dy -> [OH, OW, B, Co]); sliding that filter over the planes with
 * dilation = the forward stride and stride 1 yields [Ci, KH, KW, Co], which transposes into dW.
 * (Its Conv3DBackpropFilterV2 would be the other way in, but it is wrong for strides > 1.)
 */
import * as tf from '@tensorflow/tfjs';
import type {
  Conv2DBackpropFilterAttrs,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { releaseIntermediates, runWasmKernel, shape4d } from './wasm-kernel-calls';

const TO_PLANES = { NHWC: [3, 1, 2, 0], NCHW: [1, 2, 3, 0] } as const;
const TO_FILTER = { NHWC: [1, 2, 0, 3], NCHW: [2, 3, 0, 1] } as const;

/** How far the forward conv reads past an edge of x (pad after), or how much of x it never reads (< 0). */
function trailingReach(
  inSize: number,
  padBefore: number,
  filterSize: number,
  outSize: number,
  stride: number,
) {
  return filterSize + (outSize - 1) * stride - padBefore - inSize;
}

function conv2dBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const info = tf.backend_util.computeConv2DInfo(
    shape4d(x),
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  const { inHeight, inWidth, inChannels, outChannels, batchSize } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  // The output size comes from dy, not from the attrs: tf.conv2d's gradient drops dimRoundingMode, so recomputing
  // it could disagree with the forward pass by a row, and dy is what the forward pass really produced.
  const dyShape = shape4d(dy);
  const [outHeight, outWidth] = dataFormat === 'NCHW' ? [dyShape[2], dyShape[3]] : [dyShape[1], dyShape[2]];

  const reachBottom = trailingReach(inHeight, padInfo.top, filterHeight, outHeight, strideHeight);
  const reachRight = trailingReach(inWidth, padInfo.left, filterWidth, outWidth, strideWidth);
  const usedHeight = Math.min(inHeight, inHeight + reachBottom);
  const usedWidth = Math.min(inWidth, inWidth + reachRight);
  if (usedHeight <= 0 || usedWidth <= 0) {
    // Only padding under every filter tap: the gradient is exactly zero.
    return runWasmKernel('Fill', backend, {}, { shape: [...filterShape], value: 0, dtype: 'float32' });
  }

  const planesFull = runWasmKernel('Transpose', backend, { x }, { perm: [...TO_PLANES[dataFormat]] });
  // Rows and columns the forward conv never read (valid padding with a stride that doesn't divide evenly) must go,
  // since a conv can't be given negative padding.
  const cropped = usedHeight < inHeight || usedWidth < inWidth;
  const planes = cropped
    ? runWasmKernel(
        'Slice',
        backend,
        { x: planesFull },
        { begin: [0, 0, 0, 0], size: [inChannels, usedHeight, usedWidth, batchSize] },
      )
    : planesFull;
  const dyFilter = runWasmKernel('Transpose', backend, { x: dy }, { perm: [...TO_FILTER[dataFormat]] });
  const convAttrs: NamedAttrMap = {
    strides: [1, 1],
    dilations: [strideHeight, strideWidth],
    pad: [
      [0, 0],
      [padInfo.top, Math.max(0, reachBottom)],
      [padInfo.left, Math.max(0, reachRight)],
      [0, 0],
    ],
    dataFormat: 'NHWC',
  };
  const perPlane = runWasmKernel('Conv2D', backend, { x: planes, filter: dyFilter }, convAttrs);
  const dw = runWasmKernel('Transpose', backend, { x: perPlane }, { perm: [1, 2, 0, 3] });
  releaseIntermediates(backend, planesFull, dyFilter, perPlane, ...(cropped ? [planes] : []));

  const dwShape = shape4d(dw);
  if (dwShape[0] !== filterHeight || dwShape[1] !== filterWidth || dwShape[3] !== outChannels) {
    releaseIntermediates(backend, dw);
    throw new Error(
      `Conv2DBackpropFilter: computed [${dwShape.join(', ')}] for filter [${filterShape.join(', ')}].`,
    );
  }
  return dw;
}

export const conv2dBackpropFilterWasm: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as KernelFunc,
};
