import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { idNumberCheckCharacter } from '@bangfu/domain';
import { encodeGbk, runCli, startTestApp, type TestApp } from './test-app';

const HEADER = [
  '户编号',
  '行政区划代码',
  '户主姓名',
  '户主身份证号',
  '家庭成员',
  '贫困户属性',
  '致贫原因',
  '联系电话',
  '识别时间',
  '帮扶责任人',
];
const VILLAGES = ['222426103201', '222426103202', '222424104203'];

function id(county: string, n: number): string {
  const first17 = `${county}19${String(50 + (n % 40)).padStart(2, '0')}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

/** A county export of `count` households; every 100th row is wrong in one of ten ways, named with its column. */
function countyExport(count: number) {
  const rows: string[][] = [];
  const bad = new Map<number, string>(); // CSV line → the column the report must name
  for (let k = 0; k < count; k++) {
    const village = VILLAGES[k % 3];
    const county = village.slice(0, 6);
    const n = Math.floor(k / 3);
    const row = [
      `${village}${String(1000 + n).padStart(4, '0')}`,
      village,
      `金${k}`,
      id(county, 2 * k),
      k % 2 ? `李${k}|${id(county, 2 * k + 1)}|配偶` : '',
      '一般贫困户',
      k % 5 ? '因病、缺资金' : '缺技术',
      '13800000000',
      '2025-06-01',
      k % 7 === 0 ? `jl-wjw-0${1 + (k % 9)}` : '',
    ];
    const line = k + 2;
    if (k % 100 === 50) {
      const kind = ((k / 100) % 10) | 0;
      const wrong: [number, string, string][] = [
        [3, `${row[3].slice(0, 17)}${row[3][17] === '1' ? '2' : '1'}`, '户主身份证号'],
        [5, '富裕户', '贫困户属性'],
        [6, '运气不好', '致贫原因'],
        [0, `222426103299${String(k).padStart(4, '0')}`, '行政区划代码'],
        [0, row[0].slice(0, 15), '户编号'],
        [8, '2099-01-01', '识别时间'],
        [8, '2025-13-45', '识别时间'],
        [9, 'ghost-cadre', '帮扶责任人'],
        [4, `李${k}|${id(county, 2 * k + 1)}|邻居`, '家庭成员'],
        [0, rows[k - 50][0], '户编号'], // the same 户编号 as an earlier row, with other content
      ];
      const [column, value, name] = wrong[kind];
      row[column] = value;
      if (kind === 3) row[1] = '222426103299';
      if (kind === 9) row[1] = rows[k - 50][1];
      bad.set(line, name);
    }
    rows.push(row);
  }
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return { text: [HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n', bad };
}

describe('bangfu import households', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
  });
  afterAll(async () => t.close());

  it('imports a 10,000-row GBK export, reports exactly the bad rows by row and column, and imports nothing twice', async () => {
    const { text, bad } = countyExport(10_000);
    const file = join(t.config.dataDir, '建档立卡.csv');
    writeFileSync(file, encodeGbk(text));
    const report = join(t.config.dataDir, 'report.csv');

    const first = await runCli(['import', 'households', file, '--report', report, '--actor', 'antu-clerk'], t.cliEnv);
    expect(first.stdout).toContain('(gb18030)：共 10000 行 — 导入 9900 行，此前已导入 0 行，拒绝 100 行');
    expect(first.status).toBe(1);
    const reported = readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
    expect(new Map(reported.map(([row, column]) => [Number(row), column]))).toEqual(bad);
    expect(first.stderr).toMatch(/第 52 行，户主身份证号：not a valid ID number/);

    await t.settle();
    const events = await t.domainEventCount();
    const again = await runCli(['import', 'households', file, '--report', report], t.cliEnv);
    expect(again.stdout).toContain('共 10000 行 — 导入 0 行，此前已导入 9900 行，拒绝 100 行');
    await t.settle();
    expect(await t.domainEventCount()).toBe(events);

    const admin = t.token(['county-admin'], '220000');
    const head = await t.request('GET', `/api/v1/households/2224261032011000?minPosition=${events}`, { token: admin });
    expect(head.body).toMatchObject({ villageCode: '222426103201', headName: '金0', responsibleCadre: { cadreId: 'jl-wjw-01' } });
    const page = await t.request('GET', '/api/v1/regions/222424104203/households?limit=1000&after=2224241042030999', { token: admin });
    expect(page.body.households.length).toBe(1000);
  }, 300_000);

  it('reads UTF-8 with a byte-order mark and refuses a file without the required columns', async () => {
    const file = join(t.config.dataDir, 'utf8.csv');
    writeFileSync(file, `\uFEFF${HEADER.join(',')}\n2224261032018001,,朴春花,${id('222426', 7)},,低保贫困户,因残,,2025-07-01,\n`);
    const ok = await runCli(['import', 'households', file], t.cliEnv);
    expect([ok.status, ok.stdout]).toEqual([0, expect.stringContaining('(utf-8)：共 1 行 — 导入 1 行')]);
    writeFileSync(file, '姓名,电话\n张三,123\n');
    const bad = await runCli(['import', 'households', file], t.cliEnv);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('missing columns 户编号, 户主姓名, 户主身份证号, 贫困户属性, 致贫原因, 识别时间');
  });
});
