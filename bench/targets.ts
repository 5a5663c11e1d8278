/** The issue's targets and the check of a benchmark run's results against them. */
import { formatCount } from '../lib/data/progress';
import { formatBytes, formatRatio } from './format';
import {
  type BenchResults,
  type CommandRun,
  commandPeakRss,
  microsPerEvent,
  type PerEventReference,
  type PipelineRun,
  type TargetCheck,
} from './results';
import { FULL_SIZE } from './sizes';
import { STUDY_SPEEDUP_TARGET } from './studyStack';

const GIB = 2 ** 30;
/** End-to-end seconds by size label (the stage-level pipeline, and the 20M features command). */
export const PIPELINE_SECONDS_TARGET: Record<string, number> = { '9M': 15, '20M': 40 };
export const PEAK_RSS_TARGET_BYTES = 2 * GIB;
export const MODELS_SECONDS_TARGET = 120;
/** SMOTE alone on the full-size table's standardised training rows. */
export const SMOTE_SECONDS_TARGET = 10;
/** A command given with --report-cmd (the report on the default data). */
export const CUSTOM_COMMAND_SECONDS_TARGET = 120;
/** Out-of-core sizes: wall µs per event of `features` at most this multiple of the 9M run's. */
export const OUT_OF_CORE_COST_RATIO_TARGET = 1.3;

/** load + (copy) + clean + features + read: the event-level half end to end, wall and CPU seconds. */
export function endToEnd(run: PipelineRun): { wall: number; cpu: number } {
  return {
    wall: run.stages.reduce((s, x) => s + x.wallSeconds, 0),
    cpu: run.stages.reduce((s, x) => s + x.cpuSeconds + (x.serverCpuSeconds ?? 0), 0),
  };
}

/** The full-size `features --no-cache` run (the commands table's, or the cache table's baseline), if measured. */
export function featuresFromCsv(commands: CommandRun[]): CommandRun | undefined {
  return commands.find(
    (c) => c.name === 'features' && c.variant === 'no cache' && c.sections.some((s) => s === 'commands' || s === 'cache'),
  );
}

/**
 * The full-size (9M) features command's wall µs per event: from this run's commands, else from `previous` (the last
 * results.json, `file` names it), else null.
 */
export function perEventReference(commands: CommandRun[], previous: BenchResults | null, file: string): PerEventReference | null {
  const at = (runs: CommandRun[]): CommandRun | undefined => {
    const run = featuresFromCsv(runs);
    return run && !run.error && run.size === FULL_SIZE ? run : undefined;
  };
  const here = at(commands);
  if (here) return { size: FULL_SIZE, microsPerEvent: microsPerEvent(here), source: 'this run' };
  const before = previous ? at(previous.commands) : undefined;
  if (!before || !previous) return null;
  return { size: FULL_SIZE, microsPerEvent: microsPerEvent(before), source: `${file}, ${previous.startedAt}` };
}

/**
 * The successful `features --no-cache` runs at `size` (the headline run and the 'study' repeats) and their median
 * by wall time (of an even number, the slower middle one); null when none succeeded.
 */
export function featuresFromCsvMedian(commands: CommandRun[], size: string): { run: CommandRun; runs: CommandRun[] } | null {
  const first = featuresFromCsv(commands);
  const runs = [...(first ? [first] : []), ...commands.filter((c) => c.sections.includes('study'))].filter(
    (c) => !c.error && c.size === size,
  );
  if (runs.length === 0) return null;
  const byWall = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  return { run: byWall[Math.floor(byWall.length / 2)]!, runs };
}

/** What our features command is compared with: the study's stack run in this benchmark, else the committed reference. */
export interface StudyComparand {
  /** 'this run': bench/study_stack.py on the same files; 'reference': bench/studyStackReference.json. */
  source: 'this run' | 'reference';
  wallSeconds: number;
  peakRssBytes: number;
  /** The study stack's run, when it ran here. */
  run?: CommandRun;
  /** With the reference: why the study's stack, run here, gave no figure (its run's error). */
  stackError?: string;
}

/**
 * Study wall / ours and study peak memory / ours, ours the median of the full-size features runs from CSV (null:
 * none at the study's size). Memory is the highest peak of those runs. The study's side is its stack as run in
 * this benchmark when it ran (same machine, files and hour), otherwise the committed reference.
 */
export function studyRatios(
  results: Pick<BenchResults, 'studyStack' | 'commands'>,
): { run: CommandRun; runs: CommandRun[]; speed: number; memory: number; peakBytes: number; study: StudyComparand } | null {
  const size = results.studyStack.size;
  const median = featuresFromCsvMedian(results.commands, size);
  if (!median) return null;
  // The study's stack as run in this benchmark (bench/studyStackRun.ts), if it ran at this size.
  const stack = results.commands.find((c) => c.sections.includes('studyStack') && c.size === size);
  const study: StudyComparand =
    stack && !stack.error
      ? { source: 'this run', wallSeconds: stack.wallSeconds, peakRssBytes: stack.peakRssBytes, run: stack }
      : {
          source: 'reference',
          wallSeconds: results.studyStack.wallSeconds,
          peakRssBytes: results.studyStack.peakRssBytes,
          ...(stack?.error ? { stackError: stack.error } : {}),
        };
  const peakBytes = Math.max(...median.runs.map(commandPeakRss));
  return {
    ...median,
    speed: study.wallSeconds / median.run.wallSeconds,
    memory: study.peakRssBytes / peakBytes,
    peakBytes,
    study,
  };
}

