/** A native modal dialog (focus stays inside, Esc closes) for the workspace's publish and conflict steps. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal({
  title,
  testId,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
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
      className="adm-dialog ws-dialog"
      aria-labelledby={`${testId}-title`}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${testId}-title`}>{title}</h2>
      <div className="adm-dialog-body">{children}</div>
    </dialog>
  );
}
