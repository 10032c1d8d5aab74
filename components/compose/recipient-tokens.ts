import { formatMailbox } from "@/lib/mime/format-address";

const SEPARATOR = /[,;]/;

/** The address being typed: what follows the last comma or semicolon. */
export function currentToken(value: string): { head: string; token: string } {
  let cut = -1;
  for (let i = value.length - 1; i >= 0; i--) {
    if (SEPARATOR.test(value[i]!)) {
      cut = i;
      break;
    }
  }
  return { head: value.slice(0, cut + 1), token: value.slice(cut + 1).trim() };
}

/** The addresses already written before the one being typed (not suggested again). */
export const chosenAddresses = (head: string) => new Set(head.toLowerCase().match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []);

/** The field's text once a suggestion replaces the address being typed. */
export function withPicked(value: string, picked: { name: string; address: string }): string {
  const { head } = currentToken(value);
  return `${head}${head ? " " : ""}${formatMailbox(picked)}, `;
}
