import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTensorValues } from '../../src-main/engine/checkpoints/checkpoint-store';
import { RealImageBatches } from '../../src-main/engine/data/real-image-batches';
import { writeLayersModel } from '../../src-main/engine/export/layers-model-files';
import { dcganGeneratorLayersModel } from '../../src-main/engine/models/dcgan/dcgan-layers-model';
import { DcganSampler } from '../../src-main/engine/models/dcgan/dcgan-sampler';
import { DcganTrainer } from '../../src-main/engine/models/dcgan/dcgan-trainer';
import { toRgbBytes } from '../../src-main/engine/sampling/image-grid';
import { tempFolder } from '../fixtures/temp-folders';
import { readLayersModel } from '../helpers/read-layers-model';
import { useTestBackend } from '../helpers/test-backend';
import { syntheticImages, tinyDcganConfig } from '../helpers/tiny-dcgan';

describe('a DCGAN generator exported as a TensorFlow.js LayersModel', () => {
  beforeAll(useTestBackend);

  it('written to files and loaded back, it makes the images the studio samples from the same latents', async () => {
    for (const imageSize of [32, 64] as const) {
      const config = tinyDcganConfig({ imageSize, seed: 5 });
      const trainer = new DcganTrainer(
        config,
        new RealImageBatches(syntheticImages(8, imageSize), config.seed),
      );
      // A few steps move batch norm's running statistics and the averaged weights away from their start.
      for (let step = 0; step < 3; step++) await trainer.trainStep(step, 1);
      const tensors = await readTensorValues(trainer.stateTensors());
      trainer.dispose();
      // Bolder weights, so that images differ from seed to seed and a wrong layer shows.
      for (const value of tensors.values()) value.values = value.values.map((v) => v * 8);

      const folder = tempFolder('layers-model');
      const model = dcganGeneratorLayersModel(config, tensors);
      const files = await writeLayersModel(model, folder, { imageSize, latentSize: config.latentSize });
      model.dispose();
      expect(files.map((file) => file.slice(folder.length + 1))).toEqual(['weights.bin', 'model.json']);
      const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
      expect(json.userDefinedMetadata).toEqual({ imageSize, latentSize: config.latentSize });

      const count = 4;
      const latents = await tf.randomNormal([count, config.latentSize], 0, 1, 'float32', 7).data();
      const sampler = new DcganSampler(config, tensors);
      const studio = await sampler.generate(latents as Float32Array, count);
      sampler.dispose();
      const loaded = await readLayersModel(folder);
      const images = tf.tidy(
        () => loaded.predict(tf.tensor2d(latents, [count, config.latentSize])) as tf.Tensor4D,
      );
      expect(images.shape).toEqual([count, imageSize, imageSize, 3]);
      const exported = await toRgbBytes(images);
      images.dispose();
      loaded.dispose();

      // The same pixels, up to a rounding step where a value sits on a boundary.
      const largest = exported.reduce((most, value, i) => Math.max(most, Math.abs(value - studio[i]!)), 0);
      expect(largest).toBeLessThanOrEqual(1);
      const pixels = imageSize * imageSize * 3;
      expect(studio.subarray(0, pixels)).not.toEqual(studio.subarray(pixels, 2 * pixels));
    }
  });
});
