/**
 * Handlers describe what they changed; the audit middleware writes the row. A handler never
 * writes AuditLog itself, so no mutation can forget to be audited.
 */
export interface AuditEntry {
  organizationId?: string;
  targetType?: string;
  targetId?: string;
  metadata: Record<string, unknown>;
}

export interface AuditRecorder {
  /** What the mutation acted on. */
  target(type: string, id: string): void;
  /** Extra facts worth keeping (never secrets). */
  note(metadata: Record<string, unknown>): void;
  /** For mutations outside an organization URL (creating one, accepting an invitation). */
  organization(id: string): void;
  entry(): AuditEntry;
}

export function createAuditRecorder(): AuditRecorder {
  const entry: AuditEntry = { metadata: {} };
  return {
    target(type, id) {
      entry.targetType = type;
      entry.targetId = id;
    },
    note(metadata) {
      Object.assign(entry.metadata, metadata);
    },
    organization(id) {
      entry.organizationId = id;
    },
    entry: () => entry,
  };
}
