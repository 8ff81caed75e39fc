import { CheckCircleOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { downloadFile, errorMessage } from '../lib/api';
import type { ImportResult } from '../lib/types';

/**
 * Template → upload (dry run: every row checked, nothing saved) → confirm (all or nothing).
 * Used for the organization ledger and for member rosters.
 */
export function ImportPanel({
  templatePath,
  templateName,
  what,
  run,
  onDone,
}: {
  templatePath: string;
  templateName: string;
  /** e.g. 组织 / 成员 */
  what: string;
  run: (file: File, dryRun: boolean) => Promise<ImportResult>;
  onDone?: (r: ImportResult) => void;
}) {
  const { message, modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const rowsOf = (r: ImportResult) => r.total ?? r.rows ?? 0;
  const step = done ? 2 : check ? 1 : 0;

  const dryRun = async (f: File) => {
    setFile(f);
    setCheck(null);
    setDone(null);
    setBusy(true);
    try {
      setCheck(await run(f, true));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const commit = () => {
    if (!file || !check) return;
    modal.confirm({
      title: `确认导入 ${rowsOf(check)} 条${what}记录？`,
      content: '导入为整体操作：全部成功或全部不导入。导入后将记入审计日志。',
      okText: '确认导入',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          const r = await run(file, false);
          if (r.committed) {
            setDone(r);
            onDone?.(r);
            message.success('导入完成');
          } else {
            setCheck(r);
            message.error('导入未完成：请先修正错误');
          }
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  const reset = () => {
    setFile(null);
    setCheck(null);
    setDone(null);
  };

  return (
    <div data-testid="import-panel">
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 20 }}
        items={[{ title: '下载模板并填写' }, { title: '上传并检查' }, { title: '确认导入' }]}
      />
      {done ? (
        <Result
          status="success"
          title="导入成功"
          subTitle={`已导入 ${done.created ?? rowsOf(done)} 条${what}记录。`}
          extra={<Button onClick={reset}>继续导入</Button>}
        />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadFile(templatePath, undefined, templateName).catch((e) =>
                  message.error(errorMessage(e)),
                )
              }
              data-testid="import-template"
            >
              下载导入模板
            </Button>
            <Typography.Text type="secondary">请按模板列填写，身份证号、电话等将逐行校验。</Typography.Text>
          </Space>
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx"
              maxCount={1}
              showUploadList={false}
              disabled={busy}
              beforeUpload={(f) => {
                void dryRun(f);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖入 Excel 文件（.xlsx）</p>
              <p className="ant-upload-hint">{file ? `已选择：${file.name}` : '先检查，不会立即保存'}</p>
            </Upload.Dragger>
          </div>
          {check && (
            <>
              {check.errors.length ? (
                <Alert
                  type="error"
                  showIcon
                  title={`检查发现 ${check.errors.length} 处问题，请修改文件后重新上传`}
                  description={`共 ${rowsOf(check)} 行${check.valid !== undefined ? `，其中 ${check.valid} 行无误` : ''}。有错误时不能导入。`}
                  data-testid="import-has-errors"
                />
              ) : (
                <Alert
                  type="success"
                  showIcon
                  icon={<CheckCircleOutlined />}
                  title={`检查通过：共 ${rowsOf(check)} 行，均可导入`}
                  data-testid="import-ok"
                />
              )}
              {check.errors.length > 0 && (
                <Table
                  size="small"
                  rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                  dataSource={check.errors}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  data-testid="import-errors"
                  columns={[
                    { title: '行号', dataIndex: 'row', width: 80 },
                    { title: '列', dataIndex: 'column', width: 160 },
                    { title: '问题', dataIndex: 'message' },
                  ]}
                />
              )}
              <Space>
                <Button
                  type="primary"
                  disabled={check.errors.length > 0 || rowsOf(check) === 0}
                  loading={busy}
                  onClick={commit}
                  data-testid="import-commit"
                >
                  确认导入
                </Button>
                <Button onClick={reset}>重新选择</Button>
              </Space>
            </>
          )}
        </Space>
      )}
    </div>
  );
}
