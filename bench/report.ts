/** The benchmark's results as Markdown tables (printed to the terminal and written to bench/results.md). */
import { formatCount, formatRate } from '../lib/data/progress';
import { formatBytes, formatRatio } from './format';
import type { StageFigures } from './meter';
import { type BenchResults, type CommandRun, commandPeakRss, microsPerEvent, type PipelineRun } from './results';
import { STUDY_SPEEDUP_TARGET } from './studyStack';
import type { StudyStackAgreement } from './studyStackAgreement';
import { FULL_SIZE, isOutOfCore } from './sizes';
import {
  endToEnd,
  OUT_OF_CORE_COST_RATIO_TARGET,
  PEAK_RSS_TARGET_BYTES,
  PIPELINE_SECONDS_TARGET,
  SMOTE_SECONDS_TARGET,
  smoteLabel,
  studyEngineHere,
  studyRatios,
  wallsLabel,
} from './targets';

/** Statements shown per stage in the profile. */
const PROFILE_TOP = 5;

/** The results as Markdown: the commands first (the headline), then the stage-level tables, then the targets. */
export function formatResults(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [
    `Measured ${results.startedAt} on ${m.cpu} (${m.cores} cores), ${m.memory}, ${m.os}, Node ${m.node}, ` +
      `DuckDB ${m.duckdb}${m.postgres ? `, PostgreSQL ${m.postgres}` : ''}; load average ${m.loadAverage}.`,
  ];
  const sections = [
    commandsSection(results),
    cacheSection(results.commands),
    repeatSection(results.commands),
    outOfCoreSection(results),
    customSection(results.commands),
    pipelineSection(results.pipelines),
    profileSection(results.pipelines),
    modelsSection(results),
    targetsSection(results),
  ];
  for (const lines of sections) if (lines.length > 0) out.push('', ...lines);
  return `${out.join('\n')}\n`;
}

const inSection = (commands: CommandRun[], section: CommandRun['sections'][number]): CommandRun[] =>
  commands.filter((c) => c.sections.includes(section));

/** The cells after the first of a failed run's row: '**failed**', empty cells, the error; `cells` in all. */
function failedCells(run: CommandRun, cells: number): string {
  return `**failed** |${' |'.repeat(Math.max(cells - 2, 0))} ${escapeCell(run.error ?? '')} |`;
}

/** Text safe inside a Markdown table cell. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function commandsSection(results: BenchResults): string[] {
  const runs = inSection(results.commands, 'commands');
  if (runs.length === 0) return [];
  const size = runs[0]!.size ?? '?';
  const events = runs.find((r) => r.events !== undefined)?.events;
  const out = [
    `### Commands as a user runs them (${size}${events === undefined ? '' : `: ${formatCount(events)} events`})`,
    '',
    'Each command is one process timed whole by `/usr/bin/time -v`: wall time, user + system CPU of the process and its ' +
      'children, and the maximum RSS of its largest process. For a command that spawns processes (the report: Jupyter ' +
      'kernels, Chromium) the memory of its whole process tree is also summed from /proc every 50 ms, as RSS (a shared ' +
      'page counted once per process) and as PSS (each shared page divided among its processes: the memory the tree ' +
      'really holds); the 2 GiB target is on the larger of the largest process and the PSS sum. Data-loading commands read the CSV files (`--no-cache`; the cache has a table of its own), ' +
      'otherwise with their default options (clean and features: `--partitions auto`).',
    '',
    '| command | wall s | CPU s | peak RSS, largest process | process tree: summed RSS / PSS | command line |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const r of runs) {
    if (r.error) {
      out.push(`| ${r.name} | ${failedCells(r, 4)} \`${r.command}\` |`);
      continue;
    }
    const tree = treeCell(r);
    out.push(
      `| ${r.name} | ${r.wallSeconds.toFixed(2)} | ${r.cpuSeconds.toFixed(1)} | ${rssCell(r.peakRssBytes)} | ${tree} | \`${r.command}\` |`,
    );
  }
  out.push('', ...studyComparison(results));
  return out;
}

/**
 * Our `features` against the study's stack: run here on the same files (bench/study_stack.py, with its phases) or
 * the committed reference; then our PostgreSQL backend's end-to-end time as the machine's speed.
 */
