import { Alert, Card, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { messageOf } from '../api/messages';
import { shanghaiDate } from '../api/time';
import { TeamReportsCard } from './village/TeamReportsCard';

interface Summary {
  householdId: string;
  headName: string;
  category: string;
  population: number;
  identifiedAt: string;
  status: string;
  exited: boolean;
  responsibleCadre: { cadreId: string; name: string | null } | null;
}

/** The households of a division, each a click from its file; for a village, its work team's monthly reports below. */
export default function VillageHouseholds() {
  const { code = '' } = useParams();
  const [rows, setRows] = useState<Summary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ households: Summary[] }>(`/regions/${code}/households?limit=1000`).then(
      (a) => setRows(a.households),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [code]);
  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title={`在册户 · ${code}`}>
        <Table
          rowKey="householdId"
          loading={!rows}
          dataSource={rows ?? []}
          size="small"
          scroll={{ x: true }}
          columns={[
            { title: '户编号', dataIndex: 'householdId', render: (id: string) => <Link to={`/households/${id}`}>{id}</Link> },
            { title: '户主', dataIndex: 'headName' },
            { title: '属性', dataIndex: 'category' },
            { title: '人口', dataIndex: 'population' },
            { title: '识别时间', dataIndex: 'identifiedAt', render: shanghaiDate },
            { title: '帮扶责任人', render: (_: unknown, r: Summary) => r.responsibleCadre?.name ?? r.responsibleCadre?.cadreId ?? '—' },
            { title: '状态', render: (_: unknown, r: Summary) => (r.exited ? '已脱贫' : r.status === 'registered' ? '在册' : r.status) },
          ]}
        />
      </Card>
      {/^\d{12}$/.test(code) && <TeamReportsCard villageCode={code} />}
    </Space>
  );
}
