/**
 * `npm run bench`: trains the reference DCGAN on each engine in turn, each in its own child process, never two at
 * once, and reports images/s, memory, the preview time and TensorFlow.js's speed relative to PyTorch on the CPU.
 * See docs/performance.md for what exactly is compared and the latest figures.
 */
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE, type BenchArgs } from './bench-args';
import { describeRun, type PlannedRun, planProfileRuns, planRuns } from './bench-plan';
import { type EngineName, type EngineResult, skippedResult } from './bench-result';
import { engineCommand } from './engine-command';
import { findTorchPython } from './find-python';
import { busyCoresNow } from './cpu-contention';
import { describeMachine, loadAverage } from './machine-info';
import { profileReport } from './profile-report';
import { blasNotes, parameterCheck, ratioLines, resultsTable } from './report';
import { runChild } from './run-child';
import { runLabBench } from './lab-bench-child';

/** Above this much CPU used by other processes during a run, its figure is flagged as unreliable. */
const CONTENDED_CORES = 0.1;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

function readArgs(): BenchArgs {
  try {
    return parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\nTry --help.\n`);
    process.exit(2);
  }
}

/** A result line for an engine that can't run here, so --json consumers learn why it is missing. */
function skippedRun(run: PlannedRun, reason: string): EngineResult {
  const { engine, model, step, batch } = run;
  const base = { engine, model, step, batch, threads: run.threads ?? null };
  return skippedResult({ ...base, warmupSteps: run.warmup, timedSteps: run.steps }, reason);
}

function summary(result: EngineResult): string {
  if (result.skipped) return `skipped: ${result.skipped}`;
  const preview = result.previewMs === undefined ? '' : `, preview grid ${result.previewMs} ms`;
  const others =
    result.otherCores === undefined ? '' : `; other processes used ${result.otherCores} cores meanwhile`;
  return `${result.imgPerSec!.toFixed(1)} img/s, RSS ${result.rssStartMB} -> ${result.rssEndMB} MB${preview}${others}`;
}

async function main(): Promise<number> {
  const args = readArgs();
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The GAN Lab's bench measures other things (JS divergence, a page's frame rate): it runs on its own, first.
  const labFailed = args.lab && (await runLabBench(args, REPO_ROOT)) !== 0;
  if (args.engines.size === 0) return labFailed ? 1 : 0;
  // In --json mode stdout is for result lines only.
  const say = (text: string) => (args.json ? process.stderr : process.stdout).write(`${text}\n`);
  const emit = (result: EngineResult) => {
    if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  };

  say(`GAN Studio bench, ${new Date().toISOString()}`);
  say(`machine: ${describeMachine()}; load average ${loadAverage()}`);
  const busy = await busyCoresNow();
  if (busy !== undefined && busy > CONTENDED_CORES) {
    say(`warning: something else is using ${busy} cores right now: the figures will be low and noisy`);
  }
  say(
    'workload: reference DCGAN (latent 64, widths 32), one D step + one G step per iteration, Adam 2e-4 (0.5, 0.999), ' +
      "EMA of G; 'plain' = DiffAugment off on both sides, 'diffaugment' = colour+translation+cutout on both sides; " +
      'pix2pix64 = the default pix2pix (U-Net + PatchGAN, width 32) at 64 px, images/s counting pairs, TensorFlow.js only',
  );

  const skippedEngines = new Map<EngineName, string>();
  let python: string | undefined;
  if (args.engines.has('torch')) {
    const found = findTorchPython();
    if (found.ok) {
      python = found.python;
      say(`PyTorch ${found.torchVersion} via ${found.python}`);
    } else {
      skippedEngines.set('torch', found.reason);
    }
  }

  const results: EngineResult[] = [];
  let failures = 0;
  for (const run of args.profile ? planProfileRuns(args) : planRuns(args)) {
    const known = skippedEngines.get(run.engine);
    // Report a skipped engine once, at its first run; its later runs would only repeat the reason.
    if (known !== undefined) {
      if (!results.some((r) => r.engine === run.engine)) {
        const result = skippedRun(run, known);
        results.push(result);
        emit(result);
        say(`\n${describeRun(run)}\n  skipped: ${known}`);
      }
      continue;
    }
    say(`\n${describeRun(run)}`);
    try {
      const { command, args: childArgs, env } = engineCommand(run, python);
      const result = await runChild(command, childArgs, REPO_ROOT, env);
      if (result.skipped) skippedEngines.set(run.engine, result.skipped);
      results.push(result);
      emit(result);
      say(`  ${summary(result)}`);
    } catch (error) {
      failures += 1;
      say(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  say(`\n${resultsTable(results)}\n`);
  for (const result of results) if (result.profile) say(`${profileReport(result, result.profile)}\n`);
  for (const line of [...ratioLines(results), ...parameterCheck(results), ...blasNotes(results)]) say(line);
  const kernels = results.find((r) => r.kernelsAdded?.length)?.kernelsAdded;
  if (kernels) say(`wasm ran with these kernels of ours: ${kernels.join(', ')}`);
  const contended = results.filter((r) => (r.otherCores ?? 0) > CONTENDED_CORES);
  if (contended.length > 0) {
    say(
      `warning: other processes took over ${CONTENDED_CORES} of a core during ${contended.length} run(s) ` +
        "(column 'others'); those figures are low: rerun on a quiet machine",
    );
  }
  say(`load average at the end: ${loadAverage()} (compare engines within one run only)`);
  return failures === 0 && !labFailed ? 0 : 1;
}

process.exitCode = await main();
