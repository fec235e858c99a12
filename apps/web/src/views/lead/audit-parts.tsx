import type { ComponentChildren } from 'preact';
import type { AuditStage, Framework, OrganisationalCapability } from '../../api/types';
import { StageBadge } from '../../components/stage';
import { formatDate } from '../../labels';

/** Shared pieces of the learning lead's self-audit views. */

/** A staff-perception stage: suppressed under 5 respondents is said in words, never shown as a stage. */
export function AuditStageBadge({ stage }: { stage: AuditStage }) {
  if (stage === 'suppressed') return <span class="suppressed">Suppressed (fewer than 5 respondents)</span>;
  return <StageBadge stage={stage} />;
}

export const organisationalCapability = (framework: Framework, id: string): OrganisationalCapability | undefined =>
  framework.organisationalCapabilities.find((c) => c.id === id);

export const capabilityLabel = (framework: Framework, id: string): string => {
  const capability = organisationalCapability(framework, id);
  return capability ? `${capability.number}. ${capability.name}` : id;
};

/** Today in UTC as YYYY-MM-DD: the API's dates are calendar dates. */
export const today = (): string => new Date().toISOString().slice(0, 10);

export const formatDay = (date: string): string => formatDate(`${date}T00:00:00Z`);

/** The frame of every audit page: which organisation, and links between the audit's pages. */
export function AuditNav({
  organisationId,
  current,
  children,
}: {
  organisationId: string;
  current: 'audit' | 'adoption';
  children?: ComponentChildren;
}) {
  return (
    <nav class="tabs" aria-label="Self-audit">
      <ul>
        <li>
          <a href={`/organisations/${organisationId}/audit`} aria-current={current === 'audit' ? 'page' : undefined}>
            Status and cycles
          </a>
        </li>
        <li>
          <a
            href={`/organisations/${organisationId}/adoption`}
            aria-current={current === 'adoption' ? 'page' : undefined}
          >
            CLF adoption
          </a>
        </li>
        {children}
      </ul>
    </nav>
  );
}

/**
 * Several writes one after another (one PUT per reflection or indicator): the first failure stops the
 * rest and says how many were stored, so nothing is retried behind the person's back.
 */
export async function sendEach<T>(
  items: T[],
  send: (item: T) => Promise<unknown>,
  name: (item: T) => string,
): Promise<void> {
  let stored = 0;
  for (const item of items) {
    try {
      await send(item);
      stored++;
    } catch (error) {
      if (error instanceof Error)
        error.message = `${stored} of ${items.length} saved; "${name(item)}" was not: ${error.message}`;
      throw error;
    }
  }
}
