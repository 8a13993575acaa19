#!/usr/bin/env node
// `foresight`: Foresight's analyzers on CSV files, outside Grafana. One sub-command per analysis,
// each in its own file; this table lists them.

import { realpathSync } from 'node:fs';
import { anomalyCommand } from './anomaly';
import { UsageError } from './args';
import { capacityCommand } from './capacity';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from './command';
import { CsvError } from './csv';
import { forecastCommand } from './forecast';
import { logsCommand } from './logs';
import { predictCommand } from './predict';
import { riskCommand } from './risk';

export const COMMANDS: Record<string, CliCommand> = {
  forecast: forecastCommand,
  predict: predictCommand,
  anomaly: anomalyCommand,
  capacity: capacityCommand,
  risk: riskCommand,
  logs: logsCommand,
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return `foresight <command> [options] <file.csv>...

Runs Foresight's analyzers on CSV files: a header row, the time in the first column (ISO 8601 or
epoch seconds/milliseconds), one series in each other column. "-" reads standard input.

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

foresight <command> --help shows the command's options.
Exit codes: 0 done, 1 some series could not be analysed (the others are printed), 2 wrong usage or unreadable input.
`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`foresight: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')} (foresight --help)`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`foresight ${name}: ${err.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (err instanceof CsvError) {
      io.err(`foresight ${name}: ${err.message}`);
      return EXIT_USAGE;
    }
    io.err(`foresight ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT_FAILED;
  }
}

const isMain = (() => {
  try {
    return require.main === module || (process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(__filename));
  } catch {
    return false;
  }
})();

if (isMain) {
  const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`) };
  runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
