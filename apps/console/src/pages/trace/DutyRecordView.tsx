import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { FLAG_TYPE_NAMES, STEP_ACTION_NAMES } from '../../../../../libs/domain/src/shared/flag-names';
import { shanghaiDate, shanghaiDateTime } from '../../api/time';
import { Chart } from '../../charts/Chart';
import { may, useMe } from '../../layout/me';
import type { Citable, DutyRecord } from './types';

const household = (id: string | null) => (id ? <Link to={`/households/${id}`}>{id}</Link> : '—');
const dateOrDash = (at: string | null) => (at ? shanghaiDate(at) : '—');
type Picked = Record<'visits' | 'exitSteps' | 'overdue' | 'notConnected', Citable[]>;
const NOTHING_PICKED: Picked = { visits: [], exitSteps: [], overdue: [], notConnected: [] };

/**
 * The part of a 责任回溯 a cadre's and a village's record share: who held which household when, what was done
 * (visits, exit steps) and what was missed (overdue months, 对接 missed). A discipline reviewer picks entries in any
 * of the tables and opens a case on them: each entry names the event it rests on.
 */
export function DutyRecordView({ record, byCadre }: { record: DutyRecord; byCadre: boolean }) {
  const me = useMe();
  const navigate = useNavigate();
  const [picked, setPicked] = useState<Picked>(NOTHING_PICKED);
  const grounds = Object.values(picked).flat();
  const pickable = may(me, 'case.open');
  const selection = <Row,>(table: keyof Picked, cite: (row: Row) => Citable | null) =>
    pickable
      ? {
          selectedRowKeys: picked[table].map((c) => c.eventId),
          onChange: (_keys: unknown, rows: Row[]) =>
            setPicked((now) => ({ ...now, [table]: rows.map(cite).filter((c): c is Citable => c !== null) })),
          getCheckboxProps: (row: Row) => ({ disabled: cite(row) === null }),
        }
      : undefined;
  const openCase = () => {
    const person = grounds.map((g) => g.cadreId).find((c) => c !== null);
    const query = new URLSearchParams({ grounds: grounds.map((g) => g.eventId).join(','), ...(person ? { person } : {}) });
    navigate(`/cases?${query}`);
  };
  const cadreColumn = <Row extends { cadreId: string | null; cadreName: string | null }>(title = '帮扶责任人') =>
    byCadre
      ? []
      : [
          {
            title,
            render: (_: unknown, row: Row) =>
              row.cadreId ? <Link to={`/trace?cadre=${encodeURIComponent(row.cadreId)}`}>{row.cadreName ?? row.cadreId}</Link> : '无',
          },
        ];
  const chart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: record.visits.byMonth.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '走访次数', type: 'bar', color: '#b7282e', data: record.visits.byMonth.map((m) => m.visits) }],
    }),
    [record],
  );

  return (
    <>
      {pickable && (
        <Card size="small">
          <Space>
            <Button type="primary" disabled={grounds.length === 0} onClick={openCase} data-testid="trace-open-case">
              以所选记录立案（{grounds.length}）
            </Button>
            <Typography.Text type="secondary">在下列走访、退出环节、逾期月份和未按期对接中勾选记录，作为问责案件的依据。</Typography.Text>
          </Space>
        </Card>
      )}
      <Card title="包保责任">
        <Table
          rowKey={(row) => `${row.householdId}@${row.from}`}
          size="small"
          dataSource={record.held}
          pagination={{ pageSize: 10 }}
          data-testid="trace-held"
          columns={[
            { title: '户编号', dataIndex: 'householdId', render: household },
            ...cadreColumn<DutyRecord['held'][number]>(),
            { title: '自', dataIndex: 'from', render: shanghaiDate },
            { title: '至', dataIndex: 'to', render: (to: string | null) => (to ? shanghaiDate(to) : '至今') },
            { title: '依据', dataIndex: 'reason' },
            { title: '对接时限', dataIndex: 'connectBy', render: dateOrDash },
            { title: '记入', dataIndex: 'recordedFrom', render: shanghaiDateTime },
          ]}
        />
      </Card>
      <Card title="履职：走访与退出环节">
        <Chart option={chart} height={220} testId="trace-visits" />
        <Table
          rowKey={(v) => v.eventId ?? v.visitId}
          size="small"
          dataSource={record.visits.list}
          pagination={{ pageSize: 10 }}
          data-testid="trace-visit-list"
          rowSelection={selection<DutyRecord['visits']['list'][number]>('visits', (v) =>
            v.eventId ? { eventId: v.eventId, cadreId: v.cadreId } : null,
          )}
          columns={[
            { title: '户编号', dataIndex: 'householdId', render: household },
            ...cadreColumn<DutyRecord['visits']['list'][number]>('走访人'),
            { title: '类别', dataIndex: 'kind' },
            { title: '业务时间', dataIndex: 'occurredAt', render: shanghaiDateTime },
            { title: '记录时间', dataIndex: 'recordedAt', render: shanghaiDateTime },
            { title: '补录', dataIndex: 'lagDays', render: (days: number) => (days > 0 ? <Tag color="orange">{days} 天后</Tag> : '当日') },
            {
              title: '',
              render: (_: unknown, v: DutyRecord['visits']['list'][number]) => (
                <Space>
                  {!v.ownHousehold && <Tag>非本人包保户</Tag>}
                  {v.retracted && <Tag color="red">已撤回</Tag>}
                </Space>
              ),
            },
          ]}
        />
        {record.exitSteps.length > 0 && (
          <Table
            rowKey="eventId"
            size="small"
            style={{ marginTop: 12 }}
            dataSource={record.exitSteps}
            pagination={{ pageSize: 10 }}
            data-testid="trace-exit-steps"
            rowSelection={selection<DutyRecord['exitSteps'][number]>('exitSteps', (s) => ({ eventId: s.eventId, cadreId: s.actorId }))}
            columns={[
              { title: '退出案件', dataIndex: 'exitId' },
              {
                title: '对象',
                render: (_: unknown, s: DutyRecord['exitSteps'][number]) => (s.householdId ? household(s.householdId) : '本村'),
              },
              { title: '环节', dataIndex: 'title' },
              { title: '办理', dataIndex: 'action', render: (action: string) => STEP_ACTION_NAMES[action] ?? action },
              ...(byCadre
                ? []
                : [{ title: '经办人', render: (_: unknown, s: DutyRecord['exitSteps'][number]) => s.actorName ?? s.actorId }]),
              { title: '时间', dataIndex: 'at', render: shanghaiDateTime },
            ]}
          />
        )}
      </Card>
      <Card title="未履职：逾期未走访与未按期对接">
        <Table
          rowKey={(o) => o.eventId ?? `${o.householdId}@${o.month}`}
          size="small"
          dataSource={record.missed.overdueMonths}
          pagination={{ pageSize: 10 }}
          data-testid="trace-overdue"
          rowSelection={selection<DutyRecord['missed']['overdueMonths'][number]>('overdue', (o) =>
            o.eventId ? { eventId: o.eventId, cadreId: o.cadreId } : null,
          )}
          columns={[
            { title: '户编号', dataIndex: 'householdId', render: household },
            ...cadreColumn<DutyRecord['missed']['overdueMonths'][number]>(),
            { title: '月份', dataIndex: 'month' },
            { title: '应/实走访', render: (_: unknown, o: DutyRecord['missed']['overdueMonths'][number]) => `${o.required} / ${o.made}` },
            { title: '上报乡镇', dataIndex: 'escalatedAt', render: dateOrDash },
            { title: '补访', dataIndex: 'caughtUpAt', render: dateOrDash },
          ]}
        />
        {record.missed.handoversNotConnected.length > 0 && (
          <Table
            rowKey={(f) => f.eventIds[0] ?? f.flagId}
            size="small"
            style={{ marginTop: 12 }}
            dataSource={record.missed.handoversNotConnected}
            pagination={false}
            data-testid="trace-not-connected"
            rowSelection={selection<DutyRecord['missed']['handoversNotConnected'][number]>('notConnected', (f) =>
              f.eventIds[0] ? { eventId: f.eventIds[0], cadreId: f.cadreId } : null,
            )}
            columns={[
              { title: '问题', render: () => <Tag color="red">{FLAG_TYPE_NAMES.HANDOVER_NOT_CONNECTED}</Tag> },
              {
                title: '户编号',
                render: (_: unknown, f: DutyRecord['missed']['handoversNotConnected'][number]) => (
                  <Link to={`/households/${f.householdId}?event=${f.eventIds[0] ?? ''}`}>{f.householdId}</Link>
                ),
              },
              ...cadreColumn<DutyRecord['missed']['handoversNotConnected'][number]>(),
              { title: '包保调整于', dataIndex: 'occurredAt', render: shanghaiDate },
            ]}
          />
        )}
      </Card>
    </>
  );
}
