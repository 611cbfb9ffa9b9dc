import { addMessages } from './translate';

/** English for signing in and resetting a password; registered when those pages load. */
export const enAuth = {
  'auth.title': 'Sign in to {desk}',
  'auth.subtitle': 'Get help, or help others.',
  'auth.email': 'Email address',
  'auth.password': 'Password',
  'auth.signIn': 'Sign in',
  'auth.useLink': 'Email me a sign-in link instead',
  'auth.usePassword': 'Sign in with a password instead',
  'auth.sendLink': 'Send me a link',
  'auth.linkSent': 'If {email} belongs to an account, a sign-in link is on its way. It works once and expires soon.',
  'auth.consuming': 'Signing you in…',
  'auth.consumeFailed': 'This sign-in link does not work any more',
  'auth.consumeFailedBody': 'Links work once and expire after a short while. Ask for a new one.',
  'auth.forgot': 'Forgot your password?',
  'auth.resetTitle': 'Choose a new password',
  'auth.resetRequest': 'Email me a reset link',
  'auth.resetSent': 'If {email} belongs to an account, a link to choose a new password is on its way.',
  'auth.newPassword': 'New password',
  'auth.newPasswordHint': 'At least 12 characters.',
  'auth.resetDone': 'Your password is changed. Sign in with it now.',
  'auth.backToSignIn': 'Back to sign-in',
} as const;

addMessages(enAuth);
