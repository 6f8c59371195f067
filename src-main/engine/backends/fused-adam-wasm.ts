/**
 * One kernel for a whole network's Adam update on tfjs-backend-wasm: for every weight, the new weight and both
 * new moments in a single pass over the wasm heap, instead of ten elementwise kernels per weight tensor (each
 * with its own dispatch, output allocation and pass over memory).
 *
 * It must give exactly the numbers the op-by-op update in training/adam.ts gives, bit for bit, or a run resumed
 * on one would drift from a run trained on the other. So it performs the same float32 operations in the same
 * order: every scalar is rounded to float32 as tfjs rounds a scalar operand, and every product, sum, quotient
 * and square root is rounded to float32 (Math.fround) right where a float32 kernel would round it. Computing
 * each in double and rounding once gives the correctly rounded float32 result for these operations, because a
 * double carries more than twice a float's precision; test/engine proves the equality over many steps.
 */
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export const FUSED_ADAM_KERNEL = 'GanStudioFusedAdam';

/** The per-step constants of one update, as adam.ts computes them in double precision. */
export interface AdamStepConstants extends NamedAttrMap {
  beta1: number;
  beta2: number;
  /** learningRate * sqrt(1 - beta2^t) / (1 - beta1^t) */
  stepSize: number;
  /** epsilon * sqrt(1 - beta2^t) */
  epsilonHat: number;
}

/** Input names of weight i: its value, both moments and its gradient. */
export const adamInputNames = (i: number) => [`param${i}`, `m${i}`, `v${i}`, `grad${i}`] as const;

/**
 * The update of one weight tensor, written into `outParam`, `outM` and `outV` (which may not alias the inputs):
 *   m' = m * beta1 + g * (1 - beta1)
 *   v' = v * beta2 + (g * g) * (1 - beta2)
 *   param' = param - (m' / (sqrt(v') + epsilonHat)) * stepSize
 */
export function adamUpdate(
  param: Float32Array,
  m: Float32Array,
  v: Float32Array,
  grad: Float32Array,
  out: { param: Float32Array; m: Float32Array; v: Float32Array },
  constants: AdamStepConstants,
): void {
  const f = Math.fround;
  const beta1 = f(constants.beta1);
  const keep1 = f(1 - constants.beta1);
  const beta2 = f(constants.beta2);
  const keep2 = f(1 - constants.beta2);
  const epsilonHat = f(constants.epsilonHat);
  const stepSize = f(constants.stepSize);
  for (let i = 0; i < param.length; i++) {
    const g = grad[i]!;
    const newM = f(f(m[i]! * beta1) + f(g * keep1));
    const newV = f(f(v[i]! * beta2) + f(f(g * g) * keep2));
    out.m[i] = newM;
    out.v[i] = newV;
    out.param[i] = f(param[i]! - f(f(newM / f(f(Math.sqrt(newV)) + epsilonHat)) * stepSize));
  }
}

function fusedAdam(args: {
  inputs: Record<string, TensorInfo>;
  backend: BackendWasm;
  attrs: AdamStepConstants & { count: number };
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const weights = Array.from({ length: attrs.count }, (_, i) => {
    const [param, m, v, grad] = adamInputNames(i).map((name) => {
      const info = inputs[name];
      if (!info) throw new Error(`${FUSED_ADAM_KERNEL}: input ${name} is missing.`);
      return info;
    }) as [TensorInfo, TensorInfo, TensorInfo, TensorInfo];
    return { param, m, v, grad };
  });
  // Every output is allocated before any heap view is taken: an allocation can grow (and detach) the heap.
  const outputs = weights.map(({ param }) =>
    [0, 1, 2].map(() => backend.makeOutput([...param.shape], 'float32')),
  );
  const view = (info: TensorInfo) => backend.typedArrayFromHeap(info) as Float32Array;
  weights.forEach((w, i) => {
    const [param, m, v] = outputs[i]!;
    adamUpdate(
      view(w.param),
      view(w.m),
      view(w.v),
      view(w.grad),
      {
        param: view(param!),
        m: view(m!),
        v: view(v!),
      },
      attrs,
    );
  });
  return outputs.flat();
}

export const fusedAdamWasm: KernelConfig = {
  kernelName: FUSED_ADAM_KERNEL,
  backendName: 'wasm',
  kernelFunc: fusedAdam as unknown as KernelFunc,
};
