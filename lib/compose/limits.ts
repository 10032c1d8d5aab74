/** Limits of the compose form (shared by the server and the form's own checks). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024; // 20 MB for all attachments of one message
export const MAX_RECIPIENTS = 100;
export const MAX_SUBJECT_CHARS = 255;
export const MAX_BODY_CHARS = 500_000;
export const MAX_ADDRESS_FIELD_CHARS = 10_000;
