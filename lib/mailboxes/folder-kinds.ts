/**
 * Folder kinds and URL segments: pure (no database, no server-only), so the schema, the domain,
 * the routes and the components all import them from here.
 */
export const FOLDER_KINDS = ["inbox", "drafts", "sent", "deleted", "junk", "archive"] as const;
export type WellKnownFolder = (typeof FOLDER_KINDS)[number];
export type FolderKind = WellKnownFolder | "user";

/** The URL segment of a folder: its kind when well-known, else its id. */
export const folderSegment = (folder: { id: string; kind: FolderKind }) =>
  folder.kind === "user" ? folder.id : folder.kind;

/** The well-known kind a URL segment names, if it names one. */
export const wellKnownKind = (segment: string): WellKnownFolder | undefined => FOLDER_KINDS.find((k) => k === segment);
