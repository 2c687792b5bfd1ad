/** The console's one way to the API: same origin, bearer token from the session, problem+json read into ApiError. */
const TOKEN_KEY = 'bangfu.token';

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
}

/** The token lives in sessionStorage only: closing the tab signs out, and nothing persists on a shared computer. */
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Sent as Idempotency-Key: a resend (double tap, retry on a bad connection) records nothing twice. */
  idempotencyKey?: string;
  /** Sign-in's own requests: a 401 is theirs to show, not a reason to leave the page. */
  anonymous?: boolean;
}

/**
 * Read your writes: the log position of the latest command this tab sent. Every read after it asks the API to
 * answer from views that have applied it (`?minPosition=`), so a page never shows the state before one's own act.
 */
let lastPosition = 0;

function withMinPosition(path: string): string {
  if (lastPosition === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}minPosition=${lastPosition}`;
}

export async function api<T>(path: string, { method = 'GET', body, idempotencyKey, anonymous }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = session.token();
  if (token && !anonymous) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const url = `/api/v1${method === 'GET' ? withMinPosition(path) : path}`;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (response.ok) {
    const position = (parsed as { position?: unknown } | undefined)?.position;
    if (method === 'POST' && typeof position === 'number') lastPosition = Math.max(lastPosition, position);
    return parsed as T;
  }
  const problem = (parsed ?? {}) as { code?: string; detail?: string; errors?: FieldError[] };
  const error = new ApiError(
    response.status,
    problem.code ?? `HTTP_${response.status}`,
    problem.detail ?? response.statusText,
    problem.errors ?? [],
  );
  if (response.status === 401 && !anonymous) {
    session.clear();
    window.location.assign(`/signin?reason=${encodeURIComponent(error.code)}`);
  }
  throw error;
}

/** A fresh idempotency key for one user action (kept across its retries). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Downloads a workbook the API builds (so the access policy and the access log apply to it): fetched with the
 * session's token, then handed to the browser as a file under the name the API gives.
 */
export async function download(path: string): Promise<void> {
  const token = session.token();
  const response = await fetch(`/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
    throw new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, problem.detail ?? response.statusText);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : 'bangfu.xlsx';
  saveFile(name, await response.blob());
}

/** Hands the browser a file to keep under `name` (a workbook, a dossier, the public key). */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
