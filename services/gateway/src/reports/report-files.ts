import ExcelJS from 'exceljs';
import type { MonthlyReport, Row } from './monthly-report.js';

/** RFC 4180 field (numbers to 9 decimals: a tenth of a gram of CO2 in tonnes): quoted when it holds a comma, quote or line break. Formula-leading text is prefixed with ' (CSV injection). */
function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1e9) / 1e9) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLine = (row: Row) => row.map(csvField).join(',');

/** The report as CSV (UTF-8 with a BOM so spreadsheet programs read the Chinese names), CRLF lines. */
export function reportCsv(report: MonthlyReport): Buffer {
  const lines = [
    ...report.meta.map(([k, v]) => csvLine([k, v])),
    '',
    csvLine(report.daily.header),
    ...report.daily.rows.map(csvLine),
    csvLine(report.daily.total),
    '',
    csvLine([report.breakdown.title]),
    csvLine(report.breakdown.header),
    ...report.breakdown.rows.map(csvLine),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The report as an Excel workbook: sheets `Report` (what and how), `Daily`, and the breakdown. */
export async function reportXlsx(report: MonthlyReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lingtan';
  const about = book.addWorksheet('Report');
  for (const [k, v] of report.meta) about.addRow([k, v]);
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 60;
  const daily = book.addWorksheet('Daily');
  daily.addRow([...report.daily.header]).font = { bold: true };
  for (const row of report.daily.rows) daily.addRow([...row]);
  daily.addRow([...report.daily.total]).font = { bold: true };
  const breakdown = book.addWorksheet(report.breakdown.title.startsWith('by enterprise') ? 'By enterprise' : 'By meter');
  breakdown.addRow([...report.breakdown.header]).font = { bold: true };
  for (const row of report.breakdown.rows) breakdown.addRow([...row]);
  for (const sheet of [daily, breakdown]) sheet.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await book.xlsx.writeBuffer());
}
