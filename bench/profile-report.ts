import type { EngineResult } from './bench-result';
import type { TrainingProfile } from './kernel-profile';

/** `npm run bench -- --profile`'s tables: where one training step's time goes on one engine. */

const TOP_ROWS = 25;
/** A kernel with many inputs (the fused Adam takes four per weight) would otherwise widen the table. */
const MAX_SHAPES_LENGTH = 48;
const shortened = (shapes: string) =>
  shapes.length <= MAX_SHAPES_LENGTH ? shapes : `${shapes.slice(0, MAX_SHAPES_LENGTH - 3)}...`;
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const share = (ms: number, total: number) => `${((100 * ms) / total).toFixed(1)}%`;

function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((r) => r[column]!.length)));
  return all
    .map((r) =>
      r
        .map((cell, column) =>
          rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The step split into kernels and the JavaScript around them, then kernels by name and by shape. */
export function profileReport(result: EngineResult, profile: TrainingProfile): string {
  const threads =
    result.threads === null ? '' : `, ${result.threads} thread${result.threads === 1 ? '' : 's'}`;
  const step = profile.unprofiledStepMs;
  const outside = Math.max(0, step - profile.kernelMs);
  const lines = [
    `${result.engine}${threads}: ${result.model} ${result.step}, batch ${result.batch}, ` +
      `mean of ${profile.profiledSteps} profiled steps`,
    `  step ${fixed(step)} ms (median unprofiled; ${fixed(profile.stepMs)} ms while profiled) = ` +
      `kernels ${fixed(profile.kernelMs)} ms (${share(profile.kernelMs, step)}, ` +
      `${Math.round(profile.kernelCalls)} calls) + outside kernels ${fixed(outside)} ms (${share(outside, step)})`,
    '',
    table(
      ['kernel', 'calls', 'ms/step', 'share'],
      profile.byKernel.map((k) => [k.kernel, fixed(k.calls, 0), fixed(k.ms), share(k.ms, step)]),
      new Set([1, 2, 3]),
    ),
    '',
    table(
      ['kernel', 'input shapes', 'calls', 'ms/step', 'share'],
      profile.rows
        .slice(0, TOP_ROWS)
        .map((r) => [r.kernel, shortened(r.shapes), fixed(r.calls, 0), fixed(r.ms), share(r.ms, step)]),
      new Set([2, 3, 4]),
    ),
  ];
  if (profile.rows.length > TOP_ROWS)
    lines.push(`  (${profile.rows.length - TOP_ROWS} smaller rows left out)`);
  return lines.join('\n');
}
