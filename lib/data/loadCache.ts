/**
 * The load cache: the validated, typed events of a set of input files, kept as the Parquet event store the
 * loader wrote (lib/data/eventStore.ts), so a later run on the same files skips CSV parsing and validation.
 *
 * An entry is a folder `<root>/<key>/` holding the store's Parquet files and `manifest.json`, written last.
 * The key hashes what the result depends on: the loader's version, the load settings (bad rows skipped or not,
 * the partition count) and every input file's absolute path, size, modification time and a hash of its first
 * and last 64 KiB (a file rewritten within one mtime tick with the same size is still caught when its head or
 * tail changed). An entry is never trusted blindly: the manifest must parse and match the key's inputs, and
 * every Parquet file must exist with its recorded size and SHA-256; anything else is reported as stale or corrupt
 * and the entry is rebuilt from the CSV files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../io/repositoryRoot';
import type { LoadReport } from './load';

/** Bump when the loader's output for the same input changes (types, validation rules, store layout). */
export const LOAD_CACHE_VERSION = 4;

/** Environment variable naming the cache folder (default `<repository>/.cache/events`), or `off`. */
export const LOAD_CACHE_ENV = 'PURCHASE_PREDICTION_CACHE';

/** The value of {@link LOAD_CACHE_ENV} that turns the cache off (e.g. for the kernels of `report --no-cache`). */
export const LOAD_CACHE_OFF = 'off';

/** Bytes hashed at each end of an input file for its fingerprint. */
const EDGE_BYTES = 64 * 1024;

const MANIFEST = 'manifest.json';

/** Where cache entries live: `$PURCHASE_PREDICTION_CACHE`, else `.cache/events` in the repository. */
export function defaultCacheRoot(): string {
  const fromEnv = process.env[LOAD_CACHE_ENV];
  return fromEnv && fromEnv !== LOAD_CACHE_OFF ? path.resolve(fromEnv) : path.join(REPOSITORY_ROOT, '.cache', 'events');
}

/**
 * The cache folder a load uses: none for `false` or when {@link LOAD_CACHE_ENV} is `off`, the named folder for a
 * string, else {@link defaultCacheRoot}.
 */
export function resolveCacheRoot(option: boolean | string | undefined): string | null {
  if (option === false || option === undefined) return null;
  if (typeof option === 'string') return path.resolve(option);
  return process.env[LOAD_CACHE_ENV] === LOAD_CACHE_OFF ? null : defaultCacheRoot();
}

/** What identifies one input file's content without reading all of it. */
export interface InputFingerprint {
  path: string;
  bytes: number;
  mtimeMs: number;
  /** SHA-256 of the first and last 64 KiB. */
  edges: string;
}

/** The load settings an entry depends on. */
export interface LoadCacheSettings {
  skipBadRows: boolean;
  partitions: number;
}

/** One Parquet file of an entry, relative to the entry folder. */
export interface CachedFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** `manifest.json` of an entry. */
export interface LoadCacheManifest {
  version: number;
  key: string;
  settings: LoadCacheSettings;
  inputs: InputFingerprint[];
  /** The load report of the run that wrote the entry (its timings are that run's). */
  report: LoadReport;
  files: CachedFile[];
}

/** The fingerprint of each input file, in the given order. */
export function fingerprintFiles(files: readonly string[]): InputFingerprint[] {
  return files.map((file) => {
    const absolute = path.resolve(file);
    const stat = fs.statSync(absolute);
    const hash = crypto.createHash('sha256');
    const fd = fs.openSync(absolute, 'r');
    try {
      const head = Buffer.alloc(Math.min(EDGE_BYTES, stat.size));
      fs.readSync(fd, head, 0, head.length, 0);
      hash.update(head);
      const tailStart = Math.max(head.length, stat.size - EDGE_BYTES);
      const tail = Buffer.alloc(stat.size - tailStart);
      fs.readSync(fd, tail, 0, tail.length, tailStart);
      hash.update(tail);
    } finally {
      fs.closeSync(fd);
    }
    return { path: absolute, bytes: stat.size, mtimeMs: stat.mtimeMs, edges: hash.digest('hex') };
  });
}

/** The entry key of a set of inputs under some settings (hex, 24 characters). */
export function cacheKey(inputs: readonly InputFingerprint[], settings: LoadCacheSettings): string {
  const identity = JSON.stringify({ version: LOAD_CACHE_VERSION, settings, inputs });
  return crypto.createHash('sha256').update(identity).digest('hex').slice(0, 24);
}

/** SHA-256 of a whole file, streamed. */
export async function fileSha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A usable entry, or why there is none. */
export type CacheLookup =
  | { status: 'hit'; dir: string; manifest: LoadCacheManifest }
  | { status: 'miss' }
  | { status: 'invalid'; dir: string; reason: string };

