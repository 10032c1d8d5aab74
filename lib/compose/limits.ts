/** Limits of the compose form (shared by the server and the form's own checks). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024; // 20 MB for all attachments of one message
export const MAX_RECIPIENTS = 100;
export const MAX_SUBJECT_CHARS = 255;
export const MAX_BODY_CHARS = 500_000;
export const MAX_ADDRESS_FIELD_CHARS = 10_000;
/**
 * The largest request the server reads (compose with its attachments, as multipart form data): the
 * attachments' limit plus room for the text fields. The same figure caps Next.js's proxy body and
 * server-action body (next.config.ts), so a message within MAX_ATTACHMENT_BYTES always arrives
 * whole and one beyond it is answered by the form, with what was typed kept.
 */
export const MAX_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + 5 * 1024 * 1024;
