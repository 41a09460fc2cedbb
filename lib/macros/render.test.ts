import { describe, expect, it } from 'vitest';
import { renderMacro, unknownPlaceholders } from './render';

const values = {
  'customer.name': 'Casey',
  'customer.email': 'c@example.com',
  'ticket.number': '#1042',
  'ticket.cern': null,
  'ticket.subject': 'Login',
  'agent.name': 'Alex',
};

describe('macro placeholders', () => {
  it('fills known placeholders, with or without spaces inside the braces', () => {
    expect(renderMacro('Hi {{customer.name}}, about {{ ticket.number }} — {{agent.name}}', values)).toBe(
      'Hi Casey, about #1042 — Alex',
    );
  });

  it('leaves a missing value empty and an unknown placeholder as written', () => {
    expect(renderMacro('Ref {{ticket.cern}}.', values)).toBe('Ref .');
    expect(renderMacro('{{ticket.owner}}', values)).toBe('{{ticket.owner}}');
  });

  it('lists unknown placeholders once each', () => {
    expect(unknownPlaceholders('{{ticket.owner}} {{customer.name}} {{ticket.owner}} {{x.y}}')).toEqual([
      'ticket.owner',
      'x.y',
    ]);
    expect(unknownPlaceholders('plain text {{ customer.name }}')).toEqual([]);
  });
});
