/**
 * A faster Conv2DBackpropInput for tfjs-backend-wasm: the kernel behind every transposed conv (the generator's
 * upsampling) and every conv's input gradient. wasm's own (4.22) is a plain scalar C++ loop, without XNNPACK or
 * SIMD, and runs about 10x slower than a forward Conv2D of the same size.
 *
 * Sub-pixel (phase) decomposition instead: with stride s, dx row i only meets the filter rows kh with
 * kh ≡ i + padTop (mod s), so the rows of dx split into s phases, and each phase is a plain stride-1 convolution of
 * dy with that phase's filter taps, flipped and with in/out channels swapped. In two dimensions that is s*s small
 * dense convs on wasm's fast (XNNPACK) forward Conv2D, interleaved into dx: the multiplies of the forward conv,
 * none of them by the zeros a strided transposed conv implicitly inserts. Stride 1 is the one-phase case.
 */
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs, KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  heapFloats,
  releaseIntermediates,
  replaceWasmKernel,
  runWasmKernel,
  shape4d,
} from './wasm-kernel-calls';

type Args = {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropInputAttrs;
};

/** One phase along one axis: which dx positions it fills and which filter taps feed them. */
interface Phase {
  /** First filter tap of the phase; its taps are first, first + s, first + 2s, ... */
  first: number;
  taps: number;
  /** dy-grid positions m of the phase's outputs; dx position = m * s + first - padBefore. */
  from: number;
  to: number;
  /** Zero rows the conv needs past dy's end to reach `to`. */
  padAfter: number;
}

function phaseOf(
  first: number,
  filterSize: number,
  stride: number,
  padBefore: number,
  inSize: number,
  outSize: number,
): Phase | undefined {
  const taps = Math.ceil((filterSize - first) / stride);
  if (taps <= 0) return undefined;
  const from = Math.ceil((padBefore - first) / stride);
  // Past dy's last row plus the filter's reach, every tap reads zeros: those dx rows stay zero.
  const to = Math.min(Math.floor((inSize - 1 + padBefore - first) / stride), outSize - 1 + taps - 1);
  if (to < from) return undefined;
  return { first, taps, from, to, padAfter: Math.max(0, to - (outSize - 1)) };
}

/**
 * The taps of one phase as a stride-1 conv filter: flipped, [taps, taps, outChannels, inChannels]. `swapped` is
 * the whole filter with its channel axes already swapped, so each tap is one contiguous block to copy.
 */
function phaseFilter(
  backend: BackendWasm,
  swapped: TensorInfo,
  rows: Phase,
  cols: Phase,
  sh: number,
  sw: number,
): TensorInfo {
  const [, kw, outChannels, inChannels] = shape4d(swapped);
  const block = outChannels * inChannels;
  const sub = backend.makeOutput([rows.taps, cols.taps, outChannels, inChannels], 'float32');
  const { heap, starts } = heapFloats(backend, swapped, sub);
  const [from, to] = starts as [number, number];
  let at = to;
  for (let u = 0; u < rows.taps; u++) {
    const kh = rows.first + sh * (rows.taps - 1 - u);
    for (let v = 0; v < cols.taps; v++, at += block) {
      const tap = from + (kh * kw + cols.first + sw * (cols.taps - 1 - v)) * block;
      heap.copyWithin(at, tap, tap + block);
    }
  }
  return sub;
}

function conv2dBackpropInputByPhases(args: Args): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    shape4d(filter),
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels, strideHeight: sh, strideWidth: sw, padInfo } = info;
  // Sized by dy, which is what the forward pass produced (its dimRoundingMode doesn't survive into the gradient).
  const [, outHeight, outWidth] = shape4d(dy);

  const dx = backend.makeOutput([batchSize, inHeight, inWidth, inChannels], 'float32');
  (backend.typedArrayFromHeap(dx) as Float32Array).fill(0);
  const swapped = runWasmKernel('Transpose', backend, { x: filter }, { perm: [0, 1, 3, 2] });

  for (let ph = 0; ph < sh; ph++) {
    const rows = phaseOf(ph, info.filterHeight, sh, padInfo.top, inHeight, outHeight);
    if (!rows) continue;
    for (let pw = 0; pw < sw; pw++) {
      const cols = phaseOf(pw, info.filterWidth, sw, padInfo.left, inWidth, outWidth);
      if (!cols) continue;
      const sub = phaseFilter(backend, swapped, rows, cols, sh, sw);
      const convAttrs: NamedAttrMap = {
        strides: [1, 1],
        dilations: [1, 1],
        pad: [
          [0, 0],
          [rows.taps - 1, rows.padAfter],
          [cols.taps - 1, cols.padAfter],
          [0, 0],
        ],
        dataFormat: 'NHWC',
      };
      const phase = runWasmKernel('Conv2D', backend, { x: dy, filter: sub }, convAttrs);
      interleave(backend, phase, dx, rows, cols, sh, sw, padInfo.top, padInfo.left);
      releaseIntermediates(backend, sub, phase);
    }
  }
  releaseIntermediates(backend, swapped);
  return dx;
}

/** Below this many channels a pixel is copied element by element: a memmove call costs more than it saves. */
const MEMMOVE_FROM_CHANNELS = 16;

/** Copies a phase's conv output into its rows and columns of dx. */
function interleave(
  backend: BackendWasm,
  phase: TensorInfo,
  dx: TensorInfo,
  rows: Phase,
  cols: Phase,
  sh: number,
  sw: number,
  padTop: number,
  padLeft: number,
): void {
  const [batch, phaseHeight, phaseWidth, channels] = shape4d(phase);
  const [, height, width] = shape4d(dx);
  const { heap, starts } = heapFloats(backend, phase, dx);
  const [from, to] = starts as [number, number];
  const byMemmove = channels >= MEMMOVE_FROM_CHANNELS;
  for (let b = 0; b < batch; b++) {
    for (let m = rows.from; m <= rows.to; m++) {
      const i = m * sh + rows.first - padTop;
      for (let n = cols.from; n <= cols.to; n++) {
        const j = n * sw + cols.first - padLeft;
        const src = from + ((b * phaseHeight + m) * phaseWidth + n) * channels;
        const dst = to + ((b * height + i) * width + j) * channels;
        if (byMemmove) heap.copyWithin(dst, src, src + channels);
        else for (let c = 0; c < channels; c++) heap[dst + c] = heap[src + c]!;
      }
    }
  }
}

/** Ours for NHWC; NCHW (which wasm's Conv2D can't run) goes to wasm's own kernel. */
export const conv2dBackpropInputWasm = (original: KernelConfig | undefined): KernelConfig =>
  replaceWasmKernel<Args>('Conv2DBackpropInput', original, (args, theirs) =>
    args.attrs.dataFormat === 'NCHW' ? theirs(args) : conv2dBackpropInputByPhases(args),
  );
