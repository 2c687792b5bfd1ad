import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Result, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, newIdempotencyKey, saveFile } from '../api/client';
import { messageOf } from '../api/messages';
import { shanghaiDateTime, shanghaiDayBound } from '../api/time';
import { useApi } from '../api/use-api';
import { may, useMe } from '../layout/me';

interface Verify {
  ok: boolean;
  events: number;
  streams: number;
  checkpoints?: number;
  checkedAt: string;
  ms: number;
  break?: { streamId?: string; revision?: number; eventId?: string; position: number; reason: string };
}
interface Checkpoint {
  treeSize: number;
  root: string;
  lastPosition: number;
  signedAt: string;
  keyId: string;
  signature: string;
  reason?: string;
}
interface Checkpoints {
  keyId: string;
  publicKey: string;
  checkpoints: Checkpoint[];
}

const SUBJECTS = [
  { value: 'household', label: '农户（16位户编号）' },
  { value: 'village', label: '村（12位区划代码）' },
  { value: 'person', label: '个人（帮扶责任人编号）' },
  { value: 'unit', label: '单位（帮扶单位编号）' },
];

/** Saves text as a file the reviewer keeps (a dossier, the public key). */
const save = (name: string, text: string, type: string) => saveFile(name, new Blob([text], { type }));

/** 账本: whether every hash chain holds, the signed checkpoints with their roots and key, signing one, and dossiers. */
export default function Ledger() {
  const me = useMe();
  const { message } = App.useApp();
  const verify = useApi<Verify>(may(me, 'ledger.verify') ? '/ledger/verify' : null);
  const checkpoints = useApi<Checkpoints>('/ledger/checkpoints');
  const [signing] = Form.useForm<{ reason: string }>();
  const [exporting, setExporting] = useState(false);

  const sign = async ({ reason }: { reason: string }) => {
    try {
      await api('/ledger/checkpoints', { method: 'POST', body: { reason }, idempotencyKey: newIdempotencyKey() });
      message.success('已签署检查点');
      signing.resetFields();
      checkpoints.reload();
      verify.reload();
    } catch (failure) {
      message.error(messageOf(failure));
    }
  };

  const exportDossier = async ({ subject, id, period }: { subject: string; id: string; period?: [Dayjs | null, Dayjs | null] }) => {
    setExporting(true);
    try {
      const query = new URLSearchParams({
        ...(period?.[0] ? { from: shanghaiDayBound(period[0]) } : {}),
        ...(period?.[1] ? { to: shanghaiDayBound(period[1], true) } : {}),
      });
      const dossier = await api<{ events: unknown[] }>(`/dossiers/${subject}/${encodeURIComponent(id.trim())}?${query}`);
      save(`卷宗-${subject}-${id.trim()}.json`, JSON.stringify(dossier, null, 2), 'application/json');
      message.success(`已导出卷宗：${dossier.events.length} 条记录`);
    } catch (failure) {
      message.error(messageOf(failure));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {may(me, 'ledger.verify') && (
        <Card title="账本校验" extra={<Button onClick={verify.reload}>重新校验</Button>}>
          {verify.error && <Alert type="error" showIcon title={verify.error} />}
          {verify.data && (
            <div data-testid="ledger-verify">
              <Result
                status={verify.data.ok ? 'success' : 'error'}
                title={verify.data.ok ? '账本完整：每条哈希链均未被改动' : '账本校验未通过'}
                subTitle={`共 ${verify.data.events} 条记录、${verify.data.streams} 条链，${verify.data.checkpoints ?? 0} 个签名检查点与账本一致；校验于 ${shanghaiDateTime(verify.data.checkedAt)}，用时 ${verify.data.ms} 毫秒`}
              />
              {verify.data.break && (
                <Descriptions bordered size="small" column={1}>
                  <Descriptions.Item label="首个断点">{verify.data.break.reason}</Descriptions.Item>
                  <Descriptions.Item label="位置">{verify.data.break.position}</Descriptions.Item>
                  <Descriptions.Item label="记录">{verify.data.break.eventId ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="链">{`${verify.data.break.streamId ?? '—'} 第 ${verify.data.break.revision ?? '—'} 条`}</Descriptions.Item>
                </Descriptions>
              )}
            </div>
          )}
        </Card>
      )}
      <Card
        title="签名检查点"
        extra={
          checkpoints.data && (
            <Button
              onClick={() =>
                save(`bangfu-checkpoint-${checkpoints.data!.keyId}.pem`, checkpoints.data!.publicKey, 'application/x-pem-file')
              }
            >
              下载公钥
            </Button>
          )
        }
      >
        {checkpoints.error && <Alert type="error" showIcon title={checkpoints.error} />}
        {checkpoints.data && (
          <Typography.Paragraph>
            公钥编号 <Typography.Text code>{checkpoints.data.keyId}</Typography.Text>
            <pre data-testid="public-key" style={{ fontSize: 12, background: '#fafafa', padding: 8 }}>
              {checkpoints.data.publicKey}
            </pre>
          </Typography.Paragraph>
        )}
        <Table<Checkpoint>
          rowKey="treeSize"
          size="small"
          loading={!checkpoints.data && !checkpoints.error}
          dataSource={[...(checkpoints.data?.checkpoints ?? [])].reverse()}
          pagination={{ pageSize: 10 }}
          data-testid="checkpoints"
          columns={[
            { title: '签署时间', dataIndex: 'signedAt', render: shanghaiDateTime },
            { title: '覆盖记录数', dataIndex: 'treeSize' },
            {
              title: '默克尔根',
              dataIndex: 'root',
              render: (root: string) => (
                <Typography.Text code copyable>
                  {root}
                </Typography.Text>
              ),
            },
            { title: '事由', dataIndex: 'reason', render: (reason?: string) => reason ?? '—' },
          ]}
        />
        {may(me, 'ledger.checkpoint') && (
          <Form form={signing} layout="inline" onFinish={sign} style={{ marginTop: 12 }}>
            <Form.Item name="reason" rules={[{ required: true, message: '请填写签署事由' }]}>
              <Input placeholder="签署事由（如：季度封存、导出卷宗前）" style={{ width: 320 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              签署检查点
            </Button>
          </Form>
        )}
      </Card>
      {may(me, 'dossier.export') && (
        <Card title="导出卷宗">
          <Typography.Paragraph type="secondary">
            卷宗含该对象在期间内的每条记录及其默克尔包含证明，并由检查点私钥签名。请同时下载公钥，用“卷宗校验”页离线核验。
          </Typography.Paragraph>
          <Space style={{ marginBottom: 12 }}>
            <Button href="/verify.html" target="_blank" data-testid="verify-page">
              打开卷宗校验页
            </Button>
            <Button href="/verify.html" download="卷宗校验（离线）.html">
              保存离线校验页
            </Button>
          </Space>
          <Form layout="inline" onFinish={exportDossier} initialValues={{ subject: 'household' }}>
            <Form.Item name="subject">
              <Select options={SUBJECTS} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="id" rules={[{ required: true, message: '请填写编号' }]}>
              <Input placeholder="编号" style={{ width: 220 }} data-testid="dossier-id" />
            </Form.Item>
            <Form.Item name="period">
              <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['自', '至']} />
            </Form.Item>
            <Button htmlType="submit" loading={exporting}>
              导出
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
