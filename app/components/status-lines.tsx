/** A polite status line for what went right and an assertive alert for what went wrong; both always rendered so screen readers announce changes. */
export function StatusLines({ message, error, testId }: { message: string; error: string; testId?: string }) {
  return (
    <>
      <p role="status" className="text-sm text-brand-700" data-testid={testId}>
        {message}
      </p>
      <p role="alert" className="text-sm text-red-700">
        {error}
      </p>
    </>
  );
}