function studyComparison(results: BenchResults): string[] {
  const reference = results.studyStack;
  const ratios = studyRatios(results);
  if (!ratios) {
    return [
      `No comparison with the study's stack: it is compared with \`features\` from CSV at ${reference.size}, not measured in this run.`,
    ];
  }
  const ours =
    `\`features\` from CSV took ${ratios.run.wallSeconds.toFixed(1)} s (the median of ${ratios.runs.length} runs: ` +
    `${wallsLabel(ratios.runs)}) and at most ${formatBytes(ratios.peakBytes)}, **${formatRatio(ratios.speed)} faster** ` +
    `(target ≥ ${STUDY_SPEEDUP_TARGET}x) with **${formatRatio(ratios.memory)} less memory**.`;
  const out: string[] = [];
  const stack = ratios.study.run;
  if (stack) {
    out.push(
      `Against the study's stack run in this benchmark on the same ${reference.size} files (\`bench/study_stack.py\`: ` +
        `PostgreSQL + pandas with the study's own table definition and queries, read from its code; load → modelling ` +
        `table of ${formatCount(stack.modellingRows ?? 0)} rows): ${stack.wallSeconds.toFixed(1)} s wall, ` +
        `${stack.cpuSeconds.toFixed(1)} s CPU of the Python process, peak ${formatBytes(stack.peakRssBytes)} (the Python ` +
        `process; the server's memory is its own). ${ours}`,
      '',
      "| phase of the study's stack | wall s |",
      '|---|---:|',
      ...(stack.phases ?? []).map((p) => `| ${escapeCell(p.phase)} | ${p.seconds.toFixed(1)} |`),
      '',
      `It leaves out what the study's own run also did, so it is a lower bound: the concatenation of the month files ` +
        `by pandas (data_prep.py), the notebook's plots and the wide per-brand table. The committed reference ` +
        `(bench/studyStackReference.json, another day's VM): ${reference.wallSeconds} s, ${reference.peakRss}, ` +
        `${formatRatio(reference.wallSeconds / ratios.run.wallSeconds)} our median here.`,
    );
    if (stack.agreement) out.push('', agreementSentence(stack.agreement));
  } else {
    const why = ratios.study.stackError ? `the stack run here failed: ${ratios.study.stackError}` : 'not run here';
    out.push(
      `Against the study's stack (PostgreSQL + pandas, load → features on the same ${reference.size} files: ` +
        `${reference.wallSeconds} s, ${reference.peakRss}; bench/studyStackReference.json; ${why}): ${ours}`,
    );
  }
  const here = studyEngineHere(results);
  if (here) {
    out.push(
      '',
      `The same machine's speed, measured in this run: our PostgreSQL backend (copy, the study's UNION cleaning, our ` +
        `feature SQL, no pandas; stage table below) took ${here.engineSeconds.toFixed(1)} s end to end on these files, ` +
        `${formatRatio(here.speed)} our \`features\`.`,
    );
  }
  return out;
}

/** The study stack's modelling table against ours, in one paragraph. */
export function agreementSentence(a: StudyStackAgreement): string {
  const differing = Object.entries(a.differingUsers).filter(([c, n]) => n > 0 && c !== 'recency');
  const equal = Object.keys(a.differingUsers).filter((c) => a.differingUsers[c] === 0 && c !== 'recency');
  const shift =
    a.recencyShift.min === a.recencyShift.max
      ? `recency the same after a constant shift of ${formatCount(a.recencyShift.min)} days (the study's \`CURRENT_DATE\` against seed mode's reference date)`
      : `recency shifted by ${a.recencyShift.min} to ${a.recencyShift.max} days`;
  return (
    `Its modelling table against ours from the same files (the first \`features\` run's CSV), user by user: ` +
    `${formatCount(a.studyRows)} rows and ${formatCount(a.studyUsers)} users against ${formatCount(a.oursRows)} and ` +
    `${formatCount(a.oursUsers)}, ${formatCount(a.commonUsers)} users in both; equal for every common user: ${equal.join(', ')}; ` +
    `${shift}${a.differingUsers.recency ? ` except for ${formatCount(a.differingUsers.recency)} users` : ''}; ` +
    (differing.length === 0
      ? 'no column differs.'
      : `differing: ${differing.map(([c, n]) => `${c} for ${formatCount(n)} users`).join(', ')} (the quintiles order ties ` +
        'arbitrarily in the study, by user id in ours, which also decides which users straddle a bin edge and get two rows).')
  );
}

