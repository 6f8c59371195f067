/**
 * Picks the compute backend: native TensorFlow (tfjs-node) when it loads, else WebAssembly with the training
 * kernels it lacks added by us, else the pure-JavaScript cpu backend. GAN_STUDIO_BACKEND (or `forced`) pins one;
 * a pinned backend that can't load is an error, never a quiet fallback to something slower.
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ENV_VAR, backendFromEnv } from './backend-from-env';
import type { BackendChoice, BackendInfo, BackendVersions } from './backend-info';
import { loadNativeBackend } from './load-native-backend';
import type { NativeLoad } from './load-native-backend';
import { loadWasmBackend } from './load-wasm-backend';
import { defaultWasmThreads } from './wasm-thread-count';

export { backendFromEnv } from './backend-from-env';
export { doctorReport } from './doctor-report';
export type { BackendChoice, BackendInfo } from './backend-info';

export interface InitBackendOptions {
  /** Pin a backend; when absent, GAN_STUDIO_BACKEND decides, and when that is unset, the fastest that loads. */
  forced?: BackendChoice;
  /** Threads for the wasm backend; when absent, GAN_STUDIO_THREADS, else every core up to 4. */
  wasmThreads?: number;
  /** Stands in for importing tfjs-node; for tests, which can't install it. */
  loadNative?: () => Promise<NativeLoad>;
}

/** Names where a pin came from, so an error points at the thing to change. */
function describePin(forced: BackendChoice): { pin: string; remedy: string } {
  let fromEnv = false;
  try {
    fromEnv = backendFromEnv() === forced;
  } catch {
    // An invalid GAN_STUDIO_BACKEND is irrelevant when the caller pinned the backend itself.
  }
  return fromEnv
    ? {
        pin: `${BACKEND_ENV_VAR}=${forced}`,
        remedy: `Unset ${BACKEND_ENV_VAR} to use the fastest available backend.`,
      }
    : {
        pin: `backend '${forced}' was requested`,
        remedy: 'Leave the backend unset to use the fastest available one.',
      };
}

function versions(backend?: string): BackendVersions {
  const electron = process.versions.electron;
  return {
    tfjs: tf.version.tfjs ?? 'unknown',
    ...(backend ? { backend } : {}),
    node: process.versions.node,
    ...(electron ? { electron } : {}),
  };
}

export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const forced = options.forced ?? backendFromEnv();
  const pinned = forced ? describePin(forced) : undefined;
  const notUsed: BackendInfo['notUsed'] = {};

  if (forced === undefined || forced === 'node') {
    const native = await (options.loadNative ?? loadNativeBackend)();
    if (native.ok && (await tf.setBackend('tensorflow'))) {
      const threads = os.availableParallelism();
      return { name: 'tensorflow', notUsed, versions: versions(native.version), threads, kernelsAdded: [] };
    }
    const reason = native.ok
      ? 'native TensorFlow loaded but failed to initialize (see the warning above)'
      : native.reason;
    if (pinned) {
      throw new Error(
        `${pinned.pin}, but native TensorFlow could not be loaded: ${reason}. ${pinned.remedy}`,
      );
    }
    notUsed.tensorflow = reason;
  } else {
    notUsed.tensorflow = `not tried: ${pinned?.pin}`;
  }

  if (forced === undefined || forced === 'wasm') {
    const wasm = await loadWasmBackend(options.wasmThreads ?? defaultWasmThreads());
    if (wasm.ok) {
      const { threads, simd, kernelsAdded, threadsNote } = wasm;
      return {
        name: 'wasm',
        notUsed,
        versions: versions(wasm.version),
        threads,
        simd,
        kernelsAdded,
        ...(threadsNote === undefined ? {} : { threadsNote }),
      };
    }
    if (pinned) {
      const failure = `the WebAssembly backend could not be used: ${wasm.reason}`;
      throw new Error(`${pinned.pin}, but ${failure}. ${pinned.remedy}`);
    }
    notUsed.wasm = wasm.reason;
  } else {
    notUsed.wasm = `not tried: ${pinned?.pin}`;
  }

  if (!(await tf.setBackend('cpu'))) {
    throw new Error('The cpu backend of TensorFlow.js failed to initialize.');
  }
  return {
    name: 'cpu',
    notUsed,
    versions: versions(tf.version['tfjs-backend-cpu']),
    threads: 1,
    kernelsAdded: [],
  };
}
