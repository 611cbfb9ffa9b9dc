import type { AppContext } from '../../app.js';
import { registerAttachmentRoutes } from './attachments.routes.js';
import { createAttachmentsService } from './attachments.service.js';
import { createAttachmentStore } from './attachments.storage.js';
import { createEventStreamHub } from './events-stream.hub.js';
import { registerEventStreamRoutes } from './events-stream.routes.js';
import { createSearchIndexFeeder } from './search.index-queue.js';
import { subscribeSearchIndexer } from './search.indexer.js';
import { registerSearchRoutes } from './search.routes.js';
import { createSearchService } from './search.service.js';
import { registerViewRoutes } from './views.routes.js';
import { createViewsService } from './views.service.js';

/**
 * What sits beside the ticket itself: full-text search (and its index), saved views, attachments and
 * the live event stream with presence. They react to the tickets module's domain events rather than
 * being called by it.
 */
export function registerTicketExtras(context: AppContext): void {
  const { http, database, clock, events } = context;
  const feeder = createSearchIndexFeeder(database, { onError: (error) => http.log.error({ err: error }, 'Feeding the search index failed') });
  const unsubscribeIndexer = subscribeSearchIndexer({ database, clock, events, feeder });
  // What an earlier run left queued goes into the index at start, not at the first search.
  http.addHook('onReady', async () => feeder.kick());
  http.addHook('onClose', async () => {
    unsubscribeIndexer();
    feeder.stop();
  });
  registerSearchRoutes(http, createSearchService({ database, clock }));
  registerViewRoutes(http, createViewsService({ database, clock }));
  const store = createAttachmentStore(context.config.dataDir);
  const maxBytes = context.config.attachmentMaxBytes;
  registerAttachmentRoutes(http, createAttachmentsService({ database, clock, events, store, maxBytes }), maxBytes);

  const hub = createEventStreamHub(clock);
  const unsubscribeHub = events.subscribe('*', (event) => hub.deliver(event));
  // Streams never finish by themselves: end them before the server waits for open connections.
  http.addHook('preClose', async () => {
    unsubscribeHub();
    hub.closeAll();
  });
  registerEventStreamRoutes(http, { hub, database, clock, events });
}
