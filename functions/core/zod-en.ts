/**
 * zod's English messages, for zod/mini. Full zod set them at import; zod/mini leaves every message
 * "Invalid input". Ours are read: errors.ts tells "is required" by "received undefined", a limit a
 * schema gives no words for reaches a 4xx in zod's ("Too small: …"), and config errors quote them.
 * Imported by each core module that defines schemas (commands through common.ts → report.ts) and by
 * errors.ts, before any parse; about 3 KB in a bundle (test/adapters/zod-messages.test.ts).
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());
