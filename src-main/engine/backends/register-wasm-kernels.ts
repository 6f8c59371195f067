/**
 * The kernels we add to tfjs-backend-wasm so GANs can train on it, and train faster. Call after
 * '@tensorflow/tfjs-backend-wasm' has been imported (its own registrations would otherwise overwrite ours) and
 * before training; calling again is a no-op.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';
import { batchMatMulWasm } from './batch-mat-mul-wasm';
import { channelMeanWasm, channelSumWasm } from './channel-sum-wasm';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter-wasm';
import { conv2dBackpropInputWasm } from './conv2d-backprop-input-wasm';
import {
  depthwiseConv2dBackpropFilterWasm,
  depthwiseConv2dBackpropInputWasm,
} from './depthwise-conv2d-backprop-wasm';
import { FUSED_ADAM_KERNEL, fusedAdamWasm } from './fused-adam-wasm';
import { identityWasm } from './identity-wasm';
import { maxPoolGradWasm } from './max-pool-grad-wasm';
import { unsortedSegmentSumWasm } from './unsorted-segment-sum-wasm';

interface WasmKernelPatch {
  kernelName: string;
  /**
   * 'missing': added only if wasm has none, so a future release's own kernel wins.
   * 'broken' and 'slow': replace wasm's own (4.22) kernel.
   * 'ours': a kernel of GAN Studio's own, under a name tfjs doesn't use.
   */
  because: 'missing' | 'broken' | 'slow' | 'ours';
  /** Makes our kernel; `original` is wasm's own, for cases ours hands back to it. */
  build: (original: KernelConfig | undefined) => KernelConfig;
}

const PATCHES: readonly WasmKernelPatch[] = [
  { kernelName: 'Conv2DBackpropFilter', because: 'missing', build: () => conv2dBackpropFilterWasm },
  { kernelName: 'Conv2DBackpropInput', because: 'slow', build: conv2dBackpropInputWasm },
  {
    kernelName: 'DepthwiseConv2dNativeBackpropInput',
    because: 'missing',
    build: () => depthwiseConv2dBackpropInputWasm,
  },
  {
    kernelName: 'DepthwiseConv2dNativeBackpropFilter',
    because: 'missing',
    build: () => depthwiseConv2dBackpropFilterWasm,
  },
  { kernelName: 'UnsortedSegmentSum', because: 'missing', build: () => unsortedSegmentSumWasm },
  { kernelName: 'MaxPoolGrad', because: 'broken', build: () => maxPoolGradWasm },
  { kernelName: 'Identity', because: 'slow', build: identityWasm },
  { kernelName: 'BatchMatMul', because: 'slow', build: batchMatMulWasm },
  { kernelName: 'Sum', because: 'slow', build: channelSumWasm },
  { kernelName: 'Mean', because: 'slow', build: channelMeanWasm },
  { kernelName: FUSED_ADAM_KERNEL, because: 'ours', build: () => fusedAdamWasm },
];

/** Names of the kernels we provide for wasm, whether or not they are registered yet. */
export const WASM_KERNEL_PATCHES: readonly string[] = PATCHES.map((p) => p.kernelName);

const registered = new Map<string, KernelConfig>();

/** Registers our wasm kernels; returns the names of those that are ours after the call. */
export function registerWasmTrainingKernels(): string[] {
  const ours: string[] = [];
  for (const { kernelName, because, build } of PATCHES) {
    const current = tf.getKernel(kernelName, 'wasm');
    if (current && current.kernelFunc === registered.get(kernelName)?.kernelFunc) {
      ours.push(kernelName);
      continue;
    }
    if (current && (because === 'missing' || because === 'ours')) continue;
    const config = build(current);
    if (current) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel(config);
    registered.set(kernelName, config);
    ours.push(kernelName);
  }
  return ours;
}
