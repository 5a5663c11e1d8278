/**
 * `npm run bench`: the full-size performance benchmark (a script, not a test).
 *   npm run bench -- [--sizes 1M,4M,9M,20M] [--skip-commands] [--skip-report] [--skip-cache] [--repeat-20m N]
 *                    [--skip-stages] [--skip-postgres] [--skip-models] [--skip-gzip] [--postgres-sizes 1M,9M]
 *                    [--skip-study-stack] [--report-cmd "<shell command>"]
 * Generates the data once into .cache/bench/. The stage-level runs (--skip-stages leaves them out) measure each
 * size's load, clean, features and read in a child process per run, with a per-statement profile, then the
 * models on the 9M table, and PostgreSQL at 1M and 9M. Then the study's stack (PostgreSQL + pandas with the
 * study's own queries, bench/study_stack.py; --skip-study-stack or --skip-postgres leave it out) runs load → features at 9M, and the CLI commands
 * are timed as a user runs them, each whole under /usr/bin/time -v: at 9M clean, features, models, evaluate and report (--skip-commands,
 * --skip-report), features without, with an empty and with a filled load cache (--skip-cache), features at 20M
 * N times in a row (--repeat-20m N, default 3, 0 skips), and features at the out-of-core sizes (only with
 * --sizes 50M,100M). Prints the tables, ratios and targets and writes .cache/bench/results.json and
 * bench/results.md (a run of out-of-core sizes only: .cache/bench/results-out-of-core.json and
 * bench/results-out-of-core.md, so the full run's results stay).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { autoPartitions } from '../lib/data/eventStore';
import { DuckDbEngine } from '../lib/engine/duckdb';
import { onlyRow } from '../lib/engine/engine';
import { runMeasurement } from './child';
import { CliRunner } from './cliRun';
import { featuresCsv, measureFullSizeCommands, measureOutOfCore, measureRepeats } from './commandRuns';
import { CACHE_DIR, ensureDataset, ensureGzipCopy, type Dataset } from './dataset';
import { dropBenchDatabase, preparePostgres, REPO_ROOT, type PostgresTarget } from './postgresSetup';
import { formatResults } from './report';
import { type BenchResults, type CommandRun, type ModelsRun, type PipelineRun, readResults } from './results';
import { FULL_SIZE, selectSizes } from './sizes';
import { readStudyStackReference } from './studyStack';
import { compareWithStudyStack } from './studyStackAgreement';
import { measureStudyStack, studyStackOutput, studyStackUnavailable } from './studyStackRun';
import { checkTargets, perEventReference } from './targets';

/** DuckDB memory limit of the memory-bounded variant measured at full size. */
const BOUNDED_MEMORY_LIMIT = '800MB';

/** The size run several times in a row (--repeat-20m). */
const REPEAT_SIZE = '20M';