/** Summed RSS / PSS of a command's process tree, '–' when it was not sampled. */
function treeCell(r: CommandRun): string {
  if (r.treePeakRssBytes === undefined) return '–';
  return `${formatBytes(r.treePeakRssBytes)} / ${r.treePeakPssBytes === undefined ? '–' : formatBytes(r.treePeakPssBytes)}`;
}

/** A peak RSS cell, bold when over the 2 GiB target. */
function rssCell(bytes: number): string {
  return bytes >= PEAK_RSS_TARGET_BYTES ? `**${formatBytes(bytes)}**` : formatBytes(bytes);
}

const CACHE_VARIANTS: Record<string, string> = {
  'no cache': '`--no-cache`: parses the CSV files',
  'empty cache': 'empty cache (after `cache clear`): parses the files and fills the cache',
  'cache hit': 'cache hit: the same command again',
};

function cacheSection(commands: CommandRun[]): string[] {
  const runs = inSection(commands, 'cache');
  if (runs.length === 0) return [];
  const out = [
    `### Load cache (\`features\` at ${runs[0]!.size}, three runs in a row)`,
    '',
    '| run | wall s | CPU s | peak RSS | same CSV as `--no-cache` |',
    '|---|---:|---:|---:|---|',
  ];
  for (const r of runs) {
    const what = CACHE_VARIANTS[r.variant ?? ''] ?? r.variant ?? '';
    const same = r.sameOutputAsNoCache === undefined ? '' : r.sameOutputAsNoCache ? 'yes' : '**no**';
    out.push(
      r.error
        ? `| ${what} | ${failedCells(r, 4)}`
        : `| ${what} | ${r.wallSeconds.toFixed(2)} | ${r.cpuSeconds.toFixed(1)} | ${rssCell(commandPeakRss(r))} | ${same} |`,
    );
  }
  const none = runs.find((r) => r.variant === 'no cache');
  const cold = runs.find((r) => r.variant === 'empty cache');
  const hit = runs.find((r) => r.variant === 'cache hit');
  if (none && hit && !none.error && !hit.error) {
    const delta = cold && !cold.error ? cold.wallSeconds - none.wallSeconds : Number.NaN;
    const fill = Number.isNaN(delta)
      ? ''
      : `; the empty-cache run took ${delta >= 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)} s against \`--no-cache\``;
    out.push(
      '',
      `Cache hit: **${formatRatio(none.wallSeconds / hit.wallSeconds)} faster** than parsing the CSV files ` +
        `(${hit.wallSeconds.toFixed(1)} s vs ${none.wallSeconds.toFixed(1)} s)${fill}.`,
    );
  }
  return out;
}

function repeatSection(commands: CommandRun[]): string[] {
  const runs = inSection(commands, 'repeat');
  if (runs.length === 0) return [];
  const size = runs[0]!.size ?? '?';
  const limit = PIPELINE_SECONDS_TARGET[size];
  const out = [
    `### ${size}: ${runs.length} consecutive runs of \`features --no-cache\`${runs[0]!.events ? ` (${formatCount(runs[0]!.events)} events)` : ''}`,
    '',
    `| run | wall s | CPU s | peak RSS | < ${limit ?? '?'} s and < 2 GiB |`,
    '|---|---:|---:|---:|---|',
  ];
  for (const r of runs) {
    if (r.error) {
      out.push(`| ${r.variant} | ${failedCells(r, 4)}`);
      continue;
    }
    const met = limit !== undefined && r.wallSeconds < limit && commandPeakRss(r) < PEAK_RSS_TARGET_BYTES;
    out.push(
      `| ${r.variant} | ${r.wallSeconds.toFixed(2)} | ${r.cpuSeconds.toFixed(1)} | ${formatBytes(commandPeakRss(r))} | ${met ? 'yes' : '**no**'} |`,
    );
  }
  return out;
}

