import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { messageOf } from '../api/messages';
import { shanghaiDate } from '../api/time';
import type { HeldHousehold } from '../api/types';
import { useMe } from '../layout/me';

const STATUS = {
  done: { color: 'green', text: '本月已走访' },
  due: { color: 'blue', text: '本月待走访' },
  overdue: { color: 'red', text: '有逾期未走访' },
};

/** 我的包保户: the households the cadre holds now, this month's visit status, and a running 对接 deadline. */
export default function MyHouseholds() {
  const me = useMe();
  const [rows, setRows] = useState<HeldHousehold[] | null>(null);
  const [month, setMonth] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ month: string; households: HeldHousehold[] }>(`/cadres/${encodeURIComponent(me.id)}/households`).then(
      (answer) => {
        setRows(answer.households);
        setMonth(answer.month);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [me.id]);
  if (error) return <Alert type="error" showIcon title={error} />;
  const done = rows?.filter((row) => row.status === 'done').length ?? 0;
  return (
    <Card title="我的包保户" extra={rows && <span data-testid="month-summary">{`${month}：已走访 ${done} / ${rows.length} 户`}</span>}>
      <List
        loading={!rows}
        dataSource={rows ?? []}
        locale={{ emptyText: '当前没有包保户' }}
        renderItem={(row) => (
          <List.Item
            data-testid={`held-${row.householdId}`}
            actions={[
              <Link key="visit" to={`/households/${row.householdId}/visit`}>
                <Button type="primary">登记走访</Button>
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={<Link to={`/households/${row.householdId}`}>{`${row.headName ?? '（户主未登记）'} · ${row.householdId}`}</Link>}
              description={
                <Space wrap>
                  <Tag color={STATUS[row.status].color}>{STATUS[row.status].text}</Tag>
                  <Typography.Text type="secondary">{`自 ${shanghaiDate(row.since)} 包保`}</Typography.Text>
                  {row.connectBy && <Tag color="orange">{`对接期限 ${shanghaiDate(row.connectBy)}`}</Tag>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
