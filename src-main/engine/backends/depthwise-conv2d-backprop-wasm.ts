/**
 * DepthwiseConv2dNativeBackpropInput and ...BackpropFilter for tfjs-backend-wasm, which has neither (4.22), so
 * depthwise and separable convolutions can't train on it.
 *
 * A depthwise conv with filter [KH, KW, C, M] is the full conv whose filter [KH, KW, C, C*M] is block-diagonal
 * (input channel c feeds only outputs c*M .. c*M+M-1). Both gradients run as full-conv gradients on that
 * expansion: exact, and fast enough for the small channel counts these layers have in our models, though it
 * does C times the work a dedicated kernel would.
 */
import type {
  DepthwiseConv2dNativeBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropInputAttrs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { releaseIntermediates, runWasmKernel, shape4d } from './wasm-kernel-calls';

function assertNoDilation(dilations: number | [number, number], kernelName: string): void {
  const [dh, dw] = typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (dh !== 1 || dw !== 1)
    throw new Error(`${kernelName} (wasm): dilations other than 1 are not supported.`);
}

function rounding(attrs: { dimRoundingMode?: 'floor' | 'round' | 'ceil' }): { dimRoundingMode?: string } {
  return attrs.dimRoundingMode ? { dimRoundingMode: attrs.dimRoundingMode } : {};
}

function blockDiagonalFilter(backend: BackendWasm, filter: TensorInfo): TensorInfo {
  const [kh, kw, channels, multiplier] = shape4d(filter);
  const full = backend.makeOutput([kh, kw, channels, channels * multiplier], 'float32');
  const from = backend.typedArrayFromHeap(filter) as Float32Array;
  const to = backend.typedArrayFromHeap(full) as Float32Array;
  to.fill(0);
  for (let tap = 0; tap < kh * kw; tap++) {
    for (let c = 0; c < channels; c++) {
      const src = (tap * channels + c) * multiplier;
      to.set(
        from.subarray(src, src + multiplier),
        (tap * channels + c) * channels * multiplier + c * multiplier,
      );
    }
  }
  return full;
}

function depthwiseBackpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: DepthwiseConv2dNativeBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  assertNoDilation(attrs.dilations, 'DepthwiseConv2dNativeBackpropInput');
  const full = blockDiagonalFilter(backend, inputs.filter);
  const dx = runWasmKernel(
    'Conv2DBackpropInput',
    backend,
    { dy: inputs.dy, filter: full },
    {
      strides: attrs.strides,
      pad: attrs.pad,
      dataFormat: 'NHWC',
      inputShape: attrs.inputShape,
      ...rounding(attrs),
    },
  );
  releaseIntermediates(backend, full);
  return dx;
}

function depthwiseBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: DepthwiseConv2dNativeBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  assertNoDilation(attrs.dilations, 'DepthwiseConv2dNativeBackpropFilter');
  const [kh, kw, channels, multiplier] = attrs.filterShape;
  const fullGrad = runWasmKernel(
    'Conv2DBackpropFilter',
    backend,
    { x: inputs.x, dy: inputs.dy },
    {
      strides: attrs.strides,
      pad: attrs.pad,
      dataFormat: 'NHWC',
      ...rounding(attrs),
      filterShape: [kh, kw, channels, channels * multiplier],
    },
  );
  const dw = backend.makeOutput([kh, kw, channels, multiplier], 'float32');
  const from = backend.typedArrayFromHeap(fullGrad) as Float32Array;
  const to = backend.typedArrayFromHeap(dw) as Float32Array;
  for (let tap = 0; tap < kh * kw; tap++) {
    for (let c = 0; c < channels; c++) {
      const src = (tap * channels + c) * channels * multiplier + c * multiplier;
      to.set(from.subarray(src, src + multiplier), (tap * channels + c) * multiplier);
    }
  }
  releaseIntermediates(backend, fullGrad);
  return dw;
}

export const depthwiseConv2dBackpropInputWasm: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropInput',
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropInput as unknown as KernelFunc,
};

export const depthwiseConv2dBackpropFilterWasm: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropFilter',
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropFilter as unknown as KernelFunc,
};
