// The shape of a `foresight` sub-command, so that each lives in its own file and main.ts lists them.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  /** One line for the command list. */
  summary: string;
  /** The full help text of the command. */
  usage: string;
  /** Exit code: 0 done, 1 some input could not be analysed, 2 the command was called wrongly. */
  run(argv: string[], io: CliIo): number | Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
