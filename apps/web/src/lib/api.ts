import type { FormInstance } from 'antd';

/** The API's error body: `{ error: { code, message, fields } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Do not send the browser to /login on 401 (login form, session probe on public pages). */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** `/api` + path + query string without empty values. */
export function apiUrl(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return `/api${path}${s ? `?${s}` : ''}`;
}

let redirecting = false;
function toLogin() {
  if (redirecting) return;
  const { pathname, search } = window.location;
  if (pathname.startsWith('/login') || pathname.startsWith('/public')) return;
  redirecting = true;
  window.location.assign(`/login?next=${encodeURIComponent(pathname + search)}`);
}

async function toError(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const e = body?.error;
  const fallback: Record<number, string> = {
    400: '请求有误，请检查填写内容',
    401: '请先登录',
    403: '没有权限执行此操作',
    404: '记录不存在或无权查看',
    409: '该记录已被他人修改，请刷新后重试',
    413: '文件过大',
    422: '无法办理，请检查填写内容',
    429: '操作过于频繁，请稍后再试',
  };
  const message = e?.message || fallback[res.status] || `服务暂时不可用（${res.status}），请稍后再试`;
  return new ApiError(res.status, e?.code ?? String(res.status), message, e?.fields ?? {});
}

async function send(path: string, init: RequestInit, opts: RequestOptions): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (MUTATING.has(method)) {
    const csrf = readCookie('csrf');
    if (csrf) headers.set('x-csrf-token', csrf);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      ...init,
      headers,
      credentials: 'include',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && !opts.noAuthRedirect) toLogin();
    throw error;
  }
  return res;
}

/** JSON request to `/api{path}`; throws ApiError. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? (opts.body !== undefined ? 'POST' : 'GET');
  const init: RequestInit = { method };
  if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    init.headers = { 'content-type': 'application/json' };
  } else if (MUTATING.has(method)) {
    init.body = '{}';
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await send(path, init, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** multipart upload (field `file` plus extra string fields). */
export async function apiUpload<T>(
  path: string,
  file: Blob,
  fields: Record<string, string> = {},
  opts: RequestOptions = {},
): Promise<T> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', file, (file as File).name ?? 'upload');
  const res = await send(path, { method: 'POST', body: fd }, opts);
  return (await res.json()) as T;
}

function fileNameFrom(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

/** Downloads a file (xlsx, pdf, attachment) with the session cookie and saves it. */
export async function downloadFile(path: string, query?: Query, fallbackName = '下载文件'): Promise<void> {
  const res = await send(path, { method: 'GET' }, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFrom(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Puts the server's field errors onto an antd form. Paths like `form.leaderIdNumber` or
 * `changes.name` lose a leading wrapper segment when the form has no such field.
 * Returns true when at least one field error was shown.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  strip: string[] = ['form', 'body', 'changes'],
): boolean {
  if (!(err instanceof ApiError) || !Object.keys(err.fields).length) return false;
  const values = form.getFieldsValue(true) as Record<string, unknown>;
  const entries = Object.entries(err.fields).map(([path, msg]) => {
    let name: (string | number)[] = path.split(/[.[\]]+/).filter(Boolean);
    if (name.length > 1 && strip.includes(String(name[0])) && !(String(name[0]) in values))
      name = name.slice(1);
    name = name.map((s) => (/^\d+$/.test(String(s)) ? Number(s) : s));
    return { name, errors: [msg] };
  });
  form.setFields(entries);
  return true;
}

export const errorMessage = (err: unknown): string =>
  err instanceof ApiError ? err.message : err instanceof Error ? err.message : '操作失败';

/** form.validateFields() that resolves to null instead of rejecting (the form already shows the errors). */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
