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

export type PostfixOptions = {
  /**
   * Require SMTP AUTH to relay, checked by the Dovecot auth socket at this path (startDovecotAuth);
   * without it, 127.0.0.0/8 may relay without signing in.
   */
  saslPath?: string;
  /** Domains whose mail goes to another port of 127.0.0.1 than the relay port (e.g. bounces to Mailroom's MX). */
  transports?: Record<string, number>;
  /** Recipients smtpd refuses at RCPT, with the given reply ("550 5.1.1 …"). */
  refuse?: Record<string, string>;
};

/** A Postfix `inline:` table; values with spaces or commas are braced. */
const inline = (entries: Record<string, string>) =>
  `inline:{ ${Object.entries(entries)
    .map(([k, v]) => `{ ${k} = ${v} }`)
    .join(", ")} }`;

/**
 * A throwaway Postfix instance (as root): its own config_directory, queue and data directories in a
 * temporary directory, smtpd on 127.0.0.1:`listenPort`, relaying everything from 127.0.0.1 (or, with
 * `saslPath`, from signed-in clients only) to `[127.0.0.1]:relayPort`. Nothing outside the temporary
 * directory is changed; `stop` removes it.
 */
export async function startPostfix(listenPort: number, relayPort: number, options: PostfixOptions = {}) {
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
      ...(options.saslPath
        ? [
            "smtpd_sasl_auth_enable = yes",
            "smtpd_sasl_type = dovecot",
            `smtpd_sasl_path = ${options.saslPath}`,
            "smtpd_relay_restrictions = permit_sasl_authenticated, reject",
          ]
        : ["smtpd_relay_restrictions = permit_mynetworks, reject"]),
      ...(options.refuse ? [`smtpd_recipient_restrictions = check_recipient_access ${inline(options.refuse)}`] : []),
      ...(options.transports
        ? [
            `transport_maps = ${inline(
              Object.fromEntries(
                Object.entries(options.transports).map(([domain, port]) => [domain, `smtp:[127.0.0.1]:${port}`]),
              ),
            )}`,
          ]
        : []),
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

/**
 * A throwaway Dovecot running only its authentication service (as root), with one user, for
 * Postfix's SMTP AUTH (`smtpd_sasl_type = dovecot`): Postfix has no password store of its own, and
 * Cyrus SASL's sasldb needs `saslpasswd2`, which Debian ships in a separate package. No mail protocol
 * is started; `stop` stops it and removes its temporary directory.
 */
export async function startDovecotAuth(user: string, password: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-dovecot-"));
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, "run"));
  fs.writeFileSync(path.join(dir, "passwd"), `${user}:{PLAIN}${password}\n`);
  const conf = path.join(dir, "dovecot.conf");
  const socket = path.join(dir, "auth");
  fs.writeFileSync(
    conf,
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/run`,
      `log_path = ${dir}/dovecot.log`,
      "protocols =",
      "listen = 127.0.0.1",
      "ssl = no",
      "auth_mechanisms = plain login",
      "disable_plaintext_auth = no",
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/passwd\n}`,
      "userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=/nonexistent\n}",
      `service auth {\n  unix_listener ${socket} {\n    mode = 0666\n  }\n}`,
    ].join("\n") + "\n",
  );
  const log = () =>
    fs.existsSync(path.join(dir, "dovecot.log")) ? fs.readFileSync(path.join(dir, "dovecot.log"), "utf8") : "";
  // The daemon keeps inherited pipes open: start it with none, and read its log on failure.
  const code = await new Promise<number | null>((resolve) =>
    spawn("dovecot", ["-c", conf], { stdio: "ignore" }).on("exit", resolve),
  );
  if (code !== 0) throw new Error(`dovecot did not start (${code}): ${log()}`);
  for (let i = 0; i < 50 && !fs.existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    socket,
    log,
    stop: async () => {
      await run("dovecot", ["-c", conf, "stop"]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
