import { importPairs, importPairsDoneEvent } from '../library/import-pairs/import-pairs';
import type { ImportEvent } from '../shared/job-events';
import type { ImportPairsJobSpec } from './worker-protocol';

/** Imports matched pairs as one paired dataset, reporting progress, unpartnered and skipped files. */
export async function runImportPairsJob(
  spec: ImportPairsJobSpec,
  signal: AbortSignal,
  emit: (event: ImportEvent) => void,
): Promise<void> {
  const result = await importPairs({
    source: spec.source,
    home: spec.home,
    name: spec.name,
    size: spec.size,
    fit: spec.fit,
    background: spec.background,
    heldOutFraction: spec.heldOutFraction,
    splitSeed: spec.splitSeed,
    signal,
    onProgress: (progress) => emit(progress),
  });
  emit(importPairsDoneEvent(result));
}
