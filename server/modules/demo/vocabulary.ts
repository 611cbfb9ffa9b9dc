/**
 * The words of the demo desk: people, organisations, the category tree and what tickets in each
 * category say. Plain data, kept apart from the code that builds rows from it.
 */

export type TeamKey = 'service_desk' | 'desktop_apps' | 'infrastructure';

export const demoTeams: ReadonlyArray<{ key: TeamKey; name: string; tier: number; description: string }> = [
  { key: 'service_desk', name: 'Service Desk', tier: 1, description: 'First line: every call, portal request and mail lands here first.' },
  { key: 'desktop_apps', name: 'Desktop & Apps', tier: 2, description: 'Second line: laptops, printers, phones, Office and line-of-business software.' },
  { key: 'infrastructure', name: 'Infrastructure', tier: 3, description: 'Third line: network, VPN, servers, storage and identity systems.' },
];

/** The staff domain; `.example` is reserved (RFC 2606), so demo mail can never reach a real person. */
export const staffDomain = 'helpdesk.example';

export const demoOrganizations: ReadonlyArray<{ name: string; domain: string; membersSeeEachOther: boolean; share: number }> = [
  { name: 'Northwind Traders', domain: 'northwind.example', membersSeeEachOther: false, share: 0.4 },
  { name: 'Contoso Pharma', domain: 'contoso.example', membersSeeEachOther: true, share: 0.25 },
  { name: 'Fabrikam Logistics', domain: 'fabrikam.example', membersSeeEachOther: false, share: 0.2 },
  { name: 'Tailspin Studios', domain: 'tailspin.example', membersSeeEachOther: true, share: 0.15 },
];

export const firstNames = [
  'Aisha', 'Ben', 'Carla', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Keiko', 'Liam', 'Maya', 'Nikolai',
  'Olivia', 'Pedro', 'Quinn', 'Rosa', 'Samir', 'Tess', 'Umar', 'Vera', 'Wen', 'Xavier', 'Yara', 'Zoe', 'Amir', 'Bianca',
  'Chen', 'Dana', 'Emil', 'Fatima', 'Gustav', 'Hana', 'Ivan', 'Julia', 'Kofi', 'Lena', 'Marco', 'Nadia', 'Oscar', 'Priya',
  'Rafael', 'Sofia', 'Tomas', 'Ulla', 'Victor', 'Wanda', 'Yusuf', 'Zara',
];

export const lastNames = [
  'Abbott', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hoffmann', 'Ibrahim', 'Jansen', 'Kowalski',
  'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintero', 'Rossi', 'Schmidt', 'Tanaka', 'Unger', 'Varga', 'Weber',
  'Xu', 'Yilmaz', 'Zimmermann', 'Andersson', 'Bauer', 'Costa', 'Diaz', 'Evans', 'Ferreira', 'Greco', 'Haddad', 'Iyer',
  'Jovanovic', 'Kim', 'Lopez', 'Murphy', 'Novak', 'OBrien', 'Patel', 'Reyes', 'Silva', 'Torres', 'Wagner', 'Young',
];

export interface LeafCategory {
  name: string;
  /** Team a new ticket goes to. */
  team: TeamKey;
  /** Share of tickets that need the next tier, and which team that is. */
  escalation: { probability: number; to: TeamKey } | null;
  tags: readonly string[];
  subjects: readonly string[];
  /** What the requester writes first ({subject} is replaced). */
  openings: readonly string[];
  /** An agent's fix, said publicly when resolving. */
  fixes: readonly string[];
  /** Internal notes agents leave each other. */
  notes: readonly string[];
}

export interface TopCategory {
  name: string;
  description: string;
  children: readonly LeafCategory[];
}

