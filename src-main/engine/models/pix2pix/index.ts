import { parseWithClearErrors } from '../../config-errors';
import { SeededRandom, Stream } from '../../random/seeded-random';
import type { ModelDefinition } from '../model-definition';
import { GeneratorTranslator, loadStore } from '../image-translation/generator-translator';
import { refuseSampling } from '../image-translation/refuse-sampling';
import { type Pix2pixConfig, pix2pixConfigSchema } from './pix2pix-config';
import { Pix2pixTrainer } from './pix2pix-trainer';
import { buildUNet, runUNet } from './unet-generator';

export const pix2pix: ModelDefinition<Pix2pixConfig> = {
  id: 'pix2pix',
  title: 'pix2pix: translate photos from one look to another, learned from matched pairs',
  parseConfig: (input) => parseWithClearErrors(pix2pixConfigSchema, input, 'pix2pix config'),
  trainsOn: ['paired'],
  createTrainer: (config, data) => {
    if (data.kind !== 'paired') {
      throw new Error('pix2pix learns from matched pairs: import them with gan-studio import-pairs');
    }
    return new Pix2pixTrainer(config, data.pairs);
  },
  createSampler: () => refuseSampling('pix2pix'),
  createTranslator: (config, tensors) => {
    // The initial weights are overwritten; any seed will do.
    const generator = loadStore(
      buildUNet(config, new SeededRandom(Stream.initialWeights, 0)),
      tensors,
      'generator/',
    );
    return new GeneratorTranslator(
      config.imageSize,
      { a2b: (images) => runUNet(generator, images, { training: false }) },
      [generator],
    );
  },
};
