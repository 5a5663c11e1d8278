/** Run a benchmark measurement (bench/stage.ts) in a fresh Node process and read back its result. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StageResult } from './stage';

const STAGE_SCRIPT = path.join(__dirname, 'stage.ts');

/** `node --import tsx bench/stage.ts <args> --out <tmp>`; its stderr passes through; throws if it fails. */
export async function runMeasurement(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<StageResult> {
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

/** Wall, CPU (user+system of the process tree) and peak RSS of a shell command, via GNU time. */
export async function timeCommand(
  command: string,
  cwd: string,
): Promise<{ wallSeconds: number; cpuSeconds: number; peakRssBytes: number }> {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'time.txt');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, 'bash', '-c', command], { cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`'${command}' failed (exit code ${code})`);
  const last = fs.readFileSync(report, 'utf8').trim().split('\n').pop()!;
  const [wall, user, sys, kb] = last.split(' ').map(Number);
  if (wall === undefined || user === undefined || sys === undefined || kb === undefined) {
    throw new Error(`${report}: expected '%e %U %S %M' from /usr/bin/time, got '${last}'`);
  }
  return { wallSeconds: wall, cpuSeconds: user + sys, peakRssBytes: kb * 1024 };
}
