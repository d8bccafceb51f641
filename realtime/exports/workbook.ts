/**
 * Writes an ExportTable (table.ts) as an XLSX workbook with exceljs: a head (title, area, period, as-of,
 * who exported and when), then a header row and the figures. Numbers are number cells with an Excel
 * number format (`#,##0.0`): Excel renders the separators of the reader's locale, so a Vietnamese
 * Excel shows 20.443,2 and the figure still sums and sorts. Times are Vietnam wall-clock times.
 */
import type ExcelJS from 'exceljs';
import { vnParts } from '../../contract/vn-time.ts';
import type { Cell, ExportTable } from './table.ts';

/** `#,##0` for counts, `#,##0.0` for one decimal, … */
export function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

export const TIME_FORMAT = 'hh:mm dd/mm/yyyy';

/** An Excel date cell holds wall-clock time without a zone: the Vietnam time of the instant, as if UTC. */
export function vnWallClock(at: Date): Date {
  const p = vnParts(at);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/** `10:05 02/12/2026` in Vietnam time. */
export function vnTimeText(at: Date): string {
  const p = vnParts(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.hour)}:${two(p.minute)} ${two(p.day)}/${two(p.month)}/${p.year}`;
}

export interface WorkbookMeta {
  provinceName: string;
  exportedBy: string;
  exportedAt: Date;
}

export async function writeWorkbook(table: ExportTable, meta: WorkbookMeta): Promise<Buffer> {
  // Loaded on the first export: exceljs is large, and most processes never export.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = meta.provinceName;
  wb.created = meta.exportedAt;
  const ws = wb.addWorksheet('Số liệu', { views: [{ state: 'frozen', ySplit: 0 }] });
  const head: string[] = [
    table.title,
    `Địa bàn: ${table.areaLabel}`,
    ...(table.periodLabel ? [`Kỳ báo cáo: ${table.periodLabel}`] : []),
    `Số liệu tính đến: ${table.asOf ? vnTimeText(table.asOf) : '—'}`,
    ...table.notes,
    `Xuất lúc ${vnTimeText(meta.exportedAt)} bởi ${meta.exportedBy}`,
  ];
  head.forEach((line, i) => {
    const row = ws.addRow([line]);
    if (i === 0) row.font = { bold: true, size: 14 };
  });
  ws.addRow([]);
  const header = ws.addRow(table.columns);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
    c.border = { bottom: { style: 'thin' } };
  });
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  for (const cells of table.rows) {
    const row = ws.addRow(cells.map(cellValue));
    cells.forEach((c, i) => {
      const x = row.getCell(i + 1);
      if (c.kind === 'number') x.numFmt = numberFormat(c.decimals);
      if (c.kind === 'time') x.numFmt = TIME_FORMAT;
    });
  }
  ws.columns.forEach((col, i) => {
    const widest = Math.max(
      String(table.columns[i] ?? '').length,
      ...table.rows.map((r) => (r[i]?.kind === 'text' ? r[i].text.length : r[i]?.kind === 'time' ? 16 : 12)),
    );
    col.width = Math.min(60, Math.max(10, widest + 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellValue(c: Cell): ExcelJS.CellValue {
  switch (c.kind) {
    case 'text':
      return c.text;
    case 'number':
      return c.value;
    case 'time':
      return vnWallClock(c.at);
    case 'empty':
      return null;
  }
}
