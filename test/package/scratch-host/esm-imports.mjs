// An ES-module host: named imports from the CommonJS package and its subpath, and no way past the exports map.
import { createQboSyncPlugin, openApiDocument } from 'qbo-sync';
import openApiFile from 'qbo-sync/openapi.json' with { type: 'json' };
import { createQboEmulatorApp, startQboEmulator } from 'qbo-sync/emulator';

let deepImport;
try {
  await import('qbo-sync/dist/src/plugin.js');
  deepImport = 'allowed';
} catch (error) {
  deepImport = error.code;
}
const openApi = JSON.stringify(openApiFile) === JSON.stringify(openApiDocument) ? openApiFile.openapi : 'differs';
console.log(JSON.stringify({ createQboSyncPlugin: typeof createQboSyncPlugin, startQboEmulator: typeof startQboEmulator, createQboEmulatorApp: typeof createQboEmulatorApp, openApi, deepImport }));
