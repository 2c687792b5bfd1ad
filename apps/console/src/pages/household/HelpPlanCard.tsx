import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { messageOf } from '../../api/messages';
import { MEASURE_KINDS, VISIT_CHECKS } from '../../../../../libs/domain/src/shared/flag-names';
import { may, useMe } from '../../layout/me';

interface Measure {
  measureId: string;
  kind: string;
  promise: string;
  cadreId: string;
  cadreName: string | null;
  dueOn: string;
  addresses: string[];
  status: 'open' | 'delivered' | 'not_delivered';
  revisions: number;
  deliveredOn: string | null;
  onTime: boolean | null;
  via: { kind: 'fund'; fundId: string; disbursementId: string } | { kind: 'project'; projectId: string } | null;
  reason: string | null;
}
interface Plan {
  measures: Measure[];
  counts: { measures: number; open: number; delivered: number; notDelivered: number };
}

const CHECKS: Readonly<Record<string, string>> = VISIT_CHECKS;

function statusTag(measure: Measure, today: string) {
  if (measure.status === 'delivered')
    return <Tag color={measure.onTime ? 'green' : 'orange'}>{measure.onTime ? '已按期落实' : '逾期落实'}</Tag>;
  if (measure.status === 'not_delivered') return <Tag>未落实</Tag>;
  return measure.dueOn < today ? <Tag color="red">已逾期</Tag> : <Tag color="blue">推进中</Tag>;
}

function channel(via: Measure['via']) {
  if (!via) return null;
  return via.kind === 'fund' ? `资金 ${via.fundId}（拨付 ${via.disbursementId}）` : `项目 ${via.projectId}`;
}

const day = (value: Dayjs) => value.format('YYYY-MM-DD');

/**
 * 一户一策: the household's help plan as it stood at `knownAt` (now when null) — each measure with its promise,
 * responsible cadre, due day and delivery — and, for those who may, adding a measure and recording its delivery.
 */
export function HelpPlanCard({
  householdId,
  knownAt,
  responsibleCadreId,
}: {
  householdId: string;
  knownAt: string | null;
  responsibleCadreId?: string;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [reload, setReload] = useState(0);
  const [adding, setAdding] = useState(false);
  const [delivering, setDelivering] = useState<Measure | null>(null);
  const [addForm] = Form.useForm();
  const [deliveryForm] = Form.useForm();
  // Today in Shanghai, the calendar a due day is kept in.
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

  useEffect(() => {
    api<Plan>(`/households/${householdId}/plan${knownAt ? `?knownAt=${knownAt}` : ''}`).then(setPlan, () => setPlan(null));
  }, [householdId, knownAt, reload]);

  const send = async (path: string, body: unknown, done: string) => {
    try {
      await api(`/households/${householdId}/plan/${path}`, { method: 'POST', body, idempotencyKey: newIdempotencyKey() });
      message.success(done);
      setReload((n) => n + 1);
      return true;
    } catch (failure) {
      message.error(messageOf(failure));
      return false;
    }
  };
  const add = async () => {
    const values = await addForm.validateFields();
    const body = { ...values, dueOn: day(values.dueOn), addresses: values.addresses ?? [], measureId: `m-${Date.now().toString(36)}` };
    if (await send('measures', body, '措施已加入帮扶计划')) {
      setAdding(false);
      addForm.resetFields();
    }
  };
  const deliver = async () => {
    if (!delivering) return;
    const values = await deliveryForm.validateFields();
    const body = { delivered: true, deliveredOn: day(values.deliveredOn), evidence: [values.evidence], note: values.note ?? '' };
    if (await send(`measures/${delivering.measureId}/delivery`, body, '已登记落实')) {
      setDelivering(null);
      deliveryForm.resetFields();
    }
  };
  const acts = may(me, 'plan.measure') && knownAt === null;

  return (
    <Card
      title="一户一策帮扶计划"
      data-testid="help-plan"
      extra={
        acts && (
          <Button onClick={() => setAdding(true)} data-testid="add-measure">
            添加措施
          </Button>
        )
      }
    >
      {plan && (
        <Typography.Paragraph type="secondary">
          共 {plan.counts.measures} 项措施：已落实 {plan.counts.delivered} 项，推进中 {plan.counts.open} 项，未落实{' '}
          {plan.counts.notDelivered} 项
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey="measureId"
        pagination={false}
        dataSource={plan?.measures ?? []}
        locale={{ emptyText: '尚未制定帮扶计划' }}
        scroll={{ x: true }}
        columns={[
          { title: '类别', dataIndex: 'kind' },
          { title: '帮扶内容', dataIndex: 'promise' },
          { title: '针对', dataIndex: 'addresses', render: (checks: string[]) => checks.map((c) => CHECKS[c] ?? c).join('、') || '—' },
          { title: '责任人', render: (_: unknown, m: Measure) => m.cadreName ?? m.cadreId },
          { title: '完成时限', dataIndex: 'dueOn' },
          { title: '状态', render: (_: unknown, m: Measure) => statusTag(m, today) },
          {
            title: '落实情况',
            render: (_: unknown, m: Measure) =>
              m.status === 'delivered' ? (
                <Space orientation="vertical" size={0}>
                  <span>{m.deliveredOn} 落实</span>
                  {m.via && <Typography.Text type="secondary">{channel(m.via)}</Typography.Text>}
                </Space>
              ) : m.status === 'not_delivered' ? (
                m.reason
              ) : acts ? (
                <Button size="small" onClick={() => setDelivering(m)} data-testid="deliver-measure">
                  登记落实
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal open={adding} title="添加帮扶措施" onCancel={() => setAdding(false)} onOk={add} okText="加入计划" cancelText="取消">
        <Form form={addForm} layout="vertical" initialValues={{ cadreId: responsibleCadreId ?? me.id }}>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={MEASURE_KINDS.map((k) => ({ value: k, label: k }))} data-testid="measure-kind" />
          </Form.Item>
          <Form.Item name="promise" label="帮扶内容" rules={[{ required: true, message: '请填写帮扶内容' }]}>
            <Input.TextArea rows={2} data-testid="measure-promise" />
          </Form.Item>
          <Form.Item name="cadreId" label="责任人" rules={[{ required: true, message: '请填写责任人' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="dueOn" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
            <DatePicker data-testid="measure-due" />
          </Form.Item>
          <Form.Item name="addresses" label="针对的“两不愁三保障”问题">
            <Select mode="multiple" options={Object.entries(CHECKS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={delivering !== null}
        title="登记措施落实"
        onCancel={() => setDelivering(null)}
        onOk={deliver}
        okText="登记"
        cancelText="取消"
      >
        <Form form={deliveryForm} layout="vertical">
          <Form.Item name="deliveredOn" label="落实日期" rules={[{ required: true, message: '请选择落实日期' }]}>
            <DatePicker data-testid="delivered-on" />
          </Form.Item>
          <Form.Item name="evidence" label="佐证材料" rules={[{ required: true, message: '请填写佐证材料' }]}>
            <Input placeholder="如：发放签收单、照片" data-testid="delivery-evidence" />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
