import { Button, Layout, Menu, Result, Spin, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api, session } from '../api/client';
import { messageOf } from '../api/messages';
import { ROLE_NAMES, type Me } from '../api/types';
import { MeContext } from './me';
import { NAVIGATION } from './navigation';

/** The frame every page sits in: who is signed in (name, role, division) and what they may open. */
export function Shell() {
  const [me, setMe] = useState<Me | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const location = useLocation();
  const navigate = useNavigate();
  const token = session.token();

  useEffect(() => {
    if (!token) return;
    api<Me>('/me').then(setMe, (error: unknown) => setFailure(messageOf(error)));
  }, [token]);

  if (!token) return <Navigate to="/signin" replace />;
  if (failure) return <Result status="error" title="无法读取登录信息" subTitle={failure} />;
  if (!me) return <Spin style={{ margin: 48 }} />;

  const items = NAVIGATION.filter((item) => item.show(me)).map((item) => ({
    key: item.path,
    label: <Link to={item.path}>{item.label}</Link>,
  }));
  const selected = NAVIGATION.filter((item) => item.path !== '/' && location.pathname.startsWith(item.path)).map((item) => item.path);
  const signOut = () => {
    session.clear();
    navigate('/signin');
  };
  return (
    <MeContext.Provider value={me}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, flexWrap: 'wrap', height: 'auto' }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
            帮扶台账
          </Typography.Text>
          <Menu
            theme="dark"
            mode="horizontal"
            items={items}
            selectedKeys={selected.length ? selected : ['/']}
            style={{ flex: 1, minWidth: 160 }}
          />
          <Space data-testid="actor" style={{ color: '#fff' }} wrap>
            <span>{me.name ?? me.id}</span>
            {me.roles.map((role) => (
              <Tag key={role} color="gold">
                {ROLE_NAMES[role] ?? role}
              </Tag>
            ))}
            <span>{me.regionName ?? me.regionCode}</span>
            <Button size="small" onClick={signOut}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </MeContext.Provider>
  );
}
