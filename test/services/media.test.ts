import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaPathOf, resolveMedia } from '../../src-main/services/media';
import { tempFolder } from '../fixtures/temp-folders';

const home = tempFolder('media');
const outside = tempFolder('outside');
mkdirSync(join(home, 'runs', 'cats', 'previews'), { recursive: true });
writeFileSync(join(home, 'runs', 'cats', 'previews', 'step-000000100.png'), 'png');
writeFileSync(join(outside, 'secret.png'), 'secret');
symlinkSync(join(outside, 'secret.png'), join(home, 'runs', 'cats', 'previews', 'step-000000200.png'));
mkdirSync(join(home, 'cache', 'gallery', 'cats'), { recursive: true });
symlinkSync(outside, join(home, 'cache', 'gallery', 'cats', 'escape'));
mkdirSync(join(home, 'exports', 'cats-model-1'), { recursive: true });
for (const file of ['model.json', 'weights.bin', 'notes.json'])
  writeFileSync(join(home, 'exports', 'cats-model-1', file), '{}');

describe('media paths from the page', () => {
  it('serve a run preview and a dataset thumbnail', () => {
    expect(resolveMedia(home, 'runs/cats/previews/step-000000100.png')).toMatchObject({
      kind: 'file',
      contentType: 'image/png',
    });
    expect(resolveMedia(home, 'datasets/cats/image/42.png')).toEqual({
      kind: 'dataset-image',
      dataset: 'cats',
      index: 42,
      side: 'a',
    });
    expect(resolveMedia(home, 'datasets/cats/image-b/7.png')).toMatchObject({ side: 'b', index: 7 });
  });

  it("serve an exported model's files for download", () => {
    expect(resolveMedia(home, 'exports/cats-model-1/model.json')).toMatchObject({
      kind: 'file',
      contentType: 'application/json',
    });
    expect(resolveMedia(home, 'exports/cats-model-1/weights.bin')).toMatchObject({
      contentType: 'application/octet-stream',
    });
  });

  it.each([
    ['a parent step', '../secret.png'],
    ['a parent step in the middle', 'runs/cats/../../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['an encoded parent step', 'runs/cats/previews/%2e%2e/x.png'],
    ['a backslash', 'runs\\cats\\previews\\step-000000100.png'],
    ['a NUL byte', 'runs/cats/previews/step-000000100.png\0.png'],
    ['an empty segment', 'runs//cats/previews/step-000000100.png'],
    ['a file type it never serves', 'runs/cats/config.json'],
    ['a checkpoint', 'runs/cats/checkpoints/step-000000100.ckpt'],
    ['another JSON file among the exports', 'exports/cats-model-1/notes.json'],
    ['a symlink to a file outside the library', 'runs/cats/previews/step-000000200.png'],
    ['a symlinked folder leading outside', 'cache/gallery/cats/escape/secret.png'],
    ['a file that does not exist', 'runs/cats/previews/step-000000300.png'],
  ])('refuse %s', (_what, media) => {
    expect(resolveMedia(home, media)).toBeNull();
  });

  it('turn library files back into media paths', () => {
    expect(mediaPathOf(home, join(home, 'runs', 'cats', 'previews', 'step-000000100.png'))).toBe(
      'runs/cats/previews/step-000000100.png',
    );
  });
});
