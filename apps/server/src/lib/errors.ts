/** Errors that map to an HTTP status and the API error body. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new AppError(400, 'bad_request', message, fields);
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'forbidden', message);
export const notFound = (what = '记录') => new AppError(404, 'not_found', `${what}不存在或无权查看`);
export const conflict = (message: string, fields?: Record<string, string>) =>
  new AppError(409, 'conflict', message, fields);
export const unprocessable = (message: string, fields?: Record<string, string>, code = 'unprocessable') =>
  new AppError(422, code, message, fields);
export const tooMany = (message: string) => new AppError(429, 'too_many_requests', message);

export const staleVersion = () => conflict('该记录已被他人修改，请刷新后重试', { version: '版本已过期' });

/** PostgreSQL unique violation → 409 with a field message. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.cause?.code;
  const name = e?.constraint ?? e?.cause?.constraint;
  return code === '23505' && (!constraint || name === constraint || String(e).includes(constraint));
}
