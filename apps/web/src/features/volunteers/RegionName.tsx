import { useRegion } from '../auth/api';

/** A region's name from its code (cached); the code never shows. */
export function RegionName({ code }: { code: string | null | undefined }) {
  const r = useRegion(code);
  return <>{r.data?.name ?? '—'}</>;
}
