/** The pages of a PDF as pictures, for tests: rendered by poppler's pdftoppm into grey-scale PGM files and read here. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One rendered page: its size in pixels and how many pixels are not (near) white. */
export type PdfPage = { width: number; height: number; inkedPixels: number };

/** Reads a binary PGM (P5, 8-bit) file. */
export function readPgm(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  // Header: "P5", width, height, maxval, separated by white space, then one byte of white space.
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[i]!))) i++;
    let field = '';
    while (!/\s/.test(String.fromCharCode(bytes[i]!))) field += String.fromCharCode(bytes[i++]!);
    fields.push(field);
  }
  const [magic, width, height, max] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3])];
  if (magic !== 'P5' || max > 255) throw new Error(`not an 8-bit binary PGM: ${fields.join(' ')}`);
  return { width, height, pixels: bytes.subarray(i + 1, i + 1 + width * height) };
}

/** Renders every page of `pdf` at `dpi` and measures it. */
export function pdfPages(pdf: string, dpi = 20): PdfPage[] {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-pages-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdf, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => {
        const { width, height, pixels } = readPgm(readFileSync(join(dir, f)));
        let inkedPixels = 0;
        for (const p of pixels) if (p < 200) inkedPixels++;
        return { width, height, inkedPixels };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
