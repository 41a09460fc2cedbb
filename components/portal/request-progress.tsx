import { LocalTime } from '@/components/ui/local-time';
import { expectationWords, PROGRESS_STEPS, type RequestOutlook } from '@/lib/progress/outlook';

/**
 * Where a request is in the pipeline (received → being looked at → being fixed → waiting for your
 * confirmation), what happens next and when to expect an answer; for an exception, its updates.
 * Plain props (lib/progress `requestOutlook`), so the portal's and a guest's request page share it.
 */
export function RequestProgress({ outlook }: { outlook: RequestOutlook }) {
  const { position, updates } = outlook;
  const words = expectationWords(outlook.expectation);
  return (
    <section aria-labelledby="progress-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="progress-heading" className="text-sm font-semibold text-slate-800">
        Progress
      </h2>
      <ol className="mt-3 grid gap-2 sm:grid-cols-4" aria-label="Steps of your request">
        {PROGRESS_STEPS.map((step, i) => {
          const current = i === position.current;
          const done = i < position.current;
          return (
            <li
              key={step.key}
              aria-current={current ? 'step' : undefined}
              className={`flex items-center gap-2 rounded-md border px-3 py-2 text-sm ${
                current
                  ? 'border-brand-600 bg-brand-50 font-semibold text-brand-700'
                  : done
                    ? 'border-slate-200 text-slate-700'
                    : 'border-dashed border-slate-300 text-slate-600'
              }`}
            >
              <span
                aria-hidden="true"
                className={`inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs ${
                  current ? 'bg-brand-700 text-white' : done ? 'bg-slate-700 text-white' : 'bg-slate-100 text-slate-700'
                }`}
              >
                {done ? '✓' : i + 1}
              </span>
              <span>
                {step.label}
                {done ? <span className="sr-only"> (done)</span> : null}
                {current ? <span className="sr-only"> (current step)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
      {position.done ? <p className="mt-3 text-sm font-medium text-slate-800">Done: this request is closed.</p> : null}
      <h3 className="mt-4 text-sm font-semibold text-slate-800">What happens next</h3>
      <p className="mt-1 text-sm text-slate-700">{position.next}</p>
      {words ? (
        <p className="mt-2 text-sm font-medium text-slate-800">
          {words.before}
          {words.at ? <LocalTime value={words.at} /> : null}
          {words.after}
        </p>
      ) : null}
      {updates && updates.length > 0 ? (
        <>
          <h3 className="mt-4 text-sm font-semibold text-slate-800">
            Updates on {outlook.cern ? `exception ${outlook.cern}` : 'your request'}
          </h3>
          <ul className="mt-1 space-y-1 text-sm text-slate-700">
            {updates.map((u) => (
              <li key={`${new Date(u.at).toISOString()}-${u.text}`}>
                <span className="text-slate-600">
                  <LocalTime value={u.at} />
                </span>
                {' — '}
                {u.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
