import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "../../../db/pglite-extensions";

/**
 * Reads the running server's embedded database through a copy of its data directory (never the
 * directory itself: one process per PGlite directory). Call it while the server is idle.
 */
export async function withDatabaseSnapshot<T>(read: (db: PGlite) => Promise<T>): Promise<T> {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set (playwright.config.ts sets it)");
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-e2e-snapshot-"));
  fs.cpSync(dir, copy, { recursive: true, filter: (src) => path.basename(src) !== "mailroom.lock" });
  const db = new PGlite(copy, { extensions: PGLITE_EXTENSIONS });
  try {
    return await read(db);
  } finally {
    await db.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/** The raw bytes of the copy of a message (by subject) in one folder of one mailbox. */
export async function rawMessage(address: string, folder: string, subject: string): Promise<string> {
  return withDatabaseSnapshot(async (db) => {
    const result = await db.query<{ raw: Uint8Array }>(
      `select c.raw from messages m
         join accounts a on a.id = m.account_id
         join folders f on f.org_id = m.org_id and f.id = m.folder_id
         join message_contents c on c.org_id = m.org_id and c.id = m.content_id
        where a.address = $1 and f.kind = $2 and m.subject = $3
        order by m.received_at desc limit 1`,
      [address, folder, subject],
    );
    const row = result.rows[0];
    if (!row) throw new Error(`no "${subject}" in ${address}/${folder}`);
    return Buffer.from(row.raw).toString("utf8");
  });
}
