import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { shanghaiDate, shanghaiDateTime } from '../api/time';
import { useApi } from '../api/use-api';
import { Chart } from '../charts/Chart';

interface CadreRecord {
  cadre: { cadreId: string; name: string; unitName: string | null; regionCode: string };
  period: { from: string; to: string };
  knownAt: string;
  held: {
    householdId: string;
    villageCode: string;
    from: string;
    to: string | null;
    recordedFrom: string;
    reason: string;
    connectBy: string | null;
  }[];
  visits: {
    byMonth: { month: string; visits: number; households: number; own: number }[];
    list: {
      visitId: string;
      householdId: string;
      kind: string;
      occurredAt: string;
      recordedAt: string;
      lagDays: number;
      ownHousehold: boolean;
      retracted: boolean;
    }[];
  };
  missed: {
    overdueMonths: {
      householdId: string;
      month: string;
      required: number;
      made: number;
      escalatedAt: string | null;
      caughtUpAt: string | null;
    }[];
    handoversNotConnected: { flagId: string; householdId: string; occurredAt: string; eventIds: string[] }[];
  };
  exitSteps: { exitId: string; householdId: string; step: string; action: string; at: string; eventId: string }[];
}

const household = (id: string) => <Link to={`/households/${id}`}>{id}</Link>;
const iso = (d: Dayjs) => d.toISOString();

/**
 * 责任回溯: for a cadre and a period, who held which household when, what they did (visits, exit steps) and what they
 * missed (overdue months, 对接 missed) — read "as known at" a record time, so that what the record said on day K
 * about day T is one screen. A household's own file has the same slider over its timeline.
 */
