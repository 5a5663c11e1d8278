/** A folder's entries, or none when the folder does not exist (any other error is thrown). */
import { readdirSync } from 'node:fs';

/**
 * `readdirSync(dir)`, with a missing folder read as empty: a run that recorded nothing has no folder.
 * @example readdirIfExists('reports/.figures').filter((f) => f.endsWith('.json'))
 */
export function readdirIfExists(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
