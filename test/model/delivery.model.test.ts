import fc from 'fast-check';
import { useModelEmulator } from './model-emulator';
import { commandArbitraries, control } from './delivery-commands';
import { createHarness } from './delivery-harness';
import { checkInvariants, quiesce } from './delivery-invariants';
import { emptyModel } from './host-model';

// The delivery engine against a model of the host: random host changes, QBO faults, disconnections and worker
// crashes, then at quiescence DESIGN.md §3 must hold. In-memory stores, the emulator over real HTTP.
// fast-check prints the seed and path of a failing run; replay it with { seed, path } in fc.assert's options.
const runs = Number(process.env['MODEL_RUNS'] ?? 250);

const emulator = useModelEmulator();
const call = emulator.call;
beforeAll(() => {
  control.url = emulator.url;
  control.post = async (path, body) => void (await call('POST', path, body));
});

it(`keeps QBO in step with the host through faults, disconnections and crashes (${runs} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.commands(commandArbitraries, { maxCommands: 30, size: 'max' }), async (commands) => {
      const harness = await createHarness(emulator.url, call);
      const model = emptyModel();
      await fc.asyncModelRun(() => ({ model, real: harness }), commands);
      await quiesce(harness);
      await checkInvariants(harness, model, emulator.url);
    }),
    { numRuns: runs, verbose: 1, endOnFailure: true, ...(process.env['MODEL_SEED'] ? { seed: Number(process.env['MODEL_SEED']), path: process.env['MODEL_PATH'] ?? '0' } : {}) },
  );
}, 600_000);
