import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../layout/me';
import { NAVIGATION } from '../layout/navigation';

/** The landing page: the actor's own pages, as the navigation offers them. */
export default function Workspace() {
  const me = useMe();
  const pages = NAVIGATION.filter((item) => item.path !== '/' && item.show(me));
  return (
    <>
      <Typography.Title level={3}>工作台</Typography.Title>
      <Typography.Paragraph>
        {me.name ?? me.id}，您好。您的管辖范围：{me.regionName ?? me.regionCode}
        {me.unitName ? `；所在单位：${me.unitName}` : ''}。
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {pages.map((item) => (
          <Col xs={24} sm={12} md={8} key={item.path}>
            <Link to={item.path}>
              <Card hoverable>{item.label}</Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
