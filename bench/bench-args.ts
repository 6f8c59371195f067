import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EngineName } from './bench-result';
import { defaultWasmThreads, MAX_WASM_THREADS } from '../src-main/engine/backends/wasm-thread-count';
import { integerOption } from './measure';

export const USAGE = `Usage: npm run bench -- [options]

Trains the reference DCGAN on every engine that loads, each in its own process, one after another,
and prints images/s, memory and the speed of TensorFlow.js relative to PyTorch's best.

Options:
  --json           stdout: one JSON line per engine result and nothing else; the report goes to stderr
                   (npm prints its own banner on stdout: use npm run -s bench -- --json)
  --steps N        timed steps of each run (the cpu backend keeps its token count)
  --quick          a smoke check: 1 warm-up step and 1-2 timed steps per run
  --only LIST      engines to run, comma-separated: tensorflow (or node), wasm, cpu, torch; and lab for the
                   GAN Lab's bench (bench/lab-bench.ts: JS divergence on the ring, frame rate in Chromium),
                   which runs only when named
  --all            include the pure-JavaScript cpu backend (about 0.3 images/s, so off by default)
  --profile        instead of the comparison: the kernels of one DCGAN-32 training step (batch 64, plain and
                   with DiffAugment) ranked by time on each TensorFlow.js engine, and the step's time outside
                   kernels (JavaScript: the engine's bookkeeping, the gradient tape, our own loops)
  --wasm-threads LIST  wasm thread counts to run, comma-separated (default: 1 and the machine's default,
                   GAN_STUDIO_THREADS or every core up to 4)
  --torch-blas DIR also run PyTorch with DIR first on LD_LIBRARY_PATH: a folder holding another BLAS's
                   libblas.so.3 (an OpenBLAS, or /usr/lib/x86_64-linux-gnu/blas for Debian's reference one),
                   to show how much PyTorch's figure owes to its BLAS
  -h, --help       this text`;

export interface BenchArgs {
  json: boolean;
  steps: number | undefined;
  quick: boolean;
  engines: Set<EngineName>;
  help: boolean;
  torchBlas: string | undefined;
  /** Run the GAN Lab's bench (bench/lab-bench.ts) too: `--only lab`. */
  lab: boolean;
  /** Profile one training step per TensorFlow.js engine instead of comparing engines. */
  profile: boolean;
  /** Thread counts for the wasm engine's runs. */
  wasmThreads: number[];
}

const ENGINE_ALIASES: Record<string, EngineName> = {
  tensorflow: 'tensorflow',
  node: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
  torch: 'torch',
  pytorch: 'torch',
};

/** Throws an Error naming the bad argument; main turns it into a message and exit code 2. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      steps: { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      'torch-blas': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'wasm-threads': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const engines = new Set<EngineName>(['tensorflow', 'wasm', 'torch']);
  if (values.all) engines.add('cpu');
  let lab = false;
  if (values.only !== undefined) {
    engines.clear();
    for (const name of values.only.split(',').map((part) => part.trim().toLowerCase())) {
      if (name === 'lab') {
        lab = true;
        continue;
      }
      const engine = ENGINE_ALIASES[name];
      if (!engine) {
        throw new Error(
          `--only: unknown engine ${JSON.stringify(name)} (choose from tensorflow, node, wasm, cpu, torch, lab)`,
        );
      }
      engines.add(engine);
    }
  }
  return {
    json: values.json,
    steps: values.steps === undefined ? undefined : integerOption('--steps', values.steps),
    quick: values.quick,
    engines,
    help: values.help,
    torchBlas: values['torch-blas'] === undefined ? undefined : blasFolder(values['torch-blas']),
    lab,
    profile: values.profile,
    wasmThreads: wasmThreadCounts(values['wasm-threads']),
  };
}

/** 1 (the single-core figure) and the default the app would use on this machine, unless given. */
function wasmThreadCounts(list: string | undefined): number[] {
  if (list === undefined) return [...new Set([1, defaultWasmThreads()])];
  const counts = list.split(',').map((part) => integerOption('--wasm-threads', part.trim()));
  if (counts.some((n) => n > MAX_WASM_THREADS)) {
    throw new Error(`--wasm-threads: at most ${MAX_WASM_THREADS} (tfjs-backend-wasm's pool)`);
  }
  return [...new Set(counts)];
}

/** The folder must hold a libblas.so.3, or the dynamic linker would quietly load the system's BLAS instead. */
function blasFolder(folder: string): string {
  const absolute = path.resolve(folder);
  if (!existsSync(path.join(absolute, 'libblas.so.3'))) {
    throw new Error(`--torch-blas: ${JSON.stringify(folder)} holds no libblas.so.3`);
  }
  return absolute;
}
