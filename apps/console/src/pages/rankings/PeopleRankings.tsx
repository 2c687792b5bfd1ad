import { Alert, Table, Tag, Typography } from 'antd';
import { shanghaiDateTime } from '../../api/time';
import { useApi } from '../../api/use-api';

type List = '红榜' | '黑榜' | null;
interface Entry {
  rank: number | null;
  name: string;
  score: number | null;
  list: List;
  cadreId?: string;
  villageCode?: string;
  inputs: Record<string, number | null>;
}
interface Answer {
  asOf: string;
  months: { from: string; to: string };
  formula: string;
  rankings: Entry[];
}

const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${Math.round(value * 1000) / 10}%`);
const count = (key: string, title: string) => ({ title, key, render: (_: unknown, e: Entry) => e.inputs[key] ?? '—' });
const listTag = (list: List) => (list ? <Tag color={list === '红榜' ? 'red' : '#000'}>{list}</Tag> : '—');

const CADRE_COLUMNS = [
  count('owed', '应走访户月'),
  count('missed', '漏访户月'),
  count('visits', '走访次数'),
  count('backfilled', '补录'),
  count('handovers', '应对接'),
  count('handoversMissed', '未按期对接'),
  count('measuresDue', '到期措施'),
  count('measuresOnTime', '按期落实'),
  count('findings', '被督查问题'),
];
const VILLAGE_COLUMNS = [
  { title: '走访覆盖率', key: 'coverage', render: (_: unknown, e: Entry) => percent(e.inputs.coverage) },
  count('missed', '漏访户月'),
  count('openFindings', '未整改问题'),
  count('measuresOverdue', '逾期措施'),
  count('teamReportsMissed', '驻村漏报'),
  count('households', '在册户'),
  count('exited', '已脱贫户'),
  {
    title: '贫困发生率',
    key: 'incidence',
    render: (_: unknown, e: Entry) => (e.inputs.incidencePercent === null ? '—' : `${e.inputs.incidencePercent}%`),
  },
];

/** 红黑榜 of cadres or of villages over the last twelve months, as the API ranks them, with the formula and every input. */
export function PeopleRankings({ kind, region }: { kind: 'cadre' | 'village'; region: string }) {
  const { data, error } = useApi<Answer>(`/rankings/${kind === 'cadre' ? 'cadres' : 'villages'}?region=${region}`);
  return (
    <>
      {error && <Alert type="error" showIcon title={error} />}
      {data && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={<span data-testid="people-formula">计分办法：{data.formula}</span>}
          description={`统计 ${data.months.from} 至 ${data.months.to}（走访按已结束的月份计）；截至 ${shanghaiDateTime(data.asOf)}。`}
        />
      )}
      <Table<Entry>
        rowKey={(e) => e.cadreId ?? e.villageCode ?? e.name}
        size="small"
        loading={!data && !error}
        dataSource={data?.rankings ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: true }}
        data-testid="people-rankings"
        rowClassName={(e) => (e.list === '红榜' ? 'rank-red' : e.list === '黑榜' ? 'rank-black' : '')}
        columns={[
          { title: '名次', dataIndex: 'rank', render: (rank: number | null) => rank ?? '未排名', width: 70 },
          { title: kind === 'cadre' ? '帮扶责任人' : '村', dataIndex: 'name' },
          { title: '得分', dataIndex: 'score', render: (s: number | null) => <Typography.Text strong>{s ?? '—'}</Typography.Text> },
          { title: '榜单', dataIndex: 'list', render: listTag },
          ...(kind === 'cadre' ? CADRE_COLUMNS : VILLAGE_COLUMNS),
        ]}
      />
    </>
  );
}
