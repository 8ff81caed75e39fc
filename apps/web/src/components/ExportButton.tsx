import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n';
import { downloadFile, errorMessage, type Query } from '../lib/api';

/**
 * “导出Excel” for a list page: downloads `path` with the list's current filters (no paging),
 * shows a spinner while the file is built and the server's message when it refuses.
 */
export function ExportButton(props: { path: string; query: Query; fileName: string; testId?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(props.path, props.query, props.fileName);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} onClick={run} loading={busy} data-testid={props.testId}>
      {t('common.export')}
    </Button>
  );
}