export default function Trace() {
  const [params, setParams] = useSearchParams();
  const cadre = params.get('cadre') ?? '';
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs().subtract(12, 'month').startOf('month'), dayjs()]);
  const [knownAt, setKnownAt] = useState<Dayjs | null>(null);
  const query = new URLSearchParams({
    from: iso(period[0]),
    to: iso(period[1]),
    ...(knownAt ? { knownAt: iso(knownAt) } : {}),
  });
  const record = useApi<CadreRecord>(cadre ? `/cadres/${encodeURIComponent(cadre)}/record?${query}` : null);
  const chart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: (record.data?.visits.byMonth ?? []).map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '走访次数', type: 'bar', color: '#b7282e', data: (record.data?.visits.byMonth ?? []).map((m) => m.visits) }],
    }),
    [record.data],
  );
  const data = record.data;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title="责任回溯">
        <Form layout="inline" onFinish={({ id }: { id: string }) => setParams({ cadre: id.trim() })} initialValues={{ id: cadre }}>
          <Form.Item name="id" label="帮扶责任人编号" rules={[{ required: true, message: '请填写编号' }]}>
            <Input style={{ width: 200 }} data-testid="trace-cadre" />
          </Form.Item>
          <Form.Item label="期间">
            <DatePicker.RangePicker
              value={period}
              onChange={(value) => value?.[0] && value[1] && setPeriod([value[0], value[1].endOf('day')])}
            />
          </Form.Item>
          <Form.Item label="按记录时点">
            <DatePicker showTime placeholder="现在" value={knownAt} onChange={setKnownAt} data-testid="trace-known-at" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form>
      </Card>
      {record.error && <Alert type="error" showIcon title={record.error} />}
      {data && (
        <>
          <Card data-testid="trace-summary">
            <Descriptions size="small" column={3}>
              <Descriptions.Item label="帮扶责任人">{`${data.cadre.name}（${data.cadre.cadreId}）`}</Descriptions.Item>
              <Descriptions.Item label="帮扶单位">{data.cadre.unitName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="记录时点">{shanghaiDateTime(data.knownAt)}</Descriptions.Item>
              <Descriptions.Item label="期间">{`${shanghaiDate(data.period.from)} — ${shanghaiDate(data.period.to)}`}</Descriptions.Item>
              <Descriptions.Item label="走访">{data.visits.byMonth.reduce((n, m) => n + m.visits, 0)} 次</Descriptions.Item>
              <Descriptions.Item label="未履职">
                <Space>
                  <Tag color={data.missed.overdueMonths.length ? 'red' : 'green'}>逾期未走访 {data.missed.overdueMonths.length} 户月</Tag>
                  <Tag color={data.missed.handoversNotConnected.length ? 'red' : 'green'}>
                    未按期对接 {data.missed.handoversNotConnected.length}
                  </Tag>
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="包保责任">
            <Table
              rowKey={(row) => `${row.householdId}@${row.from}`}
              size="small"
              dataSource={data.held}
              pagination={{ pageSize: 10 }}
              data-testid="trace-held"
              columns={[
                { title: '户编号', dataIndex: 'householdId', render: household },
                { title: '自', dataIndex: 'from', render: shanghaiDate },
                { title: '至', dataIndex: 'to', render: (to: string | null) => (to ? shanghaiDate(to) : '至今') },
                { title: '依据', dataIndex: 'reason' },
                { title: '对接时限', dataIndex: 'connectBy', render: (at: string | null) => (at ? shanghaiDate(at) : '—') },
                { title: '记入', dataIndex: 'recordedFrom', render: shanghaiDateTime },
              ]}
            />
          </Card>
          <Card title="履职：走访与退出环节">
            <Chart option={chart} height={220} testId="trace-visits" />
            <Table
              rowKey="visitId"
              size="small"
              dataSource={data.visits.list}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: '户编号', dataIndex: 'householdId', render: household },
                { title: '类别', dataIndex: 'kind' },
                { title: '业务时间', dataIndex: 'occurredAt', render: shanghaiDateTime },
                { title: '记录时间', dataIndex: 'recordedAt', render: shanghaiDateTime },
                {
                  title: '补录',
                  dataIndex: 'lagDays',
                  render: (days: number) => (days > 0 ? <Tag color="orange">{days} 天后</Tag> : '当日'),
                },
                {
                  title: '',
                  render: (_: unknown, v: CadreRecord['visits']['list'][number]) => (
                    <Space>
                      {!v.ownHousehold && <Tag>非本人包保户</Tag>}
                      {v.retracted && <Tag color="red">已撤回</Tag>}
                    </Space>
                  ),
                },
              ]}
            />
            {data.exitSteps.length > 0 && (
              <Table
                rowKey="eventId"
                size="small"
                style={{ marginTop: 12 }}
                dataSource={data.exitSteps}
                pagination={false}
                columns={[
                  { title: '退出案件', dataIndex: 'exitId' },
                  { title: '户编号', dataIndex: 'householdId', render: household },
                  { title: '环节', dataIndex: 'step' },
                  { title: '时间', dataIndex: 'at', render: shanghaiDateTime },
                ]}
              />
            )}
          </Card>
          <Card title="未履职：逾期未走访与未按期对接">
            <Table
              rowKey={(row) => `${row.householdId}@${row.month}`}
              size="small"
              dataSource={data.missed.overdueMonths}
              pagination={{ pageSize: 10 }}
              data-testid="trace-overdue"
              columns={[
                { title: '户编号', dataIndex: 'householdId', render: household },
                { title: '月份', dataIndex: 'month' },
                {
                  title: '应/实走访',
                  render: (_: unknown, o: CadreRecord['missed']['overdueMonths'][number]) => `${o.required} / ${o.made}`,
                },
                { title: '上报乡镇', dataIndex: 'escalatedAt', render: shanghaiDate },
                { title: '补访', dataIndex: 'caughtUpAt', render: shanghaiDate },
              ]}
            />
            {data.missed.handoversNotConnected.map((flag) => (
              <Typography.Paragraph key={flag.flagId}>
                <Tag color="red">未按期对接</Tag>
                <Link to={`/households/${flag.householdId}?event=${flag.eventIds[0] ?? ''}`}>{flag.householdId}</Link>，包保调整于{' '}
                {shanghaiDate(flag.occurredAt)}
              </Typography.Paragraph>
            ))}
          </Card>
        </>
      )}
    </Space>
  );
}
