import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/*
 * Web mode can't hand the server paths on the user's disk, so the browser uploads the files of a picked or
 * dropped folder (keeping their relative paths, so subfolders still become classes) into
 * <home>/uploads/<id>/, which the import then reads and removes.
 */

const UPLOAD_ID = /^[0-9a-f]{32}$/;
const MAX_FILE_BYTES = 256 * 1024 * 1024;

export function createUpload(home: string): string {
  const id = randomBytes(16).toString('hex');
  mkdirSync(uploadFolder(home, id), { recursive: true });
  return id;
}

export function uploadFolder(home: string, id: string): string {
  if (!UPLOAD_ID.test(id)) throw new Error('invalid upload id');
  return join(home, 'uploads', id);
}

/** Checks a browser-supplied relative path: plain segments only, nothing that climbs out or hides. */
export function safeRelativePath(path: string): string[] {
  const segments = path.split('/');
  const bad = segments.some(
    (s) => s === '' || s === '.' || s === '..' || /[\\\0:]/.test(s) || s.length > 255,
  );
  if (bad || segments.length > 16 || path.length > 1024) throw new Error(`invalid file path "${path}"`);
  return segments;
}

/** Streams one uploaded file into the upload folder; refuses files over 256 MiB. */
export async function saveUploadedFile(
  home: string,
  id: string,
  relativePath: string,
  body: Readable,
): Promise<void> {
  const target = join(uploadFolder(home, id), ...safeRelativePath(relativePath));
  mkdirSync(dirname(target), { recursive: true });
  let bytes = 0;
  body.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > MAX_FILE_BYTES) body.destroy(new Error(`${relativePath} is over 256 MiB`));
  });
  try {
    await pipeline(body, createWriteStream(target));
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
}

/**
 * The sources of an upload, as the desktop app would see the same drop: each top-level folder or file the
 * user picked, so one dropped folder's subfolders become the classes, just as with a path.
 */
export function uploadSources(home: string, id: string): string[] {
  const folder = uploadFolder(home, id);
  const entries = readdirSync(folder).filter((name) => !name.startsWith('.'));
  if (entries.length === 0) throw new Error('the upload is empty: no files arrived');
  return entries.sort().map((name) => join(folder, name));
}

export function removeUpload(home: string, id: string): void {
  rmSync(uploadFolder(home, id), { recursive: true, force: true });
}
