/**
 * Seed 000: 吉林省卫生健康委 包保 安图县松江镇 德化村、盘道村 and 汪清县东光镇 永兴村.
 * Province, prefecture and county codes are the real GB/T 2260 codes; the township and village suffixes
 * are illustrative, as ../shared/DOMAIN.md allows.
 */
export const SEED_000_REGIONS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '220000', name: '吉林省' },
  { code: '222400', name: '延边朝鲜族自治州' },
  { code: '222426', name: '安图县' },
  { code: '222426103', name: '松江镇' },
  { code: '222426103201', name: '德化村' },
  { code: '222426103202', name: '盘道村' },
  { code: '222424', name: '汪清县' },
  { code: '222424104', name: '东光镇' },
  { code: '222424104203', name: '永兴村' },
  // Seed 004: 石景山区 (北京) pairs with 称多县 (青海玉树): its funds for 称多县 are in the demo too.
  { code: '630000', name: '青海省' },
  { code: '632700', name: '玉树藏族自治州' },
  { code: '632723', name: '称多县' },
  // Seed 002 第五篇: 黔江区 (重庆), whose 扶贫攻坚工作方案 table is among the demo's tasks.
  { code: '500000', name: '重庆市' },
  { code: '500100', name: '重庆市市辖区' },
  { code: '500114', name: '黔江区' },
];
