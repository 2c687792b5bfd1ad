import type { DomainError } from '@bangfu/domain';

/** What a clerk reads for the refusals an import meets most, in Chinese, with the stable code beside it. */
const MESSAGES: Readonly<Record<string, string>> = {
  HOUSEHOLD_NOT_FOUND: '该户未登记（先导入建档立卡数据）',
  HOUSEHOLD_REMOVED: '该户已被剔除',
  HOUSEHOLD_ALREADY_REGISTERED: '该户编号已登记为另一户',
  IDENTIFICATION_IN_PROGRESS: '该户编号正在精准识别，识别通过后自动登记，不能直接导入',
  VILLAGE_NOT_REGISTERED: '所在村未登记',
  TIME_IN_FUTURE: '时间晚于当前时间',
  BEFORE_REGISTRATION: '早于该户的识别时间',
  ASSIGNMENT_OUT_OF_ORDER: '早于该户当前包保关系的开始时间（同一户的包保记录须按时间先后）',
  CADRE_NOT_FOUND: '帮扶责任人未登记',
  CADRE_RECALLED: '帮扶责任人已召回',
  NO_RESPONSIBLE_CADRE: '该户没有帮扶责任人',
  VISITOR_OUTSIDE_VILLAGE: '走访人既不是该户当时的帮扶责任人，也不在该村工作队或包村单位',
  VISIT_ALREADY_RECORDED: '该次走访已录入',
  INVALID_ID_NUMBER: '身份证号无效（GB 11643 校验位或出生日期）',
  INVALID_HOUSEHOLD: '户信息无效',
};

export function refusalMessage(error: DomainError): string {
  return `${MESSAGES[error.code] ?? error.message}（${error.code}）`;
}
