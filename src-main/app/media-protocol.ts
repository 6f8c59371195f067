import { readFile } from 'node:fs/promises';
import type { DatasetImages } from '../services/dataset-images';
import { resolveMedia } from '../services/media';

/** The scheme the page loads pictures from: studio-media://library/<media path>. */
export const MEDIA_SCHEME = 'studio-media';

/**
 * Answers a studio-media: request with the file or thumbnail `resolveMedia` allows, or a 404. Never reads a
 * path the page made up: resolveMedia checks it first.
 */
export async function answerMediaRequest(
  home: string,
  images: DatasetImages,
  url: string,
): Promise<Response> {
  const notFound = () => new Response('not found', { status: 404 });
  let media: string;
  try {
    const parsed = new URL(url);
    if (parsed.host !== 'library') return notFound();
    media = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  } catch {
    return notFound();
  }
  const target = resolveMedia(home, media);
  if (!target) return notFound();
  const body =
    target.kind === 'file'
      ? await readFile(target.path)
      : await images.png(target.dataset, target.index, target.side);
  if (!body) return notFound();
  const type = target.kind === 'file' ? target.contentType : 'image/png';
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': type, 'x-content-type-options': 'nosniff' },
  });
}
