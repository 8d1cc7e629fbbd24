import nodemailer, { type Transporter } from "nodemailer";
import type { MailConfig } from "@/lib/mail/config";

export type OutgoingMail = { to: string; subject: string; text: string };

const transports = new Map<string, Transporter>();

function transportFor(config: MailConfig): Transporter {
  let transport = transports.get(config.url);
  if (!transport) {
    // nodemailer waits two minutes for a silent server by default; an owner waiting on the
    // members page should hear within seconds that mail is not getting through.
    transport = nodemailer.createTransport(config.url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    transports.set(config.url, transport);
  }
  return transport;
}

/** Sends plain text only: review titles and names go into the body as text, never as HTML. */
export async function sendMail(config: MailConfig, mail: OutgoingMail): Promise<void> {
  await transportFor(config).sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text });
}

/** A send failure as one line for the owner and the log: the server's reply, never the connection URL (it holds the password). */
export function describeSendError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const detail = e.response ?? e.message ?? String(error);
  const code = e.responseCode && !detail.startsWith(String(e.responseCode)) ? e.responseCode : null;
  return [e.code, code, detail].filter(Boolean).join(" ").replace(/smtps?:\/\/[^\s]+/g, "<SMTP_URL>").slice(0, 300);
}
