import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, newIdempotencyKey } from '../api/client';
import { messageOf } from '../api/messages';
import { shanghaiDateTime, fromShanghaiLocal, shanghaiLocalNow } from '../api/time';
import { RegionPicker } from '../components/RegionPicker';
import { may, useMe } from '../layout/me';

interface Inspection {
  inspectionId: string;
  regionCode: string;
  kind: 'household' | 'village';
  purpose: string;
  team: string;
  seed: string;
  populationSize: number;
  populationDigest?: string;
  sample?: string[];
  sampleSize?: number;
  drawnAt: string;
  findings: number | Finding[];
  openFindings?: number;
}
interface Finding {
  findingId: string;
  target: { kind: string; id: string };
  type: string;
  severity: string;
  description: string;
  status: 'recorded' | 'ordered' | 'reported' | 'closed' | 'reopened';
  deadline: string | null;
  responsible: string | null;
  overdue: boolean;
  eventIds: string[];
}
interface TimelineEntry {
  eventId: string;
  type: string;
  occurredAt: string;
}

const STATUS: Record<Finding['status'], [string, string]> = {
  recorded: ['待下达整改', 'default'],
  ordered: ['整改中', 'orange'],
  reported: ['待核验', 'blue'],
  closed: ['已销号', 'green'],
  reopened: ['重新整改', 'red'],
};
const ORDER_ROLES = ['inspector', 'township-reviewer', 'county-admin'];
const REPORT_ROLES = ['cadre', 'work-team', 'township-reviewer', 'county-admin'];
const VERIFY_ROLES = ['inspector', 'township-reviewer', 'county-admin'];

