/**
 * A small PNG decoder for tests (8-bit greyscale/RGB/RGBA, non-interlaced), written from the PNG
 * specification: chunks, zlib-compressed scanlines, and the five per-line filters.
 */
import { inflateSync } from 'node:zlib';

export type DecodedPng = { width: number; height: number; channels: number; pixels: Uint8Array };

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Width and height from the IHDR chunk, without decoding pixels. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(bytes);
  if (!SIGNATURE.every((b, i) => view[i] === b)) throw new Error('not a PNG');
  if (view.toString('latin1', 12, 16) !== 'IHDR') throw new Error('IHDR is not the first chunk');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes the image into unfiltered pixel bytes, row-major. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const view = Buffer.from(bytes);
  const { width, height } = pngSize(view);
  const bitDepth = view[24];
  const colourType = view[25]!;
  const interlace = view[28];
  const channels = CHANNELS[colourType];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
  }
  const idat: Buffer[] = [];
  for (let offset = 8; offset < view.length; ) {
    const length = view.readUInt32BE(offset);
    const type = view.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(view.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`bad filter ${filter} on line ${y}`);
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Number of distinct pixel values (colour tuples) in the image. */
export function distinctColours(png: DecodedPng): number {
  const seen = new Set<string>();
  for (let i = 0; i < png.pixels.length; i += png.channels) {
    seen.add(png.pixels.subarray(i, i + png.channels).join(','));
  }
  return seen.size;
}

/** Pixels whose values differ between two images of the same size and layout. */
export function differingPixels(a: DecodedPng, b: DecodedPng): number {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) throw new Error('different shapes');
  let count = 0;
  for (let i = 0; i < a.pixels.length; i += a.channels) {
    for (let k = 0; k < a.channels; k++) {
      if (a.pixels[i + k] !== b.pixels[i + k]) {
        count++;
        break;
      }
    }
  }
  return count;
}
