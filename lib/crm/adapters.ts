import type { CrmAdapter } from './adapter';
import { dynamics365 } from './dynamics365/adapter';
import { hubspot } from './hubspot/adapter';
import { pipedrive } from './pipedrive/adapter';
import { salesforceClassic } from './salesforce-classic/adapter';
import { salesforceLightning } from './salesforce-lightning/adapter';

/** Every supported CRM, in the order URLs are tried (Lightning before Classic: both use my.salesforce.com). */
export const ADAPTERS: readonly CrmAdapter[] = [
  salesforceLightning,
  salesforceClassic,
  hubspot,
  dynamics365,
  pipedrive,
];
