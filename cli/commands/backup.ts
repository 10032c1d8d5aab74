import path from "node:path";
import type { Command } from "commander";
import { backupDatabase, restoreDatabase } from "@/lib/backup/backup";
import { expectedMigrations } from "@/lib/health/readiness";
import { describeDatabase, withDb } from "../database";

const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);
const summary = (counts: Record<string, number>) =>
  `${counts.accounts ?? 0} mailbox(es), ${counts.delegations ?? 0} delegation(s), ` +
  `${counts.messages ?? 0} message(s), ` +
  `${counts.audit_events ?? 0} audit event(s); ${total(counts)} rows in all`;

/** `mailroom backup FILE` and `mailroom restore FILE` (lib/backup). */
export function backupCommands(program: Command): void {
  program
    .command("backup")
    .description(
      "write everything (organisations, accounts, delegations, audit, mail, quotas) to FILE, from one consistent " +
        "snapshot: on PostgreSQL while the server runs",
    )
    .argument("<file>", "the backup file to write (JSON Lines)")
    .action((file: string) =>
      withDb(async (db) => {
        const counts = await backupDatabase(db, path.resolve(file), expectedMigrations());
        console.log(`Backup of the ${describeDatabase()} written to ${file}: ${summary(counts)}.`);
      }),
    );

  program
    .command("restore")
    .description("restore a backup FILE into an empty database (all or nothing)")
    .argument("<file>", "a file written by mailroom backup")
    .action((file: string) =>
      withDb(async (db) => {
        const counts = await restoreDatabase(db, path.resolve(file), expectedMigrations());
        console.log(`Restored into the ${describeDatabase()}: ${summary(counts)}.`);
      }),
    );
}
