import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { shanghaiDateTime, shanghaiDayBound } from '../api/time';
import { useApi } from '../api/use-api';

interface Entry {
  position: number;
  recordedAt: string;
  actor: { id: string; name: string | null; roles: string[]; regionCode: string | null };
  outcome: 'refused' | 'read' | 'revealed' | 'issued' | 'exported';
  action: string | null;
  method: string | null;
  path: string | null;
  code: string | null;
  region: string | null;
  detail: Record<string, unknown>;
}

const OUTCOMES: Record<Entry['outcome'], [string, string]> = {
  refused: ['拒绝', 'red'],
  read: ['查阅个人信息', 'orange'],
  revealed: ['查看完整号码', 'volcano'],
  issued: ['演示登录', 'blue'],
  exported: ['导出表格', 'purple'],
};

/** What an entry's detail says, in words: why it was refused, whose data was read, what was revealed or exported. */
function describe(entry: Entry): string {
  const d = entry.detail as Record<string, string | number | string[] | undefined>;
  switch (entry.outcome) {
    case 'refused':
      return `${String(d.detail ?? '')}（${entry.code ?? ''}）`;
    case 'read':
      return `${String(d.values)} 项个人信息${Array.isArray(d.subjects) && d.subjects.length ? `：${d.subjects.slice(0, 5).join('、')}` : ''}`;
    case 'revealed':
      return `${String(d.stream)} 第 ${String(d.revision)} 条的 ${String(d.field)}，事由：${String(d.reason)}`;
    case 'issued':
      return `演示身份 ${String(d.persona)}，有效至 ${shanghaiDateTime(String(d.expiresAt))}`;
    case 'exported':
      return `${String(d.report)}，${String(d.rows)} 行`;
  }
}

/** 访问日志: refusals, reads and reveals of personal data, demo sign-ins and exported tables, newest first. */
export default function AccessLog() {
  const [outcome, setOutcome] = useState<Entry['outcome'] | undefined>();
  const [actor, setActor] = useState('');
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [before, setBefore] = useState<number | undefined>();
  const query = useMemo(() => {
    return new URLSearchParams({
      limit: '100',
      ...(outcome ? { outcome } : {}),
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(period?.[0] ? { from: shanghaiDayBound(period[0]) } : {}),
      ...(period?.[1] ? { to: shanghaiDayBound(period[1], true) } : {}),
      ...(before ? { before: String(before) } : {}),
    }).toString();
  }, [outcome, actor, period, before]);
  const { data, error } = useApi<{ entries: Entry[]; next: number | null }>(`/access-log?${query}`);

  return (
    <Card title="访问日志">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 160 }}
          value={outcome}
          onChange={(value) => (setOutcome(value), setBefore(undefined))}
          options={Object.entries(OUTCOMES).map(([value, [label]]) => ({ value, label }))}
          data-testid="outcome"
        />
        <Input.Search
          placeholder="操作人账号"
          allowClear
          style={{ width: 220 }}
          onSearch={(value) => (setActor(value), setBefore(undefined))}
        />
        <DatePicker.RangePicker onChange={(value) => (setPeriod(value), setBefore(undefined))} placeholder={['自', '至']} />
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<Entry>
        rowKey="position"
        size="small"
        loading={!data && !error}
        dataSource={data?.entries ?? []}
        pagination={false}
        data-testid="access-log"
        columns={[
          { title: '时间', dataIndex: 'recordedAt', render: shanghaiDateTime, width: 170 },
          {
            title: '类别',
            dataIndex: 'outcome',
            render: (o: Entry['outcome']) => <Tag color={OUTCOMES[o][1]}>{OUTCOMES[o][0]}</Tag>,
          },
          { title: '操作人', render: (_: unknown, e: Entry) => `${e.actor.name ?? ''}（${e.actor.id}）` },
          {
            title: '请求',
            render: (_: unknown, e: Entry) => <Typography.Text code>{`${e.method ?? ''} ${e.path ?? ''}`}</Typography.Text>,
          },
          { title: '区划', dataIndex: 'region' },
          { title: '说明', render: (_: unknown, e: Entry) => describe(e) },
        ]}
      />
      {data?.next && (
        <Button style={{ marginTop: 12 }} onClick={() => setBefore(data.next ?? undefined)}>
          更早的记录
        </Button>
      )}
    </Card>
  );
}
