import { Alert, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { FLAG_TYPE_NAMES, RECIPIENT_KIND_NAMES } from '../../../../libs/domain/src/shared/flag-names';
import { shanghaiDate, yuan } from '../api/time';
import { useApi } from '../api/use-api';
import { Chart } from '../charts/Chart';
import { DownloadButton } from '../components/DownloadButton';
import { RegionPicker } from '../components/RegionPicker';
import { useMe } from '../layout/me';
import { fundSankey, type FundFlag, type Trace } from './funds/fund-sankey';

interface Group {
  funds: number;
  allocatedFen: number;
  disbursedFen: number;
  balanceFen: number;
}
interface FundLine {
  fundId: string;
  source: string;
  purpose: string;
  regionCode: string;
  documentNumber: string;
  allocatedOn: string;
  allocatedFen: number;
  disbursedFen: number;
  balanceFen: number;
}
interface RegionFunds {
  totals: { allocatedFen: number; disbursedFen: number; recoveredFen: number; balanceFen: number };
  bySource: (Group & { source: string })[];
  byPurpose: (Group & { purpose: string })[];
  shares: { productionOfAll: number | null; productionOfIntegrated: number | null };
  targets: { productionOfIntegrated: number };
  funds: FundLine[];
}

const pie = (title: string, rows: { name: string; fen: number }[]) => ({
  title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
  tooltip: { trigger: 'item' },
  series: [
    {
      type: 'pie',
      radius: ['35%', '65%'],
      top: 24,
      label: { formatter: '{b}\n{d}%' },
      data: rows.map((row) => ({ name: row.name, value: row.fen / 100, fen: row.fen })),
    },
  ],
});

function shareGauge(share: number | null, target: number) {
  const percent = share === null ? null : Math.round(share * 1000) / 10;
  return {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        axisLine: {
          lineStyle: {
            width: 14,
            color: [
              [target, '#f5222d'],
              [1, '#52c41a'],
            ],
          },
        },
        pointer: { show: percent !== null },
        detail: { formatter: percent === null ? '无整合资金' : `${percent}%`, fontSize: 18, offsetCenter: [0, '70%'] },
        title: { offsetCenter: [0, '95%'], fontSize: 13 },
        data: [{ value: percent ?? 0, name: `整合资金用于产业发展（≥${target * 100}%）` }],
      },
    ],
  };
}

