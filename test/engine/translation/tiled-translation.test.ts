import { beforeAll, describe, expect, it } from 'vitest';
import { readTensorValues } from '../../../src-main/engine/checkpoints/checkpoint-store';
import type { RgbImage } from '../../../src-main/engine/models/gan-trainer';
import { pix2pix } from '../../../src-main/engine/models/pix2pix';
import { buildUNet } from '../../../src-main/engine/models/pix2pix/unet-generator';
import { SeededRandom, Stream } from '../../../src-main/engine/random/seeded-random';
import type { ImageTranslator } from '../../../src-main/engine/translation/paired-images';
import { axisLayout, tileStarts } from '../../../src-main/engine/translation/tile-layout';
import { translateTiled } from '../../../src-main/engine/translation/tiled-translation';
import { useTestBackend } from '../../helpers/test-backend';
import { tinyPix2pixConfig } from '../../helpers/tiny-translation';

const TILE = 64;

/** A stand-in model: returns each tile as it came, plus `edgeArtifact` on its outermost 3 px (zero padding does that). */
function fakeTranslator(edgeArtifact = 0): ImageTranslator & { tilesSeen: number } {
  return {
    imageSize: TILE,
    directions: ['a2b'],
    tilesSeen: 0,
    async translate(images, count) {
      this.tilesSeen += count;
      const out = Float32Array.from(images);
      for (let n = 0; n < count; n++) {
        for (let y = 0; y < TILE; y++) {
          for (let x = 0; x < TILE; x++) {
            if (Math.min(x, y, TILE - 1 - x, TILE - 1 - y) >= 3) continue;
            for (let c = 0; c < 3; c++) out[((n * TILE + y) * TILE + x) * 3 + c]! += edgeArtifact;
          }
        }
      }
      return out;
    },
    dispose() {},
  };
}

function patterned(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + Math.floor(i / 7)) % 256;
  return { width, height, data };
}

const flatGrey = (width: number, height: number): RgbImage => ({
  width,
  height,
  data: new Uint8Array(width * height * 3).fill(128),
});

/** Mean absolute step between neighbouring columns x and x + 1, over rows and channels. */
function columnSteps(image: RgbImage): number[] {
  const { width, height, data } = image;
  return Array.from({ length: width - 1 }, (_, x) => {
    let sum = 0;
    for (let y = 0; y < height; y++) {
      for (let c = 0; c < 3; c++)
        sum += Math.abs(data[(y * width + x + 1) * 3 + c]! - data[(y * width + x) * 3 + c]!);
    }
    return sum / (height * 3);
  });
}

/** The largest column step where one tile starts or ends inside the image, and the largest anywhere else. */
function seamSteps(image: RgbImage): { atTileEdges: number; elsewhere: number } {
  const steps = columnSteps(image);
  const edges = new Set(
    tileStarts(image.width, TILE)
      .flatMap((start) => [start - 1, start + TILE - 1])
      .filter((x) => x >= 0 && x < image.width - 1),
  );
  return {
    atTileEdges: Math.max(...[...edges].map((x) => steps[x]!)),
    elsewhere: Math.max(...steps.filter((_, x) => !edges.has(x))),
  };
}

describe('tile layout', () => {
  it('covers any length with tiles at most half a tile apart, ending exactly at the edge', () => {
    for (const length of [64, 65, 97, 150, 200, 300, 1000]) {
      const starts = tileStarts(length, TILE);
      expect(starts[0]).toBe(0);
      expect(starts.at(-1)).toBe(length - TILE);
      starts.slice(1).forEach((start, i) => expect(start - starts[i]!).toBeLessThanOrEqual(TILE / 2));
      expect(axisLayout(length, TILE, 'raised-cosine').totals.every((total) => total > 0.5)).toBe(true);
    }
    expect(() => tileStarts(40, TILE)).toThrow(/shorter than one 64 px tile/);
  });
});

