/**
 * Where the modelling notebook gets its table: the hand-off file of the EDA notebook when it exists
 * (a report run), otherwise the pipeline itself (a notebook opened on its own).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureTable } from '../features/featureTable';
import { runPipeline } from '../pipeline/runPipeline';
import { FEATURE_TABLE_FILE, readFeatureTableFile, writeFeatureTableFile } from './featureTableFile';
import type { NotebookSettings } from './settings';

/** What a modelling table depends on, as the label of its hand-off file. */
export function tableSource(settings: NotebookSettings): string {
  return JSON.stringify({ data: settings.dataDir, backend: settings.backend, mode: settings.mode, refDate: settings.refDate ?? null });
}

/** Saves the table for the modelling notebook (`<reportDir>/modelling_table.json`); returns the path. */
export function saveModellingTable(settings: NotebookSettings, table: FeatureTable): string {
  const file = join(settings.reportDir, FEATURE_TABLE_FILE);
  writeFeatureTableFile(file, table, tableSource(settings));
  return file;
}

/** The modelling table for `settings`, and where it came from (for the notebook to say). */
export async function loadModellingTable(settings: NotebookSettings): Promise<{ table: FeatureTable; source: string }> {
  const file = join(settings.reportDir, FEATURE_TABLE_FILE);
  const saved = existsSync(file) ? readFeatureTableFile(file, tableSource(settings)) : undefined;
  if (saved) return { table: saved, source: file };
  const run = await runPipeline({ data: settings.dataDir, backend: settings.backend, mode: settings.mode, refDate: settings.refDate });
  try {
    return { table: run.table, source: `the pipeline on ${settings.dataDir}` };
  } finally {
    await run.close();
  }
}