/** 资金去向: a division's funds by source and purpose, the production share against its target, and one fund's trace. */
export default function Funds() {
  const me = useMe();
  const [region, setRegion] = useState(me.regionCode === '000000' ? '220000' : me.regionCode);
  const [fundId, setFundId] = useState<string | null>(null);
  const funds = useApi<RegionFunds>(`/regions/${region}/funds`);
  const selected = fundId ?? funds.data?.funds[0]?.fundId ?? null;
  const trace = useApi<Trace>(selected ? `/funds/${encodeURIComponent(selected)}/trace?limit=1000` : null);
  const flags = useApi<{ flags: FundFlag[] }>(selected ? `/flags?fund=${encodeURIComponent(selected)}&limit=1000` : null);
  const sankey = useMemo(() => (trace.data && flags.data ? fundSankey(trace.data, flags.data.flags) : null), [trace.data, flags.data]);
  const flagsOf = (disbursementId: string) => (flags.data?.flags ?? []).filter((f) => f.details.disbursementId === disbursementId);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title="资金去向"
        extra={<RegionPicker root={me.regionCode} value={region} onChange={(code) => (setRegion(code), setFundId(null))} />}
      >
        {funds.error && <Alert type="error" showIcon title={funds.error} />}
        {funds.data && (
          <>
            <Descriptions size="small" column={4} data-testid="fund-totals">
              <Descriptions.Item label="下达">{yuan(funds.data.totals.allocatedFen)}</Descriptions.Item>
              <Descriptions.Item label="拨付">{yuan(funds.data.totals.disbursedFen)}</Descriptions.Item>
              <Descriptions.Item label="追回">{yuan(funds.data.totals.recoveredFen)}</Descriptions.Item>
              <Descriptions.Item label="结余">{yuan(funds.data.totals.balanceFen)}</Descriptions.Item>
            </Descriptions>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Chart
                  option={pie(
                    '按来源',
                    funds.data.bySource.map((g) => ({ name: g.source, fen: g.allocatedFen })),
                  )}
                  height={260}
                  testId="by-source"
                />
              </Col>
              <Col xs={24} md={8}>
                <Chart
                  option={pie(
                    '按用途',
                    funds.data.byPurpose.map((g) => ({ name: g.purpose, fen: g.allocatedFen })),
                  )}
                  height={260}
                  testId="by-purpose"
                />
              </Col>
              <Col xs={24} md={8}>
                <Chart
                  option={shareGauge(funds.data.shares.productionOfIntegrated, funds.data.targets.productionOfIntegrated)}
                  height={260}
                  testId="production-share"
                />
              </Col>
            </Row>
          </>
        )}
        <Table<FundLine>
          rowKey="fundId"
          size="small"
          loading={!funds.data && !funds.error}
          dataSource={funds.data?.funds ?? []}
          pagination={{ pageSize: 10 }}
          rowClassName={(row) => (row.fundId === selected ? 'ant-table-row-selected' : '')}
          onRow={(row) => ({ onClick: () => setFundId(row.fundId), style: { cursor: 'pointer' } })}
          data-testid="fund-list"
          columns={[
            { title: '文号', dataIndex: 'documentNumber' },
            { title: '来源', dataIndex: 'source' },
            { title: '用途', dataIndex: 'purpose' },
            { title: '下达日期', dataIndex: 'allocatedOn' },
            { title: '下达', dataIndex: 'allocatedFen', render: yuan },
            { title: '结余', dataIndex: 'balanceFen', render: yuan },
          ]}
        />
      </Card>
      {selected && (
        <Card
          title={trace.data ? `资金流向 · ${trace.data.documentNumber}` : '资金流向'}
          extra={<DownloadButton path={`/exports/funds/${encodeURIComponent(selected)}/trace.xlsx`} />}
        >
          {(trace.error || flags.error) && <Alert type="error" showIcon title={trace.error ?? flags.error} />}
          {trace.data && (
            <Typography.Paragraph data-testid="trace-summary">
              下达 {yuan(trace.data.allocatedFen)}，拨付 {yuan(trace.data.disbursedFen)}（{trace.data.disbursementCount} 笔），追回{' '}
              {yuan(trace.data.recoveredFen)}，调出 {yuan(trace.data.reallocatedFen)}，结余 {yuan(trace.data.balanceFen)}
              {trace.data.daysIdle > 0 && `，已 ${trace.data.daysIdle} 天未动用`}
            </Typography.Paragraph>
          )}
          {sankey && <Chart option={sankey} height={Math.max(280, (trace.data?.disbursements.length ?? 0) * 28)} testId="fund-sankey" />}
          <Table
            rowKey="disbursementId"
            size="small"
            dataSource={trace.data?.disbursements ?? []}
            pagination={{ pageSize: 20 }}
            data-testid="disbursements"
            columns={[
              { title: '拨付日期', dataIndex: 'disbursedAt', render: shanghaiDate },
              {
                title: '对象',
                render: (_: unknown, d: Trace['disbursements'][number]) =>
                  `${RECIPIENT_KIND_NAMES[d.recipient.kind] ?? d.recipient.kind} ${d.recipient.id}`,
              },
              { title: '金额', dataIndex: 'amountFen', render: yuan },
              { title: '凭证号', dataIndex: 'voucherNumber' },
              {
                title: '到账确认',
                render: (_: unknown, d: Trace['disbursements'][number]) => (d.receipt ? shanghaiDate(d.receipt.confirmedAt) : '未确认'),
              },
              {
                title: '问题线索',
                render: (_: unknown, d: Trace['disbursements'][number]) =>
                  flagsOf(d.disbursementId).map((f) => (
                    <Tag color="red" key={f.flagId}>
                      {FLAG_TYPE_NAMES[f.type] ?? f.type}
                    </Tag>
                  )),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
