/**
 * A small "Xuất Excel" button for a tile, a table, a ranking or the compliance view (the tablet and
 * /compliance place it; the wall has no interaction). It downloads the server's XLSX of `request` and
 * says plainly when it cannot.
 */
import { useState } from 'react';
import { downloadXlsx, exportErrorText, type AnyXlsxRequest } from './download.ts';

export interface ExportXlsxButtonProps {
  request: AnyXlsxRequest;
  /** Default `Xuất Excel`. */
  label?: string;
  className?: string;
  /** The page's own button style (the tablet's 48 px `tablet-button`). */
  buttonClassName?: string;
}

export function ExportXlsxButton({ request, label = 'Xuất Excel', className, buttonClassName }: ExportXlsxButtonProps) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const run = async () => {
    setState({ busy: true, error: null });
    try {
      await downloadXlsx(request);
      setState({ busy: false, error: null });
    } catch (err) {
      setState({ busy: false, error: exportErrorText(err) });
    }
  };
  return (
    <span className={className ?? 'export-xlsx'}>
      <button
        type="button"
        className={buttonClassName}
        onClick={() => void run()}
        disabled={state.busy}
        aria-busy={state.busy}
        data-testid="export-xlsx"
      >
        {state.busy ? 'Đang xuất…' : label}
      </button>
      {state.error ? (
        <span role="alert" className="export-xlsx-error">
          {state.error}
        </span>
      ) : null}
    </span>
  );
}
