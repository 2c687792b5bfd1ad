import ExcelJS from 'exceljs';

/** One column of an exported table: its Chinese header and how a row gives its cell. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | null;
  /** Amounts in 元 with two decimals (the record keeps fen; fen ÷ 100 is exact to the cent). */
  yuan?: boolean;
  width?: number;
}

export interface Table<Row> {
  /** The sheet's name and the workbook's title, in Chinese. */
  title: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  /** What a reader needs beside the rows (as of when, for whom, the filters, a formula), on the sheet 说明. */
  notes: readonly [label: string, value: string][];
}

/**
 * An .xlsx workbook of one table, built with exceljs: the table on the first sheet, its header row frozen and
 * bold, so that it opens ready to print or filter in Excel or WPS; the notes on the second sheet 说明.
 */
export async function workbookOf<Row>(table: Table<Row>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'bangfu';
  book.title = table.title;
  const sheet = book.addWorksheet(sheetName(table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    width: column.width ?? Math.max(10, column.header.length * 2 + 4),
    style: column.yuan ? { numFmt: '#,##0.00' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(table.columns.map((column) => cell(column, row)));
  }
  const notes = book.addWorksheet('说明');
  notes.columns = [{ width: 16 }, { width: 100 }];
  notes.addRows(table.notes.map(([label, value]) => [label, value]));
  notes.getColumn(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

function cell<Row>(column: Column<Row>, row: Row): string | number | null {
  const value = column.value(row);
  return column.yuan && typeof value === 'number' ? value / 100 : value;
}

/** Excel refuses sheet names over 31 characters or holding any of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}
