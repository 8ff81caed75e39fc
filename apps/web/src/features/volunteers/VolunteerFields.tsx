import { ageOn, validateIdNumber } from '@linli/core/identifiers/idNumber';
import { validatePhone } from '@linli/core/identifiers/phone';
import { todayInShanghai } from '@linli/core/time';
import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useCurrentUser } from '../auth/api';
import { RegionCascader } from '../reference/RegionCascader';
import { interestOptions, skillOptions } from '../resident/vocab';

export const GUARDIAN_AGE = 14;

/** Age (周岁) from a complete, valid ID number; null otherwise. */
export function ageFromId(raw: string | undefined): number | null {
  const r = validateIdNumber((raw ?? '').trim());
  return r.ok ? ageOn(r.birthDate, todayInShanghai(new Date())) : null;
}

const phoneRule = {
  validator: (_: unknown, v?: string) => {
    if (!v) return Promise.resolve();
    const r = validatePhone(v.trim());
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
  },
};

/** Community picker below the user's home region (a community-level user sees their own community). */
export function CommunityField({
  name = 'regionCode',
  label = '所属社区',
}: {
  name?: string;
  label?: string;
}) {
  const me = useCurrentUser();
  const home = me.homeRegion;
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required: true, message: '请选择社区（居委会/村委会）' }]}
      initialValue={home && home.level >= 5 ? home.code : undefined}
    >
      <RegionCascader
        rootCode={home?.code}
        rootName={home?.name}
        rootLevel={home?.level}
        communityOnly
        placeholder="选择街道 / 社区"
        testId="volunteer-community"
      />
    </Form.Item>
  );
}

/** Name, contact, community, skills and interests: shared by the register and edit forms. */
export function VolunteerFields({ mode }: { mode: 'create' | 'edit' }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name="realName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input maxLength={30} data-testid="volunteer-realName" />
        </Form.Item>
      </Col>
      {mode === 'create' && (
        <Col xs={24} md={12}>
          <Form.Item
            name="idNumber"
            label="身份证号"
            rules={[
              { required: true, message: '请填写身份证号' },
              {
                validator: (_, v?: string) => {
                  if (!v) return Promise.resolve();
                  const r = validateIdNumber(v.trim());
                  return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
                },
              },
            ]}
          >
            <Input maxLength={18} data-testid="volunteer-idNumber" />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={12}>
        <Form.Item
          name="phone"
          label="手机号"
          rules={[{ required: mode === 'create', message: '请填写手机号' }, phoneRule]}
          extra={mode === 'edit' ? '不修改请留空' : undefined}
        >
          <Input maxLength={11} data-testid="volunteer-phone" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <CommunityField />
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="skills" label="技能">
          <Select
            mode="tags"
            placeholder="可选择或输入"
            options={skillOptions.map((s) => ({ value: s, label: s }))}
            maxCount={20}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="interests" label="服务意向">
          <Select
            mode="multiple"
            placeholder="可多选"
            options={interestOptions.map((o) => ({ value: o.code, label: o.label }))}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Guardian name and phone (and for new registrations the guardian's agreement), for under-14s. */
export function GuardianFields({ withConsent }: { withConsent: boolean }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name="guardianName"
          label="监护人姓名"
          rules={[{ required: withConsent, whitespace: true, message: '未满 14 周岁须填写监护人姓名' }]}
        >
          <Input maxLength={30} data-testid="volunteer-guardianName" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="guardianPhone"
          label="监护人电话"
          rules={[{ required: withConsent, message: '未满 14 周岁须填写监护人电话' }, phoneRule]}
        >
          <Input maxLength={11} data-testid="volunteer-guardianPhone" />
        </Form.Item>
      </Col>
      {withConsent && (
        <Col span={24}>
          <Form.Item
            name="guardianConsent"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) =>
                  v ? Promise.resolve() : Promise.reject(new Error('未满 14 周岁须经监护人同意')),
              },
            ]}
          >
            <Checkbox data-testid="volunteer-guardianConsent">监护人已到场并同意以上事项</Checkbox>
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
