import * as tf from '@tensorflow/tfjs';

/**
 * Engine tests run on the backend users without native TensorFlow get: wasm, with our added kernels.
 * GAN_STUDIO_TEST_BACKEND=cpu runs them on the reference cpu backend instead.
 */
export async function useTestBackend(): Promise<void> {
  const wanted = process.env.GAN_STUDIO_TEST_BACKEND ?? 'cpu';
  await tf.setBackend(wanted);
  await tf.ready();
}