/**
 * The study's engine on this machine, in this run: the PostgreSQL backend's load → copy → clean → features → read
 * at the study's size, end to end (null: not measured or failed). The committed reference was taken on another
 * day's machine; on the machine of that day's bench/results.md this run took 123 s against the reference's 119 s,
 * so its ratio tells how much of a missed target is the machine.
 */
export function studyEngineHere(
  results: Pick<BenchResults, 'studyStack' | 'commands' | 'pipelines'>,
): { run: CommandRun; engineSeconds: number; speed: number } | null {
  const median = featuresFromCsvMedian(results.commands, results.studyStack.size);
  const pg = results.pipelines.find(
    (p) => p.backend === 'postgres' && p.input === 'csv' && p.size === results.studyStack.size && !p.error && p.stages.length > 0,
  );
  if (!median || !pg) return null;
  const engineSeconds = endToEnd(pg).wall;
  return { run: median.run, engineSeconds, speed: engineSeconds / median.run.wallSeconds };
}

/** The wall times of `runs` in the order they ran: '17.3, 16.7, 18.7 s'. */
export function wallsLabel(runs: CommandRun[]): string {
  return `${runs.map((r) => r.wallSeconds.toFixed(1)).join(', ')} s`;
}

/** "1.47 GiB", or "2.10 GiB process tree (largest process 1.20 GiB)" when the tree's sum is the larger figure. */
export function commandRssLabel(run: CommandRun): string {
  const peak = commandPeakRss(run);
  const tree = run.treePeakRssBytes === undefined ? '' : `; tree RSS summed ${formatBytes(run.treePeakRssBytes)}`;
  return peak > run.peakRssBytes
    ? `${formatBytes(peak)} process tree PSS (largest process ${formatBytes(run.peakRssBytes)}${tree})`
    : `${formatBytes(peak)}${tree ? ` (${tree.slice(2)})` : ''}`;
}

/** Check every target that the measured runs cover. */
export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetCheck[] {
  return [...pipelineTargets(results.pipelines), ...modelTargets(results), ...commandTargets(results)];
}

function pipelineTargets(pipelines: PipelineRun[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const run of pipelines) {
    if (run.backend !== 'duckdb' || run.input !== 'csv') continue;
    if (run.error) {
      checks.push({ target: `${run.size} (DuckDB, ${run.settings})`, limit: 'completes', measured: run.error.split('\n')[0]!, met: false });
      continue;
    }
    const limit = PIPELINE_SECONDS_TARGET[run.size];
    if (limit !== undefined) {
      const { wall, cpu } = endToEnd(run);
      checks.push({
        target: `${run.size} load+clean+features+read (DuckDB, ${run.settings})`,
        limit: `< ${limit} s`,
        measured: `${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU`,
        met: wall < limit,
      });
    }
    checks.push({
      target: `${run.size} peak RSS (DuckDB, ${run.settings})`,
      limit: '< 2 GiB',
      measured: formatBytes(run.processPeakRssBytes),
      met: run.processPeakRssBytes < PEAK_RSS_TARGET_BYTES,
    });
  }
  return checks;
}

function modelTargets({ models }: Pick<BenchResults, 'models'>): TargetCheck[] {
  if (!models) return [];
  const checks: TargetCheck[] = [];
  const stage = models.stages.find((s) => s.stage === 'models')!;
  checks.push({
    target: `all study models incl. k-NN sweep on ${models.size} (${models.users} users)`,
    limit: `< ${MODELS_SECONDS_TARGET} s`,
    measured: `${stage.wallSeconds.toFixed(1)} s wall, ${stage.cpuSeconds.toFixed(1)} s CPU`,
    met: stage.wallSeconds < MODELS_SECONDS_TARGET,
  });
  const smote = models.stages.find((s) => s.stage === 'smote');
  if (smote) {
    checks.push({
      target: `SMOTE on ${models.size} standardised training rows (${smoteLabel(smote.extra)})`,
      limit: `< ${SMOTE_SECONDS_TARGET} s`,
      measured: `${smote.wallSeconds.toFixed(1)} s wall, ${smote.cpuSeconds.toFixed(1)} s CPU`,
      met: smote.wallSeconds < SMOTE_SECONDS_TARGET,
    });
  }
  return checks;
}

/** "122,753 rows, 18,023 minority, 86,707 synthetic" from the smote stage's extras. */
export function smoteLabel(extra: Record<string, number | string> | undefined): string {
  const n = (key: string): string => {
    const v = extra?.[key];
    return typeof v === 'number' ? formatCount(v) : '?';
  };
  return `${n('rows')} rows, ${n('minority')} minority, ${n('synthetic')} synthetic`;
}

