import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLibraryBuild } from '../../lib/report/libraryBuild';
import { executeNotebook, NotebookCellError } from '../../lib/report/notebook';
import { NOTEBOOK_ENV } from '../../lib/notebook/contract';
import { NOTEBOOKS_DIR } from '../../lib/report/runReport';
import { verifyHtmlReport } from '../../lib/report/verify';

const FIXTURES = join(__dirname, '..', 'fixtures', 'notebooks');

// Each execution starts a tslab kernel (seconds): the four notebooks run concurrently.
test('executeNotebook: smoke notebook to HTML with one rendered figure; kernels start in the notebook folder; failing cells are named', async () => {
  const out = mkdtempSync(join(tmpdir(), 'notebook-test-'));
  try {
    // The smoke notebook imports 'purchase-prediction' (the compiled library): its kernel runs where the study's notebooks run.
    ensureLibraryBuild();
    const smoke = executeNotebook({
      notebook: join(FIXTURES, 'smoke.ipynb'),
      outHtml: join(out, 'smoke.html'),
      cwd: NOTEBOOKS_DIR,
      env: { [NOTEBOOK_ENV.seed]: '7' },
      timeoutSeconds: 300,
    });
    const folder = executeNotebook({ notebook: join(FIXTURES, 'kernelFolder.ipynb'), outHtml: join(out, 'kernelFolder.html') });
    // Capture the failures now: rejections left unobserved while awaiting the smoke run would be unhandled.
    const failureOf = (name: string): Promise<unknown> =>
      executeNotebook({ notebook: join(FIXTURES, `${name}.ipynb`), outHtml: join(out, `${name}.html`) }).then(
        () => new Error(`${name} did not fail`),
        (error: unknown) => error,
      );
    const failing = failureOf('failing');
    const typeError = failureOf('typeError');

    const { seconds } = await smoke;
    assert.ok(seconds > 0);
    await folder;
    assert.ok(
      readFileSync(join(out, 'kernelFolder.html'), 'utf8').includes(`kernel folder ${FIXTURES}`),
      "default kernel folder: the notebook's own",
    );
    const html = readFileSync(join(out, 'smoke.html'), 'utf8');
    // The source holds `${6 * 7}` and `${params.seed}`: only the executed output holds the numbers.
    assert.ok(html.includes('smoke-answer 42 seed 7'));
    assert.equal(html.split('plotly.js v').length - 1, 1, 'plotly.js inlined exactly once');
    const executed = JSON.parse(readFileSync(join(out, 'smoke.ipynb'), 'utf8')) as { cells: { outputs?: unknown[] }[] };
    assert.equal(executed.cells.length, 4);
    assert.ok(executed.cells[3]!.outputs!.length > 0);
    assert.deepEqual(await verifyHtmlReport(join(out, 'smoke.html')), { plots: 1, unrendered: 0, consoleErrors: [] });

    const runtime = await failing;
    assert.ok(runtime instanceof NotebookCellError, String(runtime));
    assert.equal(runtime.cellNumber, 3); // counting the markdown cell before it
    assert.match(runtime.message, /cell 3 failed: Error: deliberate failure 314/);
    assert.match(runtime.message, /throw new Error\('deliberate failure 314'\);/); // the cell's source
    const compile = await typeError;
    assert.ok(compile instanceof NotebookCellError, String(compile));
    assert.equal(compile.cellNumber, 1);
    assert.match(compile.message, /cell 1 failed: 1:7 - Type 'string' is not assignable to type 'number'/);
    assert.match(compile.message, /const n: number = 'not a number';/);
    // Failed runs leave nothing that looks like a report.
    assert.ok(!existsSync(join(out, 'failing.html')) && !existsSync(join(out, 'typeError.html')));
    assert.deepEqual(readdirSync(out).sort(), ['kernelFolder.html', 'kernelFolder.ipynb', 'smoke.html', 'smoke.ipynb']);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
