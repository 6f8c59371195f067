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

/** 'images': one folder of pictures. 'paired': the same scenes in two looks (A and B), image i of each side matching. */
export type DatasetKind = 'images' | 'paired';

/** A file of a paired import that found no partner on the other side: listed for the user, never fatal. */
export interface UnpartneredFile {
  /** Relative to its side's folder. */
  path: string;
  side: 'a' | 'b';
  reason: string;
}

/** What a paired dataset holds besides side A (which uses the manifest's own items and pixel cache). */
export interface PairedDatasetInfo {
  /** Two folders whose files match by name, or one folder of side-by-side A|B images. */
  layout: 'two-folders' | 'side-by-side';
  /** Folder of the B side ('two-folders'), or the same folder as A ('side-by-side'). */
  sourceFolderB: string;
  /** Side B, index-aligned with `items`: pair i is items[i] and itemsB[i]. */
  itemsB: DatasetItem[];
  pixelCacheB: { file: string; layout: 'NHWC-uint8-RGB'; bytesPerImage: number };
  /** sha256 (hex) of side B's pixel cache. */
  contentHashB: string;
  unpartnered: UnpartneredFile[];
  /**
   * Pairs kept out of training to measure a model on, chosen by a seeded shuffle so the same import always
   * holds out the same pairs. Indices into `items`, ascending.
   */
  split: { seed: number; heldOutFraction: number; heldOut: number[] };
}

export interface DatasetManifest {
  formatVersion: 1;
  /** Absent in manifests written before paired datasets existed: those are 'images'. */
  kind?: DatasetKind;
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
  /** Present exactly when kind is 'paired'. */
  paired?: PairedDatasetInfo;
}

export interface DatasetSummary {
  id: string;
  name: string;
  imageSize: DatasetSize;
  /** Images, or pairs for a paired dataset. */
  count: number;
  /** 'images' when absent. */
  kind?: DatasetKind;
  /** Pairs held out for evaluation (paired datasets only). */
  heldOut?: number;
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
