import { useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import type { Reach } from '../../access';
import { api } from '../../api/client';
import { auditPaths, keys, useAuditStructure, useMySurveys } from '../../api/queries';
import type { AuditItem, AuditStructure } from '../../api/types';
import { PageHeading } from '../../components/page';
import { ErrorMessage, Loaded, Notice, Problem } from '../../components/status';
import { formatDate } from '../../labels';

/** Seed 003's staff survey asks how far workers agree; 4 and 5 count as agreeing. */
const AGREEMENT = [
  [1, 'Strongly disagree'],
  [2, 'Disagree'],
  [3, 'Neither agree nor disagree'],
  [4, 'Agree'],
  [5, 'Strongly agree'],
] as const;

/**
 * A worker answers their organisation's staff survey for an audit cycle: the worker indicators of the six
 * organisational capabilities, each on a 5-point agreement scale, anonymously and once.
 */
export function SurveyView({
  organisationId,
  auditId,
  reach,
}: {
  organisationId: string;
  auditId: string;
  reach: Reach;
}) {
  const structure = useAuditStructure();
  const [sent, setSent] = useState<number>();
  // Whose survey, in words: the worker's own open surveys name their organisations (asked of workers only).
  const mine = useMySurveys(Boolean(reach.ownWorkerId)).data?.surveys.find((s) => s.auditId === auditId);
  return (
    <div class="form">
      <PageHeading title="Staff survey">Staff survey</PageHeading>
      {mine ? (
        <p class="subtitle">
          {mine.organisationName}, self-audit started on {formatDate(`${mine.startedOn}T00:00:00Z`)}
        </p>
      ) : null}
      {!reach.ownWorkerId ? (
        <Problem title="This survey is for workers">
          Only workers of the organisation answer its staff survey, and you are not signed in as a worker.
        </Problem>
      ) : sent !== undefined ? (
        <Notice>
          Thank you: your {sent} answer{sent === 1 ? ' is' : 's are'} recorded. Your organisation sees only how many
          agree with each statement, never who answered what, and nothing at all until 5 people have answered.
        </Notice>
      ) : (
        <Loaded query={structure} what="the survey">
          {(s) => <SurveyForm organisationId={organisationId} auditId={auditId} structure={s} onSent={setSent} />}
        </Loaded>
      )}
    </div>
  );
}

function SurveyForm({
  organisationId,
  auditId,
  structure,
  onSent,
}: {
  organisationId: string;
  auditId: string;
  structure: AuditStructure;
  onSent: (answers: number) => void;
}) {
  const [error, setError] = useState<unknown>();
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const answers = itemsOf(structure).flatMap(({ item }) => {
      const value = data.get(item.indicatorId);
      return value ? [{ indicatorId: item.indicatorId, agreement: Number(value) }] : [];
    });
    setEmpty(!answers.length);
    if (!answers.length) return;
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `${auditPaths.audit(organisationId, auditId)}/survey-responses`, { answers });
      // The overview's list of open surveys now says this one is answered.
      void queryClient.invalidateQueries({ queryKey: keys.mySurveys });
      onSent(answers.length);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit}>
      <p>
        Each statement says what a social service worker should find in an organisation with a good learning culture.
        How far do you agree that it is true for you here? Answer the ones you can; you may leave any out. You answer
        once, and your answers are kept without your name.
      </p>
      {structure.capabilities.map((capability) => (
        <section key={capability.capabilityId} aria-labelledby={`survey-${capability.capabilityId}`}>
          <h2 id={`survey-${capability.capabilityId}`}>{capability.capabilityName}</h2>
          {capability.areas
            .flatMap((a) => a.staffPerceptions.items)
            .map((item) => (
              <Statement key={item.indicatorId} item={item} />
            ))}
        </section>
      ))}
      {empty ? <Problem title="Not sent">Answer at least one statement before sending.</Problem> : null}
      {error ? <ErrorMessage error={error} title="Not sent" /> : null}
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          Send my answers
        </button>
      </div>
    </form>
  );
}

function Statement({ item }: { item: AuditItem }) {
  return (
    <fieldset class="indicator-judgement">
      <legend>The social service worker should {item.text.charAt(0).toLowerCase() + item.text.slice(1)}</legend>
      <div class="choice-row">
        {AGREEMENT.map(([value, label]) => (
          <label key={value} class="choice">
            <input type="radio" name={item.indicatorId} value={value} /> {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const itemsOf = (structure: AuditStructure) =>
  structure.capabilities.flatMap((c) =>
    c.areas.flatMap((a) => a.staffPerceptions.items.map((item) => ({ capabilityId: c.capabilityId, item }))),
  );
