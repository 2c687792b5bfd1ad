/**
 * The Chinese names of the flag types and statuses, as county staff read them: one table for the console and for
 * the workbooks the API exports. No imports, so the console bundles this file as it is.
 */
export const FLAG_TYPE_NAMES: Readonly<Record<string, string>> = {
  BACKFILLED_VISIT: '补录走访',
  VISIT_BY_UNASSIGNED_CADRE: '非责任人走访',
  SIMULTANEOUS_VISITS: '同时异地走访',
  HANDOVER_NOT_CONNECTED: '调整后未按期对接',
  MONTHLY_VISIT_MISSED: '月度未走访',
  ASSIGNMENT_GAP: '包保空档',
  NOTICE_TOO_SHORT: '公示不足7天',
  EXIT_BELOW_INCOME_LINE: '退出时收入未超标准',
  EXIT_WITHOUT_RECENT_VISITS: '退出前3个月未走访',
  SELF_VERIFICATION: '责任人自核',
  FUND_IDLE: '资金滞留',
  DUPLICATE_VOUCHER: '凭证重复',
  INELIGIBLE_RECIPIENT: '受益对象不符',
  UNCONFIRMED_DISBURSEMENT: '拨付未确认到户',
  MEASURE_OVERDUE: '帮扶措施逾期',
  WORK_TEAM_REPORT_MISSED: '驻村工作队未按期报告',
  JOINT_MEETING_MISSED: '帮扶体系未召开季度联席会议',
  HOUSEHOLD_WITHOUT_PLAN: '未制定帮扶计划',
  PROBLEM_WITHOUT_MEASURE: '发现问题未落实措施',
};

export const FLAG_STATUS_NAMES: Readonly<Record<string, string>> = {
  open: '待处理',
  explained: '已说明',
  confirmed: '属实',
  closed: '办结',
};

export const TASK_STATUS_NAMES: Readonly<Record<string, string>> = {
  issued: '已下达',
  in_progress: '推进中',
  submitted: '已报完成',
  completed: '已核验完成',
  overdue: '逾期',
};

export const RECIPIENT_KIND_NAMES: Readonly<Record<string, string>> = {
  household: '农户',
  village: '村集体',
  project: '项目',
};

/** What an actor did at a workflow step (exit cases). */
export const STEP_ACTION_NAMES: Readonly<Record<string, string>> = {
  approve: '通过',
  reject: '退回',
  object: '异议',
  withdraw: '撤回',
};

/** 两不愁三保障 plus 饮水安全: what every visit looks at. */
export const VISIT_CHECKS = {
  food: '不愁吃',
  clothing: '不愁穿',
  education: '义务教育有保障',
  medical: '基本医疗有保障',
  housing: '住房安全有保障',
  water: '饮水安全',
} as const;

/** 一户一策: the kinds of help a household's plan is made of (seed 002 第三篇 (二)(三)). */
export const MEASURE_KINDS = ['产业', '就业', '健康', '教育', '住房', '饮水', '兜底保障', '金融', '技能培训', '其他'] as const;
