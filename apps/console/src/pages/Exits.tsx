import { Alert, Card, Col, Descriptions, Drawer, Row, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { shanghaiDate, shanghaiDateTime } from '../api/time';
import { useApi } from '../api/use-api';
import { Chart } from '../charts/Chart';
import { EvidenceView } from '../components/EvidenceView';
import { RegionPicker } from '../components/RegionPicker';
import { useMe } from '../layout/me';
import { STEP_ACTION_NAMES } from '../../../../libs/domain/src/shared/flag-names';

interface StepCount {
  step: string;
  title: string;
  reached: number;
  open: number;
  overdue: number;
  escalated: number;
}
interface CaseLine {
  exitId: string;
  definitionId: string;
  subject: { kind: 'household' | 'village'; id: string; villageCode: string };
  status: string;
  step: string | null;
  startedAt: string;
  completedAt: string | null;
  overdue: boolean;
}
interface Pipeline {
  definitions: { id: string; title: string; open: number; passed: number; withdrawn: number; steps: StepCount[] }[];
  overdue: { exitId: string; subjectId: string; step: string; enteredAt: string; dueAt: string; escalated: boolean }[];
  cases: CaseLine[];
}
interface Indicator {
  percent: number | null;
  limitPercent?: number;
  minimumPercent?: number;
  met: boolean | null;
}
interface Indicators {
  registry: { households: number; exited: number; poorPopulation: number; ruralPopulation: number | null };
  indicators: Record<'incidence' | 'wrongExitRate' | 'missedRate' | 'approval', Indicator>;
}
interface ExitCase {
  exitId: string;
  definition: { id: string; title: string };
  subject: { kind: string; id: string };
  status: string;
  reason: string;
  startedAt: string;
  steps: {
    seq: number;
    title: string;
    action: string;
    actor: { id: string; name: string | null };
    enteredAt: string;
    at: string;
    durationDays: number;
    evidence: Record<string, unknown>;
    computed: Record<string, unknown>;
    eventId: string;
  }[];
  current: { title: string; dueAt: string; overdue: boolean; escalated: boolean } | null;
}

/** What a passed case did, by its procedure: a 精准识别 registers the household, a 剔除 removes it. */
const PASSED: Record<string, string> = {
  'household-exit': '已退出',
  'village-exit': '已出列',
  'household-identification': '已纳入',
  'household-removal': '已剔除',
};
const PROCEDURE: Record<string, string> = {
  'household-exit': '户退出',
  'village-exit': '村出列',
  'household-identification': '精准识别',
  'household-removal': '剔除',
};
function status(definitionId: string, value: string): [string, string] {
  if (value === 'passed') return [PASSED[definitionId] ?? '已通过', 'green'];
  return value === 'open' ? ['办理中', 'blue'] : value === 'withdrawn' ? ['已撤回', 'default'] : [value, 'default'];
}
const INDICATORS: [key: keyof Indicators['indicators'], title: string][] = [
  ['incidence', '贫困发生率'],
  ['wrongExitRate', '错退率'],
  ['missedRate', '漏评率'],
  ['approval', '群众认可度'],
];

/** One 摘帽 indicator beside its threshold: a limit (at most) or a minimum (at least). */
function gauge(title: string, indicator: Indicator) {
  const threshold = indicator.limitPercent ?? indicator.minimumPercent ?? 0;
  const atMost = indicator.limitPercent !== undefined;
  const max = atMost ? Math.max(threshold * 3, indicator.percent ?? 0) : 100;
  const ok = atMost ? '#52c41a' : '#f5222d';
  const bad = atMost ? '#f5222d' : '#52c41a';
  return {
    series: [
      {
        type: 'gauge',
        min: 0,
        max,
        axisLine: {
          lineStyle: {
            width: 14,
            color: [
              [threshold / max, ok],
              [1, bad],
            ],
          },
        },
        axisLabel: { distance: 18, fontSize: 10 },
        splitNumber: 4,
        pointer: { show: indicator.percent !== null },
        detail: { formatter: indicator.percent === null ? '无数据' : `${indicator.percent}%`, fontSize: 18, offsetCenter: [0, '70%'] },
        title: { offsetCenter: [0, '95%'], fontSize: 13 },
        data: [{ value: indicator.percent ?? 0, name: `${title}（${atMost ? '≤' : '≥'}${threshold}%）` }],
      },
    ],
  };
}

/**
 * 识别与退出: every procedure's pipeline per step as a funnel (退出, 出列, 精准识别, 剔除), overdue cases, the 摘帽
 * indicators, and one case's every step.
 */
export default function Exits() {
  const me = useMe();
  const [region, setRegion] = useState(me.regionCode === '000000' ? '220000' : me.regionCode);
  const [opened, setOpened] = useState<string | null>(null);
  const pipeline = useApi<Pipeline>(`/regions/${region}/exit-pipeline`);
  const indicators = useApi<Indicators>(`/regions/${region}/exit-indicators`);
  const exit = useApi<ExitCase>(opened ? `/exits/${encodeURIComponent(opened)}` : null);
  const funnels = useMemo(
    () =>
      (pipeline.data?.definitions ?? []).map((definition) => ({
        definition,
        option: {
          tooltip: { trigger: 'item' },
          series: [
            {
              type: 'funnel',
              sort: 'none',
              left: '10%',
              width: '80%',
              label: { position: 'inside', formatter: '{b}：{c}' },
              data: definition.steps.map((step) => ({ name: step.title, value: step.reached })),
            },
          ],
        },
      })),
    [pipeline.data],
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title="识别与退出" extra={<RegionPicker root={me.regionCode} value={region} onChange={setRegion} />}>
        {pipeline.error && <Alert type="error" showIcon title={pipeline.error} />}
        <Tabs
          items={funnels.map(({ definition, option }) => ({
            key: definition.id,
            label: `${definition.title}（办理中 ${definition.open}，${PASSED[definition.id] ?? '已通过'} ${definition.passed}）`,
            children: (
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Chart option={option} height={320} testId={`funnel-${definition.id}`} />
                </Col>
                <Col xs={24} md={12}>
                  <Table<StepCount>
                    rowKey="step"
                    size="small"
                    pagination={false}
                    dataSource={definition.steps}
                    columns={[
                      { title: '环节', dataIndex: 'title' },
                      { title: '累计进入', dataIndex: 'reached' },
                      { title: '办理中', dataIndex: 'open' },
                      { title: '超时', dataIndex: 'overdue', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
                      { title: '已上报', dataIndex: 'escalated', render: (n: number) => (n ? <Tag color="volcano">{n}</Tag> : 0) },
                    ]}
                  />
                </Col>
              </Row>
            ),
          }))}
        />
      </Card>
      <Card title="摘帽指标">
        {indicators.error && <Alert type="error" showIcon title={indicators.error} />}
        {indicators.data && (
          <>
            <Row gutter={16} data-testid="indicators">
              {INDICATORS.map(([key, title]) => (
                <Col xs={12} md={6} key={key}>
                  <Chart option={gauge(title, indicators.data!.indicators[key])} height={220} testId={`gauge-${key}`} />
                </Col>
              ))}
            </Row>
            <Typography.Text type="secondary">
              建档立卡 {indicators.data.registry.households} 户，贫困人口 {indicators.data.registry.poorPopulation} 人，已退出{' '}
              {indicators.data.registry.exited} 户；农业户籍人口 {indicators.data.registry.ruralPopulation ?? '未登记'}
            </Typography.Text>
          </>
        )}
      </Card>
      <Card title="案件">
        <Table<CaseLine>
          rowKey="exitId"
          size="small"
          loading={!pipeline.data && !pipeline.error}
          dataSource={pipeline.data?.cases ?? []}
          onRow={(row) => ({ onClick: () => setOpened(row.exitId), style: { cursor: 'pointer' } })}
          data-testid="exit-cases"
          columns={[
            { title: '案件', dataIndex: 'exitId' },
            { title: '程序', dataIndex: 'definitionId', render: (id: string) => PROCEDURE[id] ?? id },
            { title: '对象', render: (_: unknown, c: CaseLine) => `${c.subject.kind === 'village' ? '村' : '户'} ${c.subject.id}` },
            { title: '发起', dataIndex: 'startedAt', render: shanghaiDate },
            {
              title: '状态',
              render: (_: unknown, c: CaseLine) => {
                const [label, color] = status(c.definitionId, c.status);
                return (
                  <Space>
                    <Tag color={color}>{label}</Tag>
                    {c.overdue && <Tag color="red">超时</Tag>}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <Drawer
        open={opened !== null}
        onClose={() => setOpened(null)}
        size="large"
        title={exit.data ? `${exit.data.definition.title} · ${exit.data.exitId}` : '案件'}
      >
        {exit.error && <Alert type="error" showIcon title={exit.error} />}
        {exit.data && (
          <div data-testid="exit-case">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="对象">
                {exit.data.subject.kind === 'household' ? (
                  <Link to={`/households/${exit.data.subject.id}`}>{exit.data.subject.id}</Link>
                ) : (
                  exit.data.subject.id
                )}
              </Descriptions.Item>
              <Descriptions.Item label="理由">{exit.data.reason}</Descriptions.Item>
              <Descriptions.Item label="当前">
                {exit.data.current
                  ? `${exit.data.current.title}，时限 ${shanghaiDate(exit.data.current.dueAt)}${exit.data.current.overdue ? '（已超时）' : ''}`
                  : status(exit.data.definition.id, exit.data.status)[0]}
              </Descriptions.Item>
            </Descriptions>
            <Timeline
              style={{ marginTop: 16 }}
              items={exit.data.steps.map((step) => ({
                color: step.action === 'approve' ? 'green' : 'red',
                content: (
                  <div data-testid="exit-step">
                    <Typography.Text strong>
                      {step.title} · {STEP_ACTION_NAMES[step.action] ?? step.action}
                    </Typography.Text>{' '}
                    · {step.actor.name ?? step.actor.id} · {shanghaiDateTime(step.at)} · 用时 {step.durationDays} 天
                    {Object.keys(step.computed).length > 0 && (
                      <div style={{ marginTop: 4 }}>
                        系统核算：
                        <EvidenceView value={step.computed} />
                      </div>
                    )}
                    <EvidenceView value={step.evidence} />
                  </div>
                ),
              }))}
            />
          </div>
        )}
      </Drawer>
    </Space>
  );
}
