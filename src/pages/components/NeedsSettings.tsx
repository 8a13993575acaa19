import { LinkButton } from '@grafana/ui';
import { PLUGIN_ID } from '../../constants';
import { NotYet } from './NotYet';

/** A page whose series are not configured yet points to the app's configuration page. */
export function NeedsSettings({ what }: { what: string }) {
  return (
    <NotYet title={`No ${what} configured`}>
      <p>Choose the series this page watches on the app's configuration page.</p>
      <LinkButton href={`/plugins/${PLUGIN_ID}`} icon="cog" variant="secondary">
        Configure Foresight
      </LinkButton>
    </NotYet>
  );
}
