/**
 * Writing report files so a reader never sees a half-written one: write a sibling temp file,
 * then rename it over the target (rename is atomic within one file system).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function siblingTempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
}

/** Writes `data` to `path` atomically, creating the parent directory if needed. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = siblingTempPath(path);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Moves `source` to `target` atomically. A plain rename when both are on one file system;
 * otherwise the file is copied next to the target first, then renamed into place.
 */
export function moveFileAtomic(source: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  try {
    renameSync(source, target);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
  }
  const temp = siblingTempPath(target);
  try {
    copyFileSync(source, temp);
    renameSync(temp, target);
    rmSync(source, { force: true });
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
