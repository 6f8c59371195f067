/**
 * Identity for tfjs-backend-wasm that shares the input's buffer instead of copying it. wasm's own (4.22) copies
 * every element, and the engine runs Identity for every tensor it clones: each one the gradient tape saves for
 * the backward pass, every tf.keep'd copy. In a DCGAN step that is ~80 full-size copies for nothing.
 *
 * Sharing is what the cpu backend and wasm's own Reshape already do: tensors are immutable, buffers are
 * reference-counted, and a buffer is freed when its last tensor goes.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { replaceWasmKernel } from './wasm-kernel-calls';

type Args = { inputs: { x: TensorInfo }; backend: BackendWasm };

function identity(args: Args): TensorInfo {
  const { x } = args.inputs;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

/** Strings are kept apart from the heap; those go to wasm's own kernel. */
export const identityWasm = (original: KernelConfig | undefined): KernelConfig =>
  replaceWasmKernel<Args>('Identity', original, (args, theirs) =>
    args.inputs.x.dtype === 'string' ? theirs(args) : identity(args),
  );
