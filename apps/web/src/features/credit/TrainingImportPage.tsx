import { Card, Typography } from 'antd';
import { ImportPanel } from '../../components/ImportPanel';
import { PageHeader } from '../../components/PageHeader';
import { useTrainingImport } from './api';

/** 导入培训名册: one row per volunteer who attended; each row is a training record and a credit event. */
export default function TrainingImportPage() {
  const imp = useTrainingImport();
  return (
    <div>
      <PageHeader title="导入培训名册" sub="先检查全部行，无误后整体导入；每条培训记录同时计入志愿者信用" />
      <Card>
        <Typography.Paragraph type="secondary">
          每行填写志愿者编号、姓名（用于核对）、课程名称、时长（分钟）、主办单位和培训日期（YYYY-MM-DD）。
          只能为您有权管理的志愿者登记；同一志愿者、课程和日期在文件中只能出现一次。
        </Typography.Paragraph>
        <ImportPanel
          what="培训记录"
          templatePath="/v1/trainings/import/template"
          templateName="培训名册导入模板.xlsx"
          run={(file, dryRun) => imp.mutateAsync({ file, dryRun })}
        />
      </Card>
    </div>
  );
}
