"use client";
import { createContext, useActionState, useContext, useEffect, useId, useRef, useTransition } from "react";

type Result = { ok: true; data: unknown; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> };

const FieldErrorsContext = createContext<Record<string, string[] | undefined>>({});
const PendingContext = createContext(false);

/**
 * A form bound to a server action returning ActionResult: shows the overall message in a live
 * region and hands field errors to <Field> through context.
 */
export function ActionForm({
  action,
  children,
  className,
  successMessage,
  onSuccess,
  resetOnSuccess = false,
  "aria-label": ariaLabel,
}: {
  action: (input: FormData) => Promise<Result>;
  children: React.ReactNode;
  className?: string;
  successMessage?: string;
  onSuccess?: (data: unknown) => void;
  resetOnSuccess?: boolean;
  "aria-label"?: string;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction] = useActionState(async (_prev: Result | null, formData: FormData) => action(formData), null);
  const [pending, startTransition] = useTransition();
  // Submitting through onSubmit rather than <form action> stops React from resetting the fields,
  // so a rejected form keeps what the person typed.
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }
  // Fire once per result, however often the parent re-renders with a new onSuccess.
  const handled = useRef<Result | null>(null);
  useEffect(() => {
    if (!state?.ok || handled.current === state) return;
    handled.current = state;
    if (resetOnSuccess) formRef.current?.reset();
    onSuccess?.(state.data);
  }, [state, onSuccess, resetOnSuccess]);
  return (
    <form ref={formRef} onSubmit={onSubmit} className={className} aria-label={ariaLabel} aria-busy={pending} noValidate>
      <PendingContext.Provider value={pending}>
        <FieldErrorsContext.Provider value={state && !state.ok ? (state.fieldErrors ?? {}) : {}}>{children}</FieldErrorsContext.Provider>
      </PendingContext.Provider>
      <p aria-live="polite" role="status" className={state?.ok ? "text-sm text-brand-700" : "text-sm text-red-700"}>
        {state ? (state.ok ? (state.message ?? successMessage ?? "") : state.error) : ""}
      </p>
    </form>
  );
}

export function Field({
  name,
  label,
  type = "text",
  defaultValue,
  multiline = false,
  rows = 3,
  hint,
  required,
  autoComplete,
  grow = false,
}: {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string;
  multiline?: boolean;
  rows?: number;
  /** A multiline field that grows with its text instead of clipping it. */
  grow?: boolean;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
}) {
  const id = useId();
  const errors = useContext(FieldErrorsContext)[name];
  const describedBy = `${id}-error${hint ? ` ${id}-hint` : ""}`;
  const common = {
    id,
    name,
    defaultValue,
    required,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": describedBy,
    className: "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600",
  };
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {multiline ? <textarea rows={rows} {...common} className={grow ? `${common.className} [field-sizing:content] min-h-16 max-h-[70vh]` : common.className} /> : <input type={type} autoComplete={autoComplete} {...common} />}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <p id={`${id}-error`} aria-live="polite" className="text-xs text-red-700">
        {errors?.join(" ")}
      </p>
    </div>
  );
}

export function FieldError({ name }: { name: string }) {
  const errors = useContext(FieldErrorsContext)[name];
  return (
    <p aria-live="polite" className="text-xs text-red-700">
      {errors?.join(" ")}
    </p>
  );
}

export function SubmitButton({ children, variant = "primary" }: { children: React.ReactNode; variant?: "primary" | "danger" | "quiet" }) {
  const pending = useContext(PendingContext);
  const styles = {
    primary: "bg-brand-700 text-white hover:bg-brand-800",
    danger: "bg-white text-red-700 border border-red-300 hover:bg-red-50",
    quiet: "bg-white text-slate-700 border border-slate-300 hover:bg-slate-100",
  }[variant];
  return (
    <button type="submit" disabled={pending} className={`rounded px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${styles}`}>
      {pending ? "Working…" : children}
    </button>
  );
}