/**
 * Find and verify the entry `key` under `root`: a hit only when the manifest matches the inputs and settings and
 * every Parquet file is intact (size and SHA-256).
 */
export async function lookupEntry(
  root: string,
  key: string,
  inputs: readonly InputFingerprint[],
  settings: LoadCacheSettings,
): Promise<CacheLookup> {
  const dir = path.join(root, key);
  if (!fs.existsSync(dir)) return { status: 'miss' };
  let manifest: LoadCacheManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as LoadCacheManifest;
  } catch (err) {
    return { status: 'invalid', dir, reason: `unreadable manifest (${(err as Error).message})` };
  }
  const expected = JSON.stringify({ version: LOAD_CACHE_VERSION, key, settings, inputs });
  const recorded = JSON.stringify({ version: manifest.version, key: manifest.key, settings: manifest.settings, inputs: manifest.inputs });
  if (expected !== recorded) return { status: 'invalid', dir, reason: 'the manifest does not describe these input files' };
  if (!Array.isArray(manifest.files)) {
    return { status: 'invalid', dir, reason: 'the manifest lists no store files' };
  }
  for (const file of manifest.files) {
    const full = path.join(dir, file.name);
    const size = fs.existsSync(full) ? fs.statSync(full).size : -1;
    if (size !== file.bytes)
      return { status: 'invalid', dir, reason: `${file.name} has ${size < 0 ? 'gone' : `${size} bytes, expected ${file.bytes}`}` };
    if ((await fileSha256(full)) !== file.sha256)
      return { status: 'invalid', dir, reason: `${file.name} is corrupt (its SHA-256 changed)` };
  }
  return { status: 'hit', dir, manifest };
}

/** The Parquet files under `dir` (relative names, sorted), with their sizes and (with `hash`) SHA-256. */
export async function describeFiles(dir: string, hash = true): Promise<CachedFile[]> {
  const names = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.endsWith('.parquet')).sort();
  const files: CachedFile[] = [];
  for (const name of names) {
    const full = path.join(dir, name);
    files.push({ name, bytes: fs.statSync(full).size, sha256: hash ? await fileSha256(full) : '' });
  }
  return files;
}

/**
 * Make the finished store in `staging` the entry of its key: write the manifest, then rename the folder into place
 * (atomic: a run stopped before the rename leaves only a staging folder, never a half entry). When another run
 * committed the same key meanwhile (two notebooks loading the same files at once), its entry is kept, ours
 * dropped, and its manifest returned: both hold the same rows. Entries of older versions of the same input paths
 * are removed. Returns the entry's folder and manifest.
 */
export function commitEntry(root: string, staging: string, manifest: LoadCacheManifest): { dir: string; manifest: LoadCacheManifest } {
  fs.writeFileSync(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 1));
  const dir = path.join(root, manifest.key);
  try {
    fs.renameSync(staging, dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    fs.rmSync(staging, { recursive: true, force: true });
    return { dir, manifest: JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as LoadCacheManifest };
  }
  // An entry of the same paths whose fingerprints differ holds an older version of the files: never a hit again.
  const paths = JSON.stringify(manifest.inputs.map((i) => i.path));
  const inputs = JSON.stringify(manifest.inputs);
  for (const other of listEntries(root)) {
    if (!other.manifest || other.key === manifest.key) continue;
    if (JSON.stringify(other.manifest.inputs.map((i) => i.path)) === paths && JSON.stringify(other.manifest.inputs) !== inputs) {
      fs.rmSync(other.dir, { recursive: true, force: true });
    }
  }
  return { dir, manifest };
}

/** A folder for a store being written under `root` (renamed into place by {@link commitEntry}). */
export function stagingFolder(root: string, key: string): string {
  fs.mkdirSync(root, { recursive: true });
  return fs.mkdtempSync(path.join(root, `.staging-${key}-`));
}

interface ListedEntry {
  key: string;
  dir: string;
  manifest: LoadCacheManifest | null;
}

function listEntries(root: string): ListedEntry[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => {
      const dir = path.join(root, d.name);
      try {
        return { key: d.name, dir, manifest: JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as LoadCacheManifest };
      } catch {
        return { key: d.name, dir, manifest: null };
      }
    });
}

/** What {@link clearCache} removed. */
export interface ClearedCache {
  root: string;
  entries: number;
  bytes: number;
}

/** Remove every entry (and any staging folder left by a stopped run) under `root`. */
export function clearCache(root: string = defaultCacheRoot()): ClearedCache {
  let entries = 0;
  let bytes = 0;
  if (fs.existsSync(root)) {
    for (const d of fs.readdirSync(root, { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      const dir = path.join(root, d.name);
      for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
        const stat = fs.statSync(path.join(dir, name));
        if (stat.isFile()) bytes += stat.size;
      }
      if (!d.name.startsWith('.')) entries++;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { root, entries, bytes };
}