function outOfCoreSection(results: BenchResults): string[] {
  const runs = inSection(results.commands, 'outOfCore');
  if (runs.length === 0) return [];
  const ref = results.perEventReference;
  const out = [
    '### Out-of-core sizes (`features --no-cache`: load → features from the CSV files)',
    '',
    `| size | events | wall s | CPU s | peak RSS | µs per event | vs ${FULL_SIZE} (≤ ${OUT_OF_CORE_COST_RATIO_TARGET}x) |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of runs) {
    const events = r.events === undefined ? '' : formatCount(r.events);
    if (r.error) {
      out.push(`| ${r.size} | ${events} | ${failedCells(r, 5)}`);
      continue;
    }
    const cost = microsPerEvent(r);
    out.push(
      `| ${r.size} | ${events} | ${r.wallSeconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} | ${rssCell(commandPeakRss(r))} | ` +
        `${cost.toFixed(2)} | ${ref ? `${(cost / ref.microsPerEvent).toFixed(2)}x` : '–'} |`,
    );
  }
  out.push(
    '',
    ref
      ? `${ref.size} reference: ${ref.microsPerEvent.toFixed(2)} µs per event (\`features --no-cache\`, ${ref.source}).`
      : `No ${FULL_SIZE} reference: \`features\` at ${FULL_SIZE} was not measured in this run and the last ` +
          'results (.cache/bench/results.json) do not hold it: run the default sizes first.',
  );
  return out;
}

function customSection(commands: CommandRun[]): string[] {
  const runs = inSection(commands, 'custom');
  if (runs.length === 0) return [];
  const out = [
    '### Commands given with --report-cmd',
    '',
    '| command | wall s | CPU s | peak RSS, largest process | process tree: summed RSS / PSS |',
  ];
  out.push('|---|---:|---:|---:|---:|');
  for (const r of runs) {
    if (r.error) out.push(`| ${r.name} | ${failedCells(r, 4)}`);
    else {
      const tree = treeCell(r);
      out.push(`| ${r.name} | ${r.wallSeconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} | ${formatBytes(r.peakRssBytes)} | ${tree} |`);
    }
  }
  return out;
}

function pipelineSection(pipelines: PipelineRun[]): string[] {
  if (pipelines.length === 0) return [];
  const out = [
    '### Event-level stages (one child process per row: wall and CPU seconds, rows/s on wall time, peak RSS)',
    '',
    'From the CSV files (no load cache), in as many user partitions as the commands use (`--partitions auto`: one ' +
      'table up to 1.2 GB of CSV, beyond it one partition per ~512 MB) unless the row says otherwise.',
    '',
    '| size | backend | parts | input | events | stage | wall s | CPU s | rows/s | peak RSS |',
    '|---|---|---:|---|---:|---|---:|---:|---:|---:|',
  ];
  for (const run of pipelines) {
    const lead = `| ${run.size} | ${runLabel(run)} | ${run.partitions ?? ''} | ${run.input} | ${formatCount(run.events)} |`;
    if (run.error) {
      out.push(`${lead} **failed** | | | | ${escapeCell(run.error.split('\n')[0]!)} |`);
      continue;
    }
    for (const s of run.stages) {
      const cpu =
        s.serverCpuSeconds !== undefined ? `${s.cpuSeconds.toFixed(1)} + ${s.serverCpuSeconds.toFixed(1)} server` : s.cpuSeconds.toFixed(1);
      out.push(
        `${lead} ${s.stage} | ${s.wallSeconds.toFixed(2)} | ${cpu} | ${formatRate(s.rowsPerSecond)} | ${formatBytes(s.peakRssBytes)} |`,
      );
    }
    const { wall, cpu } = endToEnd(run);
    out.push(
      `${lead} **end to end** | **${wall.toFixed(2)}** | **${cpu.toFixed(1)}** | ${formatRate(run.events / wall)} | ` +
        `**${formatBytes(run.processPeakRssBytes)}** |`,
    );
  }
  return out;
}

/** 'duckdb', or 'duckdb (memory_limit 800MB)' for a non-default setting. */
function runLabel(run: PipelineRun): string {
  return run.settings === 'default' ? run.backend : `${run.backend} (${run.settings})`;
}

/**
 * The default DuckDB runs from CSV whose per-statement profile is shown: 9M (else the largest in-core size
 * measured) and the out-of-core sizes, where the time goes at scale.
 */
function profiledRuns(pipelines: PipelineRun[]): PipelineRun[] {
  const plain = pipelines.filter((p) => p.backend === 'duckdb' && p.input === 'csv' && p.settings === 'default' && !p.error);
  const inCore = plain.filter((p) => !isOutOfCore(p.size));
  const full = inCore.find((p) => p.size === FULL_SIZE) ?? inCore.at(-1);
  return [...(full ? [full] : []), ...plain.filter((p) => isOutOfCore(p.size))];
}

function profileSection(pipelines: PipelineRun[]): string[] {
  const out: string[] = [];
  for (const run of profiledRuns(pipelines)) {
    out.push(
      `### Where the time goes: the slowest statements of each stage (${run.size}, ${runLabel(run)}, ` +
        `${run.partitions ?? '?'} partition(s), ${run.input})`,
      '',
      'Wall seconds of each SQL statement (bench/queryProfile.ts) and its share of the stage; a statement run once per ' +
        "input file or partition is summed (×N); the rest is the stage's other statements and its JavaScript.",
      '',
      '| stage | statement | s | share |',
      '|---|---|---:|---:|',
    );
    for (const s of run.stages) out.push(...profileRows(s));
  }
  return out;
}

function profileRows(stage: StageFigures): string[] {
  const queries = stage.queries ?? [];
  const name = `${stage.stage} (${stage.wallSeconds.toFixed(2)} s)`;
  if (queries.length === 0) return [`| ${name} | (no statements recorded) | | |`];
  const share = (s: number): string => `${Math.round((100 * s) / Math.max(stage.wallSeconds, 1e-9))}%`;
  const top = queries.slice(0, PROFILE_TOP);
  const rows = top.map((q, i) => {
    const times = q.count ? ` ×${q.count}` : '';
    return `| ${i === 0 ? name : ''} | \`${escapeCell(q.sql)}\`${times} | ${q.seconds.toFixed(2)} | ${share(q.seconds)} |`;
  });
  const rest = stage.wallSeconds - top.reduce((s, q) => s + q.seconds, 0);
  // Statements run side by side (Promise.all) can add up to more than the stage's wall time: no negative rest.
  rows.push(`| | rest of the stage | ${rest > 0 ? rest.toFixed(2) : '–'} | ${rest > 0 ? share(rest) : ''} |`);
  return rows;
}

function modelsSection(results: BenchResults): string[] {
  const mr = results.models;
  if (!mr) return [];
  const out = [
    `### Models on the ${mr.size} modelling table (${formatCount(mr.users)} users)`,
    '',
    '| stage | wall s | CPU s | peak RSS |',
    '|---|---:|---:|---:|',
  ];
  for (const s of mr.stages) {
    out.push(`| ${s.stage} | ${s.wallSeconds.toFixed(2)} | ${s.cpuSeconds.toFixed(1)} | ${formatBytes(s.peakRssBytes)} |`);
  }
  const extra = mr.stages.find((s) => s.stage === 'models')?.extra ?? {};
  out.push('', `Per model (train ${extra.train} rows after undersampling, test ${extra.test} rows):`, '');
  out.push('| model | fit s | predict s |', '|---|---:|---:|');
  for (const key of Object.keys(extra).filter((k) => k.endsWith('.fit'))) {
    const name = key.slice(0, -4);
    out.push(`| ${name}${name === 'knn' ? ' (sweep k=1..20)' : ''} | ${fmt(extra[key])} | ${fmt(extra[`${name}.predict`])} |`);
  }
  const smote = mr.stages.find((s) => s.stage === 'smote');
  if (smote) {
    out.push(
      '',
      `SMOTE alone on the standardised training rows (${smoteLabel(smote.extra)}): ` +
        `${smote.wallSeconds.toFixed(2)} s wall (goal < ${SMOTE_SECONDS_TARGET} s).`,
    );
  }
  return out;
}

function targetsSection(results: BenchResults): string[] {
  if (results.targets.length === 0) return ['### Targets', '', 'No target was measured in this run.'];
  const out = ['### Targets', '', '| target | limit | measured | met |', '|---|---|---|---|'];
  for (const t of results.targets)
    out.push(`| ${escapeCell(t.target)} | ${t.limit} | ${escapeCell(t.measured)} | ${t.met ? 'yes' : '**no**'} |`);
  return out;
}

function fmt(v: number | string | undefined): string {
  return typeof v === 'number' ? v.toFixed(2) : String(v ?? '');
}
