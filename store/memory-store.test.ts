import { createMemoryStore } from './memory-store.ts';
import { runStoreContract } from './store.contract.ts';

runStoreContract('memory store', async () => createMemoryStore());
