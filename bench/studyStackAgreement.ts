/**
 * The study's stack's modelling table against ours from the same files: both CSVs read into DuckDB and compared
 * user by user, so the benchmark's run says how far seed mode is from the study's own queries at full size.
 */
import { DuckDbEngine } from '../lib/engine/duckdb';
import { onlyRow } from '../lib/engine/engine';
import { MODELLING_COLUMNS } from '../lib/features/columns';
import { sqlString } from '../lib/engine/dialect';

/** How the two modelling tables compare. */
export interface StudyStackAgreement {
  studyRows: number;
  oursRows: number;
  studyUsers: number;
  oursUsers: number;
  /** Users in both tables. */
  commonUsers: number;
  /**
   * Per column (all but user_id, rfm_score and rfm_int), the common users whose values differ: any of a user's rows
   * (the quintiles may give one user two rows). Recency counts after the constant shift below.
   */
  differingUsers: Record<string, number>;
  /** Study recency − ours over the common users, smallest and largest (equal: a constant shift of the reference date). */
  recencyShift: { min: number; max: number };
}

/** The columns compared user by user. */
const COMPARED = MODELLING_COLUMNS.filter((c) => !['user_id', 'rfm_score', 'rfm_int'].includes(c));

/** Compare the study stack's modelling table `studyCsv` with ours, `oursCsv` (both as the CSVs they wrote). */
export async function compareWithStudyStack(studyCsv: string, oursCsv: string): Promise<StudyStackAgreement> {
  const engine = await DuckDbEngine.open();
  try {
    for (const [table, file] of [
      ['study', studyCsv],
      ['ours', oursCsv],
    ] as const) {
      await engine.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv(${sqlString(file)}, header = true)`);
      // One row per user: the smallest and largest value of each column over the user's rows.
      const ranges = COMPARED.map((c) => `MIN(${c}) AS min_${c}, MAX(${c}) AS max_${c}`).join(', ');
      await engine.run(`CREATE TABLE ${table}_users AS SELECT user_id, COUNT(*) AS rows, ${ranges} FROM ${table} GROUP BY user_id`);
    }
    const joined = 'FROM study_users s JOIN ours_users o USING (user_id)';
    const shift = 's.min_recency - o.min_recency';
    // Recency is compared after the smallest shift: the study's CURRENT_DATE against our reference date.
    const { shift_min: shiftMin } = onlyRow(await engine.all(`SELECT MIN(${shift}) AS shift_min ${joined}`), 'recency shift');
    const differs = (c: string) =>
      c === 'recency'
        ? `COUNT(*) FILTER (WHERE ${shift} <> ${Number(shiftMin)} OR s.max_recency - s.min_recency <> o.max_recency - o.min_recency)`
        : `COUNT(*) FILTER (WHERE abs(s.min_${c} - o.min_${c}) > 1e-9 OR abs(s.max_${c} - o.max_${c}) > 1e-9)`;
    const row = onlyRow(
      await engine.all(`SELECT
        (SELECT COUNT(*) FROM study) AS study_rows, (SELECT COUNT(*) FROM ours) AS ours_rows,
        (SELECT COUNT(*) FROM study_users) AS study_users, (SELECT COUNT(*) FROM ours_users) AS ours_users,
        COUNT(*) AS common_users, MIN(${shift}) AS shift_min, MAX(${shift}) AS shift_max,
        ${COMPARED.map((c) => `${differs(c)} AS differ_${c}`).join(',\n        ')}
      ${joined}`),
      'study stack agreement',
    );
    const n = (key: string) => Number(row[key]);
    return {
      studyRows: n('study_rows'),
      oursRows: n('ours_rows'),
      studyUsers: n('study_users'),
      oursUsers: n('ours_users'),
      commonUsers: n('common_users'),
      differingUsers: Object.fromEntries(COMPARED.map((c) => [c, n(`differ_${c}`)])),
      recencyShift: { min: n('shift_min'), max: n('shift_max') },
    };
  } finally {
    await engine.close();
  }
}
