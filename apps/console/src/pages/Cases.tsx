import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, newIdempotencyKey } from '../api/client';
import { messageOf } from '../api/messages';
import { shanghaiDate, shanghaiDateTime } from '../api/time';
import { useApi } from '../api/use-api';
import { may, useMe } from '../layout/me';

interface Party {
  partyId: string;
  role: 'subject' | 'unit' | 'lead-official';
  kind: 'person' | 'unit';
  name: string;
  basis: string;
}
interface CaseLine {
  caseId: string;
  regionCode: string;
  against: { kind: string; id: string };
  summary: string;
  parties: Party[];
  decided: number;
  openedAt: string;
}
interface Ground {
  eventId: string;
  found: boolean;
  streamId?: string;
  type?: string;
  occurredAt?: string | null;
  recordedAt?: string;
}
interface CaseDetail extends Omit<CaseLine, 'decided'> {
  grounds: Ground[];
  groundsAt: string;
  openedBy: string;
  decisions: { partyId: string; decision: string; reason: string; decidedAt: string; decidedBy: string; eventId: string }[];
}

const ROLES: Record<Party['role'], string> = { subject: '立案对象', unit: '帮扶单位', 'lead-official': '时任牵头领导' };
// As the domain's CASE_DECISIONS lists them (the API refuses any other).
const DECISIONS = ['谈话提醒', '通报批评', '诫勉', '组织处理', '党纪政务处分'];

/** Where a ground can be read in context: a household's own timeline, the event highlighted. */
function groundLink(ground: Ground) {
  const household = /^household-(\d{16})$/.exec(ground.streamId ?? '')?.[1];
  if (household) return <Link to={`/households/${household}?event=${ground.eventId}`}>在时间线中查看</Link>;
  return <Typography.Text type="secondary">{ground.streamId ?? '记录不存在'}</Typography.Text>;
}

