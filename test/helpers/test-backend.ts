import { initBackend } from '../../src-main/engine/backends/select-backend';

/**
 * Engine tests run on the backend users without native TensorFlow get: wasm, with our added kernels, on one
 * thread (test files share two cores with each other's workers; threads have their own parity test).
 * GAN_STUDIO_TEST_BACKEND=cpu runs them on the reference cpu backend instead.
 */
export async function useTestBackend(): Promise<void> {
  const wanted = process.env.GAN_STUDIO_TEST_BACKEND ?? 'wasm';
  if (wanted !== 'wasm' && wanted !== 'cpu' && wanted !== 'node') {
    throw new Error(`GAN_STUDIO_TEST_BACKEND must be wasm, cpu or node, got ${wanted}`);
  }
  await initBackend({ forced: wanted, wasmThreads: 1 });
}
