import { Navigate, Route, Routes } from 'react-router';
import { RequireArea } from '../../app/RequireArea';
import { NotFoundPage } from '../../app/NotFoundPage';
import { AdminFrame } from './AdminFrame';
import { adminSections } from './admin-sections';

export function AdminArea() {
  return (
    <RequireArea area="admin">
      <AdminFrame>
        <Routes>
          <Route index element={<Navigate to="users" replace />} />
          {adminSections.map((section) => (
            <Route key={section.path} path={section.path} element={<section.Component />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </AdminFrame>
    </RequireArea>
  );
}
