import { appUrl, composeMail, type RenderedMail } from './layout';

/** To a webhook subscription's owner when it was paused for failing (lib/webhooks/deliver.ts). */
export function webhookPausedMail({
  name,
  subscription,
  failures,
  hours,
}: {
  name: string;
  subscription: { id: string; name: string; url: string };
  failures: number;
  hours: number;
}): RenderedMail {
  return composeMail({
    subject: `Webhook paused: ${subscription.name}`,
    greeting: `Hello ${name},`,
    paragraphs: [
      `The webhook "${subscription.name}" (${subscription.url}) failed at least ${failures} times in a row over more than ${hours} hours, so it has been paused: no events are sent to it until it is resumed.`,
      'Check that the receiver is up and answers with a 2xx status within 10 seconds, send a test event, then resume it. Events that happened while it was paused are not sent; failed deliveries can be redelivered from the delivery log.',
    ],
    action: { label: 'Open the webhook', url: appUrl(`/admin/webhooks/${subscription.id}`) },
    footer: 'You get this e-mail because you created this webhook (or are an administrator).',
  });
}
