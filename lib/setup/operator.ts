import "server-only";

/** How the command line appears in the audit trail: the operator of the installation, no account. */
export const OPERATOR = { id: null, address: "command line" } as const;
