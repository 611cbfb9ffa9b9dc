import { Route, Routes } from 'react-router';
import { RequireArea } from '../../app/RequireArea';
import { NotFoundPage } from '../../app/NotFoundPage';
import { DeskFrame } from './DeskFrame';
import { TicketListPage } from './TicketListPage';
import { DeskTicketPage } from './ticket/DeskTicketPage';

export function DeskArea() {
  return (
    <RequireArea area="desk">
      <DeskFrame>
        <Routes>
          <Route index element={<TicketListPage />} />
          <Route path="views/:viewKey" element={<TicketListPage />} />
          <Route path="tickets/:id" element={<DeskTicketPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </DeskFrame>
    </RequireArea>
  );
}
