/** A canonical UUID (the form `uuid` columns accept); lookups answer 404 for anything else instead of a database error. */
export const isUuid = (s: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
