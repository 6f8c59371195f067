import { initBackend } from '../src-main/engine/backends/select-backend';
import { RealImageBatches } from '../src-main/engine/data/real-image-batches';
import { dcganConfigSchema } from '../src-main/engine/models/dcgan/dcgan-config';
import { DcganTrainer } from '../src-main/engine/models/dcgan/dcgan-trainer';
import { syntheticImages } from './synthetic-images';
import { REFERENCE_SHAPE } from './reference-dcgan';
import { profileStep, averageProfiles } from './kernel-profile';
await initBackend({ forced: 'wasm' });
const aug = process.argv.includes('--augment');
const config = dcganConfigSchema.parse({
  imageSize: 32,
  ...REFERENCE_SHAPE,
  batchSize: 64,
  previewCount: 16,
  seed: 1,
  augment: { color: aug, translation: aug, cutout: aug },
});
const trainer = new DcganTrainer(config, new RealImageBatches(syntheticImages(256, 32), 1));
for (let s = 0; s < 3; s++) await trainer.trainStep(s, 1);
const times: number[] = [];
for (let s = 3; s < 13; s++) {
  const t = performance.now();
  const m = await trainer.trainStep(s, 1);
  times.push(performance.now() - t);
  if (s === 12) console.log(m);
}
times.sort((a, b) => a - b);
console.log('plain median ms', times[5]);
const profs = [];
for (let s = 13; s < 16; s++) profs.push(await profileStep(() => trainer.trainStep(s, 1)));
const p = averageProfiles(profs);
console.log('profiled step', p.stepMs.toFixed(1), 'kernels', p.kernelMs.toFixed(1), 'calls', p.kernelCalls);
for (const r of p.rows.slice(0, 45))
  console.log(r.ms.toFixed(2).padStart(8), String(r.calls).padStart(4), r.kernel.padEnd(24), r.shapes);
const byK = new Map<string, number>();
for (const r of p.rows) byK.set(r.kernel, (byK.get(r.kernel) ?? 0) + r.ms);
console.log(
  [...byK]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join('\n'),
);
