/**
 * Calling the wasm backend's own kernels from inside a kernel we register. This runs below the engine: no
 * gradient tape, no tensor tracking, so every intermediate a caller makes must be given back with
 * `releaseIntermediates` or it leaks in the wasm heap.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function runWasmKernel(
  kernelName: string,
  backend: BackendWasm,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const config = tf.getKernel(kernelName, 'wasm');
  if (!config) throw new Error(`The wasm backend has no '${kernelName}' kernel to build on.`);
  const out = config.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out))
    throw new Error(`The wasm '${kernelName}' kernel returned several tensors; one was expected.`);
  return out;
}

/**
 * A kernel in place of wasm's own `original`: `ours` computes the cases it takes and hands the rest to wasm's
 * kernel through `theirs`. The original's setup and dispose functions stay: the engine runs the setup funcs of
 * registered kernels when the backend starts, and wasm's own kernels bind their C functions there.
 */
export function replaceWasmKernel<Args>(
  kernelName: string,
  original: KernelConfig | undefined,
  ours: (args: Args, theirs: (args: Args) => TensorInfo) => TensorInfo,
): KernelConfig {
  const theirs = (args: Args): TensorInfo => {
    if (!original)
      throw new Error(`${kernelName} (wasm): the backend has no kernel of its own for this case.`);
    return original.kernelFunc(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  };
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ((args: Args) => ours(args, theirs)) as unknown as KernelFunc,
    ...(original?.setupFunc ? { setupFunc: original.setupFunc } : {}),
    ...(original?.disposeFunc ? { disposeFunc: original.disposeFunc } : {}),
  };
}

export function releaseIntermediates(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** The 4-D shape of a kernel input; the engine has already checked ranks before a kernel runs. */
export function shape4d(info: TensorInfo): [number, number, number, number] {
  const [a, b, c, d] = info.shape;
  if (a === undefined || b === undefined || c === undefined || d === undefined || info.shape.length !== 4) {
    throw new Error(`Expected a rank-4 tensor, got shape [${info.shape.join(', ')}].`);
  }
  return [a, b, c, d];
}

/**
 * One float32 view over the whole wasm heap and where each tensor starts in it, so data can move between
 * tensors with copyWithin (a native memmove) instead of element by element. Take it after the last allocation
 * the caller makes: growing the heap replaces its buffer.
 */
export function heapFloats(
  backend: BackendWasm,
  ...infos: TensorInfo[]
): { heap: Float32Array; starts: number[] } {
  const views = infos.map((info) => backend.typedArrayFromHeap(info) as Float32Array);
  const buffer = views[0]?.buffer ?? (backend.typedArrayFromHeap(infos[0]!) as Float32Array).buffer;
  return { heap: new Float32Array(buffer), starts: views.map((view) => view.byteOffset / 4) };
}
