import type { EngineResult } from './bench-result';

/** The human-readable summary: a table of every run, then how TensorFlow.js compares with PyTorch. */

const HEADER = [
  'engine',
  'threads',
  'model',
  'step',
  'batch',
  'img/s',
  'ms/step median (min-max)',
  'RSS MB start -> end (peak)',
  'preview 16',
  'others',
];

/** torch rows name their BLAS: on the CPU it decides how fast PyTorch's transposed convs are. */
export function engineLabel(result: EngineResult): string {
  return result.blas ? `${result.engine}/${result.blas}` : result.engine;
}

const plural = (threads: number | null) => `${threads} thread${threads === 1 ? '' : 's'}`;

function row(result: EngineResult): string[] {
  const label = [
    engineLabel(result),
    result.threads === null ? '-' : String(result.threads),
    result.model,
    result.step,
    String(result.batch),
  ];
  if (result.skipped || result.imgPerSec === null) return [...label, 'skipped', '', '', '', ''];
  const ms = result.stepMs ? `${result.stepMs.median} (${result.stepMs.min}-${result.stepMs.max})` : '';
  const rss = `${result.rssStartMB} -> ${result.rssEndMB} (${result.rssPeakMB})`;
  const preview = result.previewMs === undefined ? '' : `${result.previewMs} ms`;
  const others = result.otherCores === undefined ? '' : `${result.otherCores} cores`;
  return [...label, result.imgPerSec.toFixed(1), ms, rss, preview, others];
}

export function resultsTable(results: EngineResult[]): string {
  const rows = [HEADER, ...results.map(row)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((r) => r[column]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function fastest(results: EngineResult[]): EngineResult | undefined {
  return results.reduce<EngineResult | undefined>(
    (a, b) => (a && a.imgPerSec! >= b.imgPerSec! ? a : b),
    undefined,
  );
}

/**
 * For each workload with a PyTorch figure: every TensorFlow.js engine's speed as a multiple of PyTorch's best,
 * per BLAS PyTorch ran with (the system's, and any given with --torch-blas).
 */
export function ratioLines(results: EngineResult[]): string[] {
  const measured = results.filter((r) => r.imgPerSec !== null && !r.skipped);
  const lines: string[] = [];
  const workloadOf = (r: EngineResult) => `${r.model} ${r.step}, batch ${r.batch}`;
  for (const workload of [...new Set(measured.map(workloadOf))]) {
    const peers = measured.filter((r) => workloadOf(r) === workload);
    const torch = peers.filter((r) => r.engine === 'torch');
    for (const ours of peers.filter((r) => r.engine !== 'torch')) {
      for (const blas of [...new Set(torch.map((r) => r.blas))]) {
        const best = fastest(torch.filter((r) => r.blas === blas))!;
        const ratio = ours.imgPerSec! / best.imgPerSec!;
        const oursLabel = ours.threads === null ? ours.engine : `${ours.engine} (${plural(ours.threads)})`;
        lines.push(
          `${workload}: ${oursLabel} ${ours.imgPerSec!.toFixed(1)} img/s = ${ratio.toFixed(2)}x PyTorch's best ` +
            `with ${blas ?? 'its'} BLAS (${plural(best.threads)}, ${best.imgPerSec!.toFixed(1)} img/s)`,
        );
      }
    }
  }
  return lines;
}

/** Both sides must have built the same networks for the comparison to mean anything: compare weight counts. */
export function parameterCheck(results: EngineResult[]): string[] {
  const lines: string[] = [];
  for (const model of [...new Set(results.map((r) => r.model))]) {
    const counts = new Set(
      results
        .filter((r) => r.model === model && r.params)
        .map((r) => `G ${r.params!.generator}, D ${r.params!.discriminator}`),
    );
    const [only] = counts;
    if (counts.size === 1)
      lines.push(`${model}: every engine trained the same networks (${only} trainable weights)`);
    else if (counts.size > 1) {
      lines.push(`${model}: WARNING, the engines built different networks: ${[...counts].join(' vs ')}`);
    }
  }
  return lines;
}

/**
 * PyTorch 1.13 computes transposed convs on the CPU as im2col plus a BLAS product, so on the netlib reference
 * BLAS (all Debian's python3-torch gets unless an optimised BLAS is installed) it runs several times below its
 * real speed, and a ratio against that flatters us.
 */
export function blasNotes(results: EngineResult[]): string[] {
  const kinds = new Set(results.filter((r) => r.engine === 'torch' && r.blas).map((r) => r.blas!));
  if (!kinds.has('reference')) return [];
  const optimised = [...kinds].filter((kind) => kind !== 'reference');
  if (optimised.length > 0) {
    return [
      `note: the torch/reference rows used the netlib reference BLAS, which slows PyTorch's transposed convs ` +
        `several times; the torch/${optimised.join(', torch/')} rows are PyTorch's real speed here`,
    ];
  }
  return [
    'warning: PyTorch ran on the netlib reference BLAS, which slows its transposed convs several times, so the ' +
      'ratio flatters TensorFlow.js. Install an optimised BLAS (Debian: libopenblas0-pthread) or pass ' +
      '--torch-blas DIR; see docs/performance.md',
  ];
}
