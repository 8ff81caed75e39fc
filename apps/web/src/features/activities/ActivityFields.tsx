import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCurrentUser } from '../auth/api';
import { RegionCascader } from '../reference/RegionCascader';
import { OrgPicker } from '../volunteers/Pickers';
import { categoryOptions } from './labels';

export interface ActivityFormValues {
  orgId?: string;
  title: string;
  category: string;
  place: string;
  regionCode?: string;
  startsAt: Dayjs;
  endsAt: Dayjs;
  wanted: number;
  signupOpensAt?: Dayjs | null;
  signupClosesAt?: Dayjs | null;
  coefficient: number;
  content: string;
}

const when = (label: string, required: boolean, testId: string) => (
  <Form.Item
    name={testId}
    label={label}
    rules={required ? [{ required: true, message: `请选择${label}` }] : []}
  >
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%' }}
      data-testid={`activity-${testId}`}
    />
  </Form.Item>
);

/** Fields of the activity form; `withOrg` adds the organization picker (creating, staff). */
export function ActivityFields({ withOrg }: { withOrg: boolean }) {
  const me = useCurrentUser();
  const home = me.homeRegion;
  return (
    <Row gutter={16}>
      {withOrg && (
        <Col span={24}>
          <Form.Item name="orgId" label="组织方" rules={[{ required: true, message: '请选择组织方' }]}>
            <OrgPicker placeholder="输入组织名称搜索" testId="activity-org" />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={16}>
        <Form.Item
          name="title"
          label="活动名称"
          rules={[
            { required: true, whitespace: true, message: '请填写活动名称' },
            { min: 2, max: 100, message: '活动名称为 2–100 个字' },
          ]}
        >
          <Input maxLength={100} data-testid="activity-title" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="category" label="服务类别" rules={[{ required: true, message: '请选择服务类别' }]}>
          <Select options={categoryOptions} placeholder="选择类别" data-testid="activity-category" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="place"
          label="活动地点"
          rules={[{ required: true, whitespace: true, message: '请填写活动地点' }]}
        >
          <Input maxLength={200} data-testid="activity-place" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="regionCode" label="活动社区" extra="不选则为组织所在社区">
          <RegionCascader
            rootCode={home?.code}
            rootName={home?.name}
            rootLevel={home?.level}
            communityOnly
            placeholder="选择街道 / 社区"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        {when('开始时间', true, 'startsAt')}
      </Col>
      <Col xs={24} md={12}>
        {when('结束时间', true, 'endsAt')}
      </Col>
      <Col xs={24} md={12}>
        {when('报名开始时间', false, 'signupOpensAt')}
      </Col>
      <Col xs={24} md={12}>
        {when('报名截止时间', false, 'signupClosesAt')}
      </Col>
      <Col xs={12} md={12}>
        <Form.Item name="wanted" label="招募人数" rules={[{ required: true, message: '请填写招募人数' }]}>
          <InputNumber
            min={1}
            max={10000}
            precision={0}
            style={{ width: '100%' }}
            data-testid="activity-wanted"
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={12}>
        <Form.Item
          name="coefficient"
          label="难度系数"
          tooltip="服务时长按难度系数折算，范围 0.5–3.0"
          rules={[{ required: true, message: '请填写难度系数' }]}
        >
          <InputNumber min={0.5} max={3} step={0.1} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="content"
          label="活动内容"
          rules={[{ required: true, whitespace: true, message: '请填写活动内容' }]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount data-testid="activity-content" />
        </Form.Item>
      </Col>
    </Row>
  );
}
