import "server-only";
import { and, asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { flagsOf, type FlagState } from "./flags";
import { chunks, flagColumns, inFolder, open, UID_CHUNK, uidIn, type UidFlags } from "./messages";

/**
 * The current UID and flags of the named messages of a folder (access-checked, as every command):
 * what an IDLE-ing session reads when a change notification names them. A UID absent from the
 * answer is gone from the folder (expunged or moved away). Cost: the changed rows, not the folder.
 */
export async function changedMessages(db: Db, actor: Actor, path: string, uids: number[]): Promise<UidFlags[]> {
  const opened = await open(db, actor, path);
  const out: UidFlags[] = [];
  for (const part of chunks(
    [...new Set(uids)].sort((a, b) => a - b),
    UID_CHUNK,
  )) {
    const rows = await db
      .select(flagColumns(opened, actor))
      .from(messages)
      .where(and(inFolder(opened), uidIn(part)))
      .orderBy(asc(messages.uid));
    for (const r of rows) out.push({ uid: r.uid, flags: flagsOf(r as FlagState) });
  }
  return out;
}
