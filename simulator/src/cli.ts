// `pnpm sim -- <command> [options]`: the simulator's command line.
import { parseArgs } from 'node:util';
import { runCommand, RUN_HELP } from './commands/run.js';
import { registryCommand, REGISTRY_HELP } from './commands/registry.js';
import { loadCommand, LOAD_HELP } from './commands/load.js';
import { recordCommand, RECORD_HELP } from './commands/record.js';
import { replayCommand, REPLAY_HELP } from './commands/replay.js';

const HELP = `Lingtan simulator: stands in for a park's meters.

Usage: pnpm sim -- <command> [options]

Commands:
  run        publish a fleet's telemetry to an MQTT broker
  record     write every message from a broker to a gzip NDJSON file
  replay     publish a recording, in order, with its timing (scaled), optionally re-stamped
  load       publish at a target rate across many meters; report the achieved rate
  registry   write a synthetic park registry (YAML) to stdout

Run 'pnpm sim -- <command> --help' for a command's options.
`;

const COMMANDS: Record<string, { help: string; run: (args: string[]) => Promise<void> }> = {
  run: { help: RUN_HELP, run: runCommand },
  record: { help: RECORD_HELP, run: recordCommand },
  replay: { help: REPLAY_HELP, run: replayCommand },
  load: { help: LOAD_HELP, run: loadCommand },
  registry: { help: REGISTRY_HELP, run: registryCommand },
};

async function main(argv: string[]): Promise<void> {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`unknown command "${name}"\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  const { values } = parseArgs({ args: rest, options: { help: { type: 'boolean', short: 'h' } }, strict: false });
  if (values.help === true) {
    console.log(command.help);
    return;
  }
  await command.run(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`sim: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
