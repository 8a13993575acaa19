import { PluginPage } from '@grafana/runtime';
import { NotYet } from './components/NotYet';

/** Playbooks and their runs; the capability that runs them has not landed, and the page says so. */
export function SelfHealing() {
  return (
    <PluginPage>
      <NotYet title="No playbooks yet">
        <p>
          Self-healing runs a playbook (restart, scale out, roll back) when a prediction or an incident matches it, and records each run with
          its outcome. That capability is not available yet, so there are no playbooks and no runs to show.
        </p>
        <p>Until then, Foresight's predictive alert rules can notify through Grafana Alerting's contact points.</p>
      </NotYet>
    </PluginPage>
  );
}
