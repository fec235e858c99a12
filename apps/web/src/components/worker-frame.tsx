import type { ComponentChildren } from 'preact';
import { mayRecordFor, type Reach } from '../access';
import { useWorker } from '../api/queries';
import { PageHeading } from './page';

export type WorkerSection = 'overview' | 'timeline' | 'history' | 'role-gap' | 'export' | 'record';

const SECTIONS: { section: WorkerSection; label: string; path: string }[] = [
  { section: 'overview', label: 'Capabilities', path: '' },
  { section: 'timeline', label: 'Timeline', path: '/timeline' },
  { section: 'history', label: 'Stage history', path: '/history' },
  { section: 'role-gap', label: 'Role gap', path: '/role-gap' },
  { section: 'export', label: 'Export', path: '/export' },
  { section: 'record', label: 'Record evidence', path: '/record' },
];

/** Whose record this is ("your" for the worker themself, the name for their manager or lead). */
export function useWorkerName(workerId: string, reach: Reach): { possessive: string; name: string } {
  const worker = useWorker(workerId);
  const name = worker.data?.name ?? (worker.error ? 'this worker' : '…');
  return reach.ownWorkerId === workerId ? { possessive: 'Your', name: 'you' } : { possessive: `${name}'s`, name };
}

/** A page of one worker's record: the section's heading and the record's own navigation. */
export function WorkerFrame({
  workerId,
  reach,
  section,
  title,
  children,
}: {
  workerId: string;
  reach: Reach;
  section: WorkerSection;
  title: string;
  children: ComponentChildren;
}) {
  const worker = useWorker(workerId);
  const { possessive, name } = useWorkerName(workerId, reach);
  const heading =
    section === 'record'
      ? `Record evidence${name === 'you' ? '' : ` for ${name}`}`
      : `${possessive} ${title.toLowerCase()}`;
  const sections = SECTIONS.filter((s) => s.section !== 'record' || mayRecordFor(reach, workerId));
  const role = worker.data?.roles.find((r) => r.to === null);
  return (
    <>
      <PageHeading title={heading}>{heading}</PageHeading>
      {role ? <p class="subtitle">{role.name}</p> : null}
      <nav aria-label="Learning record" class="tabs">
        <ul>
          {sections.map((s) => (
            <li key={s.section}>
              <a href={`/workers/${workerId}${s.path}`} aria-current={s.section === section ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </>
  );
}
