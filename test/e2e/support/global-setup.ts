import { ensureExtensionBuilt } from './extension';

/** Builds the extension once before the e2e files run, when it is missing or stale. */
export default function setup(): void {
  ensureExtensionBuilt();
}
