/**
 * `purchase-prediction <command>`: a thin layer that parses arguments and calls lib/.
 * Each command lives in lib/commands/<name>.ts and exports `command: Command`; register it below.
 */
import type { Command } from './commands/command';

// require (not import()) so the CLI works both under tsx's CommonJS hook (bin/) and plain `tsx lib/cli.ts`;
// each command module is loaded only when it runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (path: string): Command => (require(path) as { command: Command }).command;

const COMMANDS: Record<string, () => Command> = {
  build: () => load('./commands/build'),
  cache: () => load('./commands/cache'),
  calibration: () => load('./commands/calibration'),
  clean: () => load('./commands/clean'),
  evaluate: () => load('./commands/evaluate'),
  features: () => load('./commands/features'),
  generate: () => load('./commands/generate'),
  models: () => load('./commands/models'),
  report: () => load('./commands/report'),
};

function usage(): string {
  const lines = Object.keys(COMMANDS)
    .sort()
    .map((n) => `  ${n}`);
  return (
    `usage: purchase-prediction <command> [options]\ncommands:\n${lines.join('\n')}\n` +
    `run 'purchase-prediction <command> --help' for a command's options`
  );
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const loadCommand = COMMANDS[name];
  if (!loadCommand) {
    console.error(`unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const command = loadCommand();
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