describe('tiled translation', () => {
  it('returns exactly the input size, and the input itself from a model that changes nothing', async () => {
    for (const [width, height] of [
      [150, 97],
      [300, 200],
      [64, 64],
      [40, 30],
      [1, 70],
    ] as const) {
      const image = patterned(width, height);
      const translator = fakeTranslator();
      const out = await translateTiled(image, { translator, direction: 'a2b', batchTiles: 5 });
      expect([out.width, out.height]).toEqual([width, height]);
      expect(out.data).toEqual(image.data);
      expect(translator.tilesSeen).toBe(
        tileStarts(Math.max(width, TILE), TILE).length * tileStarts(Math.max(height, TILE), TILE).length,
      );
    }
  });

  it("hides each tile's edge artifacts, where flat averaging shows them as seams", async () => {
    const image = flatGrey(300, 200);
    const artifact = 0.5; // about 64 grey levels on the outer 3 px of every tile
    const blended = await translateTiled(image, { translator: fakeTranslator(artifact), direction: 'a2b' });
    const boxed = await translateTiled(image, {
      translator: fakeTranslator(artifact),
      direction: 'a2b',
      window: 'box',
    });
    // Away from the photo's own border, the raised cosine leaves under a sixteenth of the artifact (a tile's edge
    // pixels weigh about 1.5% beside a neighbour's middle; two tile edges can fall on one column)...
    const inner = (img: RgbImage) =>
      Math.max(
        ...Array.from({ length: (img.height - 6) * (img.width - 6) }, (_, i) => {
          const y = 3 + Math.floor(i / (img.width - 6));
          const x = 3 + (i % (img.width - 6));
          return Math.abs(img.data[(y * img.width + x) * 3]! - 128);
        }),
      );
    expect(inner(blended)).toBeLessThanOrEqual(4);
    expect(seamSteps(blended).atTileEdges).toBeLessThanOrEqual(1);
    // ...while averaging the overlaps flatly leaves stripes where tiles begin and end.
    expect(inner(boxed)).toBeGreaterThan(20);
    expect(seamSteps(boxed).atTileEdges).toBeGreaterThan(5);
  });

  describe('with a pix2pix generator', () => {
    let translator: ImageTranslator;
    beforeAll(async () => {
      await useTestBackend();
      // Untrained weights, made bolder so the output varies with position inside each tile (zero padding at
      // every layer of the U-Net), as a real model's does at its tile borders.
      const config = tinyPix2pixConfig({ generatorWidth: 8 });
      const generator = buildUNet(config, new SeededRandom(Stream.initialWeights, 3));
      const tensors = await readTensorValues(
        new Map(generator.entries().map(([name, v]) => [`generator/${name}`, v])),
      );
      generator.dispose();
      for (const [name, value] of tensors)
        if (name.endsWith('.w')) value.values = value.values.map((v) => v * 8);
      translator = pix2pix.createTranslator!(config, tensors);
      return () => translator.dispose();
    });

    it('translates odd sizes whole', async () => {
      for (const [width, height] of [
        [150, 97],
        [300, 200],
      ] as const) {
        const out = await translateTiled(patterned(width, height), { translator, direction: 'a2b' });
        expect([out.width, out.height, out.data.length]).toEqual([width, height, width * height * 3]);
      }
    });

    it('turns a flat grey photo into one with no step at tile edges beyond the steps inside tiles', async () => {
      const out = await translateTiled(flatGrey(300, 200), { translator, direction: 'a2b' });
      const { atTileEdges, elsewhere } = seamSteps(out);
      expect(elsewhere).toBeGreaterThan(0); // the model does vary its output: the check below means something
      expect(atTileEdges).toBeLessThanOrEqual(elsewhere + 0.25);
      expect(atTileEdges).toBeLessThan(3);
    });

    it('refuses a direction the model does not have', async () => {
      await expect(translateTiled(flatGrey(64, 64), { translator, direction: 'b2a' })).rejects.toThrow(
        /B to A/,
      );
    });
  });
});
