import { ApiSession } from './api.js';
import { desktop, launchBrowser, openPage, signIn, type WatchedPage } from './browser.js';
import { startServer } from './server.js';

/** A fresh desk for one spec file: its own server and browser, and the API signed in as the desk's admin. */
export interface AdminDesk {
  api: ApiSession;
  /** A new page with its own cookies, signed in as the admin. */
  openAdminPage: (viewport?: typeof desktop) => Promise<WatchedPage>;
  stop: () => Promise<void>;
}

/** Starts the desk; the server reads its settings from the environment as it is at this call. */
export async function startAdminDesk(): Promise<AdminDesk> {
  const server = await startServer();
  try {
    const api = await ApiSession.signIn(server.url, server.admin.email, server.admin.password);
    const browser = await launchBrowser();
    return {
      api,
      openAdminPage: async (viewport = desktop) => {
        const admin = await openPage(browser, server.url, viewport);
        await signIn(admin.page, server.admin.email, server.admin.password);
        return admin;
      },
      stop: async () => {
        await browser.close();
        await server.stop();
      },
    };
  } catch (error) {
    // A half-started desk would leave its server running after the file ends.
    await server.stop();
    throw error;
  }
}
