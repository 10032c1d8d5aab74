import type { Command } from "commander";
import { describeDatabase, withDb } from "../database";

/**
 * `mailroom imap-backfill`: stores the IMAP ENVELOPE and BODYSTRUCTURE of mail stored before they
 * were kept (migration imap_envelope_bodystructure). Run once after upgrading; idempotent.
 */
export function imapBackfillCommands(program: Command): void {
  program
    .command("imap-backfill")
    .description("store the IMAP envelope and body structure of mail stored before they were kept (run once)")
    .action(() =>
      withDb(async (db) => {
        // Loaded here: the MIME indexer is not needed by the other commands' start-up.
        const { backfillImapSummaries } = await import("@/lib/imap-store/backfill");
        const started = Date.now();
        let last = 0;
        const done = await backfillImapSummaries(db, (n) => {
          if (n - last >= 10_000) {
            last = n;
            console.log(`  ${n.toLocaleString("en")} messages`);
          }
        });
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`${done.toLocaleString("en")} messages updated in ${describeDatabase()} (${seconds} s)`);
      }),
    );
}
