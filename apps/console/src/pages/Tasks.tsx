import { Alert, Card, Descriptions, Drawer, Progress, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { TASK_STATUS_NAMES } from '../../../../libs/domain/src/shared/flag-names';
import { shanghaiDate, shanghaiDateTime } from '../api/time';
import { useApi } from '../api/use-api';
import { Chart } from '../charts/Chart';
import { DownloadButton } from '../components/DownloadButton';
import { DuePeriodPicker, periodQuery, type DuePeriod } from '../components/DuePeriodPicker';
import { RegionPicker } from '../components/RegionPicker';
import { useMe } from '../layout/me';
import { SelfChecksCard } from './tasks/SelfChecksCard';
import { SupportSystemsCard } from './tasks/SupportSystemsCard';

interface Tally {
  name: string;
  tasks: number;
  due: number;
  completedOnTime: number;
  completedLate: number;
  overdue: number;
  rejections: number;
  openFindings: number;
  open: number;
}
interface Board {
  byUnit: Tally[];
  byLeadOfficial: Tally[];
  byRegion: Tally[];
}
export interface Task {
  taskId: string;
  plan: string;
  item: string;
  title: string;
  regionCode: string;
  leadUnit: string;
  leadOfficial: string | null;
  target: { quantity: number; unit: string };
  completed: number;
  deadline: string;
  status: string;
  overdue: boolean;
  onTime: boolean | null;
  rejections: number;
}
interface TaskHistory extends Task {
  history: {
    type: string;
    eventId: string;
    occurredAt: string;
    recordedAt: string;
    actor: { id: string; name: string | null };
    data: { completed?: number; note?: string; evidence?: string[] };
  }[];
}

const HISTORY_NAMES: Record<string, [string, string]> = {
  TaskIssued: ['下达任务', 'blue'],
  TaskProgressReported: ['报告进度', 'gray'],
  TaskCompletionSubmitted: ['报完成', 'blue'],
  TaskCompletionRejected: ['核验退回', 'red'],
  TaskCompletionVerified: ['核验通过', 'green'],
  TaskOverdue: ['逾期', 'red'],
};

const TALLY_COLUMNS = [
  { title: '名称', dataIndex: 'name' },
  { title: '任务', dataIndex: 'tasks' },
  { title: '应完成', dataIndex: 'due' },
  { title: '按期完成', dataIndex: 'completedOnTime' },
  { title: '逾期完成', dataIndex: 'completedLate' },
  { title: '逾期未完成', dataIndex: 'overdue', render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n) },
  { title: '退回', dataIndex: 'rejections' },
  { title: '未整改问题', dataIndex: 'openFindings' },
];

export function taskStatusTag(task: Pick<Task, 'status' | 'overdue'>) {
  if (task.overdue) return <Tag color="red">逾期</Tag>;
  const color = task.status === 'completed' ? 'green' : task.status === 'submitted' ? 'blue' : 'default';
  return <Tag color={color}>{TASK_STATUS_NAMES[task.status] ?? task.status}</Tag>;
}

