import { Alert, Card, Space, Table, Tag } from 'antd';
import { useApi } from '../../api/use-api';
import { shanghaiDate } from '../../api/time';

interface Series {
  seriesId: string;
  title: string;
  leadUnit: string;
  recurrence: 'monthly' | 'quarterly';
  firstPeriod: string;
  reportDays: number;
  endedAt: string | null;
  endReason: string | null;
  periods: { period: string; taskId: string }[];
}

/**
 * 自查自评: the division's recurring self-checks — who checks, how often, how long they have to report — and every
 * period issued so far; each period's task is on the board and in the list below (click it there for its history).
 */
export function SelfChecksCard({ region, onOpen }: { region: string; onOpen: (taskId: string) => void }) {
  const series = useApi<{ series: Series[] }>(`/regions/${region}/recurring-tasks`);
  if (series.data?.series.length === 0) return null;
  return (
    <Card title="自查自评（按月、按季度自动下达）" data-testid="self-checks">
      {series.error && <Alert type="error" showIcon title={series.error} />}
      <Table<Series>
        rowKey="seriesId"
        size="small"
        pagination={false}
        loading={!series.data && !series.error}
        dataSource={series.data?.series ?? []}
        columns={[
          { title: '自查事项', dataIndex: 'title' },
          { title: '牵头单位', dataIndex: 'leadUnit' },
          {
            title: '周期',
            render: (_: unknown, s: Series) => `${s.recurrence === 'monthly' ? '每月' : '每季度'}，期满后${s.reportDays}日内报送`,
          },
          {
            title: '已下达',
            render: (_: unknown, s: Series) => (
              <Space wrap size={4}>
                {s.periods.map((p) => (
                  <Tag key={p.taskId} style={{ cursor: 'pointer' }} onClick={() => onOpen(p.taskId)}>
                    {p.period}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: '状态',
            render: (_: unknown, s: Series) =>
              s.endedAt ? (
                <Tag>
                  已于{shanghaiDate(s.endedAt)}停止：{s.endReason}
                </Tag>
              ) : (
                <Tag color="blue">进行中</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
