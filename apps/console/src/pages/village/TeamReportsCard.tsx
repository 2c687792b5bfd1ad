import { Alert, Card, Table, Tag, Typography } from 'antd';
import { shanghaiDate } from '../../api/time';
import { useApi } from '../../api/use-api';

interface MonthReport {
  month: string;
  status: 'due' | 'filed' | 'late' | 'missed';
  dueAt: string | null;
  escalatedTo: string | null;
  report: { summary: string; problems: string[]; nextSteps: string[]; filedBy: string } | null;
}

const STATUS: Record<MonthReport['status'], [string, string]> = {
  filed: ['按期报送', 'green'],
  late: ['逾期补报', 'orange'],
  missed: ['未报', 'red'],
  due: ['待报送', 'blue'],
};

/** 驻村定期报告: the village work team's report on each month — filed, late, missed (and escalated), or still due. */
export function TeamReportsCard({ villageCode }: { villageCode: string }) {
  const { data, error } = useApi<{ months: MonthReport[] }>(`/villages/${villageCode}/work-team-reports`);
  if (data?.months.length === 0) return null;
  return (
    <Card title="驻村工作队定期报告" data-testid="team-reports">
      {error && <Alert type="error" showIcon title={error} />}
      <Table<MonthReport>
        rowKey="month"
        size="small"
        loading={!data && !error}
        dataSource={data?.months ?? []}
        pagination={{ pageSize: 12 }}
        columns={[
          { title: '月份', dataIndex: 'month', width: 90 },
          {
            title: '报送时限',
            dataIndex: 'dueAt',
            render: (dueAt: string | null) => (dueAt ? shanghaiDate(new Date(Date.parse(dueAt) - 1).toISOString()) : '—'),
          },
          {
            title: '状态',
            render: (_: unknown, m: MonthReport) => (
              <>
                <Tag color={STATUS[m.status][1]}>{STATUS[m.status][0]}</Tag>
                {m.escalatedTo && <Tag>已上报乡镇</Tag>}
              </>
            ),
          },
          {
            title: '报告内容',
            render: (_: unknown, m: MonthReport) =>
              m.report ? (
                <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 2, expandable: true }}>
                  {m.report.summary}
                  {m.report.problems.length > 0 && `；存在问题：${m.report.problems.join('、')}`}
                  {m.report.nextSteps.length > 0 && `；下步打算：${m.report.nextSteps.join('、')}`}
                </Typography.Paragraph>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}
