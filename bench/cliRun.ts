/**
 * One CLI command (`node bin/purchase-prediction.js <command> ...`) measured as a user runs it: the whole
 * process under GNU time, its output kept in .cache/bench/logs/, a failure recorded instead of thrown. Every
 * command runs with a load cache of the benchmark's own (PURCHASE_PREDICTION_CACHE), so the benchmark never
 * reads, fills or clears the user's cache in .cache/events/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timeCommand } from './child';
import { CACHE_DIR } from './dataset';
import { formatBytes } from './format';
import { REPO_ROOT } from './postgresSetup';
import type { CommandRun, CommandSection } from './results';

/** The load cache of the benchmark's command runs (emptied before and after the cache runs). */
export const BENCH_LOAD_CACHE = path.join(CACHE_DIR, 'load-cache');

const CLI = path.join(REPO_ROOT, 'bin', 'purchase-prediction.js');
const LOG_DIR = path.join(CACHE_DIR, 'logs');
/** Lines of a failed command's output kept in its error. */
const ERROR_TAIL_LINES = 6;

/** A command to measure: the CLI arguments and which table row it is. */
export interface CommandSpec {
  /** The CLI command, e.g. 'features' (args[0] unless `args` is a whole shell command). */
  name: string;
  args: string[];
  sections: CommandSection[];
  size?: string;
  events?: number;
  variant?: string;
  /** Also sample the whole process tree's summed RSS (commands that spawn processes). */
  sampleTree?: boolean;
}

/** Runs CLI commands for the benchmark with one scratch folder (their --out files) and one environment. */
export class CliRunner {
  /** Scratch folder for the commands' outputs, shown as $TMP in the tables; removed by {@link close}. */
  readonly scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-commands-'));
  private readonly env: NodeJS.ProcessEnv = { ...process.env, PURCHASE_PREDICTION_CACHE: BENCH_LOAD_CACHE };
  /** Commands whose modules have been loaded once (see {@link measure}). */
  private readonly warm = new Set<string>();

  constructor(private readonly log: (line: string) => void) {
    fs.mkdirSync(LOG_DIR, { recursive: true });
  }

  /** A path in the scratch folder. */
  tmp(name: string): string {
    return path.join(this.scratch, name);
  }

  /**
   * Time `purchase-prediction <spec.args>` whole; a failing command gives a run with `error` set. The first run
   * of each command is preceded by an untimed `<command> --help`, which loads the same modules: tsx transpiles
   * them into its cache then, not inside the first timed run.
   */
  async measure(spec: CommandSpec): Promise<CommandRun> {
    const command = spec.args[0];
    if (command !== undefined && !this.warm.has(command)) {
      this.warm.add(command);
      try {
        execFileSync(process.execPath, [CLI, command, '--help'], { cwd: REPO_ROOT, env: this.env, stdio: 'ignore' });
      } catch {
        // the timed run will show what is wrong
      }
    }
    return this.time(spec, [process.execPath, CLI, ...spec.args], this.commandLine(spec));
  }

  /**
   * Time a shell command line (--report-cmd, the study's stack) whole, in the repository, like {@link measure};
   * `env` is added to the runner's environment.
   */
  async measureShell(spec: Omit<CommandSpec, 'args'>, line: string, env: NodeJS.ProcessEnv = {}): Promise<CommandRun> {
    return this.time({ ...spec, args: [] }, ['bash', '-c', line], line, env);
  }

  /** The row of a command that was not run because `reason` (a step before it failed). */
  notRun(spec: CommandSpec, reason: string): CommandRun {
    this.log(`${this.commandLine(spec)}: not run (${reason})`);
    return { ...this.row(spec, this.commandLine(spec)), wallSeconds: 0, cpuSeconds: 0, peakRssBytes: 0, error: `not run: ${reason}` };
  }

  /** `purchase-prediction cache clear` on the benchmark's load cache (not timed); the error's message when it fails. */
  clearLoadCache(): string | null {
    try {
      execFileSync(process.execPath, [CLI, 'cache', 'clear'], { cwd: REPO_ROOT, env: this.env, stdio: ['ignore', 'ignore', 'pipe'] });
      return null;
    } catch (err) {
      const stderr = String((err as { stderr?: Buffer }).stderr ?? '').trim();
      const message = `'purchase-prediction cache clear' failed: ${stderr.split('\n')[0] || (err as Error).message}`;
      this.log(`  ${message}`);
      return message;
    }
  }

