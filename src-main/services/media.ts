import { realpathSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { MediaPath } from '../shared/studio-api';

/*
 * Pictures reach the page through one route (the desktop's studio-media: protocol, the web server's /media/),
 * both of which serve only what `resolveMedia` allows: a few kinds of file inside the library folder. The
 * path comes from the page, so it is treated as hostile: no absolute paths, no '..', no backslashes, no
 * encoded tricks, no symlink that leads out of the library.
 */

const ALLOWED: RegExp[] = [
  /^runs\/[A-Za-z0-9][A-Za-z0-9._-]*\/previews\/step-\d{9}\.png$/,
  // Translated photos keep their own names (any characters), under the run's translations folder.
  /^runs\/[A-Za-z0-9][A-Za-z0-9._-]*\/translations\/[A-Za-z0-9._-]+\/.+\.png$/,
  /^cache\/gallery\/[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+\.png$/,
  /^exports\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+\.(png|gif|webp)$/,
  // An exported TensorFlow.js model (gan-studio export-model's three files), for download in web mode.
  /^exports\/[A-Za-z0-9._-]+\/(model\.json|weights\.bin|README\.md)$/,
];

/**
 * Dataset thumbnails are made on request from the pixel cache: datasets/<name>/image/<index>.png, and for the
 * B side of a paired dataset datasets/<name>/image-b/<index>.png.
 */
const DATASET_IMAGE = /^datasets\/([A-Za-z0-9][A-Za-z0-9._-]*)\/image(-b)?\/(\d{1,7})\.png$/;

export type DatasetSide = 'a' | 'b';

export type MediaTarget =
  | { kind: 'file'; path: string; contentType: string }
  | { kind: 'dataset-image'; dataset: string; index: number; side: DatasetSide };

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
};

/** What a media path refers to, or null if it isn't something the page may see. */
export function resolveMedia(home: string, media: string): MediaTarget | null {
  if (media.length > 512 || /[\\\0%]/.test(media) || isAbsolute(media)) return null;
  if (media.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) return null;
  const datasetImage = DATASET_IMAGE.exec(media);
  if (datasetImage) {
    const side: DatasetSide = datasetImage[2] ? 'b' : 'a';
    return { kind: 'dataset-image', dataset: datasetImage[1]!, index: Number(datasetImage[3]), side };
  }
  if (!ALLOWED.some((pattern) => pattern.test(media))) return null;
  let real: string;
  try {
    real = realpathSync(join(home, ...media.split('/')));
    const inside = relative(realpathSync(home), real);
    if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  } catch {
    return null;
  }
  return {
    kind: 'file',
    path: real,
    contentType: CONTENT_TYPES[extname(real)] ?? 'application/octet-stream',
  };
}

/** The media path of a file inside the library folder (the reverse of resolveMedia for files). */
export function mediaPathOf(home: string, file: string): MediaPath {
  return relative(home, file).split(sep).join('/');
}

export const datasetImageMedia = (dataset: string, index: number, side: DatasetSide = 'a'): MediaPath =>
  `datasets/${dataset}/${side === 'b' ? 'image-b' : 'image'}/${index}.png`;
