import { endsEarly } from './ends-early';
import type { ImportLimits } from './import-limits';
import { FAMILY_NAMES, type ImageFamily } from './sniff-image-format';

// libjpeg, libpng, libwebp, giflib, libtiff and libheif each word "the data stopped early" differently.
const TRUNCATION =
  /premature end|truncat|unexpected end|end of (file|data|stream)|read error|not enough data|out of data|short read/i;

/** Turn a failed sharp decode of `bytes` into one line a person can act on, naming the format we saw. */
export function describeDecodeError(
  error: unknown,
  family: ImageFamily,
  bytes: Uint8Array,
  limits: ImportLimits,
): string {
  const message = firstLine(error instanceof Error ? error.message : String(error));
  const format = FAMILY_NAMES[family];
  if (/exceeds pixel limit/i.test(message))
    return `image is over the ${limits.maxMegapixels} megapixel limit`;
  if (endsEarly(bytes, family) || TRUNCATION.test(message)) return `truncated or corrupt ${format} data`;
  if (/unsupported image format/i.test(message)) {
    return `not a recognised image format (starts like ${format} but is not)`;
  }
  // libvips' error text is shared between threads and sometimes lost when decodes run in parallel.
  if (message === '' || /^unknown error$/i.test(message)) return `corrupt ${format} data`;
  return `corrupt ${format} data (${message})`;
}

function firstLine(text: string): string {
  const line = (text.split(/\r?\n/, 1)[0] ?? '')
    // libvips prefixes ("Input buffer has corrupt header: VipsJpeg: ...") mean nothing to a person.
    .replace(/^Input (buffer|file) has corrupt header:\s*/i, '')
    .replace(/^(Vips\w*|\w+2vips|vips\w*|\w+load(_buffer|_source)?|source( input)?):\s*/gi, '')
    .replace(/^corrupt \w+ data:\s*/i, '')
    .trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
