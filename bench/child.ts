/**
 * Child processes of the benchmark: a measurement (bench/stage.ts) in a fresh Node process, read back from its
 * result file, and any command timed whole by GNU time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StageResult } from './stage';
import { waitForQuietMachine } from './quietMachine';
import { sampleDescendantsMemory, type TreeMemory } from './treeRss';

const STAGE_SCRIPT = path.join(__dirname, 'stage.ts');

/**
 * `node --import tsx bench/stage.ts <args> --out <tmp>`, on a quiet machine; its stderr passes through; throws if
 * it fails.
 */
export async function runMeasurement(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<StageResult> {
  await waitForQuietMachine();
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'result.json');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', STAGE_SCRIPT, ...args, '--out', out], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`measurement '${args.join(' ')}' failed (exit code ${code})`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as StageResult;
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return result;
}

/** What GNU time (and, when asked, the process-tree sampler) measured of one command. */
export interface CommandFigures {
  /** "Elapsed (wall clock) time". */
  wallSeconds: number;
  /** "User time" + "System time": the command and every descendant it waited for. */
  cpuSeconds: number;
  /** "Maximum resident set size": the largest single process of the tree (not their sum), bytes. */
  peakRssBytes: number;
  /** The highest summed RSS and PSS of the whole process tree, sampled every 50 ms (with `sampleTree`), bytes. */
  treePeakRssBytes?: number;
  treePeakPssBytes?: number;
  /** The command's exit status (128 + N when killed by signal N). */
  exitCode: number;
}

export interface TimeCommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Also sample the summed RSS and PSS of the whole process tree (for commands that spawn processes). */
  sampleTree?: boolean;
  /** Write the command's stdout and stderr to this file instead of passing them through. */
  logFile?: string;
}

/**
 * Run `argv` under `/usr/bin/time -v` as a user runs it (its whole process, children included), on a quiet
 * machine, and return wall, CPU and peak RSS; a failing command is a result too (its `exitCode`), not an exception.
 */
export async function timeCommand(argv: string[], options: TimeCommandOptions): Promise<CommandFigures> {
  await waitForQuietMachine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const report = path.join(dir, 'time.txt');
  const log = options.logFile === undefined ? null : fs.openSync(options.logFile, 'w');
  try {
    let treePeak: TreeMemory | undefined;
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn('/usr/bin/time', ['-v', '-o', report, ...argv], {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: log === null ? 'inherit' : ['ignore', log, log],
      });
      const sampler = options.sampleTree && child.pid !== undefined ? sampleDescendantsMemory(child.pid) : null;
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (sampler) treePeak = sampler.stop();
        resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
      });
    });
    const figures = parseGnuTimeVerbose(fs.readFileSync(report, 'utf8'), report);
    const tree = treePeak === undefined ? {} : { treePeakRssBytes: treePeak.rssBytes, treePeakPssBytes: treePeak.pssBytes };
    return { ...figures, ...tree, exitCode };
  } finally {
    if (log !== null) fs.closeSync(log);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall, CPU and maximum RSS from the report of `/usr/bin/time -v` (`file` names it in errors). */
export function parseGnuTimeVerbose(text: string, file: string): Omit<CommandFigures, 'exitCode'> {
  const field = (label: string): string => {
    const line = text.split('\n').find((l) => l.trimStart().startsWith(`${label}`));
    const value = line?.slice(line.lastIndexOf(': ') + 2).trim();
    if (value === undefined || value === '') throw new Error(`${file}: no '${label}' in the report of /usr/bin/time -v`);
    return value;
  };
  const number = (label: string): number => {
    const v = Number(field(label));
    if (!Number.isFinite(v)) throw new Error(`${file}: '${label}' is not a number in the report of /usr/bin/time -v`);
    return v;
  };
  // "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.35" or "1:02:03".
  const wall = field('Elapsed (wall clock) time')
    .split(':')
    .reduce((s, part) => s * 60 + Number(part), 0);
  if (!Number.isFinite(wall)) throw new Error(`${file}: unreadable wall clock time in the report of /usr/bin/time -v`);
  return {
    wallSeconds: wall,
    cpuSeconds: number('User time (seconds)') + number('System time (seconds)'),
    peakRssBytes: number('Maximum resident set size (kbytes)') * 1024,
  };
}
