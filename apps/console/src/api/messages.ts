import type { ApiError } from './client';

/**
 * The API's stable codes as the people who use the console read them. One table for the whole console; a code
 * not listed falls back to a generic message with the code beside it, so nothing is ever shown in English alone.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  INVALID_TOKEN: '令牌无效，请重新登录',
  UNKNOWN_ROLE: '令牌中的角色无效',
  MISSING_ROLES_CLAIM: '令牌缺少角色',
  INVALID_REGION_CLAIM: '令牌中的行政区划无效',
  RESERVED_SUBJECT: '令牌使用了系统保留的身份',
  ROLE_NOT_ALLOWED: '您的角色无权进行此操作',
  OUTSIDE_JURISDICTION: '超出您的管辖范围',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  DEMO_SIGNIN_OFF: '本服务器未开启演示登录，请使用令牌登录',
  VALIDATION_FAILED: '填写的内容有误，请按提示修改',
  VIEWS_BEHIND: '数据正在更新，请稍后刷新',
  HOUSEHOLD_NOT_FOUND: '该户未登记',
  HOUSEHOLD_REMOVED: '该户已被剔除',
  CADRE_NOT_FOUND: '帮扶责任人未登记',
  CADRE_RECALLED: '帮扶责任人已召回',
  TIME_IN_FUTURE: '时间不能晚于现在',
  BEFORE_REGISTRATION: '时间早于该户的识别时间',
  VISITOR_OUTSIDE_VILLAGE: '走访人既不是该户的帮扶责任人，也不在该村工作队或包村单位',
  NOT_YOUR_VISIT: '只能登记或撤回本人的走访',
  VISIT_NOT_FOUND: '未找到该次走访',
  VISIT_ALREADY_RETRACTED: '该次走访已撤回',
  ASSIGNMENT_OUT_OF_ORDER: '时间早于该户当前包保关系的开始时间',
  DECOUPLING_BEFORE_EXIT: '未脱贫不脱钩：只能交接给新的帮扶责任人',
  INVALID_ID_NUMBER: '身份证号无效',
  IDEMPOTENCY_KEY_REUSED: '重复提交的内容与首次不同',
  FLAG_NOT_FOUND: '未找到该问题线索',
  REVIEW_OUT_OF_ORDER: '问题线索的处理顺序不对',
  INSPECTION_ALREADY_DRAWN: '该抽查编号已使用',
  FINDING_NOT_FOUND: '未找到该问题',
  RECTIFICATION_OUT_OF_ORDER: '整改须按“下达—报告—核验”的顺序',
  EVENT_NOT_FOUND: '引用的记录不存在',
  STEP_TOO_EARLY: '该环节尚未到可办理的时间',
  REGION_NOT_FOUND: '该行政区划未登记',
  VILLAGE_NOT_FOUND: '请选择一个已登记的行政村',
  MEASURE_NOT_FOUND: '帮扶计划中没有这项措施',
  MEASURE_ALREADY_ADDED: '该措施编号已在帮扶计划中',
  MEASURE_CLOSED: '该措施已落实或已注明未落实，不能再变更',
  INVALID_MEASURE: '措施填写有误：调整须有变化和原因，落实须有佐证且不晚于今天',
  DELIVERY_CHANNEL_NOT_FOUND: '未找到所填的资金拨付或项目',
  DELIVERY_NOT_TO_HOUSEHOLD: '所填的资金拨付或项目没有落到该户',
};

const FIELD_RULES: Readonly<Record<string, string>> = {
  IS_STRING: '须为文字',
  MATCHES: '格式不正确',
  IS_IN: '不是可选的值',
  IS_INT: '须为整数',
  UNKNOWN_PROPERTY: '不应填写此项',
  IS_DEFINED: '必填',
  IS_NOT_EMPTY: '必填',
  LENGTH: '长度不符合要求',
};

/** What to show for a refusal: its Chinese message and the stable code beside it. */
export function messageOf(error: unknown): string {
  if (!error || typeof error !== 'object' || !('code' in error)) return '网络或服务器错误，请稍后重试';
  const { code } = error as ApiError;
  return `${MESSAGES[code] ?? '操作未能完成'}（${code}）`;
}

/** Field errors by field name, in Chinese: a domain rule's own message, else the DTO rule's. */
export function fieldMessages(error: ApiError): Record<string, string> {
  return Object.fromEntries(
    error.errors.map((e) => [
      e.field,
      e.code && MESSAGES[e.code] ? MESSAGES[e.code] : `${FIELD_RULES[e.code ?? ''] ?? '填写有误'}（${e.code ?? e.message}）`,
    ]),
  );
}
