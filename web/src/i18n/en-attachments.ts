import { addMessages } from './translate';

/** English for files on messages (desk and portal); registered by the attachment code, so it loads with the ticket page. */
export const enAttachments = {
  'attachments.attach': 'Attach files',
  'attachments.dropHere': 'Drop files to attach them',
  'attachments.dropHint': 'or drag files here',
  'attachments.pending': 'Files to send',
  'attachments.uploading': 'Uploading {name}: {percent}%',
  'attachments.uploaded': '{name} is ready to send',
  'attachments.remove': 'Remove {name}',
  'attachments.failed': '{name} was not uploaded: {reason}',
  'attachments.tooLarge': '{name} is larger than the limit of {limit}.',
  'attachments.tooMany': 'At most {count} files go on one message.',
  'attachments.waitForUploads': 'Wait until the files have finished uploading.',
  'attachments.onMessage': 'Attached files',
  'attachments.download': 'Download {name} ({size})',
} as const;

addMessages(enAttachments);
