import type { CategoryScript } from '../templates';

export const ACCOUNTS: readonly CategoryScript[] = [
  {
    name: 'Account change',
    description: 'E-mail, address, ownership and closure of accounts.',
    team: 'Accounts',
    weight: 10,
    issues: [
      {
        subject: 'Change the e-mail on my account',
        description: 'I am changing jobs and need to move my account to my personal e-mail address.',
        question:
          'For security, could you reply from the e-mail address currently on the account, and tell me the new address?',
        answer: 'Replying from the old address now; the new one is in my first message.',
        update: 'Thanks, you are verified. Our accounts team makes this change within one working day.',
        resolution: 'Done: your account now uses the new address, and a confirmation has gone to both addresses.',
        summary: 'Account e-mail changed after verification.',
        note: 'Verified by reply from the old address.',
        exception:
          'Customer reports that their e-mail address was changed without their consent; possible account takeover. Needs a security review before any further change.',
      },
      {
        subject: 'Update my billing address',
        description: 'We have moved office. Please update the billing address on our account before the next invoice.',
        question:
          'Could you send the new billing address in full, and tell me whether the delivery address changes too?',
        answer: 'New address attached; deliveries go to the same new address.',
        update: 'Thanks, our accounts team is updating both addresses today.',
        resolution:
          'Both the billing and the delivery address are updated, and your next invoice will show the new one.',
        summary: 'Billing and delivery addresses updated.',
        note: 'Checked there are no open orders going to the old address.',
        exception:
          "Orders kept going to the customer's old office after they updated the address; two deliveries worth {amount} are lost. Needs a carrier claim and an address sync fix.",
      },
      {
        subject: 'Please close my account',
        description: 'I would like to close my account and have my personal data deleted.',
        question: 'Before I close it: there is a gift card balance on the account. Would you like it refunded first?',
        answer: 'Yes please, refund it to my card.',
        update: 'I have refunded the gift card balance; the account closure is now with our privacy team.',
        resolution:
          'Your account is closed and your personal data will be deleted within 30 days, as our privacy policy describes.',
        summary: 'Account closed; data deletion scheduled.',
        note: 'Data deletion request logged for the privacy team.',
        exception:
          'Customer asked for their data to be deleted 40 days ago and still receives marketing e-mail; formal complaint under data protection law. Needs the privacy team today.',
      },
      {
        subject: 'Merge two accounts',
        description:
          'I accidentally created a second account with another e-mail address. Can you merge the order history into one?',
        question: 'Which of the two accounts would you like to keep?',
        answer: 'Please keep the older account and move everything into it.',
        update: 'Our accounts team is merging the order history; it takes up to a working day.',
        resolution:
          'The accounts are merged and all orders now show under the one you kept. The other login is closed.',
        summary: 'Duplicate accounts merged.',
        note: 'Both accounts verified by the same phone number.',
        exception:
          "Merging the customer's accounts lost the loyalty points of one of them; the customer has been a member for years. Needs the points restored by hand.",
      },
    ],
  },
];
