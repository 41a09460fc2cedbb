/**
 * The demo's help centre (lib/seed/help.ts): public help articles in the words customers use in
 * the demo's requests (password reset, invoice, card payment, refund, login, delivery…), so the
 * new-request suggestions and the ticket page find them, and internal procedures for agents.
 * `earlier` holds older versions (oldest first) that the history shows.
 */
export interface SeedArticle {
  slug: string;
  title: string;
  summary: string;
  /** A category of lib/seed/issues/*, by name. */
  category: string | null;
  audience: 'public' | 'internal';
  status: 'draft' | 'published';
  body: string;
  author: 'agent@demo.test' | 'lead@demo.test' | 'admin@demo.test';
  /** Days since it was first written. */
  ageDays: number;
  earlier?: { body: string; title?: string; note: string }[];
  /** Latest save's note. */
  note?: string;
  votes?: [helpful: number, notHelpful: number];
}

export const SEED_ARTICLES: SeedArticle[] = [
  {
    slug: 'reset-your-password',
    title: 'Reset your password',
    summary: 'Forgot your password or cannot log in? Set a new one from the sign-in page in two minutes.',
    category: 'Login & access',
    audience: 'public',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 80,
    body: `If you forgot your password, or your old one no longer lets you log in, you can set a new one yourself.

## Steps

1. Open the **Sign in** page and choose **Forgot your password?**
2. Type the e-mail address of your account and press **Send link**.
3. Open the e-mail from us and follow the link within **one hour**.
4. Choose a new password of at least 10 characters and confirm it.

You are then signed out everywhere else, and you can log in with the new password.

## The e-mail does not arrive

- Look in your spam or junk folder for a message from support.
- Check that you typed the address you registered with.
- Each link works once: ask for a new one if the old one says it has expired.

Still cannot log in after a password reset? Your account may be locked: see [Your account is locked](/help/account-locked-after-too-many-attempts).`,
    earlier: [
      {
        title: 'How to reset a password',
        note: 'First draft',
        body: 'Use the Forgot password link on the sign-in page and follow the e-mail.',
      },
      {
        note: 'Added the steps and the one-hour expiry',
        body: `1. Open **Sign in** and choose **Forgot your password?**
2. Type your e-mail address.
3. Follow the link in the e-mail within one hour and choose a new password.`,
      },
    ],
    note: 'What to do when the e-mail does not arrive',
    votes: [41, 6],
  },
  {
    slug: 'two-factor-code-never-arrives',
    title: 'Two-factor code never arrives',
    summary: 'What to do when the sign-in code by text message or authenticator app does not come through.',
    category: 'Login & access',
    audience: 'public',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 60,
    body: `Two-factor sign-in sends a six-digit code by text message, or shows it in your authenticator app.

## Text message codes

- Wait a full minute before asking for another code: each new code cancels the previous one.
- Check that your phone has signal and is not blocking messages from short numbers.
- Travelling? Some networks abroad delay text messages; use your backup codes instead.

## Authenticator app codes

A code that is refused is usually a clock problem. Turn on **automatic date and time** on your phone and try again.

## Lost your phone?

Use one of the backup codes you saved when you turned two-factor on. No backup codes left? Submit a request and we will verify who you are before we reset it.`,
    votes: [18, 4],
  },
  {
    slug: 'account-locked-after-too-many-attempts',
    title: 'Your account is locked after too many sign-in attempts',
    summary: 'After several wrong passwords, sign-in is paused for 15 minutes to protect your account.',
    category: 'Login & access',
    audience: 'public',
    status: 'published',
    author: 'lead@demo.test',
    ageDays: 45,
    body: `After ten wrong passwords in a row, we pause sign-in for your account from that network for **15 minutes**. This stops someone guessing your password.

- Wait 15 minutes, then log in with the right password.
- Not sure of your password? [Reset your password](/help/reset-your-password) instead: a reset also lifts the lock.
- You did not try to log in? Reset your password at once and turn on two-factor sign-in.`,
    votes: [12, 2],
  },
  {
    slug: 'download-an-invoice-or-vat-invoice',
    title: 'Download an invoice or a VAT invoice',
    summary: 'Every order has an invoice in your account; a VAT invoice with your company details is one click away.',
    category: 'Invoice question',
    audience: 'public',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 70,
    body: `## Your invoice

1. Log in and open **Orders**.
2. Choose the order and press **Download invoice** (PDF).

## A VAT invoice for your company

Add your company name, address and VAT number under **Account → Billing details** *before* you download: the invoice is made with the details you have on file at that moment. You can download it again after changing them.

## The invoice does not match the quote

Quotes are valid for 14 days. If the prices changed in between, the invoice shows the price on the day you ordered. Reply on a request with both numbers and we will check it.`,
    earlier: [
      {
        note: 'First version',
        body: 'Open Orders, choose the order and download the invoice.',
      },
    ],
    note: 'Added VAT invoices',
    votes: [23, 3],
  },
  {
    slug: 'charged-twice-for-one-order',
    title: 'Charged twice for one order',
    summary: 'Two card payments for one order are usually a reservation that disappears within 5 working days.',
    category: 'Invoice question',
    audience: 'public',
    status: 'published',
    author: 'lead@demo.test',
    ageDays: 55,
    body: `When a card payment is retried, your bank may show a second **pending** amount. This is a reservation, not a charge: it disappears by itself within **5 working days**.

## Check

- Does the second amount say *pending* or *authorised*? Then wait: it will drop off.
- Has it been taken (*completed*) twice? Submit a request with the order number and the date of both payments, and we refund the duplicate at once.`,
    votes: [15, 5],
  },
  {
    slug: 'card-payment-failed-but-money-left-my-account',
    title: 'A card payment failed but money left my account',
    summary: 'A failed card payment can still show as pending at your bank; it is released automatically.',
    category: 'Invoice question',
    audience: 'public',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 30,
    body: `If the checkout said your card payment failed, no order was placed and nothing was charged. Your bank may still show the amount as **pending** for up to 5 working days before releasing it.

- Try again with the same card or another one: a new attempt is a new payment.
- Paid by bank transfer or PayPal? Those are not reserved; the money is back within a day.
- After 5 working days the amount is still gone? Submit a request with a screenshot of the bank statement line.`,
    votes: [9, 3],
  },
  {
    slug: 'when-will-my-refund-arrive',
    title: 'When will my refund arrive?',
    summary: 'Refunds are issued within 2 working days of your return reaching us and take 3–5 more days to show.',
    category: 'Refund',
    audience: 'public',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 75,
    body: `## How long it takes

| step | time |
| --- | --- |
| your return reaches our warehouse | 2–5 working days after you send it |
| we check it and issue the refund | within 2 working days |
| your bank shows it | 3–5 working days |

You get an e-mail when we issue the refund: the time starts from there.

## Refund for a cancelled order

A cancelled order is refunded the same day, to the card or account you paid with.

## The amount is wrong

A partial refund leaves out the original delivery cost unless the item was faulty. If it still looks wrong, reply to the refund e-mail.`,
    earlier: [
      {
        note: 'First version',
        body: 'Refunds take up to 10 working days after we receive your return.',
      },
    ],
    note: 'Split the time into steps; added cancelled orders',
    votes: [52, 9],
  },
  {
    slug: 'refund-to-a-card-you-no-longer-have',
    title: 'Refund to a card you no longer have',
    summary: 'A refund to an expired or cancelled card reaches you through your bank.',
    category: 'Refund',
    audience: 'public',
    status: 'published',
    author: 'lead@demo.test',
    ageDays: 40,
    body: `We can only refund to the card you paid with. If that card has expired or was cancelled, your bank passes the refund on to your new card or your account.

Ask your bank if it has not arrived 10 working days after our refund e-mail. If the bank refuses it, we are told and contact you for another way to pay it back.`,
    votes: [7, 1],
  },
  {
    slug: 'return-or-exchange-an-item',
    title: 'Return or exchange an item',
    summary: 'You have 30 days to return or exchange an item; start it from your order.',
    category: 'Return & exchange',
    audience: 'public',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 85,
    body: `You can return or exchange anything within **30 days** of delivery, unworn and with its labels.

1. Open **Orders**, choose the order and press **Return or exchange**.
2. Choose the items and, for an exchange, the new size or colour.
3. Print the return label, or show the QR code at a drop-off point.

An exchange is sent as soon as the carrier scans your parcel. A **damaged** item: choose *arrived damaged* and add a photo; you do not need to send it back first.`,
    votes: [33, 4],
  },
  {
    slug: 'return-label-does-not-work',
    title: 'My return label does not work',
    summary: 'A label that will not print or scan can be made again from your order.',
    category: 'Return & exchange',
    audience: 'public',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 25,
    body: `- **It will not print**: download it as a PDF from the order and print from there, or use the QR code instead: drop-off points print the label for you.
- **The drop-off point cannot scan it**: each label belongs to one carrier; check that you are at one of theirs.
- **It has expired**: labels last 14 days. Open the order and press **Return or exchange** again for a new one.`,
    votes: [8, 3],
  },
  {
    slug: 'parcel-marked-delivered-but-not-received',
    title: 'Parcel marked delivered but not received',
    summary: 'Check with neighbours and the safe place, then tell us within 48 hours and we trace it with the carrier.',
    category: 'Delivery problem',
    audience: 'public',
    status: 'published',
    author: 'lead@demo.test',
    ageDays: 65,
    body: `Couriers sometimes mark a parcel delivered a little before it arrives, or leave it in a safe place.

1. Wait until the end of the day.
2. Check your safe place, your letterbox, and ask your neighbours.
3. Look at the tracking page for a photo or the name of whoever signed.

Still no parcel? Submit a request within **48 hours** with your order number. We open a trace with the carrier and send a replacement or a refund if it cannot be found.`,
    votes: [27, 8],
  },
  {
    slug: 'delivery-is-late-track-your-parcel',
    title: 'Delivery is late: track your parcel',
    summary:
      'Follow your delivery with the tracking link in your dispatch e-mail; most late parcels arrive within 2 days.',
    category: 'Delivery problem',
    audience: 'public',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 50,
    body: `Your dispatch e-mail has a tracking link from the carrier (Parcelwise, SwiftPost or Northline Couriers).

- **No update for 2 days**: the parcel is usually still moving between depots; it updates at the next scan.
- **Item missing from my order**: parts of an order may come in separate parcels: the dispatch e-mail lists what is in each.
- **More than 5 working days late**: submit a request and we chase the carrier for you.`,
    votes: [14, 6],
  },
  {
    slug: 'change-your-e-mail-or-billing-address',
    title: 'Change your e-mail address or billing address',
    summary: 'Update your billing address yourself; changing the e-mail of your account needs a quick check by us.',
    category: 'Account change',
    audience: 'public',
    status: 'published',
    author: 'admin@demo.test',
    ageDays: 35,
    body: `## Billing address

Open **Account → Billing details**, change the address and save. It is used for your next orders and invoices; invoices already made keep the old address.

## E-mail address

To keep your account safe, we change the e-mail address of an account ourselves after checking it is you. Submit a request from the account, with the new address.

## Two accounts?

We can merge two accounts into one: submit a request from the one you want to keep.`,
    votes: [11, 2],
  },
  {
    slug: 'checkout-button-does-nothing',
    title: 'The checkout button does nothing',
    summary: 'A checkout that will not continue is usually a browser extension or an old page: try these steps.',
    category: 'Bug report',
    audience: 'public',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 20,
    body: `1. Reload the page: your basket is kept.
2. Turn off ad blockers and privacy extensions for our site, then try again.
3. Try another browser, or a private window.
4. Still nothing? Submit a request and tell us your browser and device; a screenshot helps.`,
    votes: [6, 2],
  },
  {
    slug: 'close-your-account',
    title: 'Close your account',
    summary: 'What happens to your orders and data when you close your account.',
    category: 'Account change',
    audience: 'public',
    status: 'draft',
    author: 'lead@demo.test',
    ageDays: 3,
    body: `*Draft: waiting for the privacy team to confirm the retention periods.*

You can ask us to close your account at any time. Open orders are finished first; invoices are kept for 7 years as the law requires.`,
  },
  // Internal procedures: the agents' resolution toolkit.
  {
    slug: 'sop-issuing-a-refund',
    title: 'SOP: Issuing a refund',
    summary: 'Who may refund what, and the steps in the payment console.',
    category: 'Refund',
    audience: 'internal',
    status: 'published',
    author: 'lead@demo.test',
    ageDays: 90,
    body: `## Limits

| amount | who |
| --- | --- |
| up to 150 | any agent |
| 150–1,000 | team lead approves in an internal note |
| over 1,000 | Billing lead, plus a CERN if it is an exception |

## Steps

1. Check the return has been **received** (warehouse scan) or the order **cancelled**.
2. In the payment console, find the payment by order number; refund to the **original payment method** only.
3. Partial refund: leave out the delivery cost unless the item was faulty.
4. Reply with the *Refund on its way* macro and resolve the request.

Never refund to a different card or account: that is the most common fraud pattern.`,
    earlier: [
      { note: 'First version', body: 'Refund through the payment console to the original payment method.' },
      {
        note: 'Added approval limits',
        body: `Any agent up to 150; a team lead above that.

Refund through the payment console to the original payment method.`,
      },
    ],
    note: 'Steps and the fraud warning',
    votes: [9, 0],
  },
  {
    slug: 'troubleshooting-login-problems',
    title: 'Troubleshooting guide: login problems',
    summary: 'Work through password reset, lock-out, two-factor and SSO issues in order.',
    category: 'Login & access',
    audience: 'internal',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 70,
    body: `Work down the list; stop at the first that fits.

1. **Wrong address**: search the customer by name and phone; they may have two accounts.
2. **Locked**: ten failures lock the account from that address for 15 minutes. A password reset clears it.
3. **Reset mail missing**: check the outbox (Admin → Outbox) for the mail and its status; a bounce means a typo in the address.
4. **Two-factor**: verify identity (see *SOP: Verifying identity before account changes*) before resetting it.
5. **Team dashboard access**: that is a role change by the customer's own admin, not us.

Still stuck after 3: raise it to Technical with the customer's browser and the time of the attempt.`,
    votes: [5, 1],
  },
  {
    slug: 'escalation-path-payment-incidents',
    title: 'Escalation path: payment incidents',
    summary: 'When several customers report failed card payments: who to call and what to post.',
    category: 'Invoice question',
    audience: 'internal',
    status: 'published',
    author: 'lead@demo.test',
    ageDays: 60,
    body: `Three or more reports of failed **card payments** within an hour is an incident.

1. Raise an exception (CERN) on the first request, severity 1, impact *many*.
2. Tell the Billing lead on the phone, not only in the queue.
3. Post a known problem (*Card payments are failing since HH:MM; we are on it*) so customers see it before they write.
4. Link every new report to the CERN and reply with the holding macro.
5. When the provider confirms the fix, close the known problem and resolve the linked requests.`,
    votes: [4, 0],
  },
  {
    slug: 'sop-lost-parcel-claims',
    title: 'SOP: Lost parcel claims with carriers',
    summary: 'Opening a trace with Parcelwise, SwiftPost or Northline, and when to replace without waiting.',
    category: 'Delivery problem',
    audience: 'internal',
    status: 'published',
    author: 'agent@demo.test',
    ageDays: 50,
    body: `- Open the trace in the carrier's portal the same day; note the trace number internally.
- Carriers answer within 3 working days. No answer: send a replacement (or refund if out of stock).
- Orders under 40: replace at once, no trace.
- Photo of delivery shows another door: send it to the customer first; most parcels turn up next door.`,
    votes: [3, 1],
  },
  {
    slug: 'sop-verifying-identity-before-account-changes',
    title: 'SOP: Verifying identity before account changes',
    summary: 'Two facts before changing an e-mail address, merging accounts or resetting two-factor.',
    category: 'Account change',
    audience: 'internal',
    status: 'published',
    author: 'admin@demo.test',
    ageDays: 40,
    body: `Before changing an account's e-mail, merging accounts, closing an account or resetting two-factor, confirm **two** of:

- the date and total of a recent order;
- the billing postcode;
- the last four digits of the card on file.

Ask in a reply, never in a way that reveals the answer. Note *identity verified (2/2)* internally before making the change.`,
    votes: [2, 0],
  },
];
