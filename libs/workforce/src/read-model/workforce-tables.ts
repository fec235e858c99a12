import type pg from 'pg';

/**
 * The workforce read model: one schema, so a capability profile, a timeline and a role gap all read
 * one consistent checkpoint. Every record keeps its own `occurred_at` (the statement's timestamp) and,
 * once voided, `withdrawn_at`: a profile as of any date is a filter over these rows.
 */
export async function createWorkforceTables(client: pg.PoolClient, schema: string): Promise<void> {
  await client.query(`
    create table ${schema}.organisations (
      id text primary key,
      name text not null,
      sector text not null,
      region text not null,
      service_type text not null,
      size_band text not null,
      registered_at timestamptz not null
    );
    create table ${schema}.workers (
      id text primary key,
      name text,
      registration_number text,
      -- 'api' when registered by a command; 'statement' when registered by the evidence reactor (first seen as the actor of a statement)
      registered_via text not null,
      first_seen_at timestamptz not null
    );
    create table ${schema}.worker_identifiers (
      ifi text primary key,
      worker_id text not null,
      agent jsonb not null
    );
    create index on ${schema}.worker_identifiers (worker_id);
    -- workers known only from statements that turned out to be a registered worker (workforce.WorkerMerged)
    create table ${schema}.worker_merges (
      worker_id text primary key,
      into_worker_id text not null
    );
    -- an organisation's review of a worker its statements registered ('confirmed' or 'rejected'): off its review list
    create table ${schema}.statement_worker_reviews (
      worker_id text not null,
      organisation_id text not null,
      outcome text not null,
      reviewed_at timestamptz not null,
      primary key (worker_id, organisation_id)
    );
    create table ${schema}.memberships (
      worker_id text not null,
      organisation_id text not null,
      from_date date not null,
      to_date date,
      primary key (worker_id, organisation_id, from_date)
    );
    create index on ${schema}.memberships (organisation_id) where to_date is null;
    create table ${schema}.roles (
      id text primary key,
      organisation_id text not null,
      name text not null,
      requirements jsonb not null,
      qualifications jsonb not null,
      training jsonb not null
    );
    create table ${schema}.role_assignments (
      worker_id text not null,
      role_id text not null,
      organisation_id text not null,
      from_date date not null,
      to_date date,
      primary key (worker_id, role_id, from_date)
    );
    create table ${schema}.records (
      organisation_id text not null,
      statement_id text not null,
      worker_id text not null,
      kind text not null,
      occurred_at timestamptz not null,
      stored_at timestamptz not null,
      title text,
      capability_ids text[] not null,
      indicator_ids text[] not null,
      duration_seconds double precision,
      source text,
      by_whom text,
      -- set for assessments of an indicator: the judgement the stage rule counts
      indicator_id text,
      capability_id text,
      evidenced boolean,
      details jsonb not null,
      withdrawn_at timestamptz,
      -- sent by an organisation that did not know the worker, not yet accepted: counts for nothing
      pending boolean not null default false,
      -- who recorded it: { id, name } (EvidenceRecorded v3; null before)
      recorded_by jsonb,
      primary key (organisation_id, statement_id)
    );
    create table ${schema}.shares (
      worker_id text not null,
      with_organisation_id text not null,
      -- '' and '' for the whole record; else the statement (and the organisation that stored it) shared
      record_organisation_id text not null,
      statement_id text not null,
      primary key (worker_id, with_organisation_id, record_organisation_id, statement_id)
    );
    create index records_timeline on ${schema}.records (worker_id, occurred_at desc, statement_id desc);
    create index records_indicators on ${schema}.records (worker_id, indicator_id, occurred_at desc, stored_at desc) where indicator_id is not null;
  `);
}