export const demoCategories: readonly TopCategory[] = [
  {
    name: 'Hardware',
    description: 'Laptops, printers, phones and everything with a plug.',
    children: [
      {
        name: 'Laptop',
        team: 'service_desk',
        escalation: { probability: 0.35, to: 'desktop_apps' },
        tags: ['laptop', 'hardware', 'dock'],
        subjects: ['Laptop will not boot after the update', 'Battery drains in under an hour', 'Laptop screen flickers when docked', 'Keyboard keys stopped working', 'Laptop is very slow since Monday', 'Fan is loud and the laptop gets hot'],
        openings: ['Hi, {subject}. I have a client meeting this afternoon and need it working.', '{subject}. I already restarted twice. The asset tag is on the bottom if you need it.', 'Hello IT, {subject}, it started this morning. Can someone take a look?'],
        fixes: ['The BIOS update had not finished; I re-ran it from the service tool and the laptop now starts normally.', 'We swapped the battery under warranty. Please let it charge fully once before unplugging.', 'The dock firmware was outdated. I updated it remotely and the display is stable now.'],
        notes: ['Warranty valid until next year, replacement part ordered from the vendor.', 'Same model as three other tickets this week, possibly a bad firmware batch.', 'User is VIP (board member), keep them updated.'],
      },
      {
        name: 'Printer',
        team: 'service_desk',
        escalation: { probability: 0.2, to: 'desktop_apps' },
        tags: ['printer', 'hardware', 'floor-3'],
        subjects: ['Printer on the 3rd floor keeps jamming', 'Cannot print to the colour printer', 'Scan to email is not arriving', 'Print jobs stuck in the queue'],
        openings: ['{subject}. It shows paper jam but there is no paper inside.', 'Hi, {subject} since yesterday. Others on my floor have the same problem.', '{subject}, I need to print contracts today.'],
        fixes: ['The print queue on the server was stuck; I cleared it and restarted the spooler.', 'Facilities replaced the pickup roller. Printing works again.', 'The scanner had an old SMTP password. Updated and tested, scans arrive now.'],
        notes: ['Printer serial PX-4471, out of toner contract, check with purchasing.', 'Spooler on PRINT01 crashed again, third time this month.'],
      },
      {
        name: 'Phone',
        team: 'service_desk',
        escalation: { probability: 0.15, to: 'desktop_apps' },
        tags: ['phone', 'mobile', 'mdm'],
        subjects: ['New phone cannot get company mail', 'Desk phone has no dial tone', 'Lost my work phone', 'Phone not enrolling in device management'],
        openings: ['{subject}. What should I do?', 'Hi, {subject}. I followed the guide on the intranet but it fails at the last step.', '{subject}, please help.'],
        fixes: ['Your phone was not in the device management group; I added it and mail syncs now.', 'We wiped the lost phone remotely and ordered a replacement; it ships tomorrow.', 'The desk phone port was disabled on the switch. Enabled, dial tone is back.'],
        notes: ['Remote wipe confirmed at 10:42, device marked lost in the asset list.', 'Check MDM licence count, we are close to the limit.'],
      },
    ],
  },
  {
    name: 'Software',
    description: 'Office, installs and business applications.',
    children: [
      {
        name: 'Office',
        team: 'service_desk',
        escalation: { probability: 0.25, to: 'desktop_apps' },
        tags: ['office', 'outlook', 'excel'],
        subjects: ['Outlook keeps asking for my password', 'Excel crashes when opening the budget file', 'Teams meetings have no sound', 'Shared mailbox is missing in Outlook', 'Word document is locked for editing'],
        openings: ['{subject}. I have already restarted.', 'Hello, {subject}. It is blocking my work on the quarterly report.', '{subject} since the update last night.'],
        fixes: ['The cached credentials were corrupt. I cleared them and Outlook connects again.', 'The add-in causing the crash is now disabled; the file opens fine.', 'Your audio device was set to the docking station. Switched it back and sound works.'],
        notes: ['Known issue with the latest Office build, vendor case open.', 'Repaired the Office install remotely; if it recurs, reimage.'],
      },
      {
        name: 'Install',
        team: 'desktop_apps',
        escalation: null,
        tags: ['software-request', 'install', 'licence'],
        subjects: ['Please install Visio', 'Need Adobe Acrobat Pro for contracts', 'Request: Python and VS Code for data team', 'Install the new accounting client'],
        openings: ['Hi, {subject}. My manager has approved it.', '{subject}. Thank you!', 'Could you {subject}? I start a project with it next week.'],
        fixes: ['Installed through software centre; the licence is assigned to you.', 'The package is deployed to your laptop. Restart once to finish.', 'Installed and activated. Let us know if anything is missing.'],
        notes: ['Licence pool has 3 seats left.', 'Needs manager approval, asked in the request.'],
      },
    ],
  },
  {
    name: 'Network',
    description: 'VPN, Wi-Fi and connectivity.',
    children: [
      {
        name: 'VPN',
        team: 'service_desk',
        escalation: { probability: 0.45, to: 'infrastructure' },
        tags: ['vpn', 'remote-work', 'network'],
        subjects: ['VPN disconnects every few minutes', 'Cannot connect to VPN from home', 'VPN says certificate expired', 'Slow VPN when working from the hotel'],
        openings: ['{subject}. I am working from home today.', 'Hi, {subject}. The error code is 809.', '{subject}, colleagues seem to have it too.'],
        fixes: ['Your VPN certificate was renewed; reconnect and it should stay up.', 'The VPN gateway had a full address pool. We enlarged it, connections are stable.', 'Switched your client to the TCP profile, which works behind hotel firewalls.'],
        notes: ['Gateway VPN02 shows high CPU since the last patch.', 'Escalating: looks like an issue on the concentrator, not the client.'],
      },
      {
        name: 'Wi-Fi',
        team: 'service_desk',
        escalation: { probability: 0.3, to: 'infrastructure' },
        tags: ['wifi', 'network', 'floor-2'],
        subjects: ['Wi-Fi drops in meeting room B2', 'Guest Wi-Fi password not working', 'No Wi-Fi in the warehouse office', 'Very slow Wi-Fi on the 2nd floor'],
        openings: ['{subject}. Video calls keep freezing.', 'Hello, {subject}. We have visitors arriving at 2pm.', '{subject}, it has been like this all week.'],
        fixes: ['An access point had failed; it is replaced and coverage is back.', 'The guest password rotates weekly; the new one is on the reception screen.', 'We moved the access point to a less crowded channel. Speeds are normal again.'],
        notes: ['AP-2F-07 offline in the controller, RMA requested.', 'Interference from the new microwave in the kitchen, seriously.'],
      },
    ],
  },
  {
    name: 'Access',
    description: 'Accounts, passwords and permissions.',
    children: [
      {
        name: 'Accounts',
        team: 'service_desk',
        escalation: { probability: 0.1, to: 'infrastructure' },
        tags: ['account', 'password', 'mfa'],
        subjects: ['Locked out of my account', 'Password reset not working', 'New starter needs an account on Monday', 'Lost my MFA device'],
        openings: ['{subject}. I am writing from a colleague\'s computer.', 'Hi, {subject}. Please call me on my mobile.', '{subject}, details below.'],
        fixes: ['Your account is unlocked; the lockout came from an old phone still syncing mail.', 'The account is created and the welcome pack is with the manager.', 'MFA is reset; you will enrol a new device at next sign-in.'],
        notes: ['Identity verified by call-back to the number in HR records.', 'Account locked 14 times today, check for a stale device.'],
      },
      {
        name: 'Permissions',
        team: 'service_desk',
        escalation: { probability: 0.4, to: 'infrastructure' },
        tags: ['permissions', 'sharepoint', 'access-request'],
        subjects: ['Need access to the Finance share', 'Cannot open the HR SharePoint site', 'Please add me to the Sales distribution list', 'Access to the CRM reports'],
        openings: ['Hi, {subject}. My manager approved it by mail.', '{subject}. I moved to the team last week.', '{subject} please.'],
        fixes: ['Added you to the group; sign out and in again to pick it up.', 'Access granted after the data owner approved.', 'You are on the list now; mail from it will arrive from today.'],
        notes: ['Data owner for this share is the Finance controller, asked for approval.', 'Needs a change request, group is managed by infrastructure.'],
      },
    ],
  },
  {
    name: 'Infrastructure',
    description: 'Servers, storage and backups.',
    children: [
      {
        name: 'Servers',
        team: 'infrastructure',
        escalation: null,
        tags: ['server', 'outage', 'monitoring'],
        subjects: ['File server very slow', 'Intranet is down', 'ERP batch job failed overnight', 'Disk almost full on the reporting server'],
        openings: ['{subject}. Several people are affected.', '{subject}, is this known?', 'Hello, {subject}. We cannot close the month without it.'],
        fixes: ['A runaway backup job saturated the disk; it is stopped and performance is back.', 'The web server certificate expired; renewed and the intranet is up.', 'Extended the volume and cleaned old logs; 40% free now.'],
        notes: ['Root cause: the certificate renewal job failed silently. Adding monitoring.', 'Related problem ticket to follow for the backup window.'],
      },
      {
        name: 'Backup & restore',
        team: 'infrastructure',
        escalation: null,
        tags: ['backup', 'restore', 'storage'],
        subjects: ['Please restore a deleted folder', 'Need last week\'s version of the price list', 'Restore a mailbox of a leaver'],
        openings: ['{subject}. It was deleted by mistake yesterday.', 'Hi, {subject}. Path is in the attachment.', '{subject}.'],
        fixes: ['Restored from last night\'s backup to the original location.', 'The previous version is restored next to the current one, suffixed with -restored.', 'The mailbox is restored and shared with the manager for 30 days.'],
        notes: ['Restore took 40 minutes from tape, consider moving this share to disk backup.', 'Checked that the requester owns the folder before restoring.'],
      },
    ],
  },
];

