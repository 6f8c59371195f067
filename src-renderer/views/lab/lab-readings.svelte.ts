import { healthReading } from '../../../src-main/engine/lab/health-reading';
import type { DistanceReading, LabFrame } from '../../../src-main/engine/lab/lab-probes';
import type { IterationResult, LabSession } from '../../../src-main/engine/lab/lab-session';
import { type TroubleSign, TroubleWatch } from '../../../src-main/engine/lab/trouble-signs';
import { FrameMeter } from './frame-meter';
import { ChartSeries } from './lab-history';

/** Distances are measured (4096 points through G, two histograms) at most this often. */
const MEASURE_EVERY_MS = 100;
/** Weight of the latest frame in the per-frame work averages: about half a second at 60 fps. */
const WORK_SMOOTHING = 0.05;

/**
 * Everything the view shows about the run: the frame the canvas draws, the distances, the chart series, the
 * signs of trouble and the speed. Large arrays are $state.raw: they are replaced each frame, never mutated.
 */
export class LabReadings {
  iteration = $state(0);
  frame = $state.raw<LabFrame | undefined>();
  distance = $state.raw<DistanceReading | undefined>();
  noiseFloor = $state(0);
  troubles = $state.raw<TroubleSign[]>([]);
  framesPerSecond = $state(0);
  stepsPerSecond = $state(0);
  /** Moving averages of each frame's training time and of the rest of its work (probing, measuring, painting). */
  trainingMs = $state(0);
  drawingMs = $state(0);
  /** Bumped whenever the chart series change, for the charts to redraw. */
  chartVersion = $state(0);
  readonly losses = new ChartSeries(['discriminator', 'generator'] as const);
  readonly divergences = new ChartSeries(['kl', 'js'] as const);

  private readonly watch = new TroubleWatch();
  private readonly meter = new FrameMeter();
  private latest: IterationResult = {};
  private lastMeasured = -Infinity;

  constructor(private readonly now: () => number) {}

  record(iteration: number, result: IterationResult): void {
    this.iteration = iteration;
    this.latest = { ...this.latest, ...result };
    this.losses.push(iteration, { discriminator: result.discriminatorLoss, generator: result.generatorLoss });
    this.chartVersion += 1;
  }

  /** Probes the networks for the canvas; with `measure`, measures the distances and reads the signs too. */
  refresh(session: LabSession, measure: boolean): void {
    this.frame = session.frame();
    this.noiseFloor = session.probes.noiseFloor;
    if (measure) this.measure(session);
  }

  /** Whether a measurement is due: they cost about a frame's probing, so they come ten times a second at most. */
  get measurementDue(): boolean {
    return this.now() - this.lastMeasured >= MEASURE_EVERY_MS;
  }

  measure(session: LabSession): void {
    this.lastMeasured = this.now();
    const distance = session.measure();
    this.distance = distance;
    this.divergences.push(session.iteration, { kl: distance.kl, js: distance.js });
    this.chartVersion += 1;
    const latest = this.latest;
    const frame = this.frame;
    // The signs need both networks' numbers: wait for the first D and the first G update.
    if (!frame || latest.discriminatorLoss === undefined || latest.generatorLoss === undefined) return;
    const complete = { realScore: 0.5, fakeScore: 0.5, ...latest } as Required<IterationResult>;
    this.troubles = this.watch.update(healthReading(session.iteration, complete, frame, distance));
  }

  get diverged(): boolean {
    return this.troubles.some((sign) => sign.kind === 'diverged');
  }

  /** Once per painted frame while playing. */
  tick(steps: number): void {
    this.meter.tick(this.now(), steps);
    this.framesPerSecond = this.meter.framesPerSecond;
    this.stepsPerSecond = this.meter.stepsPerSecond;
  }

  /** A frame's whole work and its training part, in milliseconds. */
  frameWork(total: number, training: number): void {
    const weight = this.trainingMs === 0 && this.drawingMs === 0 ? 1 : WORK_SMOOTHING;
    this.trainingMs += weight * (training - this.trainingMs);
    this.drawingMs += weight * (Math.max(0, total - training) - this.drawingMs);
  }

  stopped(): void {
    this.meter.reset();
    this.framesPerSecond = 0;
    this.stepsPerSecond = 0;
    this.trainingMs = 0;
    this.drawingMs = 0;
  }

  clear(): void {
    this.iteration = 0;
    this.latest = {};
    this.lastMeasured = -Infinity;
    this.losses.clear();
    this.divergences.clear();
    this.watch.reset();
    this.troubles = [];
    this.distance = undefined;
    this.chartVersion += 1;
  }
}
