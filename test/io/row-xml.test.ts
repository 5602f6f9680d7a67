/**
 * The lean data-row writer (io/write/xlsx/row-xml.ts) must write what exceljs writes, byte for byte: the same sheet
 * written once with it and once through exceljs's rows (RowXml.of → null, the fallback) gives identical files.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RowXml } from '../../io/write/xlsx/row-xml';
import { SheetWriter } from '../../io/write/xlsx/sheet-writer';
import { stampedWorkbookWriter } from '../../io/write/xlsx/workbook';
import { col, type Value } from '../../io/write/xlsx/widths';
import { EMPTY_STYLE } from '../../io/write/xlsx/styles';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'row-xml-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROWS: Value[][] = [
  ['云峰镇', 1, '桃花源景区提升工程', 8800, 0.9826568265682657, -0.05, '红', null, '主体完工\n正在装修，第二行很长很长很长很长很长很长很长很长很长很长很长很长很长很长'],
  ['A&B <c> "d" \'e\'', 0, '=SUM(A1)', -0, 1e21, 0.1 + 0.2, '黄', 123456789.125, null],
  ['ctrl\u0001char\u0008s\ttab', -12.5, null, null, null, null, null, null, null],
  [null, null, null, null, null, null, null, null, null],
  ['', 3, '  ', 1 / 3, -1e-7, 2 ** 53, '绿', Number.NaN, Number.POSITIVE_INFINITY],
];

async function write(file: string): Promise<Buffer> {
  const wb = stampedWorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false }, new Date(Date.UTC(2015, 9, 31)));
  const cols = [
    col('乡镇', 'center', 8, 12),
    col('序号', 'int', 5),
    col('项目名称', 'wrap', 14, 26),
    col('总投资（万元）', 'amount', 10, 13),
    col('完成率', 'pct', 8),
    col('与序时差', 'gap', 7),
    col('灯', 'light', 5),
    col('较上周', 'delta', 9, 12),
    col('存在问题', 'wrap', 12, 28),
  ];
  const s = new SheetWriter(wb, { name: '项目明细', title: '标题', subtitle: '副标题', unitNote: '单位：万元', cols, sizingRows: ROWS, footerLeft: '页脚', xSplit: 2 });
  await s.lightRows(ROWS, 7, '无');
  s.wideRow('小节', EMPTY_STYLE, 20);
  await s.dataRows(ROWS.slice(0, 2), 'total');
  s.dataRow(['短行', 1, null], 'body', 3);
  s.note('注：一条说明');
  s.commit();
  await wb.commit();
  return fs.readFileSync(file);
}

test('lean rows and exceljs rows give the same workbook, byte for byte', async () => {
  const lean = await write(path.join(dir, 'lean.xlsx'));
  const of = RowXml.of;
  let fallbacks = 0;
  (RowXml as unknown as { of: () => null }).of = () => (fallbacks++, null);
  let plain: Buffer;
  try {
    plain = await write(path.join(dir, 'plain.xlsx'));
  } finally {
    (RowXml as unknown as { of: typeof of }).of = of;
  }
  expect(fallbacks).toBe(1);
  expect(lean.length).toBeGreaterThan(1000);
  expect(lean.equals(plain)).toBe(true);
});

test('the lean writer is the one in use with exceljs 4.4.0', async () => {
  const wb = stampedWorkbookWriter({ filename: path.join(dir, 'x.xlsx'), useStyles: true, useSharedStrings: false }, new Date(Date.UTC(2015, 9, 31)));
  expect(RowXml.of(wb)).not.toBeNull();
});