const log = (line: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      'skip-commands': { type: 'boolean', default: false },
      'skip-report': { type: 'boolean', default: false },
      'skip-cache': { type: 'boolean', default: false },
      'repeat-20m': { type: 'string', default: '3' },
      'skip-stages': { type: 'boolean', default: false },
      'postgres-sizes': { type: 'string', default: '1M,9M' },
      'skip-postgres': { type: 'boolean', default: false },
      'skip-models': { type: 'boolean', default: false },
      'skip-gzip': { type: 'boolean', default: false },
      'skip-study-stack': { type: 'boolean', default: false },
      'report-cmd': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
    return;
  }
  const sizes = selectSizes(values.sizes);
  const repeats = Number(values['repeat-20m']);
  if (!Number.isInteger(repeats) || repeats < 0) throw new Error(`--repeat-20m must be a whole number, got '${values['repeat-20m']}'`);
  const studyStack = readStudyStackReference();
  const startedAt = new Date().toISOString();
  const loadAtStart = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  fs.mkdirSync(CACHE_DIR, { recursive: true });

  const datasets: Dataset[] = [];
  for (const size of sizes) datasets.push(await ensureDataset(size, log));
  // Models and commands run on the full size, or on the largest in-core two-month size measured when 9M is not selected.
  const fullSize =
    datasets.find((d) => d.size.label === FULL_SIZE) ??
    [...datasets].reverse().find((d) => d.size.months.length === 2 && !d.size.outOfCore);

  let postgres: PostgresTarget | null = null;
  const postgresSizes =
    values['skip-postgres'] || values['skip-stages'] ? [] : values['postgres-sizes']!.split(',').map((s) => s.trim().toUpperCase());
  // The study's stack (PostgreSQL + pandas) runs at full size unless skipped or unavailable (no study code, no pandas).
  // It needs PostgreSQL, so --skip-postgres leaves it out too; it is compared at the study's size only.
  const stackWanted = fullSize?.size.label === studyStack.size && !values['skip-study-stack'] && !values['skip-postgres'];
  const stackUnavailable = stackWanted ? studyStackUnavailable() : null;
  if (stackUnavailable) log(`the study's stack is not run: ${stackUnavailable}`);
  const runStack = stackWanted && !stackUnavailable;
  if (datasets.some((d) => postgresSizes.includes(d.size.label)) || runStack) postgres = await preparePostgres(REPO_ROOT);

  const pipelines: PipelineRun[] = [];
  let models: ModelsRun | null = null;
  if (!values['skip-stages']) {
    pipelines.push(...(await measureStages(datasets, fullSize, values['skip-gzip'])));
    if (postgres) {
      for (const data of datasets.filter((d) => postgresSizes.includes(d.size.label))) {
        pipelines.push(await measurePipeline(data, 'postgres', 'csv', 1, ['--postgres-url', postgres.url], postgres.env));
      }
      await dropBenchDatabase(postgres);
    }
    if (!values['skip-models'] && fullSize) models = await measureModels(fullSize);
  }

  const commands: CommandRun[] = [];
  const runner = new CliRunner(log);
  try {
    const stack = fullSize && postgres && runStack ? await measureStudyStack(runner, fullSize, postgres) : null;
    if (stack) commands.push(stack);
    if (fullSize) {
      commands.push(
        ...(await measureFullSizeCommands(runner, fullSize, {
          commands: !values['skip-commands'],
          skipReport: values['skip-report'],
          cache: !values['skip-cache'],
        })),
      );
      const ours = featuresCsv(runner, fullSize);
      if (stack && !stack.error && fs.existsSync(ours)) {
        stack.agreement = await compareWithStudyStack(studyStackOutput(runner, fullSize), ours).catch((err: Error) => {
          log(`could not compare the study stack's table with ours: ${err.message}`);
          return undefined;
        });
      }
    }
    const repeatData = datasets.find((d) => d.size.label === REPEAT_SIZE);
    if (repeatData && repeats > 0) commands.push(...(await measureRepeats(runner, repeatData, repeats)));
    for (const data of datasets.filter((d) => d.size.outOfCore)) commands.push(await measureOutOfCore(runner, data));
    if (values['report-cmd']) {
      commands.push(
        await runner.measureShell({ name: 'report command (default data)', sections: ['custom'], sampleTree: true }, values['report-cmd']),
      );
    }
  } finally {
    runner.close();
  }

  const outOfCoreOnly = datasets.length > 0 && datasets.every((d) => d.size.outOfCore);
  const resultsName = outOfCoreOnly ? 'results-out-of-core' : 'results';
  const lastResultsFile = path.join(CACHE_DIR, 'results.json');
  const measured: Omit<BenchResults, 'targets'> = {
    startedAt,
    machine: { ...(await describeMachine(postgres?.version)), loadAverageAtStart: loadAtStart },
    pipelines,
    models,
    commands,
    studyStack,
    perEventReference: perEventReference(commands, readResults(lastResultsFile), path.relative(REPO_ROOT, lastResultsFile)),
  };
  const results: BenchResults = { ...measured, targets: checkTargets(measured) };
  const table = formatResults(results);
  console.log(table);
  const jsonFile = path.join(CACHE_DIR, `${resultsName}.json`);
  const mdFile = path.join(__dirname, `${resultsName}.md`);
  fs.writeFileSync(jsonFile, JSON.stringify(results, null, 2));
  const title = outOfCoreOnly
    ? `Out-of-core benchmark results (last run of \`npm run bench -- --sizes ${sizes.map((s) => s.label).join(',')}\`)`
    : 'Benchmark results (last run of `npm run bench`)';
  fs.writeFileSync(mdFile, `# ${title}\n\n${table}`);
  log(`wrote ${jsonFile} and ${mdFile}`);
}

