// `foresight logs`: log files parsed into templates, the same miner the datasource runs on Loki.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { minedContent } from '../analyzers/logs/content';
import { TemplateMiner } from '../analyzers/logs/miner';
import { detectLevel, parseJsonObject } from '../analyzers/logs/severity';
import { formatOption, numberOption, parseCommandArgs, UsageError } from './args';
import { EXIT_OK, type CliCommand } from './command';
import { formatRows } from './output';

const usage = `foresight logs [options] <file.log>...

Mines the lines of log files into templates. Prints one row per line: file, line number, level,
pattern id and template (the template as it stands after the whole input, so lines of one event
agree). JSON lines are mined on their message and fields.

  --templates           print one row per template instead: pattern id, count, template
  --state <file.json>   start from the templates saved in this file and save them back after,
                        so pattern ids stay the same from run to run (created if missing)
  --similarity <x>      share of tokens a line must share with a template, in (0, 1] (default 0.7)
  --max-templates <n>   templates kept, least recently used evicted first (default 50000)
  --format csv|json     output format (default csv)
`;

function readLines(file: string): string[] {
  let text: string;
  try {
    // Invalid UTF-8 becomes U+FFFD rather than an error: logs are what they are.
    text = (file === '-' ? readFileSync(0) : readFileSync(file)).toString('utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function loadState(file: string, config: Partial<TemplateMiner['config']>): TemplateMiner {
  if (!existsSync(file)) return new TemplateMiner(config);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--state ${file} is not JSON: ${(err as Error).message}`);
  }
  try {
    return TemplateMiner.fromJSON(data);
  } catch (err) {
    throw new UsageError(`--state ${file}: ${(err as Error).message}`);
  }
}

export const logsCommand: CliCommand = {
  summary: 'mine log lines into templates (line -> pattern id, template)',
  usage,
  run(argv, io) {
    const { values, files } = parseCommandArgs(argv, {
      templates: { type: 'boolean' },
      state: { type: 'string' },
      similarity: { type: 'string' },
      'max-templates': { type: 'string' },
    });
    if (values.help) {
      io.out(usage);
      return EXIT_OK;
    }
    if (files.length === 0) throw new UsageError('give at least one log file (or - for standard input)');
    const format = formatOption(values);
    const config: Partial<TemplateMiner['config']> = {};
    const similarity = numberOption(values, 'similarity');
    if (similarity !== undefined) {
      if (!(similarity > 0 && similarity <= 1)) throw new UsageError(`--similarity must be in (0, 1]; got ${similarity}`);
      config.similarity = similarity;
    }
    const maxTemplates = numberOption(values, 'max-templates');
    if (maxTemplates !== undefined) {
      if (!(Number.isInteger(maxTemplates) && maxTemplates >= 1)) throw new UsageError(`--max-templates must be a positive whole number; got ${maxTemplates}`);
      config.maxTemplates = maxTemplates;
    }
    const stateFile = values.state === undefined ? undefined : String(values.state);
    const miner = stateFile ? loadState(stateFile, config) : new TemplateMiner(config);

    const perLine: Array<{ file: string; line: number; level: string; template: ReturnType<TemplateMiner['add']> }> = [];
    for (const file of files) {
      readLines(file).forEach((text, i) => {
        const json = parseJsonObject(text);
        perLine.push({ file, line: i + 1, level: detectLevel(text, json), template: miner.add(minedContent(text, json)) });
      });
    }
    const rows = values.templates
      ? miner
          .templates()
          .sort((a, b) => b.count - a.count)
          .map((t) => ({ pattern: t.id, count: t.count, template: t.tokens.join(' ') }))
      : perLine.map((r) => ({ file: r.file, line: r.line, level: r.level, pattern: r.template.id, template: r.template.tokens.join(' ') }));
    io.out(formatRows(rows, format));
    const stats = miner.stats;
    if (stats.evicted > 0 || stats.truncated > 0) io.err(`foresight logs: ${stats.evicted} templates evicted (cap ${miner.config.maxTemplates}), ${stats.truncated} lines cut to ${miner.config.maxLineChars} characters`);
    if (stateFile) writeFileSync(stateFile, JSON.stringify(miner.toJSON()));
    return EXIT_OK;
  },
};
