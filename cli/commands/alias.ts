import type { Command } from "commander";
import { addAliasByAddress, listAliasesByAddress, removeAliasByAddress } from "@/lib/aliases/operator-aliases";
import { withDb } from "../database";
import { table } from "../format";

export function aliasCommands(program: Command): void {
  const alias = program.command("alias").description("extra addresses of a mailbox: add, remove, list (audited)");
  alias
    .command("add")
    .description("give a mailbox (user or shared) an extra address on one of its organisation's domains")
    .argument("<mailbox>", "the mailbox's address, e.g. support@example.org")
    .argument("<alias>", "the extra address, e.g. contact@example.org")
    .action((mailbox: string, address: string) =>
      withDb(async (db) => {
        const row = await addAliasByAddress(db, mailbox, address);
        console.log(`Alias added: ${row.address} → ${mailbox.toLowerCase()}`);
      }),
    );
  alias
    .command("remove")
    .description("remove an alias")
    .argument("<alias>", "the alias's address")
    .action((address: string) =>
      withDb(async (db) => {
        const { mailbox } = await removeAliasByAddress(db, address);
        console.log(`Alias removed: ${address.toLowerCase()} (was ${mailbox})`);
      }),
    );
  alias
    .command("list")
    .description("list aliases, of one mailbox or of all")
    .argument("[mailbox]", "only this mailbox's aliases")
    .action((mailbox?: string) =>
      withDb(async (db) => {
        const rows = await listAliasesByAddress(db, mailbox);
        if (!rows.length) return console.log("No alias.");
        console.log(
          table(
            ["alias", "mailbox"],
            rows.map((r) => [r.alias, r.mailbox]),
          ),
        );
      }),
    );
}
