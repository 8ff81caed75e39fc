import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { downloadFile, errorMessage } from '../../lib/api';
import { formatDateTime, formatSize } from '../../lib/format';
import type { AppDetail, Attachment } from '../../lib/types';
import { useAppMutations } from './api';
import { attachmentPurposes } from './labels';

const MAX = 10 * 1024 * 1024;
const EXT = ['pdf', 'jpg', 'jpeg', 'png', 'doc', 'docx', 'xls', 'xlsx'];

export function checkFile(file: File): string | null {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (!EXT.includes(ext)) return `「${file.name}」类型不支持，仅限 PDF、图片（JPG/PNG）、Word、Excel 文件`;
  if (file.size > MAX) return `「${file.name}」超过 10 MB（${formatSize(file.size)}），请压缩后上传`;
  return null;
}

export function AppAttachments({ app, canUpload }: { app: AppDetail; canUpload: boolean }) {
  const { upload } = useAppMutations(app.id);
  const { message } = App.useApp();
  const [purpose, setPurpose] = useState('charter');

  return (
    <div data-testid="attachments">
      {canUpload && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            value={purpose}
            onChange={setPurpose}
            options={Object.entries(attachmentPurposes).map(([value, label]) => ({ value, label }))}
            style={{ width: 160 }}
          />
          <Upload
            accept={EXT.map((e) => `.${e}`).join(',')}
            showUploadList={false}
            beforeUpload={(file) => {
              const problem = checkFile(file);
              if (problem) {
                message.error(problem);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              upload
                .mutateAsync({ file: file as File, purpose })
                .then((r) => {
                  message.success('附件已上传');
                  onSuccess?.(r);
                })
                .catch((err) => {
                  message.error(errorMessage(err));
                  onError?.(err as Error);
                });
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachment-upload">
              上传附件
            </Button>
          </Upload>
          <span style={{ color: '#888', fontSize: 12 }}>PDF、图片、Word、Excel，单个不超过 10 MB</span>
        </Space>
      )}
      <Table<Attachment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={app.attachments}
        locale={{ emptyText: '暂无附件' }}
        scroll={{ x: 560 }}
        columns={[
          {
            title: '文件',
            dataIndex: 'fileName',
            render: (n: string, r) => (
              <Button
                type="link"
                size="small"
                icon={<PaperClipOutlined />}
                onClick={() =>
                  downloadFile(`/v1/attachments/${r.id}`, undefined, n).catch((e) =>
                    message.error(errorMessage(e)),
                  )
                }
                style={{ padding: 0 }}
              >
                {n}
              </Button>
            ),
          },
          {
            title: '用途',
            dataIndex: 'purpose',
            width: 120,
            render: (p: string, r) => r.purposeLabel ?? attachmentPurposes[p] ?? p,
          },
          { title: '大小', dataIndex: 'size', width: 90, render: formatSize },
          { title: '上传时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
        ]}
      />
    </div>
  );
}
