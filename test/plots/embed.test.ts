import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FigureHtmlSequence, figureDivHtml, plotlyLibraryPath, scriptSafeJson } from '../../lib/plots/embed';
import { htmlTable } from '../../lib/plots/htmlTable';

const fig = { data: [{ type: 'bar' as const, x: ['a'], y: [1] }], layout: { title: { text: 'T' } } };

test('FigureHtmlSequence: plotly.js inlined before the first figure only', () => {
  const sequence = new FigureHtmlSequence();
  const first = sequence.next(fig);
  const second = sequence.next(fig);
  const library = readFileSync(plotlyLibraryPath(), 'utf8');
  assert.ok(first.includes(library.slice(0, 200)) && first.length > library.length);
  assert.ok(!second.includes('plotly.js v'));
  assert.ok(second.length < 1000);
  const ids = [first, second].map((html) => /<div id="([^"]+)"/.exec(html)?.[1]);
  assert.notEqual(ids[0], ids[1]);
  assert.ok(second.includes(`Plotly.newPlot("${ids[1]}"`));
  assert.equal(sequence.count, 2);
});

test('scriptSafeJson: a label containing </script> cannot end the script element', () => {
  const json = scriptSafeJson({ name: '</script><b>x' });
  assert.ok(!json.includes('</'));
  assert.deepEqual(JSON.parse(json), { name: '</script><b>x' });
});

test('figureDivHtml: explicit size wins over layout, default height 450', () => {
  assert.match(figureDivHtml(fig, { id: 'f', width: 300, height: 200 }), /style="width:300px;height:200px"/);
  assert.match(figureDivHtml(fig, { id: 'f' }), /style="width:100%;height:450px"/);
});

test('htmlTable: union of keys as header, escaped text, rounded non-integers', () => {
  const html = htmlTable(
    [
      { model: '<k-NN>', f1: 0.61234 },
      { model: 'RF', auc: 0.97 },
    ],
    { digits: 2 },
  );
  assert.ok(html.includes('<thead><tr><th>model</th><th>f1</th><th>auc</th></tr></thead>'));
  assert.ok(html.includes('<tr><td>&lt;k-NN&gt;</td><td style="text-align:right">0.61</td><td></td></tr>'));
  assert.ok(html.includes('<tr><td>RF</td><td></td><td style="text-align:right">0.97</td></tr>'));
});
