/**
 * Where the study's own code is (setup.sql, queries.sql, its notebooks' cells): `../shared/study-code/` beside the
 * repository, as laid out for every checkout and CI run, or the folder named by PURCHASE_PREDICTION_STUDY_CODE.
 * Read by the benchmark's study stack and by the test of seed mode against the study's queries; never copied.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The environment variable naming another folder of the study's code. */
export const STUDY_CODE_ENV = 'PURCHASE_PREDICTION_STUDY_CODE';

/** The folder of the study's code (it may not exist: see {@link studyCodeFile}). */
export function studyCodeDir(): string {
  return process.env[STUDY_CODE_ENV] || path.resolve(__dirname, '..', '..', 'shared', 'study-code');
}

/** The path of `name` in the study's code; throws naming where it looked and how to point elsewhere. */
export function studyCodeFile(name: string): string {
  const file = path.join(studyCodeDir(), name);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${file} not found: the study's code is expected in ../shared/study-code/ beside the repository, or set ${STUDY_CODE_ENV}`,
    );
  }
  return file;
}
