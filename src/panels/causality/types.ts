import type { EvidenceTarget } from './links';

export interface CausalityPanelOptions {
  /** Which evidence a click opens first when a node has both a query and an incident. */
  evidence: EvidenceTarget;
  /** Label edges with their strength and lag. */
  showEdgeLabels: boolean;
  /** Hide edges weaker than this (0 shows all). */
  minStrength: number;
}

export const DEFAULT_OPTIONS: CausalityPanelOptions = {
  evidence: 'explore',
  showEdgeLabels: true,
  minStrength: 0,
};
