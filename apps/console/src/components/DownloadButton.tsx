import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { download } from '../api/client';
import { messageOf } from '../api/messages';

/** 导出 Excel: the table as the API's workbook, recorded on the access log. */
export function DownloadButton({ path, label = '导出 Excel' }: { path: string; label?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = () => {
    setBusy(true);
    download(path)
      .catch((e: unknown) => message.error(messageOf(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run} data-testid="download">
      {label}
    </Button>
  );
}
