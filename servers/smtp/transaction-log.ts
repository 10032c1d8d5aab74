export type TransactionLog = {
  id?: string;
  client: string;
  helo: string;
  from: string;
  to?: string[];
  size?: number;
  /** Time from the end of DATA to the reply, in ms. */
  ms?: number;
  result: string;
};

const quote = (value: string) => (/^[^\s"=]*$/.test(value) ? value : JSON.stringify(value));

/** One line per transaction: `smtp id=… client=… helo=… from=<…> to=<…>,<…> size=… ms=… result="…"`. */
export function transactionLine(t: TransactionLog): string {
  const parts = [
    "[smtp]",
    `id=${t.id ?? "-"}`,
    `client=${t.client}`,
    `helo=${quote(t.helo || "-")}`,
    `from=<${t.from}>`,
    `to=${(t.to ?? []).map((a) => `<${a}>`).join(",") || "-"}`,
    `size=${t.size ?? "-"}`,
    `ms=${t.ms ?? "-"}`,
    `result=${JSON.stringify(t.result)}`,
  ];
  return parts.join(" ");
}
