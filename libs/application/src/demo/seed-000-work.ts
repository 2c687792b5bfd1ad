import {
  HOUSEHOLD_CATEGORIES,
  POVERTY_CAUSES,
  idNumberCheckCharacter,
  type HouseholdCategory,
  type Member,
  type PovertyCause,
} from '@bangfu/domain';

/**
 * Seed 000's people and households: 吉林省卫生健康委 包保 德化村 (29户66人) and 盘道村 (16户35人) in 安图县松江镇,
 * 永兴村 (15户20人) in 汪清县东光镇. Cadre names are from the plan's 领导小组 list; household members are
 * generated (deterministically) with valid ID numbers, since the real ones are personal data.
 */
export const DEMO_UNIT = { unitId: 'jl-wjw', name: '吉林省卫生健康委员会', regionCode: '220000', leadOfficial: '张义' };

export const DEMO_CADRES = [
  '禹露',
  '林天慕',
  '张诚',
  '王树峰',
  '沈文生',
  '赵波',
  '文日炫',
  '左保岭',
  '王驰',
  '张艳',
  '王哲',
  '徐明莉',
  '金竟超',
  '傅强',
  '王树东',
  '刘宇赤',
  '戚锋',
  '冯志民',
  '衣庆岩',
  '史洪林',
  '闫红彦',
].map((name, i) => ({ cadreId: `jl-wjw-${String(i + 1).padStart(2, '0')}`, name, position: i < 12 ? '包户干部' : '驻村工作队员' }));

export interface DemoVillage {
  code: string;
  name: string;
  households: number;
  people: number;
  /** Indexes into DEMO_CADRES: who holds this village's households (包户). */
  cadres: number[];
  /** The resident work team; the first is the 第一书记. */
  team: number[];
}

export const DEMO_VILLAGES: DemoVillage[] = [
  { code: '222426103201', name: '德化村', households: 29, people: 66, cadres: [0, 1, 2, 3, 4, 5], team: [12, 13, 14] },
  { code: '222426103202', name: '盘道村', households: 16, people: 35, cadres: [6, 7, 8], team: [15, 16, 17] },
  { code: '222424104203', name: '永兴村', households: 15, people: 20, cadres: [9, 10, 11], team: [18, 19, 20] },
];

/** A small deterministic generator, so every first start shows the same demo. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['金', '朴', '李', '崔', '张', '王', '刘', '赵', '孙', '郑', '姜', '韩', '尹', '吴', '许'];
const GIVEN = [
  '大山',
  '春花',
  '永哲',
  '明淑',
  '光日',
  '英子',
  '成浩',
  '秀兰',
  '东哲',
  '玉顺',
  '国庆',
  '海燕',
  '龙洙',
  '顺姬',
  '铁柱',
  '美玲',
];
const RELATIONS = ['配偶', '子女', '父母', '孙子女'] as const;

export interface DemoHousehold {
  householdId: string;
  villageCode: string;
  members: Member[];
  category: HouseholdCategory;
  causes: PovertyCause[];
  phone: string;
}

/** The village's households, with exactly its real number of people spread over them. */
export function demoHouseholds(village: DemoVillage, random: () => number): DemoHousehold[] {
  const county = village.code.slice(0, 6);
  let people = village.people;
  return Array.from({ length: village.households }, (_, i) => {
    const remainingHouseholds = village.households - i;
    // At least one person per remaining household; the rest spread as evenly as the count allows.
    const size = Math.max(1, Math.min(people - (remainingHouseholds - 1), Math.round(people / remainingHouseholds)));
    people -= size;
    const surname = SURNAMES[Math.floor(random() * SURNAMES.length)];
    const members: Member[] = Array.from({ length: size }, (_, m) => {
      const year = m === 0 ? 1945 + Math.floor(random() * 30) : 1950 + Math.floor(random() * 65);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const first17 = `${county}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(100 + i * 7 + m).padStart(3, '0')}`;
      return {
        name: `${m === 0 || random() < 0.6 ? surname : SURNAMES[Math.floor(random() * SURNAMES.length)]}${GIVEN[Math.floor(random() * GIVEN.length)]}`,
        idNumber: `${first17}${idNumberCheckCharacter(first17)}`,
        relation: m === 0 ? '户主' : RELATIONS[Math.floor(random() * RELATIONS.length)],
        ...(random() < 0.12 ? { disabled: true } : {}),
      };
    });
    const mainCause = POVERTY_CAUSES[Math.floor(random() * 4) * (random() < 0.5 ? 1 : 2)];
    const causes = random() < 0.4 ? [mainCause, '缺资金' as const].filter((c, k, all) => all.indexOf(c) === k) : [mainCause];
    return {
      householdId: `${village.code}${String(i + 1).padStart(4, '0')}`,
      villageCode: village.code,
      members,
      category: HOUSEHOLD_CATEGORIES[random() < 0.7 ? 0 : random() < 0.8 ? 1 : 2],
      causes,
      phone: `138${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    };
  });
}
