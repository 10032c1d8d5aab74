/** The actions the admin area records, for the audit page's filter suggestions and labels. */
export const ADMIN_AUDIT_ACTIONS = [
  "shared.create",
  "shared.update",
  "shared.delete",
  "delegation.grant",
  "delegation.revoke",
  "delegation.automap",
  "user.create",
  "user.resetPassword",
  "user.suspend",
  "user.reactivate",
  "user.delete",
  "user.endSessions",
  "org.pool",
  "alias.add",
  "alias.remove",
] as const;
