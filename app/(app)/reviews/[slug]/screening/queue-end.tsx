/**
 * What shows when no record is on screen: "nothing left" only once the server said so and the last
 * decision is saved, a loading state while the prefetch catches up with fast screening, and a
 * retry after a failed fetch.
 */
export function QueueEnd(props: { saving: boolean; exhausted: boolean; failed: string; checking: boolean; onCheckAgain: () => void }) {
  const { saving, exhausted, failed, checking, onCheckAgain } = props;
  const checkButton = (
    <button type="button" onClick={onCheckAgain} disabled={checking} className="mt-3 rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50">
      {checking ? "Checking…" : "Check again"}
    </button>
  );
  if (failed)
    return (
      <div role="alert" className="rounded border border-red-200 bg-red-50 p-6" data-testid="queue-error">
        <h2 className="font-semibold">The next records could not be loaded.</h2>
        <p className="mt-1 text-sm text-slate-700">{failed}</p>
        {checkButton}
      </div>
    );
  // The last decision's answer says whether anything is left, so "nothing left" waits for it.
  if (saving)
    return (
      <div className="rounded border border-slate-200 bg-white p-6" data-testid="queue-saving" aria-busy="true">
        <h2 className="font-semibold">Saving your last decision…</h2>
        <p className="mt-1 text-sm text-slate-600">Please keep this page open until it is saved.</p>
      </div>
    );
  if (!exhausted)
    return (
      <div className="rounded border border-slate-200 bg-white p-6" data-testid="queue-loading" aria-busy="true">
        <h2 className="font-semibold">Loading the next record…</h2>
      </div>
    );
  return (
    <div className="rounded border border-slate-200 bg-white p-6" data-testid="queue-empty">
      <h2 className="font-semibold">Nothing left for you to screen here.</h2>
      <p className="mt-1 text-sm text-slate-600">
        Records still waiting are with colleagues or the adjudicator; this page checks again every 30 seconds. Press ← to look back at your decisions.
      </p>
      {checkButton}
    </div>
  );
}
