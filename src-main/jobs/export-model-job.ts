import { join } from 'node:path';
import { loadLatestCheckpoint } from '../engine/checkpoints/checkpoint-store';
import { writeLayersModel } from '../engine/export/layers-model-files';
import { getModel } from '../engine/models/registry';
import { checkpointsFolder } from '../engine/training/run-outputs';
import { writeFileAtomic } from '../library/atomic-write';
import { readRunMeta, runFolder } from '../library/runs';
import type { SampleDoneEvent } from '../shared/job-events';
import type { ExportModelJobSpec } from './worker-protocol';

/**
 * Exports a run's newest generator (the averaged one that sampling uses) as a TensorFlow.js LayersModel, with a
 * README saying how to make images with it in a web page.
 */
export async function runExportModelJob(
  spec: ExportModelJobSpec,
  emit: (event: SampleDoneEvent) => void,
): Promise<void> {
  const meta = readRunMeta(spec.home, spec.run);
  const model = getModel(meta.model);
  if (!model.generatorLayersModel) {
    throw new Error(
      `run ${spec.run} is a ${meta.model} run: only models that make images from seeds (dcgan) export as a TensorFlow.js model so far`,
    );
  }
  const checkpoint = loadLatestCheckpoint(checkpointsFolder(runFolder(spec.home, spec.run)));
  if (!checkpoint)
    throw new Error(`run ${spec.run} has no checkpoint to export yet: train it for a few steps first`);
  const config = model.parseConfig(checkpoint.meta.config);
  const layers = model.generatorLayersModel(config, checkpoint.tensors);
  try {
    const about = {
      run: spec.run,
      model: meta.model,
      step: checkpoint.meta.step,
      imageSize: config.imageSize,
      latentSize: layers.inputs[0]!.shape[1] as number,
    };
    const files = await writeLayersModel(layers, spec.outFolder, { generatedBy: 'GAN Studio', ...about });
    const readme = join(spec.outFolder, 'README.md');
    writeFileAtomic(readme, readmeText(about));
    emit({ event: 'done', files: [...files, readme] });
  } finally {
    layers.dispose();
  }
}

function readmeText(about: { run: string; step: number; imageSize: number; latentSize: number }): string {
  const { run, step, imageSize, latentSize } = about;
  return `# ${run}, step ${step}: a GAN generator for TensorFlow.js

Exported by GAN Studio. \`model.json\` and \`weights.bin\` are a TensorFlow.js LayersModel: it takes
latent vectors of ${latentSize} numbers drawn from a standard normal distribution and returns
${imageSize} x ${imageSize} RGB images with values from -1 to 1.

In a web page (serve this folder next to it):

\`\`\`html
<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script>
<canvas id="art"></canvas>
<script>
  (async () => {
    const model = await tf.loadLayersModel('model.json');
    const image = tf.tidy(() => model.predict(tf.randomNormal([1, ${latentSize}])).squeeze().add(1).div(2));
    await tf.browser.toPixels(image, document.getElementById('art'));
  })();
</script>
\`\`\`

Multiplying the latents by a number below 1 (say 0.7) gives more typical, less varied images: GAN Studio's
truncation slider. The same latents always give the same image.
`;
}
