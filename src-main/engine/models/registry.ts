import { cyclegan } from './cyclegan';
import { dcgan } from './dcgan';
import type { BaseModelConfig, ModelDefinition } from './model-definition';
import { pix2pix } from './pix2pix';

/** Every model the studio can train, by id. Adding a model: one file exporting its definition, one line here. */
const MODELS: Record<string, ModelDefinition<BaseModelConfig>> = {
  dcgan: dcgan as unknown as ModelDefinition<BaseModelConfig>,
  pix2pix: pix2pix as unknown as ModelDefinition<BaseModelConfig>,
  cyclegan: cyclegan as unknown as ModelDefinition<BaseModelConfig>,
};

export function modelIds(): string[] {
  return Object.keys(MODELS);
}

export function getModel(id: string): ModelDefinition<BaseModelConfig> {
  const model = MODELS[id];
  if (!model) throw new Error(`unknown model "${id}" (available: ${modelIds().join(', ')})`);
  return model;
}
