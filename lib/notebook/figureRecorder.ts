/**
 * Figures shown in a notebook are also the report's PNGs. `showFigure(fig, name)` displays the figure
 * and, when the run has a figure folder (PURCHASE_FIGURE_DIR), records its spec as `<name>.json` there.
 * After the notebooks ran, the report command reads every record and renders them all to PNG in one
 * browser session: the kernel never starts a browser, and a notebook run by hand writes nothing.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from '../plots/figure';
import { show } from '../plots/show';
import { writeFileAtomic } from '../io/atomicWrite';
import { readdirIfExists } from '../io/readdirIfExists';
import { readNotebookParameters } from './contract';

/** A recorded figure: its file name (without extension), spec and display size. */
export type RecordedFigure = { name: string; fig: Figure; width?: number; height?: number };

// File names double as PNG names: keep them portable and free of path separators.
const FIGURE_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Throws unless `name` is lower-case letters, digits, '-' and '_' (it becomes `<name>.png`). */
export function checkFigureName(name: string): string {
  if (!FIGURE_NAME.test(name)) throw new Error(`figure name must match ${FIGURE_NAME}, got '${name}'`);
  return name;
}

/** Writes `<dir>/<name>.json`; a name recorded twice in one run is an error (one PNG would be lost). */
export function recordFigure(dir: string, figure: RecordedFigure): string {
  const path = join(dir, `${checkFigureName(figure.name)}.json`);
  mkdirSync(dir, { recursive: true });
  const seen = recordedNames(dir);
  if (seen.has(figure.name)) throw new Error(`figure '${figure.name}' was already recorded in ${dir}`);
  seen.add(figure.name);
  writeFileAtomic(path, JSON.stringify(figure));
  return path;
}

// Names recorded by this kernel per folder; a re-run of the same cell in a live session replaces its file.
const NAMES_KEY = Symbol.for('purchase-prediction.recordedFigureNames');
function recordedNames(dir: string): Set<string> {
  const store = globalThis as unknown as Record<symbol, Map<string, Set<string>> | undefined>;
  const byDir = (store[NAMES_KEY] ??= new Map());
  let names = byDir.get(dir);
  if (!names) byDir.set(dir, (names = new Set()));
  return names;
}

/** Forgets the names recorded in this process (a live kernel that re-runs a whole notebook). */
export function resetRecordedNames(): void {
  (globalThis as unknown as Record<symbol, unknown>)[NAMES_KEY] = undefined;
}

/**
 * Displays `fig` in the current cell and records it under `name` when the run has a figure folder.
 * `size` applies to both the inline figure and the PNG.
 */
export function showFigure(fig: Figure, name: string, size: { width?: number; height?: number } = {}): void {
  checkFigureName(name);
  show(fig, size);
  const dir = readNotebookParameters().figureDir;
  if (dir) recordFigure(dir, { name, fig, ...size });
}

/** Every figure recorded in `dir`, sorted by name (no folder: none). */
export function readRecordedFigures(dir: string): RecordedFigure[] {
  return (
    readdirIfExists(dir)
      // Recorded tables (`<name>.table.json`, tableRecorder.ts) share the folder.
      .filter((f) => f.endsWith('.json') && !f.endsWith('.table.json') && !f.startsWith('.'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RecordedFigure)
  );
}
