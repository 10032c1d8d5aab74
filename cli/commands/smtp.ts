import type { Command } from "commander";
import { createDbFromEnv } from "@/db/client";
import { startImapListener, startReceiver } from "@/servers/start";
import { CliError, EXIT } from "../errors";

const DOORS = {
  smtp: { what: "the SMTP receiver", env: "MAILROOM_SMTP_PORT" },
  imap: { what: "the IMAP listener", env: "MAILROOM_IMAP_PORT" },
} as const;

function doorCommand(program: Command, door: keyof typeof DOORS): void {
  const { what, env } = DOORS[door];
  program
    .command(door)
    .description(`run ${what} alone on PostgreSQL (DATABASE_URL); several may run at once, on several machines`)
    .action(async () => {
      if (!process.env.DATABASE_URL)
        throw new CliError(
          `${what} runs on its own only with PostgreSQL (DATABASE_URL). On the embedded database it ` +
            "runs inside the server process, which holds the data: `npm start` or `npm run demo` start it " +
            `(${env}).`,
          EXIT.dataDirInUse,
        );
      const handle = createDbFromEnv();
      const service = await (door === "smtp" ? startReceiver(handle) : startImapListener(handle));
      if (!service) {
        await handle.close();
        throw new CliError(`${env}=off: nothing to run`);
      }
      // Runs until SIGTERM/SIGINT: the listener stops accepting, transactions in flight end, then the pool closes.
      await new Promise<void>((resolve) => {
        for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => resolve());
      });
      await service.stop();
      await handle.close();
    });
}

export function smtpCommands(program: Command): void {
  doorCommand(program, "smtp");
  doorCommand(program, "imap");
}
