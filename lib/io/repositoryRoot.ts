import { resolve } from 'node:path';

/** The repository root (two folders above this file, in lib/ as in the compiled dist/). */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');
