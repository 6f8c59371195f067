import type { ImageFamily } from './sniff-image-format';

const PNG_IEND = [0x49, 0x45, 0x4e, 0x44]; // 'IEND', followed by its 4-byte CRC

/**
 * Does the file stop before its format's end marker? Asked only after a decode failed, to tell "truncated"
 * from other damage without relying on libvips' error text: with several decodes in parallel that text is
 * sometimes lost (sharp then reports "Unknown error"; seen about 1 time in 10 for a truncated JPEG decoded
 * beside two others). TIFF and AVIF have no end marker and are left to the error text.
 */
export function endsEarly(bytes: Uint8Array, family: ImageFamily): boolean {
  const length = bytes.length;
  switch (family) {
    case 'jpeg':
      return !(bytes[length - 2] === 0xff && bytes[length - 1] === 0xd9);
    case 'png':
      return length < 12 || PNG_IEND.some((value, index) => bytes[length - 8 + index] !== value);
    case 'gif':
      return bytes[length - 1] !== 0x3b;
    case 'webp': {
      // RIFF header: 'RIFF', then the size of everything after these 8 bytes, little-endian.
      if (length < 12) return true;
      const riffSize =
        (bytes[4] ?? 0) | ((bytes[5] ?? 0) << 8) | ((bytes[6] ?? 0) << 16) | ((bytes[7] ?? 0) << 24);
      return length < (riffSize >>> 0) + 8;
    }
    default:
      return false;
  }
}
