import { describe, expect, it } from 'vitest';
import { baseReasons, canPrintPage, jobProgressFrom, jobStateOf, printerStatusFrom, stopCause } from './ipp-status';

describe('IPP printer status mapping', () => {
  it('maps an idle printer with no reasons to online and full', () => {
    const s = printerStatusFrom({ 'printer-state': 'idle', 'printer-state-reasons': 'none' }, 't');
    expect(s).toEqual({ device: 'online', paper: 'full', toner: 'full', coverOpen: false, since: 't' });
    expect(canPrintPage(s)).toBe(true);
  });

  it('reads paper and toner from reasons whatever their severity suffix', () => {
    expect(printerStatusFrom({ 'printer-state-reasons': 'media-empty-report' }, 't').paper).toBe('out');
    expect(printerStatusFrom({ 'printer-state-reasons': ['media-empty-warning', 'media-needed-warning'] }, 't')).toMatchObject({
      paper: 'out',
      detail: 'media-empty,media-needed',
    });
    expect(printerStatusFrom({ 'printer-state-reasons': 'media-low-report' }, 't').paper).toBe('low');
    expect(printerStatusFrom({ 'printer-state-reasons': 'media-jam-error' }, 't').paper).toBe('jammed');
    expect(printerStatusFrom({ 'printer-state-reasons': 'toner-low-report' }, 't').toner).toBe('low');
    expect(printerStatusFrom({ 'printer-state-reasons': 'marker-supply-empty-error' }, 't').toner).toBe('out');
    expect(printerStatusFrom({ 'printer-state-reasons': 'cover-open-error' }, 't').coverOpen).toBe(true);
  });

  it('tells offline and unexplained stops apart from supply problems', () => {
    expect(printerStatusFrom({ 'printer-state': 'stopped', 'printer-state-reasons': 'paused' }, 't').device).toBe('offline');
    expect(printerStatusFrom({ 'printer-state': 'stopped', 'printer-state-reasons': 'other-error' }, 't').device).toBe('hardwareError');
    const empty = printerStatusFrom({ 'printer-state': 'stopped', 'printer-state-reasons': 'media-empty-error' }, 't');
    expect(empty.device).toBe('online');
    expect(canPrintPage(empty)).toBe(false);
    expect(printerStatusFrom({ 'printer-is-accepting-jobs': false }, 't').device).toBe('offline');
  });

  it('names the cause that stops jobs, most specific first', () => {
    expect(stopCause(['media-jam-error', 'media-empty-error'])).toBe('paperJam');
    expect(stopCause('media-needed-warning')).toBe('paperOut');
    expect(stopCause('door-open-error')).toBe('coverOpen');
    expect(stopCause('toner-empty-report')).toBe('tonerOut');
    expect(stopCause('paused')).toBe('offline');
    expect(stopCause(['media-low-report', 'toner-low-report'])).toBeUndefined();
    expect(stopCause(undefined)).toBeUndefined();
  });

  it('normalises reasons and job states from names or RFC 8011 numbers', () => {
    expect(baseReasons(['none'])).toEqual([]);
    expect(baseReasons('Media-Empty-Error')).toEqual(['media-empty']);
    expect(jobStateOf('pending-held')).toBe('held');
    expect(jobStateOf('processing-stopped')).toBe('stopped');
    expect(jobStateOf(9)).toBe('completed');
    expect(jobStateOf(8)).toBe('aborted');
    expect(jobStateOf('bogus')).toBeUndefined();
    expect(jobProgressFrom({ 'job-id': 4, 'job-state': 'processing', 'job-state-reasons': 'job-printing', 'job-name': 'cert' })).toEqual({
      jobId: 4,
      state: 'processing',
      reasons: ['job-printing'],
      name: 'cert',
    });
    expect(jobProgressFrom({ 'job-state': 'processing' })).toBeUndefined();
  });
});
