/**
 * One benchmark measurement, run as a child process so its peak RSS is its own:
 *   node --import tsx bench/stage.ts pipeline --data DIR --backend duckdb|postgres [--postgres-url URL]
 *        [--partitions N|auto] [--export FILE.parquet] --out RESULT.json
 *   node --import tsx bench/stage.ts models --table FILE.parquet --out RESULT.json
 * `pipeline` runs load → (copy) → clean → features → read into typed arrays, always from the CSV files (the load
 * cache off: a stage table measures parsing), in `--partitions` user partitions (default 1, the library's and the
 * notebooks' default; the commands use auto); `models` reads a modelling
 * table exported by a pipeline run, trains and scores every study model (the k-NN sweep included), then times
 * SMOTE alone on the standardised training rows.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DuckDbEngine, type DuckDbOptions } from '../lib/engine/duckdb';
import { readFeatureTable } from '../lib/features/featureTable';
import { MODELLING_TABLE } from '../lib/features/context';
import { runPipeline } from '../lib/pipeline/runPipeline';
import { prepareStudyData } from '../lib/study/prepareData';
import { runStudy } from '../lib/study/runStudy';
import { smote } from '../lib/prep/smote';
import { StageMeter, type StageFigures } from './meter';
import { installQueryProfile, takeQueryProfile } from './queryProfile';
import { postgresServerCpu } from './serverCpu';

/** What a child writes to its --out file. */
export interface StageResult {
  kind: 'pipeline' | 'models';
  backend: 'duckdb' | 'postgres';
  stages: StageFigures[];
  /** The kernel's peak RSS of the whole child process, bytes. */
  processPeakRssBytes: number;
  events?: number;
  users?: number;
  modellingRows?: number;
}

async function main(): Promise<void> {
  const [kind, ...argv] = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      backend: { type: 'string', default: 'duckdb' },
      'postgres-url': { type: 'string' },
      export: { type: 'string' },
      table: { type: 'string' },
      out: { type: 'string' },
      'memory-limit': { type: 'string' },
      threads: { type: 'string' },
      'duckdb-path': { type: 'string' },
      partitions: { type: 'string', default: '1' },
    },
  });
  if (!values.out) throw new Error('--out is required');
  const result =
    kind === 'pipeline'
      ? await pipelineStages(
          values.data!,
          values.backend as 'duckdb' | 'postgres',
          values['postgres-url'],
          values.export,
          {
            memoryLimit: values['memory-limit'],
            threads: values.threads ? Number(values.threads) : undefined,
            path: values['duckdb-path'],
          },
          values.partitions === 'auto' ? 'auto' : Number(values.partitions),
        )
      : kind === 'models'
        ? await modelStages(values.table!)
        : null;
  if (!result) throw new Error(`unknown measurement '${kind}': expected pipeline or models`);
  fs.writeFileSync(values.out, JSON.stringify(result, null, 2));
}

async function pipelineStages(
  data: string,
  backend: 'duckdb' | 'postgres',
  postgresUrl: string | undefined,
  exportTo: string | undefined,
  duckdb: DuckDbOptions,
  partitions: number | 'auto',
): Promise<StageResult> {
  installQueryProfile();
  const database = postgresUrl ? new URL(postgresUrl).pathname.slice(1) : undefined;
  const meter = new StageMeter(backend === 'postgres' && database ? () => postgresServerCpu(database) : undefined);
  const run = await runPipeline({
    data,
    backend,
    postgresUrl,
    mode: 'seed',
    duckdb,
    cache: false,
    partitions,
    runStage: async (stage, work) => {
      takeQueryProfile(); // statements between stages (opening, checks) are not part of the next one
      const out = await meter.measure(stage, 0, work);
      meter.stages[meter.stages.length - 1]!.queries = takeQueryProfile();
      return out;
    },
  });
  // Rows per stage (known only once loaded): events for the SQL stages, users for the read into typed arrays.
  const events = run.load.rows;
  const users = run.table.rows;
  for (const s of meter.stages) {
    s.rows = s.stage === 'read' ? users : events;
    s.rowsPerSecond = s.rows / Math.max(s.wallSeconds, 1e-6);
  }
  if (exportTo) await exportModellingTable(run.engine, run.loader, exportTo);
  await run.close();
  meter.stop();
  return {
    kind: 'pipeline',
    backend,
    stages: meter.stages,
    processPeakRssBytes: meter.processPeakRssBytes(),
    events,
    users,
    modellingRows: run.features.rows,
  };
}

/** Save the modelling table as Parquet for the models measurement (DuckDB backend only). */
async function exportModellingTable(engine: unknown, loader: DuckDbEngine, file: string): Promise<void> {
  if (engine !== loader) throw new Error('--export needs the duckdb backend');
  await loader.run(`COPY ${MODELLING_TABLE} TO '${file.replace(/'/g, "''")}' (FORMAT parquet)`);
}

async function modelStages(file: string): Promise<StageResult> {
  const meter = new StageMeter();
  const engine = await DuckDbEngine.open();
  const table = await meter.measure(
    'read',
    (t: { rows: number }) => t.rows,
    async () => {
      await engine.run(`CREATE TABLE ${MODELLING_TABLE} AS SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`);
      return readFeatureTable(engine);
    },
  );
  await engine.close();
  const data = await meter.measure('prepare', table.rows, async () => prepareStudyData(table, { seed: 42 }));
  const perModel: Record<string, number> = {};
  await meter.measure('models', data.counts.train + data.counts.test, () =>
    runStudy(data, {
      seed: 42,
      onModel: (name, e) => {
        perModel[`${name}.fit`] = round3(e.fitSeconds);
        perModel[`${name}.predict`] = round3(e.predictSeconds);
      },
    }),
  );
  meter.stages[meter.stages.length - 1]!.extra = {
    ...perModel,
    train: data.counts.train,
    test: data.counts.test,
  };
  // SMOTE on standardised features is its hard case: with every feature on one scale no few wide columns
  // dominate the distances, so the neighbour search prunes least. The split and scaling are not timed.
  const scaled = prepareStudyData(table, { seed: 42, sampling: 'none', scale: true });
  const resampled = await meter.measure('smote', scaled.XTrain.rows, async () => smote(scaled.XTrain, scaled.yTrain, { seed: 42 }));
  meter.stages[meter.stages.length - 1]!.extra = {
    rows: scaled.XTrain.rows,
    minority: Math.min(scaled.counts.trainPositives, scaled.XTrain.rows - scaled.counts.trainPositives),
    synthetic: resampled.X.rows - scaled.XTrain.rows,
  };
  meter.stop();
  return {
    kind: 'models',
    backend: 'duckdb',
    stages: meter.stages,
    processPeakRssBytes: meter.processPeakRssBytes(),
    users: table.rows,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
