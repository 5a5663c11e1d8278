/**
 * The compiled library (dist/) behind `import ... from 'purchase-prediction'`: JavaScript plus type
 * declarations, built from lib/index.ts by tsc (tsconfig.build.json).
 *
 * Why compiled: tslab compiles every local .ts file a cell imports and refuses files outside the kernel's
 * working directory, so notebooks that imported lib/ sources only ran with the kernel in the repository
 * root. A compiled package is plain `require` at run time and `.d.ts` for tslab's type checker, wherever
 * the kernel starts. The CLI and the tests keep running the sources through tsx.
 *
 * The build is rebuilt only when an input is newer than the last build's start (the stamp), and never by
 * two processes at once (a lock folder); it is written beside dist/ and renamed into place, so a reader
 * sees the old build or the new one, not a half-written one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './notebook';

/** The compiled library. */
export const DIST_DIR = join(REPOSITORY_ROOT, 'dist');

/** Written into dist/ by a successful build: the build's start time in milliseconds. */
export const BUILD_STAMP = '.build-stamp';

/** Files besides lib/ whose change changes the build. */
const BUILD_INPUT_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

/** A build older than this whose lock is still there was killed: its lock is taken over. */
const STALE_LOCK_MS = 10 * 60 * 1000;

/** Newest modification time (ms) of lib/ (files and folders: an added or removed file changes its folder) and the build's config files. */
export function newestBuildInput(root: string = REPOSITORY_ROOT): number {
  let newest = 0;
  const visit = (path: string): void => {
    const stat = statSync(path);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(join(root, 'lib'));
  for (const file of BUILD_INPUT_FILES) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

/** Start time of the build in `dist`, or undefined when there is none. */
function builtAt(dist: string): number | undefined {
  try {
    const value = Number(readFileSync(join(dist, BUILD_STAMP), 'utf8'));
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether dist/ holds a build of the current sources. */
export function libraryBuildIsFresh(root: string = REPOSITORY_ROOT): boolean {
  const built = builtAt(join(root, 'dist'));
  return built !== undefined && newestBuildInput(root) < built;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `work` holding the build lock of `root` (waiting for another process's build to finish first). */
function withBuildLock<T>(root: string, work: () => T): T {
  const lock = join(root, '.cache', 'library-build.lock');
  mkdirSync(join(root, '.cache'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds dist/ unless it is fresh. Returns whether it built. Throws with tsc's output when the library does
 * not compile (the old build, if any, stays in place).
 */
export function ensureLibraryBuild(options: { root?: string; log?: (line: string) => void } = {}): boolean {
  const root = options.root ?? REPOSITORY_ROOT;
  if (libraryBuildIsFresh(root)) return false;
  return withBuildLock(root, () => {
    // Another process may have built it while this one waited for the lock.
    if (libraryBuildIsFresh(root)) return false;
    const started = Date.now();
    options.log?.('building the library into dist/ (lib/ changed since the last build)');
    const dist = join(root, 'dist');
    // Beside dist/ on the same file system (renames), in the git-ignored cache folder.
    const next = join(root, '.cache', `dist-build-${process.pid}`);
    const old = join(root, '.cache', `dist-old-${process.pid}`);
    rmSync(next, { recursive: true, force: true });
    const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
    const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', next], {
      cwd: root,
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      rmSync(next, { recursive: true, force: true });
      throw new Error(`the library does not compile (tsc -p tsconfig.build.json):\n${`${run.stdout}${run.stderr}`.trim().slice(-4000)}`);
    }
    writeFileSync(join(next, BUILD_STAMP), String(started));
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(next, dist);
    rmSync(old, { recursive: true, force: true });
    return true;
  });
}
