import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPng } from '../../lib/report/png';
import { targetBalance } from '../../lib/plots/targetBalance';
import { rfmScatter3d } from '../../lib/plots/rfmScatter3d';
import { modelTable } from '../../lib/plots/modelTable';
import { decodePng, differingPixels, distinctColours } from './pngReader';

test('renderPng: real, non-blank PNGs of the requested sizes from one browser run; titles change pixels', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'png-test-'));
  try {
    const titled = targetBalance({ negative: 80, positive: 20 }, { title: 'Target class balance' });
    const untitled = { data: titled.data, layout: { ...titled.layout, title: { text: '' } } };
    const path = (name: string): string => join(dir, name);
    await renderPng([
      { fig: titled, path: path('titled.png'), width: 640, height: 400 },
      { fig: untitled, path: path('untitled.png'), width: 640, height: 400 },
      {
        fig: rfmScatter3d({ recency: [72, 95, 132], frequency: [2, 4, 50], monetary: [17, 44, 300], purchased: [0, 1, 1] }),
        path: path('rfm.png'),
      },
      { fig: modelTable([{ model: 'XGBoost', auc: 0.97 }]), path: path('sub/table.png'), width: 500, height: 200 },
    ]);
    assert.deepEqual(readdirSync(dir).sort(), ['rfm.png', 'sub', 'titled.png', 'untitled.png']); // no temp files left
    assert.deepEqual(readdirSync(path('sub')), ['table.png']);
    const titledPng = decodePng(readFileSync(path('titled.png')));
    const untitledPng = decodePng(readFileSync(path('untitled.png')));
    const rfm = decodePng(readFileSync(path('rfm.png')));
    const table = decodePng(readFileSync(path('sub/table.png')));
    assert.deepEqual([titledPng.width, titledPng.height], [640, 400]);
    assert.deepEqual([rfm.width, rfm.height], [900, 650]); // default width, the layout's height
    assert.deepEqual([table.width, table.height], [500, 200]);
    // A blank canvas has one colour; bars, text and anti-aliasing give many.
    for (const png of [titledPng, untitledPng, rfm, table]) assert.ok(distinctColours(png) > 20, `${distinctColours(png)} colours`);
    // The title is drawn at the top: the top band differs, and the images differ overall.
    const band = (png: typeof titledPng): typeof titledPng => ({
      ...png,
      height: 60,
      pixels: png.pixels.subarray(0, 60 * png.width * png.channels),
    });
    assert.ok(differingPixels(band(titledPng), band(untitledPng)) > 100);
    assert.ok(distinctColours(band(untitledPng)) < distinctColours(band(titledPng)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('renderPng: nothing to render starts no browser and succeeds', async () => {
  await renderPng([]);
});
