import { Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';
import { ROUTES } from '../../constants';
import { Capacity } from '../../pages/Capacity';
import { Incidents } from '../../pages/Incidents';
import { Kpis } from '../../pages/Kpis';
import { Overview } from '../../pages/Overview';
import { SelfHealing } from '../../pages/SelfHealing';
import { resolveAppSettings, type AppSettings } from '../../pages/data/settings';

export default function App({ meta }: AppRootProps<AppSettings>) {
  const settings = resolveAppSettings(meta.jsonData);
  return (
    <Routes>
      <Route path={ROUTES.Overview} element={<Overview settings={settings} />} />
      <Route path={ROUTES.Incidents} element={<Incidents settings={settings} />} />
      {/* The causality panel links a graph's incident here (incidents/<id>?node=<id>). */}
      <Route path={`${ROUTES.Incidents}/:incident`} element={<Incidents settings={settings} />} />
      <Route path={ROUTES.Capacity} element={<Capacity settings={settings} />} />
      <Route path={ROUTES.SelfHealing} element={<SelfHealing />} />
      <Route path={ROUTES.Kpis} element={<Kpis settings={settings} />} />
      <Route path="*" element={<Overview settings={settings} />} />
    </Routes>
  );
}
