/** The JSON the demo's pages fetch from its server (shared by server and client: types only). */
import type { ForwardState } from '../attain/attain-connector';

export interface PageResponse {
  /** The canonical path (after redirects) to put in the address bar. */
  path: string;
  status: number;
  /** The page container's cache key: `list`, `record:<id>`, `other`. */
  key: string;
  title: string;
  /** The page container's content (server-rendered; every value escaped). */
  html: string;
  /** The edit modal, for `/edit` URLs. */
  modalHtml: string | null;
}

export type SaveResponse =
  | { ok: true; sync: ForwardState; syncMessage?: string; recordName: string; page: PageResponse }
  | { ok: false; message: string; errors: Record<string, string> };

export interface StatusResponse {
  loaded: boolean;
  pending: number;
  text: string;
}

/** `GET /demo/api/showcase?owner=<email>`: the deal to open first for that user. */
export interface ShowcaseResponse {
  crmId: string;
  name: string;
  /** The record page's path (`/lightning/r/Opportunity/<id>/view`). */
  path: string;
}
