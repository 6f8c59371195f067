import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listDatasets, readDatasetManifest, summarizeDataset } from '../library/datasets';
import { nameFromTitle } from '../library/names';
import type { DatasetDetails, ImportSource } from '../shared/studio-api';
import { datasetImageMedia } from './media';
import { type ServiceContext, type StudioHandlers, uniqueName } from './service-context';
import { removeUpload, uploadSources } from './uploads';

type DatasetHandlers = Pick<
  StudioHandlers,
  'datasets.list' | 'datasets.get' | 'datasets.import' | 'datasets.importPairs'
>;

export function datasetHandlers({ home, jobs }: ServiceContext): DatasetHandlers {
  const freeName = (title: string) =>
    uniqueName(nameFromTitle(title), (n) => existsSync(join(home, 'datasets', n)));
  return {
    'datasets.list': async () =>
      listDatasets(home).map((summary) => ({
        ...summary,
        thumbnails: Array.from({ length: Math.min(4, summary.count) }, (_, i) =>
          datasetImageMedia(summary.name, i),
        ),
      })),
    'datasets.get': async ({ name }) => datasetDetails(home, name),
    'datasets.import': async ({ title, size, fit, source }) => {
      const name = freeName(title);
      const spec = { kind: 'import' as const, home, name, size, fit, sources: sourcePaths(home, source) };
      return { jobId: jobs.start('import', name, spec, () => cleanUp(home, [source])), name };
    },
    'datasets.importPairs': async ({ title, size, fit, layout, a, b }) => {
      const name = freeName(title);
      const [folderA] = sourcePaths(home, a);
      const folderB = b ? sourcePaths(home, b)[0] : undefined;
      if (!folderA || (layout === 'two-folders' && !folderB))
        throw new Error('choose a folder for each side (A and B)');
      const source =
        layout === 'two-folders'
          ? { layout, a: folderA, b: folderB! }
          : { layout: 'side-by-side' as const, folder: folderA };
      const spec = { kind: 'import-pairs' as const, home, name, size, fit, source };
      return { jobId: jobs.start('import-pairs', name, spec, () => cleanUp(home, b ? [a, b] : [a])), name };
    },
  };
}

function datasetDetails(home: string, name: string): DatasetDetails {
  const manifest = readDatasetManifest(home, name);
  const paired = manifest.paired;
  return {
    summary: summarizeDataset(manifest),
    fit: manifest.fit,
    sourceFolder: manifest.sourceFolder,
    items: manifest.items.map((item, index) => ({
      source: item.source,
      label: item.label,
      media: datasetImageMedia(manifest.name, index),
    })),
    skippedFiles: manifest.skipped,
    pairs: paired
      ? {
          itemsB: paired.itemsB.map((item, index) => ({
            source: item.source,
            media: datasetImageMedia(manifest.name, index, 'b'),
          })),
          unpartnered: paired.unpartnered.map((file) => ({ path: file.path, reason: file.reason })),
          heldOut: paired.split.heldOut.length,
        }
      : null,
  };
}

/** The paths an import reads: the picked paths, or what a browser uploaded. */
export function sourcePaths(home: string, source: ImportSource): string[] {
  return source.kind === 'paths' ? source.paths : uploadSources(home, source.uploadId);
}

/** Uploads are copies made for one job: remove them when it ends. */
export function cleanUp(home: string, sources: ImportSource[]): void {
  for (const source of sources) if (source.kind === 'upload') removeUpload(home, source.uploadId);
}
