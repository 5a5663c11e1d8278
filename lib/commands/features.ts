/**
 * `features --data DIR --out FILE.csv`: load the Kaggle files, clean them, build the modelling table and
 * write it as CSV, printing the time of each step.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from './command';
import { checkBackend } from '../engine/engine';
import {
  cacheOption,
  NO_CACHE_HELP,
  NO_CACHE_OPTION,
  PARTITIONS_HELP,
  PARTITIONS_OPTION,
  parseOptions,
  partitionsOption,
  requireOption,
} from './command';
import type { LoadReport } from '../data/load';
import type { Funnel } from '../clean/clean';
import { checkRefDate, type BuildModellingTableResult } from '../features/modellingTable';
import { FEATURE_MODES, SWITCH_DESCRIPTIONS, resolveSwitches, type FeatureMode } from '../features/modes';
import { writeFeatureCsv } from '../features/csv';
import { MODELLING_TABLE } from '../features/context';
import { moveFileAtomic } from '../io/atomicWrite';
import { oneClassWarning } from '../pipeline/dataProblems';
import { openPipeline, type PipelineStage } from '../pipeline/runPipeline';

const HELP = `features --data DIR --out FILE.csv [options]
  Load the month files of DIR, clean them (five steps), build the modelling table and write it as CSV.
  --data DIR            folder (or file) of Kaggle month files (.csv or .csv.gz)
  --out FILE.csv        where to write the modelling table
  --backend B           duckdb (default) or postgres (the data is loaded in DuckDB, then copied)
  --pg URL              PostgreSQL connection: postgresql:// URL or key=value settings; what it leaves out
                        comes from the PG* variables, then psql's defaults (OS user, local socket)
  --ref-date YYYY-MM-DD reference date for recency (default: the day after the last cleaned event; in seed
                        mode the study's run date 2020-02-11 when the data ends before it)
  --mode M              seed (default: the study, quirks included) or fixed, which switches on:
${Object.entries(SWITCH_DESCRIPTIONS)
  .map(([k, d]) => `                          ${k}: ${d}`)
  .join('\n')}
  --skip-bad-rows       skip malformed rows (counted) instead of failing on the first one
${NO_CACHE_HELP}
${PARTITIONS_HELP}`;

function step(name: string, seconds: number, detail = ''): void {
  console.log(`${name.padEnd(9)} ${seconds.toFixed(2).padStart(7)} s${detail ? `  ${detail}` : ''}`);
}

/** The line printed when a pipeline stage ends: what it produced. */
function stageDetail(stage: PipelineStage, result: unknown, mode: FeatureMode): string {
  const n = (x: number) => x.toLocaleString('en-US');
  switch (stage) {
    case 'load': {
      const r = result as LoadReport;
      return `${n(r.rows)} rows${r.skipped ? `, ${n(r.skipped)} skipped` : ''}`;
    }
    case 'copyToPostgres':
      return `${n(result as number)} rows to PostgreSQL`;
    case 'clean': {
      const f = result as Funnel;
      return `${n(f.multi_session)} rows, ${n(f.users)} users`;
    }
    case 'features': {
      const r = result as BuildModellingTableResult;
      return `${n(r.rows)} rows, mode ${mode}, ref date ${r.refDate}`;
    }
    default:
      return '';
  }
}

export const command: Command = {
  help: HELP,
  async run(argv: string[]): Promise<number> {
    const values = parseOptions(argv, {
      data: { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string', default: 'duckdb' },
      pg: { type: 'string' },
      'ref-date': { type: 'string' },
      mode: { type: 'string', default: 'seed' },
      'skip-bad-rows': { type: 'boolean', default: false },
      ...NO_CACHE_OPTION,
      ...PARTITIONS_OPTION,
    });
    const data = requireOption(values, 'data');
    const out = requireOption(values, 'out');
    const backend = checkBackend(values.backend, '--backend');
    const mode = values.mode as FeatureMode;
    if (!FEATURE_MODES.includes(mode)) throw new Error(`--mode must be seed or fixed, got '${values.mode}'`);
    resolveSwitches(mode);
    const refDate = values['ref-date'] === undefined ? undefined : checkRefDate(values['ref-date']);

    const total = performance.now();
    // The pipeline's stages, each printed with its time as it ends (loading prints progress on stderr meanwhile).
    const run = await openPipeline({
      data,
      backend,
      postgresUrl: values.pg,
      mode,
      refDate,
      skipBadRows: values['skip-bad-rows'],
      cache: cacheOption(values),
      partitions: partitionsOption(values),
      progress: true,
      runStage: async (stage, work) => {
        const started = performance.now();
        const result = await work();
        step(stage === 'copyToPostgres' ? 'copy' : stage, (performance.now() - started) / 1000, stageDetail(stage, result, mode));
        return result;
      },
    });
    try {
      const funnel = await run.clean();
      const built = await run.features();
      // A one-class table is still a valid table (e.g. for scoring), so write it, but say it cannot train a model.
      const oneClass = oneClassWarning(funnel);
      if (oneClass) process.stderr.write(`warning: ${oneClass}\n`);
      // Written next to the target and renamed into place: a run stopped mid-write leaves no partial CSV under `out`.
      const partial = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`);
      try {
        const started = performance.now();
        await writeFeatureCsv(run.engine, MODELLING_TABLE, partial);
        step('write', (performance.now() - started) / 1000, out);
        moveFileAtomic(partial, out);
      } finally {
        rmSync(partial, { force: true });
      }
      step('total', (performance.now() - total) / 1000, `${built.rows.toLocaleString('en-US')} rows x 19 columns`);
      return 0;
    } finally {
      await run.close();
    }
  },
};
