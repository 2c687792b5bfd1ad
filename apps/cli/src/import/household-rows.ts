import {
  HOUSEHOLD_CATEGORIES,
  MEMBER_RELATIONS,
  POVERTY_CAUSES,
  isValidIdNumber,
  type HouseholdCategory,
  type Member,
  type MemberRelation,
  type PovertyCause,
  villageOfHousehold,
} from '@bangfu/domain';
import { cellReader, parseBusinessTime, type ColumnIndex as Columns, type RowError } from './row-import';

export type { RowError } from './row-import';

/** The columns of a county office's 建档立卡 export, as the README documents them. */
export const HOUSEHOLD_COLUMNS = {
  householdId: '户编号',
  villageCode: '行政区划代码',
  headName: '户主姓名',
  headIdNumber: '户主身份证号',
  members: '家庭成员',
  category: '贫困户属性',
  causes: '致贫原因',
  phone: '联系电话',
  identifiedAt: '识别时间',
  cadreId: '帮扶责任人',
} as const;

export const HOUSEHOLD_REQUIRED = ['householdId', 'headName', 'headIdNumber', 'category', 'causes', 'identifiedAt'] as const;

export interface HouseholdRow {
  row: number;
  householdId: string;
  villageCode: string;
  members: Member[];
  category: HouseholdCategory;
  causes: PovertyCause[];
  phone?: string;
  identifiedAt: string;
  cadreId?: string;
}

export type ColumnIndex = Columns<keyof typeof HOUSEHOLD_COLUMNS>;

/** One CSV record as a household, or the first thing wrong with it, named by row and column. */
export function parseHouseholdRow(row: number, fields: string[], columns: ColumnIndex): HouseholdRow | RowError {
  const cell = cellReader(fields, columns);
  const fail = (key: keyof typeof HOUSEHOLD_COLUMNS, reason: string): RowError => ({ row, column: HOUSEHOLD_COLUMNS[key], reason });
  for (const key of HOUSEHOLD_REQUIRED) if (!cell(key)) return fail(key, 'empty');

  const householdId = cell('householdId');
  if (!/^\d{16}$/.test(householdId)) return fail('householdId', `"${householdId}" is not a 16-digit 户编号`);
  const villageCode = cell('villageCode') || villageOfHousehold(householdId);
  if (!householdId.startsWith(villageCode)) return fail('villageCode', `户编号 ${householdId} does not lie in village ${villageCode}`);

  if (!isValidIdNumber(cell('headIdNumber'))) return fail('headIdNumber', 'not a valid ID number (GB 11643 check character or birth date)');
  const members: Member[] = [{ name: cell('headName'), idNumber: cell('headIdNumber'), relation: '户主' }];
  for (const [i, text] of cell('members')
    .split(/[;；]/)
    .map((m) => m.trim())
    .filter(Boolean)
    .entries()) {
    const [name, idNumber, relation, disabled] = text.split(/[|｜]/).map((part) => part.trim());
    if (!name || !idNumber || !relation) return fail('members', `member ${i + 1} must be 姓名|身份证号|与户主关系`);
    if (!isValidIdNumber(idNumber)) return fail('members', `member ${i + 1} (${name}): not a valid ID number`);
    if (!(MEMBER_RELATIONS as readonly string[]).includes(relation) || relation === '户主') {
      return fail('members', `member ${i + 1} (${name}): relation must be one of ${MEMBER_RELATIONS.slice(1).join('、')}`);
    }
    members.push({ name, idNumber, relation: relation as MemberRelation, ...(disabled === '残疾' ? { disabled: true } : {}) });
  }
  if (new Set(members.map((m) => m.idNumber)).size !== members.length) return fail('members', 'two members share an ID number');

  const category = cell('category');
  if (!(HOUSEHOLD_CATEGORIES as readonly string[]).includes(category))
    return fail('category', `must be one of ${HOUSEHOLD_CATEGORIES.join('、')}`);
  const causes = cell('causes')
    .split(/[、,，;；\s]+/)
    .filter(Boolean);
  const unknown = causes.find((cause) => !(POVERTY_CAUSES as readonly string[]).includes(cause));
  if (unknown) return fail('causes', `"${unknown}" is not one of ${POVERTY_CAUSES.join('、')}`);

  const identified = cell('identifiedAt');
  const identifiedAt = parseBusinessTime(identified);
  if (!identifiedAt) return fail('identifiedAt', `"${identified}" is not a date (YYYY-MM-DD)`);

  const phone = cell('phone');
  if (phone && !/^[\d-]{5,20}$/.test(phone)) return fail('phone', 'not a phone number');
  const cadreId = cell('cadreId');
  return {
    row,
    householdId,
    villageCode,
    members,
    category: category as HouseholdCategory,
    causes: [...new Set(causes)] as PovertyCause[],
    identifiedAt: new Date(identifiedAt).toISOString(),
    ...(phone ? { phone } : {}),
    ...(cadreId ? { cadreId } : {}),
  };
}
