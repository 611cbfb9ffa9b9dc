import { MessagePage } from '../ui/MessagePage';
import { t } from '../i18n/translate';

export function NotFoundPage() {
  return <MessagePage title={t('app.notFound.title')} body={t('app.notFound.body')} actionLabel={t('app.notFound.home')} actionHref="/" />;
}
