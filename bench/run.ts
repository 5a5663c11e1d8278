/**
 * `npm run bench`: the full-size performance benchmark (a script, not a test).
 *   npm run bench -- [--sizes 1M,4M,9M,20M] [--skip-postgres] [--skip-models] [--skip-gzip]
 *                    [--postgres-sizes 1M,9M] [--report-cmd "<shell command>"]
 * Generates the data once into .cache/bench/, measures each size in a child process per run (so peak RSS
 * is that run's), prints a table and writes .cache/bench/results.json and bench/results.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDbEngine } from '../lib/engine/duckdb';
import { onlyRow } from '../lib/engine/engine';
import { runMeasurement, timeCommand } from './child';
import { CACHE_DIR, ensureDataset, ensureGzipCopy, type Dataset } from './dataset';
import { preparePostgres, REPO_ROOT, type PostgresTarget } from './postgresSetup';
import { checkTargets, formatResults, type BenchResults, type CommandRun, type ModelsRun, type PipelineRun } from './report';
import { selectSizes } from './sizes';

/** DuckDB memory limit of the memory-bounded variant measured at full size. */
const BOUNDED_MEMORY_LIMIT = '800MB';

/** The size whose modelling table the models are trained on, and the gzip comparison is made at. */
const FULL_SIZE = '9M';

const log = (line: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      'postgres-sizes': { type: 'string', default: '1M,9M' },
      'skip-postgres': { type: 'boolean', default: false },
      'skip-models': { type: 'boolean', default: false },
      'skip-gzip': { type: 'boolean', default: false },
      'report-cmd': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
    return;
  }
  const sizes = selectSizes(values.sizes);
  const startedAt = new Date().toISOString();
  const loadAtStart = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  fs.mkdirSync(CACHE_DIR, { recursive: true });

  const datasets: Dataset[] = [];
  for (const size of sizes) datasets.push(await ensureDataset(size, log));

  let postgres: PostgresTarget | null = null;
  const postgresSizes = values['skip-postgres'] ? [] : values['postgres-sizes']!.split(',').map((s) => s.trim().toUpperCase());
  if (datasets.some((d) => postgresSizes.includes(d.size.label))) postgres = await preparePostgres(REPO_ROOT);

  const pipelines: PipelineRun[] = [];
  // Models train on the full-size table, or on the largest two-month size measured when 9M is not selected.
  const modelSize = datasets.find((d) => d.size.label === FULL_SIZE) ?? [...datasets].reverse().find((d) => d.size.months.length === 2);
  const parquet = path.join(CACHE_DIR, 'modelling_table.parquet');

  for (const data of datasets) {
    const exportArgs = data === modelSize ? ['--export', parquet] : [];
    pipelines.push(await measurePipeline(data, 'duckdb', 'csv', exportArgs));
    if (data.size.label === FULL_SIZE) {
      // The memory-bounded variant: DuckDB spills beyond the limit instead of holding every table in RAM.
      pipelines.push(
        await measurePipeline(
          data,
          'duckdb',
          'csv',
          ['--memory-limit', BOUNDED_MEMORY_LIMIT],
          undefined,
          `memory_limit ${BOUNDED_MEMORY_LIMIT}`,
        ),
      );
      if (!values['skip-gzip']) pipelines.push(await measurePipeline(await ensureGzipCopy(data, log), 'duckdb', 'csv.gz'));
    }
  }
  if (postgres) {
    for (const data of datasets.filter((d) => postgresSizes.includes(d.size.label))) {
      pipelines.push(await measurePipeline(data, 'postgres', 'csv', ['--postgres-url', postgres.url], postgres.env));
    }
  }

  let models: ModelsRun | null = null;
  if (!values['skip-models'] && modelSize) {
    log(`models on the ${modelSize.size.label} modelling table`);
    try {
      const r = await runMeasurement(['models', '--table', parquet]);
      models = { size: modelSize.size.label, users: r.users ?? 0, stages: r.stages, processPeakRssBytes: r.processPeakRssBytes };
    } catch (err) {
      log(`  FAILED: ${(err as Error).message}`);
    }
  }

  const commands: CommandRun[] = [];
  if (values['report-cmd']) {
    log(`timing: ${values['report-cmd']}`);
    commands.push({
      name: 'report command (default data)',
      command: values['report-cmd'],
      ...(await timeCommand(values['report-cmd'], REPO_ROOT)),
    });
  }

  const results: BenchResults = {
    startedAt,
    machine: { ...(await describeMachine(postgres?.version)), loadAverageAtStart: loadAtStart },
    pipelines,
    models,
    commands,
    targets: checkTargets(pipelines, models, commands),
  };
  const table = formatResults(results);
  console.log(table);
  fs.writeFileSync(path.join(CACHE_DIR, 'results.json'), JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(__dirname, 'results.md'), `# Benchmark results (last run of \`npm run bench\`)\n\n${table}`);
  log(`wrote ${path.join(CACHE_DIR, 'results.json')} and ${path.join(__dirname, 'results.md')}`);
}

async function measurePipeline(
  data: Dataset,
  backend: 'duckdb' | 'postgres',
  input: 'csv' | 'csv.gz',
  extraArgs: string[] = [],
  env?: NodeJS.ProcessEnv,
  settings = 'default',
): Promise<PipelineRun> {
  log(`${data.size.label} (${data.rows} events, ${input}, ${settings}) on ${backend}`);
  const base = { size: data.size.label, backend, input, settings, inputBytes: data.bytes };
  let r: Awaited<ReturnType<typeof runMeasurement>>;
  try {
    r = await runMeasurement(['pipeline', '--data', data.dir, '--backend', backend, ...extraArgs], env);
  } catch (err) {
    // One failed run (e.g. out of memory) is a result too: record it and measure the rest.
    log(`  FAILED: ${(err as Error).message}`);
    return { ...base, events: data.rows, users: 0, stages: [], processPeakRssBytes: 0, error: (err as Error).message };
  }
  const run: PipelineRun = {
    ...base,
    events: r.events ?? 0,
    users: r.users ?? 0,
    stages: r.stages,
    processPeakRssBytes: r.processPeakRssBytes,
  };
  const total = run.stages.reduce((s, x) => s + x.wallSeconds, 0);
  log(
    `  ${run.stages.map((s) => `${s.stage} ${s.wallSeconds.toFixed(1)}s`).join(', ')}; total ${total.toFixed(1)}s, ` +
      `peak ${(run.processPeakRssBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  return run;
}

async function describeMachine(postgresVersion: string | undefined): Promise<Record<string, string | number>> {
  const engine = await DuckDbEngine.open();
  const { v } = onlyRow(await engine.all<{ v: string }>('SELECT version() AS v'), 'DuckDB version');
  await engine.close();
  const machine: Record<string, string | number> = {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.versions.node,
    duckdb: v,
    loadAverage: os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' '),
  };
  if (postgresVersion) machine.postgres = postgresVersion;
  return machine;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
