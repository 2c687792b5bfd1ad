import { Alert, App, Button, Card, Descriptions, Input, Modal, Slider, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, newIdempotencyKey } from '../api/client';
import { messageOf } from '../api/messages';
import { shanghaiDate, shanghaiDateTime } from '../api/time';
import { Chart } from '../charts/Chart';
import { may, useMe } from '../layout/me';
import { HelpPlanCard } from './household/HelpPlanCard';

interface Household {
  householdId: string;
  villageCode: string;
  headName: string;
  category: string;
  population: number;
  causes: string[];
  status: string;
  exited: boolean;
  identifiedAt: string;
  registration: { source: 'identification' | 'import'; identificationId: string | null };
  removalId: string | null;
  responsibleCadre: { cadreId: string; name: string | null } | null;
}
interface Period {
  cadreId: string;
  cadreName: string | null;
  from: string;
  to: string | null;
}
interface Entry {
  position: number;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; name: string | null };
  migrated: boolean;
  data: Record<string, unknown>;
}

const EVENT_NAMES: Record<string, string> = {
  HouseholdRegistered: '建档立卡',
  HouseholdCorrected: '信息更正',
  CadreAssigned: '结对/调整帮扶责任人',
  AssignmentEnded: '结束包保',
  VisitRecorded: '走访',
  VisitRetracted: '撤回走访',
  VisitOverdue: '月度未走访',
  VisitReminderSent: '未走访提醒',
  OverdueVisitEscalated: '上报乡镇',
  HandoverNotConnected: '未按期对接',
  HouseholdExited: '脱贫退出',
  WorkflowStarted: '提出退出',
  WorkflowStepActed: '退出环节办理',
  MeasureAdded: '制定帮扶措施',
  MeasureRevised: '调整帮扶措施',
  MeasureDelivered: '帮扶措施落实',
  MeasureNotDelivered: '帮扶措施未落实',
};
const DAY = 86_400_000;

