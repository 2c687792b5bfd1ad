import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Segmented, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { shanghaiDate, shanghaiDateTime } from '../api/time';
import { useApi } from '../api/use-api';
import { RegionPicker } from '../components/RegionPicker';
import { useMe } from '../layout/me';
import { DutyRecordView } from './trace/DutyRecordView';
import type { CadreRecord, DutyRecord, VillageRecord } from './trace/types';
import { VillageDuties } from './trace/VillageDuties';

type Subject = 'cadre' | 'village' | 'household';
const iso = (d: Dayjs) => d.toISOString();

/** The lines every record's summary has: the period, the record time, the visits made and what was missed. */
function summaryItems(record: DutyRecord) {
  const { overdueMonths, handoversNotConnected } = record.missed;
  return [
    <Descriptions.Item key="knownAt" label="记录时点">
      {shanghaiDateTime(record.knownAt)}
    </Descriptions.Item>,
    <Descriptions.Item
      key="period"
      label="期间"
    >{`${shanghaiDate(record.period.from)} — ${shanghaiDate(record.period.to)}`}</Descriptions.Item>,
    <Descriptions.Item key="visits" label="走访">
      {record.visits.byMonth.reduce((n, m) => n + m.visits, 0)} 次
    </Descriptions.Item>,
    <Descriptions.Item key="missed" label="未履职">
      <Space>
        <Tag color={overdueMonths.length ? 'red' : 'green'}>逾期未走访 {overdueMonths.length} 户月</Tag>
        <Tag color={handoversNotConnected.length ? 'red' : 'green'}>未按期对接 {handoversNotConnected.length}</Tag>
      </Space>
    </Descriptions.Item>,
  ];
}

/**
 * 责任回溯: for a cadre or a village and a period, who held what when, what they did (visits, exit steps) and what
 * they missed (overdue months, 对接 missed) — read "as known at" a record time, so that what the record said on day
 * K about day T is one screen. A household's own file has the same slider over its timeline; this page leads there.
 */
export default function Trace() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const cadre = params.get('cadre') ?? '';
  const village = params.get('village') ?? '';
  const [subject, setSubject] = useState<Subject>(village ? 'village' : 'cadre');
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs().subtract(12, 'month').startOf('month'), dayjs()]);
  const [knownAt, setKnownAt] = useState<Dayjs | null>(null);
  const query = new URLSearchParams({ from: iso(period[0]), to: iso(period[1]), ...(knownAt ? { knownAt: iso(knownAt) } : {}) });
  const cadreRecord = useApi<CadreRecord>(subject === 'cadre' && cadre ? `/cadres/${encodeURIComponent(cadre)}/record?${query}` : null);
  const villageRecord = useApi<VillageRecord>(
    subject === 'village' && village ? `/regions/${encodeURIComponent(village)}/record?${query}` : null,
  );
  const error = subject === 'cadre' ? cadreRecord.error : subject === 'village' ? villageRecord.error : null;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title="责任回溯">
        <Space orientation="vertical" size="middle">
          <Segmented<Subject>
            value={subject}
            onChange={setSubject}
            options={[
              { value: 'cadre', label: '按帮扶责任人' },
              { value: 'village', label: '按行政村' },
              { value: 'household', label: '按户' },
            ]}
            data-testid="trace-subject"
          />
          <Form
            key={subject}
            layout="inline"
            initialValues={{ id: subject === 'cadre' ? cadre : '' }}
            onFinish={({ id }: { id?: string }) => {
              if (subject === 'household' && id) navigate(`/households/${encodeURIComponent(id.trim())}`);
              else if (subject === 'cadre' && id) setParams({ cadre: id.trim() });
            }}
          >
            {subject === 'village' ? (
              <Form.Item label="行政村">
                <RegionPicker root={me.regionCode} value={village} onChange={(code) => setParams({ village: code })} />
              </Form.Item>
            ) : (
              <Form.Item
                name="id"
                label={subject === 'cadre' ? '帮扶责任人编号' : '户编号'}
                rules={[{ required: true, message: '请填写编号' }]}
              >
                <Input style={{ width: 200 }} data-testid={`trace-${subject}`} />
              </Form.Item>
            )}
            {subject !== 'household' && (
              <>
                <Form.Item label="期间">
                  <DatePicker.RangePicker
                    value={period}
                    onChange={(value) => value?.[0] && value[1] && setPeriod([value[0], value[1].endOf('day')])}
                  />
                </Form.Item>
                <Form.Item label="按记录时点">
                  <DatePicker showTime placeholder="现在" value={knownAt} onChange={setKnownAt} data-testid="trace-known-at" />
                </Form.Item>
              </>
            )}
            {subject !== 'village' && (
              <Button type="primary" htmlType="submit">
                {subject === 'household' ? '打开户档案' : '查询'}
              </Button>
            )}
          </Form>
          {subject === 'household' && <Alert type="info" showIcon title="户档案的时间线带有“按记录时点”滑块，可回看任一时点的记录。" />}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {subject === 'cadre' && cadreRecord.data && (
        <>
          <Card data-testid="trace-summary">
            <Descriptions size="small" column={3}>
              <Descriptions.Item label="帮扶责任人">{`${cadreRecord.data.cadre.name}（${cadreRecord.data.cadre.cadreId}）`}</Descriptions.Item>
              <Descriptions.Item label="帮扶单位">{cadreRecord.data.cadre.unitName ?? '—'}</Descriptions.Item>
              {summaryItems(cadreRecord.data)}
            </Descriptions>
          </Card>
          <DutyRecordView key={cadre} record={cadreRecord.data} byCadre />
        </>
      )}
      {subject === 'village' && villageRecord.data && (
        <>
          <Card data-testid="trace-summary">
            <Descriptions size="small" column={3}>
              <Descriptions.Item label="行政村">{`${villageRecord.data.village.name}（${villageRecord.data.village.code}）`}</Descriptions.Item>
              <Descriptions.Item label="包保户">{new Set(villageRecord.data.held.map((h) => h.householdId)).size} 户</Descriptions.Item>
              {summaryItems(villageRecord.data)}
            </Descriptions>
          </Card>
          <VillageDuties record={villageRecord.data} />
          <DutyRecordView key={village} record={villageRecord.data} byCadre={false} />
        </>
      )}
    </Space>
  );
}
