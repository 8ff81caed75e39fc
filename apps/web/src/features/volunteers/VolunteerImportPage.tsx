import { Card, Typography } from 'antd';
import { ImportPanel } from '../../components/ImportPanel';
import { PageHeader } from '../../components/PageHeader';
import { useVolunteerImport } from './api';

export default function VolunteerImportPage() {
  const imp = useVolunteerImport();
  return (
    <div>
      <PageHeader
        title="批量导入志愿者"
        back="/volunteers"
        sub="先检查全部行，无误后整体导入；导入即视为已取得本人或监护人的书面同意"
      />
      <Card>
        <Typography.Paragraph type="secondary">
          每行须填写姓名、身份证号、手机号和社区代码（12 位）；未满 14 周岁的须填写监护人姓名和电话。
          导入的志愿者记为“已同意记录志愿服务信息和处理身份证号”，请将纸质同意书留存备查。
        </Typography.Paragraph>
        <ImportPanel
          what="志愿者"
          templatePath="/v1/volunteers/import/template"
          templateName="志愿者导入模板.xlsx"
          run={(file, dryRun) => imp.mutateAsync({ file, dryRun })}
        />
      </Card>
    </div>
  );
}
