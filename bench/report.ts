/** The benchmark's results: JSON shape, the targets they are checked against, and the printed tables. */
import type { StageFigures } from './meter';

export interface PipelineRun {
  size: string;
  backend: 'duckdb' | 'postgres';
  /** 'csv' or 'csv.gz': what the loader read. */
  input: 'csv' | 'csv.gz';
  /** 'default', or the non-default DuckDB setting of this run. */
  settings: string;
  /** Why the run failed, when it did (its stages are then empty). */
  error?: string;
  events: number;
  users: number;
  inputBytes: number;
  stages: StageFigures[];
  processPeakRssBytes: number;
}

export interface ModelsRun {
  size: string;
  users: number;
  stages: StageFigures[];
  processPeakRssBytes: number;
}

export interface CommandRun {
  name: string;
  command: string;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
}

export interface BenchResults {
  startedAt: string;
  machine: Record<string, string | number>;
  pipelines: PipelineRun[];
  models: ModelsRun | null;
  commands: CommandRun[];
  targets: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  limit: string;
  measured: string;
  met: boolean;
}

const GIB = 2 ** 30;
/** The issue's targets: end-to-end seconds by size label; peak memory; models. */
export const PIPELINE_SECONDS_TARGET: Record<string, number> = { '9M': 15, '20M': 40 };
export const PEAK_RSS_TARGET_BYTES = 2 * GIB;
export const MODELS_SECONDS_TARGET = 120;
/** SMOTE alone on the full-size table's standardised training rows. */
export const SMOTE_SECONDS_TARGET = 10;

/** load + (copy) + clean + features + read: the event-level half end to end, wall and CPU seconds. */
export function endToEnd(run: PipelineRun): { wall: number; cpu: number } {
  return {
    wall: run.stages.reduce((s, x) => s + x.wallSeconds, 0),
    cpu: run.stages.reduce((s, x) => s + x.cpuSeconds + (x.serverCpuSeconds ?? 0), 0),
  };
}

/** Check every target that the measured runs cover. */
export function checkTargets(pipelines: PipelineRun[], models: ModelsRun | null, commands: CommandRun[]): TargetCheck[] {
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
  if (models) {
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
        target: `SMOTE on ${models.size} standardised training rows (${smoteLabel(smote)})`,
        limit: `< ${SMOTE_SECONDS_TARGET} s`,
        measured: `${smote.wallSeconds.toFixed(1)} s wall, ${smote.cpuSeconds.toFixed(1)} s CPU`,
        met: smote.wallSeconds < SMOTE_SECONDS_TARGET,
      });
    }
  }
  for (const c of commands) {
    checks.push({ target: c.name, limit: '< 120 s', measured: `${c.wallSeconds.toFixed(1)} s wall`, met: c.wallSeconds < 120 });
  }
  return checks;
}

