import type { Command } from "commander";
import { dkimRecordValue, generateDkimKey } from "@/lib/dkim/keys";
import { startAutomationWorker } from "@/lib/automation/worker";
import { reindexSearchVectors } from "@/lib/messages/reindex";
import { startOutboundWorker } from "@/lib/outbound/worker";
import {
  startSubmission,
  submissionOptionsFromEnv,
  type RunningSubmission,
  type SubmissionOptions,
} from "@/servers/submission/server";
import { withDb } from "../database";
import { CliError } from "../errors";

/** Runs until SIGTERM or SIGINT, then lets `stop` finish what is in flight. */
function untilSignal(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      void stop().then(resolve);
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
}

export function mailCommands(program: Command): void {
  const dkim = program.command("dkim").description("DKIM keys that sign outbound mail");
  dkim
    .command("generate")
    .description("make a new DKIM key for a mail domain (replaces its key) and print the DNS record to publish")
    .requiredOption("--domain <domain>", "a mail domain of this installation")
    .action((o: { domain: string }) =>
      withDb(async (db) => {
        const key = await generateDkimKey(db, o.domain);
        console.log(`DKIM key for ${key.domain}, selector ${key.selector}. Publish this TXT record:`);
        console.log(`${key.selector}._domainkey.${key.domain}. IN TXT "${dkimRecordValue(key)}"`);
      }),
    );

  program
    .command("reindex")
    .description(
      "rebuild the search index of messages stored when search read only a body's first 20,000 characters " +
        "(contents over 20,000 bytes), in batches; safe to stop and run again",
    )
    .option("--batch <n>", "contents per transaction", "50")
    .action((o: { batch: string }) =>
      withDb(async (db) => {
        const batch = Number(o.batch);
        if (!Number.isInteger(batch) || batch < 1 || batch > 1000)
          throw new CliError("--batch: a number from 1 to 1000");
        const done = await reindexSearchVectors(db, {
          batch,
          onBatch: (p) => process.stderr.write(`\r${p.contents} contents, ${p.messages} messages reindexed`),
        });
        process.stderr.write("\n");
        console.log(`Reindexed ${done.messages} messages (${done.contents} contents over 20,000 bytes).`);
      }),
    );

  program
    .command("worker")
    .description(
      "deliver the outbound queue and send automatic replies and rule forwards (several may run at once on " +
        "PostgreSQL); stops on SIGTERM",
    )
    .action(() =>
      withDb(async (db) => {
        const worker = startOutboundWorker(db);
        const automation = startAutomationWorker(db);
        console.log(`[mailroom] outbound worker running (pid ${process.pid})`);
        await untilSignal(() => Promise.all([worker.stop(), automation.stop()]).then(() => {}));
        console.log("[mailroom] outbound worker stopped");
      }),
    );

  program
    .command("submission")
    .description(
      "the SMTP submission listeners for mail clients (MAILROOM_SUBMISSION_PORT, MAILROOM_SUBMISSIONS_PORT); " +
        "stop on SIGTERM",
    )
    .action(() =>
      withDb(async (db) => {
        let listeners: SubmissionOptions[];
        try {
          listeners = submissionOptionsFromEnv();
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        if (listeners.length === 0) {
          throw new CliError("set MAILROOM_SUBMISSION_PORT (587) and/or MAILROOM_SUBMISSIONS_PORT (465)");
        }
        const running: RunningSubmission[] = [];
        for (const options of listeners) {
          const r = await startSubmission(db, options);
          running.push(r);
          console.log(`[mailroom] submission listening on port ${r.port} (TLS: ${options.tls})`);
        }
        await untilSignal(() => Promise.all(running.map((r) => r.close())).then(() => undefined));
      }),
    );
}
