import { Badge, type BadgeColor, type IconName } from '@grafana/ui';

export type StatusKind = 'ok' | 'warning' | 'critical' | 'unknown';

const LOOK: Record<StatusKind, { color: BadgeColor; icon: IconName }> = {
  ok: { color: 'green', icon: 'check' },
  warning: { color: 'orange', icon: 'exclamation-triangle' },
  critical: { color: 'red', icon: 'exclamation-circle' },
  unknown: { color: 'blue', icon: 'question-circle' },
};

/** A status carried by its words and icon as well as its colour. */
export function Status({ kind, text }: { kind: StatusKind; text: string }) {
  return <Badge color={LOOK[kind].color} icon={LOOK[kind].icon} text={text} />;
}
