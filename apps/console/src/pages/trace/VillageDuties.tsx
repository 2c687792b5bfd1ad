import { Card, Space, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { shanghaiDate, shanghaiDateTime } from '../../api/time';
import type { VillageRecord } from './types';

const until = (to: string | null) => (to ? shanghaiDate(to) : '至今');
const cadre = ({ cadreId, name }: { cadreId: string; name: string | null }) => (
  <Link key={cadreId} to={`/trace?cadre=${encodeURIComponent(cadreId)}`}>
    {name ?? cadreId}
  </Link>
);

/** 包村 units with their lead officials at each time, and the resident work teams with their 第一书记, in a period. */
export function VillageDuties({ record }: { record: VillageRecord }) {
  return (
    <>
      <Card title="包村单位与时任牵头领导">
        <Table
          rowKey={(u) => `${u.unitId}@${u.from}`}
          size="small"
          dataSource={record.units}
          pagination={false}
          data-testid="trace-units"
          locale={{ emptyText: '该期间无包村单位记录' }}
          columns={[
            { title: '包村单位', render: (_: unknown, u: VillageRecord['units'][number]) => u.name ?? u.unitId },
            { title: '自', dataIndex: 'from', render: shanghaiDate },
            { title: '至', dataIndex: 'to', render: until },
            {
              title: '牵头领导',
              render: (_: unknown, u: VillageRecord['units'][number]) => (
                <Space orientation="vertical" size={0}>
                  {u.leads.map((lead) => (
                    <span key={lead.from}>
                      {lead.leadOfficial}
                      <Typography.Text type="secondary">{`（${shanghaiDate(lead.from)} — ${until(lead.to)}）`}</Typography.Text>
                    </span>
                  ))}
                </Space>
              ),
            },
            { title: '依据', dataIndex: 'reason' },
            { title: '记入', dataIndex: 'recordedAt', render: shanghaiDateTime },
          ]}
        />
      </Card>
      <Card title="驻村工作队">
        <Table
          rowKey="from"
          size="small"
          dataSource={record.teams}
          pagination={false}
          data-testid="trace-teams"
          locale={{ emptyText: '该期间无驻村工作队记录' }}
          columns={[
            { title: '第一书记', render: (_: unknown, t: VillageRecord['teams'][number]) => cadre(t.firstSecretary) },
            {
              title: '队员',
              render: (_: unknown, t: VillageRecord['teams'][number]) => (
                <Space wrap>{t.members.filter((m) => m.cadreId !== t.firstSecretary.cadreId).map(cadre)}</Space>
              ),
            },
            { title: '自', dataIndex: 'from', render: shanghaiDate },
            { title: '至', dataIndex: 'to', render: until },
            { title: '依据', dataIndex: 'reason' },
            { title: '记入', dataIndex: 'recordedAt', render: shanghaiDateTime },
          ]}
        />
      </Card>
    </>
  );
}
