import type { AddressInfo } from "node:net";
import PostalMime from "postal-mime";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

/**
 * A real SMTP server (smtp-server) on 127.0.0.1, port 0, for tests: every accepted message is parsed with
 * postal-mime. Faults are scriptable: refuse connections (421 greeting), answer 4xx to the next N
 * messages, or hang (accept the TCP connection and never greet) for T ms, then recover.
 */
export type ReceivedMail = {
  envelope: { from: string; to: string[] };
  from?: { name: string; address: string };
  to: { name: string; address: string }[];
  subject: string;
  text: string;
  html: string;
  /** Lowercased header name → unfolded values (several for repeated headers). */
  headers: Map<string, string[]>;
  messageId: string;
  raw: string;
};

export type SmtpPeer = {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** TCP connections accepted so far (pooling keeps this small). */
  connections(): number;
  /** Refuse the next N connections with a 421 greeting. */
  refuseConnections(n: number): void;
  /** Answer the next N messages (DATA) with a 4xx reply. */
  failNext(n: number, code?: number): void;
  /** For the next `ms`, new connections get no greeting at all. */
  hang(ms: number): void;
  /** Resolves once `count` messages have been received. */
  waitFor(count: number): Promise<void>;
  stop(): Promise<void>;
};

export type SmtpPeerOptions = { parse?: boolean };

export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const parse = options.parse ?? true;
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const hangTimers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let refuse = 0;
  let fail = 0;
  let failCode = 451;
  let hangUntil = 0;

  const fault = (message: string, responseCode: number) =>
    Object.assign(new Error(message), { responseCode });

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session: SMTPServerSession, callback: (err?: Error | null) => void) {
      connections++;
      if (refuse > 0) {
        refuse--;
        return callback(fault("Service not available, try again later", 421));
      }
      const wait = hangUntil - Date.now();
      if (wait > 0) {
        const timer = setTimeout(() => {
          hangTimers.delete(timer);
          callback();
        }, wait);
        hangTimers.add(timer);
        return;
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (fail > 0) {
          fail--;
          return callback(fault("Temporary failure, try again later", failCode));
        }
        const raw = Buffer.concat(chunks);
        void record(raw, session).then(() => callback(), callback);
      });
    },
  });

  async function record(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const envelope = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
      to: session.envelope.rcptTo.map((r) => r.address),
    };
    received.push(parse ? await parseMail(raw, envelope) : bare(raw, envelope));
    for (const w of waiters.filter((w) => received.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  }

  // A client killed mid-session (the crash test SIGKILLs the server) resets its connection: expected, not fatal.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    connections: () => connections,
    refuseConnections(n) {
      refuse = n;
    },
    failNext(n, code = 451) {
      fail = n;
      failCode = code;
    },
    hang(ms) {
      hangUntil = Date.now() + ms;
    },
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const t of hangTimers) clearTimeout(t);
        server.close(() => resolve());
      }),
  };
}

async function parseMail(raw: Buffer, envelope: ReceivedMail["envelope"]): Promise<ReceivedMail> {
  const mail = await PostalMime.parse(raw);
  const headers = new Map<string, string[]>();
  for (const h of mail.headers) headers.set(h.key, [...(headers.get(h.key) ?? []), h.value]);
  const addr = (a: { name?: string; address?: string }) => ({ name: a.name ?? "", address: a.address ?? "" });
  return {
    envelope,
    ...(mail.from ? { from: addr(mail.from as { name?: string; address?: string }) } : {}),
    to: (mail.to ?? []).map((a) => addr(a as { name?: string; address?: string })),
    subject: mail.subject ?? "",
    text: mail.text ?? "",
    html: mail.html ?? "",
    headers,
    messageId: mail.messageId ?? "",
    raw: raw.toString("utf8"),
  };
}

/** Benchmarks skip MIME parsing so the peer does not become the bottleneck; only the Message-ID is read. */
function bare(raw: Buffer, envelope: ReceivedMail["envelope"]): ReceivedMail {
  const text = raw.toString("utf8");
  const messageId = /^message-id:\s*(.+)$/im.exec(text)?.[1]?.trim() ?? "";
  return { envelope, to: [], subject: "", text: "", html: "", headers: new Map(), messageId, raw: "" };
}
