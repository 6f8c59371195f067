/** What the engine knows about the compute backend it runs on; `gan-studio doctor` and job events show it. */
import type { BackendReport } from '../../shared/job-events';

export type BackendName = BackendReport['name'];

/** The values GAN_STUDIO_BACKEND (and a caller's `forced`) accept: 'node' is native TensorFlow via tfjs-node. */
export type BackendChoice = 'node' | 'wasm' | 'cpu';

export interface BackendVersions {
  tfjs: string;
  /** Version of the package that provides the backend (tfjs-node, tfjs-backend-wasm, tfjs-backend-cpu). */
  backend?: string;
  node: string;
  /** Set when running inside Electron, whose Node.js build is what native addons must load into. */
  electron?: string;
}

export interface BackendInfo extends BackendReport {
  versions: BackendVersions;
  /** Threads the backend computes with: tfjs-node uses every core, wasm as many as it was started with. */
  threads: number;
  /** Why wasm runs on fewer threads than it was asked for, when it does. */
  threadsNote?: string;
  /** Whether the wasm build in use has SIMD; only set for wasm. */
  simd?: boolean;
  /** Kernels we registered into the backend (see register-wasm-kernels.ts). */
  kernelsAdded: string[];
}

/** The part of BackendInfo that job events carry. */
export function toBackendReport(info: BackendInfo): BackendReport {
  const { kernelsAdded: _, threadsNote: __, ...report } = info;
  return { ...report, notUsed: { ...info.notUsed } };
}
