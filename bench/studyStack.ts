/**
 * The study's stack (PostgreSQL + pandas) at 9M events, as measured by the author: the reference of the
 * "10x faster, a fraction of the memory" target. The figures live in bench/studyStackReference.json with a note
 * on where they come from; the benchmark does not re-measure them.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface StudyStackReference {
  /** Where the numbers come from, in words. */
  note: string;
  source: string;
  /** The benchmark size it was measured on ('9M') and its events. */
  size: string;
  events: number;
  /** load -> features, wall seconds. */
  wallSeconds: number;
  /** Peak memory, bytes, and as reported ('6.8 GB'). */
  peakRssBytes: number;
  peakRss: string;
}

/** The study stack's speed target: our features command at least this many times faster. */
export const STUDY_SPEEDUP_TARGET = 10;

const REFERENCE_FILE = path.join(__dirname, 'studyStackReference.json');

/** The committed reference (bench/studyStackReference.json); throws naming the file when it is malformed. */
export function readStudyStackReference(): StudyStackReference {
  const r = JSON.parse(fs.readFileSync(REFERENCE_FILE, 'utf8')) as Partial<StudyStackReference>;
  for (const key of ['wallSeconds', 'peakRssBytes', 'events'] as const) {
    const v = r[key];
    if (typeof v !== 'number' || !(v > 0)) throw new Error(`${REFERENCE_FILE}: '${key}' must be a positive number`);
  }
  return r as StudyStackReference;
}
