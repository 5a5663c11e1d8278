import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { decodePng, distinctColours, pngSize } from './pngReader';

// A hand-made 2x2 RGB PNG: row 0 unfiltered, row 1 with the "Sub" filter (each byte minus its left neighbour).
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]); // CRC not checked by the reader
}

test('decodePng: unfilters a hand-made image', () => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  // Pixels: (10,20,30) (40,50,60) / (1,2,3) (5,7,9). Sub-filtered row 1: (1,2,3) (4,5,6).
  const scanlines = Buffer.from([0, 10, 20, 30, 40, 50, 60, 1, 1, 2, 3, 4, 5, 6]);
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(scanlines)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  assert.deepEqual(pngSize(png), { width: 2, height: 2 });
  const decoded = decodePng(png);
  assert.equal(decoded.channels, 3);
  assert.deepEqual([...decoded.pixels], [10, 20, 30, 40, 50, 60, 1, 2, 3, 5, 7, 9]);
  assert.equal(distinctColours(decoded), 4);
});
