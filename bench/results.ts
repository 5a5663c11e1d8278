/**
 * The benchmark's results as written to .cache/bench/results.json (and read back, for the 9M reference of an
 * out-of-core run): the stage-level runs, the models, every command timed whole, and the targets checked.
 */
import fs from 'node:fs';
import type { StageFigures } from './meter';
import type { StudyStackReference } from './studyStack';
import type { StudyStackAgreement } from './studyStackAgreement';

export interface PipelineRun {
  size: string;
  backend: 'duckdb' | 'postgres';
  /** 'csv' or 'csv.gz': what the loader read. */
  input: 'csv' | 'csv.gz';
  /** 'default', or the non-default DuckDB setting of this run. */
  settings: string;
  /** User partitions of the run (DuckDB): the commands' `--partitions auto` by default; absent in older results. */
  partitions?: number;
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

/**
 * The tables a command run belongs to: the user-facing commands at full size, the load cache's three runs, the
 * consecutive 20M runs, the out-of-core sizes, a command given with --report-cmd, and the extra full-size
 * `features --no-cache` runs whose median is compared with the study's stack ('study'), and the study's stack itself
 * run on the same files ('studyStack', bench/study_stack.py). One run may serve two tables (the full-size
 * `features --no-cache` is both the commands table's row and the cache table's baseline).
 */
export type CommandSection = 'commands' | 'cache' | 'repeat' | 'outOfCore' | 'custom' | 'study' | 'studyStack';

/** One timed phase of the study's stack (bench/study_stack.py), wall seconds. */
export interface StudyStackPhase {
  phase: string;
  seconds: number;
}

/** One command timed as a user runs it: the whole process under `/usr/bin/time -v`. */
export interface CommandRun {
  /** The CLI command ('features', 'report', ...) or, for --report-cmd, a description. */
  name: string;
  /** The command line as typed in the repository ($TMP is the run's scratch folder). */
  command: string;
  sections: CommandSection[];
  /** The data size it ran on, and its events (data-loading commands). */
  size?: string;
  events?: number;
  /** What sets this run apart within its table: 'no cache', 'empty cache', 'cache hit', 'run 2 of 3'. */
  variant?: string;
  wallSeconds: number;
  cpuSeconds: number;
  /** GNU time's maximum RSS: the largest single process of the command's tree, bytes. */
  peakRssBytes: number;
  /**
   * The summed RSS and PSS of the whole process tree, sampled every 50 ms (commands that spawn processes), bytes.
   * Summed RSS counts a shared page once per process; PSS divides it among them (the tree's real memory).
   */
  treePeakRssBytes?: number;
  treePeakPssBytes?: number;
  /** Cache runs: whether the features CSV written is byte for byte the `--no-cache` run's. */
  sameOutputAsNoCache?: boolean;
  /** Why the command failed (exit status and the end of its output), when it did. */
  error?: string;
  /** Where its stdout and stderr were written. */
  logFile?: string;
  /** The study's stack: its phases as it timed them, and the rows of its modelling table. */
  phases?: StudyStackPhase[];
  modellingRows?: number;
  /** The study's stack: its modelling table against our headline `features` run's, user by user. */
  agreement?: StudyStackAgreement;
}

/** The full-size `features` command's cost per event that the out-of-core sizes are compared with. */
export interface PerEventReference {
  size: string;
  microsPerEvent: number;
  /** 'this run', or the results file and date it was taken from. */
  source: string;
}

export interface BenchResults {
  startedAt: string;
  machine: Record<string, string | number>;
  pipelines: PipelineRun[];
  models: ModelsRun | null;
  commands: CommandRun[];
  /**
   * The study's stack at 9M as measured by the author: the reference of the 10x target when the stack
   * itself did not run in this benchmark (the 'studyStack' command run).
   */
  studyStack: StudyStackReference;
  /** For the out-of-core sizes: the 9M features command's µs per event (null: not measured, and no earlier result). */
  perEventReference: PerEventReference | null;
  targets: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  limit: string;
  measured: string;
  met: boolean;
}

/**
 * The peak memory a command's target is checked on: the larger of GNU time's figure (its largest process) and the
 * sampled PSS sum of its tree (shared pages divided among the processes, so each counts once in the sum).
 */
export function commandPeakRss(run: CommandRun): number {
  return Math.max(run.peakRssBytes, run.treePeakPssBytes ?? 0);
}

/** Wall microseconds per event of a data-loading command run (NaN without an event count). */
export function microsPerEvent(run: CommandRun): number {
  return run.events ? (run.wallSeconds * 1e6) / run.events : Number.NaN;
}

/**
 * The results of an earlier run from `file`, or null when there is none or it cannot be read. Command runs of
 * the format before command sections existed are dropped (their tables cannot be told apart).
 */
export function readResults(file: string): BenchResults | null {
  let results: BenchResults;
  try {
    results = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
  } catch {
    return null;
  }
  const commands: unknown[] = Array.isArray(results.commands) ? results.commands : [];
  return { ...results, commands: commands.filter((c): c is CommandRun => Array.isArray((c as Partial<CommandRun>).sections)) };
}
