import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from '../library/atomic-write';
import type { ExportRequest, ExportResult } from '../shared/studio-api';
import type { Gallery } from './gallery';
import { mediaPathOf } from './media';

/** Frames per direction of an exported loop, and how long each shows. */
const LOOP_FRAMES = 24;
const FRAME_DELAY_MS = 80;

/**
 * Exports the gallery's selection: PNGs, a contact-sheet grid, or a seamless loop between two images as an
 * animated GIF or WebP (there and back, so it never jumps). Without a folder (web mode) files go to
 * <home>/exports/<time>/ and come back as media the browser can download.
 */
export async function exportFromGallery(
  home: string,
  gallery: Gallery,
  request: ExportRequest,
): Promise<ExportResult> {
  const { run, kind, seeds, truncation, upscale } = request;
  const folder = request.folder ?? webExportFolder(home, run);
  mkdirSync(folder, { recursive: true });
  const step = gallery.newestStep(run);
  let files: string[];
  if (kind === 'pngs' || kind === 'grid') {
    if (seeds.length === 0) throw new Error('select at least one image to export');
    files = await gallery.request(run, step, {
      what: { seeds },
      truncation,
      outFolder: folder,
      grid: kind === 'grid',
      upscale,
    });
  } else {
    const [from, to] = seeds;
    if (from === undefined || to === undefined || seeds.length !== 2)
      throw new Error('a loop needs exactly two images');
    const frameFolder = join(folder, '.frames');
    const frames = await gallery.request(run, step, {
      what: { from, to, frames: LOOP_FRAMES },
      truncation,
      outFolder: frameFolder,
      grid: false,
      upscale,
    });
    const loop = [...frames, ...frames.slice(1, -1).reverse()].map((file) => readFileSync(file));
    const animated = sharp(loop, { join: { animated: true } });
    const encoded =
      kind === 'gif'
        ? await animated.gif({ loop: 0, delay: FRAME_DELAY_MS }).toBuffer()
        : await animated.webp({ loop: 0, delay: FRAME_DELAY_MS, lossless: true }).toBuffer();
    const path = join(folder, `${run}-step${step}-loop-${from}-${to}.${kind}`);
    writeFileAtomic(path, encoded);
    files = [path];
  }
  return exportResult(home, files);
}

/** Where web mode exports go: a new folder in <home>/exports/, named for what is exported and when. */
export function webExportFolder(home: string, label: string): string {
  return join(home, 'exports', `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
}

/** Files written by an export, each with the media path web mode downloads it through (inside the library). */
export function exportResult(home: string, files: string[]): ExportResult {
  const insideHome = (file: string) => !relative(home, file).startsWith(`..${sep}`);
  return {
    files: files.map((path) => ({
      name: basename(path),
      path,
      media: insideHome(path) ? mediaPathOf(home, path) : null,
    })),
  };
}
