/** `qbo-sync/emulator`: the QBO emulator as a program of its own, never loaded by the plugin's entry (docs/adr/0004). */
export { startQboEmulator, type RunningQboEmulator, type StartQboEmulatorOptions } from './start-qbo-emulator';
export { createQboEmulatorApp, type QboEmulatorApp, type QboEmulatorOptions } from './create-qbo-emulator-app';
