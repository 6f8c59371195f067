import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import type { DatasetSize, SquareFit } from '../../src-main/shared/dataset';
import { parseBackgroundColour } from '../../src-main/library/import/background-colour';
import { decodeImageBytes, type DecodeOutcome } from '../../src-main/library/import/decode-image';
import { resolveImportLimits, type ImportLimits } from '../../src-main/library/import/import-limits';
import {
  animatedGif,
  bandedPixels,
  BLUE,
  exifRotatedJpeg,
  GREEN,
  near,
  paletteWithAlpha,
  patternPixels,
  pixelAt,
  png16,
  pngClaimingSize,
  rawImage,
  RED,
  solidPixels,
  truncatedJpeg,
  WHITE,
  type Rgb,
} from '../fixtures/make-images';

const SIZE: DatasetSize = 32;

async function decode(
  bytes: Buffer,
  name: string,
  options: { fit?: SquareFit; background?: string; size?: DatasetSize; limits?: Partial<ImportLimits> } = {},
): Promise<DecodeOutcome> {
  const settings = {
    size: options.size ?? SIZE,
    fit: options.fit ?? 'crop',
    background: parseBackgroundColour(options.background ?? '#ffffff').rgb,
  };
  return decodeImageBytes(bytes, name, settings, resolveImportLimits(options.limits));
}

async function decodePixels(
  bytes: Buffer,
  name: string,
  options: Parameters<typeof decode>[2] = {},
): Promise<Buffer> {
  const outcome = await decode(bytes, name, options);
  if (outcome.kind !== 'image') throw new Error(`expected an image, got skipped: ${outcome.reason}`);
  expect(outcome.pixels.length).toBe((options.size ?? SIZE) ** 2 * 3);
  return outcome.pixels;
}

async function skipReason(bytes: Buffer, name: string, limits?: Partial<ImportLimits>): Promise<string> {
  const outcome = await decode(bytes, name, { limits });
  if (outcome.kind !== 'skipped') throw new Error(`expected ${name} to be skipped, but it decoded`);
  return outcome.reason;
}

/** Stored as the wrong size from SIZE, so the resize path is exercised too. */
const solid = (colour: Rgb) => rawImage(solidPixels(24, 24, colour), 24, 24);

