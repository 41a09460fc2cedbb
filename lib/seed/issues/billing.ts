import type { CategoryScript } from '../templates';

export const BILLING: readonly CategoryScript[] = [
  {
    name: 'Invoice question',
    description: 'Invoices, VAT, duplicate charges and payment questions.',
    team: 'Billing',
    weight: 15,
    issues: [
      {
        subject: 'Charged twice for the same order',
        description: 'My card statement shows two payments of {amount} for order {order}. I only placed it once.',
        question:
          'Sorry about that. Could you send the last four digits of the card and the dates of both payments? That lets us match them with our payment provider.',
        answer: 'The card ends in 4417 and both payments were on the same day, a minute apart.',
        update:
          'I have asked our payments team to trace both transactions with the card provider; this usually takes one to two working days.',
        resolution:
          'The second payment was a pre-authorisation that has now been released. It will disappear from your statement within 3 to 5 working days.',
        summary: 'Duplicate pre-authorisation released by the payment provider.',
        note: 'Payment provider confirms a duplicate pre-auth on {order}; release requested.',
        exception:
          'Customer double-charged {amount} for {order}; the payment provider shows both payments captured, not only pre-authorised. Needs a manual refund and a root-cause check with the provider.',
      },
      {
        subject: 'Need a VAT invoice',
        description:
          'Could you send a VAT invoice for order {order}? Our finance team needs our company name and VAT number on it.',
        question: 'Of course. Which company name, address and VAT number should appear on the invoice?',
        answer: 'The details are on the attached letterhead; our VAT number is GB 123 4567 89.',
        update: 'Thanks. Our finance team is issuing the invoice; I will send it over as soon as it is ready.',
        resolution:
          'Here is invoice {invoice} with your company details and VAT number. You will also find it under Account > Invoices.',
        summary: 'VAT invoice {invoice} issued with company details.',
        note: 'Customer is on the annual contract price list; checked before reissuing.',
        exception:
          'Business customer cannot reclaim VAT on {amount} because our invoices for the quarter lack their VAT number; their year-end closes this week. Needs finance to reissue every invoice.',
      },
      {
        subject: 'Invoice does not match the quote',
        description:
          'Invoice {invoice} is for {amount}, but the quote we accepted was lower. Can you explain the difference?',
        question: 'Could you send me the quote reference or a copy of the quote, so I can compare the two?',
        answer: 'Quote attached. It was sent to us on the 3rd by your sales team.',
        update: 'Our finance team is checking the quote against the invoice and will come back to me today.',
        resolution:
          'The quote had expired a day before the order was placed, but we have honoured it and refunded the difference.',
        summary: 'Quoted price honoured; difference refunded.',
        note: 'Finance approved honouring the expired quote as a goodwill gesture.',
        exception:
          'Invoice {invoice} charges more than the accepted quote on a large business order; customer is withholding payment. Needs a finance decision and a corrected invoice.',
      },
      {
        subject: 'Payment failed but money left my account',
        description: 'The website said my payment failed for order {order}, but {amount} has left my bank account.',
        question:
          'Sorry for the worry. Could you check whether the amount shows as "pending" or as a completed payment in your banking app?',
        answer: 'It says pending.',
        update:
          'Our payment provider confirms the payment was declined, so the pending amount is only a hold; I have asked them to release it early.',
        resolution:
          'The hold has been released, so the {amount} will be back in your available balance within a day. No order was placed, so you can order again whenever you like.',
        summary: 'Hold from a declined payment released; no order created.',
        note: 'Provider reference shows decline code 05 and an authorisation hold; release requested.',
        exception:
          "Declined payments are leaving holds of {amount} on customers' accounts for up to a week; customer is short of funds for rent. Needs the provider to release holds at once.",
      },
    ],
  },
  {
    name: 'Refund',
    description: 'Refunds for returns, cancellations and price adjustments.',
    team: 'Billing',
    weight: 12,
    issues: [
      {
        subject: 'Refund not received after return',
        description:
          'I returned the {product} (order {order}) two weeks ago and tracking shows you received it, but I have not had my refund of {amount}.',
        question:
          'Sorry for the wait. Could you send the tracking number of the return, so I can check it with our warehouse?',
        answer: 'The {carrier} tracking number is on the receipt I have attached.',
        update:
          'The warehouse has confirmed your return arrived and is being inspected; refunds are released within two working days of inspection.',
        resolution:
          'Your refund of {amount} was issued today. Depending on your bank it takes 3 to 5 working days to appear.',
        summary: 'Return inspected and refund issued.',
        note: 'Return scanned at the warehouse on day 3; inspection queue has a backlog.',
        exception:
          'Refund of {amount} for {order} overdue by more than 14 days after the return was received; customer has chased three times. Needs finance escalation.',
      },
      {
        subject: 'Refund for a cancelled order',
        description: 'I cancelled order {order} within an hour of placing it. When will I get the {amount} back?',
        question: 'Could you tell me how you paid for the order: card, PayPal or gift card?',
        answer: 'By card, the same one as always.',
        update:
          'I can see the cancellation went through, but the refund did not start automatically. I have asked our finance team to release it.',
        resolution:
          'Your refund of {amount} has been sent back to your card today. It usually shows within 3 to 5 working days.',
        summary: 'Refund for the cancelled order released manually.',
        note: 'Cancellation webhook failed, so no automatic refund. Finance released it by hand.',
        exception:
          'Cancelled orders are not being refunded automatically since the last payment release; customer is out of pocket {amount}. Needs a fix and a sweep of affected orders.',
      },
      {
        subject: 'Partial refund is the wrong amount',
        description: 'I was refunded less than I paid for order {order}. I expected {amount}.',
        question: 'Could you tell me which items you returned from that order, so I can check them against the refund?',
        answer: 'Everything except the {product}.',
        update: 'I can see the delivery charge was not included in the refund. I have asked finance to correct it.',
        resolution:
          'I have refunded the missing amount: the delivery charge should have been included. Sorry for the mix-up.',
        summary: 'Missing delivery charge refunded.',
        note: 'Refund tool excludes delivery on part returns; reported to finance systems.',
        exception:
          'Part refunds are leaving out the delivery charge on every multi-item return; customer challenged it with their bank. Needs a fix and corrections for earlier refunds.',
      },
      {
        subject: 'Refund to a card I no longer have',
        description: 'My refund is going to a card I have cancelled. Can you pay it another way?',
        question:
          'Could you tell me the last four digits of the old card, and whether your bank has said anything about forwarding refunds?',
        answer: 'The old card ends in 0082; the bank says they will forward refunds to my new card.',
        update: 'I am checking with our payment provider that the refund can go through to the closed card.',
        resolution:
          'Your bank has confirmed it will pass refunds on to your new card, so I have released the {amount} to the original card.',
        summary: 'Refund released; the bank forwards it to the new card.',
        note: 'Provider confirms refunds to closed cards are forwarded by the issuing bank.',
        exception:
          'Refund of {amount} bounced back from a closed card twice; customer has no other way to receive it. Needs finance to pay by bank transfer outside the normal process.',
      },
    ],
  },
];
