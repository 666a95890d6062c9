/** The demo CRM's settings, from the environment (see README.md). */
export interface DemoConfig {
  port: number;
  host: string;
  attainUrl: string;
  adminEmail: string;
  adminPassword: string;
  /** The signed-in CRM user's locale: how amounts and dates are written and read. */
  locale: string;
}

export const DEFAULT_DEMO_PORT = 5174;
export const DEFAULT_ATTAIN_URL = 'http://127.0.0.1:8787';
/** The admin of the Attain server's demo seed (`npm run seed`). */
export const DEFAULT_ADMIN_EMAIL = 'admin@demo.attain.test';
export const DEFAULT_ADMIN_PASSWORD = 'attain-demo';

export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const rawPort = env.DEMO_PORT ?? '';
  const port = rawPort === '' ? DEFAULT_DEMO_PORT : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`DEMO_PORT must be a port number (got "${rawPort}")`);
  }
  const attainUrl = env.ATTAIN_URL || DEFAULT_ATTAIN_URL;
  try {
    new URL(attainUrl);
  } catch {
    throw new Error(`ATTAIN_URL must be a URL like ${DEFAULT_ATTAIN_URL} (got "${attainUrl}")`);
  }
  const locale = env.DEMO_LOCALE || 'en-US';
  try {
    Intl.getCanonicalLocales(locale);
  } catch {
    throw new Error(`DEMO_LOCALE must be a locale like en-US (got "${locale}")`);
  }
  return {
    port,
    host: env.DEMO_HOST || '127.0.0.1',
    attainUrl,
    adminEmail: env.ATTAIN_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL,
    adminPassword: env.ATTAIN_ADMIN_PASSWORD || DEFAULT_ADMIN_PASSWORD,
    locale,
  };
}
