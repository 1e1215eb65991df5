import { Command, InvalidArgumentError, Option } from 'commander';
import { runAudit } from './audit';
import { FAIL_ON, FailOn, failingFindings, findingsOf } from './findings';
import { formatJson } from './format/json';
import { formatJunit } from './format/junit';
import { formatMarkdown } from './format/markdown';
import { formatSarif } from './format/sarif';
import { formatTable } from './format/table';
import { UsageError } from './UsageError';

const FORMATS = ['table', 'json', 'junit', 'sarif', 'md'] as const;

/** What the command needs from its process; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

function parseInstant(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('expected an ISO date or timestamp such as 2026-11-26T12:00:00Z');
  }
  return date;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function program(io: CliIo): Command {
  return new Command('readiness-audit')
    .description(
      'Runs the readiness checks offline on a manifests directory (one folder per cluster) and catalog files, for CI.',
    )
    .requiredOption('--manifests <dir>', 'manifests directory: <dir>/<cluster>/*.yaml')
    .requiredOption('--catalog <file>', 'catalog file with Component entities (repeatable)', collect)
    .option('--config <file>', "app-config file whose 'readiness' section sets thresholds, platform and exemptions")
    .option('--vault <file>', 'Vault snapshot JSON file (as demo/vault-snapshot.json)')
    .option('--exemptions <file>', 'exemptions file: a list of {entity, check, reason, expires}')
    .addOption(
      new Option('--format <format>', 'output format (md: the platform status report in Markdown)')
        .choices(FORMATS)
        .default('table'),
    )
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a check of this severity or above fails')
        .choices(Object.keys(FAIL_ON))
        .default('critical'),
    )
    .option('--now <instant>', 'measure as of this instant (ISO); default: the current time', parseInstant)
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout.write(text),
      writeErr: text => io.stderr.write(text),
    });
}

/**
 * Runs the command and returns its exit code: 0 when no check fails at `--fail-on`, 1 when one
 * does, 2 for a usage or input error (the message names the flag or file).
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const command = program(io);
  try {
    command.parse(argv, { from: 'user' });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
    return 2;
  }
  const options = command.opts<{
    manifests: string;
    catalog: string[];
    config?: string;
    vault?: string;
    exemptions?: string;
    format: (typeof FORMATS)[number];
    failOn: FailOn;
    now?: Date;
  }>();
  try {
    const report = await runAudit({ ...options, now: options.now ?? new Date() });
    const findings = findingsOf(report);
    const failing = failingFindings(findings, options.failOn);
    const common = { failOn: options.failOn, cwd: io.cwd };
    const colour = Boolean(io.stdout.isTTY) && io.env.NO_COLOR === undefined;
    const text = {
      table: () => formatTable(report, findings, failing, { ...common, colour }),
      json: () => formatJson(report, findings, failing, common),
      junit: () => formatJunit(report, failing, common),
      sarif: () => formatSarif(findings, common),
      md: () => formatMarkdown(report),
    }[options.format]();
    io.stdout.write(text);
    // Problems with an entity (a bad annotation, an exemption running too long) leave that part
    // unapplied; say so on stderr, where it cannot corrupt a machine-readable report.
    for (const service of report.services) {
      for (const error of service.entityErrors) {
        io.stderr.write(`readiness-audit: warning: ${service.entityRef}: ${error}\n`);
      }
    }
    return failing.length ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`readiness-audit: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
