/**
 * The machine-readable part of a delivery report (RFC 3464 message/delivery-status), read into
 * fields a reader understands: one group for the message, one per recipient. Pure.
 */
export type DeliveryStatusRecipient = {
  recipient: string;
  action: string;
  status: string;
  diagnostic: string | null;
  remoteMta: string | null;
};

export type DeliveryStatus = {
  reportingMta: string | null;
  arrivalDate: string | null;
  recipients: DeliveryStatusRecipient[];
};

/** "rfc822; a@b" → "a@b" (the type prefix of address and MTA fields). */
const typed = (value: string | undefined) => (value ? value.replace(/^[a-z0-9-]+\s*;\s*/i, "").trim() : null);

function fieldGroups(text: string): Map<string, string>[] {
  const unfolded = text.replace(/\r\n/g, "\n").replace(/\n[ \t]+/g, " ");
  return unfolded
    .split(/\n\s*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      return fields;
    })
    .filter((f) => f.size > 0);
}

export function parseDeliveryStatus(text: string): DeliveryStatus | null {
  const [message, ...perRecipient] = fieldGroups(text);
  if (!message) return null;
  const recipients = perRecipient
    .filter((f) => f.has("final-recipient") || f.has("original-recipient"))
    .map((f) => ({
      recipient: typed(f.get("final-recipient") ?? f.get("original-recipient")) ?? "",
      action: (f.get("action") ?? "").toLowerCase(),
      status: (f.get("status") ?? "").split(/\s/)[0] ?? "",
      diagnostic: typed(f.get("diagnostic-code")),
      remoteMta: typed(f.get("remote-mta")),
    }));
  if (recipients.length === 0) return null;
  return {
    reportingMta: typed(message.get("reporting-mta")),
    arrivalDate: message.get("arrival-date") ?? null,
    recipients,
  };
}

/** The class of a status code: 2 delivered, 4 temporary, 5 permanent (RFC 3463). */
export const statusClass = (status: string): "success" | "temporary" | "permanent" | "unknown" =>
  status.startsWith("2.")
    ? "success"
    : status.startsWith("4.")
      ? "temporary"
      : status.startsWith("5.")
        ? "permanent"
        : "unknown";

/** The body of each part of a multipart message by its boundary, with its header block. */
function partsOf(raw: Buffer, boundary: string): { head: string; body: string }[] {
  return raw
    .toString("utf8")
    .split(`--${boundary}`)
    .flatMap((part) => {
      const split = part.search(/\r?\n\r?\n/);
      return split < 0 ? [] : [{ head: part.slice(0, split), body: part.slice(split).trim() }];
    });
}

/** A multipart/report's boundary from its parsed Content-Type (mailparser's), or null for anything else. */
export function reportBoundary(contentType: unknown): string | null {
  const type = contentType as { value?: string; params?: Record<string, string> } | undefined;
  return type?.value?.toLowerCase() === "multipart/report" && type.params?.boundary ? type.params.boundary : null;
}

/**
 * The status part of a multipart/report (mailparser reads message/delivery-status as text and
 * merges it into the body): found by the report's boundary, its fields read by parseDeliveryStatus.
 */
export function reportStatusPart(raw: Buffer, boundary: string): DeliveryStatus | null {
  for (const { head, body } of partsOf(raw, boundary)) {
    if (!/^content-type:\s*message\/(global-)?delivery-status/im.test(head)) continue;
    if (/^content-transfer-encoding:\s*(base64|quoted-printable)/im.test(head)) return null;
    return parseDeliveryStatus(body);
  }
  return null;
}

/** The Message-ID of the message a report is about: from its returned headers or message part. */
export function reportedMessageId(raw: Buffer, boundary: string): string | null {
  for (const { head, body } of partsOf(raw, boundary)) {
    if (!/^content-type:\s*(text\/rfc822-headers|message\/(global-)?rfc822)/im.test(head)) continue;
    const headers = body.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
    const id = headers.match(/^message-id:\s*(<[^<>\s]+>)/im)?.[1];
    if (id) return id;
  }
  return null;
}
