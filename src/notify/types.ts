import type { ReleaseEventKind } from '../config/notify-schema';

export type { ReleaseEventKind };

/** What happened to a release, in the words every notifier renders; never request or answer text. */
export interface ReleaseEvent {
  kind: ReleaseEventKind;
  /** False when the step itself failed: a gate that blocked, a rollback that did not finish. */
  ok: boolean;
  /** One line: "support-agent v3 rolled back in production". */
  title: string;
  model: string;
  version: string;
  environment: string;
  /** The decision's first reasons, most important first (at most reasonLimit). */
  reasons: string[];
  /** How many reasons there were in all, so a message can say "and 4 more". */
  reasonCount: number;
  links: { run: string | null; summary: string | null };
  repository: string | null;
  actor: string;
  /** ISO 8601, when the event was raised. */
  at: string;
}

export const reasonLimit = 3;

/** Turns an event into the request body and headers of one notifier's format. */
export type Renderer = (event: ReleaseEvent, nowMs: number) => NotifierRequest;

/** The HTTP request a notifier turns an event into. */
export interface NotifierRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * One notification target. Rendering is pure (the caller sends, with the shared retrying
 * client), so every format is tested against its schema without a network.
 */
export interface Notifier {
  readonly type: string;
  /** Safe to print: the type and the URL's host, never its path (the path is the credential). */
  readonly name: string;
  readonly url: string;
  readonly events: readonly ReleaseEventKind[];
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly render: Renderer;
}
