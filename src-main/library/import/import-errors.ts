import type { SkippedFile } from '../../shared/dataset';

export class DatasetExistsError extends Error {
  override name = 'DatasetExistsError';
  constructor(readonly dataset: string) {
    super(`a dataset named "${dataset}" already exists: choose another name or delete it first`);
  }
}

/** Nothing importable was found; `skipped` says why for every file that was looked at. */
export class NoUsableImagesError extends Error {
  override name = 'NoUsableImagesError';
  constructor(
    readonly where: string,
    readonly skipped: SkippedFile[],
  ) {
    const files =
      skipped.length === 0
        ? 'no files found'
        : skipped.length === 1
          ? '1 file skipped'
          : `${skipped.length} files skipped`;
    const first = skipped[0] ? ` (first: ${skipped[0].path}: ${skipped[0].reason})` : '';
    super(`no usable images in ${where}: ${files}${first}`);
  }
}

/** A folder or file the user asked to import doesn't exist or can't be imported at all. */
export class ImportSourceError extends Error {
  override name = 'ImportSourceError';
}
