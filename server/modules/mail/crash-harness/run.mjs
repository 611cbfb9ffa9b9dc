// Starts intake-process.ts in a plain Node process (Vite transforms the TypeScript on the fly) and
// prints "ready <port>" once the SMTP listener accepts connections. Arguments: sqliteFile dataDir crashMode.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const [sqliteFile, dataDir, crash] = process.argv.slice(2);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const vite = await createServer({ root, configFile: false, logLevel: 'silent', appType: 'custom', server: { middlewareMode: true, hmr: false, watch: null } });
const harness = await vite.ssrLoadModule('/server/modules/mail/crash-harness/intake-process.ts');
const port = await harness.main({ sqliteFile, dataDir, crash });
process.stdout.write(`ready ${port}\n`);
