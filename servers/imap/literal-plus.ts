import { createRequire } from "node:module";
import { PassThrough } from "node:stream";

/**
 * LITERAL+ (RFC 7888): non-synchronising literals `{n+}`, which a client sends without waiting for
 * the server's "+" continuation (an APPEND in one round trip). imap-core's line reader only knows
 * `{n}`; this replaces its `_readValue` with the same reader that also accepts `{n+}`: the line is
 * handed on as `{n}` (so the command parser is unchanged) and flagged, and the "+ Go ahead" that
 * imap-core answers to a literal is not sent for it. A non-synchronising literal the command
 * refuses (over APPENDLIMIT: `NO [TOOBIG]`; over 1 KiB outside APPEND) has been sent anyway: its
 * bytes and the rest of its command line are read and dropped, never taken as commands, and never
 * kept in memory.
 */
const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any */
type Done = (error?: unknown) => void;
type Stream = {
  _remainder: string;
  _literal: PassThrough | false;
  _literalReady: boolean | (() => void);
  _expecting: number;
  _discarding?: boolean;
  _skipLine?: boolean;
  discard: (bytes: number) => void;
  oncommand: (command: Record<string, unknown>, callback: (error?: unknown) => void) => void;
  _readValue: (regex: RegExp, data: string, pos: number, done: Done) => void;
};
const { IMAPStream } = require("@zone-eu/wildduck/imap-core/lib/imap-stream.js") as {
  IMAPStream: { prototype: Stream };
};
const { IMAPCommand } = require("@zone-eu/wildduck/imap-core/lib/imap-command.js") as {
  IMAPCommand: { prototype: { append: (this: any, command: any, callback: Done) => void } };
};
/* eslint-enable @typescript-eslint/no-explicit-any */

const LITERAL = /\{(\d+)(\+?)\}$/;

function readValue(this: Stream, regex: RegExp, data: string, pos: number, done: Done): void {
  if (this._expecting > 0) {
    if (data.length - pos <= 0) return done();
    const literal = this._literal as PassThrough;
    if (data.length - pos >= this._expecting) {
      literal.end(Buffer.from(data.substr(pos, this._expecting), "binary"));
      pos += this._expecting;
      this._expecting = 0;
      this._literal = false;
      // The next line starts after the literal (the line regex is global: it remembers where it was).
      regex.lastIndex = pos;
      if (this._discarding) {
        this._discarding = false;
        this._skipLine = true;
      } else if (this._literalReady) {
        this._literalReady = false;
      } else {
        this._literalReady = readValue.bind(this, /\r?\n/g, data.substr(pos), 0, done);
        return;
      }
    } else {
      literal.write(Buffer.from(data.substr(pos), "binary"), () => done());
      this._expecting -= data.length - pos;
      return;
    }
  }

  const match = regex.exec(data);
  if (!match) {
    this._remainder = pos < data.length ? data.substr(pos) : "";
    return done();
  }
  const line = data.substr(pos, match.index - pos);
  pos += line.length + match[0].length;

  const literal = LITERAL.exec(line);
  if (this._skipLine) {
    // The rest of a refused command whose literal was dropped; a further `{n+}` on it is dropped too.
    this._skipLine = false;
    if (literal?.[2]) this.discard(Number(literal[1]));
    return readValue.call(this, regex, data, pos, done);
  }
  if (literal) {
    const nonSync = literal[2] === "+";
    this._expecting = Number(literal[1]);
    this._literal = new PassThrough();
    this.oncommand(
      {
        value: nonSync ? `${line.slice(0, -literal[0].length)}{${literal[1]}}` : line,
        final: false,
        expecting: this._expecting,
        literal: this._literal,
        literalPlus: nonSync,
        readyCallback: () => {
          const next = this._literalReady;
          if (typeof next === "function") {
            this._literalReady = false;
            next();
          } else {
            this._literalReady = true;
          }
        },
      },
      (error) => {
        if (error) {
          this._literal = false;
          this._literalReady = false;
          if (nonSync && this._expecting > 0) this.discard(this._expecting);
          else this._expecting = 0;
        }
        setImmediate(() => readValue.call(this, regex, data, pos, done));
      },
    );
    return;
  }
  this.oncommand({ value: line, final: true }, () => readValue.call(this, regex, data, pos, done));
}

/** Reads and drops the next `bytes` bytes (a refused non-synchronising literal). */
function discard(this: Stream, bytes: number) {
  const sink = new PassThrough();
  sink.resume();
  this._literal = sink;
  this._expecting = bytes;
  this._discarding = true;
  this._literalReady = false;
}

let installed = false;

/** Teaches imap-core's reader `{n+}`; call once before the server accepts connections. */
export function installLiteralPlus(): void {
  if (installed) return;
  installed = true;
  const proto = IMAPStream.prototype;
  proto.discard = discard;
  proto._readValue = readValue;
  const append = IMAPCommand.prototype.append;
  IMAPCommand.prototype.append = function (command, callback) {
    if (!command?.literalPlus) return append.call(this, command, callback);
    // The client does not wait for a continuation: imap-core's "+ Go ahead" is not sent.
    const connection = this.connection;
    const send = connection.send;
    connection.send = function (payload: unknown, ...rest: unknown[]) {
      if (payload === "+ Go ahead") return;
      return send.call(this, payload, ...rest);
    };
    try {
      return append.call(this, command, callback);
    } finally {
      connection.send = send;
    }
  };
}
