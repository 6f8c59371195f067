import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerMediaRequest } from '../../src-main/app/media-protocol';
import { DatasetImages } from '../../src-main/services/dataset-images';
import { tempFolder } from '../fixtures/temp-folders';

const home = tempFolder('protocol');
mkdirSync(join(home, 'runs', 'r', 'previews'), { recursive: true });
writeFileSync(join(home, 'runs', 'r', 'previews', 'step-000000005.png'), 'PNG!');
const images = new DatasetImages(home);

describe('studio-media: protocol', () => {
  it('serves an allowed file with its type', async () => {
    const response = await answerMediaRequest(
      home,
      images,
      'studio-media://library/runs/r/previews/step-000000005.png',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(await response.text()).toBe('PNG!');
  });

  it.each([
    'studio-media://library/runs/r/previews/..%2F..%2F..%2Fetc%2Fpasswd',
    'studio-media://library/%2Fetc%2Fpasswd',
    'studio-media://elsewhere/runs/r/previews/step-000000005.png',
    'studio-media://library/runs/r/meta.json',
    'studio-media://library/datasets/none/image/0.png',
    'not a url',
  ])('answers 404 for %s', async (url) => {
    expect((await answerMediaRequest(home, images, url)).status).toBe(404);
  });
});
