import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyHtmlReport } from '../../lib/report/verify';
import { FigureHtmlSequence } from '../../lib/plots/embed';
import { targetBalance } from '../../lib/plots/targetBalance';
import { rocFigure } from '../../lib/plots/roc';

test('verifyHtmlReport: counts drawn figures and reports page errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'verify-test-'));
  try {
    const sequence = new FigureHtmlSequence();
    const good = join(dir, 'good.html');
    writeFileSync(
      good,
      `<!doctype html><html><body>${sequence.next(targetBalance({ negative: 3, positive: 1 }))}<p>text</p>` +
        `${sequence.next(rocFigure({ name: 'm', fpr: [0, 1], tpr: [0, 1], auc: 0.5 }))}</body></html>`,
    );
    assert.deepEqual(await verifyHtmlReport(good), { plots: 2, unrendered: 0, consoleErrors: [] });

    // A figure emitted without the library (as after re-running cells in a live kernel) stays empty.
    const bad = join(dir, 'bad.html');
    writeFileSync(
      bad,
      `<!doctype html><html><body>${new FigureHtmlSequence().next(targetBalance({ negative: 1, positive: 1 })).replace(/^<script[\s\S]*?<\/script>\n/, '')}` +
        `<script>console.error('custom failure 271')</script></body></html>`,
    );
    const result = await verifyHtmlReport(bad);
    assert.equal(result.plots, 0);
    assert.equal(result.unrendered, 1);
    assert.equal(result.consoleErrors.length, 2);
    assert.match(result.consoleErrors[0]!, /uncaught: ReferenceError: Plotly is not defined/);
    assert.match(result.consoleErrors[1]!, /console\.error: custom failure 271/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
