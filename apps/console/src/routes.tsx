import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Shell } from './layout/Shell';
import { SignIn } from './pages/SignIn';

// Route-level splitting: the sign-in page and the shell load first; each page (and ECharts) when it is opened.
const Workspace = lazy(() => import('./pages/Workspace'));
const MyHouseholds = lazy(() => import('./pages/MyHouseholds'));
const VisitForm = lazy(() => import('./pages/VisitForm'));
const Household = lazy(() => import('./pages/Household'));
const Flags = lazy(() => import('./pages/Flags'));
const Coverage = lazy(() => import('./pages/Coverage'));
const Inspections = lazy(() => import('./pages/Inspections'));
const Office = lazy(() => import('./pages/Office'));
const VillageHouseholds = lazy(() => import('./pages/VillageHouseholds'));
const Tasks = lazy(() => import('./pages/Tasks'));
const Rankings = lazy(() => import('./pages/Rankings'));
const Exits = lazy(() => import('./pages/Exits'));
const Funds = lazy(() => import('./pages/Funds'));
const Cases = lazy(() => import('./pages/Cases'));
const AccessLog = lazy(() => import('./pages/AccessLog'));
const Ledger = lazy(() => import('./pages/Ledger'));
const Trace = lazy(() => import('./pages/Trace'));

const page = (element: ReactNode) => <Suspense fallback={<Spin style={{ margin: 48 }} />}>{element}</Suspense>;

export function ConsoleRoutes() {
  return (
    <Routes>
      <Route path="/signin" element={<SignIn />} />
      <Route element={<Shell />}>
        <Route index element={page(<Workspace />)} />
        <Route path="my-households" element={page(<MyHouseholds />)} />
        <Route path="households/:id" element={page(<Household />)} />
        <Route path="households/:id/visit" element={page(<VisitForm />)} />
        <Route path="flags" element={page(<Flags />)} />
        <Route path="coverage" element={page(<Coverage />)} />
        <Route path="inspections" element={page(<Inspections />)} />
        <Route path="office" element={page(<Office />)} />
        <Route path="regions/:code/households" element={page(<VillageHouseholds />)} />
        <Route path="tasks" element={page(<Tasks />)} />
        <Route path="rankings" element={page(<Rankings />)} />
        <Route path="exits" element={page(<Exits />)} />
        <Route path="funds" element={page(<Funds />)} />
        <Route path="cases" element={page(<Cases />)} />
        <Route path="access-log" element={page(<AccessLog />)} />
        <Route path="ledger" element={page(<Ledger />)} />
        <Route path="trace" element={page(<Trace />)} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
