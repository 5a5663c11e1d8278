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
import { studyCodeDir, studyCodeFile } from './studyCode';

/** The database the study's stack fills (its all_events and base_data_cleaned), dropped after the run. */
const STUDY_STACK_DATABASE = 'purchase_study_stack';

/** Debian's Python, where python3-pandas and python3-psycopg2 are installed (scripts/bench-setup.sh). */
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join('bench', 'study_stack.py');

/** Why the study's stack cannot run here (missing study code or Python modules), or null when it can. */
export function studyStackUnavailable(): string | null {
  try {
    for (const file of ['setup.sql', 'queries.sql']) studyCodeFile(file);
  } catch (err) {
    return (err as Error).message;
  }
  try {
    execFileSync(PYTHON, ['-c', 'import pandas, psycopg2'], { stdio: 'ignore' });
  } catch {
    return `${PYTHON} lacks pandas or psycopg2 (scripts/bench-setup.sh installs them)`;
  }
  return null;
}

/** The modelling table the study's stack writes for `data`, in the runner's scratch folder. */
export function studyStackOutput(runner: CliRunner, data: Dataset): string {
  return runner.tmp(`study-stack-${data.size.label}.csv`);
}

/**
 * Run the study's stack on `data` in a database of its own (created empty, dropped afterwards, both untimed):
 * the command run, with its phases and modelling-table rows read from the JSON line it prints last. A failure,
 * the database's included, is the run's `error`, never thrown.
 */
export async function measureStudyStack(runner: CliRunner, data: Dataset, postgres: PostgresTarget): Promise<CommandRun> {
  const files = data.files.map((f) => path.relative(REPO_ROOT, f));
  const out = studyStackOutput(runner, data);
  const studyCode = path.relative(REPO_ROOT, studyCodeDir());
  const line = `${PYTHON} ${SCRIPT} --study-code ${studyCode} --out ${out} ${files.join(' ')}`;
  const spec = {
    name: "study's stack",
    sections: ['studyStack' as const],
    size: data.size.label,
    events: data.rows,
    variant: 'PostgreSQL + pandas',
  };
  const shown = line.replace(out, `$TMP/${path.basename(out)}`);
  const database = (sql: string) => withAdmin(postgres.env, (admin) => admin.query(sql));
  try {
    await database(`DROP DATABASE IF EXISTS ${STUDY_STACK_DATABASE} WITH (FORCE)`);
    await database(`CREATE DATABASE ${STUDY_STACK_DATABASE}`);
  } catch (err) {
    return { ...runner.notRun({ ...spec, args: [] }, `database ${STUDY_STACK_DATABASE}: ${(err as Error).message}`), command: shown };
  }
  let run = await runner.measureShell(spec, line, { ...postgres.env, PGDATABASE: STUDY_STACK_DATABASE });
  run = { ...run, command: shown };
  if (!run.error && run.logFile) {
    const summary = readSummary(path.join(REPO_ROOT, run.logFile));
    run = summary
      ? { ...run, phases: summary.phases, modellingRows: summary.modellingRows }
      : { ...run, error: `no summary line in ${run.logFile}` };
  }
  // Dropped now, untimed (FORCE: a killed run may leave a connection): its checkpoint would slow what comes next.
  // Failing to drop it says nothing about the measurement, so it is only reported.
  await database(`DROP DATABASE IF EXISTS ${STUDY_STACK_DATABASE} WITH (FORCE)`).catch((err: Error) => {
    process.stderr.write(`warning: could not drop the database ${STUDY_STACK_DATABASE}: ${err.message}\n`);
  });
  return run;
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
