import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { useApi } from '../../api/use-api';

interface Quarter {
  quarter: string;
  status: 'held' | 'missed' | 'open';
  escalatedTo: string | null;
  meetings: { meetingId: string; heldOn: string; attendance: string[]; decisions: string[] }[];
}
interface System {
  systemId: string;
  name: string;
  leadUnit: { unitId: string; name: string };
  memberUnitIds: string[];
  quarters: Quarter[];
}

const STATUS: Record<Quarter['status'], [string, string]> = {
  held: ['已召开', 'green'],
  missed: ['未召开', 'red'],
  open: ['本季度', 'blue'],
};

/** 帮扶体系: each system's 组长单位 and its quarterly 联席会议 — held (when, with what decided), or missed and escalated. */
export function SupportSystemsCard({ region }: { region: string }) {
  const systems = useApi<{ systems: System[] }>(`/regions/${region}/support-systems`);
  if (systems.data?.systems.length === 0) return null;
  return (
    <Card title="帮扶体系联席会议（每季度由组长单位召集）" data-testid="support-systems">
      {systems.error && <Alert type="error" showIcon title={systems.error} />}
      <Table<System>
        rowKey="systemId"
        size="small"
        pagination={false}
        loading={!systems.data && !systems.error}
        dataSource={systems.data?.systems ?? []}
        columns={[
          { title: '帮扶体系', dataIndex: 'name' },
          { title: '组长单位', render: (_: unknown, s: System) => s.leadUnit.name },
          { title: '成员单位', render: (_: unknown, s: System) => s.memberUnitIds.length },
          {
            title: '各季度',
            render: (_: unknown, s: System) => (
              <Space wrap size={4}>
                {s.quarters.map((q) => (
                  <Tag
                    key={q.quarter}
                    color={STATUS[q.status][1]}
                    title={q.meetings.map((m) => `${m.heldOn}：${m.decisions.join('；')}`).join('\n')}
                  >
                    {q.quarter} {STATUS[q.status][0]}
                    {q.escalatedTo ? '（已上报）' : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: '最近一次会议',
            render: (_: unknown, s: System) => {
              const last = s.quarters.flatMap((q) => q.meetings).at(-1);
              return last ? <Typography.Text>{`${last.heldOn}：${last.decisions.join('；')}`}</Typography.Text> : '—';
            },
          },
        ]}
      />
    </Card>
  );
}