/** 任务看板: completion by lead unit, lead official and division, every task, and one task's history. */
export default function Tasks() {
  const me = useMe();
  const [region, setRegion] = useState(me.regionCode === '000000' ? '220000' : me.regionCode);
  const [period, setPeriod] = useState<DuePeriod>({});
  const [opened, setOpened] = useState<string | null>(null);
  const board = useApi<Board>(`/regions/${region}/task-board?${periodQuery(period)}`);
  const tasksQuery = periodQuery(period, { region, limit: '1000' });
  const tasks = useApi<{ tasks: Task[] }>(`/tasks?${tasksQuery}`);
  const task = useApi<TaskHistory>(opened ? `/tasks/${encodeURIComponent(opened)}` : null);

  const chart = useMemo(() => {
    const units = board.data?.byUnit ?? [];
    const series = (name: string, key: keyof Tally, color: string) => ({
      name,
      type: 'bar',
      stack: 'all',
      color,
      data: units.map((u) => u[key]),
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: units.map((u) => u.name), axisLabel: { interval: 0, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        series('按期完成', 'completedOnTime', '#52c41a'),
        series('逾期完成', 'completedLate', '#faad14'),
        series('逾期未完成', 'overdue', '#f5222d'),
        {
          ...series('推进中', 'open', '#91caff'),
          data: units.map((u) => u.open - u.overdue),
        },
      ],
    };
  }, [board.data]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title="任务看板"
        extra={
          <Space wrap>
            <RegionPicker root={me.regionCode} value={region} onChange={setRegion} />
            <DuePeriodPicker onChange={setPeriod} />
          </Space>
        }
      >
        {board.error && <Alert type="error" showIcon title={board.error} />}
        {board.data && <Chart option={chart} height={300} testId="task-chart" />}
        <Tabs
          items={[
            ['unit', '按牵头单位', board.data?.byUnit],
            ['lead', '按牵头领导', board.data?.byLeadOfficial],
            ['region', '按区划', board.data?.byRegion],
          ].map(([key, label, rows]) => ({
            key: key as string,
            label: label as string,
            children: (
              <Table<Tally>
                rowKey="name"
                size="small"
                loading={!board.data && !board.error}
                dataSource={(rows as Tally[] | undefined) ?? []}
                columns={TALLY_COLUMNS}
                pagination={false}
                data-testid={`board-${key as string}`}
              />
            ),
          }))}
        />
      </Card>
      <SelfChecksCard region={region} onOpen={setOpened} />
      <SupportSystemsCard region={region} />
      <Card title="任务清单" extra={<DownloadButton path={`/exports/tasks.xlsx?${tasksQuery}`} />}>
        {tasks.error && <Alert type="error" showIcon title={tasks.error} />}
        <Table<Task>
          rowKey="taskId"
          size="small"
          loading={!tasks.data && !tasks.error}
          dataSource={tasks.data?.tasks ?? []}
          pagination={{ pageSize: 20 }}
          onRow={(row) => ({ onClick: () => setOpened(row.taskId), style: { cursor: 'pointer' } })}
          data-testid="task-list"
          columns={[
            { title: '序号', dataIndex: 'item', width: 60 },
            { title: '任务', dataIndex: 'title' },
            { title: '牵头单位', dataIndex: 'leadUnit' },
            { title: '牵头领导', dataIndex: 'leadOfficial', render: (v: string | null) => v ?? '—' },
            { title: '完成时限', dataIndex: 'deadline', render: shanghaiDate },
            {
              title: '进度',
              render: (_: unknown, t: Task) => (
                <Progress percent={Math.min(100, Math.round((100 * t.completed) / t.target.quantity))} size="small" />
              ),
            },
            { title: '状态', render: (_: unknown, t: Task) => taskStatusTag(t) },
          ]}
        />
      </Card>
      <Drawer open={opened !== null} onClose={() => setOpened(null)} width={640} title={task.data?.title ?? '任务'}>
        {task.error && <Alert type="error" showIcon title={task.error} />}
        {task.data && (
          <div data-testid="task-history">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="工作计划">{task.data.plan}</Descriptions.Item>
              <Descriptions.Item label="牵头单位">{task.data.leadUnit}</Descriptions.Item>
              <Descriptions.Item label="牵头领导">{task.data.leadOfficial ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="目标">{`${task.data.target.quantity}${task.data.target.unit}（已完成 ${task.data.completed}）`}</Descriptions.Item>
              <Descriptions.Item label="完成时限">{shanghaiDate(task.data.deadline)}</Descriptions.Item>
              <Descriptions.Item label="状态">{taskStatusTag(task.data)}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              办理经过
            </Typography.Title>
            <Timeline
              items={task.data.history.map((h) => {
                const [name, color] = HISTORY_NAMES[h.type] ?? [h.type, 'gray'];
                return {
                  color,
                  content: (
                    <div data-testid="history-entry">
                      <Typography.Text strong>{name}</Typography.Text> · {shanghaiDateTime(h.occurredAt)} · {h.actor.name ?? h.actor.id}
                      {h.data.completed !== undefined && <div>累计完成 {h.data.completed}</div>}
                      {h.data.note && <div>{h.data.note}</div>}
                      {h.data.evidence && h.data.evidence.length > 0 && <div>佐证：{h.data.evidence.join('、')}</div>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        记录于 {shanghaiDateTime(h.recordedAt)} · {h.eventId}
                      </Typography.Text>
                    </div>
                  ),
                };
              })}
            />
          </div>
        )}
      </Drawer>
    </Space>
  );
}
