/**
 * The parameters cell of every notebook: what `readNotebookParameters()` gives (data folder, backend,
 * seed, figure folder) plus the feature mode, the report folder and the honest evaluation's horizon, each
 * overridable in the cell itself. A reader who opens a notebook by hand changes a value in the one
 * `notebookSettings({...})` call.
 *
 * Relative folders are taken from the repository root, not from the kernel's working directory: Jupyter
 * front ends start kernels in the notebook's folder (notebooks/), the report in the same, and a notebook
 * must find `data/default` whichever way it was opened.
 */
import { resolve } from 'node:path';
import type { Backend } from '../engine/engine';
import { checkBackend } from '../engine/engine';
import { FEATURE_MODES, type FeatureMode } from '../features/modes';
import { NOTEBOOK_ENV, REPOSITORY_ROOT, readNotebookParameters } from './contract';

/** Everything a notebook needs to know about its run. */
export type NotebookSettings = {
  /** Folder of the month CSV files (absolute). */
  dataDir: string;
  backend: Backend;
  mode: FeatureMode;
  seed: number;
  refDate: string | undefined;
  /** Where `showFigure` records figure specs for the PNG export; undefined: display only. */
  figureDir: string | undefined;
  /** Where notebooks write files for later notebooks and the report (absolute). */
  reportDir: string;
  /** Honest evaluation: the label window after each cutoff, in days. */
  horizonDays: number;
};

/** Defaults of a hand-run notebook: the embedded default data, results under `reports/` (both in the repository). */
export const SETTINGS_DEFAULTS = { dataDir: 'data/default', mode: 'seed', reportDir: 'reports', horizonDays: 14 } as const;

/**
 * Reads the run's settings from the environment (set by the report command) and applies `overrides`
 * on top, validating the backend and mode so a typo fails in the first cell, not deep in the pipeline.
 */
export function notebookSettings(
  overrides: Partial<NotebookSettings> = {},
  env: Record<string, string | undefined> = process.env,
): NotebookSettings {
  const params = readNotebookParameters(env);
  const fromEnv = (name: string): string | undefined => (env[name] ? env[name] : undefined);
  // readNotebookParameters falls back to 'data' (the folder of all data sets); notebooks want the default set.
  const dataDir = overrides.dataDir ?? (env[NOTEBOOK_ENV.dataDir] ? params.dataDir : SETTINGS_DEFAULTS.dataDir);
  const horizonText = fromEnv(NOTEBOOK_ENV.horizonDays);
  const settings: NotebookSettings = {
    dataDir: resolve(REPOSITORY_ROOT, dataDir),
    backend: (overrides.backend ?? params.backend) as Backend,
    mode: (overrides.mode ?? fromEnv(NOTEBOOK_ENV.mode) ?? SETTINGS_DEFAULTS.mode) as FeatureMode,
    seed: overrides.seed ?? params.seed,
    refDate: overrides.refDate ?? params.refDate,
    figureDir: overrides.figureDir ?? params.figureDir,
    reportDir: resolve(REPOSITORY_ROOT, overrides.reportDir ?? fromEnv(NOTEBOOK_ENV.reportDir) ?? SETTINGS_DEFAULTS.reportDir),
    horizonDays: overrides.horizonDays ?? (horizonText === undefined ? SETTINGS_DEFAULTS.horizonDays : Number(horizonText)),
  };
  checkBackend(settings.backend);
  if (!FEATURE_MODES.includes(settings.mode)) {
    throw new Error(`mode must be one of ${FEATURE_MODES.join(', ')}, got '${settings.mode}'`);
  }
  if (!Number.isInteger(settings.seed)) throw new Error(`seed must be an integer, got ${settings.seed}`);
  if (!(Number.isInteger(settings.horizonDays) && settings.horizonDays > 0)) {
    throw new Error(`horizonDays must be a positive whole number of days, got ${settings.horizonDays}`);
  }
  return settings;
}
