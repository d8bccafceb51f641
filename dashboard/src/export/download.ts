/**
 * Exporting what is on screen to XLSX (contract/exports.ts): ask the server through the cookie API
 * client, then hand the file to the browser as a download. The server decides scope and audits; the page
 * only says what went wrong, in Vietnamese.
 */
import type { AnyXlsxRequest, XlsxExportRequest } from '../../../contract/exports.ts';
import { ApiError, apiSendForFile, type ApiOptions } from '../api/client.ts';

export type { AnyXlsxRequest, XlsxExportRequest };

/** The export as a file (Blob) and its name: a tile, table or ranking, or the compliance view. */
export async function fetchXlsx(req: AnyXlsxRequest, o: ApiOptions = {}): Promise<{ blob: Blob; fileName: string }> {
  if (req.kind === 'compliance') {
    const { blob, fileName } = await apiSendForFile('/api/compliance/xlsx', req, o);
    return { blob, fileName: fileName ?? `ioc-compliance-${req.by}.xlsx` };
  }
  const { blob, fileName } = await apiSendForFile('/api/exports/xlsx', req, o);
  return { blob, fileName: fileName ?? `ioc-${req.kind}-${(req.indicator ?? req.group).replace(/[^\w.-]/g, '_')}.xlsx` };
}

/** Saves a file through a temporary object URL and an <a download> (no new window, no page change). */
export function saveFile(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches and saves; resolves to the file name. */
export async function downloadXlsx(req: AnyXlsxRequest, o: ApiOptions = {}): Promise<string> {
  const { blob, fileName } = await fetchXlsx(req, o);
  saveFile(blob, fileName);
  return fileName;
}

/** What a person reads when an export fails. */
export function exportErrorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return 'Phiên đăng nhập đã hết, vui lòng đăng nhập lại';
    if (err.status === 403) return 'Bạn không có quyền xuất số liệu này';
    if (err.status === 404) return 'Chưa có số liệu để xuất';
    if (err.status === 400) return 'Yêu cầu xuất số liệu không hợp lệ';
    return 'Máy chủ chưa xuất được tệp, vui lòng thử lại';
  }
  if (err instanceof DOMException && err.name === 'AbortError') return 'Đã hủy xuất tệp';
  return 'Mất kết nối máy chủ, vui lòng thử lại';
}
