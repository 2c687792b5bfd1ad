import { Descriptions, Tag } from 'antd';
import type { ReactNode } from 'react';
import { yuan } from '../api/time';
import { EXCLUSION_REASONS } from '../../../../libs/domain/src/household/household-vocabulary';

/** The Chinese names of the fields a workflow step's evidence and guards carry. */
const LABELS: Record<string, string> = {
  verification: '入户核实',
  villageVerification: '村级核验',
  checklist: '两不愁三保障核查',
  food: '不愁吃',
  clothing: '不愁穿',
  education: '义务教育有保障',
  medical: '基本医疗有保障',
  housing: '住房安全有保障',
  water: '饮水安全有保障',
  evidence: '依据',
  result: '结果',
  met: '达标',
  incomeItems: '收入构成',
  source: '来源',
  amountFen: '金额',
  expensesFen: '生产经营支出',
  interviewed: '访谈对象',
  vote: '民主评议',
  for: '赞成',
  against: '反对',
  abstain: '弃权',
  minutes: '会议记录',
  objection: '公示异议',
  content: '内容',
  raisedBy: '提出人',
  notice: '公示',
  location: '公示地点',
  review: '审核意见',
  opinion: '意见',
  incomeLineFen: '收入标准',
  perCapitaIncomeFen: '人均纯收入',
  memberCount: '家庭人口',
  votesCast: '实到代表',
  votesFor: '赞成票',
  noticeDays: '公示天数',
  identification: '入户走访（精准识别）',
  exclusions: '九不纳入',
  household: '拟登记信息',
  members: '家庭成员',
  name: '姓名',
  idNumber: '身份证号',
  relation: '与户主关系',
  disabled: '残疾',
  category: '贫困户属性',
  causes: '致贫原因',
  phone: '联系电话',
  removal: '剔除核实',
  reason: '情形',
  detail: '依据说明',
  unmet: '未达标项',
  ...EXCLUSION_REASONS,
};

const RESULTS: Record<string, [string, string]> = { met: ['达标', 'green'], unmet: ['未达标', 'red'], not_met: ['未达标', 'red'] };

function valueOf(key: string, value: unknown): ReactNode {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' && key.endsWith('Fen')) return yuan(value);
  // 九不纳入: a fact present disqualifies, so "有" is the alarming answer.
  if (typeof value === 'boolean' && key in EXCLUSION_REASONS) return value ? <Tag color="red">有</Tag> : <Tag color="green">无</Tag>;
  if (typeof value === 'boolean') return value ? <Tag color="green">是</Tag> : <Tag color="red">否</Tag>;
  if (key === 'reason' && typeof value === 'string' && value in EXCLUSION_REASONS)
    return EXCLUSION_REASONS[value as keyof typeof EXCLUSION_REASONS];
  if (key === 'result' && typeof value === 'string') {
    const [label, color] = RESULTS[value] ?? [value, 'default'];
    return <Tag color={color}>{label}</Tag>;
  }
  if (Array.isArray(value)) {
    // What a guard computed names the checks by key (unmet: ['housing']): shown by their names.
    if (value.every((item) => typeof item !== 'object'))
      return value.map((item) => (key === 'unmet' ? (LABELS[item] ?? item) : item)).join('、');
    return value.map((item, i) => <EvidenceView key={i} value={item as Record<string, unknown>} />);
  }
  if (typeof value === 'object') return <EvidenceView value={value as Record<string, unknown>} />;
  return String(value);
}

/** A step's evidence or what its guards computed, as labelled fields in Chinese (amounts in 元), nested as recorded. */
export function EvidenceView({ value }: { value: Record<string, unknown> }) {
  const entries = Object.entries(value ?? {});
  if (entries.length === 0) return null;
  return (
    <Descriptions size="small" column={1} bordered style={{ marginTop: 4 }}>
      {entries.map(([key, field]) => (
        <Descriptions.Item key={key} label={LABELS[key] ?? key}>
          {valueOf(key, field)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
