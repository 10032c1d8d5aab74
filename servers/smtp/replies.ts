/** An error reply for smtp-server's callbacks: the basic code, and text starting with the enhanced code. */
export function reply(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

export const REPLIES = {
  unknownUser: () => reply(550, "5.1.1 No such user here"),
  relayDenied: () => reply(550, "5.7.1 Relaying denied: not a domain of this server"),
  mailboxFull: () => reply(452, "4.2.2 Mailbox full, try again later"),
  tooManyRecipients: (max: number) => reply(452, `4.5.3 Too many recipients (at most ${max} per message)`),
  tooBig: (max: number) => reply(552, `5.3.4 Message too big (at most ${max} bytes)`),
  dmarcReject: () => reply(550, "5.7.1 Rejected by the sender domain's DMARC policy"),
  tooManyConnections: () => reply(421, "4.7.0 Too many connections from your address, try again later"),
  localError: () => reply(451, "4.3.0 Temporary local problem, try again later"),
  shuttingDown: () => reply(421, "4.3.2 Server shutting down, try again later"),
};
