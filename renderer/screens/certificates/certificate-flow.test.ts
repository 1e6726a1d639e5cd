import { describe, expect, test } from 'vitest';
import { flowReducer, initialFlow, type Certificate, type FlowAction, type FlowState } from './certificate-flow';

// The flow's rules without a screen: stale answers dropped, nothing printed twice from the UI,
// card removal hides everything before printing and nothing after.

const cert: Certificate = { type: 'household', number: 'HJ-20261128-K3F9-0001', verificationCode: 'ABCD-2345', pdf: 'JVBERi0=', printed: false };
const run = (...actions: FlowAction[]): FlowState => actions.reduce(flowReducer, initialFlow);
const paperOut = { code: 'PRINTER_OUT_OF_PAPER', message: 'out' } as const;

describe('certificate flow', () => {
  test('choose → preview → printing → done, remembering what was printed', () => {
    const state = run({ type: 'choose', certificate: 'household' }, { type: 'issued', cert }, { type: 'print' }, { type: 'printed' });
    expect(state.phase).toEqual({ name: 'done', cert: { ...cert, printed: true } });
    expect(state.printed).toEqual(['household']);
  });

  test('an answer for another certificate, or after the resident left the wait, is dropped', () => {
    expect(run({ type: 'choose', certificate: 'family-planning' }, { type: 'issued', cert }).phase.name).toBe('loading');
    expect(run({ type: 'choose', certificate: 'household' }, { type: 'cardRemoved' }, { type: 'issued', cert }).phase).toEqual({ name: 'removed', resume: { name: 'choose' } });
  });

  test('a printed certificate offers no print; printing cannot start twice', () => {
    expect(run({ type: 'choose', certificate: 'household' }, { type: 'issued', cert: { ...cert, printed: true } }, { type: 'print' }).phase.name).toBe('preview');
    const printing = run({ type: 'choose', certificate: 'household' }, { type: 'issued', cert }, { type: 'print' });
    expect(flowReducer(printing, { type: 'print' })).toBe(printing);
  });

  test('printer trouble → retry prints the same certificate again', () => {
    const failed = run({ type: 'choose', certificate: 'household' }, { type: 'issued', cert }, { type: 'print' }, { type: 'printFailed', error: paperOut });
    expect(failed.phase).toEqual({ name: 'printFailed', cert, error: paperOut });
    expect(flowReducer(failed, { type: 'print' }).phase).toEqual({ name: 'printing', cert, slow: false });
  });

  test('the card out before printing hides the preview until it is back; during or after printing it changes nothing', () => {
    const preview = run({ type: 'choose', certificate: 'household' }, { type: 'issued', cert });
    const removed = flowReducer(preview, { type: 'cardRemoved' });
    expect(removed.phase).toEqual({ name: 'removed', resume: preview.phase });
    expect(flowReducer(removed, { type: 'cardBack' }).phase).toEqual(preview.phase);
    const printing = flowReducer(preview, { type: 'print' });
    expect(flowReducer(printing, { type: 'cardRemoved' })).toBe(printing);
    const done = flowReducer(printing, { type: 'printed' });
    expect(flowReducer(done, { type: 'cardRemoved' })).toBe(done);
  });
});