/** Follow-ups and replies that fit any category. */
export const agentFirstReplies = [
  'Hi {name}, thanks for reporting this. I am looking into it now.',
  'Hello {name}, I have picked this up. Could you tell me when it last worked?',
  'Hi {name}, thanks. Can you send a screenshot of the error message?',
  'Hello {name}, I can see the issue on our side and am working on it.',
];
export const requesterFollowUps = [
  'Thanks, here is the screenshot. It happens every time.',
  'It last worked on Friday afternoon.',
  'Any news on this? It is still happening.',
  'I tried that, no change unfortunately.',
  'Yes, I am at my desk all afternoon if you want to connect remotely.',
];
export const agentFollowUps = [
  'Thanks {name}. I have connected remotely and collected the logs.',
  'I need to check something with the vendor and will come back to you today.',
  'Could you try once more now? I changed a setting on our side.',
  'This needs a colleague from the next tier; I have passed it on with all details.',
];
export const pendingQuestions = [
  'Hi {name}, could you confirm whether this still happens after a restart? I will wait for your answer.',
  'Hello {name}, when would suit you for a remote session? Waiting for your reply.',
];
export const onHoldNotes = ['Waiting for the vendor to ship the part.', 'Waiting for the change window on Saturday.', 'Vendor case opened, waiting for their answer.'];
export const requesterThanks = ['Works now, thank you!', 'Great, thanks for the quick help.', 'Confirmed, all good.'];
export const escalationReasons = ['Needs second-line expertise', 'Needs access only the next tier has', 'Root cause appears to be on the server side'];
