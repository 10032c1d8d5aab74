import type { Command } from "commander";
import { createDbFromEnv } from "@/db/client";
import { startReceiver } from "@/servers/start";
import { CliError, EXIT } from "../errors";

export function smtpCommands(program: Command): void {
  program
    .command("smtp")
    .description(
      "run the SMTP receiver alone on PostgreSQL (DATABASE_URL); several may run at once, on several machines",
    )
    .action(async () => {
      if (!process.env.DATABASE_URL)
        throw new CliError(
          "the SMTP receiver runs on its own only with PostgreSQL (DATABASE_URL). On the embedded database it " +
            "runs inside the server process, which holds the data: `npm start` or `npm run demo` start it " +
            "(MAILROOM_SMTP_PORT).",
          EXIT.dataDirInUse,
        );
      const handle = createDbFromEnv();
      const receiver = await startReceiver(handle.db);
      if (!receiver) {
        await handle.close();
        throw new CliError("MAILROOM_SMTP_PORT=off: nothing to run");
      }
      // Runs until SIGTERM/SIGINT: the listener stops accepting, transactions in flight end, then the pool closes.
      await new Promise<void>((resolve) => {
        for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => resolve());
      });
      await receiver.stop();
      await handle.close();
    });
}
