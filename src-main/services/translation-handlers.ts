import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readEvalHistory } from '../jobs/held-out-evaluation';
import { readRunMeta, runFolder } from '../library/runs';
import type { EvalEvent } from '../shared/job-events';
import type { TranslatedPhoto, TranslationInfo } from '../shared/studio-api';
import { cleanUp, sourcePaths } from './dataset-handlers';
import { mediaPathOf, resolveMedia } from './media';
import type { ServiceContext, StudioHandlers } from './service-context';

type TranslationHandlers = Pick<
  StudioHandlers,
  'translate.start' | 'translate.list' | 'translate.export' | 'runs.evaluate'
>;

/**
 * Translating photos with a pix2pix or CycleGAN run, and measuring the run. Results go into the run folder
 * (runs/<run>/translations/<time>/) with an upright copy of each input, so the app can show before and after.
 */
export function translationHandlers({ home, jobs }: ServiceContext): TranslationHandlers {
  return {
    'translate.start': async ({ run, source, direction }) => {
      translationInfo(home, run);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const outFolder = join(runFolder(home, run), 'translations', stamp);
      const spec = {
        kind: 'translate' as const,
        home,
        run,
        input: sourcePaths(home, source),
        outFolder,
        direction,
        keepOriginals: true,
      };
      return { jobId: jobs.start('translate', run, spec, () => cleanUp(home, [source])) };
    },
    'translate.list': async ({ run }) => {
      translationInfo(home, run);
      return listTranslations(home, run);
    },
    'translate.export': async ({ files, folder }) => {
      if (!folder) throw new Error('choose a folder to save the translated photos into');
      mkdirSync(folder, { recursive: true });
      const written = files.map((media) => {
        const target = resolveMedia(home, media);
        if (target?.kind !== 'file') throw new Error(`not a translated photo: ${media}`);
        const path = join(folder, basename(target.path));
        copyFileSync(target.path, path);
        return { name: basename(path), path, media: null };
      });
      return { files: written };
    },
    'runs.evaluate': async ({ name }) => {
      translationInfo(home, name);
      return jobs.collectResult(
        'eval',
        name,
        { kind: 'eval', home, run: name },
        (event): event is EvalEvent => event.event === 'eval',
        `evaluating ${name} gave no result`,
      );
    },
  };
}

/** What a run's translation abilities are; an error for runs that don't translate. */
export function translationInfo(home: string, run: string): TranslationInfo {
  const meta = readRunMeta(home, run);
  if (meta.model !== 'pix2pix' && meta.model !== 'cyclegan') {
    throw new Error(
      `run ${run} makes new images (${meta.model}); translating needs a pix2pix or CycleGAN run`,
    );
  }
  return {
    directions: meta.model === 'cyclegan' ? ['a2b', 'b2a'] : ['a2b'],
    evaluations: readEvalHistory(runFolder(home, run)),
  };
}

/** The before/after pairs of a run's translations folder: each '<name>-original.png' with its translation. */
function listTranslations(home: string, run: string): TranslatedPhoto[] {
  const root = join(runFolder(home, run), 'translations');
  if (!existsSync(root)) return [];
  const photos: TranslatedPhoto[] = [];
  for (const batch of readdirSync(root).sort().reverse()) {
    const folder = join(root, batch);
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' });
    for (const original of files.filter((file) => file.endsWith('-original.png')).sort()) {
      const stem = original.slice(0, -'-original.png'.length);
      const after = ['a2b', 'b2a'].map((d) => `${stem}-${d}.png`).find((file) => files.includes(file));
      if (!after) continue;
      photos.push({
        name: basename(stem),
        before: mediaPathOf(home, join(folder, original)),
        after: mediaPathOf(home, join(folder, after)),
      });
    }
  }
  return photos;
}
