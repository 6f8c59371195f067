import type { StudioCalls, StudioChannel, StudioEvent } from '../../src-main/shared/studio-api';
import type { StudioClient } from '../../src-renderer/lib/studio-client';

type Answers = { [C in StudioChannel]?: (request: StudioCalls[C]['request']) => StudioCalls[C]['response'] };

/**
 * A stand-in for the Studio API in component tests: answers from the given functions, records calls, and lets
 * a test push job events. (The real transports are covered by the server tests and the browser e2e suite.)
 */
export class FakeStudio implements StudioClient {
  readonly host = 'web' as const;
  readonly calls: { channel: StudioChannel; request: unknown }[] = [];
  private readonly listeners = new Set<(event: StudioEvent) => void>();

  constructor(private readonly answers: Answers) {}

  async call<C extends StudioChannel>(
    channel: C,
    request: StudioCalls[C]['request'],
  ): Promise<StudioCalls[C]['response']> {
    this.calls.push({ channel, request });
    const answer = this.answers[channel] as ((r: unknown) => StudioCalls[C]['response']) | undefined;
    if (!answer) throw new Error(`no answer for ${channel}`);
    return answer(request);
  }

  subscribe(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: StudioEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  mediaUrl = (media: string) => `/media/${media}`;
  prepareDrop = () => null;
  pickImport = async () => null;
  pickExportFolder = async () => undefined;
}
