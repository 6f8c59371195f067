/**
 * `npm run bench -- --only lab` (or `tsx bench/lab-bench.ts`): the GAN Lab's benchmark. Reports, for the
 * introduction's GAN with the Lab's defaults on the ring, the JS divergence after N iterations (the median over
 * several seeds, beside the introduction's own learning rate of 0.001), what an iteration costs on each engine
 * under Node, and the view's frame rate and training speed in headless Chromium. Not a test: nothing is
 * asserted. Figures and how to read them: docs/performance.md, "GAN Lab".
 */
import { parseArgs } from 'node:util';
import { LAB_DEFAULTS, parseLabConfig } from '../src-main/engine/lab/lab-config';
import { type BrowserRun, measureInChromium } from './lab-browser';
import { type EngineTiming, type QualityRow, timeEngines, trainOnRing } from './lab-quality';
import { describeMachine, loadAverage } from './machine-info';
import { integerOption } from './measure';

export const LAB_USAGE = `Usage: tsx bench/lab-bench.ts [options]   (or: npm run bench -- --only lab)

  --steps N     training iterations per seed (default 6000)
  --seeds K     seeds 1..K (default 5)
  --seconds S   seconds of measured training per engine in Chromium (default 10)
  --quick       a smoke check: 400 iterations, 2 seeds, 3 s in the browser
  --no-browser  skip the Chromium measurement
  --json        one JSON line with every figure on stdout; the report goes to stderr`;

export interface LabBenchResult {
  bench: 'lab';
  machine: string;
  loadAverage: number;
  steps: number;
  seeds: number;
  quality: QualityRow[];
  engines: EngineTiming[];
  browser: BrowserRun[] | { skipped: string };
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      steps: { type: 'string', default: '6000' },
      seeds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '10' },
      quick: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  return {
    steps: values.quick ? 400 : integerOption('--steps', values.steps),
    seeds: values.quick ? 2 : integerOption('--seeds', values.seeds),
    seconds: values.quick ? 3 : integerOption('--seconds', values.seconds),
    browser: !values['no-browser'],
    quick: values.quick,
    json: values.json,
    help: values.help,
  };
}

function qualityLines(row: QualityRow): string[] {
  return row.checkpoints.map(
    (c) =>
      `  ${row.label}, ${c.iteration} iterations: JS median ${c.jsMedian.toFixed(3)} ` +
      `(seeds: ${c.js.map((js) => js.toFixed(3)).join(', ')}), modes covered median ${c.modesMedian}/8`,
  );
}

function browserLine(run: BrowserRun): string {
  const modes =
    run.secondsToAllModes === undefined ? '' : `; all 8 modes covered ${run.secondsToAllModes} s after Play`;
  const busy = run.machineBusyCores === undefined ? '' : `; machine busy ${run.machineBusyCores} cores`;
  return (
    `  ${run.compute}: ${run.framesPerSecond} fps, ${run.stepsPerSecond} iterations/s over ${run.seconds} s; ` +
    `each frame ${run.trainingMsPerFrame} ms training + ${run.drawingMsPerFrame} ms probing and drawing; ` +
    `${run.lateFrames} late frames, longest frame ${run.longestFrameMs} ms, ${run.longTasks} long tasks${modes}${busy}`
  );
}

async function main(): Promise<number> {
  const options = readOptions();
  if (options.help) {
    process.stdout.write(`${LAB_USAGE}\n`);
    return 0;
  }
  const say = (text: string) => (options.json ? process.stderr : process.stdout).write(`${text}\n`);
  say(
    `GAN Lab bench, ${new Date().toISOString()}\nmachine: ${describeMachine()}; load average ${loadAverage()}`,
  );

  say(`\nThe introduction's GAN on the ring: ${options.steps} iterations, seeds 1-${options.seeds}`);
  const keras = parseLabConfig({
    ...LAB_DEFAULTS,
    generatorLearningRate: 0.001,
    discriminatorLearningRate: 0.001,
  });
  const quality = [
    trainOnRing(LAB_DEFAULTS, 'Lab defaults (Adam 0.003)', options.steps, options.seeds),
    trainOnRing(keras, "Keras's Adam rate (0.001)", options.steps, options.seeds),
  ];
  for (const row of quality) for (const line of qualityLines(row)) say(line);

  say('\nCost under Node (ms per call, median): a training iteration, a frame of probes, a measurement');
  const engines = await timeEngines(options.quick);
  for (const e of engines) {
    const others =
      e.otherCores === undefined ? '' : ` (other processes used ${e.otherCores} cores meanwhile)`;
    say(`  ${e.compute}: iteration ${e.iterationMs}, frame ${e.frameMs}, measure ${e.measureMs}${others}`);
  }
  const [plain, tfjs] = engines;
  if (plain && tfjs)
    say(`  plain trains ${(tfjs.iterationMs / plain.iterationMs).toFixed(1)}x faster than TensorFlow.js`);

  let browser: LabBenchResult['browser'] = { skipped: '--no-browser' };
  if (options.browser) {
    say(
      `\nThe view in headless Chromium (software rendering, --disable-gpu), ${options.seconds} s per engine`,
    );
    try {
      browser = await measureInChromium(options.seconds);
      for (const run of browser) say(browserLine(run));
    } catch (error) {
      browser = { skipped: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
      say(`  skipped: ${browser.skipped}`);
    }
  }
  say(`load average at the end: ${loadAverage()}`);
  const result: LabBenchResult = {
    bench: 'lab',
    machine: describeMachine(),
    loadAverage: loadAverage(),
    steps: options.steps,
    seeds: options.seeds,
    quality,
    engines,
    browser,
  };
  if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

process.exitCode = await main();
