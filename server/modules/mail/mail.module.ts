import type { AppContext } from '../../app.js';
import { createEmailIntake } from '../tickets/index.js';
import { createFailedMailService } from './failed-mail.service.js';
import { createImapFetcher } from './imap-fetcher.js';
import { createMailIngestService, type MailIngestService } from './mail-ingest.service.js';
import { registerMailTemplateRoutes } from './mail-templates.routes.js';
import { registerMailRoutes } from './mail.routes.js';
import { subscribeNotifications } from './notifications.js';
import { createOutboxSender, type OutboxSender } from './outbox-sender.js';
import { createMailboxesService, type MailboxesService } from './mailboxes.service.js';
import { createSecretBox, loadSecretKey } from './secret-box.js';
import { createSmtpListener, type SmtpListener } from './smtp-listener.js';

export interface MailModule {
  ingest: MailIngestService;
  mailboxes: MailboxesService;
  /** Set when SMTP_PORT is configured; `port` is known once the server listens. */
  smtp: { listener: SmtpListener; port: number | null } | null;
  sender: OutboxSender;
}

export const deliverMailJobName = 'mail.deliver';
/** The sweep that retries failed sends; new mail is also scheduled for delivery as it is queued. */
const deliverEveryMs = 15_000;

/** The email channel: intake (SMTP listener, IMAP), mailboxes admin, failed mail, outgoing notifications. */
export function registerMailModule(context: AppContext): MailModule {
  const { config, database, clock, http, events } = context;
  const secrets = createSecretBox(loadSecretKey(config.mail.secretKey, config.dataDir));
  const intake = createEmailIntake({ db: database.db, dialect: database.dialect, clock, events, reopenWindowDays: config.reopenWindowDays });
  const ingest = createMailIngestService({ database, clock, intake, dataDir: config.dataDir, senderLimitPerHour: config.mail.senderLimitPerHour });
  const mailboxes = createMailboxesService({ db: database.db, clock, secrets });
  let smtpListenerPort: number | null = null;
  registerMailRoutes(http, mailboxes, createFailedMailService({ db: database.db, ingest }), () => smtpListenerPort);
  registerMailTemplateRoutes(http, database.db, clock);

  const sender = createOutboxSender({ db: database.db, dialect: database.dialect, clock, secrets, log: http.log });
  context.jobs.register(deliverMailJobName, async () => {
    await sender.deliverDue();
  });
  http.addHook('onReady', () => context.jobs.every(deliverMailJobName, deliverEveryMs));
  // New mail is sent promptly, but a burst of notifications schedules one delivery run, not one each.
  let deliveryScheduled = false;
  function scheduleDelivery() {
    if (deliveryScheduled) return;
    deliveryScheduled = true;
    setTimeout(() => {
      deliveryScheduled = false;
      void context.jobs
        .schedule(deliverMailJobName, {}, { uniqueKey: `${deliverMailJobName}.now` })
        .catch((error: unknown) => http.log.error({ err: error }, 'could not schedule mail delivery'));
    }, 250).unref();
  }
  subscribeNotifications({
    db: database.db,
    clock,
    events,
    publicUrl: config.publicUrl,
    onQueued: scheduleDelivery,
  });
  http.addHook('onClose', async () => sender.close());

  const module: MailModule = { ingest, mailboxes, smtp: null, sender };
  if (config.jobsEnabled) superviseImapMailboxes(context, createImapFetcher({ db: database.db, ingest, secrets, log: http.log, now: () => clock.now().toISOString() }));
  if (config.mail.smtpPort !== undefined) {
    const listener = createSmtpListener(
      database.db,
      (request) => ingest.ingest(request),
      {
        host: config.mail.smtpHost,
        port: config.mail.smtpPort,
        maxMessageBytes: config.mail.smtpMaxMessageBytes,
        tlsCertFile: config.mail.smtpTlsCertFile,
        tlsKeyFile: config.mail.smtpTlsKeyFile,
        name: new URL(config.publicUrl).hostname,
      },
      http.log,
    );
    const smtp = { listener, port: null as number | null };
    module.smtp = smtp;
    http.addHook('onReady', async () => {
      smtp.port = await listener.start();
      smtpListenerPort = smtp.port;
    });
    http.addHook('onClose', async () => {
      await listener.stop();
    });
  }
  return module;
}

/**
 * One IDLE/poll loop per active IMAP mailbox; every poll interval it looks for mailboxes added or
 * re-enabled since. Runs where jobs run (JOBS_ENABLED); several such instances fetch the same
 * mailbox harmlessly, since an import commits with its position and Message-IDs stop doubles.
 */
function superviseImapMailboxes(context: AppContext, fetcher: ReturnType<typeof createImapFetcher>): void {
  const { database, config, http } = context;
  const running = new Map<number, AbortController>();
  let timer: NodeJS.Timeout | null = null;
  const intervalMs = config.mail.imapPollIntervalSeconds * 1000;
  const refresh = async () => {
    const rows = await database.db.selectFrom('mailboxes').select(['id', 'inboundMode', 'isActive', 'imapHost']).execute();
    for (const row of rows) {
      const id = Number(row.id);
      if (running.has(id) || !row.isActive || !row.imapHost || row.inboundMode === 'smtp') continue;
      const controller = new AbortController();
      running.set(id, controller);
      void fetcher.watch(id, intervalMs, controller.signal).finally(() => running.delete(id));
    }
  };
  http.addHook('onListen', async () => {
    await refresh();
    timer = setInterval(() => void refresh().catch((error: unknown) => http.log.error({ err: error }, 'IMAP supervisor failed')), intervalMs);
  });
  http.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    for (const controller of running.values()) controller.abort();
  });
}
