/**
 * How long a reply form's sign of life counts, and how often an open form gives one (shared by the
 * server, lib/replies/presence.ts, and the form, components/compose/use-replying-presence.ts).
 */
export const PRESENCE_TTL_MS = 45_000;
export const HEARTBEAT_MS = 15_000;
