/**
 * The study's stack (PostgreSQL + pandas, bench/study_stack.py) run on the benchmark's full-size files, timed whole
 * like the commands: the same machine, files and run as our `features`, so the 10x target does not depend on the
 * day's VM. Its SQL comes from the study's own files (../shared/study-code/), read when it runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CliRunner } from './cliRun';
import type { Dataset } from './dataset';
import { REPO_ROOT, withAdmin, type PostgresTarget } from './postgresSetup';
import type { CommandRun, StudyStackPhase } from './results';

/** The database the study's stack fills (its all_events and base_data_cleaned), dropped after the run. */
const STUDY_STACK_DATABASE = 'purchase_study_stack';

/** The study's code: the table definition and queries the stack runs. */
export const STUDY_CODE_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'study-code');

/** Debian's Python, where python3-pandas and python3-psycopg2 are installed (scripts/bench-setup.sh). */
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join('bench', 'study_stack.py');

/** Why the study's stack cannot run here (missing study code or Python modules), or null when it can. */
export function studyStackUnavailable(studyCode: string = STUDY_CODE_DIR): string | null {
  for (const file of ['setup.sql', 'queries.sql']) {
    if (!fs.existsSync(path.join(studyCode, file))) return `${path.join(studyCode, file)} not found`;
  }
  try {
    execFileSync(PYTHON, ['-c', 'import pandas, psycopg2'], { stdio: 'ignore' });
  } catch {
    return `${PYTHON} lacks pandas or psycopg2 (scripts/bench-setup.sh installs them)`;
  }
  return null;
}

/**
 * Run the study's stack on `data` in a database of its own (created empty, dropped afterwards, both untimed):
 * the command run, with its phases and modelling-table rows read from the JSON line it prints last.
 */
export async function measureStudyStack(runner: CliRunner, data: Dataset, postgres: PostgresTarget): Promise<CommandRun> {
  await withAdmin(postgres.env, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${STUDY_STACK_DATABASE}`);
    await admin.query(`CREATE DATABASE ${STUDY_STACK_DATABASE}`);
  });
  try {
    const files = data.files.map((f) => path.relative(REPO_ROOT, f));
    const out = runner.tmp(`study-stack-${data.size.label}.csv`);
    const line = `${PYTHON} ${SCRIPT} --study-code ${path.relative(REPO_ROOT, STUDY_CODE_DIR)} --out ${out} ${files.join(' ')}`;
    const run = await runner.measureShell(
      { name: "study's stack", sections: ['studyStack'], size: data.size.label, events: data.rows, variant: 'PostgreSQL + pandas' },
      line,
      { ...postgres.env, PGDATABASE: STUDY_STACK_DATABASE },
    );
    if (run.error || !run.logFile) return run;
    const summary = readSummary(path.join(REPO_ROOT, run.logFile));
    if (!summary) return { ...run, error: `no summary line in ${run.logFile}` };
    return {
      ...run,
      command: line.replace(out, `$TMP/${path.basename(out)}`),
      phases: summary.phases,
      modellingRows: summary.modellingRows,
    };
  } finally {
    // Dropped now, untimed: its checkpoint would otherwise slow the commands timed after it.
    await withAdmin(postgres.env, (admin) => admin.query(`DROP DATABASE IF EXISTS ${STUDY_STACK_DATABASE}`));
  }
}

/** What study_stack.py prints last: one JSON object. */
interface StudyStackSummary {
  phases: StudyStackPhase[];
  modellingRows: number;
}

/** The last summary line of the log (stdout and stderr interleaved), or null when there is none. */
export function readSummary(logFile: string): StudyStackSummary | null {
  const lines = fs.readFileSync(logFile, 'utf8').split('\n').reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    let parsed: Partial<StudyStackSummary>;
    try {
      parsed = JSON.parse(line) as Partial<StudyStackSummary>;
    } catch {
      continue;
    }
    if (Array.isArray(parsed.phases) && typeof parsed.modellingRows === 'number') {
      return { phases: parsed.phases, modellingRows: parsed.modellingRows };
    }
  }
  return null;
}
