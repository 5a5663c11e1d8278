/**
 * `purchase-prediction <command>`: a thin layer that parses arguments and calls lib/.
 * Each command lives in lib/commands/<name>.ts and exports `command: Command`; register it below.
 */
import type { Command } from './commands/command';

const COMMANDS: Record<string, () => Promise<Command>> = {
  clean: async () => (await import('./commands/clean')).command,
  features: async () => (await import('./commands/features')).command,
  generate: async () => (await import('./commands/generate')).command,
  models: async () => (await import('./commands/models')).command,
};

function usage(): string {
  const lines = Object.keys(COMMANDS).sort().map((n) => `  ${n}`);
  return `usage: purchase-prediction <command> [options]\ncommands:\n${lines.join('\n')}\n` +
    `run 'purchase-prediction <command> --help' for a command's options`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  return command.run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      // Expected failures (bad input, bad options) print one clear line; set DEBUG=1 for the stack.
      const e = err as Error;
      console.error(`error: ${e.message}`);
      if (process.env.DEBUG) console.error(e.stack);
      process.exit(1);
    },
  );
}
