import { read } from "read";
import { CliError } from "./errors";

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

/**
 * The new password: typed twice at a prompt that does not echo on a terminal, or the first line
 * of standard input otherwise (`printf '%s\n' "$PASSWORD" | mailroom admin create …`). Never argv.
 */
export async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const password = await readStdinLine();
    if (!password) throw new CliError("no password on standard input (give it as the first line)");
    return password;
  }
  const ask = async (prompt: string) => {
    const answer = await read({ prompt, silent: true, replace: "", output: process.stderr });
    process.stderr.write("\n");
    return answer;
  };
  const first = await ask("Password: ");
  const second = await ask("Password again: ");
  if (first !== second) throw new CliError("the two passwords differ");
  return first;
}
