/** `cache clear`: empty the load cache (the validated events kept from earlier loads). */
import { clearCache, defaultCacheRoot, LOAD_CACHE_ENV } from '../data/loadCache';
import { formatMegabytes } from '../data/progress';
import type { Command } from './command';

const HELP = `usage: purchase-prediction cache clear
Remove every entry of the load cache: the validated events of earlier loads, kept so that the next run on the
same files skips parsing them (folder: $${LOAD_CACHE_ENV}, default .cache/events/ in the repository).
Entries are checked on every use and rebuilt when their files changed, so clearing is only for disk space.`;

export const command: Command = {
  help: HELP,
  async run(argv: string[]): Promise<number> {
    if (argv.length !== 1 || argv[0] !== 'clear') throw new Error(`expected 'cache clear', got 'cache ${argv.join(' ')}'`);
    const cleared = clearCache(defaultCacheRoot());
    console.log(
      `load cache ${cleared.root}: removed ${cleared.entries} entr${cleared.entries === 1 ? 'y' : 'ies'}, ${formatMegabytes(cleared.bytes)} MB`,
    );
    return 0;
  },
};
