import type { Viewer } from '#libs/identity';

/**
 * The worker a signed-in person answers staff surveys as: their first worker role. Answering and
 * listing the open surveys use this one rule, so "answered" is always said of the worker who answers.
 */
export function surveyRespondentOf(viewer: Viewer): string | undefined {
  return viewer.roles.flatMap((r) => (r.kind === 'worker' ? [r.workerId] : []))[0];
}
