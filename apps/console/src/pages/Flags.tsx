import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { FLAG_TYPE_NAMES } from '../../../../libs/domain/src/shared/flag-names';
import { api, newIdempotencyKey } from '../api/client';
import { messageOf } from '../api/messages';
import { shanghaiDate, shanghaiDayBound } from '../api/time';
import { DownloadButton } from '../components/DownloadButton';
import { RegionPicker } from '../components/RegionPicker';
import { may, useMe } from '../layout/me';

interface Flag {
  flagId: string;
  type: string;
  status: 'open' | 'explained' | 'confirmed' | 'closed';
  householdId: string | null;
  villageCode: string;
  cadreId: string | null;
  cadreName: string | null;
  occurredAt: string;
  details: Record<string, unknown>;
  eventIds: string[];
  handling: { status: string; note: string; by?: { id: string; name?: string } }[];
}

// One table of Chinese names for the console and the API's workbooks.
export const FLAG_TYPES = FLAG_TYPE_NAMES;
const STATUS: Record<Flag['status'], [string, string]> = {
  open: ['待处理', 'red'],
  explained: ['已说明', 'orange'],
  confirmed: ['属实', 'volcano'],
  closed: ['办结', 'green'],
};
/** Who may take each step (the API's FLAG_REVIEW_ROLES; the API refuses anyone else, so this only hides buttons). */
const ACTIONS: { status: Flag['status']; label: string; roles: string[] }[] = [
  { status: 'explained', label: '说明', roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'] },
  { status: 'confirmed', label: '属实', roles: ['inspector', 'township-reviewer', 'county-admin'] },
  { status: 'closed', label: '办结', roles: ['inspector', 'township-reviewer', 'county-admin'] },
];

/** 问题线索: every flag with its cited events one click away, and the review actions for the roles allowed. */
export default function Flags() {
  const me = useMe();
  const { message } = App.useApp();
  const [type, setType] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [region, setRegion] = useState<string | undefined>();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [flags, setFlags] = useState<Flag[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState<{ flag: Flag; status: Flag['status'] } | null>(null);
  const [form] = Form.useForm<{ note: string }>();

  const query = useMemo(() => {
    return new URLSearchParams({
      limit: '500',
      ...(type ? { type } : {}),
      ...(status ? { status } : {}),
      ...(region ? { region } : {}),
      ...(period?.[0] ? { from: shanghaiDayBound(period[0]) } : {}),
      ...(period?.[1] ? { to: shanghaiDayBound(period[1], true) } : {}),
    }).toString();
  }, [type, status, region, period]);
  const load = useCallback(() => {
    api<{ flags: Flag[] }>(`/flags?${query}`).then(
      (answer) => setFlags(answer.flags),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [query]);
  useEffect(load, [load]);

  const review = async ({ note }: { note: string }) => {
    if (!reviewing) return;
    try {
      await api(`/flags/${encodeURIComponent(reviewing.flag.flagId)}/review`, {
        method: 'POST',
        body: { status: reviewing.status, note },
        idempotencyKey: newIdempotencyKey(),
      });
      message.success('已处理');
      setReviewing(null);
      form.resetFields();
      load();
    } catch (failure) {
      message.error(messageOf(failure));
    }
  };

  return (
    <Card title="问题线索">
      {error && <Alert type="error" showIcon title={error} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="类型"
          style={{ width: 200 }}
          value={type}
          onChange={setType}
          options={Object.entries(FLAG_TYPES).map(([value, label]) => ({ value, label }))}
          data-testid="flag-type"
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(STATUS).map(([value, [label]]) => ({ value, label }))}
        />
        <RegionPicker root={me.regionCode} value={region ?? me.regionCode} onChange={setRegion} />
        <DatePicker.RangePicker value={period} onChange={(value) => setPeriod(value)} placeholder={['发生自', '至']} />
        <Typography.Text data-testid="flag-count">{flags ? `共 ${flags.length} 条` : ''}</Typography.Text>
        <DownloadButton path={`/exports/flags.xlsx?${query}`} />
      </Space>
      <Table
        rowKey="flagId"
        loading={!flags}
        dataSource={flags ?? []}
        size="small"
        scroll={{ x: true }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '类型', dataIndex: 'type', render: (t: string) => FLAG_TYPES[t] ?? t },
          { title: '状态', dataIndex: 'status', render: (s: Flag['status']) => <Tag color={STATUS[s][1]}>{STATUS[s][0]}</Tag> },
          { title: '户', dataIndex: 'householdId', render: (h: string | null) => (h ? <Link to={`/households/${h}`}>{h}</Link> : '—') },
          { title: '责任人', render: (_: unknown, f: Flag) => f.cadreName ?? f.cadreId ?? '—' },
          { title: '发生', dataIndex: 'occurredAt', render: shanghaiDate },
          {
            title: '依据记录',
            render: (_: unknown, flag: Flag) =>
              flag.householdId ? (
                <Space size={4} wrap>
                  {flag.eventIds.map((id, i) => (
                    <Link key={id} to={`/households/${flag.householdId}?event=${id}`} data-testid="cited-event">
                      {`记录${i + 1}`}
                    </Link>
                  ))}
                </Space>
              ) : (
                `${flag.eventIds.length} 条`
              ),
          },
          {
            title: '处理',
            render: (_: unknown, flag: Flag) =>
              may(me, 'flags.review') && flag.status !== 'closed' ? (
                <Space>
                  {ACTIONS.filter((a) => a.status !== flag.status && a.roles.some((role) => me.roles.includes(role))).map((a) => (
                    <Button
                      key={a.status}
                      size="small"
                      onClick={() => setReviewing({ flag, status: a.status })}
                      data-testid={`review-${a.status}`}
                    >
                      {a.label}
                    </Button>
                  ))}
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={reviewing !== null}
        title={
          reviewing
            ? `${ACTIONS.find((a) => a.status === reviewing.status)?.label} · ${FLAG_TYPES[reviewing.flag.type] ?? reviewing.flag.type}`
            : ''
        }
        onCancel={() => setReviewing(null)}
        onOk={() => form.submit()}
        okText="提交"
        cancelText="取消"
      >
        <Form form={form} layout="vertical" onFinish={review}>
          <Form.Item name="note" label="说明" rules={[{ required: true, message: '请填写说明' }]}>
            <Input.TextArea rows={3} data-testid="review-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
