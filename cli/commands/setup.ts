import type { Command } from "commander";
import { GIB } from "@/db/schema";
import { createAdmin, createUserMailbox, listMailboxes } from "@/lib/setup/accounts";
import { createOrganization, listOrganizations } from "@/lib/setup/organizations";
import { parseSize } from "@/lib/setup/sizes";
import { describeDatabase, withDb } from "../database";
import { CliError } from "../errors";
import { bytes, table } from "../format";
import { readNewPassword } from "../password";

export function sizeOption(value: string): number {
  const size = parseSize(value);
  if (size === null || size <= 0) throw new CliError(`not a size: ${value} (examples: 10GiB, 500MB, 2G)`);
  return size;
}

function percentOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new CliError(`not a percentage from 1 to 100: ${value}`);
  return n;
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean),
];

export function setupCommands(program: Command): void {
  program
    .command("migrate")
    .description("apply pending database migrations (every command also does this first)")
    .action(() =>
      withDb(async () => {
        console.log(`Migrations applied (${describeDatabase()}).`);
      }),
    );

  const org = program.command("org").description("organisations: create, list");
  org
    .command("create")
    .description("create an organisation with its mail domains and shared-quota pool")
    .requiredOption("--name <name>", "organisation name")
    .requiredOption("--domain <domain...>", "mail domain(s); repeat or separate with commas", collect)
    .option(
      "--pool-rule <rule>",
      'shared-quota pool: "fixed" (the pool size in all) or "per_user" (the pool size per user mailbox)',
      "fixed",
    )
    .option("--pool-size <size>", "pool size, e.g. 500GB (default: 10GiB)", sizeOption)
    .option("--warn <percent>", "quota warning threshold", percentOption, 90)
    .option("--send-block <percent>", "no sending above this share of the quota", percentOption, 95)
    .option("--receive-block <percent>", "no receiving above this share of the quota", percentOption, 100)
    .action(
      (o: {
        name: string;
        domain: string[];
        poolRule: string;
        poolSize?: number;
        warn: number;
        sendBlock: number;
        receiveBlock: number;
      }) =>
        withDb(async (db) => {
          if (o.poolRule !== "fixed" && o.poolRule !== "per_user")
            throw new CliError(`--pool-rule must be "fixed" or "per_user", not ${o.poolRule}`);
          const created = await createOrganization(db, {
            name: o.name,
            domains: o.domain,
            poolRule: o.poolRule,
            poolBytes: o.poolSize ?? 10 * GIB,
            warnPercent: o.warn,
            sendBlockPercent: o.sendBlock,
            receiveBlockPercent: o.receiveBlock,
          });
          console.log(`Organisation created: ${created.name} (${created.domains.join(", ")}), id ${created.id}`);
          console.log(
            `Next: mailroom admin create --org ${created.domains[0]} --address admin@${created.domains[0]} --name "…"`,
          );
        }),
    );
  org
    .command("list")
    .description("list organisations with their domains and mailbox counts")
    .action(() =>
      withDb(async (db) => {
        const rows = await listOrganizations(db);
        if (!rows.length) return console.log("No organisation yet: create one with `mailroom org create`.");
        console.log(
          table(
            ["id", "name", "domains", "pool", "users", "admins", "shared"],
            rows.map((r) => [
              r.id,
              r.name,
              r.domains.join(", "),
              `${bytes(r.poolBytes)}${r.poolRule === "per_user" ? " per user" : ""}`,
              String(r.users),
              String(r.admins),
              String(r.shared),
            ]),
          ),
        );
      }),
    );

  program
    .command("admin")
    .description("admins")
    .command("create")
    .description("create an admin user mailbox; the password is asked (no echo) or read from standard input")
    .requiredOption("--org <id-or-domain>", "the organisation, by id or by one of its domains")
    .requiredOption("--address <address>", "the admin's address, in one of the organisation's domains")
    .requiredOption("--name <display name>", "the admin's display name")
    .option("--quota <size>", "mailbox quota (default: 2GiB)", sizeOption)
    .action((o: { org: string; address: string; name: string; quota?: number }) =>
      withDb(async (db) => {
        const password = await readNewPassword();
        const account = await createAdmin(db, {
          organization: o.org,
          address: o.address,
          displayName: o.name,
          password,
          quotaBytes: o.quota ?? 2 * GIB,
        });
        console.log(`Admin created: ${account.address}. Sign in at /login, then open /admin.`);
      }),
    );

  program
    .command("user")
    .description("user mailboxes")
    .command("create")
    .description("create a user mailbox; the password is asked (no echo) or read from standard input")
    .requiredOption("--org <id-or-domain>", "the organisation, by id or by one of its domains")
    .requiredOption("--address <address>", "the user's address, in one of the organisation's domains")
    .requiredOption("--name <display name>", "the user's display name")
    .option("--quota <size>", "mailbox quota (default: 2GiB)", sizeOption)
    .option("--admin", "make the user an admin of the organisation")
    .action((o: { org: string; address: string; name: string; quota?: number; admin?: boolean }) =>
      withDb(async (db) => {
        const password = await readNewPassword();
        const input = { organization: o.org, address: o.address, displayName: o.name, password };
        const account = await createUserMailbox(
          db,
          { ...input, quotaBytes: o.quota ?? 2 * GIB },
          o.admin ? "admin" : "user",
        );
        console.log(`User mailbox created: ${account.address}${o.admin ? " (admin)" : ""}. Sign in at /login.`);
      }),
    );

  program
    .command("mailbox")
    .description("mailboxes")
    .command("list")
    .description("list mailboxes (user and shared) with their quota use")
    .option("--org <id-or-domain>", "only this organisation")
    .action((o: { org?: string }) =>
      withDb(async (db) => {
        const rows = await listMailboxes(db, o.org);
        if (!rows.length) return console.log("No mailbox.");
        console.log(
          table(
            ["address", "name", "kind", "role", "state", "used", "quota", "organisation"],
            rows.map((r) => [
              r.address,
              r.displayName,
              r.kind === "shared" ? "shared" : "user",
              r.role,
              r.state,
              bytes(r.usedBytes),
              bytes(r.quotaBytes),
              r.organization,
            ]),
          ),
        );
      }),
    );
}
