import { createMemoryAlertStore } from './memory-alert-store.ts';
import { runAlertStoreContract } from './alert-store.contract.ts';

runAlertStoreContract('memory alert store', async (opts) => createMemoryAlertStore({ historyLimit: 200, ...opts }));
