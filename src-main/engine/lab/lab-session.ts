import { SeededRandom } from '../random/seeded-random';
import { changesArchitecture, type LabConfig, type TargetName } from './lab-config';
import {
  type DiscriminatorUpdate,
  discriminatorShape,
  generatorShape,
  type LabEngine,
  type LabEngineState,
} from './lab-engine';
import {
  buildProbes,
  type DistanceReading,
  type LabFrame,
  type LabProbes,
  LabStream,
  measureDistance,
  probeFrame,
} from './lab-probes';
import { drawLatents } from './latent-noise';
import { initMlpParams } from './mlp';
import { buildTarget, type TargetDistribution } from './target-distributions';

/** The networks a seed starts from (Keras's initializers, drawn from our seeded generator). */
export function initialEngineState(config: LabConfig): LabEngineState {
  const draw = (stream: number) => new SeededRandom(config.seed, stream);
  return {
    generator: { params: initMlpParams(generatorShape(config), draw(LabStream.generatorWeights)) },
    discriminator: {
      params: initMlpParams(discriminatorShape(config), draw(LabStream.discriminatorWeights)),
    },
  };
}

/** Means over one iteration's updates; absent for a network that did not update. */
export interface IterationResult {
  discriminatorLoss?: number;
  generatorLoss?: number;
  realScore?: number;
  fakeScore?: number;
}

/**
 * One Lab run: a config, a target, an engine, and the counters every random draw is keyed on. The k-th D update
 * always sees the same real batch and latents for a seed (and the k-th G update the same latents), however the
 * updates are grouped into frames or clicks: a seed replays a run exactly, on either engine.
 */
export class LabSession {
  /** Training calls so far (an iteration, or a single D or G step): the x axis of the charts. */
  iteration = 0;
  discriminatorUpdates = 0;
  generatorUpdates = 0;
  private current: LabConfig;
  private target: TargetDistribution;
  private probeSet: LabProbes;

  constructor(
    config: LabConfig,
    private engineInUse: LabEngine,
    private drawnPoints: Float32Array = new Float32Array(),
  ) {
    this.current = config;
    this.target = buildTarget(config.target, drawnPoints);
    this.probeSet = buildProbes(config, this.target);
  }

  get config(): LabConfig {
    return this.current;
  }

  get engine(): LabEngine {
    return this.engineInUse;
  }

  get probes(): LabProbes {
    return this.probeSet;
  }

  /** Changes that keep the networks: learning rates, optimizers, loss, steps, batch, noise, target. */
  configure(config: LabConfig): void {
    const changed = Object.fromEntries(
      Object.entries(config).filter(([key, value]) => this.current[key as keyof LabConfig] !== value),
    );
    if (changesArchitecture(changed)) throw new Error('architecture and seed changes need a new session');
    const resample = 'target' in changed || 'noise' in changed;
    this.current = config;
    this.engineInUse.configure(config);
    if (resample) this.resample();
  }

  /** Replaces the hand-drawn points (interleaved x, y); only read while the target is 'drawn'. */
  setDrawnPoints(points: Float32Array): void {
    this.drawnPoints = points.slice();
    if (this.current.target === 'drawn') this.resample();
  }

  get targetName(): TargetName {
    return this.target.name;
  }

  /** Swaps the engine (the same networks computed another way); the caller disposes the old one. */
  useEngine(engine: LabEngine): void {
    this.engineInUse = engine;
  }

  /** Takes over another session's counters, so a run moved to a new engine keeps drawing the same batches. */
  continueFrom(previous: LabSession): void {
    this.iteration = previous.iteration;
    this.discriminatorUpdates = previous.discriminatorUpdates;
    this.generatorUpdates = previous.generatorUpdates;
  }

  stepDiscriminator(): DiscriminatorUpdate {
    this.iteration += 1;
    return this.discriminatorUpdate();
  }

  stepGenerator(): number {
    this.iteration += 1;
    return this.generatorUpdate();
  }

  /** D's steps, then G's steps, as set in the config. */
  trainIteration(): IterationResult {
    this.iteration += 1;
    const { discriminatorSteps, generatorSteps } = this.current;
    let discriminatorLoss = 0;
    let realScore = 0;
    let fakeScore = 0;
    for (let i = 0; i < discriminatorSteps; i++) {
      const update = this.discriminatorUpdate();
      discriminatorLoss += update.loss / discriminatorSteps;
      realScore += update.realScore / discriminatorSteps;
      fakeScore += update.fakeScore / discriminatorSteps;
    }
    let generatorLoss = 0;
    for (let i = 0; i < generatorSteps; i++) generatorLoss += this.generatorUpdate() / generatorSteps;
    return { discriminatorLoss, generatorLoss, realScore, fakeScore };
  }

  frame(): LabFrame {
    return probeFrame(this.engineInUse, this.probeSet);
  }

  measure(): DistanceReading {
    return measureDistance(this.engineInUse, this.probeSet, this.target);
  }

  dispose(): void {
    this.engineInUse.dispose();
  }

  private discriminatorUpdate(): DiscriminatorUpdate {
    const { seed, batchSize, latentSize, noise } = this.current;
    const n = this.discriminatorUpdates++;
    const half = batchSize / 2;
    const real = this.target.sample(new SeededRandom(seed, LabStream.realBatch, n), half);
    const latents = drawLatents(
      new SeededRandom(seed, LabStream.discriminatorLatent, n),
      half,
      latentSize,
      noise,
    );
    return this.engineInUse.trainDiscriminator(real, latents, half);
  }

  private generatorUpdate(): number {
    const { seed, batchSize, latentSize, noise } = this.current;
    const n = this.generatorUpdates++;
    const latents = drawLatents(
      new SeededRandom(seed, LabStream.generatorLatent, n),
      batchSize,
      latentSize,
      noise,
    );
    return this.engineInUse.trainGenerator(latents, batchSize);
  }

  private resample(): void {
    this.target = buildTarget(this.current.target, this.drawnPoints);
    this.probeSet = buildProbes(this.current, this.target);
  }
}
