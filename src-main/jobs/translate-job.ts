import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodePng } from '../engine/sampling/png';
import { translateTiled } from '../engine/translation/tiled-translation';
import { writeFileAtomic } from '../library/atomic-write';
import type { SkippedFile } from '../shared/dataset';
import type { TranslateEvent } from '../shared/job-events';
import { loadRunTranslator } from './run-translator';
import { findPhotos, readPhoto, TRANSLATE_LIMITS } from './translate-inputs';
import type { TranslateJobSpec } from './worker-protocol';

/**
 * Translates one photo or a folder of them with a run's newest checkpoint: each photo whole, at its own size,
 * in blended tiles; written as PNG (lossless, and it carries the run, step and direction in its text). Files
 * that aren't usable images are reported and passed over. A stop ends it after the photo in hand, reporting
 * the photos done so far.
 */
export async function runTranslateJob(
  spec: TranslateJobSpec,
  signal: AbortSignal,
  emit: (event: TranslateEvent) => void,
): Promise<void> {
  const direction = spec.direction ?? 'a2b';
  const { meta, step, translator } = loadRunTranslator(spec.home, spec.run, direction);
  const text = (source: string) => ({
    Software: 'GAN Studio',
    'gan-studio:run': meta.name,
    'gan-studio:model': meta.model,
    'gan-studio:step': String(step),
    'gan-studio:direction': direction,
    'gan-studio:source': latin1(source),
  });
  try {
    const inputs = typeof spec.input === 'string' ? [spec.input] : spec.input;
    const found = [];
    for (const input of inputs) found.push(await findPhotos(input, TRANSLATE_LIMITS, signal));
    const photos = found.flatMap((f) => f.photos);
    const walkSkipped = found.flatMap((f) => f.skipped);
    const skippedFiles: SkippedFile[] = [];
    const skip = (entry: SkippedFile) => {
      skippedFiles.push(entry);
      emit({ event: 'warning', code: 'input-skipped', message: `skipped ${entry.path}: ${entry.reason}` });
    };
    walkSkipped.forEach(skip);
    const files: string[] = [];
    const names = outputNames(
      photos.map((photo) => photo.relativePath),
      direction,
    );
    for (const [index, photo] of photos.entries()) {
      if (signal.aborted) break;
      const progress = {
        event: 'progress',
        phase: 'translating',
        done: index + 1,
        total: photos.length,
      } as const;
      const read = await readPhoto(photo, TRANSLATE_LIMITS);
      if (!read.ok) {
        skip({ path: photo.relativePath, reason: read.reason });
        emit({ ...progress, input: photo.absolutePath });
        continue;
      }
      const translated = await translateTiled(read.image, { translator, direction, signal }).catch(
        (error) => {
          if (signal.aborted) return undefined;
          throw error;
        },
      );
      if (!translated) break;
      const output = join(spec.outFolder, names[index]!);
      mkdirSync(dirname(output), { recursive: true });
      writeFileAtomic(output, await encodePng(translated, { text: text(photo.relativePath) }));
      files.push(output);
      let original: string | undefined;
      if (spec.keepOriginals) {
        original = output.replace(/-(a2b|b2a)\.png$/, '-original.png');
        writeFileAtomic(original, await encodePng(read.image));
      }
      emit({ ...progress, input: photo.absolutePath, output, ...(original ? { original } : {}) });
    }
    if (files.length === 0 && !signal.aborted) throw nothingTranslated(inputs.join(', '), skippedFiles);
    emit({ event: 'done', files, skippedFiles });
  } finally {
    translator.dispose();
  }
}

function nothingTranslated(input: string, skipped: SkippedFile[]): Error {
  const first = skipped[0];
  const why = first
    ? `${skipped.length} files skipped (first: ${first.path}: ${first.reason})`
    : 'no files found';
  return new Error(`nothing to translate in ${input}: ${why}`);
}

/**
 * 'street/dusk.jpg' -> 'street/dusk-a2b.png'. Two inputs that would get one name (dusk.jpg and dusk.png)
 * keep their extensions in it instead ('dusk.jpg-a2b.png').
 */
export function outputNames(relativePaths: readonly string[], direction: string): string[] {
  const stem = (path: string) => path.replace(/\.[^./]*$/, '');
  const counts = new Map<string, number>();
  for (const path of relativePaths) counts.set(stem(path), (counts.get(stem(path)) ?? 0) + 1);
  return relativePaths.map((path) => `${counts.get(stem(path))! > 1 ? path : stem(path)}-${direction}.png`);
}

/** PNG text chunks are Latin-1: other characters of a file name become '?'. */
function latin1(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}
