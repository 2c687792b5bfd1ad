import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { messageOf } from '../api/messages';
import { shanghaiDate, shanghaiMonth } from '../api/time';
import { Chart } from '../charts/Chart';
import { DownloadButton } from '../components/DownloadButton';
import { RegionPicker } from '../components/RegionPicker';
import { useMe } from '../layout/me';

interface MonthCoverage {
  month: string;
  households: number;
  visited: number;
  villages: { villageCode: string; villageName: string | null; households: number; visited: number; coverage: number | null }[];
}
interface Overdue {
  householdId: string;
  headName: string | null;
  villageCode: string;
  month: string;
  cadreName: string | null;
  cadreId: string | null;
  remindedAt: string | null;
  escalatedAt: string | null;
  caughtUpAt: string | null;
}

/** The twelve Shanghai months up to this one. */
function lastTwelveMonths(now = new Date()): string[] {
  const months: string[] = [];
  const [year, month] = shanghaiMonth(now).split('-').map(Number);
  for (let k = 11; k >= 0; k--) {
    const d = new Date(Date.UTC(year, month - 1 - k, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

const defaultRegion = (region: string) => (region === '000000' ? '220000' : region);

/** 走访覆盖: villages × months as a heat map (one request for the year), and the overdue months with their status. */
export default function Coverage() {
  const me = useMe();
  const navigate = useNavigate();
  const [region, setRegion] = useState(defaultRegion(me.regionCode));
  const [months, setMonths] = useState<MonthCoverage[] | null>(null);
  const [overdue, setOverdue] = useState<Overdue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const range = useMemo(lastTwelveMonths, []);

  useEffect(() => {
    setMonths(null);
    api<{ months: MonthCoverage[] }>(`/regions/${region}/visit-coverage?from=${range[0]}&to=${range[11]}`).then(
      (answer) => setMonths(answer.months),
      (e: unknown) => setError(messageOf(e)),
    );
    api<{ overdue: Overdue[] }>(`/regions/${region}/overdue-visits?status=all&limit=500`).then(
      (answer) => setOverdue(answer.overdue),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [region, range]);

  const villages = useMemo(() => {
    const names = new Map<string, string>();
    for (const m of months ?? []) for (const v of m.villages) names.set(v.villageCode, v.villageName ?? v.villageCode);
    return [...names.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [months]);
  const option = useMemo(() => {
    const data = (months ?? []).flatMap((m, x) =>
      m.villages.map((v) => [
        x,
        villages.findIndex(([code]) => code === v.villageCode),
        v.coverage === null ? null : Math.round(v.coverage * 100),
      ]),
    );
    // The month under way is not a miss: it is drawn in grey, outside the red-to-green scale of the months that ended.
    const current = range.indexOf(shanghaiMonth());
    return {
      tooltip: { position: 'top' },
      grid: { left: 90, right: 24, top: 16, bottom: 80 },
      xAxis: {
        type: 'category',
        data: range,
        splitArea: { show: true },
        axisLabel: { formatter: (month: string) => (range.indexOf(month) === current ? `${month}\n（进行中）` : month) },
      },
      yAxis: { type: 'category', data: villages.map(([, name]) => name), splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: 100,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 8,
        inRange: { color: ['#cf1322', '#faad14', '#52c41a'] },
        text: ['100%', '0%'],
        seriesIndex: 0,
      },
      series: [
        { type: 'heatmap', name: '走访覆盖率（%）', data: data.filter(([x]) => x !== current), label: { show: true } },
        {
          type: 'heatmap',
          name: '本月进行中（%）',
          data: data.filter(([x]) => x === current),
          label: { show: true },
          itemStyle: { color: '#d9d9d9' },
        },
      ],
    };
  }, [months, villages, range]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title="走访覆盖" extra={<RegionPicker root={me.regionCode} value={region} onChange={setRegion} />}>
        {error && <Alert type="error" showIcon title={error} />}
        <Typography.Paragraph type="secondary">每格为该村当月由帮扶责任人走访到的在册户占比；点击一格查看该村各户。</Typography.Paragraph>
        {months && (
          <Chart
            option={option}
            height={Math.max(220, 80 + 44 * villages.length)}
            testId="coverage-heatmap"
            onClick={({ value }) => navigate(`/regions/${villages[(value as number[])[1]][0]}/households`)}
          />
        )}
        <Space wrap>
          {villages.map(([code, name]) => (
            <a key={code} onClick={() => navigate(`/regions/${code}/households`)}>
              {name}
            </a>
          ))}
        </Space>
      </Card>
      <Card title="逾期未走访" extra={<DownloadButton path={`/exports/regions/${region}/overdue-visits.xlsx?status=all&limit=1000`} />}>
        <Table
          rowKey={(o) => `${o.householdId}-${o.month}`}
          loading={!overdue}
          dataSource={overdue ?? []}
          size="small"
          scroll={{ x: true }}
          columns={[
            { title: '月份', dataIndex: 'month' },
            {
              title: '户',
              render: (_: unknown, o: Overdue) => (
                <a onClick={() => navigate(`/households/${o.householdId}`)}>{`${o.headName ?? ''} ${o.householdId}`}</a>
              ),
            },
            { title: '帮扶责任人', render: (_: unknown, o: Overdue) => o.cadreName ?? o.cadreId ?? '—' },
            {
              title: '状态',
              render: (_: unknown, o: Overdue) =>
                o.caughtUpAt ? (
                  <Tag color="green">{`已补访 ${shanghaiDate(o.caughtUpAt)}`}</Tag>
                ) : o.escalatedAt ? (
                  <Tag color="red">已上报乡镇</Tag>
                ) : o.remindedAt ? (
                  <Tag color="orange">已提醒</Tag>
                ) : (
                  <Tag color="volcano">逾期</Tag>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
