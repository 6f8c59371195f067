/** Types of the datasets in the library, shared with the renderer. */

export const DATASET_SIZES = [32, 64, 128, 256] as const;
export type DatasetSize = (typeof DATASET_SIZES)[number];

/** How a non-square image becomes square: cut the middle out, or letterbox onto the background colour. */
export type SquareFit = 'crop' | 'pad';

export interface DatasetItem {
  /** Path of the source file relative to the imported folder, with '/' separators. */
  source: string;
  /** Index into `labels`, or null for files directly in the imported folder. */
  label: number | null;
  /** sha256 (hex) of the normalized pixels; equal hashes are duplicates. */
  pixelHash: string;
}

export interface SkippedFile {
  /** Relative to the imported folder. */
  path: string;
  /** One line a person can act on, e.g. "truncated or corrupt JPEG". */
  reason: string;
}

export interface DuplicateFile {
  path: string;
  duplicateOf: string;
}

export interface DatasetManifest {
  formatVersion: 1;
  id: string;
  name: string;
  createdAt: string;
  sourceFolder: string;
  imageSize: DatasetSize;
  fit: SquareFit;
  /** CSS hex colour that transparent pixels are flattened onto. */
  background: string;
  /** Class names from subfolder names, in a stable (sorted) order. */
  labels: string[];
  /** In pixel-cache order: image i is bytes [i * bytesPerImage, (i + 1) * bytesPerImage). */
  items: DatasetItem[];
  skipped: SkippedFile[];
  duplicates: DuplicateFile[];
  /** sha256 (hex) of the pixel cache; runs record it to notice a dataset that changed under them. */
  contentHash: string;
  pixelCache: { file: string; layout: 'NHWC-uint8-RGB'; bytesPerImage: number };
}

export interface DatasetSummary {
  id: string;
  name: string;
  imageSize: DatasetSize;
  count: number;
  labels: string[];
  skipped: number;
  duplicates: number;
  createdAt: string;
}

export interface ImportCounts {
  imported: number;
  skipped: number;
  duplicates: number;
}
