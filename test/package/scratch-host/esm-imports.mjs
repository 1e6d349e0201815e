// An ES-module host: named imports from the CommonJS package and its subpath, and no way past the exports map.
import { createQboSyncPlugin } from 'qbo-sync';
import { createQboEmulatorApp, startQboEmulator } from 'qbo-sync/emulator';

let deepImport;
try {
  await import('qbo-sync/dist/src/plugin.js');
  deepImport = 'allowed';
} catch (error) {
  deepImport = error.code;
}
console.log(JSON.stringify({ createQboSyncPlugin: typeof createQboSyncPlugin, startQboEmulator: typeof startQboEmulator, createQboEmulatorApp: typeof createQboEmulatorApp, deepImport }));