/** A command's row name in the targets: 'features at 9M', 'features at 9M (empty cache)'. */
function commandLabel(run: CommandRun): string {
  const variant = run.variant && !(run.sections.includes('commands') && run.variant === 'no cache') ? ` (${run.variant})` : '';
  return `${run.name}${run.size ? ` at ${run.size}` : ''}${variant}`;
}

function rssCheck(run: CommandRun, what: string): TargetCheck {
  if (run.error) return { target: `${commandLabel(run)}: ${what}`, limit: 'completes', measured: run.error, met: false };
  return {
    target: `${commandLabel(run)}: ${what}`,
    limit: '< 2 GiB',
    measured: commandRssLabel(run),
    met: commandPeakRss(run) < PEAK_RSS_TARGET_BYTES,
  };
}

function commandTargets(results: Omit<BenchResults, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const commands = results.commands;
  for (const run of commands.filter((c) => c.sections.includes('commands') || c.sections.includes('cache'))) {
    checks.push(rssCheck(run, run.treePeakRssBytes === undefined ? 'peak RSS, whole process' : 'peak memory, whole process tree (PSS)'));
  }
  const study = results.studyStack;
  const ratios = studyRatios(results);
  if (ratios) {
    const against =
      ratios.study.source === 'this run'
        ? `run in this benchmark on the same files: ${ratios.study.wallSeconds.toFixed(1)} s, ${formatBytes(ratios.study.peakRssBytes)}`
        : `reference: ${study.wallSeconds} s, ${study.peakRss}; ${ratios.study.stackError ? `the stack run here failed: ${ratios.study.stackError}` : 'not run here'}`;
    checks.push({
      target: `${study.size} features from CSV vs the study's stack (PostgreSQL + pandas, ${against})`,
      limit: `≥ ${STUDY_SPEEDUP_TARGET}x faster, < 2 GiB`,
      measured:
        `${formatRatio(ratios.speed)} faster (median ${ratios.run.wallSeconds.toFixed(1)} s wall of ${wallsLabel(ratios.runs)}), ` +
        `${formatRatio(ratios.memory)} less memory (${formatBytes(ratios.peakBytes)})`,
      met: ratios.speed >= STUDY_SPEEDUP_TARGET && ratios.peakBytes < PEAK_RSS_TARGET_BYTES,
    });
  }
  // The PostgreSQL backend runs our SQL, not the study's pandas: only a stand-in for the machine's speed, checked
  // when the study's stack itself did not run.
  const here = studyEngineHere(results);
  if (here && ratios?.study.source !== 'this run') {
    checks.push({
      target: `${study.size} features from CSV vs the study's engine on this machine (PostgreSQL backend, same files, this run: ${here.engineSeconds.toFixed(1)} s)`,
      limit: `≥ ${STUDY_SPEEDUP_TARGET}x faster`,
      measured: `${formatRatio(here.speed)} faster (median ${here.run.wallSeconds.toFixed(1)} s wall)`,
      met: here.speed >= STUDY_SPEEDUP_TARGET,
    });
  }
  const repeats = commands.filter((c) => c.sections.includes('repeat'));
  if (repeats.length > 0) {
    const size = repeats[0]!.size ?? '?';
    const limit = PIPELINE_SECONDS_TARGET[size] ?? Number.NaN;
    const ok = (c: CommandRun): boolean => !c.error && c.wallSeconds < limit && commandPeakRss(c) < PEAK_RSS_TARGET_BYTES;
    checks.push({
      target: `${size} features from CSV, ${repeats.length} consecutive runs`,
      limit: `each < ${limit} s and < 2 GiB`,
      measured: repeats.map((c) => (c.error ? 'failed' : `${c.wallSeconds.toFixed(1)} s / ${formatBytes(commandPeakRss(c))}`)).join('; '),
      met: repeats.every(ok),
    });
  }
  for (const run of commands.filter((c) => c.sections.includes('outOfCore'))) {
    checks.push(rssCheck(run, 'load → features, peak RSS'));
    if (run.error) continue;
    const ref = results.perEventReference;
    const cost = microsPerEvent(run);
    checks.push({
      target: `${run.size} features: wall µs per event vs ${ref ? `${ref.size} (${ref.source})` : FULL_SIZE}`,
      limit: `≤ ${OUT_OF_CORE_COST_RATIO_TARGET}x`,
      measured: ref
        ? `${cost.toFixed(2)} vs ${ref.microsPerEvent.toFixed(2)} µs: ${(cost / ref.microsPerEvent).toFixed(2)}x`
        : `${cost.toFixed(2)} µs; no 9M features run to compare with`,
      met: ref !== null && cost / ref.microsPerEvent <= OUT_OF_CORE_COST_RATIO_TARGET,
    });
  }
  for (const c of commands.filter((x) => x.sections.includes('custom'))) {
    checks.push({
      target: c.name,
      limit: `< ${CUSTOM_COMMAND_SECONDS_TARGET} s`,
      measured: c.error ?? `${c.wallSeconds.toFixed(1)} s wall, ${commandRssLabel(c)}`,
      met: !c.error && c.wallSeconds < CUSTOM_COMMAND_SECONDS_TARGET,
    });
  }
  return checks;
}
