import type { LossName } from './lab-config';

/**
 * One point's share of a GAN loss, from D's logit l at that point (D's probability is sigmoid(l)), and its slope
 * d value / d l. The real term is the loss for "D should say real", the fake term for "D should say fake", the
 * generator term G's loss at one of its points. D's log loss is the same for 'log' and 'minimax'; they differ
 * in G's: the non-saturating -log D(G(z)) against the original log(1 - D(G(z))), whose slope sigmoid(l)
 * vanishes exactly when D is sure a point is fake.
 *
 * Least squares is taken on D's sigmoid output (Keras's loss='mse' on the introduction's sigmoid D), so it
 * saturates where D is sure: a deliberate way to watch G's gradients vanish.
 */
export interface LossTerm {
  value: number;
  slope: number;
}

export function sigmoid(logit: number): number {
  return logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));
}

/** log(1 + e^x) without overflow for large |x|. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The loss for a point D should call real: -log D(x), or (D(x) - 1)^2. */
export function realTerm(loss: LossName, logit: number): LossTerm {
  const p = sigmoid(logit);
  if (loss === 'least-squares') return { value: (p - 1) ** 2, slope: 2 * (p - 1) * p * (1 - p) };
  return { value: softplus(-logit), slope: p - 1 };
}

/** The loss for a point D should call fake: -log(1 - D(x)), or D(x)^2. */
export function fakeTerm(loss: LossName, logit: number): LossTerm {
  const p = sigmoid(logit);
  if (loss === 'least-squares') return { value: p * p, slope: 2 * p * p * (1 - p) };
  return { value: softplus(logit), slope: p };
}

/** G's loss at one of its points: the real term, except in the minimax game, log(1 - D(x)). */
export function generatorTerm(loss: LossName, logit: number): LossTerm {
  if (loss !== 'minimax') return realTerm(loss, logit);
  const { value, slope } = fakeTerm(loss, logit);
  return { value: -value, slope: -slope };
}
