import { loadDemoConfig } from './config';
import { startDemoCrm } from './start';

/** `tsx demo/main.ts` (`npm run demo`): the demo CRM until Ctrl+C. */
async function main(): Promise<void> {
  const config = loadDemoConfig();
  const demo = await startDemoCrm(config);
  console.log(`Demo CRM (not Salesforce) at ${demo.url}/lightning/o/Opportunity/list`);
  console.log(`  deals from the Attain server at ${config.attainUrl} (as ${config.adminEmail})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: stopping now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping the demo CRM`);
    demo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('stopping failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
