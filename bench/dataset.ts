/**
 * Benchmark data, generated once into .cache/bench/<size>/ and reused: the generator streams rows to disk,
 * so generating 20M rows stays within a few hundred MB. A manifest written last marks a finished folder; a
 * folder without a matching manifest (interrupted run, other settings) is generated again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { DEFAULT_SEED, generateKaggleFiles } from '../lib/data/generate';
import type { BenchSize } from './sizes';

export const CACHE_DIR = path.resolve(__dirname, '..', '.cache', 'bench');

export interface Dataset {
  size: BenchSize;
  dir: string;
  files: string[];
  rows: number;
  bytes: number;
}

interface Manifest {
  users: number;
  months: string[];
  seed: number;
  rows: number;
  files: { name: string; bytes: number }[];
}

/** The dataset of `size`, generating it first if the cache does not hold it. */
export async function ensureDataset(size: BenchSize, log: (line: string) => void): Promise<Dataset> {
  const dir = path.join(CACHE_DIR, size.label);
  const manifestPath = path.join(dir, 'manifest.json');
  const cached = readManifest(manifestPath);
  if (!(cached && cached.users === size.users && cached.seed === DEFAULT_SEED && cached.months.join() === size.months.join())) {
    fs.rmSync(dir, { recursive: true, force: true });
    log(`generating ${size.label}: ${size.users} users, ${size.months.join('+')} into ${dir}`);
    const started = performance.now();
    const result = await generateKaggleFiles({ out: dir, users: size.users, months: size.months, seed: DEFAULT_SEED });
    const manifest: Manifest = {
      users: size.users,
      months: size.months,
      seed: DEFAULT_SEED,
      rows: result.rows,
      files: result.files.map((f) => ({ name: path.basename(f.path), bytes: f.bytes })),
    };
    fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    log(`generated ${size.label}: ${result.rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const manifest = readManifest(manifestPath)!;
  return {
    size,
    dir,
    files: manifest.files.map((f) => path.join(dir, f.name)),
    rows: manifest.rows,
    bytes: manifest.files.reduce((s, f) => s + f.bytes, 0),
  };
}

/** A gzipped copy of a dataset's files in <dir>/gz/ (same rows), made once: the .csv.gz input users keep. */
export async function ensureGzipCopy(data: Dataset, log: (line: string) => void): Promise<Dataset> {
  const dir = path.join(data.dir, 'gz');
  const done = path.join(dir, 'complete');
  const files = data.files.map((f) => path.join(dir, `${path.basename(f)}.gz`));
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    log(`gzipping ${data.size.label} into ${dir}`);
    for (let i = 0; i < files.length; i++) {
      await pipeline(fs.createReadStream(data.files[i]!), zlib.createGzip({ level: 6 }), fs.createWriteStream(files[i]!));
    }
    fs.writeFileSync(done, '');
  }
  const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  return { ...data, dir, files, bytes };
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}
