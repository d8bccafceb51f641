/**
 * Small pieces every section of the staff desk uses: a labelled field with its error beside it, a status
 * line, and a confirmation dialog (the native modal <dialog>: focus stays inside, Esc cancels, and the
 * focus starts on "Hủy" so Enter never confirms by accident).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import './admin.css';

export interface FieldProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A label, the control `children` renders with `props` spread on it, a hint and the field's error. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (props: FieldProps) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`adm-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      {hint ? (
        <p className="adm-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="adm-field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A group of checkboxes or radios with its legend and error. */
export function Choices({
  id,
  legend,
  error,
  children,
}: {
  id: string;
  legend: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <fieldset id={id} className={`adm-choices${error ? ' has-error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {children}
      {error ? (
        <p className="adm-field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function FormError({ text, testId }: { text: string | undefined | null; testId?: string }) {
  if (!text) return null;
  return (
    <p className="adm-form-error" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}

export function Notice({ text, onClose }: { text: string | null; onClose: () => void }) {
  if (!text) return null;
  return (
    <div className="adm-notice" role="status" data-testid="admin-notice">
      <span>{text}</span>
      <button type="button" className="adm-button adm-quiet" onClick={onClose} aria-label="Đóng thông báo">
        Đóng
      </button>
    </div>
  );
}

/** Shown while mounted. "Hủy" comes first so it takes the focus; Esc cancels too. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
  testId,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="adm-dialog"
      aria-labelledby="adm-dialog-title"
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id="adm-dialog-title">{title}</h2>
      <div className="adm-dialog-body">{children}</div>
      <FormError text={error} />
      <div className="adm-dialog-actions">
        <button type="button" className="adm-button" onClick={onCancel} disabled={busy}>
          Hủy
        </button>
        <button type="button" className="adm-button adm-danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Đang thực hiện…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** Focus the first field with an error (after a refused submit), by its id; a fieldset: its first control. */
export function focusFirst(ids: readonly string[]): void {
  for (const id of ids) {
    const el = document.getElementById(id);
    if (!el) continue;
    const target = el instanceof HTMLFieldSetElement ? el.querySelector<HTMLElement>('input, select, textarea, button') : el;
    (target ?? el).focus();
    return;
  }
}
