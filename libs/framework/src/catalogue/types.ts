/** The four stages of progression, lowest first. Stages are cumulative. */
export const STAGE_NAMES = ['engaged', 'established', 'accomplished', 'exemplary'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** A stage reached on a capability; below engaged is 'not-yet-engaged'. */
export type Stage = 'not-yet-engaged' | StageName;

export type PersonalCapabilityGroup = 'managing-self' | 'managing-relationships';

export type PerStage<T> = Readonly<Record<StageName, T>>;

/** Raw transcription of one personal capability; ids and IRIs are derived from it by position. */
export interface PersonalCapabilitySource {
  readonly slug: string;
  readonly name: string;
  readonly group: PersonalCapabilityGroup;
  readonly indicators: PerStage<readonly string[]>;
  /** Where the source itself is damaged, said per stage so no one mistakes it for a transcription error. */
  readonly sourceNotes?: Partial<PerStage<string>>;
}

export interface OrganisationalCapabilitySource {
  readonly slug: string;
  readonly name: string;
  readonly summary: string;
  readonly organisationIndicators: PerStage<readonly string[]>;
  readonly workerIndicators: PerStage<readonly string[]>;
}

export type IndicatorRole = 'personal' | 'organisation' | 'worker';

export interface Indicator {
  readonly id: string;
  readonly iri: string;
  readonly text: string;
  readonly capabilityId: string;
  readonly stage: StageName;
  /** personal capability indicator, or an organisational capability's organisation / worker indicator. */
  readonly role: IndicatorRole;
  readonly sourceNote?: string;
}

export interface StageDescriptor {
  readonly stage: StageName;
  readonly label: string;
  readonly personalDescriptor: string;
  readonly organisationalDescriptor: string;
}

export interface PersonalCapabilityStage {
  readonly stage: StageName;
  readonly indicators: readonly Indicator[];
  readonly sourceNote?: string;
}

export interface PersonalCapability {
  readonly kind: 'personal';
  readonly id: string;
  readonly iri: string;
  readonly name: string;
  readonly group: PersonalCapabilityGroup;
  readonly stages: readonly PersonalCapabilityStage[];
}

export interface OrganisationalCapabilityStage {
  readonly stage: StageName;
  readonly organisationIndicators: readonly Indicator[];
  readonly workerIndicators: readonly Indicator[];
}

export interface OrganisationalCapability {
  readonly kind: 'organisational';
  readonly id: string;
  readonly iri: string;
  /** 1-6, the order seed 001 lists them in. */
  readonly number: number;
  readonly name: string;
  readonly summary: string;
  readonly stages: readonly OrganisationalCapabilityStage[];
}

export type Capability = PersonalCapability | OrganisationalCapability;

export interface AuditQuestion {
  readonly id: string;
  readonly iri: string;
  readonly text: string;
}

/** One row of a self-assessment chart or of the staff-perception list: an indicator at a stage. */
export interface AuditIndicatorItem {
  readonly indicatorId: string;
  readonly indicatorIri: string;
  /** The wording of the audit tool, which sometimes differs slightly from the capability's own text. */
  readonly text: string;
  readonly stage: StageName;
}

export interface AuditArea {
  readonly id: string;
  readonly title: string;
  readonly introduction?: string;
  readonly suggestedEvidence: readonly string[];
  readonly questions: readonly AuditQuestion[];
  readonly selfAssessment: {
    readonly id: string;
    readonly title: string;
    readonly instruction: string;
    readonly items: readonly AuditIndicatorItem[];
  };
  readonly staffPerceptions: {
    readonly instruction: string;
    readonly items: readonly AuditIndicatorItem[];
  };
}

export interface CapabilityAudit {
  readonly capabilityId: string;
  readonly capabilityIri: string;
  readonly capabilityName: string;
  /** 'seed-003' when laid out by the audit tool; 'indicators' when built from the capability's indicators only. */
  readonly basis: 'seed-003' | 'indicators';
  readonly areas: readonly AuditArea[];
}

export interface AuditStructure {
  readonly review: {
    readonly title: string;
    readonly guidance: readonly string[];
  };
  readonly capabilities: readonly CapabilityAudit[];
}