/** 户档案: the household as recorded, who held it when (gaps in red), and every event with both of its times. */
export default function HouseholdPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const cited = params.getAll('event');
  const me = useMe();
  const [knownAt, setKnownAt] = useState<number | null>(null);
  const [household, setHousehold] = useState<Household | null>(null);
  const [periods, setPeriods] = useState<Period[]>([]);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [retracting, setRetracting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reload, setReload] = useState(0);
  const [revealing, setRevealing] = useState(false);
  const [revealReason, setRevealReason] = useState('');
  const [revealed, setRevealed] = useState<string | null>(null);
  // 问责: events picked on the timeline become a case's grounds; the cadre they name is the one proposed.
  const [grounds, setGrounds] = useState<Entry[]>([]);
  const navigate = useNavigate();
  const openCase = () => {
    const cadre = grounds.map((g) => g.data.cadreId).find((c) => typeof c === 'string');
    const query = new URLSearchParams({ grounds: grounds.map((g) => g.eventId).join(','), ...(cadre ? { person: String(cadre) } : {}) });
    navigate(`/cases?${query}`);
  };
  const { message } = App.useApp();

  useEffect(() => {
    api<{ entries: Entry[] }>(`/households/${id}/timeline?limit=500`).then(
      (t) => setEntries(t.entries),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [id, reload]);
  const retracted = new Set(entries.filter((e) => e.type === 'VisitRetracted').map((e) => String(e.data.visitId)));
  const retract = async () => {
    try {
      await api(`/households/${id}/visits/${retracting}/retraction`, {
        method: 'POST',
        body: { reason },
        idempotencyKey: newIdempotencyKey(),
      });
      message.success('走访已撤回');
      setRetracting(null);
      setReason('');
      setReload((n) => n + 1);
    } catch (failure) {
      message.error(messageOf(failure));
    }
  };
  useEffect(() => {
    const asKnown = knownAt === null ? '' : `?knownAt=${new Date(knownAt).toISOString()}`;
    api<Household>(`/households/${id}${asKnown}`).then(setHousehold, (e: unknown) => setError(messageOf(e)));
    api<{ periods: Period[] }>(`/households/${id}/responsibility${asKnown}`).then(
      (r) => setPeriods(r.periods),
      () => setPeriods([]),
    );
  }, [id, knownAt]);

  const range = useMemo(() => {
    const times = entries.map((e) => Date.parse(e.recordedAt));
    return times.length ? { min: Math.min(...times), max: Date.now() } : null;
  }, [entries]);

  // The head's ID number as the API returns it (masked); a reveal asks for the reason first and is logged.
  const registration = entries.find((e) => e.type === 'HouseholdRegistered');
  const maskedId = (registration?.data.members as { idNumber?: string }[] | undefined)?.[0]?.idNumber ?? null;
  const reveal = async () => {
    if (!registration) return;
    try {
      const answer = await api<{ value: string }>('/personal-data/reveal', {
        method: 'POST',
        body: { stream: registration.streamId, revision: registration.revision, field: 'members.0.idNumber', reason: revealReason },
      });
      setRevealed(answer.value);
      setRevealing(false);
    } catch (failure) {
      message.error(messageOf(failure));
    }
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={`户档案 · ${id}`}
        extra={
          may(me, 'visit.record') && (
            <Link to={`/households/${id}/visit`}>
              <Button type="primary">登记走访</Button>
            </Link>
          )
        }
      >
        {household && (
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} data-testid="profile">
            <Descriptions.Item label="户主">{household.headName}</Descriptions.Item>
            <Descriptions.Item label="户主身份证号">
              <Space>
                <span data-testid="id-number">{revealed ?? maskedId ?? '—'}</span>
                {maskedId && !revealed && may(me, 'personal-data.reveal') && (
                  <Button size="small" onClick={() => setRevealing(true)} data-testid="reveal">
                    查看
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="贫困户属性">{household.category}</Descriptions.Item>
            <Descriptions.Item label="人口">{household.population}</Descriptions.Item>
            <Descriptions.Item label="致贫原因">{household.causes?.join('、')}</Descriptions.Item>
            <Descriptions.Item label="识别时间">{shanghaiDate(household.identifiedAt)}</Descriptions.Item>
            <Descriptions.Item label="识别方式">
              <span data-testid="registration">
                {household.registration?.source === 'identification'
                  ? `精准识别${household.registration.identificationId ? `（案件 ${household.registration.identificationId}）` : ''}`
                  : '导入既有台账'}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              {household.exited ? (
                <Tag color="green">已脱贫</Tag>
              ) : household.status === 'removed' ? (
                <Tag color="red">已剔除{household.removalId ? `（案件 ${household.removalId}）` : ''}</Tag>
              ) : (
                <Tag>{household.status === 'registered' ? '在册' : household.status}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="帮扶责任人">
              {household.responsibleCadre?.name ?? household.responsibleCadre?.cadreId ?? '无'}
            </Descriptions.Item>
          </Descriptions>
        )}
        {range && (
          <div style={{ padding: '0 8px' }}>
            <Typography.Text type="secondary">
              {knownAt === null ? '按现在所知' : `按 ${shanghaiDateTime(new Date(knownAt).toISOString())} 时的记录`}
            </Typography.Text>
            <Slider
              min={range.min}
              max={range.max}
              step={DAY / 24}
              value={knownAt ?? range.max}
              onChangeComplete={(value) => setKnownAt(value >= range.max ? null : value)}
              tooltip={{ formatter: (value) => shanghaiDate(new Date(value ?? range.max).toISOString()) }}
            />
          </div>
        )}
      </Card>
      <HelpPlanCard
        householdId={id}
        knownAt={knownAt === null ? null : new Date(knownAt).toISOString()}
        responsibleCadreId={household?.responsibleCadre?.cadreId}
      />
      <Card title="包保责任（甘特图，空档标红）">
        <Chart option={ganttOption(periods)} height={Math.max(140, 60 + 36 * new Set(periods.map((p) => p.cadreId)).size)} testId="gantt" />
      </Card>
      {cited.length > 0 && (
        <Card title="问题线索引用的记录" data-testid="cited">
          <Table
            size="small"
            rowKey="eventId"
            pagination={false}
            dataSource={entries.filter((e) => cited.includes(e.eventId))}
            columns={[
              { title: '事项', dataIndex: 'type', render: (type: string) => EVENT_NAMES[type] ?? type },
              { title: '业务时间', dataIndex: 'occurredAt', render: shanghaiDateTime },
              { title: '记录时间', dataIndex: 'recordedAt', render: shanghaiDateTime },
              { title: '经办人', render: (_: unknown, e: Entry) => e.actor.name ?? e.actor.id },
              { title: '记录编号', dataIndex: 'eventId', render: (eventId: string) => <Typography.Text code>{eventId}</Typography.Text> },
            ]}
          />
        </Card>
      )}
      <Card
        title="时间线：业务时间 × 记录时间（偏离对角线即为补录）"
        data-testid="timeline"
        extra={
          may(me, 'case.open') && (
            <Button disabled={grounds.length === 0} onClick={openCase} data-testid="open-case">
              以所选记录立案（{grounds.length}）
            </Button>
          )
        }
      >
        <Chart option={timelineOption(entries)} testId="timeline-chart" />
        <Table
          size="small"
          rowKey="position"
          rowSelection={
            may(me, 'case.open')
              ? { selectedRowKeys: grounds.map((g) => g.position), onChange: (_keys, rows) => setGrounds(rows as Entry[]) }
              : undefined
          }
          dataSource={[...entries].reverse()}
          pagination={{ pageSize: 20 }}
          scroll={{ x: true }}
          columns={[
            {
              title: '事项',
              dataIndex: 'type',
              render: (type: string, e: Entry) => (
                <Space>
                  {EVENT_NAMES[type] ?? type}
                  {e.migrated && <Tag>迁移数据</Tag>}
                </Space>
              ),
            },
            { title: '业务时间', dataIndex: 'occurredAt', render: shanghaiDateTime },
            { title: '记录时间', dataIndex: 'recordedAt', render: shanghaiDateTime },
            { title: '经办人', render: (_: unknown, e: Entry) => e.actor.name ?? e.actor.id },
            {
              title: '',
              render: (_: unknown, e: Entry) =>
                e.type === 'VisitRecorded' &&
                e.data.cadreId === me.id &&
                may(me, 'visit.retract') &&
                !retracted.has(String(e.data.visitId)) ? (
                  <Button size="small" onClick={() => setRetracting(String(e.data.visitId))} data-testid="retract">
                    撤回
                  </Button>
                ) : null,
            },
          ]}
        />
        <Modal
          open={revealing}
          title="查看完整身份证号"
          onCancel={() => setRevealing(false)}
          onOk={reveal}
          okText="查看"
          cancelText="取消"
          okButtonProps={{ disabled: !revealReason.trim() }}
        >
          <Typography.Paragraph type="secondary">查看个人信息须说明原因，查看人、时间和原因将记入访问日志。</Typography.Paragraph>
          <Input.TextArea
            rows={2}
            placeholder="查看原因（必填）"
            value={revealReason}
            onChange={(e) => setRevealReason(e.target.value)}
            data-testid="reveal-reason"
          />
        </Modal>
        <Modal
          open={retracting !== null}
          title="撤回本人的走访"
          onCancel={() => setRetracting(null)}
          onOk={retract}
          okText="撤回"
          cancelText="取消"
          okButtonProps={{ disabled: !reason.trim() }}
        >
          <Typography.Paragraph type="secondary">撤回不会删除记录：撤回人和原因将一并保存。</Typography.Paragraph>
          <Input.TextArea
            rows={3}
            placeholder="撤回原因（必填）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="retract-reason"
          />
        </Modal>
      </Card>
    </Space>
  );
}

function ganttOption(periods: Period[]) {
  const cadres = [...new Set(periods.map((p) => p.cadreName ?? p.cadreId))];
  const now = Date.now();
  const bars = periods.map((p) => ({
    value: [cadres.indexOf(p.cadreName ?? p.cadreId), Date.parse(p.from), p.to ? Date.parse(p.to) : now],
    itemStyle: { color: '#1677ff' },
  }));
  const sorted = [...periods].sort((a, b) => a.from.localeCompare(b.from));
  const gaps = sorted.slice(1).flatMap((p, i) => {
    const end = sorted[i].to;
    return end && Date.parse(p.from) - Date.parse(end) > DAY
      ? [{ value: [0, Date.parse(end), Date.parse(p.from)], itemStyle: { color: '#cf1322' } }]
      : [];
  });
  return {
    grid: { left: 90, right: 24, top: 16, bottom: 32 },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: cadres },
    tooltip: {},
    series: [
      {
        type: 'custom',
        name: '包保',
        encode: { x: [1, 2], y: 0 },
        data: [...bars, ...gaps],
        renderItem: (
          _params: unknown,
          api: { value: (i: number) => number; coord: (p: number[]) => number[]; size: (p: number[]) => number[]; style: () => object },
        ) => {
          const start = api.coord([api.value(1), api.value(0)]);
          const end = api.coord([api.value(2), api.value(0)]);
          const height = (api.size([0, 1]) as number[])[1] * 0.5;
          return {
            type: 'rect',
            shape: { x: start[0], y: start[1] - height / 2, width: Math.max(2, end[0] - start[0]), height },
            style: api.style(),
          };
        },
      },
    ],
  };
}

function timelineOption(entries: Entry[]) {
  const points = entries.map((e) => ({ value: [Date.parse(e.occurredAt), Date.parse(e.recordedAt)], name: EVENT_NAMES[e.type] ?? e.type }));
  const lag = (p: { value: number[] }) => p.value[1] - p.value[0] > 7 * DAY;
  return {
    grid: { left: 70, right: 24, top: 32, bottom: 48 },
    legend: { data: ['按时记录', '补录（晚于7天）'] },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'time', name: '业务时间' },
    yAxis: { type: 'time', name: '记录时间' },
    series: [
      { type: 'scatter', name: '按时记录', data: points.filter((p) => !lag(p)), symbolSize: 8 },
      { type: 'scatter', name: '补录（晚于7天）', data: points.filter(lag), symbolSize: 12, itemStyle: { color: '#cf1322' } },
    ],
  };
}