/** The results as Markdown tables (also printed to the terminal). */
export function formatResults(results: BenchResults): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `Measured ${results.startedAt} on ${m.cpu} (${m.cores} cores), ${m.memory}, ${m.os}, Node ${m.node}, ` +
      `DuckDB ${m.duckdb}${m.postgres ? `, PostgreSQL ${m.postgres}` : ''}; load average ${m.loadAverage}.`,
  );
  out.push('');
  out.push('### Event-level stages (one child process per row: wall and CPU seconds, rows/s on wall time, peak RSS)');
  out.push('');
  out.push('| size | backend | input | events | stage | wall s | CPU s | rows/s | peak RSS |');
  out.push('|---|---|---|---:|---|---:|---:|---:|---:|');
  for (const run of results.pipelines) {
    const backend = run.settings === 'default' ? run.backend : `${run.backend} (${run.settings})`;
    if (run.error) {
      out.push(
        `| ${run.size} | ${backend} | ${run.input} | ${run.events.toLocaleString('en-US')} | **failed** | | | | ${run.error.split('\n')[0]} |`,
      );
      continue;
    }
    for (const s of run.stages) {
      const cpu =
        s.serverCpuSeconds !== undefined ? `${s.cpuSeconds.toFixed(1)} + ${s.serverCpuSeconds.toFixed(1)} server` : s.cpuSeconds.toFixed(1);
      out.push(
        `| ${run.size} | ${backend} | ${run.input} | ${run.events.toLocaleString('en-US')} | ${s.stage} | ` +
          `${s.wallSeconds.toFixed(2)} | ${cpu} | ${formatRate(s.rowsPerSecond)} | ${formatBytes(s.peakRssBytes)} |`,
      );
    }
    const { wall, cpu } = endToEnd(run);
    out.push(
      `| ${run.size} | ${backend} | ${run.input} | ${run.events.toLocaleString('en-US')} | **end to end** | ` +
        `**${wall.toFixed(2)}** | **${cpu.toFixed(1)}** | ${formatRate(run.events / wall)} | **${formatBytes(run.processPeakRssBytes)}** |`,
    );
  }
  if (results.models) {
    const mr = results.models;
    out.push('');
    out.push(`### Models on the ${mr.size} modelling table (${mr.users.toLocaleString('en-US')} users)`);
    out.push('');
    out.push('| stage | wall s | CPU s | peak RSS |');
    out.push('|---|---:|---:|---:|');
    for (const s of mr.stages) {
      out.push(`| ${s.stage} | ${s.wallSeconds.toFixed(2)} | ${s.cpuSeconds.toFixed(1)} | ${formatBytes(s.peakRssBytes)} |`);
    }
    const extra = mr.stages.find((s) => s.stage === 'models')?.extra ?? {};
    out.push('');
    out.push(`Per model (train ${extra.train} rows after undersampling, test ${extra.test} rows):`);
    out.push('');
    out.push('| model | fit s | predict s |');
    out.push('|---|---:|---:|');
    for (const key of Object.keys(extra).filter((k) => k.endsWith('.fit'))) {
      const name = key.slice(0, -4);
      out.push(`| ${name}${name === 'knn' ? ' (sweep k=1..20)' : ''} | ${fmt(extra[key])} | ${fmt(extra[`${name}.predict`])} |`);
    }
    const smote = mr.stages.find((s) => s.stage === 'smote');
    if (smote) {
      out.push('');
      out.push(
        `SMOTE alone on the standardised training rows (${smoteLabel(smote)}): ` +
          `${smote.wallSeconds.toFixed(2)} s wall (goal < ${SMOTE_SECONDS_TARGET} s).`,
      );
    }
  }
  if (results.commands.length > 0) {
    out.push('');
    out.push('| command | wall s | CPU s | peak RSS |');
    out.push('|---|---:|---:|---:|');
    for (const c of results.commands) {
      out.push(`| ${c.name} | ${c.wallSeconds.toFixed(1)} | ${c.cpuSeconds.toFixed(1)} | ${formatBytes(c.peakRssBytes)} |`);
    }
  }
  out.push('');
  out.push('### Targets');
  out.push('');
  out.push('| target | limit | measured | met |');
  out.push('|---|---|---|---|');
  for (const t of results.targets) out.push(`| ${t.target} | ${t.limit} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
  return `${out.join('\n')}\n`;
}

/** "122,753 rows, 18,023 minority, 86,707 synthetic" from the smote stage's extras. */
function smoteLabel(stage: StageFigures): string {
  const e = stage.extra ?? {};
  const n = (key: string): string => {
    const v = e[key];
    return typeof v === 'number' ? v.toLocaleString('en-US') : '?';
  };
  return `${n('rows')} rows, ${n('minority')} minority, ${n('synthetic')} synthetic`;
}

function fmt(v: number | string | undefined): string {
  return typeof v === 'number' ? v.toFixed(2) : String(v ?? '');
}

export function formatBytes(bytes: number): string {
  return bytes >= GIB ? `${(bytes / GIB).toFixed(2)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;
}

function formatRate(perSecond: number): string {
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)}M` : `${Math.round(perSecond / 1e3)}k`;
}
