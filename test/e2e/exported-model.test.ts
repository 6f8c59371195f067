import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTensorValues } from '../../src-main/engine/checkpoints/checkpoint-store';
import { RealImageBatches } from '../../src-main/engine/data/real-image-batches';
import { writeLayersModel } from '../../src-main/engine/export/layers-model-files';
import { dcganGeneratorLayersModel } from '../../src-main/engine/models/dcgan/dcgan-layers-model';
import { DcganSampler } from '../../src-main/engine/models/dcgan/dcgan-sampler';
import { DcganTrainer } from '../../src-main/engine/models/dcgan/dcgan-trainer';
import { latentsForSeeds } from '../../src-main/engine/sampling/latents';
import { tempFolder } from '../fixtures/temp-folders';
import { useTestBackend } from '../helpers/test-backend';
import { syntheticImages, tinyDcganConfig } from '../helpers/tiny-dcgan';
import { hasChromium, launchChromium } from './studio-server';

/*
 * What `gan-studio export-model` writes, used as its README says: a plain web page loads model.json with
 * TensorFlow.js's own loader (the npm package's browser build, served locally) and draws an image, in Chromium.
 */

const TFJS = join(process.cwd(), 'node_modules/@tensorflow/tfjs/dist/tf.min.js');

describe.skipIf(!hasChromium)('an exported generator in a web page', () => {
  const folder = tempFolder('exported-model');
  const config = tinyDcganConfig({ seed: 9 });
  let server: Server;
  let studioPixels: Uint8Array;
  const latents = latentsForSeeds([4], config.latentSize, 1);

  beforeAll(async () => {
    await useTestBackend();
    const trainer = new DcganTrainer(config, new RealImageBatches(syntheticImages(8), config.seed));
    for (let step = 0; step < 3; step++) await trainer.trainStep(step, 1);
    const tensors = await readTensorValues(trainer.stateTensors());
    trainer.dispose();
    for (const value of tensors.values()) value.values = value.values.map((v) => v * 8);
    const model = dcganGeneratorLayersModel(config, tensors);
    await writeLayersModel(model, folder, {});
    model.dispose();
    const sampler = new DcganSampler(config, tensors);
    studioPixels = await sampler.generate(latents, 1);
    sampler.dispose();

    const page = `<script src="tf.min.js"></script><script>
      window.draw = async (latent) => {
        const model = await tf.loadLayersModel('model.json');
        const image = tf.tidy(() => model.predict(tf.tensor2d([latent])).squeeze().add(1).mul(127.5).round());
        return { shape: image.shape, pixels: Array.from(await image.data()) };
      };
    </script>`;
    server = createServer((request, response) => {
      const url = request.url ?? '/';
      try {
        if (url === '/') response.end(page);
        else response.end(readFileSync(url === '/tf.min.js' ? TFJS : join(folder, url)));
      } catch {
        response.statusCode = 404;
        response.end();
      }
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });

  afterAll(() => server?.close());

  it('loads with tf.loadLayersModel and draws the image the studio samples for the same latent', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      // Page-side code as text: this project's test files are typed without the DOM's globals.
      const drawn = await page.evaluate<{ shape: number[]; pixels: number[] }>(
        `window.draw(${JSON.stringify(Array.from(latents))})`,
      );
      expect(drawn.shape).toEqual([32, 32, 3]);
      // The browser computes in WebGL (here Chromium's software GL): the same image up to float rounding.
      const largest = drawn.pixels.reduce((most, v, i) => Math.max(most, Math.abs(v - studioPixels[i]!)), 0);
      expect(largest).toBeLessThanOrEqual(2);
    } finally {
      await browser.close();
    }
  });
});
