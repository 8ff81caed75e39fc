import {
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  LogoutOutlined,
  RiseOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { downloadFile, errorMessage } from '../../lib/api';
import type { OrgDetail } from '../../lib/types';
import { useOrgMutations } from './api';
import { OrgChangeModal } from './OrgChangeModal';
import { OrgEditModal } from './OrgEditModal';
import { OrgExitModal } from './OrgExitModal';
import type { Revealed } from './OrgInfo';

/** Buttons for exactly the actions the server lists in `allowedActions`. */
export function OrgActions({
  org,
  onRevealed,
  onStale,
}: {
  org: OrgDetail;
  onRevealed: (r: Revealed) => void;
  onStale: () => void;
}) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const m = useOrgMutations(org.id);
  const [open, setOpen] = useState<'edit' | 'change' | 'exit' | null>(null);
  const allowed = new Set(org.allowedActions ?? []);

  const recommend = (kind: 'filing' | 'registration') => {
    const filing = kind === 'filing';
    modal.confirm({
      title: filing ? `推荐「${org.name}」备案？` : `推荐「${org.name}」登记？`,
      content: filing
        ? '将根据活动小组台账自动生成备案申请表（草稿），可补充后提交。'
        : '将生成登记申请，报区民政局办理。',
      okText: '确认推荐',
      cancelText: '取消',
      onOk: () =>
        (filing ? m.recommendFiling : m.recommendRegistration)
          .mutateAsync(undefined)
          .then((r) => {
            message.success(filing ? '已生成备案申请' : '已生成登记申请');
            navigate(`/applications/${r.id}`);
          })
          .catch((err) => message.error(errorMessage(err))),
    });
  };

  const reveal = () => {
    modal.confirm({
      title: '查看完整个人信息？',
      content: '完整的身份证号和电话仅在办理业务必需时查看。本次查看将记入审计日志（查看人、时间、对象）。',
      okText: '确认查看',
      cancelText: '取消',
      onOk: async () => {
        const fields = (
          [
            ['leaderIdNumber', org.leaderIdMasked],
            ['leaderPhone', org.leaderPhoneMasked],
            ['contactPhone', org.contactPhoneMasked],
          ] as const
        ).filter(([, masked]) => !!masked);
        const out: Revealed = {};
        try {
          for (const [field] of fields) out[field] = (await m.reveal.mutateAsync(field)).value;
          onRevealed(out);
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  };

  const certificate = () =>
    downloadFile(
      `/v1/certificates/${encodeURIComponent(org.filingNumber ?? '')}/pdf`,
      undefined,
      `备案证书-${org.filingNumber}.pdf`,
    ).catch((err) => message.error(errorMessage(err)));

  return (
    <>
      {allowed.has('update') && (
        <Button icon={<EditOutlined />} onClick={() => setOpen('edit')} data-testid="action-update">
          编辑
        </Button>
      )}
      {allowed.has('recommendFiling') && (
        <Button
          type="primary"
          icon={<RiseOutlined />}
          onClick={() => recommend('filing')}
          data-testid="action-recommendFiling"
        >
          推荐备案
        </Button>
      )}
      {allowed.has('recommendRegistration') && (
        <Button
          type="primary"
          icon={<RiseOutlined />}
          onClick={() => recommend('registration')}
          data-testid="action-recommendRegistration"
        >
          推荐登记
        </Button>
      )}
      {allowed.has('change') && (
        <Button icon={<SwapOutlined />} onClick={() => setOpen('change')} data-testid="action-change">
          申请变更
        </Button>
      )}
      {allowed.has('reveal') && (
        <Button icon={<EyeOutlined />} onClick={reveal} data-testid="action-reveal">
          查看完整信息
        </Button>
      )}
      {allowed.has('downloadCertificate') && org.filingNumber && (
        <Button icon={<DownloadOutlined />} onClick={certificate} data-testid="action-downloadCertificate">
          下载备案证书
        </Button>
      )}
      {allowed.has('exit') && (
        <Button danger icon={<LogoutOutlined />} onClick={() => setOpen('exit')} data-testid="action-exit">
          办理退出
        </Button>
      )}
      <OrgEditModal org={org} open={open === 'edit'} onClose={() => setOpen(null)} onStale={onStale} />
      <OrgChangeModal org={org} open={open === 'change'} onClose={() => setOpen(null)} />
      <OrgExitModal org={org} open={open === 'exit'} onClose={() => setOpen(null)} />
    </>
  );
}
