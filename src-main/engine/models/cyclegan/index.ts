import { parseWithClearErrors } from '../../config-errors';
import { ParamStore } from '../../layers/param-store';
import { SeededRandom, Stream } from '../../random/seeded-random';
import type { ModelDefinition } from '../model-definition';
import { GeneratorTranslator, loadStore } from '../image-translation/generator-translator';
import { refuseSampling } from '../image-translation/refuse-sampling';
import { type CycleganConfig, cycleganConfigSchema } from './cyclegan-config';
import { CycleganTrainer } from './cyclegan-trainer';
import { addResnetGenerator, runResnetGenerator } from './resnet-generator';

export const cyclegan: ModelDefinition<CycleganConfig> = {
  id: 'cyclegan',
  title: 'CycleGAN: translate photos between two looks, learned from two unmatched folders',
  parseConfig: (input) => parseWithClearErrors(cycleganConfigSchema, input, 'cyclegan config'),
  trainsOn: ['unpaired', 'paired'],
  createTrainer: (config, data) => new CycleganTrainer(config, data),
  createSampler: () => refuseSampling('cyclegan'),
  createTranslator: (config, tensors) => {
    const generators = new ParamStore();
    // The initial weights are overwritten; any seed will do.
    const random = new SeededRandom(Stream.initialWeights, 0);
    for (const prefix of ['ab/', 'ba/']) addResnetGenerator(generators, prefix, config, random);
    loadStore(generators, tensors, 'generators/');
    const run = (prefix: string) => (images: Parameters<typeof runResnetGenerator>[2]) =>
      runResnetGenerator(generators, prefix, images, { training: false });
    return new GeneratorTranslator(config.imageSize, { a2b: run('ab/'), b2a: run('ba/') }, [generators]);
  },
};
