import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDeck, DECK_SLIDES, deckFigure, type Slide } from '../../lib/report/deck';
import { printPdf } from '../../lib/report/deckPdf';
import { renderPng } from '../../lib/report/png';
import { targetBalance } from '../../lib/plots/targetBalance';
import { pdfPages } from './pdfPages';

const slides: Slide[] = [
  { title: 'Problem & <goal>', takeaway: 'why', exhibit: { kind: 'points', lists: [{ points: ['a', 'b'] }] } },
  { title: 'Balance', takeaway: 'classes', exhibit: { kind: 'figure', name: 'target-balance', width: 800, height: 400 } },
  { title: 'Missing figure', takeaway: 'not recorded', exhibit: { kind: 'figure', name: 'honest-lift', width: 800, height: 400 } },
  { title: 'Honest', takeaway: 'numbers', exhibit: { kind: 'table', name: 'honest-comparison', columns: ['model', 'roc_auc_honest'] } },
];

test('DECK_SLIDES: the story in the order of the study deck', () => {
  assert.deepEqual(
    DECK_SLIDES.map((s) => (s.exhibit.kind === 'points' ? 'text' : s.exhibit.name)),
    [
      'text',
      'cleaning-funnel',
      'target-balance',
      'rfm-pair-plot',
      'brand-view-share',
      'model-performance',
      'roc-overlay',
      'xgboost-feature-importance',
      'honest-comparison',
      'honest-lift',
      'text',
    ],
  );
  const last = DECK_SLIDES[DECK_SLIDES.length - 1]!.exhibit;
  assert.ok(last.kind === 'points');
  assert.deepEqual(
    last.lists.map((l) => l.heading),
    ['Future work', 'Action items'],
  );
  assert.match(last.lists[0]!.points.join(' '), /products.*session duration, time on page.*F-beta/);
  assert.match(last.lists[1]!.points.join(' '), /Retention incentives.*Cart reminders.*e-mail lists/);
});

test('buildDeck: one numbered section per slide with its exhibit, missing exhibits left out, text escaped', () => {
  const png = Uint8Array.from([137, 80, 78, 71]);
  const rows = [{ model: 'XGBoost', roc_auc_leaky: 0.96, roc_auc_honest: 0.80412 }];
  const deck = buildDeck({ figures: { 'target-balance': png }, tables: { 'honest-comparison': { rows, digits: 3 } } }, slides);
  assert.deepEqual(deck.slides, ['Problem & <goal>', 'Balance', 'Honest']);
  assert.deepEqual(deck.skipped, ['Missing figure']);
  assert.equal(deck.html.split('<section class="slide">').length - 1, 3);
  assert.ok(deck.html.includes('<h1>Problem &amp; &lt;goal&gt;</h1>'));
  assert.ok(deck.html.includes(`src="data:image/png;base64,${Buffer.from(png).toString('base64')}"`));
  // Only the slide's columns, in its order.
  assert.ok(deck.html.includes('<thead><tr><th>model</th><th>roc auc honest</th></tr></thead>') && deck.html.includes('>0.804</td>'));
  assert.ok(!deck.html.includes('roc auc leaky'));
  assert.deepEqual(
    [...deck.html.matchAll(/<footer>(\d+ \/ \d+)<\/footer>/g)].map((m) => m[1]),
    ['1 / 3', '2 / 3', '3 / 3'],
  );
  assert.ok(!deck.html.includes('<script'), 'no script: nothing to fail when printed or opened offline');
});

test('printPdf: one 16:9 PDF page per slide, none blank', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deck-test-'));
  try {
    const png = join(dir, 'balance.png');
    await renderPng([{ fig: deckFigure(targetBalance({ negative: 80, positive: 20 })), path: png, width: 800, height: 400, scale: 2 }]);
    const deck = buildDeck(
      {
        figures: { 'target-balance': readFileSync(png) },
        tables: { 'honest-comparison': { rows: [{ model: 'XGBoost', roc_auc_honest: 0.8 }] } },
      },
      slides,
    );
    writeFileSync(join(dir, 'deck.html'), deck.html);
    const bytes = await printPdf(join(dir, 'deck.html'), join(dir, 'deck.pdf'));
    assert.ok(bytes > 1000);
    const pages = pdfPages(join(dir, 'deck.pdf'));
    assert.equal(pages.length, 3);
    for (const page of pages) {
      // 13.333 x 7.5 inches at 20 dpi.
      assert.deepEqual([page.width, page.height], [267, 150]);
      assert.ok(page.inkedPixels > 200, `a page with ${page.inkedPixels} inked pixels looks blank`);
    }
    // The figure slide carries more ink than the text slide.
    assert.ok(pages[1]!.inkedPixels > pages[0]!.inkedPixels);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
