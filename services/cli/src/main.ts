import { ConfigError, cliEnv, loadConfig } from '@tidal-remedy/config';
import { createLogger } from '@tidal-remedy/log';
import { SecretInvalidError, SecretNotFoundError } from '@tidal-remedy/secrets';
import { ACCOUNT_USAGE, AccountCommandError, accountCommand, parseAccountArgs } from './account-command.js';
import { parseCliArgs, USAGE, UsageError } from './cli-args.js';
import { missingCredentialsMessage } from './credentials-message.js';
import { formatReport } from './format-report.js';
import { progressPrinter } from './progress.js';
import { remedyCommand } from './remedy-command.js';
import { terminalSafe } from './terminal-text.js';
import { UndoCommandError, undoCommand } from './undo-command.js';
import { WATCH_USAGE } from './watch-args.js';
import { WatchCommandError, watchCommand } from './watch-command.js';

/** Exit codes: 0 done, 1 the remedy (or watch command) failed, 2 the command line or environment needs fixing. */
async function main(argv: string[]): Promise<number> {
  const action = argv[0];
  if (action === 'login' || action === 'whoami' || action === 'logout') return account(action, argv.slice(1));
  let command: ReturnType<typeof parseCliArgs>;
  let config: ReturnType<typeof loadConfig<typeof cliEnv>>;
  try {
    command = parseCliArgs(argv);
    config = loadConfig(cliEnv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      const help = argv[0] === 'watch' ? 'pnpm remedy watch --help' : 'pnpm remedy --help';
      process.stderr.write(`${error.message}\n\nRun ${help} for the options.\n`);
      return 2;
    }
    throw error;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'watch') {
    if (command.command.action === 'help') {
      process.stdout.write(`${WATCH_USAGE}\n`);
      return 0;
    }
    try {
      process.stdout.write(await watchCommand(command.command, config));
      return 0;
    } catch (error) {
      if (!(error instanceof WatchCommandError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
  }
  if (command.kind === 'undo') {
    const logger = createLogger({ name: 'remedy', level: 'warn', destination: process.stderr });
    try {
      process.stdout.write(await undoCommand(command.remedyId, { creds: command.creds }, config, logger));
      return 0;
    } catch (error) {
      if (error instanceof SecretNotFoundError) {
        process.stderr.write(`${missingCredentialsMessage(error)}\n`);
        return 2;
      }
      const message =
        error instanceof UndoCommandError ? error.message : `The undo failed: ${(error as Error).message}`;
      process.stderr.write(terminalSafe(`${message}\n`));
      return 1;
    }
  }
  const { options } = command;
  // Logs are for trouble: warnings and errors on stderr, unless LOG_LEVEL asks for more.
  const logger = createLogger({
    name: 'remedy',
    level: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn',
    destination: process.stderr,
  });
  try {
    const quiet = options.json || options.detail === 'quiet';
    const report = await remedyCommand(options, config, logger, quiet ? () => {} : progressPrinter());
    const text = formatReport(report, { columns: process.stdout.columns, detail: options.detail });
    process.stdout.write(
      options.json ? `${JSON.stringify(report, null, 2)}\n` : options.detail === 'quiet' ? text : `\n${text}`,
    );
    return 0;
  } catch (error) {
    // Credentials that cannot be read are the environment's to fix: nothing was tried yet.
    if (error instanceof SecretNotFoundError) {
      process.stderr.write(`${missingCredentialsMessage(error)}\n`);
      return 2;
    }
    if (error instanceof SecretInvalidError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    // A message may quote what TIDAL said, names included.
    process.stderr.write(terminalSafe(`The remedy failed: ${(error as Error).message}\n`));
    logger.debug({ err: error }, 'remedy failed');
    return 1;
  }
}

/** `login`, `whoami`, `logout`: exit 0 done, 1 it failed (nothing written), 2 the command line needs fixing. */
async function account(action: 'login' | 'whoami' | 'logout', argv: string[]): Promise<number> {
  let command: ReturnType<typeof parseAccountArgs>;
  let config: ReturnType<typeof loadConfig<typeof cliEnv>>;
  try {
    command = parseAccountArgs(action, argv);
    config = loadConfig(cliEnv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\nRun pnpm remedy ${action} --help for the options.\n`);
      return 2;
    }
    throw error;
  }
  if (command.action === 'help') {
    process.stdout.write(`${ACCOUNT_USAGE}\n`);
    return 0;
  }
  const logger = createLogger({
    name: 'remedy',
    level: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn',
    destination: process.stderr,
  });
  try {
    await accountCommand(command, config, logger, {
      out: (text) => process.stdout.write(terminalSafe(text)),
      input: command.action === 'login' ? process.stdin : null,
    });
    return 0;
  } catch (error) {
    if (error instanceof SecretNotFoundError || error instanceof SecretInvalidError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof AccountCommandError) {
      process.stderr.write(terminalSafe(`${error.message}\n`));
      return 1;
    }
    process.stderr.write(terminalSafe(`${action} failed: ${(error as Error).message}\n`));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