  /** Remove the scratch folder. */
  close(): void {
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }

  private async time(spec: CommandSpec, argv: string[], command: string, env: NodeJS.ProcessEnv = {}): Promise<CommandRun> {
    const logFile = this.logFile(spec);
    this.log(`${command}${spec.variant ? `  (${spec.variant})` : ''}`);
    const base = { ...this.row(spec, command), logFile: path.relative(REPO_ROOT, logFile) };
    let figures: Awaited<ReturnType<typeof timeCommand>>;
    try {
      figures = await timeCommand(argv, { cwd: REPO_ROOT, env: { ...this.env, ...env }, sampleTree: spec.sampleTree, logFile });
    } catch (err) {
      this.log(`  FAILED to run: ${(err as Error).message}`);
      return { ...base, wallSeconds: 0, cpuSeconds: 0, peakRssBytes: 0, error: (err as Error).message };
    }
    const { exitCode, ...measured } = figures;
    const run: CommandRun = { ...base, ...measured };
    const tree =
      run.treePeakRssBytes === undefined
        ? ''
        : `, process tree RSS ${formatBytes(run.treePeakRssBytes)} / PSS ${formatBytes(run.treePeakPssBytes ?? 0)}`;
    this.log(`  ${run.wallSeconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU, peak ${formatBytes(run.peakRssBytes)}${tree}`);
    if (exitCode !== 0) {
      const lines = logLines(logFile);
      const tail = lines.slice(-ERROR_TAIL_LINES);
      run.error = `exit status ${exitCode}: ${failureSummary(lines)}`;
      this.log(`  FAILED (exit status ${exitCode}; output in ${base.logFile}):${tail.map((l) => `\n    ${l}`).join('')}`);
    }
    return run;
  }

  /** The fields of a command's row that do not depend on its measurement. */
  private row(spec: CommandSpec, command: string): Omit<CommandRun, 'wallSeconds' | 'cpuSeconds' | 'peakRssBytes'> {
    return {
      name: spec.name,
      command,
      sections: spec.sections,
      ...(spec.size === undefined ? {} : { size: spec.size }),
      ...(spec.events === undefined ? {} : { events: spec.events }),
      ...(spec.variant === undefined ? {} : { variant: spec.variant }),
    };
  }

  /** .cache/bench/logs/<name>-<size>-<variant>.log (overwritten by the next run of the same row). */
  private logFile(spec: CommandSpec): string {
    const slug = [spec.name, spec.size, spec.variant].filter((x) => x).join('-');
    return path.join(LOG_DIR, `${slug.replace(/[^A-Za-z0-9.-]+/g, '_')}.log`);
  }

  /** `purchase-prediction <args>` as shown in the tables. */
  private commandLine(spec: CommandSpec): string {
    return `purchase-prediction ${spec.args.map((a) => this.show(a)).join(' ')}`;
  }

  /** An argument as shown in the tables: the scratch folder as $TMP, repository paths relative to it. */
  private show(arg: string): string {
    if (arg.startsWith(this.scratch)) return `$TMP${arg.slice(this.scratch.length)}`;
    if (path.isAbsolute(arg) && arg.startsWith(REPO_ROOT + path.sep)) return path.relative(REPO_ROOT, arg);
    return arg;
  }
}

/**
 * What a failed command said, in one line for the results table: the last `error:` line of its output (the CLI
 * prints the cause there, and any number of hints may follow it), else its last two lines.
 * @example failureSummary(['x', 'error: Out of Memory', '', 'hint']) // 'error: Out of Memory'
 */
export function failureSummary(output: string[]): string {
  const lines = output.map((l) => l.trim()).filter((l) => l !== '');
  const error = lines.filter((l) => l.startsWith('error:')).at(-1);
  return error ?? (lines.slice(-2).join(' / ') || '(no output)');
}

/** The non-empty lines of a log file ([] when it cannot be read). */
function logLines(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');
}
