import type { EvalEvent, JobEvent, TranslationScores } from '../../shared/job-events';
import { CliOutput } from '../cli-output';

/**
 * CliOutput that also puts the events of paired imports, translation and evaluation into words for people;
 * with --json every event is still exactly one JSON line.
 */
export class TranslationCliOutput extends CliOutput {
  override event(event: JobEvent): void {
    if (event.event === 'eval') return this.result(describeEvaluation(event), { ...event });
    super.event(event);
    if (this.json || event.event !== 'done' || !('imported' in event) || event.heldOut === undefined) return;
    const lines = [
      `${event.heldOut} of the ${event.imported} pairs are held out for evaluation`,
      ...(event.unpartnered ?? []).map(
        (file) => `  no partner for ${file.side.toUpperCase()} ${file.path}: ${file.reason}`,
      ),
    ];
    this.result(lines.join('\n'), { event: 'note' });
  }
}

export function describeEvaluation(event: EvalEvent): string {
  const row = (name: string, scores: TranslationScores) =>
    `  ${name.padEnd(18)}${scores.psnr.toFixed(2).padStart(9)}${scores.ssim.toFixed(4).padStart(9)}${scores.l1.toFixed(4).padStart(9)}`;
  const way = event.direction === 'a2b' ? 'A to B' : 'B to A';
  return [
    `run ${event.run} at step ${event.step}, ${event.pairs} held-out pairs of ${event.dataset} (${way}):`,
    `  ${''.padEnd(18)}${'PSNR dB'.padStart(9)}${'SSIM'.padStart(9)}${'L1'.padStart(9)}`,
    row('model', event.model),
    row('identity', event.identity),
    row('colour transform', event.colorTransform),
    event.beatsBaselines
      ? '  the model beats both baselines on every score'
      : '  the model does not beat both baselines on every score yet',
  ].join('\n');
}
