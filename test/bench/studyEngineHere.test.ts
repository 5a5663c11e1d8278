import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CommandRun, PipelineRun } from '../../bench/results';
import type { StudyStackReference } from '../../bench/studyStack';
import { checkTargets, featuresFromCsvMedian, studyEngineHere, studyRatios, wallsLabel } from '../../bench/targets';

const study: StudyStackReference = {
  note: '',
  source: 'test',
  size: '9M',
  events: 9,
  wallSeconds: 119,
  peakRssBytes: 6.8e9,
  peakRss: '6.8 GB',
};

const features = (wallSeconds: number, extra: Partial<CommandRun> = {}): CommandRun => ({
  name: 'features',
  command: 'purchase-prediction features --no-cache',
  sections: ['commands', 'cache'],
  size: '9M',
  events: 9,
  variant: 'no cache',
  wallSeconds,
  cpuSeconds: wallSeconds,
  peakRssBytes: 2 ** 30,
  ...extra,
});

const stage = (name: string, wallSeconds: number) => ({
  stage: name,
  rows: 9,
  wallSeconds,
  cpuSeconds: 1,
  rowsPerSecond: 1,
  peakRssBytes: 1,
});

const pipeline = (backend: PipelineRun['backend'], size: string, walls: number[], error?: string): PipelineRun => ({
  size,
  backend,
  input: 'csv',
  settings: 'default',
  events: 9,
  users: 1,
  inputBytes: 1,
  stages: error ? [] : walls.map((w, i) => stage(`s${i}`, w)),
  processPeakRssBytes: 1,
  ...(error ? { error } : {}),
});

test("studyEngineHere: the PostgreSQL run's summed stage walls at the study's size over the features command's wall", () => {
  const pipelines = [
    pipeline('duckdb', '9M', [5, 5, 3, 1]),
    pipeline('postgres', '1M', [1, 4, 5, 5]),
    // 4.5 + 41 + 48.5 + 27 + 2 = 123 s
    pipeline('postgres', '9M', [4.5, 41, 48.5, 27, 2]),
  ];
  const here = studyEngineHere({ studyStack: study, commands: [features(12.3)], pipelines });
  assert.ok(here);
  assert.equal(here.engineSeconds, 123);
  assert.ok(Math.abs(here.speed - 10) < 1e-12);
  const checks = checkTargets({
    startedAt: '',
    machine: {},
    pipelines,
    models: null,
    commands: [features(12.3)],
    studyStack: study,
    perEventReference: null,
  });
  const check = checks.find((c) => c.target.includes("study's engine on this machine"));
  assert.ok(check);
  assert.equal(check.met, true);
  assert.match(check.target, /this run: 123\.0 s/);
  // 119 / 12.3 = 9.7x against the committed reference: that row is not met.
  const reference = checks.find((c) => c.target.includes("vs the study's stack"));
  assert.equal(reference?.met, false);
});

test('studyEngineHere: null without a usable PostgreSQL run at the size, or without a successful features run', () => {
  const failed = [pipeline('postgres', '9M', [], 'connection refused')];
  assert.equal(studyEngineHere({ studyStack: study, commands: [features(12)], pipelines: failed }), null);
  const otherSize = [pipeline('postgres', '1M', [1, 2, 3])];
  assert.equal(studyEngineHere({ studyStack: study, commands: [features(12)], pipelines: otherSize }), null);
  const ok = [pipeline('postgres', '9M', [60, 60])];
  assert.equal(studyEngineHere({ studyStack: study, commands: [features(12, { error: 'exit status 1' })], pipelines: ok }), null);
  assert.equal(studyEngineHere({ studyStack: study, commands: [features(12, { size: '4M' })], pipelines: ok }), null);
  assert.equal(studyEngineHere({ studyStack: study, commands: [features(10)], pipelines: ok })?.speed, 12);
});

