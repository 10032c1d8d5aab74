import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Runs a command without blocking the event loop (the listener under test lives in this process). */
export function run(command: string, args: string[], input?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output += c.toString()));
    child.stderr.on("data", (c) => (output += c.toString()));
    child.on("close", (code) => resolve({ code, output }));
    child.stdin.end(input ?? "");
  });
}

/**
 * A throwaway Postfix instance (as root): its own config_directory, queue and data directories in a
 * temporary directory, smtpd on 127.0.0.1:`listenPort`, relaying everything from 127.0.0.1 to
 * `[127.0.0.1]:relayPort`. Nothing outside the temporary directory is changed; `stop` removes it.
 */
export async function startPostfix(listenPort: number, relayPort: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-postfix-"));
  fs.chmodSync(dir, 0o755);
  const conf = path.join(dir, "conf");
  const data = path.join(dir, "data");
  for (const d of [conf, data, path.join(dir, "queue")]) fs.mkdirSync(d);
  spawnSync("chown", ["postfix", data]);
  fs.writeFileSync(
    path.join(conf, "main.cf"),
    [
      "compatibility_level = 3.6",
      `queue_directory = ${dir}/queue`,
      `data_directory = ${data}`,
      "mail_owner = postfix",
      "setgid_group = postdrop",
      "myhostname = relay.peer.test",
      "mydestination =",
      "inet_interfaces = 127.0.0.1",
      "inet_protocols = ipv4",
      "mynetworks = 127.0.0.0/8",
      "smtpd_relay_restrictions = permit_mynetworks, reject",
      `relayhost = [127.0.0.1]:${relayPort}`,
      "smtp_dns_support_level = disabled",
      "smtp_tls_security_level = none",
      "smtpd_tls_security_level = none",
      "alias_maps =",
      "alias_database =",
      "local_recipient_maps =",
      `maillog_file_prefixes = ${dir}`,
      `maillog_file = ${dir}/maillog`,
    ].join("\n") + "\n",
  );
  // Debian's master.cf, with smtpd on our port and no chroot (the temporary directory has no jail).
  const master = fs
    .readFileSync("/etc/postfix/master.cf.proto", "utf8")
    .split("\n")
    .map((line) => {
      const fields = line.split(/\s+/);
      if (line.startsWith("#") || fields.length < 8) return line;
      if (fields[0] === "smtp" && fields[1] === "inet") fields[0] = `127.0.0.1:${listenPort}`;
      fields[4] = "n";
      return fields.join(" ");
    })
    .join("\n");
  fs.writeFileSync(path.join(conf, "master.cf"), master);
  const started = await run("postfix", ["-c", conf, "start"]);
  const log = () =>
    fs.existsSync(path.join(dir, "maillog")) ? fs.readFileSync(path.join(dir, "maillog"), "utf8") : "";
  if (started.code !== 0) throw new Error(`postfix did not start (${started.code}): ${started.output}\n${log()}`);
  return {
    log,
    stop: async () => {
      await run("postfix", ["-c", conf, "stop"]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
