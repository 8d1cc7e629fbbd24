import type { OutgoingMail } from "@/lib/mail/send";

/** Pure text builders, so the wording is tested without a mail server. */
export function invitationMail(input: { to: string; reviewTitle: string; inviterName: string; link: string; expiresAt: Date }): OutgoingMail {
  return {
    to: input.to,
    subject: `Invitation to the review "${input.reviewTitle}" on Sieve`,
    text: [
      `${input.inviterName} invites you to join the systematic review "${input.reviewTitle}" on Sieve.`,
      "",
      "Create your account with this link (use this e-mail address); you join the review when you sign up:",
      input.link,
      "",
      `The link is valid until ${input.expiresAt.toISOString().slice(0, 10)}. If you did not expect this invitation, ignore this e-mail.`,
    ].join("\n"),
  };
}

export function passwordResetMail(input: { to: string; name: string; link: string; minutes: number }): OutgoingMail {
  return {
    to: input.to,
    subject: "Reset your Sieve password",
    text: [
      `Hello ${input.name},`,
      "",
      "Someone (probably you) asked to reset the password of your Sieve account. Choose a new password with this link:",
      input.link,
      "",
      `The link works once, within ${input.minutes} minutes. If you did not ask for it, ignore this e-mail: your password stays as it is.`,
    ].join("\n"),
  };
}
