import { chromium, type Page } from 'playwright-core';
import { busyCoresNow } from './cpu-contention';
import { serveLabPage } from './lab-page-server';

/**
 * The Lab in Debian's Chromium, headless, as a person would use it: open the view, press Play, and measure the
 * frames the page paints (our own requestAnimationFrame counter, not the view's) and the iterations it trains
 * per second, first with the default engine and then with TensorFlow.js. Also how long the default run takes
 * to cover all eight modes of the ring.
 */
/** Debian's Chromium; LAB_BENCH_CHROMIUM names another (a wrapper that runs it under nice, say). */
const CHROMIUM = process.env.LAB_BENCH_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const ALL_MODES = /covers 8 of 8 modes/;

export interface BrowserRun {
  compute: 'plain' | 'tfjs';
  seconds: number;
  framesPerSecond: number;
  /** Frames that came more than 1.5 display periods after the one before (a missed refresh). */
  lateFrames: number;
  /** Longest gap between two frames, in ms. */
  longestFrameMs: number;
  /** Main-thread tasks over 50 ms (the browser's long tasks): stalls a person would feel. */
  longTasks: number;
  stepsPerSecond: number;
  /** The view's own averages at the end: each frame's training time and the rest of its work (probe, paint). */
  trainingMsPerFrame: number;
  drawingMsPerFrame: number;
  /** Cores' worth of CPU the whole machine used meanwhile (Chromium itself takes about one). */
  machineBusyCores: number | undefined;
  /** Plain engine only: seconds from Play until G covers all eight modes (undefined if it did not). */
  secondsToAllModes?: number;
}

async function iteration(page: Page): Promise<number> {
  return Number(await page.getByTestId('lab-iteration').textContent());
}

/*
 * Scripts for the page, as source text: tsx compiles this file with esbuild's keepNames, which wraps functions
 * in a __name() helper that does not exist in the page, so a function handed to page.evaluate would not run.
 */
const START_COUNTING = `(() => {
  const record = { frames: [], longTasks: 0 };
  window.labBench = record;
  const tick = (at) => { record.frames.push(at); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => { record.longTasks += list.getEntries().length; }).observe({ type: 'longtask' });
})()`;
const READ_COUNTS = 'window.labBench';
const PLAY_ENABLED = "!document.querySelector('.play').disabled";

interface Counts {
  frames: number[];
  longTasks: number;
}

async function measureWhileTraining(page: Page, compute: BrowserRun['compute'], seconds: number) {
  await page.evaluate(START_COUNTING);
  const busy = busyCoresNow(seconds * 1000);
  const first = await iteration(page);
  const started = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const trained = (await iteration(page)) - first;
  const elapsed = (Date.now() - started) / 1000;
  const { frames, longTasks } = (await page.evaluate(READ_COUNTS)) as Counts;
  const gaps = frames.slice(1).map((at, i) => at - frames[i]!);
  const period = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 16.7;
  const run: BrowserRun = {
    compute,
    seconds: Math.round(elapsed * 10) / 10,
    framesPerSecond: Math.round((gaps.length / (frames.at(-1)! - frames[0]!)) * 1000 * 10) / 10,
    lateFrames: gaps.filter((gap) => gap > 1.5 * period).length,
    longestFrameMs: Math.round(Math.max(...gaps)),
    longTasks,
    stepsPerSecond: Math.round(trained / elapsed),
    trainingMsPerFrame: Number(await page.getByTestId('lab-training-ms').textContent()),
    drawingMsPerFrame: Number(await page.getByTestId('lab-drawing-ms').textContent()),
    machineBusyCores: await busy,
  };
  return run;
}

export async function measureInChromium(seconds: number): Promise<BrowserRun[]> {
  const page = await serveLabPage();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const tab = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await tab.goto(page.url);
    const play = tab.getByRole('button', { name: 'Play' });
    await tab.waitForFunction(PLAY_ENABLED);
    const clicked = Date.now();
    await play.click();
    const summary = tab.getByText(ALL_MODES);
    const secondsToAllModes = await summary
      .waitFor({ timeout: 60_000 })
      .then(() => Math.round((Date.now() - clicked) / 100) / 10)
      .catch(() => undefined);
    const plain = { ...(await measureWhileTraining(tab, 'plain', seconds)), secondsToAllModes };
    await tab.getByRole('combobox', { name: 'Compute' }).selectOption('tfjs');
    await tab.getByRole('button', { name: 'Pause' }).waitFor();
    await tab.waitForTimeout(1000);
    const tfjs = await measureWhileTraining(tab, 'tfjs', seconds);
    return [plain, tfjs];
  } finally {
    await browser.close();
    await page.close();
  }
}