/** 问责案件: cases with their grounds, the parties the record derives, a decision per party; opening one on picked events. */
export default function Cases() {
  const me = useMe();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [opened, setOpened] = useState<string | null>(null);
  const list = useApi<{ cases: CaseLine[] }>('/cases?limit=200');
  const detail = useApi<CaseDetail>(opened ? `/cases/${encodeURIComponent(opened)}` : null);
  const [deciding, setDeciding] = useState<Party | null>(null);
  const [decisionForm] = Form.useForm<{ decision: string; reason: string }>();
  const [openForm] = Form.useForm<{ caseId: string; kind: 'person' | 'unit'; id: string; summary: string }>();
  const proposed = params.get('grounds')?.split(',').filter(Boolean) ?? [];

  const openCase = async (values: { caseId: string; kind: 'person' | 'unit'; id: string; summary: string }) => {
    try {
      await api('/cases', {
        method: 'POST',
        body: { caseId: values.caseId, against: { kind: values.kind, id: values.id }, summary: values.summary, groundEventIds: proposed },
        idempotencyKey: newIdempotencyKey(),
      });
      message.success('已立案');
      setParams({});
      list.reload();
      setOpened(values.caseId);
    } catch (failure) {
      message.error(messageOf(failure));
    }
  };

  const decide = async (values: { decision: string; reason: string }) => {
    if (!deciding || !opened) return;
    try {
      await api(`/cases/${encodeURIComponent(opened)}/decision`, {
        method: 'POST',
        body: { partyId: deciding.partyId, ...values },
        idempotencyKey: newIdempotencyKey(),
      });
      message.success('已记录处理决定');
      setDeciding(null);
      decisionForm.resetFields();
      detail.reload();
      list.reload();
    } catch (failure) {
      message.error(messageOf(failure));
    }
  };

  return (
    <Card title="问责案件">
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<CaseLine>
        rowKey="caseId"
        size="small"
        loading={!list.data && !list.error}
        dataSource={list.data?.cases ?? []}
        onRow={(row) => ({ onClick: () => setOpened(row.caseId), style: { cursor: 'pointer' } })}
        data-testid="cases"
        columns={[
          { title: '案件编号', dataIndex: 'caseId' },
          { title: '事由', dataIndex: 'summary' },
          { title: '当事方', render: (_: unknown, c: CaseLine) => c.parties.map((p) => p.name).join('、') },
          { title: '已处理', render: (_: unknown, c: CaseLine) => `${c.decided} / ${c.parties.length}` },
          { title: '立案日期', dataIndex: 'openedAt', render: shanghaiDate },
        ]}
      />
      <Drawer
        open={opened !== null}
        onClose={() => setOpened(null)}
        size="large"
        title={detail.data ? `案件 ${detail.data.caseId}` : '案件'}
      >
        {detail.error && <Alert type="error" showIcon title={detail.error} />}
        {detail.data && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="case-detail">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="事由">{detail.data.summary}</Descriptions.Item>
              <Descriptions.Item label="依据发生于">{shanghaiDateTime(detail.data.groundsAt)}</Descriptions.Item>
              <Descriptions.Item label="立案">{`${shanghaiDateTime(detail.data.openedAt)} · ${detail.data.openedBy}`}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>立案依据</Typography.Title>
            <Table<Ground>
              rowKey="eventId"
              size="small"
              pagination={false}
              dataSource={detail.data.grounds}
              data-testid="case-grounds"
              columns={[
                { title: '记录', dataIndex: 'eventId', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
                { title: '事项', dataIndex: 'type' },
                { title: '业务时间', dataIndex: 'occurredAt', render: shanghaiDateTime },
                { title: '', render: (_: unknown, g: Ground) => groundLink(g) },
              ]}
            />
            <Typography.Title level={5}>当事方（由记录推出）</Typography.Title>
            <Table<Party>
              rowKey="partyId"
              size="small"
              pagination={false}
              dataSource={detail.data.parties}
              data-testid="case-parties"
              columns={[
                { title: '身份', dataIndex: 'role', render: (role: Party['role']) => <Tag>{ROLES[role] ?? role}</Tag> },
                {
                  title: '姓名/单位',
                  render: (_: unknown, p: Party) =>
                    p.kind === 'person' && !p.partyId.startsWith('lead:') ? (
                      <Link to={`/trace?cadre=${encodeURIComponent(p.partyId)}`}>{p.name}</Link>
                    ) : (
                      p.name
                    ),
                },
                { title: '记录依据', dataIndex: 'basis' },
                {
                  title: '处理决定',
                  render: (_: unknown, p: Party) => {
                    const decision = detail.data!.decisions.find((d) => d.partyId === p.partyId);
                    if (decision) return `${decision.decision}（${decision.reason}，${shanghaiDate(decision.decidedAt)}）`;
                    return may(me, 'case.decide') ? (
                      <Button size="small" onClick={() => setDeciding(p)}>
                        记录决定
                      </Button>
                    ) : (
                      '待处理'
                    );
                  },
                },
              ]}
            />
          </Space>
        )}
      </Drawer>
      <Modal
        open={deciding !== null}
        title={`处理决定 · ${deciding?.name ?? ''}`}
        onCancel={() => setDeciding(null)}
        onOk={() => decisionForm.submit()}
        okText="记录"
        cancelText="取消"
      >
        <Form form={decisionForm} layout="vertical" onFinish={decide}>
          <Form.Item name="decision" label="决定" rules={[{ required: true, message: '请选择' }]}>
            <Select options={DECISIONS.map((d) => ({ value: d, label: d }))} />
          </Form.Item>
          <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={proposed.length > 0 && may(me, 'case.open')}
        title={`以 ${proposed.length} 条记录立案`}
        onCancel={() => setParams({})}
        onOk={() => openForm.submit()}
        okText="立案"
        cancelText="取消"
      >
        <Form
          form={openForm}
          layout="vertical"
          onFinish={openCase}
          initialValues={{
            kind: 'person',
            id: params.get('person') ?? '',
            caseId: `case-${new Date().toISOString().slice(0, 10)}-${proposed[0]?.slice(0, 6) ?? ''}`,
          }}
        >
          <Form.Item name="caseId" label="案件编号" rules={[{ required: true, message: '请填写' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="立案对象">
            <Space.Compact>
              <Form.Item name="kind" noStyle>
                <Select
                  style={{ width: 100 }}
                  options={[
                    { value: 'person', label: '个人' },
                    { value: 'unit', label: '单位' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="id" noStyle rules={[{ required: true, message: '请填写编号' }]}>
                <Input placeholder="帮扶责任人或单位编号" data-testid="case-against" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
          <Form.Item name="summary" label="事由" rules={[{ required: true, message: '请填写事由' }]}>
            <Input.TextArea rows={3} data-testid="case-summary" />
          </Form.Item>
          <Typography.Text type="secondary">依据：{proposed.join('、')}</Typography.Text>
        </Form>
      </Modal>
    </Card>
  );
}
