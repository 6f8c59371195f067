import { importDoneEvent, importSources } from '../library/import/import-folder';
import type { ImportEvent } from '../shared/job-events';
import type { ImportJobSpec } from './worker-protocol';

/** Imports folders and loose images as one dataset, reporting progress and the files it skipped. */
export async function runImportJob(
  spec: ImportJobSpec,
  signal: AbortSignal,
  emit: (event: ImportEvent) => void,
) {
  const result = await importSources({
    sources: spec.sources,
    home: spec.home,
    name: spec.name,
    size: spec.size,
    fit: spec.fit,
    background: spec.background,
    signal,
    onProgress: (progress) => emit(progress),
  });
  emit(importDoneEvent(result));
}
