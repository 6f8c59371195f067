import {
  changesArchitecture,
  LAB_DEFAULTS,
  type LabConfig,
  type LabConfigInput,
  parseLabConfig,
} from '../../../src-main/engine/lab/lab-config';
import type { ComputeName, LabEngineState } from '../../../src-main/engine/lab/lab-engine';
import {
  initialEngineState,
  type IterationResult,
  LabSession,
} from '../../../src-main/engine/lab/lab-session';
import { FrameTrainer } from './frame-trainer';
import { createLabEngine, type EngineFactory } from './lab-engine-factory';
import type { LabLayers } from './lab-painter';
import { LabReadings } from './lab-readings.svelte';

/**
 * Training runs on the renderer's main thread inside each animation frame, for at most a budget of a few
 * milliseconds (frame-budget.ts), then the frame is probed and painted: so the picture keeps the display's rate
 * whatever the speed asks for, and a slow or busy machine trains fewer steps per frame rather than dropping
 * frames. (A Web Worker would free the main thread entirely, but at well under a millisecond a step the budget
 * already leaves most of each frame free, and a worker loaded from the desktop app's file:// page under its CSP
 * is something this machine cannot test: see lab-engine-factory.ts for why not the engine worker.)
 */
export const DEFAULT_STEPS_PER_FRAME = 20;

export interface LabStateOptions {
  config?: LabConfigInput;
  createEngine?: EngineFactory;
  now?: () => number;
}

export class LabState {
  config = $state<LabConfig>(LAB_DEFAULTS);
  compute = $state<ComputeName>('plain');
  running = $state(false);
  stepsPerFrame = $state(DEFAULT_STEPS_PER_FRAME);
  layers = $state<LabLayers>({ real: true, fake: true, heat: true, manifold: false, arrows: false });
  drawnPoints = $state.raw<Float32Array>(new Float32Array());
  /** An engine is being built (TensorFlow.js loads asynchronously); controls wait for it. */
  pending = $state(true);
  error = $state<string | undefined>();
  readonly canTrain = $derived(this.config.target !== 'drawn' || this.drawnPoints.length >= 2);
  readonly readings: LabReadings;

  private session: LabSession | undefined;
  private readonly frames: FrameTrainer;
  private readonly createEngine: EngineFactory;

  constructor(options: LabStateOptions = {}) {
    this.config = parseLabConfig({ ...LAB_DEFAULTS, ...options.config });
    this.createEngine = options.createEngine ?? createLabEngine;
    const now = options.now ?? (() => performance.now());
    this.readings = new LabReadings(now);
    this.frames = new FrameTrainer(now);
  }

  /** Builds the first session; controls stay disabled (pending) until it exists. */
  async start(): Promise<void> {
    await this.rebuild(initialEngineState(this.config));
  }

  toggle(): void {
    if (this.running) this.pause();
    else this.play();
  }

  play(): void {
    if (!this.session || !this.canTrain || this.pending) return;
    this.readings.stopped();
    this.frames.reset();
    this.running = true;
  }

  pause(): void {
    this.running = false;
    this.readings.stopped();
  }

  stepDiscriminator(): void {
    this.singleStep((session) => {
      const update = session.stepDiscriminator();
      return { discriminatorLoss: update.loss, realScore: update.realScore, fakeScore: update.fakeScore };
    });
  }

  stepGenerator(): void {
    this.singleStep((session) => ({ generatorLoss: session.stepGenerator() }));
  }

  stepBoth(): void {
    this.singleStep((session) => session.trainIteration());
  }

  /** The same seed and settings from the start: the same run again. */
  async reset(): Promise<void> {
    this.pause();
    await this.rebuild(initialEngineState(this.config));
  }

  /** Applies a settings change; an architecture or seed change starts the networks afresh. */
  async update(change: Partial<LabConfig>): Promise<void> {
    let next: LabConfig;
    try {
      next = parseLabConfig({ ...this.config, ...change });
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return;
    }
    this.error = undefined;
    this.config = next;
    if (changesArchitecture(change) || !this.session) {
      await this.rebuild(initialEngineState(next));
      return;
    }
    this.session.configure(next);
    this.readings.refresh(this.session, true);
  }

  /** Moves the same networks, optimizer state included, to the other engine, and carries on. */
  async useCompute(compute: ComputeName): Promise<void> {
    if (compute === this.compute || !this.session) return;
    const state = await this.session.engine.exportState();
    this.compute = compute;
    await this.rebuild(state, { carryOn: true });
  }

  addDrawnPoint(x: number, y: number): void {
    const points = new Float32Array(this.drawnPoints.length + 2);
    points.set(this.drawnPoints);
    points.set([x, y], this.drawnPoints.length);
    this.setDrawnPoints(points);
  }

  clearDrawing(): void {
    this.pause();
    this.setDrawnPoints(new Float32Array());
  }

  async engineState(): Promise<LabEngineState | undefined> {
    return this.session?.engine.exportState();
  }

  /**
   * One animation frame while playing: a measurement if one is due (first, so its cost comes out of the frame's
   * budget rather than on top of it), training for the rest of the budget, then the probes the canvas draws.
   */
  advanceFrame(): void {
    const session = this.session;
    if (!this.running || !session) return;
    const deadline = this.frames.begin();
    if (this.readings.measurementDue) this.readings.measure(session);
    const { mean, steps } = this.frames.train(session, this.stepsPerFrame, deadline);
    if (mean) this.readings.record(session.iteration, mean);
    this.readings.tick(steps);
    this.readings.refresh(session, false);
    if (this.readings.diverged) this.pause();
  }

  /** The view reports how long the whole frame took (training, probing, painting) to size the next budget. */
  frameWorkDone(milliseconds: number): void {
    this.frames.workDone(milliseconds);
    this.readings.frameWork(milliseconds, this.frames.trainingMs);
  }

  dispose(): void {
    this.pause();
    this.session?.dispose();
    this.session = undefined;
  }

  private singleStep(run: (session: LabSession) => IterationResult): void {
    const session = this.session;
    if (!session || !this.canTrain || this.pending) return;
    const result = run(session);
    this.readings.record(session.iteration, result);
    this.readings.refresh(session, true);
  }

  private setDrawnPoints(points: Float32Array): void {
    this.drawnPoints = points;
    if (!this.session) return;
    this.session.setDrawnPoints(points);
    if (this.config.target === 'drawn') this.readings.refresh(this.session, true);
  }

  /** A new session on a new engine from `state`; `carryOn` keeps the counters and history (engine switch). */
  private async rebuild(state: LabEngineState, { carryOn = false } = {}): Promise<void> {
    const wasRunning = this.running;
    this.pause();
    this.pending = true;
    try {
      const engine = await this.createEngine(this.compute, this.config, state);
      const previous = this.session;
      this.session = new LabSession(this.config, engine, this.drawnPoints);
      if (carryOn && previous) this.session.continueFrom(previous);
      previous?.dispose();
    } catch (error) {
      this.error = `Could not start the ${this.compute} engine: ${error instanceof Error ? error.message : error}`;
      return;
    } finally {
      this.pending = false;
    }
    if (!carryOn) this.readings.clear();
    this.readings.refresh(this.session, true);
    if (wasRunning && carryOn) this.play();
  }
}
