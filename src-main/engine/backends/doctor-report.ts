/**
 * The lines `gan-studio doctor` prints about the compute backend. The install facts are those of
 * @tensorflow/tfjs-node 4.22 (scripts/install.js and deps-constants.js in its package).
 */
import type { BackendInfo, BackendName } from './backend-info';

const DESCRIPTION: Record<BackendName, string> = {
  tensorflow: 'native TensorFlow through @tensorflow/tfjs-node',
  wasm: 'WebAssembly through @tensorflow/tfjs-backend-wasm',
  cpu: 'plain JavaScript, the slowest',
};

const PACKAGE: Record<BackendName, string> = {
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

const HOW_TO_GET_NATIVE = [
  'to use native TensorFlow: on a machine with internet, run `npm install @tensorflow/tfjs-node` in the app folder.',
  '  Its install downloads libtensorflow (CPU) and a prebuilt addon from Google (storage.googleapis.com); when that',
  '  fails, npm leaves the package out and GAN Studio runs on the next backend.',
  '  Downloads exist for Linux x64, macOS x64 and Windows x64 (libtensorflow 2.9.1); Linux arm64 and Apple Silicon',
  '  get older builds (2.7) and may compile the addon from source; other platforms are not supported.',
  '  Desktop app: it must be installed before the app is packaged. Its addon uses N-API, so it should load in',
  '  Electron without a rebuild (not verified on this machine).',
];

function threadsLine(info: BackendInfo): string {
  if (info.name === 'wasm' && info.threadsNote) return `threads: ${info.threads} (${info.threadsNote})`;
  if (info.name === 'wasm') return `threads: ${info.threads} (set GAN_STUDIO_THREADS to change)`;
  if (info.name === 'tensorflow') return `threads: ${info.threads} (all cores)`;
  return `threads: ${info.threads}`;
}

export function doctorReport(info: BackendInfo): string[] {
  const { versions } = info;
  const lines = [`backend: ${info.name} (${DESCRIPTION[info.name]})`];
  for (const [name, reason] of Object.entries(info.notUsed)) lines.push(`not using ${name}: ${reason}`);
  lines.push(
    [
      `versions: @tensorflow/tfjs ${versions.tfjs}`,
      ...(versions.backend ? [`${PACKAGE[info.name]} ${versions.backend}`] : []),
      `Node.js ${versions.node}`,
      ...(versions.electron ? [`Electron ${versions.electron}`] : []),
    ].join(', '),
  );
  lines.push(threadsLine(info));
  if (info.simd !== undefined) lines.push(`SIMD: ${info.simd ? 'on' : 'off'}`);
  if (info.kernelsAdded.length > 0)
    lines.push(`kernels added by GAN Studio: ${info.kernelsAdded.join(', ')}`);
  if (info.name !== 'tensorflow') lines.push(...HOW_TO_GET_NATIVE);
  return lines;
}
