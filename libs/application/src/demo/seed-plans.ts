/**
 * The work plans the demo's tasks come from, item by item as the seeds word them: seed 004's numbered items
 * for 称多县 (石景山区2018年精准扶贫工作计划: target, money, responsible 区 office) and seed 002 第五篇's table
 * (黔江区扶贫攻坚工作方案: 目标要求, 牵头领导, 牵头单位, 配合单位, 时间要求).
 */
export interface PlanItem {
  item: string;
  title: string;
  quantity: number;
  unit: string;
  leadOfficial: string | null;
  leadUnit: string;
  cooperatingUnits: string[];
  amountYuan: number | null;
  timing: string;
}

export const SEED_004_PLAN = '石景山区2018年精准扶贫工作计划（称多县）';

const project = (item: string, title: string, quantity: number, leadUnit: string, amountYuan: number | null = null): PlanItem => ({
  item,
  title,
  quantity,
  unit: '个扶贫项目',
  leadOfficial: null,
  leadUnit,
  cooperatingUnits: [],
  amountYuan,
  timing: '2018年底',
});

export const SEED_004_ITEMS: PlanItem[] = [
  project('1', '加大学校结对帮扶', 1, '区教委'),
  project('2', '探索学生互访、开展“手拉手”结对帮扶', 1, '区教委'),
  project('3', '开展送教下乡活动（选派5名教育骨干）', 1, '区教委'),
  project('4', '开展对口地区教师培训（邀请25名教师）', 1, '区教委'),
  project('5', '开展精准助学工程', 1, '区教委', 1_000_000),
  project('6', '继续开展医院结对帮扶', 2, '区卫计委'),
  project('7', '组织医疗队赴称多开展医疗帮扶', 3, '区卫计委'),
  project('8', '针对基层医疗卫生机构开展结对帮扶', 1, '区卫计委'),
  project('9', '探索远程会诊模式，开展高原病防治', 1, '区卫计委'),
  project('10', '开展精准救助工程', 1, '区卫计委', 500_000),
  project('11', '开展对口地区农超对接', 1, '区商务委'),
  project('12', '开展旅游产品推介', 2, '区旅游委'),
  project('13', '开展产业带动工程', 11, '区发改委', 1_000_000),
  project('14', '加强党政干部交流', 1, '区委组织部'),
  project('15', '强化干部和专业技术人员培训（培训17人次）', 5, '区发改委'),
  project('16', '建立劳务协作对接机制', 2, '区人保局'),
  project('17', '加强贫困人口就业技能培训', 4, '区人保局'),
  project('18', '开展精准就业工程', 2, '区人保局', 500_000),
  project('19', '落实好结对帮扶', 7, '区卫计委'),
  project('20', '开展慈善捐助', 2, '民政局', 70_000),
];

export const SEED_002_PLAN = '黔江区扶贫攻坚工作方案（第五篇）';

const row = (
  item: string,
  title: string,
  leadOfficial: string | null,
  leadUnit: string,
  cooperatingUnits: string[],
  timing: string,
): PlanItem => ({
  item,
  title,
  quantity: 1,
  unit: '项',
  leadOfficial,
  leadUnit,
  cooperatingUnits,
  amountYuan: null,
  timing,
});

const TOWNS = '各乡镇人民政府、街道办事处';

export const SEED_002_ITEMS: PlanItem[] = [
  row('1', '扶贫对象精准：锁定65个贫困村和11430户40641人', '林光', '区扶贫办', [TOWNS], '2015年7月初'),
  row(
    '2',
    '交通建设：贫困村村级道路硬化或油化1条以上',
    '刘仪',
    '区交委',
    ['区农委', '区城乡建委', '区财政局', '区扶贫办', TOWNS],
    '2015年底完成25个村、2016年底完成40个村',
  ),
  row(
    '3',
    '饮水安全：饮用水水质合格率达70%以上',
    '林光',
    '区水务局',
    ['区发改委', '区扶贫办', TOWNS],
    '2015年底完成25个村、2016年底完成40个村',
  ),
  row(
    '4',
    '住房改善：农村D级危房改造达100%',
    '姚登惠',
    '区城乡建委',
    ['区农委', '区扶贫办', '区财政局', '区国土房管局', TOWNS],
    '2015年底完成25个村、2016年底完成40个村',
  ),
  row('5', '农网改造：推进“一户一表”升级改造', '刘仪', '区发改委', ['区供电公司', TOWNS], '2015年底完成25个村、2016年底完成40个村'),
  row(
    '6',
    '村容村貌：生活垃圾和生活污水处理率达100%',
    '夏于峰',
    '区环保局',
    ['区发改委', '区农委', '区市政园林局', TOWNS],
    '2015年底完成25个村、2016年底完成40个村',
  ),
  row(
    '7',
    '主导产业：“一村一品”产业发展格局',
    '林光',
    '区农委',
    ['区畜牧兽医局', '区林业局', '区财政局', '区扶贫办', TOWNS],
    '2015年底完成25个村、2016年底完成40个村',
  ),
  row('8', '金融扶贫：整合小额担保贷款、扶贫贴息等政策', null, '区金融办', ['区扶贫办', TOWNS], '2015年底完成25个村、2016年底完成40个村'),
];

export const SEED_000_PLAN = '2019年吉林省卫生健康委包保帮扶贫困村脱贫攻坚工作计划（吉卫党委发〔2019〕11号）';

/** Seed 000's 基础设施 items for the villages it holds, with the village each is for. */
export const SEED_000_ITEMS: (PlanItem & { regionCode: string })[] = [
  {
    ...row('1', '盘道村全村安装路灯160余盏', '张义', '吉林省卫生健康委员会', ['松江镇人民政府'], '2019年'),
    quantity: 160,
    unit: '盏',
    regionCode: '222426103202',
  },
  {
    ...row('2', '盘道村二队山洪沟建设800延长米', '张义', '吉林省卫生健康委员会', ['松江镇人民政府'], '预计2019年10月底完工'),
    quantity: 800,
    unit: '延长米',
    regionCode: '222426103202',
  },
  {
    ...row('3', '永新村村内道路边沟建设5000米', '张义', '吉林省卫生健康委员会', ['东光镇人民政府'], '2019年'),
    quantity: 5000,
    unit: '米',
    regionCode: '222424104203',
  },
];
