import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import type { Attachment } from "@/lib/mime/build-message";
import type { ComposeInput } from "./recipient-fields";
import { MAX_ATTACHMENT_BYTES } from "./limits";
import { loadComposeSource } from "./original-message";

/**
 * The attachments of the message being written: new files, then the kept attachments of the
 * forwarded message or reopened draft (read through the access check). At most
 * MAX_ATTACHMENT_BYTES in total, or a field error.
 */
export async function collectAttachments(
  db: Db,
  actor: Actor,
  input: Pick<ComposeInput, "attachments" | "keep" | "attachFrom">,
): Promise<Attachment[]> {
  const kept: Attachment[] = [];
  if (input.attachFrom && input.keep.length > 0) {
    const source = await loadComposeSource(db, actor, input.attachFrom);
    const wanted = new Set(input.keep);
    for (const a of source.attachments) {
      if (wanted.has(a.index)) kept.push({ filename: a.filename, contentType: a.contentType, content: a.content });
    }
  }
  const total = [...kept.map((a) => a.content.length), ...input.attachments.map((f) => f.size)].reduce(
    (s, n) => s + n,
    0,
  );
  if (total > MAX_ATTACHMENT_BYTES) {
    throw new DomainError("invalid", { attachments: ["attachmentsTooLarge"] }, { attachments: total });
  }
  const uploaded = await Promise.all(
    input.attachments.map(async (f) => ({
      filename: f.name || "attachment",
      contentType: f.type || "application/octet-stream",
      content: Buffer.from(await f.arrayBuffer()),
    })),
  );
  return [...kept, ...uploaded];
}
