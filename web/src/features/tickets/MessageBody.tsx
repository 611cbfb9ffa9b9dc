import type { Message } from '../../api/tickets';

/** The server sanitises message HTML on the way in (allow-list), so it is safe to render as is. */
export function MessageBody({ message }: { message: Pick<Message, 'bodyHtml' | 'bodyText'> }) {
  if (!message.bodyHtml) return <div className="message-body" style={{ whiteSpace: 'pre-wrap' }}>{message.bodyText}</div>;
  return <div className="message-body" dangerouslySetInnerHTML={{ __html: message.bodyHtml }} />;
}
