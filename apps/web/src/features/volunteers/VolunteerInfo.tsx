import { teamMembershipStateLabels, volunteerStatusLabels } from '@linli/core/schemas/volunteer';
import { Descriptions, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../lib/format';
import { categoryLabel, createdViaLabels, labelOr, membershipColor, sexLabels, statusColor } from './labels';
import type { VolunteerDetail } from './types';

const tags = (list: string[], f: (s: string) => string = (s) => s) =>
  list.length ? (
    <Space size={[4, 4]} wrap>
      {list.map((s) => (
        <Tag key={s}>{f(s)}</Tag>
      ))}
    </Space>
  ) : (
    '—'
  );

/** The description block at the top of the volunteer detail page. */
export function VolunteerSummary({ volunteer: v }: { volunteer: VolunteerDetail }) {
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="volunteer-summary">
      <Descriptions.Item label="志愿者编号">{v.volunteerNumber}</Descriptions.Item>
      <Descriptions.Item label="状态">
        <Tag color={statusColor[v.status]}>{labelOr(volunteerStatusLabels, v.status)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="性别 / 年龄">
        {labelOr(sexLabels, v.sex)} / {v.age} 岁
      </Descriptions.Item>
      <Descriptions.Item label="身份证号">{v.idNumberMasked}</Descriptions.Item>
      <Descriptions.Item label="手机号">{v.phoneMasked}</Descriptions.Item>
      <Descriptions.Item label="所属社区">
        {[v.streetName, v.communityName].filter(Boolean).join(' / ') || '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Everything else on the 基本信息 tab. */
export function VolunteerInfo({ volunteer: v }: { volunteer: VolunteerDetail }) {
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="volunteer-info">
      <Descriptions.Item label="姓名">{v.realName}</Descriptions.Item>
      <Descriptions.Item label="出生日期">{v.birthDate}</Descriptions.Item>
      <Descriptions.Item label="技能">{tags(v.skills)}</Descriptions.Item>
      <Descriptions.Item label="服务意向">{tags(v.interests, categoryLabel)}</Descriptions.Item>
      {v.guardianName && (
        <>
          <Descriptions.Item label="监护人">{v.guardianName}</Descriptions.Item>
          <Descriptions.Item label="监护人电话">{v.guardianPhoneMasked ?? '—'}</Descriptions.Item>
        </>
      )}
      <Descriptions.Item label="服务队" span={2}>
        {v.teams.length ? (
          <Space size={[4, 4]} wrap>
            {v.teams.map((t) => (
              <Link key={t.membershipId} to={`/teams/${t.teamId}`}>
                <Tag color={membershipColor[t.state]}>
                  {t.teamName}（{labelOr(teamMembershipStateLabels, t.state)}）
                </Tag>
              </Link>
            ))}
          </Space>
        ) : (
          '未加入服务队'
        )}
      </Descriptions.Item>
      <Descriptions.Item label="登记方式">{labelOr(createdViaLabels, v.createdVia)}</Descriptions.Item>
      <Descriptions.Item label="登记时间">{formatDateTime(v.createdAt)}</Descriptions.Item>
    </Descriptions>
  );
}
