// A stand-in for HTMLAudioElement (jsdom does not play media): records what was played, how fast
// and how loud, and lets a test end a recording.
export class FakeAudio {
  static made: FakeAudio[] = [];
  volume = 1;
  playbackRate = 1;
  paused = true;
  private readonly listeners = new Map<string, (() => void)[]>();

  constructor(readonly src: string) {
    FakeAudio.made.push(this);
  }

  play(): Promise<void> {
    this.paused = false;
    return Promise.resolve();
  }

  pause(): void {
    this.paused = true;
  }

  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  /** The recording played to its end. */
  end(): void {
    this.fire('ended');
  }

  /** The file could not be decoded. */
  fail(): void {
    this.fire('error');
  }

  private fire(type: string): void {
    this.paused = true;
    const listeners = this.listeners.get(type) ?? [];
    this.listeners.delete(type);
    for (const listener of listeners) listener();
  }

  static playing(): FakeAudio[] {
    return FakeAudio.made.filter((a) => !a.paused);
  }

  static reset(): void {
    FakeAudio.made = [];
  }
}