test('the study comparison takes the median of the features runs from CSV, and the highest peak of them', () => {
  const runs = [
    features(14, { peakRssBytes: 1.5 * 2 ** 30 }),
    features(11, { sections: ['study'], variant: 'run 2 of 3', peakRssBytes: 1.7 * 2 ** 30 }),
    features(12.3, { sections: ['study'], variant: 'run 3 of 3' }),
    // A failed run and a run of another size take no part.
    features(5, { sections: ['study'], variant: 'run 4', error: 'exit status 1' }),
    features(1, { sections: ['study'], variant: 'run 5', size: '1M' }),
  ];
  const median = featuresFromCsvMedian(runs, '9M');
  assert.equal(median?.run.wallSeconds, 12.3);
  assert.deepEqual(
    median?.runs.map((r) => r.wallSeconds),
    [14, 11, 12.3],
  );
  const ratios = studyRatios({ studyStack: study, commands: runs });
  assert.ok(ratios);
  assert.ok(Math.abs(ratios.speed - 119 / 12.3) < 1e-12);
  assert.equal(ratios.peakBytes, 1.7 * 2 ** 30);
  assert.ok(Math.abs(ratios.memory - 6.8e9 / (1.7 * 2 ** 30)) < 1e-9);
  assert.equal(wallsLabel(median!.runs), '14.0, 11.0, 12.3 s');
  // Of two runs, the slower middle one.
  assert.equal(featuresFromCsvMedian(runs.slice(0, 2), '9M')?.run.wallSeconds, 14);
  assert.equal(featuresFromCsvMedian([runs[3]!], '9M'), null);
});

/** The targets of a benchmark that ran `commands` and `pipelines` only. */
const targetsOf = (commands: CommandRun[], pipelines: PipelineRun[]) =>
  checkTargets({ startedAt: '', machine: {}, pipelines, models: null, commands, studyStack: study, perEventReference: null });

test("the study's stack run in the benchmark replaces the reference, and the engine stand-in is then no target", () => {
  const stack: CommandRun = {
    name: "study's stack",
    command: '/usr/bin/python3 bench/study_stack.py',
    sections: ['studyStack'],
    size: '9M',
    events: 9,
    wallSeconds: 150,
    cpuSeconds: 120,
    peakRssBytes: 9 * 2 ** 30,
    phases: [{ phase: 'load', seconds: 20 }],
    modellingRows: 5,
  };
  const ours = [features(12.5, { peakRssBytes: 1.5 * 2 ** 30 })];
  const pipelines = [pipeline('postgres', '9M', [70])];
  const ratios = studyRatios({ studyStack: study, commands: [stack, ...ours] });
  assert.equal(ratios?.study.source, 'this run');
  // 150 / 12.5 = 12x; 9 GiB / 1.5 GiB = 6x.
  assert.ok(Math.abs(ratios!.speed - 12) < 1e-12);
  assert.ok(Math.abs(ratios!.memory - 6) < 1e-12);
  const checks = targetsOf([stack, ...ours], pipelines);
  const check = checks.find((c) => c.target.includes("vs the study's stack"));
  assert.match(check?.target ?? '', /run in this benchmark on the same files: 150\.0 s, 9\.00 GiB/);
  assert.equal(check?.met, true);
  // 70 / 12.5 = 5.6x would fail, but our own SQL on PostgreSQL is not the study's stack.
  assert.equal(
    checks.some((c) => c.target.includes("study's engine on this machine")),
    false,
  );
  // A failed run of the stack, or one at another size, leaves the reference in charge (and the stand-in checked).
  for (const other of [
    { ...stack, error: 'exit status 2' },
    { ...stack, size: '1M' },
  ]) {
    const fallback = studyRatios({ studyStack: study, commands: [other, ...ours] });
    assert.equal(fallback?.study.source, 'reference');
    assert.ok(Math.abs(fallback!.speed - 119 / 12.5) < 1e-12);
    const more = targetsOf([other, ...ours], pipelines);
    const why = other.error ? 'the stack run here failed: exit status 2' : 'not run here';
    assert.ok(more.find((c) => c.target.includes("vs the study's stack"))?.target.includes(`reference: 119 s, 6.8 GB; ${why}`));
    assert.equal(more.find((c) => c.target.includes("study's engine on this machine"))?.met, false);
  }
});
