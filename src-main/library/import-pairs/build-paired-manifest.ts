import type { DatasetManifest, PairedDatasetInfo } from '../../shared/dataset';
import { buildManifest, bytesPerImage, type ManifestInput } from '../import/build-manifest';
import type { ImportedImage } from '../import/build-manifest';

export const PIXEL_CACHE_B_FILE = 'pixels-b.bin';

export interface PairedManifestInput extends Omit<ManifestInput, 'images'> {
  a: readonly ImportedImage[];
  b: readonly ImportedImage[];
  layout: PairedDatasetInfo['layout'];
  sourceFolderB: string;
  contentHashB: string;
  unpartnered: PairedDatasetInfo['unpartnered'];
  split: PairedDatasetInfo['split'];
}

/**
 * A paired dataset's manifest: an ordinary one for side A (so everything that reads datasets keeps working)
 * plus `kind: 'paired'` and side B, its own pixel cache and the held-out split.
 */
export function buildPairedManifest(input: PairedManifestInput): DatasetManifest {
  const { formatVersion, ...sideA } = buildManifest({ ...input, images: input.a });
  return {
    formatVersion,
    kind: 'paired',
    ...sideA,
    paired: {
      layout: input.layout,
      sourceFolderB: input.sourceFolderB,
      itemsB: input.b.map((image) => ({ source: image.source, label: null, pixelHash: image.pixelHash })),
      pixelCacheB: {
        file: PIXEL_CACHE_B_FILE,
        layout: 'NHWC-uint8-RGB',
        bytesPerImage: bytesPerImage(input.imageSize),
      },
      contentHashB: input.contentHashB,
      unpartnered: input.unpartnered,
      split: input.split,
    },
  };
}
