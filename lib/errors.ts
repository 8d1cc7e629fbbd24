/** A broken business rule whose message is safe and useful to show the user (e.g. "the last owner cannot be removed"). */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[] | undefined>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
