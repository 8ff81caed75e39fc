import { Card } from 'antd';
import { ImportPanel } from '../../components/ImportPanel';
import { PageHeader } from '../../components/PageHeader';
import { useOrgImport } from './api';

export default function OrgImportPage() {
  const imp = useOrgImport();
  return (
    <div>
      <PageHeader
        title="导入组织台账"
        back="/organizations"
        sub="将已有的纸质或 Excel 台账一次性导入，录入一次，多处复用"
      />
      <Card>
        <ImportPanel
          what="组织"
          templatePath="/v1/organizations/import/template"
          templateName="组织台账导入模板.xlsx"
          run={(file, dryRun) => imp.mutateAsync({ file, dryRun })}
        />
      </Card>
    </div>
  );
}
