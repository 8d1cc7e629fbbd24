/**
 * XLSX export with exceljs 4.4: the SheetJS `xlsx` package on npm is stuck at 0.18.5 with
 * known advisories (prototype pollution, ReDoS) and no fixes published there, while exceljs is
 * maintained on npm. One sheet per table, header row frozen and bold; numbers stay numbers.
 */
import ExcelJS from "exceljs";
import type { CsvTable } from "./outcome-rows";

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export async function tablesToXlsx(sheets: { name: string; table: CsvTable }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sieve";
  for (const { name, table } of sheets) {
    const sheet = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(table.header.map((h) => (NUMBER.test(row[h] ?? "") ? Number(row[h]) : (row[h] ?? ""))));
    sheet.columns.forEach((column, i) => (column.width = Math.min(40, Math.max(8, table.header[i].length + 2))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
