import type { CategoryScript } from '../templates';

export const TECHNICAL: readonly CategoryScript[] = [
  {
    name: 'Login & access',
    description: 'Signing in, passwords, two-factor codes and locked accounts.',
    team: 'Technical',
    weight: 17,
    issues: [
      {
        subject: 'Cannot log in after password reset',
        description:
          'I reset my password this morning with the link in your e-mail, but the new password is rejected every time. I have tried on {browser} and on my phone. I need to get in today to pick a delivery slot for {order}.',
        question:
          'Thanks for the details. Could you tell me roughly when you last tried, and what the error message says exactly? A screenshot would help.',
        answer:
          'It was about 9:15 this morning, on {browser}. The message just says "Invalid credentials". Screenshot attached.',
        update:
          'I can see the failed attempts on our side. I have asked our identity team to check the reset on your account and will update you as soon as I hear back.',
        resolution:
          'The reset link had been opened twice, which cancelled the new password. I have sent you a fresh link, valid for one hour; once you set the password you can sign in straight away.',
        summary: 'Reset token cancelled by a second click; fresh reset link sent and customer can sign in.',
        note: 'Auth log shows the reset token used twice within a minute, then 6 failed sign-ins. No sign of compromise.',
        exception:
          'Customer locked out for more than 24 hours while a delivery slot for {order} was pending; reset tokens are being cancelled by e-mail link scanners. Needs an identity team fix and a goodwill review.',
      },
      {
        subject: 'Two-factor code never arrives',
        description:
          'I am not receiving the 6-digit code by SMS when I sign in. My number has not changed. I waited ten minutes and tried three times.',
        question:
          'Sorry about that. Can you confirm the last three digits of the mobile number the code should go to, and which network you are on?',
        answer: 'It ends in 417, and I am with Vodafone.',
        update:
          'Our SMS provider is reporting delays for some UK networks. I will keep this request open until they confirm the fix.',
        resolution:
          'The SMS provider delay is fixed and codes are arriving within seconds again. I have also switched on e-mail codes as a backup for your account.',
        summary: 'SMS provider delay fixed; two-factor codes delivered again and e-mail backup enabled.',
        note: 'Linked to the SMS gateway incident; 40+ similar contacts today. Identity team aware.',
        exception:
          'Two-factor SMS codes not delivered to several customers on one UK network for over six hours; customer could not reach their account at all. Needs follow-up with the SMS provider.',
      },
      {
        subject: 'Account locked after too many attempts',
        description:
          'My account says it is locked for security reasons. I think my partner tried the old password a few times. Can you unlock it, please?',
        question:
          'For security, could you confirm the postcode of your most recent delivery before I unlock the account?',
        answer: 'It was order {order}, delivered to our home postcode, LS6 2AB.',
        update:
          'Thanks, you are verified. Our identity team is reviewing the sign-in attempts before removing the lock; this normally takes a couple of hours.',
        resolution:
          'I have cleared the lock and signed out every other session, just in case. You can sign in again now; we recommend changing your password once you are in.',
        summary: 'Identity verified, account lock cleared and other sessions signed out.',
        note: 'Seven failed attempts from the same home IP address as usual. Safe to unlock after verification.',
        exception:
          'Account locked after failed sign-ins from an unfamiliar country while the customer was at home; possible credential stuffing. Needs a security review before unlocking.',
      },
      {
        subject: 'No access to the team dashboard',
        description:
          'Since Monday the Team tab says "You do not have access". I am the owner of our company account and nothing has changed on our side.',
        question: 'Could you tell me whether any other admins on your account can still see the Team tab?',
        answer: 'Nobody can see it, including my deputy.',
        update:
          'I have found the cause: the owner role was dropped during a migration on our side. Our developers are restoring it for all affected accounts.',
        resolution:
          'Your owner role is restored and the Team tab is back for you and your deputy. Sorry for the disruption.',
        summary: 'Owner role lost in a migration; restored for the account.',
        note: "Same problem on 12 business accounts after Sunday's migration. Developers tracking it as BUG-{bug}.",
        exception:
          'Business account owner lost access to the team dashboard after our migration; their staff could not process orders for a full working day. Needs a developer fix and a service credit review.',
      },
    ],
  },
  {
    name: 'Bug report',
    description: 'Something in the website or app does not work as it should.',
    team: 'Technical',
    weight: 14,
    issues: [
      {
        subject: 'Checkout button does nothing',
        description:
          'When I press "Place order" on {browser} nothing happens. The basket has three items, total {amount}. No error is shown.',
        question:
          'Thanks for reporting this. Could you try once in a private window and tell me whether it behaves the same? If it does, a screenshot of the basket would help.',
        answer: 'Same in a private window, on {browser}. Screenshot attached.',
        update:
          'I have reproduced the problem and logged it with our developers as a priority defect. I will keep this request updated.',
        resolution:
          'The fix went live this morning and checkout works on {browser} again. Your basket is saved, so you can place the order now.',
        summary: 'Checkout defect on {browser} fixed in a release; customer asked to retry.',
        note: 'Reproduced on staging with {browser}; logged as BUG-{bug}.',
        exception:
          'Checkout failure stopped the customer placing a time-sensitive order worth {amount}; reproducible defect affecting everyone on {browser}. Needs an engineering fix and a compensation review.',
      },
      {
        subject: 'App crashes when I open order history',
        description: 'The app closes as soon as I tap Orders. I am on {device} with the latest version from the store.',
        question:
          'Sorry about that. Could you tell me the app version (Settings > About) and whether it still crashes after restarting the phone?',
        answer: 'Version 4.12.0. Restarting the phone did not help; it closes the moment I tap Orders.',
        update:
          'Our developers have found the cause, an order note too long for the app to display. A fix is being tested and I will let you know when it is live.',
        resolution:
          'Version 4.12.1 is now in the store and fixes the crash. Once you update, your order history opens normally.',
        summary: 'Crash caused by long order notes; fixed in app version 4.12.1.',
        note: 'Same stack trace as three other reports this week; developers say a hotfix is planned for tomorrow.',
        exception:
          'App crash on order history affects every customer on {device} with long order notes; customer cannot track {order}. Needs a hotfix release.',
      },
      {
        subject: 'Basket total is wrong',
        description:
          'The basket shows {amount}, but the items add up to less. It looks like the discount is applied and then removed again.',
        question: 'Could you tell me which discount code you used and roughly when you added the items?',
        answer: 'I used the WELCOME10 code from your newsletter, yesterday evening.',
        update:
          'I can see the discount being removed when the basket is recalculated. I have passed this to our developers with your example.',
        resolution:
          'The discount calculation is corrected, and I have refunded the difference to your original payment method.',
        summary: 'Discount recalculation bug fixed; difference refunded.',
        note: 'Promo engine drops codes on recalculation when a bundle is in the basket: BUG-{bug}.',
        exception:
          'Customers charged full price although a valid discount code was applied; several orders affected since the last release. Needs a fix and refunds for every affected order.',
      },
      {
        subject: 'Exported order history is empty',
        description: 'Exporting my order history gives me a CSV file with only the header row.',
        question: 'Which date range did you choose for the export, and are you exporting from the website or the app?',
        answer: 'The last 12 months, from the website on {browser}.',
        update: 'This is a known problem with exports over long date ranges; our developers are working on it today.',
        resolution:
          'The export problem is fixed. I have also attached your 12-month order history here, so you do not need to run it again.',
        summary: 'Export for long date ranges fixed; history sent to the customer.',
        note: 'Export job times out after 30 s and writes only the header. Developers aware.',
        exception:
          'Business customer needs the order export for an audit due this week and every export comes back empty. Needs a manual export and a fix.',
      },
    ],
  },
];
