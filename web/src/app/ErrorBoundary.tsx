import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../i18n/translate';
import { MessagePage } from '../ui/MessagePage';

/** The last line of defence: a render error shows a calm page with a way out, never a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for the browser console, where a person reporting the problem can copy it from.
    // eslint-disable-next-line no-console -- the one place a crash is reported
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.failed) {
      return <MessagePage title={t('app.crash.title')} body={t('app.crash.body')} actionLabel={t('app.crash.reload')} onAction={() => window.location.reload()} />;
    }
    return this.props.children;
  }
}
