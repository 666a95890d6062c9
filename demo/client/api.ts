import type { PageResponse, SaveResponse, StatusResponse } from '../http/api-types';

async function json<T>(response: Response): Promise<T> {
  if (!response.headers.get('content-type')?.includes('application/json')) {
    throw new Error(`unexpected answer (${response.status})`);
  }
  return (await response.json()) as T;
}

export async function fetchPage(path: string): Promise<PageResponse> {
  const response = await fetch(`/demo/api/page?path=${encodeURIComponent(path)}`, {
    headers: { accept: 'application/json' },
  });
  return json<PageResponse>(response);
}

export async function saveRecord(
  recordId: string,
  fields: Record<string, string>,
): Promise<SaveResponse> {
  const response = await fetch(`/demo/api/opportunities/${encodeURIComponent(recordId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ fields }),
  });
  return json<SaveResponse>(response);
}

export async function fetchStatus(): Promise<StatusResponse> {
  return json<StatusResponse>(await fetch('/demo/api/status'));
}
