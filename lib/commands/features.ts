/**
 * `features --data DIR --out FILE.csv`: load the Kaggle files, clean them, build the modelling table and
 * write it as CSV, printing the time of each step.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from './command';
import { parseOptions, requireOption } from './command';
import type { Engine } from '../engine/engine';
import { DuckDbEngine } from '../engine/duckdb';
import { PostgresEngine } from '../engine/postgres';
import { loadEvents } from '../data/load';
import { copyEventsToPostgres } from '../data/copyToPostgres';
import { cleanEvents } from '../clean/clean';
import { buildModellingTable, checkRefDate } from '../features/modellingTable';
import { FEATURE_MODES, SWITCH_DESCRIPTIONS, resolveSwitches, type FeatureMode } from '../features/modes';
import { writeFeatureCsv } from '../features/csv';
import { MODELLING_TABLE } from '../features/context';
import { moveFileAtomic } from '../report/atomicWrite';
import { emptyCleaningMessage, emptyModellingTableMessage, oneClassWarning } from '../pipeline/dataProblems';

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
${Object.entries(SWITCH_DESCRIPTIONS).map(([k, d]) => `                          ${k}: ${d}`).join('\n')}
  --skip-bad-rows       skip malformed rows (counted) instead of failing on the first one`;

function step(name: string, seconds: number, detail = ''): void {
  console.log(`${name.padEnd(9)} ${seconds.toFixed(2).padStart(7)} s${detail ? `  ${detail}` : ''}`);
}

async function timed<T>(name: string, work: () => Promise<T>, detail: (result: T) => string): Promise<T> {
  const started = performance.now();
  const result = await work();
  step(name, (performance.now() - started) / 1000, detail(result));
  return result;
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
    });
    const data = requireOption(values, 'data');
    const out = requireOption(values, 'out');
    const backend = values.backend;
    if (backend !== 'duckdb' && backend !== 'postgres') throw new Error(`--backend must be duckdb or postgres, got '${backend}'`);
    const mode = values.mode as FeatureMode;
    if (!FEATURE_MODES.includes(mode)) throw new Error(`--mode must be seed or fixed, got '${values.mode}'`);
    resolveSwitches(mode);
    const refDate = values['ref-date'] === undefined ? undefined : checkRefDate(values['ref-date']);

    const total = performance.now();
    const duck = await DuckDbEngine.open();
    let pg: PostgresEngine | undefined;
    try {
      // Connect first: a server that is down or refuses the login should fail the run before the load, not after.
      if (backend === 'postgres') pg = await PostgresEngine.open(values.pg ? { connectionString: values.pg } : {});
      await timed('load', () => loadEvents(duck, data, { progress: true, skipBadRows: values['skip-bad-rows'] }), (r) =>
        `${r.rows.toLocaleString('en-US')} rows${r.skipped ? `, ${r.skipped.toLocaleString('en-US')} skipped` : ''}`,
      );
      let engine: Engine = duck;
      if (pg) {
        const connected = pg;
        await timed('copy', () => copyEventsToPostgres(duck, connected, { progress: true }), (n) => `${n.toLocaleString('en-US')} rows to PostgreSQL`);
        engine = connected;
      }
      const funnel = await timed('clean', () => cleanEvents(engine), (f) => `${f.multi_session.toLocaleString('en-US')} rows, ${f.users.toLocaleString('en-US')} users`);
      const empty = emptyCleaningMessage(funnel);
      if (empty) throw new Error(empty);
      const built = await timed('features', () => buildModellingTable(engine, { mode, refDate }), (r) =>
        `${r.rows.toLocaleString('en-US')} rows, mode ${mode}, ref date ${r.refDate}`,
      );
      const noRows = emptyModellingTableMessage(built.rows, funnel);
      if (noRows) throw new Error(noRows);
      // A one-class table is still a valid table (e.g. for scoring), so write it, but say it cannot train a model.
      const oneClass = oneClassWarning(funnel);
      if (oneClass) process.stderr.write(`warning: ${oneClass}\n`);
      // Written next to the target and renamed into place: a run stopped mid-write leaves no partial CSV under `out`.
      const partial = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`);
      try {
        await timed('write', () => writeFeatureCsv(engine, MODELLING_TABLE, partial), () => out);
        moveFileAtomic(partial, out);
      } finally {
        rmSync(partial, { force: true });
      }
      step('total', (performance.now() - total) / 1000, `${built.rows.toLocaleString('en-US')} rows x 19 columns`);
      return 0;
    } finally {
      if (pg) await pg.close();
      await duck.close();
    }
  },
};