describe('decodeImageBytes: formats', () => {
  it.each([
    ['jpeg', () => solid(GREEN).jpeg().toBuffer()],
    ['png', () => solid(GREEN).png().toBuffer()],
    ['webp', () => solid(GREEN).webp().toBuffer()],
    ['tiff', () => solid(GREEN).tiff().toBuffer()],
    ['gif', () => solid(GREEN).gif().toBuffer()],
    ['avif', () => solid(GREEN).avif().toBuffer()],
  ])('decodes %s to size x size RGB', async (format, make) => {
    const pixels = await decodePixels(await make(), `green.${format}`);
    expect(near(pixelAt(pixels, SIZE, 16, 16), GREEN, 20)).toBe(true);
  });

  it('uses the first frame of an animated GIF', async () => {
    const gif = await animatedGif(20, [RED, BLUE, GREEN]);
    expect((await sharp(gif, { pages: -1 }).metadata()).pages).toBe(3);
    const pixels = await decodePixels(gif, 'anim.gif');
    expect(near(pixelAt(pixels, SIZE, 0, 0), RED)).toBe(true);
    expect(near(pixelAt(pixels, SIZE, 31, 31), RED)).toBe(true);
  });

  it('applies EXIF orientation 6: the left half (red) ends up on top', async () => {
    const jpeg = await exifRotatedJpeg(64, 32);
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);
    // Stored 64x32, shown 32x64: crop keeps the middle 32x32, whose top half is red and bottom half blue.
    const pixels = await decodePixels(jpeg, 'rotated.jpg');
    expect(near(pixelAt(pixels, SIZE, 16, 4), RED, 30)).toBe(true);
    expect(near(pixelAt(pixels, SIZE, 16, 27), BLUE, 30)).toBe(true);
    // Left and right of the same row agree: nothing was left unrotated.
    expect(near(pixelAt(pixels, SIZE, 2, 4), pixelAt(pixels, SIZE, 29, 4), 30)).toBe(true);
  });

  it('flattens a palette PNG with alpha onto the background colour', async () => {
    const png = await paletteWithAlpha(SIZE, GREEN);
    const metadata = await sharp(png).metadata();
    expect(metadata.isPalette).toBe(true);
    expect(metadata.hasAlpha).toBe(true);
    const onWhite = await decodePixels(png, 'palette.png');
    expect(pixelAt(onWhite, SIZE, 4, 1)).toEqual(WHITE);
    expect(near(pixelAt(onWhite, SIZE, 4, 30), GREEN, 4)).toBe(true);
    const onBlack = await decodePixels(png, 'palette.png', { background: '#000' });
    expect(pixelAt(onBlack, SIZE, 4, 1)).toEqual([0, 0, 0]);
  });

  it('reduces a 16-bit PNG to 8 bits per channel', async () => {
    const png = png16(16, 16, [0x0000, 0x8080, 0xffff]);
    expect((await sharp(png).metadata()).depth).toBe('ushort');
    const pixels = await decodePixels(png, 'deep.png');
    expect(pixelAt(pixels, SIZE, 5, 5)).toEqual([0, 128, 255]);
  });

  it('converts a CMYK JPEG to sRGB', async () => {
    const jpeg = await solid(RED).toColourspace('cmyk').jpeg().toBuffer();
    const metadata = await sharp(jpeg).metadata();
    expect(metadata.space).toBe('cmyk');
    expect(metadata.channels).toBe(4);
    const [r, g, b] = pixelAt(await decodePixels(jpeg, 'print.jpg'), SIZE, 16, 16);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(40);
    expect(b).toBeLessThan(60);
  });

  it('turns greyscale into equal RGB channels', async () => {
    const png = await rawImage(solidPixels(16, 16, [90, 90, 90]), 16, 16)
      .toColourspace('b-w')
      .png()
      .toBuffer();
    expect((await sharp(png).metadata()).channels).toBe(1);
    expect(pixelAt(await decodePixels(png, 'grey.png'), SIZE, 3, 3)).toEqual([90, 90, 90]);
  });
});

describe('decodeImageBytes: squaring', () => {
  // 96x32: red, green, blue bands of 32x32 each, so 'crop' needs no resize and must keep exactly the green.
  const wide = () =>
    rawImage(bandedPixels(96, 32, [RED, GREEN, BLUE]), 96, 32)
      .png()
      .toBuffer();

  it("'crop' keeps the centre", async () => {
    const pixels = await decodePixels(await wide(), 'wide.png', { fit: 'crop' });
    for (const x of [0, 16, 31]) expect(pixelAt(pixels, SIZE, x, 16)).toEqual(GREEN);
  });

  it("'pad' keeps everything and letterboxes onto the background", async () => {
    const pixels = await decodePixels(await wide(), 'wide.png', { fit: 'pad', background: '#000000' });
    // 96x32 scaled to 32 wide is about 32x11, centred: black bars above and below.
    expect(pixelAt(pixels, SIZE, 16, 0)).toEqual([0, 0, 0]);
    expect(pixelAt(pixels, SIZE, 16, 31)).toEqual([0, 0, 0]);
    expect(near(pixelAt(pixels, SIZE, 2, 16), RED, 40)).toBe(true);
    expect(near(pixelAt(pixels, SIZE, 16, 16), GREEN, 40)).toBe(true);
    expect(near(pixelAt(pixels, SIZE, 29, 16), BLUE, 40)).toBe(true);
  });
});

