import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailConfigFrom } from "@/lib/mail/config";
import { describeSendError, sendMail } from "@/lib/mail/send";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/test/smtp-server";

const PUBLIC = "https://sieve.example.org";

describe("mail settings", () => {
  it("no SMTP_URL means mail is off, not an error", () => {
    expect(mailConfigFrom({})).toBeNull();
    expect(mailConfigFrom({ SMTP_URL: "", SMTP_FROM: "" })).toBeNull();
  });

  it("SMTP_URL needs a sender and the public address, and a bad URL names the variable, not the secret", () => {
    expect(() => mailConfigFrom({ SMTP_URL: "smtp://u:secret@mail.example.org:587", NEXTAUTH_URL: PUBLIC })).toThrow(/SMTP_FROM/);
    expect(() => mailConfigFrom({ SMTP_URL: "smtp://u:secret@mail.example.org:587", SMTP_FROM: "Sieve <s@example.org>" })).toThrow(/NEXTAUTH_URL/);
    let message = "";
    try {
      mailConfigFrom({ SMTP_URL: "http://u:secret@mail.example.org", SMTP_FROM: "s@example.org", NEXTAUTH_URL: PUBLIC });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SMTP_URL must look like/);
    expect(message).not.toContain("secret");
  });

  it("a complete setting gives the URL, sender and public address without a trailing slash", () => {
    expect(mailConfigFrom({ SMTP_URL: "smtps://u:p@mail.example.org:465", SMTP_FROM: "Sieve <s@example.org>", NEXTAUTH_URL: `${PUBLIC}/` })).toEqual({
      url: "smtps://u:p@mail.example.org:465",
      from: "Sieve <s@example.org>",
      publicUrl: PUBLIC,
    });
  });
});

describe("sending through a real SMTP server", () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer({ user: "sieve", password: "mail-pass" });
  });
  afterAll(() => smtp.close());

  it("logs in and delivers a text message with a long link intact", async () => {
    const link = `${PUBLIC}/reset-password?token=${"x".repeat(90)}`;
    await sendMail({ url: smtp.url, from: "Sieve <sieve@example.org>", publicUrl: PUBLIC }, { to: "someone@example.org", subject: "Hello", text: `Use ${link} soon.` });
    const mail = await smtp.waitForMail("someone@example.org");
    expect(mail.from).toBe("sieve@example.org");
    expect(mail.subject).toBe("Hello");
    expect(mail.text).toContain(link);
  });

  it("a wrong password fails with the server's reply and without the URL's secret", async () => {
    const url = smtp.url.replace("mail-pass", "wrong-pass");
    const error = await sendMail({ url, from: "s@example.org", publicUrl: PUBLIC }, { to: "x@example.org", subject: "s", text: "t" }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    const line = describeSendError(error);
    expect(line).toMatch(/EAUTH|535|Invalid/);
    expect(line).not.toContain("wrong-pass");
  });
});
