import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { RgbImage } from '../models/gan-trainer';

export interface PngOptions {
  /** Written as PNG tEXt chunks (keyword -> Latin-1 text), e.g. seed, run and step. */
  text?: Record<string, string>;
  /** Enlarge by this whole factor with a Lanczos filter (1 = as generated). */
  upscale?: number;
}

/**
 * Encodes an image as PNG. The output depends only on the pixels and options (no timestamps), so the same
 * image always gives the same bytes.
 */
export async function encodePng(image: RgbImage, options: PngOptions = {}): Promise<Buffer> {
  const upscale = options.upscale ?? 1;
  if (!Number.isInteger(upscale) || upscale < 1 || upscale > 16) {
    throw new Error(`upscale must be a whole number from 1 to 16, got ${upscale}`);
  }
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  if (upscale > 1)
    pipeline = pipeline.resize(image.width * upscale, image.height * upscale, { kernel: 'lanczos3' });
  const png = await pipeline.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer();
  return options.text ? insertTextChunks(png, options.text) : png;
}

const PNG_SIGNATURE_BYTES = 8;
const IHDR_CHUNK_BYTES = 4 + 4 + 13 + 4;

/** Adds tEXt chunks right after IHDR (sharp has no option for PNG text). */
export function insertTextChunks(png: Buffer, text: Record<string, string>): Buffer {
  const chunks = Object.entries(text).map(([keyword, value]) => {
    if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error(`invalid PNG text keyword "${keyword}"`);
    const type = Buffer.from('tEXt', 'latin1');
    const payload = Buffer.concat([
      Buffer.from(keyword, 'latin1'),
      Buffer.from([0]),
      Buffer.from(value, 'latin1'),
    ]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(payload.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([type, payload])));
    return Buffer.concat([length, type, payload, crc]);
  });
  const split = PNG_SIGNATURE_BYTES + IHDR_CHUNK_BYTES;
  return Buffer.concat([png.subarray(0, split), ...chunks, png.subarray(split)]);
}

/** Reads back the tEXt chunks of a PNG (for tests and for showing an exported image's origin). */
export function readTextChunks(png: Buffer): Record<string, string> {
  const text: Record<string, string> = {};
  let offset = PNG_SIGNATURE_BYTES;
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type === 'tEXt') {
      const payload = png.subarray(offset + 8, offset + 8 + length);
      const zero = payload.indexOf(0);
      text[payload.toString('latin1', 0, zero)] = payload.toString('latin1', zero + 1);
    }
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  return text;
}
