import { Alert, App, Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, newIdempotencyKey } from '../api/client';
import { fieldMessages, messageOf } from '../api/messages';
import { fromShanghaiLocal, shanghaiLocalNow } from '../api/time';
import { may, useMe } from '../layout/me';

const CATEGORIES = ['一般贫困户', '低保贫困户', '特困供养贫困户'];
const CAUSES = ['因病', '因残', '因学', '因灾', '缺土地', '缺水', '缺技术', '缺劳力', '缺资金', '交通条件落后', '自身发展动力不足'];

/** The API's field names as this page's form names them (members[0].idNumber is the head's ID number). */
const FIELD_OF: Record<string, string> = {
  'members[0].idNumber': 'headIdNumber',
  'members[0].name': 'headName',
  householdId: 'householdId',
};

/** 户籍与包保 for township and county offices: register a household (建档立卡) and assign or hand over its cadre. */
export default function Office() {
  const me = useMe();
  return (
    <Row gutter={[16, 16]}>
      {may(me, 'household.register') && (
        <Col xs={24} lg={12}>
          <RegisterHousehold />
        </Col>
      )}
      {may(me, 'assignment.assign') && (
        <Col xs={24} lg={12}>
          <AssignCadre />
        </Col>
      )}
    </Row>
  );
}

/** Sends one form's request with one Idempotency-Key (kept across its retries), refusals shown at their fields. */
function useSubmit<T>(form: ReturnType<typeof Form.useForm<T>>[0], fieldOf: Record<string, string> = {}) {
  const { message } = App.useApp();
  const key = useRef(newIdempotencyKey());
  const [error, setError] = useState<string | null>(null);
  const send = async (path: string, body: unknown, done: string) => {
    setError(null);
    try {
      await api(path, { method: 'POST', body, idempotencyKey: key.current });
      message.success(done);
      key.current = newIdempotencyKey();
      return true;
    } catch (failure) {
      setError(messageOf(failure));
      if (failure instanceof ApiError) {
        const fields = Object.entries(fieldMessages(failure)).map(([field, text]) => ({
          name: (fieldOf[field] ?? field) as never,
          errors: [text],
        }));
        form.setFields(fields);
      }
      return false;
    }
  };
  return { send, error };
}

interface HouseholdValues {
  householdId: string;
  headName: string;
  headIdNumber: string;
  category: string;
  causes: string[];
  phone?: string;
  identifiedAt: string;
}

function RegisterHousehold() {
  const [form] = Form.useForm<HouseholdValues>();
  const { send, error } = useSubmit(form, FIELD_OF);
  const [registered, setRegistered] = useState<string | null>(null);
  const submit = async (v: HouseholdValues) => {
    const body = {
      householdId: v.householdId,
      villageCode: v.householdId.slice(0, 12),
      members: [{ name: v.headName, idNumber: v.headIdNumber.toUpperCase(), relation: '户主' }],
      category: v.category,
      causes: v.causes,
      ...(v.phone ? { phone: v.phone } : {}),
      identifiedAt: fromShanghaiLocal(v.identifiedAt),
    };
    if (await send('/households', body, '已登记')) setRegistered(v.householdId);
  };
  return (
    <Card title="建档立卡登记">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="register-error" />}
      {registered && (
        <Alert
          type="success"
          showIcon
          title={<Link to={`/households/${registered}`}>{`已登记 ${registered}`}</Link>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ category: '一般贫困户', causes: ['因病'], identifiedAt: shanghaiLocalNow() }}
      >
        <Form.Item
          name="householdId"
          label="户编号（村代码 + 4位序号）"
          rules={[{ required: true, pattern: /^\d{16}$/, message: '户编号为16位数字' }]}
        >
          <Input data-testid="householdId" maxLength={16} />
        </Form.Item>
        <Form.Item name="headName" label="户主姓名" rules={[{ required: true, message: '请填写户主姓名' }]}>
          <Input data-testid="headName" />
        </Form.Item>
        <Form.Item
          name="headIdNumber"
          label="户主身份证号"
          rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: '身份证号为18位' }]}
        >
          <Input data-testid="headIdNumber" maxLength={18} />
        </Form.Item>
        <Form.Item name="category" label="贫困户属性">
          <Select options={CATEGORIES.map((value) => ({ value }))} />
        </Form.Item>
        <Form.Item name="causes" label="致贫原因" rules={[{ required: true, message: '请选择致贫原因' }]}>
          <Select mode="multiple" options={CAUSES.map((value) => ({ value }))} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input />
        </Form.Item>
        <Form.Item name="identifiedAt" label="识别时间（北京时间）">
          <Input type="datetime-local" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="register">
          登记
        </Button>
      </Form>
    </Card>
  );
}

interface Cadre {
  cadreId: string;
  name: string;
  unitName: string | null;
}

function AssignCadre() {
  const me = useMe();
  const [form] = Form.useForm<{ householdId: string; cadreId: string; from: string; reason?: string }>();
  const { send, error } = useSubmit(form);
  const [cadres, setCadres] = useState<Cadre[]>([]);
  useEffect(() => {
    api<{ cadres: Cadre[] }>('/cadres?limit=500').then(
      (a) => setCadres(a.cadres),
      () => setCadres([]),
    );
  }, [me.regionCode]);
  const submit = async (v: { householdId: string; cadreId: string; from: string; reason?: string }) => {
    await send(
      `/households/${v.householdId}/assignments`,
      { cadreId: v.cadreId, from: fromShanghaiLocal(v.from), ...(v.reason ? { reason: v.reason } : {}) },
      '已结对',
    );
  };
  return (
    <Card title="结对 / 调整帮扶责任人">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="assign-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ from: shanghaiLocalNow() }}>
        <Form.Item name="householdId" label="户编号" rules={[{ required: true, pattern: /^\d{16}$/, message: '户编号为16位数字' }]}>
          <Input data-testid="assign-householdId" maxLength={16} />
        </Form.Item>
        <Form.Item name="cadreId" label="帮扶责任人" rules={[{ required: true, message: '请选择帮扶责任人' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={cadres.map((c) => ({ value: c.cadreId, label: `${c.name}（${c.unitName ?? c.cadreId}）` }))}
            data-testid="assign-cadre"
          />
        </Form.Item>
        <Form.Item name="from" label="开始时间（北京时间）">
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="reason" label="调整原因">
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="assign">
          提交
        </Button>
      </Form>
    </Card>
  );
}