describe('decodeImageBytes: refusals', () => {
  it('refuses a truncated JPEG', async () => {
    expect(await skipReason(await truncatedJpeg(256, 0.5), 'cut.jpg')).toBe('truncated or corrupt JPEG data');
    // Even when only the last few bytes are missing.
    expect(await skipReason(await truncatedJpeg(256, 0.98), 'cut.jpg')).toMatch(/truncated or corrupt JPEG/);
  });

  it('still calls a truncated JPEG truncated when decoded beside others', async () => {
    // libvips' error text is shared between threads and sometimes lost under parallel decodes; the reason
    // must not depend on it.
    const cut = await truncatedJpeg(200);
    const busy = await rawImage(patternPixels(300, 300, 1), 300, 300)
      .png()
      .toBuffer();
    const reasons = new Set<string>();
    for (let round = 0; round < 30; round++) {
      const [outcome] = await Promise.all([
        decode(cut, 'cut.jpg'),
        decode(busy, 'a.png'),
        decode(busy, 'b.png'),
      ]);
      reasons.add(outcome.kind === 'skipped' ? outcome.reason : 'decoded');
    }
    expect([...reasons]).toEqual(['truncated or corrupt JPEG data']);
  });

  it('refuses a truncated PNG', async () => {
    const png = await rawImage(patternPixels(64, 64, 3), 64, 64)
      .png()
      .toBuffer();
    expect(await skipReason(png.subarray(0, png.length - 40), 'cut.png')).toMatch(
      /^(truncated or )?corrupt PNG/,
    );
  });

  it('refuses an empty file', async () => {
    expect(await skipReason(Buffer.alloc(0), 'nothing.jpg')).toBe('empty file');
  });

  it('refuses a text file whatever its name', async () => {
    const text = Buffer.from('shopping list:\n- milk\n- bread\n');
    expect(await skipReason(text, 'notes.png')).toBe('not an image (text file named .png)');
    expect(await skipReason(text, 'README')).toBe('not an image (text file)');
  });

  it('refuses binary that is not an image, and SVG with advice', async () => {
    const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) % 256));
    expect(await skipReason(binary, 'photo.jpg')).toMatch(
      /^not a recognised image format \(file named \.jpg\)/,
    );
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>');
    expect(await skipReason(svg, 'logo.svg')).toBe('SVG drawing: not supported, export it as PNG first');
  });

  it('refuses a header claiming 100000 x 100000 pixels before decoding any', async () => {
    const bomb = pngClaimingSize(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    // The header is well formed: sharp reads it, so the refusal below is the megapixel check, not corruption.
    const metadata = await sharp(bomb, { limitInputPixels: false }).metadata();
    expect([metadata.width, metadata.height]).toEqual([100_000, 100_000]);
    expect(await skipReason(bomb, 'huge.png')).toBe(
      'image is 100000x100000 (10000 megapixels), over the 64 megapixel limit',
    );
  });

  it('applies a lower megapixel limit when given one', async () => {
    const png = await solid(GREEN).png().toBuffer(); // 24x24 = 576 pixels
    expect(await skipReason(png, 'small.png', { maxMegapixels: 0.0005 })).toBe(
      'image is 24x24 (0.00058 megapixels), over the 0.0005 megapixel limit',
    );
  });
});

describe('decodeImageBytes on damaged files', () => {
  it('never throws, and gives either a full image or a one-line reason, for randomly damaged files', async () => {
    const image = () => rawImage(patternPixels(48, 40, 3), 48, 40);
    const originals = await Promise.all([
      image().jpeg().toBuffer(),
      image().png().toBuffer(),
      image().webp().toBuffer(),
      image().gif().toBuffer(),
      image().tiff().toBuffer(),
      image().avif().toBuffer(),
    ]);
    let seed = 2024;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const reasons: string[] = [];
    for (const original of originals) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const damaged = Buffer.from(original);
        for (let hit = 0; hit < 1 + random() * 6; hit++) {
          damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
        }
        const outcome = await decode(
          damaged.subarray(0, random() < 0.3 ? random() * damaged.length : undefined),
          'x',
        );
        if (outcome.kind === 'image') expect(outcome.pixels.length).toBe(SIZE * SIZE * 3);
        else reasons.push(outcome.reason);
      }
    }
    expect(reasons.length).toBeGreaterThan(40);
    for (const reason of reasons) {
      expect(reason).not.toMatch(/[\r\n]/);
      expect(reason.length).toBeLessThan(200);
      expect(reason).not.toMatch(/Input buffer|VipsJpeg|2vips/);
    }
  });
});
