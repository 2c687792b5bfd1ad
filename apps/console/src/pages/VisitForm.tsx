import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, newIdempotencyKey } from '../api/client';
import { fieldMessages, messageOf } from '../api/messages';
import { fromShanghaiLocal, shanghaiLocalNow } from '../api/time';
import { useMe } from '../layout/me';

const CHECKS: [key: string, label: string][] = [
  ['food', '不愁吃'],
  ['clothing', '不愁穿'],
  ['education', '义务教育有保障'],
  ['medical', '基本医疗有保障'],
  ['housing', '住房安全有保障'],
  ['water', '饮水安全'],
];
const MEASURES = ['产业帮扶', '就业帮扶', '健康帮扶', '教育帮扶', '住房改造', '饮水安全', '兜底保障', '小额信贷', '技能培训'];
/** The default policy's backfill threshold: a visit entered later than this is flagged 补录. */
const BACKFILL_DAYS = 7;

interface VisitValues {
  occurredAt: string;
  kind: '走访' | '对接' | '核实';
  measures?: string[];
  notes?: string;
  withLocation?: boolean;
  [check: string]: unknown;
}

/** 走访登记: one visit, as a cadre records it on a phone. A double tap or a retry records one visit. */
export default function VisitForm() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<VisitValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per filled-in form: every resend of it (double tap, retry) names the same visit.
  const key = useRef(newIdempotencyKey());
  const initial = useMemo(
    () => ({ occurredAt: shanghaiLocalNow(), kind: '走访' as const, ...Object.fromEntries(CHECKS.map(([k]) => [k, 'met'])) }),
    [],
  );
  const occurredAt = Form.useWatch('occurredAt', form) ?? initial.occurredAt;
  const lagDays = (Date.now() - Date.parse(fromShanghaiLocal(occurredAt))) / 86_400_000;

  const submit = async (values: VisitValues) => {
    setBusy(true);
    setError(null);
    try {
      const location = values.withLocation ? await position() : undefined;
      const body = {
        cadreId: me.id,
        kind: values.kind,
        occurredAt: fromShanghaiLocal(values.occurredAt),
        findings: Object.fromEntries(CHECKS.map(([k]) => [k, { result: values[k] }])),
        measures: values.measures ?? [],
        notes: values.notes ?? '',
        ...(location ? { location } : {}),
      };
      await api(`/households/${id}/visits`, { method: 'POST', body, idempotencyKey: key.current });
      message.success('走访已登记');
      navigate(`/households/${id}`);
    } catch (failure) {
      setError(messageOf(failure));
      if (failure instanceof ApiError) {
        const fields = fieldMessages(failure);
        form.setFields(Object.entries(fields).map(([name, text]) => ({ name: name.split('.')[0], errors: [text] })));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={`走访登记 · ${id}`} style={{ maxWidth: 640, margin: '0 auto' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="visit-error" />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="occurredAt" label="走访时间（北京时间）" rules={[{ required: true, message: '请填写走访时间' }]}>
          <Input type="datetime-local" />
        </Form.Item>
        {lagDays > BACKFILL_DAYS && (
          <Alert
            type="warning"
            showIcon
            data-testid="backfill-warning"
            title={`该走访发生在 ${Math.floor(lagDays)} 天前，超过 ${BACKFILL_DAYS} 天，登记后将被标记为“补录”（BACKFILLED_VISIT）。`}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form.Item name="kind" label="走访类型">
          <Radio.Group optionType="button" options={['走访', '对接', '核实']} />
        </Form.Item>
        <Typography.Text strong>两不愁三保障及饮水安全</Typography.Text>
        {CHECKS.map(([k, label]) => (
          <Form.Item key={k} name={k} label={label} style={{ marginBottom: 8 }}>
            <Radio.Group
              options={[
                { value: 'met', label: '达标' },
                { value: 'not_met', label: '未达标' },
                { value: 'not_applicable', label: '不适用' },
              ]}
            />
          </Form.Item>
        ))}
        <Form.Item name="measures" label="帮扶措施（一户一策）">
          <Select mode="tags" options={MEASURES.map((m) => ({ value: m }))} placeholder="选择或输入" />
        </Form.Item>
        <Form.Item name="notes" label="走访记录">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="withLocation" valuePropName="checked">
          <Checkbox>附上当前位置</Checkbox>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-visit">
            提交
          </Button>
          <Button onClick={() => navigate(-1)}>返回</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** The browser's position, if the cadre allows it; a refusal leaves the visit without one. */
function position(): Promise<{ latitude: number; longitude: number } | undefined> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(undefined);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ latitude: coords.latitude, longitude: coords.longitude }),
      () => resolve(undefined),
      { timeout: 8000 },
    );
  });
}
