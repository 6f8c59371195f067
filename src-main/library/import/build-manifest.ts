import type {
  DatasetItem,
  DatasetManifest,
  DatasetSize,
  DuplicateFile,
  SkippedFile,
  SquareFit,
} from '../../shared/dataset';
import { PIXEL_CACHE_FILE } from '../datasets';
import { compareCodePoints } from './walk-folder';

/** An imported image before labels become indices. */
export interface ImportedImage {
  source: string;
  label: string | null;
  pixelHash: string;
}

export interface ManifestInput {
  name: string;
  sourceFolder: string;
  imageSize: DatasetSize;
  fit: SquareFit;
  background: string;
  images: readonly ImportedImage[];
  skipped: readonly SkippedFile[];
  duplicates: readonly DuplicateFile[];
  contentHash: string;
  createdAt: Date;
}

export function buildManifest(input: ManifestInput): DatasetManifest {
  // Only classes that kept at least one image: a class of nothing but skipped files would train on nothing.
  const labels = [
    ...new Set(input.images.flatMap((image) => (image.label === null ? [] : [image.label]))),
  ].sort(compareCodePoints);
  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const items: DatasetItem[] = input.images.map((image) => ({
    source: image.source,
    label: image.label === null ? null : (labelIndex.get(image.label) ?? null),
    pixelHash: image.pixelHash,
  }));
  return {
    formatVersion: 1,
    // The folder name is the id: one name per dataset in a library, and runs can refer to it by either.
    id: input.name,
    name: input.name,
    createdAt: input.createdAt.toISOString(),
    sourceFolder: input.sourceFolder,
    imageSize: input.imageSize,
    fit: input.fit,
    background: input.background,
    labels,
    items,
    skipped: [...input.skipped].sort((a, b) => compareCodePoints(a.path, b.path)),
    duplicates: [...input.duplicates],
    contentHash: input.contentHash,
    pixelCache: {
      file: PIXEL_CACHE_FILE,
      layout: 'NHWC-uint8-RGB',
      bytesPerImage: bytesPerImage(input.imageSize),
    },
  };
}

export function bytesPerImage(size: number): number {
  return size * size * 3;
}