/**
 * The stage-level DuckDB runs of every size, partitioned as the commands are (`--partitions auto`), and at full
 * size the memory-bounded, the one-partition (the notebooks' tables) and the gzip variants.
 */
async function measureStages(datasets: Dataset[], fullSize: Dataset | undefined, skipGzip: boolean): Promise<PipelineRun[]> {
  const pipelines: PipelineRun[] = [];
  for (const data of datasets) {
    const parts = autoPartitions(data.files);
    const exportArgs = data === fullSize ? ['--export', MODELLING_PARQUET] : [];
    pipelines.push(await measurePipeline(data, 'duckdb', 'csv', parts, exportArgs));
    if (data.size.label === FULL_SIZE) {
      // The memory-bounded variant: DuckDB spills beyond the limit instead of holding every table in RAM.
      pipelines.push(
        await measurePipeline(
          data,
          'duckdb',
          'csv',
          parts,
          ['--memory-limit', BOUNDED_MEMORY_LIMIT],
          undefined,
          `memory_limit ${BOUNDED_MEMORY_LIMIT}`,
        ),
      );
      // One partition: every event-level table kept, as the notebooks read them.
      if (parts > 1) pipelines.push(await measurePipeline(data, 'duckdb', 'csv', 1, [], undefined, 'one partition'));
      if (!skipGzip) {
        const gz = await ensureGzipCopy(data, log);
        pipelines.push(await measurePipeline(gz, 'duckdb', 'csv.gz', autoPartitions(gz.files)));
      }
    }
  }
  return pipelines;
}

/** Where the full-size stage run exports its modelling table for the models measurement. */
const MODELLING_PARQUET = path.join(CACHE_DIR, 'modelling_table.parquet');

/** Every study model on the modelling table the full-size stage run exported (null when that failed). */
async function measureModels(data: Dataset): Promise<ModelsRun | null> {
  log(`models on the ${data.size.label} modelling table`);
  try {
    const r = await runMeasurement(['models', '--table', MODELLING_PARQUET]);
    return { size: data.size.label, users: r.users ?? 0, stages: r.stages, processPeakRssBytes: r.processPeakRssBytes };
  } catch (err) {
    log(`  FAILED: ${(err as Error).message}`);
    return null;
  }
}

/** One stage-level run of the pipeline on `data` in a child process (bench/stage.ts), in `partitions` partitions. */
async function measurePipeline(
  data: Dataset,
  backend: 'duckdb' | 'postgres',
  input: 'csv' | 'csv.gz',
  partitions: number,
  extraArgs: string[] = [],
  env?: NodeJS.ProcessEnv,
  settings = 'default',
): Promise<PipelineRun> {
  log(`${data.size.label} (${data.rows} events, ${input}, ${settings}, ${partitions} partition(s)) on ${backend}`);
  const base = { size: data.size.label, backend, input, settings, partitions, inputBytes: data.bytes };
  let r: Awaited<ReturnType<typeof runMeasurement>>;
  try {
    const args = ['pipeline', '--data', data.dir, '--backend', backend, '--partitions', String(partitions), ...extraArgs];
    r = await runMeasurement(args, env);
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
