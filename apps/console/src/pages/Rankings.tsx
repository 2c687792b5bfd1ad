import { Alert, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { shanghaiDateTime } from '../api/time';
import { useApi } from '../api/use-api';
import { DownloadButton } from '../components/DownloadButton';
import { DuePeriodPicker, periodQuery, type DuePeriod } from '../components/DuePeriodPicker';
import { RegionPicker } from '../components/RegionPicker';
import { useMe } from '../layout/me';
import { PeopleRankings } from './rankings/PeopleRankings';

interface Ranking {
  rank: number | null;
  name: string;
  score: number | null;
  list: '红榜' | '黑榜' | null;
  inputs: {
    tasks: number;
    due: number;
    completedOnTime: number;
    completedLate: number;
    overdue: number;
    rejections: number;
    openFindings: number;
    meetingsMissed: number;
  };
}
interface Rankings {
  asOf: string;
  formula: string;
  rankings: Ranking[];
}

const input = (key: keyof Ranking['inputs'], title: string) => ({ title, render: (_: unknown, r: Ranking) => r.inputs[key], key });

/** 红黑榜: the ranks of lead units or lead officials as the API computes them, the formula and every input beside each. */
export default function Rankings() {
  const me = useMe();
  const [region, setRegion] = useState(me.regionCode === '000000' ? '220000' : me.regionCode);
  const [by, setBy] = useState<'unit' | 'lead' | 'cadre' | 'village'>('unit');
  const ofTasks = by === 'unit' || by === 'lead';
  const [period, setPeriod] = useState<DuePeriod>({});
  const query = periodQuery(period, { region, by });
  const { data, error } = useApi<Rankings>(ofTasks ? `/rankings?${query}` : null);
  return (
    <Card
      title="红黑榜"
      extra={
        <Space wrap>
          <Segmented
            value={by}
            onChange={(value) => setBy(value as typeof by)}
            options={[
              { value: 'unit', label: '牵头单位' },
              { value: 'lead', label: '牵头领导' },
              { value: 'cadre', label: '帮扶责任人' },
              { value: 'village', label: '村' },
            ]}
            data-testid="ranking-by"
          />
          <RegionPicker root={me.regionCode} value={region} onChange={setRegion} />
          {ofTasks && <DuePeriodPicker onChange={setPeriod} />}
          {ofTasks && <DownloadButton path={`/exports/rankings.xlsx?${query}`} />}
        </Space>
      }
    >
      {!ofTasks && <PeopleRankings kind={by} region={region} />}
      {ofTasks && error && <Alert type="error" showIcon title={error} />}
      {ofTasks && data && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={<span data-testid="formula">计分办法：{data.formula}</span>}
          description={`截至 ${shanghaiDateTime(data.asOf)}；逾期按当前时间判定，考核期按任务完成时限筛选。`}
        />
      )}
      {ofTasks && (
        <Table<Ranking>
          rowKey="name"
          size="small"
          loading={!data && !error}
          dataSource={data?.rankings ?? []}
          pagination={false}
          data-testid="rankings"
          rowClassName={(r) => (r.list === '红榜' ? 'rank-red' : r.list === '黑榜' ? 'rank-black' : '')}
          columns={[
            { title: '名次', dataIndex: 'rank', render: (rank: number | null) => rank ?? '未排名', width: 70 },
            { title: by === 'unit' ? '牵头单位' : '牵头领导', dataIndex: 'name' },
            { title: '得分', dataIndex: 'score', render: (s: number | null) => <Typography.Text strong>{s ?? '—'}</Typography.Text> },
            {
              title: '榜单',
              dataIndex: 'list',
              render: (list: Ranking['list']) => (list ? <Tag color={list === '红榜' ? 'red' : '#000'}>{list}</Tag> : '—'),
            },
            input('tasks', '任务'),
            input('due', '应完成'),
            input('completedOnTime', '按期完成'),
            input('completedLate', '逾期完成'),
            input('overdue', '逾期未完成'),
            input('rejections', '退回次数'),
            input('openFindings', '未整改问题'),
            ...(by === 'unit' ? [input('meetingsMissed', '未召开联席会议')] : []),
          ]}
        />
      )}
    </Card>
  );
}
