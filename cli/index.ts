import { Command, CommanderError } from "commander";
import { aliasCommands } from "./commands/alias";
import { mailCommands } from "./commands/mail";
import { setupCommands } from "./commands/setup";
import { smtpCommands } from "./commands/smtp";
import { transferCommands } from "./commands/transfer";
import { backupCommands } from "./commands/backup";
import { imapBackfillCommands } from "./commands/imap-backfill";
import { describeError, EXIT } from "./errors";

/**
 * The `mailroom` command line: set-up (organisations, first admin, migrations), import and
 * export. Run as `npm run mailroom -- <command>`; the database is DATABASE_URL (PostgreSQL) or
 * the embedded one in MAILROOM_DATA_DIR (default ./.data), which must not be open in a server.
 */
const program = new Command()
  .name("mailroom")
  .description(
    "Mailroom operations: set up organisations and users, aliases, import and export mail, back up and restore, " +
      "DKIM keys, and the mail services (SMTP receiver, queue worker, submission).",
  )
  .showHelpAfterError("(add --help for usage)")
  .addHelpText(
    "after",
    `
Database: DATABASE_URL (PostgreSQL) or the embedded database in MAILROOM_DATA_DIR (default ./.data);
stop the server before using the embedded one. Exit codes: 0 done, 1 unexpected error, 2 bad input,
3 database in use, 4 import stopped at the quota, 5 import done with failed messages.`,
  );

setupCommands(program);
transferCommands(program);
aliasCommands(program);
smtpCommands(program);
mailCommands(program);
backupCommands(program);
imapBackfillCommands(program);

function applyExitOverride(command: Command): void {
  command.exitOverride();
  command.commands.forEach(applyExitOverride);
}
applyExitOverride(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (
    error instanceof CommanderError &&
    (error.exitCode === 0 || error.code === "commander.help" || error.code === "commander.helpDisplayed")
  ) {
    process.exitCode = EXIT.ok;
  } else if (error instanceof CommanderError) {
    process.exitCode = EXIT.badInput; // commander has already printed its message
  } else {
    const { message, exitCode } = describeError(error);
    process.stderr.write(`mailroom: ${message}\n`);
    process.exitCode = exitCode;
  }
}
