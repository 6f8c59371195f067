import { parseWithClearErrors } from '../../config-errors';
import { RealImageBatches } from '../../data/real-image-batches';
import { imagesOf, type ModelDefinition } from '../model-definition';
import { type DcganConfig, dcganConfigSchema } from './dcgan-config';
import { dcganGeneratorLayersModel } from './dcgan-layers-model';
import { DcganSampler } from './dcgan-sampler';
import { DcganTrainer } from './dcgan-trainer';

export const dcgan: ModelDefinition<DcganConfig> = {
  id: 'dcgan',
  title: 'DCGAN: images like the ones in a folder',
  parseConfig: (input) => parseWithClearErrors(dcganConfigSchema, input, 'dcgan config'),
  createTrainer: (config, data) =>
    new DcganTrainer(config, new RealImageBatches(imagesOf(data, 'dcgan'), config.seed)),
  createSampler: (config, tensors) => new DcganSampler(config, tensors),
  generatorLayersModel: dcganGeneratorLayersModel,
};
