import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export type ReceivedMail = { from: string; to: string[]; raw: string; subject: string; text: string };

/** RFC 2047 encoded words (=?UTF-8?Q?...?=), which nodemailer uses for subjects with quotes or non-ASCII. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset, kind: string, data: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
    );
}

/** Decodes the one text part nodemailer writes for a text-only message (quoted-printable, base64 or plain). */
export function decodeMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => head.match(new RegExp(`^${name}:\\s*(.*)$`, "im"))?.[1]?.trim() ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "quoted-printable"
      ? Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8")
      : encoding === "base64"
        ? Buffer.from(body, "base64").toString("utf8")
        : body;
  return { subject: decodeWords(header("Subject")), text: text.replace(/\r\n/g, "\n") };
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package, by nodemailer's authors) that keeps
 * what it receives. With `user`/`password` it requires that login; `reject` makes it refuse every
 * recipient, as a misconfigured relay would.
 */
export async function startTestSmtpServer(options: { user?: string; password?: string; reject?: boolean; port?: number } = {}) {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: !options.user,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (options.reject) return callback(Object.assign(new Error("Relaying denied"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw, ...decodeMessage(raw) });
        waiters.splice(0).forEach((wake) => wake());
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const auth = options.user ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.password ?? "")}@` : "";
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    port,
    received,
    /** Resolves with the first message to `to` (waiting for it if need be). */
    async waitForMail(to: string, timeoutMs = 10_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((m) => m.to.includes(to));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No mail to ${to} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestSmtpServer = Awaited<ReturnType<typeof startTestSmtpServer>>;

/**
 * Runs `fn` with SMTP switched on (SMTP_URL, SMTP_FROM and NEXTAUTH_URL set to a fresh test
 * server), then restores the environment. Sieve reads mail settings per call, so this is exactly
 * how a configured server behaves.
 */
export async function withTestSmtp<T>(fn: (smtp: TestSmtpServer) => Promise<T>, options: Parameters<typeof startTestSmtpServer>[0] = {}): Promise<T> {
  const smtp = await startTestSmtpServer(options);
  const saved = { SMTP_URL: process.env.SMTP_URL, SMTP_FROM: process.env.SMTP_FROM, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
  Object.assign(process.env, { SMTP_URL: smtp.url, SMTP_FROM: "Sieve <sieve@example.org>", NEXTAUTH_URL: TEST_PUBLIC_URL });
  try {
    return await fn(smtp);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await smtp.close();
  }
}

export const TEST_PUBLIC_URL = "https://sieve.example.org";
