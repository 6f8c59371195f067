import type { Coverage } from './mode-coverage';

/**
 * Signs of a GAN in trouble, read from smoothed training statistics as they happen, each with what it means and
 * what to try. Thresholds were set by breaking the introduction's GAN on purpose (see docs/performance.md):
 * each sign turns on past one threshold and off only past a gentler one, so it doesn't flicker.
 */
export type TroubleKind = 'diverged' | 'discriminator-wins' | 'vanishing-gradients' | 'mode-collapse';

export interface TroubleSign {
  kind: TroubleKind;
  title: string;
  meaning: string;
  fix: string;
}

/** What the watch is fed about ten times a second. */
export interface HealthReading {
  iteration: number;
  /** Mean D(x) on the latest real and generated training batches. */
  realScore: number;
  fakeScore: number;
  generatorLoss: number;
  discriminatorLoss: number;
  /** Median length of the generator-gradient arrows. */
  pushMedian: number;
  js: number;
  coverage: Coverage;
  /** G's spread over the data's (DistanceReading.spread): well below 1 when G piles its points up. */
  spread: number;
}

/** Weight of a new reading in the moving averages: about a second's memory at ten readings a second. */
const SMOOTHING = 0.2;
/**
 * Mode collapse: G covers at most half the data while its points spread over under half the area the data's do.
 * Low coverage with a wide spread is G still finding the data, not collapse.
 */
const COLLAPSED_COVERAGE = 0.5;
const COLLAPSED_SPREAD = 0.5;
/**
 * ...for this many iterations in a row: G often bunches up for a few hundred iterations on its way to the data
 * (the default run on the ring does, twice), which is learning, not a collapse worth a warning.
 */
const COLLAPSE_PERSISTS = 1000;

interface Averages {
  realScore: number;
  fakeScore: number;
  pushMedian: number;
  coverage: number;
  spread: number;
}

export class TroubleWatch {
  private averages: Averages | undefined;
  private readonly active = new Set<TroubleKind>();
  private collapsedSince: number | undefined;

  update(reading: HealthReading): TroubleSign[] {
    if (![reading.generatorLoss, reading.discriminatorLoss, reading.js].every(Number.isFinite)) {
      return [diverged()];
    }
    const a = this.smooth(reading);
    this.toggle('discriminator-wins', a.realScore - a.fakeScore > 0.6, a.realScore - a.fakeScore < 0.4);
    this.toggle('vanishing-gradients', a.pushMedian < 0.01 && reading.js > 0.05, a.pushMedian > 0.03);
    const collapsed = a.coverage <= COLLAPSED_COVERAGE && a.spread < COLLAPSED_SPREAD;
    if (!collapsed) this.collapsedSince = undefined;
    else this.collapsedSince ??= reading.iteration;
    const persisted =
      this.collapsedSince !== undefined && reading.iteration - this.collapsedSince >= COLLAPSE_PERSISTS;
    this.toggle('mode-collapse', persisted, a.coverage >= 0.75 || a.spread > 0.7);
    const signs: TroubleSign[] = [];
    if (this.active.has('discriminator-wins')) signs.push(discriminatorWins(a, reading.generatorLoss));
    if (this.active.has('vanishing-gradients')) signs.push(vanishingGradients(a.pushMedian));
    if (this.active.has('mode-collapse')) signs.push(modeCollapse(reading.coverage));
    return signs;
  }

  reset(): void {
    this.averages = undefined;
    this.active.clear();
    this.collapsedSince = undefined;
  }

  private smooth(reading: HealthReading): Averages {
    const now: Averages = {
      realScore: reading.realScore,
      fakeScore: reading.fakeScore,
      pushMedian: reading.pushMedian,
      coverage: reading.coverage.fraction,
      spread: reading.spread,
    };
    const before = this.averages;
    this.averages = before
      ? {
          realScore: before.realScore + SMOOTHING * (now.realScore - before.realScore),
          fakeScore: before.fakeScore + SMOOTHING * (now.fakeScore - before.fakeScore),
          pushMedian: before.pushMedian + SMOOTHING * (now.pushMedian - before.pushMedian),
          coverage: before.coverage + SMOOTHING * (now.coverage - before.coverage),
          spread: before.spread + SMOOTHING * (now.spread - before.spread),
        }
      : now;
    return this.averages;
  }

  private toggle(kind: TroubleKind, turnOn: boolean, turnOff: boolean): void {
    if (turnOn) this.active.add(kind);
    else if (turnOff) this.active.delete(kind);
  }
}

function diverged(): TroubleSign {
  return {
    kind: 'diverged',
    title: 'Training blew up',
    meaning: 'A loss became infinite or not a number: a learning rate is too large for its optimizer.',
    fix: 'Lower the learning rates (or switch SGD to Adam) and press Reset.',
  };
}

function discriminatorWins(a: Averages, generatorLoss: number): TroubleSign {
  return {
    kind: 'discriminator-wins',
    title: `D is winning outright: D(real) ≈ ${a.realScore.toFixed(2)}, D(fake) ≈ ${a.fakeScore.toFixed(2)}`,
    meaning:
      `D tells real from generated points almost perfectly, so G's loss (${generatorLoss.toFixed(2)}) climbs and ` +
      'its updates turn large and erratic: G is chasing a target that moves faster than it can.',
    fix:
      "Lower D's learning rate or its steps per iteration, give G more steps, or train D with Adam instead of SGD; " +
      'if G stays stuck, press Reset.',
  };
}

function vanishingGradients(pushMedian: number): TroubleSign {
  return {
    kind: 'vanishing-gradients',
    title: `G's gradients have vanished (median arrow ${pushMedian.toExponential(1)})`,
    meaning:
      "D's output is flat where the generated points are (its ReLUs there have died, or its sigmoid is " +
      'saturated), so G gets no direction to move in and stops learning.',
    fix: "Reset with smaller learning rates (D's especially); the non-saturating log loss keeps G's gradient where the others fade.",
  };
}

function modeCollapse(coverage: Coverage): TroubleSign {
  const what = coverage.modes
    ? `${coverage.modes.covered} of ${coverage.modes.total} modes`
    : `${Math.round(coverage.fraction * 100)}% of the data`;
  return {
    kind: 'mode-collapse',
    title: `Mode collapse: G covers only ${what}`,
    meaning:
      'G piles its points onto a few places D currently accepts instead of spreading over the whole target; ' +
      'D then learns to reject those places and G hops elsewhere. It sometimes recovers on its own.',
    fix: "If it persists: lower G's learning rate, give D more steps per iteration, use Adam, or Reset with a new seed.",
  };
}
