import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { dayStart, DIVISION_CODE, type TaskSpec } from '@bangfu/domain';
import { parseCsv } from '../import/csv';

/** The columns of a plan in CSV, as the README documents them; a YAML plan uses the keys on the right. */
export const PLAN_COLUMNS = {
  plan: '计划',
  region: '区划代码',
  item: '序号',
  title: '任务',
  quantity: '目标数量',
  unit: '目标单位',
  leadOfficial: '牵头领导',
  leadUnit: '牵头单位',
  cooperatingUnits: '配合单位',
  amountYuan: '金额（元）',
  deadline: '截止日期',
  timing: '时间要求',
} as const;

export interface PlanItemError {
  /** The item's number (序号), or its line in a CSV file. */
  where: string;
  field: string;
  reason: string;
}

type Raw = Partial<Record<keyof typeof PLAN_COLUMNS, unknown>> & { taskId?: unknown; target?: { quantity?: unknown; unit?: unknown } };

/** A plan file (YAML or CSV, by its extension or content) as the tasks it issues, or the items refused and why. */
export function parsePlan(text: string, fileName: string): { tasks: TaskSpec[]; errors: PlanItemError[] } {
  const yaml = /\.ya?ml$/i.test(fileName) || (!/\.csv$/i.test(fileName) && /^\s*(plan|items)\s*:/m.test(text));
  const raws: { where: string; raw: Raw }[] = yaml ? fromYaml(text) : fromCsv(text);
  const tasks: TaskSpec[] = [];
  const errors: PlanItemError[] = [];
  for (const { where, raw } of raws) {
    const parsed = toTask(raw);
    if ('field' in parsed) errors.push({ where, ...parsed });
    else tasks.push(parsed);
  }
  return { tasks, errors };
}

function fromYaml(text: string): { where: string; raw: Raw }[] {
  const document = parseYaml(text) as { plan?: unknown; region?: unknown; items?: unknown } | null;
  if (!document || !Array.isArray(document.items)) throw new Error('a YAML plan has `plan`, `region` and a list of `items`');
  return document.items.map((item: Raw, i: number) => ({
    where: `item ${String(item?.item ?? i + 1)}`,
    raw: {
      plan: document.plan,
      region: document.region,
      ...item,
      ...(item?.target ? { quantity: item.target.quantity, unit: item.target.unit } : {}),
    },
  }));
}

function fromCsv(text: string): { where: string; raw: Raw }[] {
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  const index = new Map(header.fields.map((name, i) => [name.trim(), i]));
  const missing = (['plan', 'region', 'item', 'title', 'leadUnit', 'deadline'] as const).filter((key) => !index.has(PLAN_COLUMNS[key]));
  if (missing.length > 0) throw new Error(`missing columns ${missing.map((key) => PLAN_COLUMNS[key]).join(', ')}`);
  return records.map((record) => {
    const raw: Raw = {};
    for (const key of Object.keys(PLAN_COLUMNS) as (keyof typeof PLAN_COLUMNS)[]) {
      const at = index.get(PLAN_COLUMNS[key]);
      const value = at === undefined ? '' : (record.fields[at] ?? '').trim();
      if (value !== '')
        raw[key] =
          key === 'cooperatingUnits'
            ? value
                .split(/[、,，;；]/)
                .map((unit) => unit.trim())
                .filter(Boolean)
            : value;
    }
    return { where: `line ${record.line}`, raw };
  });
}

function toTask(raw: Raw): TaskSpec | { field: string; reason: string } {
  const text = (key: keyof typeof PLAN_COLUMNS, max: number, required = true): string | { field: string; reason: string } => {
    const value = raw[key];
    if (value === undefined || value === null || value === '') return required ? { field: PLAN_COLUMNS[key], reason: 'is required' } : '';
    const s = String(value).trim();
    return s.length > max ? { field: PLAN_COLUMNS[key], reason: `is longer than ${max} characters` } : s;
  };
  const fields = {
    plan: text('plan', 200),
    region: text('region', 12),
    item: text('item', 20),
    title: text('title', 500),
    leadUnit: text('leadUnit', 100),
    leadOfficial: text('leadOfficial', 50, false),
    unit: text('unit', 20, false),
    deadline: text('deadline', 10),
    timing: text('timing', 200, false),
  };
  for (const value of Object.values(fields)) if (typeof value !== 'string') return value;
  const f = fields as Record<keyof typeof fields, string>;
  if (!DIVISION_CODE.test(f.region)) return { field: PLAN_COLUMNS.region, reason: `${f.region} is not a division code` };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.deadline) || Number.isNaN(Date.parse(f.deadline))) {
    return { field: PLAN_COLUMNS.deadline, reason: `${f.deadline} is not a date (YYYY-MM-DD)` };
  }
  const quantity = raw.quantity === undefined || raw.quantity === '' ? 1 : Number(raw.quantity);
  if (!Number.isInteger(quantity) || quantity < 1)
    return { field: PLAN_COLUMNS.quantity, reason: `${String(raw.quantity)} is not a whole number ≥ 1` };
  const yuan = raw.amountYuan === undefined || raw.amountYuan === '' ? null : Number(raw.amountYuan);
  if (yuan !== null && (!Number.isFinite(yuan) || yuan <= 0 || Math.round(yuan * 100) !== yuan * 100)) {
    return { field: PLAN_COLUMNS.amountYuan, reason: `${String(raw.amountYuan)} is not an amount in yuan (at most two decimals)` };
  }
  const cooperating = Array.isArray(raw.cooperatingUnits) ? raw.cooperatingUnits.map((unit) => String(unit)) : [];
  return {
    // The same plan item always has the same id, so importing a plan twice issues nothing twice.
    taskId:
      typeof raw.taskId === 'string' ? raw.taskId : `plan-${createHash('sha256').update(f.plan).digest('hex').slice(0, 10)}-${f.item}`,
    plan: f.plan,
    item: f.item,
    title: f.title,
    regionCode: f.region,
    leadOfficial: f.leadOfficial || null,
    leadUnit: f.leadUnit,
    cooperatingUnits: cooperating,
    target: { quantity, unit: f.unit || '项' },
    amountFen: yuan === null ? null : Math.round(yuan * 100),
    // A deadline date means the end of that day in Shanghai.
    deadline: new Date(Date.parse(dayStart(f.deadline)) + 86_400_000 - 1000).toISOString(),
    timing: f.timing,
  };
}
