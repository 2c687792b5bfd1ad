import { Alert, Button, Card, Col, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, session } from '../api/client';
import { messageOf } from '../api/messages';
import { ROLE_NAMES, type Me } from '../api/types';

interface Persona {
  id: string;
  name: string;
  role: string;
  regionCode: string;
  description: string;
}

/** Sign-in: paste a bearer token, or (on a demo server) be one of the demo's people with one click. */
export function SignIn() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [error, setError] = useState<string | null>(params.get('reason') ? messageOf({ code: params.get('reason') }) : null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<{ personas: Persona[] }>('/demo/personas', { anonymous: true }).then(
      ({ personas: list }) => setPersonas(list),
      () => setPersonas([]),
    );
  }, []);

  const enter = async (token: string) => {
    setBusy(true);
    session.set(token);
    try {
      await api<Me>('/me', { anonymous: false });
      navigate('/');
    } catch (failure) {
      session.clear();
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const asPersona = async (id: string) => {
    try {
      const { token } = await api<{ token: string }>('/demo/sign-in', { method: 'POST', body: { personaId: id }, anonymous: true });
      await enter(token);
    } catch (failure) {
      setError(messageOf(failure instanceof ApiError ? failure : null));
    }
  };

  return (
    <Row justify="center" style={{ padding: 24 }}>
      <Col xs={24} md={20} lg={16}>
        <Typography.Title level={2}>帮扶 · 包保与问责台账</Typography.Title>
        <Typography.Paragraph type="secondary">包村包户、走访、资金、退出与督查的不可篡改记录。</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="signin-error" />}
        <Card title="使用令牌登录" style={{ marginBottom: 16 }}>
          <Form layout="vertical" onFinish={({ token }: { token: string }) => enter(token.trim())}>
            <Form.Item
              name="token"
              label="访问令牌"
              rules={[{ required: true, message: '请粘贴访问令牌' }]}
              extra="由 npx bangfu token issue 签发，或来自省级统一身份认证。令牌只保存在本标签页中。"
            >
              <Input.TextArea rows={3} placeholder="eyJ…" autoComplete="off" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              登录
            </Button>
          </Form>
        </Card>
        {personas && personas.length > 0 && (
          <Card title="演示账号（仅演示数据）" data-testid="personas">
            <Row gutter={[12, 12]}>
              {personas.map((persona) => (
                <Col xs={24} sm={12} lg={8} key={persona.id}>
                  <Card
                    size="small"
                    hoverable
                    onClick={() => asPersona(persona.id)}
                    data-testid={`persona-${persona.id}`}
                    data-role={persona.role}
                  >
                    <Space orientation="vertical" size={2}>
                      <Space>
                        <strong>{persona.name}</strong>
                        <Tag color="gold">{ROLE_NAMES[persona.role] ?? persona.role}</Tag>
                      </Space>
                      <Typography.Text type="secondary">{persona.description}</Typography.Text>
                    </Space>
                  </Card>
                </Col>
              ))}
            </Row>
          </Card>
        )}
      </Col>
    </Row>
  );
}