/** 随机抽查: draw a sample, see the recorded draw, record findings citing events, and carry them to 销号. */
export default function Inspections() {
  const me = useMe();
  const { message } = App.useApp();
  const [list, setList] = useState<Inspection[] | null>(null);
  const [selected, setSelected] = useState<Inspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drawForm] = Form.useForm();
  const [target, setTarget] = useState<string | null>(null);

  const loadList = useCallback(() => {
    api<{ inspections: Inspection[] }>('/inspections').then(
      (a) => setList(a.inspections),
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);
  const open = useCallback((inspectionId: string) => {
    api<Inspection>(`/inspections/${encodeURIComponent(inspectionId)}`).then(setSelected, (e: unknown) => setError(messageOf(e)));
  }, []);
  useEffect(loadList, [loadList]);

  const draw = async (values: {
    regionCode: string;
    kind: 'household' | 'village';
    size: number;
    seed?: string;
    purpose: string;
    team: string;
  }) => {
    const inspectionId = `insp-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      await api('/inspections', {
        method: 'POST',
        body: { inspectionId, ...values, seed: values.seed || undefined },
        idempotencyKey: newIdempotencyKey(),
      });
      message.success('已抽取');
      loadList();
      open(inspectionId);
    } catch (failure) {
      message.error(messageOf(failure));
    }
  };
  const act = async (finding: Finding, body: Record<string, unknown>) => {
    try {
      await api(`/findings/${encodeURIComponent(finding.findingId)}/rectification`, {
        method: 'POST',
        body,
        idempotencyKey: newIdempotencyKey(),
      });
      message.success('已办理');
      loadList();
      if (selected) open(selected.inspectionId);
    } catch (failure) {
      message.error(messageOf(failure));
    }
  };

  const findings = selected && Array.isArray(selected.findings) ? selected.findings : [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={16}>
        {may(me, 'inspection.draw') && (
          <Col xs={24} lg={10}>
            <Card title="抽取样本">
              <Form
                form={drawForm}
                layout="vertical"
                onFinish={draw}
                initialValues={{
                  regionCode: me.regionCode === '000000' ? '220000' : me.regionCode,
                  kind: 'household',
                  size: 5,
                  purpose: '季度随机抽查',
                  team: me.name ?? '督查组',
                }}
              >
                <Form.Item name="regionCode" label="抽查范围" rules={[{ required: true }]}>
                  <RegionPicker
                    root={me.regionCode}
                    value={drawForm.getFieldValue('regionCode')}
                    onChange={(code) => drawForm.setFieldValue('regionCode', code)}
                  />
                </Form.Item>
                <Form.Item name="kind" label="抽查对象">
                  <Radio.Group
                    options={[
                      { value: 'household', label: '农户' },
                      { value: 'village', label: '村' },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="size" label="样本数" rules={[{ required: true }]}>
                  <InputNumber min={1} max={10000} />
                </Form.Item>
                <Form.Item name="seed" label="随机种子（可不填，由系统生成并记录）">
                  <Input data-testid="draw-seed" />
                </Form.Item>
                <Form.Item name="purpose" label="抽查目的" rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="team" label="督查组" rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Button type="primary" htmlType="submit" data-testid="draw">
                  抽取
                </Button>
              </Form>
            </Card>
          </Col>
        )}
        <Col xs={24} lg={may(me, 'inspection.draw') ? 14 : 24}>
          <Card title="抽查记录">
            <Table
              rowKey="inspectionId"
              loading={!list}
              dataSource={list ?? []}
              size="small"
              pagination={{ pageSize: 10 }}
              onRow={(row) => ({ onClick: () => open(row.inspectionId), style: { cursor: 'pointer' } })}
              columns={[
                { title: '编号', dataIndex: 'inspectionId' },
                { title: '范围', dataIndex: 'regionCode' },
                { title: '样本', render: (_: unknown, r: Inspection) => `${r.sampleSize} / ${r.populationSize}` },
                { title: '问题', render: (_: unknown, r: Inspection) => `${r.openFindings} 未销号 / ${String(r.findings)}` },
                { title: '抽取时间', dataIndex: 'drawnAt', render: shanghaiDateTime },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {selected && (
        <Card title={`抽查 ${selected.inspectionId}`} data-testid="inspection">
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label="目的">{selected.purpose}</Descriptions.Item>
            <Descriptions.Item label="督查组">{selected.team}</Descriptions.Item>
            <Descriptions.Item label="随机种子">
              <Typography.Text code data-testid="seed">
                {selected.seed}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="总体">{`${selected.populationSize} 个，摘要 ${selected.populationDigest?.slice(0, 16)}…`}</Descriptions.Item>
          </Descriptions>
          <List
            header={<strong>样本</strong>}
            dataSource={selected.sample ?? []}
            renderItem={(id) => (
              <List.Item
                data-testid={`sampled-${id}`}
                actions={
                  may(me, 'finding.record')
                    ? [
                        <Button key="f" size="small" onClick={() => setTarget(id)}>
                          记录问题
                        </Button>,
                      ]
                    : []
                }
              >
                {selected.kind === 'household' ? (
                  <Link to={`/households/${id}`}>{id}</Link>
                ) : (
                  <Link to={`/regions/${id}/households`}>{id}</Link>
                )}
              </List.Item>
            )}
          />
          <Typography.Title level={5}>问题与整改</Typography.Title>
          <Table
            rowKey="findingId"
            dataSource={findings}
            size="small"
            pagination={false}
            scroll={{ x: true }}
            columns={[
              { title: '问题', render: (_: unknown, f: Finding) => `${f.type}（${f.severity}）：${f.description}` },
              { title: '对象', render: (_: unknown, f: Finding) => f.target.id },
              { title: '状态', render: (_: unknown, f: Finding) => <Tag color={STATUS[f.status][1]}>{STATUS[f.status][0]}</Tag> },
              { title: '依据', render: (_: unknown, f: Finding) => `${f.eventIds.length} 条记录` },
              {
                title: '办理',
                render: (_: unknown, f: Finding) => <Rectify finding={f} roles={me.roles} onAct={(body) => act(f, body)} />,
              },
            ]}
          />
        </Card>
      )}
      {target && selected && (
        <FindingForm
          inspection={selected}
          targetId={target}
          onClose={() => setTarget(null)}
          onRecorded={() => {
            setTarget(null);
            loadList();
            open(selected.inspectionId);
          }}
        />
      )}
    </Space>
  );
}

/** The next step of a finding's rectification, for the roles that may take it: 下达 → 报告 → 核验 (销号). */
function Rectify({ finding, roles, onAct }: { finding: Finding; roles: string[]; onAct: (body: Record<string, unknown>) => void }) {
  const can = (allowed: string[]) => roles.some((role) => allowed.includes(role));
  const [text, setText] = useState('');
  const [responsible, setResponsible] = useState('');
  const [deadline, setDeadline] = useState(shanghaiLocalNow(new Date(Date.now() + 30 * 86_400_000)));
  const ordering = (finding.status === 'recorded' || finding.status === 'reopened') && can(ORDER_ROLES);
  useEffect(() => {
    // Who must rectify: by default the household's responsible cadre.
    if (!ordering || finding.target.kind !== 'household') return;
    api<{ responsibleCadre: { cadreId: string } | null }>(`/households/${finding.target.id}`).then(
      (h) => setResponsible((current) => current || (h.responsibleCadre?.cadreId ?? '')),
      () => undefined,
    );
  }, [ordering, finding.target.kind, finding.target.id]);
  if (ordering) {
    return (
      <Space wrap>
        <Input size="small" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} style={{ width: 200 }} />
        <Input
          size="small"
          placeholder="责任人编号"
          value={responsible}
          onChange={(e) => setResponsible(e.target.value)}
          style={{ width: 140 }}
          data-testid="order-responsible"
        />
        <Input size="small" placeholder="整改要求" value={text} onChange={(e) => setText(e.target.value)} data-testid="order-requirement" />
        <Button
          size="small"
          type="primary"
          data-testid="order"
          onClick={() => onAct({ action: 'order', deadline: fromShanghaiLocal(deadline), requirement: text || '限期整改', responsible })}
        >
          下达整改
        </Button>
      </Space>
    );
  }
  if (finding.status === 'ordered' && can(REPORT_ROLES)) {
    return (
      <Space wrap>
        <Input size="small" placeholder="整改措施" value={text} onChange={(e) => setText(e.target.value)} data-testid="report-measures" />
        <Button
          size="small"
          type="primary"
          data-testid="report"
          onClick={() => onAct({ action: 'report', measures: text || '已整改', evidence: [] })}
        >
          报告整改
        </Button>
      </Space>
    );
  }
  if (finding.status === 'reported' && can(VERIFY_ROLES)) {
    return (
      <Space>
        <Button
          size="small"
          type="primary"
          data-testid="verify-pass"
          onClick={() => onAct({ action: 'verify', passed: true, note: '核验通过，销号' })}
        >
          核验销号
        </Button>
        <Button size="small" danger onClick={() => onAct({ action: 'verify', passed: false, note: '核验未通过' })}>
          退回
        </Button>
      </Space>
    );
  }
  return finding.deadline ? <Typography.Text type="secondary">{`期限 ${shanghaiDateTime(finding.deadline)}`}</Typography.Text> : null;
}

/** A finding on a sampled subject, citing the events it rests on, picked from the subject's timeline. */
function FindingForm({
  inspection,
  targetId,
  onClose,
  onRecorded,
}: {
  inspection: Inspection;
  targetId: string;
  onClose: () => void;
  onRecorded: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [events, setEvents] = useState<TimelineEntry[]>([]);
  useEffect(() => {
    if (inspection.kind !== 'household') return;
    api<{ entries: TimelineEntry[] }>(`/households/${targetId}/timeline?limit=500`).then(
      (t) => setEvents(t.entries.filter((e) => !e.type.startsWith('Timer'))),
      () => setEvents([]),
    );
  }, [inspection.kind, targetId]);
  const submit = async (values: { type: string; severity: string; description: string; eventIds?: string[] }) => {
    try {
      await api('/findings', {
        method: 'POST',
        body: {
          findingId: `fd-${Date.now().toString(36)}`,
          inspectionId: inspection.inspectionId,
          target: { kind: inspection.kind, id: targetId },
          type: values.type,
          severity: values.severity,
          description: values.description,
          evidence: [],
          eventIds: values.eventIds ?? [],
        },
        idempotencyKey: newIdempotencyKey(),
      });
      message.success('问题已记录');
      onRecorded();
    } catch (failure) {
      message.error(messageOf(failure));
    }
  };
  return (
    <Modal open title={`记录问题 · ${targetId}`} onCancel={onClose} onOk={() => form.submit()} okText="记录" cancelText="取消" width={720}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ severity: '一般', type: '走访不实' }}>
        <Form.Item name="type" label="问题类型" rules={[{ required: true }]}>
          <Select options={['走访不实', '帮扶措施未落实', '资金使用不规范', '信息不准确', '其他'].map((v) => ({ value: v }))} />
        </Form.Item>
        <Form.Item name="severity" label="严重程度">
          <Radio.Group options={['一般', '较重', '严重']} />
        </Form.Item>
        <Form.Item name="description" label="问题描述" rules={[{ required: true, message: '请描述问题' }]}>
          <Input.TextArea rows={3} data-testid="finding-description" />
        </Form.Item>
        <Form.Item name="eventIds" label="依据的记录（来自该户时间线）">
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', maxHeight: 240, overflow: 'auto' }}
            options={events.map((e) => ({ value: e.eventId, label: `${shanghaiDateTime(e.occurredAt)} ${e.type}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
