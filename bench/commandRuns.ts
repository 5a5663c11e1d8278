/**
 * Which CLI commands the benchmark times whole, and with which arguments: the user-facing commands at full
 * size (the headline table), the load cache's three runs, consecutive runs at 20M and the out-of-core sizes.
 * Every data-loading command reads the CSV files (`--no-cache`) unless the row is about the cache, so each
 * figure is independent of what ran before it.
 */
import fs from 'node:fs';
import type { CliRunner, CommandSpec } from './cliRun';
import type { Dataset } from './dataset';
import type { CommandRun, CommandSection } from './results';

/** Parses the CSV files, neither reading nor writing the load cache. */
const NO_CACHE = '--no-cache';

/**
 * Runs of the full-size `features --no-cache` whose median is compared with the study's stack: identical runs on
 * this 2-core VM differ by up to ±10%, as much as the margin of the 10x target.
 */
export const STUDY_COMPARISON_RUNS = 3;

export interface FullSizeOptions {
  /** The user-facing commands table: clean, features, models, evaluate, report. */
  commands: boolean;
  /** Leave the report command out of it (it spawns the notebook kernels and Chromium: minutes at 9M). */
  skipReport: boolean;
  /** The load cache's runs of `features`: no cache, empty cache, cache hit. */
  cache: boolean;
}

/** The features CSV a run on `data` writes: $TMP/features-<size>[-tag].csv (no tag: the headline `--no-cache` run). */
export function featuresCsv(runner: CliRunner, data: Dataset, tag = ''): string {
  return runner.tmp(`features-${data.size.label}${tag}.csv`);
}

/** `features --data DIR --out $TMP/features-<size>[-tag].csv [more]` on `data`. */
function featuresSpec(
  runner: CliRunner,
  data: Dataset,
  sections: CommandSection[],
  variant: string,
  more: string[],
  tag = '',
): CommandSpec {
  const out = featuresCsv(runner, data, tag);
  return {
    name: 'features',
    args: ['features', '--data', data.dir, '--out', out, ...more],
    sections,
    size: data.size.label,
    events: data.rows,
    variant,
  };
}

/**
 * The commands a user runs, at `data` (9M): `features --no-cache` first (the headline figure, and the cache
 * table's baseline) and again until {@link STUDY_COMPARISON_RUNS} runs, then the cache's empty and hit runs, then
 * clean, models on the features CSV, evaluate and report. The benchmark's load cache is emptied before the empty-cache run and after the hit.
 */
export async function measureFullSizeCommands(runner: CliRunner, data: Dataset, options: FullSizeOptions): Promise<CommandRun[]> {
  const runs: CommandRun[] = [];
  const size = data.size.label;
  const sections: CommandSection[] = [...(options.commands ? ['commands' as const] : []), ...(options.cache ? ['cache' as const] : [])];
  if (sections.length === 0) return runs;
  const fromCsv = featuresSpec(runner, data, sections, 'no cache', [NO_CACHE]);
  runs.push(await runner.measure(fromCsv));
  for (let i = 2; i <= STUDY_COMPARISON_RUNS; i++) {
    runs.push(
      await runner.measure(featuresSpec(runner, data, ['study'], `run ${i} of ${STUDY_COMPARISON_RUNS}`, [NO_CACHE], `-study${i}`)),
    );
  }
  if (options.cache) {
    const cold = featuresSpec(runner, data, ['cache'], 'empty cache', [], '-cold');
    const hit = featuresSpec(runner, data, ['cache'], 'cache hit', [], '-hit');
    const cleared = runner.clearLoadCache();
    if (cleared === null) {
      for (const spec of [cold, hit]) {
        const run = await runner.measure(spec);
        // The cache must not change the result: the modelling table written is byte for byte the --no-cache one.
        if (!run.error && !runs[0]!.error) run.sameOutputAsNoCache = sameFile(outOf(spec), outOf(fromCsv));
        runs.push(run);
      }
      runner.clearLoadCache();
    } else {
      // Without an empty cache to start from, neither run means what its row says.
      for (const spec of [cold, hit]) runs.push(runner.notRun(spec, cleared));
    }
  }
  if (!options.commands) return runs;
  const on = { sections: ['commands' as const], size, events: data.rows };
  runs.push(await runner.measure({ ...on, name: 'clean', args: ['clean', '--data', data.dir, NO_CACHE] }));
  const featuresCsv = outOf(fromCsv);
  // models reads the modelling table (users, not events): no event count, so no per-event cost.
  const models: CommandSpec = {
    name: 'models',
    args: ['models', '--features', featuresCsv, '--out', runner.tmp(`models-${size}.json`)],
    sections: ['commands'],
    size,
  };
  const features = runs[0]!;
  runs.push(features.error ? runner.notRun(models, 'the features command before it failed') : await runner.measure(models));
  runs.push(await runner.measure({ ...on, name: 'evaluate', args: ['evaluate', '--data', data.dir, NO_CACHE] }));
  if (!options.skipReport) {
    runs.push(
      await runner.measure({
        ...on,
        name: 'report',
        args: ['report', '--data', data.dir, '--out', runner.tmp(`report-${size}`), NO_CACHE],
        sampleTree: true,
      }),
    );
  }
  return runs;
}

/** The --out file of a command. */
function outOf(spec: CommandSpec): string {
  return spec.args[spec.args.indexOf('--out') + 1]!;
}

/** Whether two files hold the same bytes (false when either is missing). */
function sameFile(a: string, b: string): boolean {
  try {
    return fs.readFileSync(a).equals(fs.readFileSync(b));
  } catch {
    return false;
  }
}

/** `features --no-cache` on `data` `times` times in a row (each from the CSV files). */
export async function measureRepeats(runner: CliRunner, data: Dataset, times: number): Promise<CommandRun[]> {
  const runs: CommandRun[] = [];
  for (let i = 1; i <= times; i++) {
    runs.push(await runner.measure(featuresSpec(runner, data, ['repeat'], `run ${i} of ${times}`, [NO_CACHE], `-run${i}`)));
  }
  return runs;
}

/** `features --no-cache` on an out-of-core size: without the cache, which would hold another copy of the events. */
export async function measureOutOfCore(runner: CliRunner, data: Dataset): Promise<CommandRun> {
  return runner.measure(featuresSpec(runner, data, ['outOfCore'], 'no cache', [NO_CACHE]));
}
