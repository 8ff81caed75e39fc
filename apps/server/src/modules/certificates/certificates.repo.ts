import type { Database } from '../../db/client';

export type CertificateRow = {
  number: string;
  organizationId: string;
  particulars: Record<string, string>;
  issuedOn: string;
  issuerName: string;
  revokedAt: Date | null;
  revokeReason: string | null;
  regionCode: string;
  orgStatus: string;
  districtName: string | null;
};

export function createCertificateRepo(database: Database) {
  return {
    async get(number: string): Promise<CertificateRow | null> {
      const [r] = await database.query<CertificateRow>(
        `select c.number, c.organization_id as "organizationId", c.particulars, c.issued_on as "issuedOn", c.issuer_name as "issuerName",
                c.revoked_at as "revokedAt", c.revoke_reason as "revokeReason", o.region_code as "regionCode", o.status as "orgStatus",
                (select name from regions where code = (substr(o.region_code, 1, 6) || '000000')::char(12)) as "districtName"
           from certificates c join organizations o on o.id = c.organization_id
          where c.number = $1`,
        [number],
      );
      return r ?? null;
    },
  };
}
