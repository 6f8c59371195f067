import type { LabConfig } from '../../../src-main/engine/lab/lab-config';
import type { ComputeName, LabEngine, LabEngineState } from '../../../src-main/engine/lab/lab-engine';
import { PlainLabEngine } from '../../../src-main/engine/lab/plain-lab-engine';

/**
 * Where the Lab trains: here, in the renderer, on the main thread, within a time budget per frame (see
 * lab-state.svelte.ts). Not in the engine worker: the networks hold a few hundred weights, a training iteration
 * costs under half a millisecond and a frame's probes about one, while what a frame draws (heat map, grid,
 * points, arrows) is ~20 KB that would have to cross IPC or, in web mode, a WebSocket 60 times a second, with
 * a transport's latency on every step click and setting change. Computed where it is drawn, the same code
 * runs identically in the desktop app and in a browser.
 *
 * 'plain' is the default because at these sizes it runs 9-12x faster than TensorFlow.js (docs/performance.md);
 * 'tfjs' loads TensorFlow.js on demand (its own chunk, so the Lab opens without it) and pins it to the cpu
 * backend: WebGL would add a GPU upload and a blocking readback to each of the hundreds of tiny ops a frame
 * runs, and wasm needs a Content-Security-Policy the app does not grant ('wasm-unsafe-eval').
 */
export type EngineFactory = (
  compute: ComputeName,
  config: LabConfig,
  state: LabEngineState,
) => Promise<LabEngine>;

export const createLabEngine: EngineFactory = async (compute, config, state) => {
  if (compute === 'plain') return new PlainLabEngine(config, state);
  const [tf, { TfjsLabEngine }] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('../../../src-main/engine/lab/tfjs-lab-engine'),
  ]);
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  return TfjsLabEngine.create(config, state);
};
