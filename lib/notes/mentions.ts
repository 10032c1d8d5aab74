/**
 * Mentions in an internal note: "@marc" (a local part) or "@marc@example.org" (an address). Pure:
 * the words are matched against the mailbox's Full Access delegates by lib/notes/notes.ts.
 */
const MENTION = /(?:^|[\s(,;])@([a-z0-9._%+-]+(?:@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?)/gi;

/** The distinct mentions of a note, lower-cased, without a trailing full stop. */
export function mentionsIn(body: string): string[] {
  const found = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    const word = match[1]!.toLowerCase().replace(/\.+$/, "");
    if (word) found.add(word);
  }
  return [...found];
}

/** Whether a mention names this address: the whole address, or its local part. */
export function mentionNames(mention: string, address: string): boolean {
  const lower = address.toLowerCase();
  return mention.includes("@") ? mention === lower : mention === lower.slice(0, lower.indexOf("@"));
}
