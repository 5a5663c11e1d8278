/** The model performance table as files beside the report: CSV for tools, Markdown for reading. */
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomicWrite';
import { toCsv, toMarkdown } from '../study/modelsReport';

/** File names of the model table inside the report folder. */
export const MODEL_TABLE_FILES = { csv: 'model_performance.csv', markdown: 'model_performance.md' } as const;

/** Writes `rows` as `<dir>/model_performance.csv` and `.md`; returns both paths. */
export function writeModelTables(dir: string, rows: readonly Record<string, string | number>[]): { csv: string; markdown: string } {
  const csv = join(dir, MODEL_TABLE_FILES.csv);
  const markdown = join(dir, MODEL_TABLE_FILES.markdown);
  writeFileAtomic(csv, toCsv(rows));
  writeFileAtomic(markdown, toMarkdown(rows));
  return { csv, markdown };
}
