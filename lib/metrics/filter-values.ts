/** The channels a dashboard filter may pick (the tickets' channel enum). */
export const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'api'] as const;
